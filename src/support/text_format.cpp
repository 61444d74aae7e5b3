#include "text_format.hpp"

namespace safeguarding::inline v0::support {

namespace detail {
/// Characters (not bytes) of UTF-8 text.
SAFEGUARDING_FUNC std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}
}  // namespace detail

SAFEGUARDING_FUNC std::string wrap(const std::string& text, std::size_t indent, std::size_t width) {
  std::string out, line(indent, ' ');
  std::size_t used = indent;
  bool first_word = true;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    const std::string_view word(text.data() + i, j - i);
    const std::size_t n = detail::utf8_length(word);
    if (!first_word && used + 1 + n > width) {
      out += line + "\n";
      line = std::string(indent + 2, ' ');
      used = indent + 2;
      first_word = true;
    }
    if (!first_word) {
      line += ' ';
      ++used;
    }
    line += word;
    used += n;
    first_word = false;
    i = j + 1;
  }
  return out + line + "\n";
}

SAFEGUARDING_FUNC std::string percent_text(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "-";
  return std::to_string((part * 100 + whole / 2) / whole) + "%";
}

SAFEGUARDING_FUNC std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace safeguarding::inline v0::support
