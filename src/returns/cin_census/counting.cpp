// The CIN census's counting measures.
#include <algorithm>
#include <map>

#include "../columns.hpp"
#include "safeguarding/re_referrals.hpp"
#include "safeguarding/returns/cin_census/measures.hpp"
#include "safeguarding/support/civil.hpp"

namespace safeguarding::inline v0::returns::cin_census {

SAFEGUARDING_FUNC Referrals referrals(const CinCensus& census, ReportingYear year) {
  const Table& details = census.data.table("cin_details");
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
  const Table& plans = census.data.table("cp_plans");
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
  const Table& plans = census.data.table("cp_plans");
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
