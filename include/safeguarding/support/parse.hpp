// Small text-parsing helpers the date, weekend and timescale parsers share (and the readers).
#pragma once

#include <charconv>
#include <string_view>
#include <system_error>

namespace safeguarding::inline v0::support {

/// `s` without leading and trailing spaces, tabs and line ends.
inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

/// Reads a whole number written with digits only (no sign, no spaces); false when `text` is empty,
/// holds anything else, or the number does not fit in `Int`.
template <class Int>
bool parse_digits(std::string_view text, Int& out) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return std::from_chars(text.data(), text.data() + text.size(), out).ec == std::errc{};
}

}  // namespace safeguarding::inline v0::support
