// Referrals per 10,000 children, year by year.
#include "safeguarding/front_door/measures.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "safeguarding/support/civil.hpp"

namespace safeguarding::inline v0::front_door {

SAFEGUARDING_FUNC std::int32_t year_of(std::int64_t day, unsigned year_start) {
  const auto c = support::civil_from_days(day);
  return static_cast<std::int32_t>(year_start != 1 && c.month >= year_start ? c.year + 1 : c.year);
}

SAFEGUARDING_FUNC std::string year_text(std::int32_t year, unsigned year_start) {
  if (year_start == 1) return std::to_string(year);
  const std::int32_t short_year = ((year % 100) + 100) % 100;
  return std::to_string(year - 1) + "-" + (short_year < 10 ? "0" : "") + std::to_string(short_year);
}

SAFEGUARDING_FUNC std::vector<ReferralRate> referral_rates(const Records& r, unsigned year_start,
                                                           std::span<const Population> population) {
  if (year_start < 1 || year_start > 12) throw Error("referral rates: there is no month " + std::to_string(year_start));
  std::map<std::int32_t, std::int64_t> children;
  Problems problems;
  for (const Population& p : population) {
    const std::string where = "population of " + std::to_string(p.year);
    if (p.children <= 0)
      problems.add(where, "the number of children must be positive, got " + std::to_string(p.children));
    if (!children.emplace(p.year, p.children).second) problems.add(where, "given twice");
  }
  problems.throw_if_any("referral rates");
  std::map<std::int32_t, std::int64_t> referrals;
  const auto& k = r.contacts;
  for (std::size_t i = 0; i < k.use.size(); ++i)
    if (k.use[i] == static_cast<std::uint8_t>(RecordUse::used) && k.referral[i])
      ++referrals[year_of(k.date[i], year_start)];
  std::vector<std::int32_t> years;
  for (const auto& [y, n] : referrals) years.push_back(y);
  for (const auto& [y, n] : children) years.push_back(y);
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  std::vector<ReferralRate> out;
  double first_rate = std::numeric_limits<double>::quiet_NaN();
  for (std::int32_t y : years) {
    ReferralRate row;
    row.year = y;
    row.first = year_start == 1 ? Date(static_cast<unsigned short>(y), 1, 1)
                                : Date(static_cast<unsigned short>(y - 1), static_cast<unsigned short>(year_start), 1);
    row.last = add_days(add_months(row.first, 12), -1);
    row.referrals = referrals.count(y) ? referrals[y] : 0;
    row.children = children.count(y) ? children[y] : 0;
    row.complete = r.as_of != nat && to_days(row.last) <= r.as_of;
    if (row.children > 0) row.rate = static_cast<double>(row.referrals) * 10000.0 / static_cast<double>(row.children);
    if (!out.empty() && !std::isnan(out.back().rate) && out.back().year == y - 1 && !std::isnan(row.rate))
      row.change_on_previous = (row.rate / out.back().rate - 1.0) * 100.0;
    if (std::isnan(first_rate) && !std::isnan(row.rate)) first_rate = row.rate;
    if (!std::isnan(row.rate)) row.change_since_first = (row.rate / first_rate - 1.0) * 100.0;
    out.push_back(row);
  }
  return out;
}

}  // namespace safeguarding::inline v0::front_door
