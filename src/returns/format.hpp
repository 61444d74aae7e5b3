// Text formatting shared by the returns' results: whole numbers with thousands separators, fixed
// decimals, shares as percentages, long dates ("31 March 2019").
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "safeguarding/support/civil.hpp"

namespace safeguarding::inline v0::returns::detail {

/// How many findings of one kind (unknown elements under one element, unknown columns of one file)
/// are listed one by one; the rest are one finding with their count (docs/errors.md).
inline constexpr std::int64_t max_listed_findings = 100;

/// "2,675" (as Python's "{:,}").
inline std::string grouped(std::int64_t n) {
  // The sign kept from to_string's text rather than prefixed with "-" + …, which GCC 12 warns of
  // wrongly (-Wrestrict, GCC bug 105329) where this is inlined; nor is -n taken, which overflows.
  const std::string digits = std::to_string(n);
  const std::size_t sign = n < 0 ? 1 : 0;
  std::string out = digits.substr(0, sign);
  for (std::size_t i = sign; i < digits.size(); ++i) {
    if (i > sign && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

/// `value` with `decimals` digits after the point, rounded as printf (and Python's format) round.
inline std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

/// "1 finding", "2,675 findings".
inline std::string plural(std::int64_t count, const std::string& noun) {
  return grouped(count) + " " + noun + (count == 1 ? "" : "s");
}

/// "31 March 2019" (the day with two digits, as strftime's %d).
inline std::string long_date(std::int64_t day) {
  static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  const auto c = support::civil_from_days(day);
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02u", c.day);
  return std::string(buffer) + " " + months[c.month - 1] + " " + std::to_string(c.year);
}

}  // namespace safeguarding::inline v0::returns::detail
