// Reading JSON data files (private; nlohmann/json stays inside the library): every problem is
// collected with its JSON pointer ("/groups/3/frequency: expected …") so that one Error reports all
// of them, not just the first. Documents nested deeper than `max_depth` and numbers out of range
// are Errors too, never another exception.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "safeguarding/config.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"

namespace safeguarding::inline v0 {
// Declared only: in header-only mode this header is read inside timescale.hpp (through the
// calendar's sources) before Timescale is; Cursor::timescale is defined in timescale.cpp.
class Timescale;
}  // namespace safeguarding::inline v0

namespace safeguarding::inline v0::json {

using Document = nlohmann::json;

/// How deeply arrays and objects may nest in a document the library reads.
inline constexpr std::size_t max_depth = 256;

/// Parses JSON text; malformed, truncated or too deeply nested text, or a number out of range, is
/// an Error naming `source` and where.
Document parse_text(std::string_view text, std::string_view source);

/// Reads and parses a JSON file (UTF-8, with or without a byte order mark, or UTF-16); a missing,
/// unreadable, undecodable, malformed or truncated file is an Error naming the file.
Document parse_file(const std::filesystem::path& path);

/// The document as text: `indent` < 0 for one line.
std::string dump(const Document& document, int indent);

/// "a string", "the number 12", "an object": how a JSON value is described in an error message.
std::string describe(const Document& v);

/// A date as JSON: its ISO text, or null for not-a-date.
Document date_value(Date d);

/// "a, b, c".
std::string comma_list(std::initializer_list<std::string_view> names);

namespace detail {
std::string escape_pointer_token(std::string_view token);
std::string line_and_column(std::string_view text, std::size_t byte);
}  // namespace detail

/// A position in a JSON document being read: the value there (or nothing, when a member is
/// absent), its JSON pointer, and the problem list shared by the whole read.
class Cursor {
 public:
  Cursor(const Document& root, Problems& problems) : value_(&root), problems_(&problems) {}

  [[nodiscard]] bool present() const noexcept { return value_ != nullptr && !value_->is_null(); }
  [[nodiscard]] const Document* value() const noexcept { return value_; }
  [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }
  /// The pointer as shown in messages: "/" for the document itself.
  [[nodiscard]] std::string where() const { return pointer_.empty() ? std::string("/") : pointer_; }
  [[nodiscard]] Problems& problems() const noexcept { return *problems_; }

  /// Records a problem at this position.
  void problem(std::string message) const { problems_->add(where(), std::move(message)); }

  /// The member `key` of an object (absent when missing).
  [[nodiscard]] Cursor operator[](std::string_view key) const;
  /// Element `i` of an array.
  [[nodiscard]] Cursor operator[](std::size_t i) const;

  [[nodiscard]] bool is_object() const noexcept { return value_ != nullptr && value_->is_object(); }
  [[nodiscard]] bool is_array() const noexcept { return value_ != nullptr && value_->is_array(); }
  [[nodiscard]] bool is_string() const noexcept { return value_ != nullptr && value_->is_string(); }

  /// True when this is an object; otherwise records "expected an object".
  bool expect_object(bool required = true) const { return expect(is_object(), "an object", required); }
  /// True when this is an array; otherwise records "expected an array".
  bool expect_array(bool required = true) const { return expect(is_array(), "an array", required); }

  /// Records every member of this object whose name is not in `allowed`.
  void reject_unknown_keys(std::initializer_list<std::string_view> allowed) const;

  /// Calls `f(Cursor)` for each element of an array (recording a problem if this is not one).
  template <class F>
  void for_each(F&& f, bool required = false) const {
    if (!expect_array(required)) return;
    for (std::size_t i = 0; i < value_->size(); ++i) f((*this)[i]);
  }

  /// Calls `f(key, Cursor)` for each member of an object.
  template <class F>
  void for_each_member(F&& f, bool required = false) const {
    if (!expect_object(required)) return;
    for (const auto& item : value_->items()) f(item.key(), (*this)[item.key()]);
  }

  [[nodiscard]] std::size_t size() const noexcept {
    return value_ != nullptr && (value_->is_array() || value_->is_object()) ? value_->size() : 0;
  }

  // Typed reads. The required forms record a problem when the value is absent or of the wrong
  // type and return nullopt; the `_or` forms return the fallback when absent.

  [[nodiscard]] std::optional<std::string> string(bool required = true) const;
  [[nodiscard]] std::string string_or(std::string fallback) const {
    return present() ? string().value_or(std::move(fallback)) : std::move(fallback);
  }
  /// An optional reference to another element by its id: "" when absent; when present it must be
  /// a non-empty string (an empty one would otherwise read as absent and not round-trip).
  [[nodiscard]] std::string reference_or_none() const;

  [[nodiscard]] std::optional<std::int64_t> integer(bool required = true) const;
  [[nodiscard]] std::int64_t integer_or(std::int64_t fallback) const {
    return present() ? integer().value_or(fallback) : fallback;
  }
  [[nodiscard]] std::optional<double> number(bool required = true) const;
  [[nodiscard]] double number_or(double fallback) const { return present() ? number().value_or(fallback) : fallback; }
  [[nodiscard]] std::optional<bool> boolean(bool required = true) const;
  [[nodiscard]] bool boolean_or(bool fallback) const { return present() ? boolean().value_or(fallback) : fallback; }

  /// An ISO date string, "2019-09-29".
  [[nodiscard]] std::optional<Date> date(bool required = true) const;
  [[nodiscard]] std::optional<Date> optional_date() const { return date(false); }
  /// An ISO date-time string, "2019-09-29T14:30".
  [[nodiscard]] std::optional<DateTime> date_time(bool required = true) const;
  /// A timescale string, "15 working days" (defined in timescale.cpp, with timescale.hpp).
  [[nodiscard]] std::optional<Timescale> timescale(bool required = true) const;
  /// A string that must be one of `choices`.
  [[nodiscard]] std::optional<std::string> one_of(std::initializer_list<std::string_view> choices,
                                                  bool required = true) const;

 private:
  Cursor(const Cursor& parent, std::string pointer)
      : value_(nullptr), problems_(parent.problems_), pointer_(std::move(pointer)) {}

  bool expect(bool ok, std::string_view what, bool required) const;

  /// A string value parsed by `parse` (which throws Error), its problems recorded here.
  template <class T, class Parse>
  std::optional<T> parsed(std::string_view what, bool required, Parse parse) const {
    if (!expect(is_string(), what, required)) return std::nullopt;
    try {
      return parse(value_->get_ref<const std::string&>());
    } catch (const Error& e) {
      for (const auto& p : e.problems()) problem(p.message);
      return std::nullopt;
    }
  }

  const Document* value_;
  Problems* problems_;
  std::string pointer_;
};

}  // namespace safeguarding::inline v0::json

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "reader.cpp"
#endif
