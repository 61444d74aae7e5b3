// Reading the returns' text files: the whole file in one buffer, decoded to UTF-8 (UTF-8 with or
// without a byte order mark, UTF-16 LE or BE with one), then split into CSV records without copying
// (RFC 4180 quoting, CRLF, LF or CR line ends). A 100 MB file needs its own size in memory plus the
// columns read from it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safeguarding/error.hpp"

namespace safeguarding::returns {

enum class Encoding : std::uint8_t { utf8, utf8_bom, utf16le, utf16be };

inline std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8: return "UTF-8";
    case Encoding::utf8_bom: return "UTF-8 with byte order mark";
    case Encoding::utf16le: return "UTF-16 LE";
    case Encoding::utf16be: return "UTF-16 BE";
  }
  return "?";
}

namespace detail {

inline void append_utf8(std::string& out, std::uint32_t cp) {
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
inline std::string utf16_to_utf8(std::string_view bytes, bool little_endian, std::string_view source) {
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
inline std::pair<std::size_t, std::size_t> invalid_utf8(std::string_view text) {
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
    if (s[i] >= 0xC2 && s[i] <= 0xDF) length = 2;
    else if (s[i] >= 0xE0 && s[i] <= 0xEF) length = 3, low = s[i] == 0xE0 ? 0xA0 : 0x80, high = s[i] == 0xED ? 0x9F : 0xBF;
    else if (s[i] >= 0xF0 && s[i] <= 0xF4) length = 4, low = s[i] == 0xF0 ? 0x90 : 0x80, high = s[i] == 0xF4 ? 0x8F : 0xBF;
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
inline void check_utf8(std::string_view text, std::string_view source) {
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

/// A text file's contents as UTF-8, and the encoding it was found in.
struct Text {
  std::string utf8;
  Encoding encoding = Encoding::utf8;
};

/// Decodes bytes by their byte order mark: none or EF BB BF is UTF-8, FF FE is UTF-16 LE, FE FF is
/// UTF-16 BE. The mark itself is dropped. Without a mark, text whose first two bytes are one NUL
/// and one other is UTF-16 (LE when the NUL comes second): a return begins with an ASCII character
/// ("CHILD", "<"), and NUL is never part of UTF-8 text. Text that is not well-formed UTF-8 (a file saved in
/// Windows-1252, say) is an Error naming the file and the first bad byte's line and column.
inline Text decode(std::string bytes, std::string_view source) {
  Text text;
  auto starts = [&](std::string_view mark) { return bytes.size() >= mark.size() && std::string_view(bytes).substr(0, mark.size()) == mark; };
  if (starts("\xEF\xBB\xBF")) {
    bytes.erase(0, 3);
    detail::check_utf8(bytes, source);
    text.encoding = Encoding::utf8_bom;
    text.utf8 = std::move(bytes);
  } else if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    const bool little = bytes[0] == '\xFF';
    text.encoding = little ? Encoding::utf16le : Encoding::utf16be;
    text.utf8 = detail::utf16_to_utf8(std::string_view(bytes).substr(2), little, source);
  } else if (bytes.size() >= 2 && (bytes[0] == '\0') != (bytes[1] == '\0')) {
    const bool little = bytes[1] == '\0';
    text.encoding = little ? Encoding::utf16le : Encoding::utf16be;
    text.utf8 = detail::utf16_to_utf8(bytes, little, source);
  } else {
    detail::check_utf8(bytes, source);
    text.utf8 = std::move(bytes);
  }
  return text;
}

/// Reads a whole file as bytes; a missing or unreadable file is an Error naming it.
inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string(), "cannot open the file");
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) throw Error(path.string(), "cannot read the file");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0, std::ios::beg);
  if (size > 0 && !in.read(bytes.data(), size)) throw Error(path.string(), "cannot read the file");
  return bytes;
}

inline Text read_text(const std::filesystem::path& path) { return decode(read_bytes(path), path.string()); }

/// Splits CSV text into records. Unquoted fields are views into the text; a quoted field is
/// unescaped ("" becomes ") into storage owned by the reader, valid until the next record.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text, char delimiter = ',') : text_(text), delimiter_(delimiter) {}

  /// The next record's fields, or false at the end. Blank lines are skipped (they hold no row);
  /// `record_number()` counts records from 1 (the header) as a spreadsheet numbers rows, and
  /// `line()` gives the line the record starts on.
  bool next(std::vector<std::string_view>& fields) {
    fields.clear();
    std::size_t used = 0;  // unescaped fields stored in quoted_
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
      if (text_[pos_] == '\n' || (text_[pos_] == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n'))) ++line_;
      ++pos_;
    }
    if (pos_ >= text_.size()) return false;
    record_line_ = line_;
    ++record_;
    unterminated_quote_ = false;
    while (true) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        // Quoted field: runs to the closing quote; "" inside is one quote.
        std::size_t start = ++pos_;
        std::string* buffer = nullptr;
        while (true) {
          const std::size_t q = text_.find('"', pos_);
          if (q == std::string_view::npos) {
            unterminated_quote_ = true;
            count_lines(pos_, text_.size());
            if (buffer) buffer->append(text_.substr(pos_));
            pos_ = text_.size();
            break;
          }
          count_lines(pos_, q);
          if (q + 1 < text_.size() && text_[q + 1] == '"') {
            if (!buffer) buffer = slot(used++), buffer->assign(text_.substr(start, q - start));
            else buffer->append(text_.substr(pos_, q - pos_));
            *buffer += '"';
            pos_ = q + 2;
            continue;
          }
          if (buffer) buffer->append(text_.substr(pos_, q - pos_));
          pos_ = q + 1;
          break;
        }
        const std::size_t end = pos_ > 0 && !unterminated_quote_ ? pos_ - 1 : pos_;
        fields.push_back(buffer ? std::string_view(*buffer) : text_.substr(start, end - start));
        // Text between the closing quote and the delimiter is kept (a lenient reading of a
        // malformed field such as "ab"c).
        const std::size_t stop = find_field_end(pos_);
        if (stop > pos_) {
          std::string* joined = slot(used++);
          joined->assign(fields.back());
          joined->append(text_.substr(pos_, stop - pos_));
          fields.back() = *joined;
        }
        pos_ = stop;
      } else {
        const std::size_t stop = find_field_end(pos_);
        fields.push_back(text_.substr(pos_, stop - pos_));
        pos_ = stop;
      }
      if (pos_ >= text_.size()) return true;
      const char c = text_[pos_];
      if (c == delimiter_) {
        ++pos_;
        if (pos_ >= text_.size()) {
          fields.emplace_back();
          return true;
        }
        continue;
      }
      // End of line: \n, \r\n or \r.
      ++pos_;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return true;
    }
  }

  [[nodiscard]] std::int64_t record_number() const noexcept { return record_; }
  [[nodiscard]] std::int64_t line() const noexcept { return record_line_; }
  /// True when the last record ended inside a quoted field that was never closed.
  [[nodiscard]] bool unterminated_quote() const noexcept { return unterminated_quote_; }

 private:
  std::size_t find_field_end(std::size_t from) const noexcept {
    for (std::size_t i = from; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == delimiter_ || c == '\n' || c == '\r') return i;
    }
    return text_.size();
  }
  void count_lines(std::size_t from, std::size_t to) noexcept {
    for (std::size_t i = from; i < to; ++i) line_ += text_[i] == '\n' ? 1 : 0;
  }
  std::string* slot(std::size_t i) {
    if (quoted_.size() <= i) quoted_.resize(i + 1);
    // Stable addresses: strings are held by pointer so views survive later growth.
    if (!quoted_[i]) quoted_[i] = std::make_unique<std::string>();
    quoted_[i]->clear();
    return quoted_[i].get();
  }

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 1;
  std::int64_t record_ = 0;
  bool unterminated_quote_ = false;
  std::vector<std::unique_ptr<std::string>> quoted_;
};

}  // namespace safeguarding::returns
