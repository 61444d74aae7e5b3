// The CIN census's counting measures.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "../columns.hpp"
#include "safeguarding/re_referrals.hpp"
#include "safeguarding/returns/cin_census/measures.hpp"
#include "safeguarding/support/civil.hpp"
#include "years.hpp"

namespace safeguarding::inline v0::returns::cin_census {

SAFEGUARDING_FUNC Coverage coverage(const CinCensus& census) {
  Coverage c;
  int year = detail::stated_year(census);
  if (year != 0) {
    c.what = "the census's collection year, its Year " + std::to_string(year) + " (1 April to 31 March)";
  } else if (census.reference_date != nat) {
    year = ReportingYear::ending_of(census.reference_date);
    c.what = "the census's collection year, that of its ReferenceDate " + format_days(census.reference_date) +
             " (1 April to 31 March)";
  } else {
    // The referrals reach back years before the census's own: its latest date is no statement of
    // the year it reports.
    c.unknown =
        "the census's collection year is not known (its header gives no four-digit Year and no "
        "ReferenceDate)";
    return c;
  }
  c.years.push_back(year);
  return c;
}

namespace detail {
/// The check every counting measure makes first: the year is covered by the census (else an Error:
/// no number made of part of a year). A census supplies every table (the XML schema has no empty
/// table: a census without CINdetails elements had no referral or episode of need in its year),
/// so a table with no rows counts 0, and a proportion of nothing is 0 of 0.
SAFEGUARDING_FUNC const Table& counted_table(const CinCensus& census, ReportingYear year, std::string_view table,
                                             std::string_view measure) {
  require_covered(coverage(census), year, measure);
  const Table* t = census.data.find(table);
  if (t == nullptr)
    throw Error(std::string(measure) + ": the census has no " + std::string(table) + " table: no figure can be given");
  return *t;
}
}  // namespace detail

SAFEGUARDING_FUNC Referrals referrals(const CinCensus& census, ReportingYear year) {
  const Table& details = detail::counted_table(census, year, "cin_details", "cin.referrals");
  const auto& day = details.column("CINreferralDate").numbers;
  const auto& nfa = details.column("ReferralNFA").flags;
  const std::vector<std::int64_t> child = returns::detail::widen(details.column("LAchildID").codes);
  const std::vector<std::int64_t> previous = previous_referrals(child, day);
  Referrals out{"cin.referrals", year, {}, {}, {}};
  for (std::size_t i = 0; i < details.size(); ++i) {
    if (!year.contains(day[i])) continue;
    out.rows.push_back(static_cast<std::int64_t>(i));
    out.re_referral.push_back(previous[i] >= 0 ? 1 : 0);
    out.nfa.push_back(nfa[i] == 1 ? 1 : 0);
  }
  return out;
}

namespace detail {
SAFEGUARDING_FUNC std::int64_t count_set(const std::vector<std::uint8_t>& flags) {
  std::int64_t n = 0;
  for (auto f : flags) n += f ? 1 : 0;
  return n;
}
}  // namespace detail

SAFEGUARDING_FUNC Proportion re_referrals(const CinCensus& census, ReportingYear year) {
  const Referrals r = referrals(census, year);
  return Proportion{"cin.re_referrals", detail::count_set(r.re_referral), static_cast<std::int64_t>(r.size())};
}

SAFEGUARDING_FUNC Proportion nfa_referrals(const CinCensus& census, ReportingYear year) {
  const Referrals r = referrals(census, year);
  return Proportion{"cin.nfa_referrals", detail::count_set(r.nfa), static_cast<std::int64_t>(r.size())};
}

SAFEGUARDING_FUNC Proportion plans_lasting_two_years_or_more(const CinCensus& census, ReportingYear year) {
  const Table& plans = detail::counted_table(census, year, "cp_plans", "cin.plans_lasting_two_years_or_more");
  const auto& start = plans.column("CPPstartDate").numbers;
  const auto& end = plans.column("CPPendDate").numbers;
  Proportion out{"cin.plans_lasting_two_years_or_more", 0, 0};
  for (std::size_t i = 0; i < plans.size(); ++i) {
    if (!year.contains(end[i])) continue;
    ++out.total;
    out.count += start[i] != nat && end[i] >= support::add_months_to_days(start[i], 24) ? 1 : 0;
  }
  return out;
}

SAFEGUARDING_FUNC Proportion second_or_later_plans(const CinCensus& census, ReportingYear year) {
  const Table& plans = detail::counted_table(census, year, "cp_plans", "cin.second_or_later_plans");
  const auto& child = plans.column("LAchildID").codes;
  const auto& start = plans.column("CPPstartDate").numbers;
  const auto& previous = plans.column("NumberOfPreviousCPP").numbers;
  std::map<std::int32_t, std::int64_t> first_start;  // the child's first plan in the census
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const auto [it, fresh] = first_start.emplace(child[i], start[i]);
    if (!fresh) it->second = std::min(it->second, start[i]);
  }
  Proportion out{"cin.second_or_later_plans", 0, 0};
  for (std::size_t i = 0; i < plans.size(); ++i) {
    if (!year.contains(start[i])) continue;
    ++out.total;
    const bool before = previous[i] != nat && previous[i] >= 1;
    out.count += before || start[i] > first_start[child[i]] ? 1 : 0;
  }
  return out;
}

}  // namespace safeguarding::inline v0::returns::cin_census
