// Periods of serial days: month numbers (months since year 0, January = 0), the first day of a
// month, quarter or year, and floor division. The timeliness summaries, the front door's tables and
// the returns' reporting years all bucket dates through these, so that a date falls in the same
// period everywhere.
#pragma once

#include <cstdint>

#include "safeguarding/support/civil.hpp"

namespace safeguarding::inline v0::support {

/// a / b rounded towards negative infinity (b > 0).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// The month a serial day falls in, counted from January of year 0 (year * 12 + month - 1).
constexpr std::int64_t month_number(std::int64_t day) noexcept {
  const CivilDate c = civil_from_days(day);
  return c.year * 12 + static_cast<std::int64_t>(c.month) - 1;
}

/// The first day of a month given by its month number.
constexpr std::int64_t first_day_of_month(std::int64_t month) noexcept {
  const std::int64_t year = floor_div(month, 12);
  return days_from_civil(year, static_cast<unsigned>(month - year * 12) + 1, 1);
}

/// The first month of the period of `months` months (1, 3 for quarters, 12 for years) that holds
/// `month`, periods starting in January plus `offset` months (3: the reporting year from April).
constexpr std::int64_t period_first_month(std::int64_t month, std::int64_t months, std::int64_t offset = 0) noexcept {
  return floor_div(month - offset, months) * months + offset;
}

}  // namespace safeguarding::inline v0::support
