#include "safeguarding/returns/counting.hpp"

#include <limits>

#include "format.hpp"
#include "safeguarding/error.hpp"

namespace safeguarding::inline v0::returns {

namespace detail {
/// The definitions, each once: Python's sg.COUNTING_MEASURES is read from here.
inline constexpr CountingMeasure counting_measure_list[] = {
    {"ssda903.participation",
     "DfE SSDA903 guidance, REVIEW_CODE (participation codes PN0-PN7); tabulated in the IRO annual report, seed 003 "
     "§3.10.4 (confidence: high)"},
    {"ssda903.reasons_ceased",
     "DfE SSDA903 guidance, REC (reason episode ceased; X1: the episode is followed by another in the same period of "
     "care); seed 003 §3.10.6.5 (confidence: high)"},
    {"ssda903.looked_after_at_31_march",
     "DfE SSDA903 guidance (DECOM, DEC); DfE 'Children looked after in England' statistics leave short breaks (LS V3, "
     "V4) out (confidence: check)"},
    {"ssda903.placements",
     "DfE SSDA903 guidance, RNE codes (L: a change of legal status only, not a placement move); seed 003 §3.10.6.1 "
     "(confidence: check)"},
    {"ssda903.three_or_more_placements",
     "DfE placement stability measure: children looked after at 31 March with three or more placements during the "
     "year (confidence: check)"},
    {"ssda903.missing_episodes",
     "DfE SSDA903 guidance, missing table (MISSING M or A, MIS_START, MIS_END) (confidence: high)"},
    {"cin.referrals", "DfE CIN census guidance, CINreferralDate and ReferralNFA (confidence: high)"},
    {"cin.re_referrals",
     "DfE 'Characteristics of children in need' statistics: a referral within 12 months of the same child's previous "
     "referral (confidence: check)"},
    {"cin.nfa_referrals",
     "DfE CIN census guidance, ReferralNFA: referrals leading to no further action (confidence: high)"},
    {"cin.plans_lasting_two_years_or_more",
     "DfE 'Characteristics of children in need' statistics: child protection plans ending in the year that lasted "
     "two years or more (confidence: check)"},
    {"cin.second_or_later_plans",
     "DfE 'Characteristics of children in need' statistics: plans starting in the year for a child previously the "
     "subject of a plan (NumberOfPreviousCPP) (confidence: check)"},
};
}  // namespace detail

SAFEGUARDING_FUNC std::span<const CountingMeasure> counting_measures() noexcept {
  return detail::counting_measure_list;
}

SAFEGUARDING_FUNC const CountingMeasure& counting_measure(std::string_view id) {
  for (const auto& m : detail::counting_measure_list)
    if (m.id == id) return m;
  std::string known;
  for (const auto& m : detail::counting_measure_list) known += (known.empty() ? "" : ", ") + std::string(m.id);
  throw Error(quote(id) + " is not a counting measure of the returns (they are " + known + ")");
}

SAFEGUARDING_FUNC double Proportion::share() const noexcept {
  return total != 0 ? static_cast<double>(count) / static_cast<double>(total)
                    : std::numeric_limits<double>::quiet_NaN();
}

SAFEGUARDING_FUNC std::string_view Proportion::source() const noexcept {
  for (const auto& m : detail::counting_measure_list)
    if (m.id == measure) return m.source;
  return {};
}

SAFEGUARDING_FUNC std::string Proportion::str() const {
  if (total == 0) return std::to_string(count) + " of 0";
  return std::to_string(count) + " of " + std::to_string(total) + " (" + detail::fixed(100 * share(), 1) + "%)";
}

SAFEGUARDING_FUNC std::int64_t CodeCounts::total() const noexcept {
  std::int64_t sum = 0;
  for (auto c : counts) sum += c;
  return sum;
}

SAFEGUARDING_FUNC std::vector<double> CodeCounts::shares() const {
  const std::int64_t all = total();
  std::vector<double> out;
  for (auto c : counts)
    out.push_back(all ? static_cast<double>(c) / static_cast<double>(all) : std::numeric_limits<double>::quiet_NaN());
  return out;
}

SAFEGUARDING_FUNC std::int64_t CodeCounts::count(std::string_view code) const noexcept {
  for (std::size_t i = 0; i < codes.size(); ++i)
    if (codes[i] == code) return counts[i];
  return 0;
}

}  // namespace safeguarding::inline v0::returns
