#include "safeguarding/re_referrals.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>

#include "safeguarding/error.hpp"
#include "safeguarding/support/civil.hpp"
#include "safeguarding/support/nat.hpp"

namespace safeguarding::inline v0 {

SAFEGUARDING_FUNC std::vector<std::int64_t> previous_referrals(std::span<const std::int64_t> child,
                                                               std::span<const std::int64_t> day) {
  if (child.size() != day.size())
    throw Error("re-referrals: " + std::to_string(child.size()) + " children for " + std::to_string(day.size()) +
                " referral dates");
  std::vector<std::size_t> order(child.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (child[a] != child[b]) return child[a] < child[b];
    if (day[a] != day[b]) return day[a] < day[b];
    return a < b;
  });
  std::vector<std::int64_t> previous(child.size(), -1);
  std::int64_t current = 0;
  bool any = false;
  std::int64_t last_row = -1, last_day = nat;      // the child's latest referral so far
  std::int64_t before_row = -1, before_day = nat;  // its latest referral on an earlier day
  for (const std::size_t i : order) {
    if (day[i] == nat) continue;
    if (!any || child[i] != current) {
      any = true;
      current = child[i];
      last_row = before_row = -1;
      last_day = before_day = nat;
    }
    if (last_row >= 0 && last_day < day[i]) {
      before_row = last_row;
      before_day = last_day;
    }
    if (before_row >= 0 && before_day >= support::add_months_to_days(day[i], -12)) previous[i] = before_row;
    last_row = static_cast<std::int64_t>(i);
    last_day = day[i];
  }
  return previous;
}

}  // namespace safeguarding::inline v0
