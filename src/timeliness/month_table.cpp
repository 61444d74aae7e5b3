#include "safeguarding/timeliness/engine.hpp"

#include "month_table.hpp"

namespace safeguarding::inline v0::timeliness::detail {

SAFEGUARDING_FUNC MonthTable::MonthTable(const support::CalendarTable& cal) : first_(cal.first) {
  const auto days = static_cast<std::size_t>(cal.last - cal.first + 1);
  month_.resize(days);
  day_.resize(days);
  const auto start = support::civil_from_days(cal.first);
  const std::int64_t first_month = start.year * 12 + static_cast<std::int64_t>(start.month) - 1;
  for (std::size_t i = 0; i < days; ++i) {
    const auto c = support::civil_from_days(cal.first + static_cast<std::int64_t>(i));
    const std::int64_t m = c.year * 12 + static_cast<std::int64_t>(c.month) - 1;
    month_[i] = static_cast<std::int32_t>(m - first_month);
    day_[i] = static_cast<std::uint8_t>(c.day);
    if (c.day == 1 || i == 0) {
      month_start_.push_back(cal.first + static_cast<std::int64_t>(i) - (c.day - 1));
      month_length_.push_back(static_cast<std::uint8_t>(support::days_in_month(c.year, c.month)));
    }
  }
}

}  // namespace safeguarding::inline v0::timeliness::detail
