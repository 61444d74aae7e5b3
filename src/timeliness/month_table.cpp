#include "safeguarding/timeliness/engine.hpp"

#include "month_table.hpp"

namespace safeguarding::inline v0::timeliness::detail {

SAFEGUARDING_FUNC MonthTable::MonthTable(const support::CalendarTable& cal) : first_(cal.first) {
  // Made at every engine call (every measure), over the calendar's 47,847 days: the civil date of
  // the first day only, then each day's month and day counted on, month by month (the civil
  // algorithm's divisions at every day cost as much as a small measure's other work).
  const auto days = static_cast<std::size_t>(cal.last - cal.first + 1);
  month_.resize(days);
  day_.resize(days);
  const auto start = support::civil_from_days(cal.first);
  std::int64_t year = start.year;
  unsigned month = start.month;
  unsigned day = start.day;
  std::int32_t index = 0;
  std::size_t i = 0;
  while (i < days) {
    const unsigned length = support::days_in_month(year, month);
    month_start_.push_back(cal.first + static_cast<std::int64_t>(i) - (day - 1));
    month_length_.push_back(static_cast<std::uint8_t>(length));
    for (; day <= length && i < days; ++day, ++i) {
      month_[i] = index;
      day_[i] = static_cast<std::uint8_t>(day);
    }
    day = 1;
    ++index;
    if (++month == 13) month = 1, ++year;
  }
}

}  // namespace safeguarding::inline v0::timeliness::detail
