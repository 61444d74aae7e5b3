// A calendar's lookup tables over serial days (days since 1970-01-01): the constant-time
// working-day arithmetic that `Calendar` and every vectorised loop over dates share (the
// vectorised functions, the timeliness engine, action plans, the front door).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "safeguarding/holiday.hpp"
#include "safeguarding/support/nat.hpp"

namespace safeguarding::inline v0::support {

/// The read-only state shared by copies of a Calendar: its definition and the lookup tables.
struct CalendarTable {
  std::string name;
  Weekend weekend;
  std::int64_t first = 0;         // serial day (days since 1970-01-01) of the first covered date
  std::int64_t last = 0;          // serial day of the last covered date, inclusive
  std::vector<Holiday> holidays;  // sorted by date, one per date, all within [first, last]
  // cumulative[i]: working days in [first, first + i); size = days covered + 1.
  std::vector<std::int32_t> cumulative;
  // working_day[k]: offset from `first` of the (k + 1)-th working day.
  std::vector<std::int32_t> working_day;
  // The same two tables as 16-bit numbers, for the vectorised loops, when every entry fits (a
  // calendar of at most 65,535 days: the built-in ones cover 47,847); empty otherwise. At half the
  // size, more of them stays in the cache while the loops stream their arrays through it.
  std::vector<std::uint16_t> cumulative16;
  std::vector<std::uint16_t> working_day16;
  std::size_t hash = 0;

  static constexpr std::int64_t invalid = nat;

  [[nodiscard]] bool covers(std::int64_t day) const noexcept { return day >= first && day <= last; }

  [[nodiscard]] bool is_working(std::int64_t day) const noexcept {
    const auto i = static_cast<std::size_t>(day - first);
    return cumulative[i + 1] != cumulative[i];
  }

  /// The n-th working day strictly after (n > 0) or before (n < 0) `day`; `day` for n = 0;
  /// `invalid` when `day` or the answer lies outside the table (for any n: a count beyond the
  /// table's working days is outside it, and never overflows).
  [[nodiscard]] std::int64_t add(std::int64_t day, std::int64_t n) const noexcept {
    if (!covers(day)) return invalid;
    if (n == 0) return day;
    const auto i = static_cast<std::size_t>(day - first);
    const auto count = static_cast<std::int64_t>(working_day.size());
    // The table holds fewer than 2^31 days, so a shift by more than `count` is outside it.
    if (n > count || n < -count) return invalid;
    const std::int64_t k = n > 0 ? std::int64_t{cumulative[i + 1]} + n - 1 : std::int64_t{cumulative[i]} + n;
    if (k < 0 || k >= count) return invalid;
    return first + working_day[static_cast<std::size_t>(k)];
  }

  /// working_days_between; `invalid` when either day lies outside the table.
  [[nodiscard]] std::int64_t between(std::int64_t a, std::int64_t b) const noexcept {
    if (!covers(a) || !covers(b)) return invalid;
    const auto ia = static_cast<std::size_t>(a - first);
    const auto ib = static_cast<std::size_t>(b - first);
    return b >= a ? std::int64_t{cumulative[ib + 1]} - cumulative[ia + 1]
                  : std::int64_t{cumulative[ib]} - cumulative[ia];
  }
};

}  // namespace safeguarding::inline v0::support
