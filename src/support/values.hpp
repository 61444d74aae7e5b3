// Reading one value of a return: codes and ids trimmed and upper-cased, dd/mm/YYYY and ISO dates
// (optionally followed by a time of day), flags and whole numbers. On failure the problem is said in
// words naming the value.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "bytes.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/support/civil.hpp"

namespace safeguarding::inline v0::support {

namespace detail {

/// ' ', '\t', '\n', '\v', '\f' or '\r'.
inline bool is_space(char c) noexcept {
  return c == ' ' || static_cast<unsigned char>(c - '\t') <= '\r' - '\t';
}

/// trim's loops, for a value with a byte of ' ' or below at either end.
inline std::string_view trim_spaces(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string_view trim(std::string_view s) noexcept {
  // Nearly every value has no space at either end: answered by two tests (no space is above ' '),
  // without the loops.
  if (s.empty() || (static_cast<unsigned char>(s.front()) > ' ' && static_cast<unsigned char>(s.back()) > ' '))
    return s;
  return trim_spaces(s);
}

inline char upper(char c) noexcept {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

/// Upper-cased (ASCII letters only; `s` trimmed already); `scratch` holds the result when it differs.
inline std::string_view upper_code(std::string_view s, std::string& scratch) {
  if (!has_lower_case(s)) return s;
  scratch.assign(s);
  for (char& c : scratch) c = upper(c);
  return scratch;
}

/// Trimmed and upper-cased (ASCII letters only); `scratch` holds the result when it differs.
inline std::string_view normalise_code(std::string_view s, std::string& scratch) {
  return upper_code(trim(s), scratch);
}

inline bool two_digits(std::string_view s, std::size_t at, unsigned& out) noexcept {
  const char a = s[at], b = s[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  out = static_cast<unsigned>((a - '0') * 10 + (b - '0'));
  return true;
}

inline bool four_digits(std::string_view s, std::size_t at, std::int64_t& out) noexcept {
  std::int64_t v = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

/// True for the time of day a date-time carries after its date: "HH:MM", "HH:MM:SS", optionally
/// with a fraction of a second and a time zone ("Z", "+01:00"), as spreadsheets and XML write them.
inline bool is_time_of_day(std::string_view t) noexcept {
  unsigned h = 0, m = 0, s = 0;
  if (t.size() < 5 || t[2] != ':' || !two_digits(t, 0, h) || !two_digits(t, 3, m) || h > 23 || m > 59) return false;
  std::size_t at = 5;
  if (at < t.size() && t[at] == ':') {
    if (t.size() < at + 3 || !two_digits(t, at + 1, s) || s > 59) return false;
    at += 3;
    if (at < t.size() && t[at] == '.') {
      std::size_t digits = 0;
      for (++at; at < t.size() && t[at] >= '0' && t[at] <= '9'; ++at) ++digits;
      if (digits == 0) return false;
    }
  }
  if (at == t.size()) return true;
  if (t[at] == 'Z') return at + 1 == t.size();
  unsigned zh = 0, zm = 0;
  return (t[at] == '+' || t[at] == '-') && t.size() == at + 6 && t[at + 3] == ':' && two_digits(t, at + 1, zh) &&
         two_digits(t, at + 4, zm) && zh <= 23 && zm <= 59;
}

/// Splits a trimmed date-time into its date and its time of day: "01/01/2018 00:00" (as Excel
/// exports dates) and "2018-01-01T00:00:00" give "01/01/2018" and "2018-01-01". The time must be a
/// time of day (see is_time_of_day); `time_ok` says whether it is. Text without a T or space
/// after a date-like start is returned whole.
inline std::string_view date_part(std::string_view t, bool& time_ok) noexcept {
  time_ok = true;
  const std::size_t at = t.find_first_of(" T");
  if (at == std::string_view::npos || at < 8) return t;
  std::string_view time = t.substr(at + 1);
  while (!time.empty() && time.front() == ' ') time.remove_prefix(1);
  time_ok = is_time_of_day(time);
  return t.substr(0, at);
}

/// Serial day of year `y`, month `m`, day `d` when that is a date and the year within the range the
/// readers accept (min_year to max_year), or `nat`. A plain number, not an optional: GCC returns an
/// optional<int64_t> from a call through the stack, its flag stored as a byte and read back as a
/// word, which stalls the load (the date readers' fast path, once a value).
inline std::int64_t civil_day(std::int64_t y, unsigned m, unsigned d) noexcept {
  if (m < 1 || m > 12 || y < min_year || y > max_year || d < 1 || d > support::days_in_month(y, m)) return nat;
  return support::days_from_civil(y, m, d);
}

/// Serial day of a trimmed "dd/mm/YYYY" or "YYYY-MM-DD", either followed by a time of day ("T" or
/// a space, then HH:MM[:SS]: the date part is taken), or `nat`; the fast path of the loaders,
/// which never throws.
inline std::int64_t quick_day(std::string_view t) noexcept {
  if (t.size() > 10) {
    bool time_ok = false;
    t = date_part(t, time_ok);
    if (!time_ok) return nat;
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  if (t.size() == 10 && t[2] == '/' && t[5] == '/') {
    if (!two_digits(t, 0, d) || !two_digits(t, 3, m) || !four_digits(t, 6, y)) return nat;
  } else if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    if (!four_digits(t, 0, y) || !two_digits(t, 5, m) || !two_digits(t, 8, d)) return nat;
  } else {
    return nat;
  }
  return civil_day(y, m, d);
}

}  // namespace detail

/// Today (UTC) as a serial day: what "in the future" means for the dates of a return being read.
inline std::int64_t today_days() {
  using namespace std::chrono;
  return duration_cast<days>(system_clock::now().time_since_epoch()).count();
}

/// The parts of a trimmed date written with slashes, "a/b/YYYY" (one or two digits each for a and
/// b, then four for the year, optionally followed by a time of day): whether the text has that
/// form, and its first two parts. The evidence of a column's convention: a first part above 12 can
/// only be a day (day first), a second part above 12 only a day (month first).
struct SlashParts {
  unsigned first = 0, second = 0;
};
inline std::optional<SlashParts> slash_parts(std::string_view text) noexcept {
  bool time_ok = true;
  const std::string_view t = detail::date_part(detail::trim(text), time_ok);
  const auto a = t.find('/');
  if (a == std::string_view::npos || a == 0 || a > 2) return std::nullopt;
  const auto b = t.find('/', a + 1);
  if (b == std::string_view::npos || b == a + 1 || b - a - 1 > 2 || t.size() != b + 5) return std::nullopt;
  SlashParts p;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i == a || i == b) continue;
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
    if (i < a) p.first = p.first * 10 + static_cast<unsigned>(t[i] - '0');
    if (i > a && i < b) p.second = p.second * 10 + static_cast<unsigned>(t[i] - '0');
  }
  return p;
}

/// The forms a date of a return may take, for the message about a value in none of them.
inline constexpr std::string_view accepted_date_forms =
    "dd/mm/YYYY or d/m/YYYY (mm/dd/YYYY or m/d/YYYY when read month first), or YYYY-MM-DD, each optionally "
    "followed by a time of day (HH:MM or HH:MM:SS, after a space or a T)";

/// Reads one value of a column: the result (for a key column, whether the row can be used) and,
/// when the value is bad, the problem to report.
struct ValueReader {
  /// Parses a date written "dd/mm/YYYY" (also "d/m/YYYY"; month first, "mm/dd/YYYY", when
  /// `dayfirst` is false) or "YYYY-MM-DD", either optionally followed by a time of day
  /// ("01/01/2018 00:00", as spreadsheets export dates; the time is checked, then dropped); on
  /// failure `problem` says why: an impossible date in the words of `parse_uk_date` and
  /// `parse_date`, text in none of the forms with every accepted form listed.
  static std::optional<std::int64_t> date(std::string_view text, std::string& problem, bool dayfirst = true) {
    const std::string_view whole = detail::trim(text);
    if (dayfirst)
      if (const std::int64_t fast = detail::quick_day(whole); fast != nat) return fast;
    bool time_ok = true;
    const std::string_view t = detail::date_part(whole, time_ok);
    const auto not_a_date = [&] {
      problem = quote(text) + " is not a date in an accepted form (" + std::string(accepted_date_forms) + ")";
      return std::nullopt;
    };
    if (!time_ok) return not_a_date();
    try {
      if (t.find('/') != std::string_view::npos) {
        const auto parts = slash_parts(t);
        if (!parts) return not_a_date();
        if (dayfirst) return to_days(parse_uk_date(t));
        // Month first: the same text with its first two parts swapped.
        const auto a = t.find('/'), b = t.find('/', a + 1);
        const std::string swapped =
            std::string(t.substr(a + 1, b - a - 1)) + "/" + std::string(t.substr(0, a)) + std::string(t.substr(b));
        try {
          return to_days(parse_uk_date(swapped));
        } catch (const Error& e) {
          problem = quote(text) + " is not a valid date read month first (mm/dd/YYYY)";
          const std::string why = e.problems().empty() ? "" : e.problems().front().message;
          const auto colon = why.rfind(": ");
          if (colon != std::string::npos) problem += why.substr(colon);
          return std::nullopt;
        }
      }
      if (t.size() != 10 || t[4] != '-' || t[7] != '-') return not_a_date();
      return to_days(parse_date(t));
    } catch (const Error& e) {
      problem = e.problems().empty() ? e.what() : e.problems().front().message;
      if (problem.find("is not a date in the form") != std::string::npos) return not_a_date();
      return std::nullopt;
    }
  }

  static std::optional<std::int64_t> integer(std::string_view text, std::string& problem) {
    const std::string_view t = detail::trim(text);
    std::int64_t v = 0;
    std::string_view digits = t;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative || (!digits.empty() && digits.front() == '+')) digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 18 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      problem = quote(text) + " is not a whole number";
      return std::nullopt;
    }
    for (char c : digits) v = v * 10 + (c - '0');
    return negative ? -v : v;
  }

  static std::optional<std::int8_t> flag(std::string_view text, std::string& problem) {
    std::string scratch;
    const std::string_view t = detail::normalise_code(text, scratch);
    if (t == "1" || t == "TRUE" || t == "Y" || t == "YES") return std::int8_t{1};
    if (t == "0" || t == "FALSE" || t == "N" || t == "NO") return std::int8_t{0};
    problem = quote(text) + " is not a yes/no value (expected 0, 1, true or false)";
    return std::nullopt;
  }

  static std::string describe_codes(std::span<const std::string_view> codes) {
    std::string list;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (i) list += i + 1 == codes.size() ? " or " : ", ";
      list += codes[i];
    }
    return list;
  }
};

}  // namespace safeguarding::inline v0::support
