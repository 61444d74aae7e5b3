// Text files as UTF-8 (private to the library's readers): the whole file read into one buffer and
// decoded by its byte order mark (UTF-8 with or without one, UTF-16 LE or BE with one, or without
// one when a NUL byte sits beside the first character). Text that is not well-formed UTF-8 is an
// Error naming the file, line and column of the first bad byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "safeguarding/config.hpp"
#include "safeguarding/error.hpp"

namespace safeguarding::inline v0::support {

enum class Encoding : std::uint8_t { utf8, utf8_bom, utf16le, utf16be };

std::string_view encoding_name(Encoding e);

/// A text file's contents as UTF-8, and the encoding it was found in.
struct Text {
  std::string utf8;
  Encoding encoding = Encoding::utf8;
};

/// Decodes bytes by their byte order mark: none or EF BB BF is UTF-8, FF FE is UTF-16 LE, FE FF is
/// UTF-16 BE. The mark itself is dropped. Without a mark, text whose first two bytes are one NUL
/// and one other is UTF-16 (LE when the NUL comes second). Text that is not well-formed UTF-8 is an
/// Error naming the file and the first bad byte's line and column.
Text decode(std::string bytes, std::string_view source);

/// Reads a whole file as bytes; a missing, unreadable file or a folder is an Error naming it.
std::string read_bytes(const std::filesystem::path& path);

/// read_bytes then decode.
Text read_text(const std::filesystem::path& path);

namespace detail {
void append_utf8(std::string& out, std::uint32_t cp);
/// UTF-16 (without its byte order mark) to UTF-8; an unpaired surrogate is an Error.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian, std::string_view source);
/// The offset of the first byte that is not part of a well-formed UTF-8 character and how many
/// such bytes there are; `npos` and 0 for valid UTF-8.
std::pair<std::size_t, std::size_t> invalid_utf8(std::string_view text);
/// Throws an Error naming the file and the position of the first byte that is not UTF-8.
void check_utf8(std::string_view text, std::string_view source);
}  // namespace detail

}  // namespace safeguarding::inline v0::support

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "text_file.cpp"
#endif
