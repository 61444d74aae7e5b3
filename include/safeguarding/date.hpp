// Dates and date-times: the Boost.Date_Time types, strict parsing with errors that name the value,
// and calendar arithmetic (months clamp to the month's end; see docs/calendar.md).
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "safeguarding/error.hpp"
#include "safeguarding/support/civil.hpp"
#include "safeguarding/support/nat.hpp"
#include "safeguarding/support/parse.hpp"

namespace safeguarding::inline v0 {

using Date = boost::gregorian::date;
using DateTime = boost::posix_time::ptime;

/// The first and last dates Boost.Date_Time can represent.
inline constexpr int min_year = 1400;
inline constexpr int max_year = 9999;
/// The same as serial days (days since 1970-01-01).
inline constexpr std::int64_t min_serial_day = support::days_from_civil(min_year, 1, 1);
inline constexpr std::int64_t max_serial_day = support::days_from_civil(max_year, 12, 31);

/// Boost's day number (a Julian day number) of 1970-01-01, the origin of numpy's datetime64.
inline constexpr std::int64_t unix_epoch_day_number = 2440588;

/// Serial day count since 1970-01-01: the integer inside numpy's `datetime64[D]`.
inline std::int64_t to_days(Date d) {
  if (d.is_special())
    throw Error("expected a date, got " + std::string(d.is_not_a_date() ? "not-a-date" : "an infinite date"));
  return static_cast<std::int64_t>(d.day_number()) - unix_epoch_day_number;
}

inline std::string month_name(unsigned month) {
  static constexpr std::array<const char*, 12> names = {"January",   "February", "March",    "April",
                                                        "May",       "June",     "July",     "August",
                                                        "September", "October",  "November", "December"};
  return month >= 1 && month <= 12 ? names[month - 1] : "month " + std::to_string(month);
}

inline std::string weekday_name(unsigned iso_weekday) {  // 0 = Monday
  static constexpr std::array<const char*, 7> names = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};
  return iso_weekday < 7 ? names[iso_weekday] : "weekday " + std::to_string(iso_weekday);
}

/// ISO 8601 text, "2019-09-27"; works for any serial day, including those Boost cannot hold.
inline std::string format_days(std::int64_t days) {
  // Beyond ±2^62 days (about 10^16 years) the civil algorithm's arithmetic would overflow.
  constexpr std::int64_t limit = std::int64_t{1} << 62;
  if (days > limit || days < -limit) return "day " + std::to_string(days);
  const support::CivilDate c = support::civil_from_days(days);
  char buffer[32];
  auto put = [&](char* p, std::int64_t v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
  };
  if (c.year < 0 || c.year > 9999)
    return "year " + std::to_string(c.year) + "-" + std::to_string(c.month) + "-" + std::to_string(c.day);
  put(buffer, c.year, 4);
  buffer[4] = '-';
  put(buffer + 5, c.month, 2);
  buffer[7] = '-';
  put(buffer + 8, c.day, 2);
  return std::string(buffer, 10);
}

/// Builds a date from a serial day count; throws when Boost cannot represent it.
inline Date from_days(std::int64_t days) {
  if (days < min_serial_day || days > max_serial_day)
    throw Error(format_days(days) + " is outside the dates this library can represent (" + std::to_string(min_year) +
                "-01-01 to " + std::to_string(max_year) + "-12-31)");
  return Date(static_cast<Date::date_int_type>(days + unix_epoch_day_number));
}

/// ISO 8601 text, "2019-09-27".
inline std::string to_iso(Date d) {
  if (d.is_special()) return d.is_not_a_date() ? "not-a-date" : "infinity";
  return format_days(to_days(d));
}

/// "Friday 27 September 2019": for sentences a reader will see.
inline std::string to_long_text(Date d) {
  if (d.is_special()) return to_iso(d);
  const std::int64_t days = to_days(d);
  const support::CivilDate c = support::civil_from_days(days);
  return weekday_name(support::weekday_from_days(days)) + " " + std::to_string(c.day) + " " + month_name(c.month) +
         " " + std::to_string(c.year);
}

/// ISO 8601 date-time, "2019-09-27T14:30:00".
inline std::string to_iso(const DateTime& t) {
  if (t.is_special()) return "not-a-date-time";
  const auto tod = t.time_of_day();
  char buffer[16];
  auto two = [](char* p, long v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  buffer[0] = 'T';
  two(buffer + 1, tod.hours());
  buffer[3] = ':';
  two(buffer + 4, tod.minutes());
  buffer[6] = ':';
  two(buffer + 7, tod.seconds());
  return to_iso(t.date()) + std::string(buffer, 9);
}

/// Builds a date from year, month and day, or throws an Error naming `text` (the text they were
/// read from) and the reason, prefixed by `where`.
inline Date make_date(std::int64_t y, unsigned m, unsigned d, std::string_view text = {}, std::string_view where = {}) {
  auto fail = [&](const std::string& why) -> Date {
    throw Error(std::string(where), quote(text) + " is not a valid date: " + why);
  };
  if (m < 1 || m > 12) return fail("there is no month " + std::to_string(m));
  if (y < min_year || y > max_year)
    return fail("the year must be between " + std::to_string(min_year) + " and " + std::to_string(max_year));
  const unsigned last = support::days_in_month(y, m);
  if (d < 1 || d > last)
    return fail(month_name(m) + " " + std::to_string(y) + " has " + std::to_string(last) + " days");
  return Date(static_cast<Date::date_int_type>(support::days_from_civil(y, m, d) + unix_epoch_day_number));
}

/// Parses an ISO 8601 calendar date, "YYYY-MM-DD", exactly. `where` names the origin of the text
/// (a file and row, a JSON pointer) and prefixes the error message.
inline Date parse_date(std::string_view text, std::string_view where = {}) {
  const std::string_view t = support::trim(text);
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !support::parse_digits(t.substr(0, 4), y) ||
      !support::parse_digits(t.substr(5, 2), m) || !support::parse_digits(t.substr(8, 2), d))
    throw Error(std::string(where), quote(text) + " is not a date in the form YYYY-MM-DD");
  return make_date(y, m, d, text, where);
}

/// Parses a date written day first, "dd/mm/YYYY" (the statutory returns' form; "d/m/YYYY" too).
inline Date parse_uk_date(std::string_view text, std::string_view where = {}) {
  const std::string_view t = support::trim(text);
  const auto first = t.find('/');
  const auto second = first == std::string_view::npos ? first : t.find('/', first + 1);
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  if (second == std::string_view::npos || t.size() - second - 1 != 4 || !support::parse_digits(t.substr(0, first), d) ||
      first > 2 || second - first - 1 > 2 || !support::parse_digits(t.substr(first + 1, second - first - 1), m) ||
      !support::parse_digits(t.substr(second + 1), y))
    throw Error(std::string(where), quote(text) + " is not a date in the form dd/mm/YYYY");
  return make_date(y, m, d, text, where);
}

/// Parses "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T); a bare date means midnight.
inline DateTime parse_date_time(std::string_view text, std::string_view where = {}) {
  const std::string_view t = support::trim(text);
  if (t.size() == 10) return DateTime(parse_date(t, where));
  const Date day = t.size() >= 10 ? parse_date(t.substr(0, 10), where) : parse_date(t, where);
  auto fail = [&]() -> DateTime {
    throw Error(std::string(where), quote(text) + " is not a date-time in the form YYYY-MM-DDTHH:MM[:SS]");
  };
  const std::string_view rest = t.substr(10);
  if (rest.size() != 6 && rest.size() != 9) return fail();
  if ((rest[0] != 'T' && rest[0] != ' ') || rest[3] != ':' || (rest.size() == 9 && rest[6] != ':')) return fail();
  int h = 0, mi = 0, s = 0;
  if (!support::parse_digits(rest.substr(1, 2), h) || !support::parse_digits(rest.substr(4, 2), mi) ||
      (rest.size() == 9 && !support::parse_digits(rest.substr(7, 2), s)))
    return fail();
  if (h > 23 || mi > 59 || s > 59) throw Error(std::string(where), quote(text) + " is not a valid time of day");
  return DateTime(day, boost::posix_time::hours(h) + boost::posix_time::minutes(mi) + boost::posix_time::seconds(s));
}

/// The same day of the month `n` months later (earlier for negative `n`), clamped to the last day
/// of a shorter month: 30 April + 3 months = 30 July; 31 August + 6 months = 28 or 29 February.
/// (Boost's `months` duration snaps month-ends to month-ends, which is not this rule.)
inline Date add_months(Date d, std::int64_t n) {
  // No date is representable beyond this many months away: checked first, so that any n is an
  // Error rather than an overflow of the month count.
  constexpr std::int64_t limit = std::int64_t{12} * (max_year - min_year + 1);
  if (n > limit || n < -limit)
    throw Error(to_iso(d) + (n >= 0 ? " + " : " - ") + support::magnitude_text(n) +
                " months is outside the dates this library can represent");
  return from_days(support::add_months_to_days(to_days(d), n));
}

/// `add_months(d, 12 * n)`: 29 February + 1 year = 28 February.
inline Date add_years(Date d, std::int64_t n) {
  constexpr std::int64_t limit = max_year - min_year + 1;
  if (n > limit || n < -limit)
    throw Error(to_iso(d) + (n >= 0 ? " + " : " - ") + support::magnitude_text(n) +
                " years is outside the dates this library can represent");
  return add_months(d, 12 * n);
}

/// Calendar days: `add_days(d, n) = d + n`, checked against the representable range (for any n:
/// the sum is checked before it is formed, so that it cannot overflow).
inline Date add_days(Date d, std::int64_t n) {
  const std::int64_t day = to_days(d);
  if (support::sum_overflows(day, n))
    throw Error(to_iso(d) + (n >= 0 ? " + " : " - ") + support::magnitude_text(n) +
                " days is outside the dates this library can represent");
  return from_days(day + n);
}

/// Calendar days from `a` to `b` (negative when `b` is before `a`).
inline std::int64_t days_between(Date a, Date b) {
  return to_days(b) - to_days(a);
}

/// ISO weekday, 0 = Monday … 6 = Sunday.
inline unsigned iso_weekday(Date d) {
  return support::weekday_from_days(to_days(d));
}

}  // namespace safeguarding::inline v0
