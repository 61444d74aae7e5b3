// Proleptic Gregorian arithmetic on serial day numbers (days since 1970-01-01, the same count as
// numpy's datetime64[D]). Branch-light and constexpr so vectorised loops can use it directly.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace safeguarding::inline v0::support {

struct CivilDate {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

constexpr bool is_leap_year(std::int64_t y) noexcept {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
  constexpr unsigned lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && is_leap_year(y)) ? 29u : lengths[m - 1];
}

// The era-based algorithms: a 400-year era has exactly 146097 days, and counting years from March
// puts the leap day last, so month lengths follow a linear formula.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

constexpr CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

/// 0 = Monday … 6 = Sunday (ISO order, as Python's date.weekday()).
constexpr unsigned weekday_from_days(std::int64_t z) noexcept {
  // 1970-01-01 was a Thursday (3).
  const std::int64_t r = (z + 3) % 7;
  return static_cast<unsigned>(r < 0 ? r + 7 : r);
}

/// Adds whole months, keeping the day of month and clamping it to the target month's length.
constexpr std::int64_t add_months_to_days(std::int64_t z, std::int64_t months) noexcept {
  const CivilDate c = civil_from_days(z);
  const std::int64_t total = c.year * 12 + static_cast<std::int64_t>(c.month) - 1 + months;
  const std::int64_t y = total >= 0 ? total / 12 : (total - 11) / 12;
  const auto m = static_cast<unsigned>(total - y * 12 + 1);
  const unsigned last = days_in_month(y, m);
  return days_from_civil(y, m, c.day < last ? c.day : last);
}

/// Whether a + b overflows 64 bits (checked without forming it).
constexpr bool sum_overflows(std::int64_t a, std::int64_t b) noexcept {
  return b > 0 ? a > std::numeric_limits<std::int64_t>::max() - b : a < std::numeric_limits<std::int64_t>::min() - b;
}

/// |n| as text, for any n (-n overflows for the smallest int64).
inline std::string magnitude_text(std::int64_t n) {
  const auto u = static_cast<std::uint64_t>(n);
  return std::to_string(n >= 0 ? u : std::uint64_t{0} - u);
}

}  // namespace safeguarding::inline v0::support
