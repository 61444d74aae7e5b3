// Private: month arithmetic by table lookup over a calendar's days (the civil algorithms'
// divisions cost more than the rest of an instance's work), and the shift of a day by a timescale.
#pragma once

#include <cstdint>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/support/calendar_table.hpp"
#include "safeguarding/support/civil.hpp"
#include "safeguarding/support/nat.hpp"
#include "safeguarding/timescale.hpp"

namespace safeguarding::inline v0::timeliness::detail {

/// Each day's month and day of month, each month's first day and length, over the days of a
/// calendar. Days outside the table fall back to the civil algorithms.
class MonthTable {
 public:
  explicit MonthTable(const support::CalendarTable& cal);

  /// Whether the table has the day.
  [[nodiscard]] bool covers(std::int64_t day) const noexcept {
    return day >= first_ && day - first_ < static_cast<std::int64_t>(month_.size());
  }
  /// The month of a day the table covers, counted from the month of the table's first day.
  [[nodiscard]] std::int32_t month_index(std::int64_t day) const noexcept {
    return month_[static_cast<std::size_t>(day - first_)];
  }
  /// The months the table covers, from the month of its first day to that of its last.
  [[nodiscard]] std::size_t months() const noexcept { return month_start_.size(); }
  /// The first day of the table's first month (before the table's first day, when that is not a 1st).
  [[nodiscard]] std::int64_t first_month_start() const noexcept { return month_start_.front(); }

  [[nodiscard]] std::int64_t add_months(std::int64_t day, std::int64_t months) const noexcept {
    const std::int64_t off = day - first_;
    if (off >= 0 && off < static_cast<std::int64_t>(month_.size())) {
      const std::int64_t target = month_[static_cast<std::size_t>(off)] + months;
      if (target >= 0 && target < static_cast<std::int64_t>(month_start_.size())) {
        const auto t = static_cast<std::size_t>(target);
        const unsigned dom = day_[static_cast<std::size_t>(off)];
        const unsigned len = month_length_[t];
        return month_start_[t] + (dom < len ? dom : len) - 1;
      }
    }
    return support::add_months_to_days(day, months);
  }

 private:
  std::int64_t first_;
  std::vector<std::int32_t> month_;
  std::vector<std::uint8_t> day_;
  std::vector<std::int64_t> month_start_;
  std::vector<std::uint8_t> month_length_;
};

/// Shifts a serial day by a timescale (negative amount: backwards); `nat` when outside the calendar.
inline std::int64_t shift_day(const support::CalendarTable& cal, const MonthTable& months, std::int64_t day,
                              std::int64_t amount, TimeUnit unit) noexcept {
  switch (unit) {
    case TimeUnit::working_days:
      return cal.add(day, amount);
    case TimeUnit::calendar_days:
      return day + amount;
    case TimeUnit::weeks:
      return day + 7 * amount;
    case TimeUnit::months:
      return months.add_months(day, amount);
    case TimeUnit::years:
      return months.add_months(day, 12 * amount);
    case TimeUnit::hours:
      return day + (amount >= 0 ? (amount + 23) / 24 : -((-amount + 23) / 24));
  }
  return nat;
}

}  // namespace safeguarding::inline v0::timeliness::detail
