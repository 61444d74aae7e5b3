#include "text_file.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <system_error>

namespace safeguarding::inline v0::support {

SAFEGUARDING_FUNC std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8:
      return "UTF-8";
    case Encoding::utf8_bom:
      return "UTF-8 with byte order mark";
    case Encoding::utf16le:
      return "UTF-16 LE";
    case Encoding::utf16be:
      return "UTF-16 BE";
  }
  return "?";
}

namespace detail {

SAFEGUARDING_FUNC void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// UTF-16 (without its byte order mark) to UTF-8; an unpaired surrogate is an Error naming the
/// byte offset.
SAFEGUARDING_FUNC std::string utf16_to_utf8(std::string_view bytes, bool little_endian, std::string_view source) {
  if (bytes.size() % 2 != 0)
    throw Error(std::string(source), "the file is UTF-16 but has an odd number of bytes (truncated?)");
  std::string out;
  out.reserve(bytes.size() / 2);
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (static_cast<std::uint32_t>(b) << 8 | a) : (static_cast<std::uint32_t>(a) << 8 | b);
  };
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00) {
      const std::uint32_t low = i + 3 < bytes.size() ? unit(i + 2) : 0;
      if (low < 0xDC00 || low >= 0xE000)
        throw Error(std::string(source), "unpaired UTF-16 surrogate at byte " + std::to_string(i + 2));
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp < 0xE000) {
      throw Error(std::string(source), "unpaired UTF-16 surrogate at byte " + std::to_string(i + 2));
    }
    append_utf8(out, cp);
  }
  return out;
}

/// The offset of the first byte of `text` that is not part of a well-formed UTF-8 character
/// (overlong forms, surrogates and code points beyond U+10FFFF are not), and how many such bytes
/// there are; `npos` and 0 when the text is valid UTF-8.
SAFEGUARDING_FUNC std::pair<std::size_t, std::size_t> invalid_utf8(std::string_view text) {
  std::size_t first = std::string_view::npos, count = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII, the bulk of a return, eight bytes at a time.
    std::uint64_t word = 0;
    while (i + 8 <= n && (std::memcpy(&word, s + i, 8), (word & 0x8080808080808080ULL) == 0)) i += 8;
    if (i < n && s[i] < 0x80) {
      ++i;
      continue;
    }
    if (i >= n) break;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
    if (s[i] >= 0xC2 && s[i] <= 0xDF)
      length = 2;
    else if (s[i] >= 0xE0 && s[i] <= 0xEF)
      length = 3, low = s[i] == 0xE0 ? 0xA0 : 0x80, high = s[i] == 0xED ? 0x9F : 0xBF;
    else if (s[i] >= 0xF0 && s[i] <= 0xF4)
      length = 4, low = s[i] == 0xF0 ? 0x90 : 0x80, high = s[i] == 0xF4 ? 0x8F : 0xBF;
    bool ok = length > 0 && i + length <= n && s[i + 1] >= low && s[i + 1] <= high;
    for (std::size_t k = 2; ok && k < length; ++k) ok = s[i + k] >= 0x80 && s[i + k] <= 0xBF;
    if (ok) {
      i += length;
      continue;
    }
    if (first == std::string_view::npos) first = i;
    ++count;
    ++i;
  }
  return {first, count};
}

/// Throws an Error naming the file and the position of the first byte that is not UTF-8.
SAFEGUARDING_FUNC void check_utf8(std::string_view text, std::string_view source) {
  const auto [first, count] = invalid_utf8(text);
  if (count == 0) return;
  const std::size_t newline = first == 0 ? std::string_view::npos : text.rfind('\n', first - 1);
  const std::size_t begin = newline == std::string_view::npos ? 0 : newline + 1;
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(begin), '\n');
  static constexpr char hex[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(text[first]);
  throw Error(std::string(source), "the file is not UTF-8 text: byte 0x" + std::string{hex[byte >> 4], hex[byte & 15]} +
                                       " at line " + std::to_string(line) + ", column " +
                                       std::to_string(first - begin + 1) + " is not part of a UTF-8 character (" +
                                       std::to_string(count) + (count == 1 ? " such byte" : " such bytes") +
                                       " in the file); save it as UTF-8 or UTF-16");
}

}  // namespace detail

namespace detail {

/// Decodes bytes by their byte order mark: none or EF BB BF is UTF-8, FF FE is UTF-16 LE, FE FF is
/// UTF-16 BE. The mark itself is dropped. Without a mark, text whose first two bytes are one NUL
/// and one other is UTF-16 (LE when the NUL comes second): a return begins with an ASCII character
/// ("CHILD", "<"), and NUL is never part of UTF-8 text. Text that is not well-formed UTF-8 (a file saved in
/// Windows-1252, say) is an Error naming the file and the first bad byte's line and column.
SAFEGUARDING_FUNC std::string_view decode_view(std::string_view bytes, std::string_view source, std::string& converted,
                                               Encoding& encoding) {
  auto starts = [&](std::string_view mark) { return bytes.substr(0, mark.size()) == mark; };
  if (starts("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    check_utf8(bytes, source);
    encoding = Encoding::utf8_bom;
    return bytes;
  }
  if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    const bool little = bytes[0] == '\xFF';
    encoding = little ? Encoding::utf16le : Encoding::utf16be;
    converted = utf16_to_utf8(bytes.substr(2), little, source);
    return converted;
  }
  if (bytes.size() >= 2 && (bytes[0] == '\0') != (bytes[1] == '\0')) {
    const bool little = bytes[1] == '\0';
    encoding = little ? Encoding::utf16le : Encoding::utf16be;
    converted = utf16_to_utf8(bytes, little, source);
    return converted;
  }
  check_utf8(bytes, source);
  encoding = Encoding::utf8;
  return bytes;
}

/// Reads a whole file into `bytes` (a std::string or TextBuffer's vector, resized to the file's
/// size); a missing or unreadable file is an Error naming it.
template <class Bytes>
void read_file_into(const std::filesystem::path& path, Bytes& bytes) {
  // A folder opens as a stream on some systems, and its "size" is then nonsense: say what it is.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(path.string(), "is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string(), "cannot open the file");
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) throw Error(path.string(), "cannot read the file");
  bytes.resize(static_cast<std::size_t>(size));
  in.seekg(0, std::ios::beg);
  if (size > 0 && !in.read(bytes.data(), size)) throw Error(path.string(), "cannot read the file");
}

}  // namespace detail

SAFEGUARDING_FUNC Text decode(std::string bytes, std::string_view source) {
  Text text;
  std::string converted;
  const std::string_view utf8 = detail::decode_view(bytes, source, converted, text.encoding);
  if (text.encoding == Encoding::utf16le || text.encoding == Encoding::utf16be) {
    text.utf8 = std::move(converted);
  } else {
    bytes.erase(0, static_cast<std::size_t>(utf8.data() - bytes.data()));  // the byte order mark
    text.utf8 = std::move(bytes);
  }
  return text;
}

/// Reads a whole file as bytes; a missing or unreadable file is an Error naming it.
SAFEGUARDING_FUNC std::string read_bytes(const std::filesystem::path& path) {
  std::string bytes;
  detail::read_file_into(path, bytes);
  return bytes;
}

SAFEGUARDING_FUNC Text read_text(const std::filesystem::path& path) {
  return decode(read_bytes(path), path.string());
}

SAFEGUARDING_FUNC void read_text(const std::filesystem::path& path, TextBuffer& buffer) {
  buffer.utf8 = {};
  buffer.converted.clear();
  detail::read_file_into(path, buffer.bytes);
  buffer.utf8 = detail::decode_view(std::string_view(buffer.bytes.data(), buffer.bytes.size()), path.string(),
                                    buffer.converted, buffer.encoding);
}

}  // namespace safeguarding::inline v0::support
