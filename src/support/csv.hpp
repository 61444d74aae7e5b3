// Splitting CSV text into records without copying (RFC 4180 quoting, CRLF, LF or CR line ends):
// the statutory returns' tables and the front door's extracts are read with it. Private to the
// compiled library (namespace safeguarding::support); decode the file first (text_file.hpp).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bytes.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace safeguarding::inline v0::support {

/// Splits CSV text into records. Unquoted fields are views into the text; a quoted field is
/// unescaped ("" becomes ") into storage owned by the reader, valid until the next record.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text, char delimiter = ',') : text_(text), delimiter_(delimiter) {
    kind_.fill(plain);
    kind_['"'] = kind_['\r'] = kind_['\n'] = special;
    if (delimiter != '"' && delimiter != '\r' && delimiter != '\n')
      kind_[static_cast<unsigned char>(delimiter)] = separator;
  }

  /// The next record's fields, or false at the end. Blank lines are skipped (they hold no row);
  /// `record_number()` counts records from 1 (the header) as a spreadsheet numbers rows, and
  /// `line()` gives the line the record starts on.
  bool next(std::vector<std::string_view>& fields) {
    const bool found = next();
    fields.assign(fields_.begin(), fields_.begin() + static_cast<std::ptrdiff_t>(count_));
    return found;
  }

  /// The same without a copy of the fields: the next record, or false at the end; its fields are
  /// `fields()`, valid until the next record is read.
  bool next() {
    count_ = 0;
    std::size_t used = 0;  // unescaped fields stored in quoted_
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
      if (text_[pos_] == '\n' || (text_[pos_] == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n')))
        ++line_;
      ++pos_;
    }
    if (pos_ >= text_.size()) return false;
    record_line_ = line_;
    ++record_;
    unterminated_quote_ = false;
    if (plain_record()) return true;
    while (true) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        add_field(quoted_field(used));
      } else {
        const std::size_t stop = find_field_end(pos_);
        add_field(std::string_view(text_.data() + pos_, stop - pos_));  // substr without its check: pos_ <= stop
        pos_ = stop;
      }
      if (pos_ >= text_.size()) return true;
      const char c = text_[pos_];
      if (c == delimiter_) {
        ++pos_;
        if (pos_ >= text_.size()) {
          add_field({});
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

  /// The fields of the record next() read last (none after the end).
  [[nodiscard]] std::span<const std::string_view> fields() const noexcept { return {fields_.data(), count_}; }
  [[nodiscard]] std::int64_t record_number() const noexcept { return record_; }
  [[nodiscard]] std::int64_t line() const noexcept { return record_line_; }
  /// True when the last record ended inside a quoted field that was never closed.
  [[nodiscard]] bool unterminated_quote() const noexcept { return unterminated_quote_; }

 private:
  /// A quoted field starting at pos_: runs to the closing quote; "" inside is one quote. Text
  /// between the closing quote and the delimiter is kept (a lenient reading of a malformed field
  /// such as "ab"c). `used` counts the unescaped fields stored in quoted_.
  std::string_view quoted_field(std::size_t& used) {
    const std::size_t start = ++pos_;
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
        if (!buffer)
          buffer = slot(used++), buffer->assign(text_.substr(start, q - start));
        else
          buffer->append(text_.substr(pos_, q - pos_));
        *buffer += '"';
        pos_ = q + 2;
        continue;
      }
      if (buffer) buffer->append(text_.substr(pos_, q - pos_));
      pos_ = q + 1;
      break;
    }
    const std::size_t end = pos_ > 0 && !unterminated_quote_ ? pos_ - 1 : pos_;
    std::string_view field = buffer ? std::string_view(*buffer) : text_.substr(start, end - start);
    const std::size_t stop = find_field_end(pos_);
    if (stop > pos_) {
      std::string* joined = slot(used++);
      joined->assign(field);
      joined->append(text_.substr(pos_, stop - pos_));
      field = *joined;
    }
    pos_ = stop;
    return field;
  }
  /// The record at pos_ when it has no quote (nearly every record of a return), split in one pass
  /// over its bytes as the field-by-field reading in next() would split it: its fields, pos_ past
  /// its line end (\n, \r\n or \r) and the line counted. False, with nothing read, when the record
  /// has a quote (or the delimiter is a quote or a line end): next() reads it field by field.
  bool plain_record() {
    if (kind_[static_cast<unsigned char>(delimiter_)] != separator) return false;
    const char* const text = text_.data();
    const std::size_t n = text_.size();
    std::size_t start = pos_, i = pos_;
    // The fields are written through locals, which the compiler keeps in registers (a member or a
    // push_back is a load and a store for each field); fields_ is made room in before each block
    // of bytes for as many fields as the block can end, and for each field after the blocks.
    std::string_view* out = fields_.data();
    std::size_t count = 0, room = fields_.size();
    const auto make_room = [&](std::size_t more) {
      if (room - count >= more) return;
      fields_.resize(2 * room + more + 16);
      out = fields_.data(), room = fields_.size();
    };
    const auto field = [&](const char* from, std::size_t size) { out[count++] = std::string_view(from, size); };
#if defined(__SSE2__)
    // Sixteen bytes at a time: the delimiters, and the quotes and line ends among them, as the bits
    // of a mask; the delimiters before the first quote or line end end fields.
    const __m128i delimiters = _mm_set1_epi8(delimiter_), quotes = _mm_set1_epi8('"'), line_feeds = _mm_set1_epi8('\n'),
                  returns = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
      const auto stops = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, quotes), _mm_cmpeq_epi8(block, line_feeds)),
                                         _mm_cmpeq_epi8(block, returns))));
      auto separators = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, delimiters)));
      if (stops != 0) separators &= (stops & (~stops + 1)) - 1;  // those before the first stop
      make_room(16);
      for (; separators != 0; separators &= separators - 1) {
        const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(separators));
        field(text + start, at - start);
        start = at + 1;
      }
      if (stops != 0) {
        i += static_cast<std::size_t>(std::countr_zero(stops));
        break;
      }
    }
#else
    // Eight bytes at a time: the delimiters and the quotes and line ends among them as the top bit
    // of their byte (exactly: no carry crosses a byte); the delimiters before the first quote or
    // line end end fields.
    if constexpr (std::endian::native == std::endian::little) {
      const std::uint64_t delimiters = detail::byte_ones * static_cast<unsigned char>(delimiter_);
      for (; i + 8 <= n; i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, text + i, 8);
        const std::uint64_t stops = detail::zero_bytes(w ^ (detail::byte_ones * '"')) |
                                    detail::zero_bytes(w ^ (detail::byte_ones * '\n')) |
                                    detail::zero_bytes(w ^ (detail::byte_ones * '\r'));
        std::uint64_t separators = detail::zero_bytes(w ^ delimiters);
        if (stops != 0) separators &= (stops & (~stops + 1)) - 1;  // those before the first stop
        make_room(8);
        for (; separators != 0; separators &= separators - 1) {
          const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(separators) / 8);
          field(text + start, at - start);
          start = at + 1;
        }
        if (stops != 0) {
          i += static_cast<std::size_t>(std::countr_zero(stops) / 8);
          break;
        }
      }
    }
#endif
    for (; i < n; ++i) {
      const std::uint8_t kind = kind_[static_cast<unsigned char>(text[i])];
      if (kind == plain) continue;
      if (kind == separator) {
        make_room(1);
        field(text + start, i - start);
        start = i + 1;
        continue;
      }
      break;
    }
    make_room(1);
    if (i == n) {
      // The text ends inside the record; a delimiter just before its end leaves an empty last field.
      field(start == n ? nullptr : text + start, n - start);
      count_ = count;
      pos_ = n;
      return true;
    }
    if (text[i] == '"') return false;  // nothing read: count_ is 0
    field(text + start, i - start);
    count_ = count;
    pos_ = i + 1;
    if (text[i] == '\r' && pos_ < n && text[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }

  /// The first delimiter or line end at or after `from` (the text's end when none): eight bytes at
  /// a time where they are there to read (see detail::zero_bytes), then byte by byte.
  std::size_t find_field_end(std::size_t from) const noexcept {
    std::size_t i = from;
    if constexpr (std::endian::native == std::endian::little) {
      const std::uint64_t delimiters = detail::byte_ones * static_cast<unsigned char>(delimiter_);
      for (; i + 8 <= text_.size(); i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, text_.data() + i, 8);
        const std::uint64_t marks = detail::zero_bytes(w ^ delimiters) |
                                    detail::zero_bytes(w ^ (detail::byte_ones * '\n')) |
                                    detail::zero_bytes(w ^ (detail::byte_ones * '\r'));
        if (marks != 0) return i + static_cast<std::size_t>(std::countr_zero(marks) / 8);
      }
    }
    for (; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == delimiter_ || c == '\n' || c == '\r') return i;
    }
    return text_.size();
  }
  void count_lines(std::size_t from, std::size_t to) noexcept {
    for (std::size_t i = from; i < to; ++i) line_ += text_[i] == '\n' ? 1 : 0;
  }
  void add_field(std::string_view field) {
    if (count_ == fields_.size()) fields_.resize(2 * fields_.size() + 16);
    fields_[count_++] = field;
  }
  std::string* slot(std::size_t i) {
    if (quoted_.size() <= i) quoted_.resize(i + 1);
    // Stable addresses: strings are held by pointer so views survive later growth.
    if (!quoted_[i]) quoted_[i] = std::make_unique<std::string>();
    quoted_[i]->clear();
    return quoted_[i].get();
  }

  static constexpr std::uint8_t plain = 0, separator = 1, special = 2;  // kinds of byte (kind_)
  std::string_view text_;
  char delimiter_;
  std::array<std::uint8_t, 256> kind_{};  // per byte: plain, the delimiter (separator), or a quote or line end
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 1;
  std::int64_t record_ = 0;
  bool unterminated_quote_ = false;
  std::vector<std::unique_ptr<std::string>> quoted_;
  std::vector<std::string_view> fields_;  // the last record's fields: the first count_ (its size is its room)
  std::size_t count_ = 0;
};

}  // namespace safeguarding::inline v0::support
