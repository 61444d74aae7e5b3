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
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/support/uninitialized_allocator.hpp"

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

/// A buffer that file after file is read into (read_text below): its memory is kept from one file
/// to the next and never filled with zeros before a read, so that reading many files neither
/// writes each twice nor has the system hand over (and zero) fresh pages for each.
struct TextBuffer {
  std::vector<char, UninitializedAllocator<char>> bytes;  // the file as read
  std::string converted;                                  // a UTF-16 file's text as UTF-8
  std::string_view utf8;  // the last file's text: in `bytes` (past a byte order mark), or `converted`
  Encoding encoding = Encoding::utf8;
};

/// Reads a whole file into `buffer` and decodes it as read_text does; the text is `buffer.utf8`,
/// valid until the next read into the same buffer.
void read_text(const std::filesystem::path& path, TextBuffer& buffer);

namespace detail {
void append_utf8(std::string& out, std::uint32_t cp);
/// UTF-16 (without its byte order mark) to UTF-8; an unpaired surrogate is an Error.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian, std::string_view source);
/// The offset of the first byte that is not part of a well-formed UTF-8 character and how many
/// such bytes there are; `npos` and 0 for valid UTF-8.
std::pair<std::size_t, std::size_t> invalid_utf8(std::string_view text);
/// Throws an Error naming the file and the position of the first byte that is not UTF-8.
void check_utf8(std::string_view text, std::string_view source);
/// What decode does, on bytes it does not own: the UTF-8 text (`bytes` itself, or its end past a
/// byte order mark, or `converted` for UTF-16, which is filled), and the encoding in `encoding`.
std::string_view decode_view(std::string_view bytes, std::string_view source, std::string& converted,
                             Encoding& encoding);
}  // namespace detail

}  // namespace safeguarding::inline v0::support

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "text_file.cpp"
#endif
