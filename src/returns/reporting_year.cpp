#include "safeguarding/returns/reporting_year.hpp"

#include <cstddef>

#include "safeguarding/error.hpp"

namespace safeguarding::inline v0::returns {

namespace detail {

SAFEGUARDING_FUNC bool is_year_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// The run of digits at `at` (advanced past it) and its length; 0 digits when none.
SAFEGUARDING_FUNC std::size_t digits_at(std::string_view text, std::size_t& at, int& value) {
  std::size_t n = 0;
  value = 0;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
    if (n < 9) value = value * 10 + (text[at] - '0');
    ++at, ++n;
  }
  return n;
}

SAFEGUARDING_FUNC void skip_spaces(std::string_view text, std::size_t& at) {
  while (at < text.size() && is_year_space(text[at])) ++at;
}

}  // namespace detail

SAFEGUARDING_FUNC void ReportingYear::out_of_range(int ending) {
  throw Error("reporting year: " + std::to_string(ending) + " is out of range");
}

SAFEGUARDING_FUNC ReportingYear ReportingYear::parse(std::string_view text) {
  const auto not_a_year = [&] {
    return Error("reporting year: " + quote(text) + " is not a year such as 2019 or '2018-19'");
  };
  std::size_t at = 0;
  int first = 0, second = 0;
  detail::skip_spaces(text, at);
  if (detail::digits_at(text, at, first) != 4) throw not_a_year();
  detail::skip_spaces(text, at);
  int ending = first;
  if (at < text.size() && (text[at] == '-' || text[at] == '/' || text[at] == '_')) {
    ++at;
    detail::skip_spaces(text, at);
    const std::size_t n = detail::digits_at(text, at, second);
    if (n != 2 && n != 4) throw not_a_year();
    detail::skip_spaces(text, at);
    if (at == text.size() && second % 100 != (first + 1) % 100)
      throw Error("reporting year: " + quote(text) + " does not name consecutive years");
    ending = first + 1;
  }
  if (at != text.size()) throw not_a_year();
  if (ending < 1901 || ending > 9999) throw Error("reporting year: " + quote(text) + " is out of range");
  return ReportingYear(ending);
}

SAFEGUARDING_FUNC std::string ReportingYear::label() const {
  const int next = ending_ % 100;
  return std::to_string(ending_ - 1) + "-" + (next < 10 ? "0" : "") + std::to_string(next);
}

}  // namespace safeguarding::inline v0::returns
