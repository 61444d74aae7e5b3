// Formatting report text (private): wrapping sentences to a width, "3 meetings", "75%".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "safeguarding/config.hpp"

namespace safeguarding::inline v0::support {

/// `text` as lines of at most `width` characters (UTF-8 aware), each indented by `indent` spaces and
/// continuation lines by two more, breaking at spaces; every line ends with a newline.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width);

/// "75%" (rounded half up), "-" when `whole` is 0.
std::string percent_text(std::int64_t part, std::int64_t whole);

/// "1 meeting", "3 meetings".
std::string plural(std::int64_t n, std::string_view one, std::string_view many);

}  // namespace safeguarding::inline v0::support

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "text_format.cpp"
#endif
