// Reading JSON data files: every problem is collected with its JSON pointer ("/groups/3/frequency:
// expected …") so that one Error reports all of them, not just the first.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/text.hpp"
#include "safeguarding/timescale.hpp"

namespace safeguarding::inline v0::io {

using nlohmann::json;

namespace detail {

inline std::string line_and_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

inline std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

}  // namespace detail

/// Parses JSON text; malformed or truncated text is an Error naming `source`, the line and column.
inline json parse_text(std::string_view text, std::string_view source) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::string why = e.what();
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line …"; keep
    // the explanation after the last ": " and give our own position.
    const auto colon = why.rfind(": ");
    if (colon != std::string::npos) why = why.substr(colon + 2);
    const bool truncated = e.byte >= text.size();
    throw Error(std::string(source), std::string(truncated ? "the JSON ends too early (truncated file?)" : "not valid JSON") +
                                         " at " + detail::line_and_column(text, e.byte == 0 ? 0 : e.byte - 1) + ": " + why);
  }
}

/// Reads and parses a JSON file; a missing, unreadable, malformed or truncated file is an Error
/// naming the file. The file may be UTF-8 (with or without a byte order mark) or UTF-16 (as some
/// Windows tools save it), which is decoded; text in any other encoding is an Error naming the
/// first byte that is not UTF-8.
inline json parse_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  return parse_text(decode(read_bytes(path), name).utf8, name);
}

/// "a string", "the number 12", "an object": how a JSON value is described in an error message.
inline std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      auto s = v.get<std::string>();
      if (s.size() > 60) s = s.substr(0, 57) + "...";
      return "the string " + quote(s);
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "the number " + v.dump();
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "an unexpected value";
  }
}

/// A position in a JSON document being read: the value there (or nothing, when a member is
/// absent), its JSON pointer, and the problem list shared by the whole read.
class Cursor {
 public:
  Cursor(const json& root, Problems& problems) : value_(&root), problems_(&problems) {}

  [[nodiscard]] bool present() const noexcept { return value_ != nullptr && !value_->is_null(); }
  [[nodiscard]] const json* value() const noexcept { return value_; }
  [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }
  /// The pointer as shown in messages: "/" for the document itself.
  [[nodiscard]] std::string where() const { return pointer_.empty() ? std::string("/") : pointer_; }
  [[nodiscard]] Problems& problems() const noexcept { return *problems_; }

  /// Records a problem at this position.
  void problem(std::string message) const { problems_->add(where(), std::move(message)); }

  /// The member `key` of an object (absent when missing; a problem when this is not an object).
  [[nodiscard]] Cursor operator[](std::string_view key) const {
    Cursor child(*this, pointer_ + "/" + detail::escape_pointer_token(key));
    if (value_ != nullptr && value_->is_object()) {
      auto it = value_->find(key);
      if (it != value_->end()) child.value_ = &*it;
    }
    return child;
  }

  /// Element `i` of an array.
  [[nodiscard]] Cursor operator[](std::size_t i) const {
    Cursor child(*this, pointer_ + "/" + std::to_string(i));
    if (value_ != nullptr && value_->is_array() && i < value_->size()) child.value_ = &(*value_)[i];
    return child;
  }

  [[nodiscard]] bool is_object() const noexcept { return value_ != nullptr && value_->is_object(); }
  [[nodiscard]] bool is_array() const noexcept { return value_ != nullptr && value_->is_array(); }

  /// True when this is an object; otherwise records "expected an object".
  bool expect_object(bool required = true) const { return expect(is_object(), "an object", required); }
  /// True when this is an array; otherwise records "expected an array".
  bool expect_array(bool required = true) const { return expect(is_array(), "an array", required); }

  /// Records every member of this object whose name is not in `allowed`.
  void reject_unknown_keys(std::initializer_list<std::string_view> allowed) const {
    if (!is_object()) return;
    for (const auto& [key, v] : value_->items()) {
      bool known = false;
      for (auto a : allowed) known = known || a == key;
      if (!known) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        (*this)[key].problem("unknown field " + quote(key) + " (expected one of: " + list + ")");
      }
    }
  }

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

  [[nodiscard]] std::optional<std::string> string(bool required = true) const {
    if (!check(value_ != nullptr && value_->is_string(), "a string", required)) return std::nullopt;
    return value_->get<std::string>();
  }
  [[nodiscard]] std::string string_or(std::string fallback) const {
    return present() ? string().value_or(std::move(fallback)) : std::move(fallback);
  }

  /// An optional reference to another element by its id: "" when absent; when present it must be
  /// a non-empty string (an empty one would otherwise read as absent and not round-trip).
  [[nodiscard]] std::string reference_or_none() const {
    if (!present()) return {};
    auto s = string();
    if (s && s->empty()) problem("expected an id, got an empty string (leave the field out for none)");
    return s.value_or("");
  }

  [[nodiscard]] std::optional<std::int64_t> integer(bool required = true) const {
    if (!check(value_ != nullptr && (value_->is_number_integer() || value_->is_number_unsigned()), "a whole number",
               required))
      return std::nullopt;
    if (value_->is_number_unsigned() && value_->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      problem("the number " + value_->dump() + " is too large");
      return std::nullopt;
    }
    return value_->get<std::int64_t>();
  }
  [[nodiscard]] std::int64_t integer_or(std::int64_t fallback) const { return present() ? integer().value_or(fallback) : fallback; }

  [[nodiscard]] std::optional<double> number(bool required = true) const {
    if (!check(value_ != nullptr && value_->is_number(), "a number", required)) return std::nullopt;
    return value_->get<double>();
  }
  [[nodiscard]] double number_or(double fallback) const { return present() ? number().value_or(fallback) : fallback; }

  [[nodiscard]] std::optional<bool> boolean(bool required = true) const {
    if (!check(value_ != nullptr && value_->is_boolean(), "true or false", required)) return std::nullopt;
    return value_->get<bool>();
  }
  [[nodiscard]] bool boolean_or(bool fallback) const { return present() ? boolean().value_or(fallback) : fallback; }

  /// An ISO date string, "2019-09-29".
  [[nodiscard]] std::optional<Date> date(bool required = true) const {
    return parsed<Date>("a date string such as \"2019-09-29\"", required, [](const std::string& s) { return parse_date(s); });
  }
  [[nodiscard]] std::optional<Date> optional_date() const { return date(false); }

  /// An ISO date-time string, "2019-09-29T14:30".
  [[nodiscard]] std::optional<DateTime> date_time(bool required = true) const {
    return parsed<DateTime>("a date-time string such as \"2019-09-29T14:30\"", required,
                            [](const std::string& s) { return parse_date_time(s); });
  }

  /// A timescale string, "15 working days".
  [[nodiscard]] std::optional<Timescale> timescale(bool required = true) const {
    return parsed<Timescale>("a timescale such as \"15 working days\"", required,
                             [](const std::string& s) { return Timescale::parse(s); });
  }

  /// A string that must be one of `choices`.
  [[nodiscard]] std::optional<std::string> one_of(std::initializer_list<std::string_view> choices, bool required = true) const {
    auto s = string(required);
    if (!s) return std::nullopt;
    for (auto c : choices)
      if (c == *s) return s;
    std::string list;
    for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
    problem(quote(*s) + " is not one of: " + list);
    return std::nullopt;
  }

 private:
  Cursor(const Cursor& parent, std::string pointer)
      : value_(nullptr), problems_(parent.problems_), pointer_(std::move(pointer)) {}

  bool expect(bool ok, std::string_view what, bool required) const {
    if (ok) return true;
    if (!present()) {
      if (required) problem("missing: expected " + std::string(what));
      return false;
    }
    problem("expected " + std::string(what) + ", got " + describe(*value_));
    return false;
  }

  bool check(bool ok, std::string_view what, bool required) const { return expect(ok, what, required); }

  template <class T, class Parse>
  std::optional<T> parsed(std::string_view what, bool required, Parse parse) const {
    if (!check(value_ != nullptr && value_->is_string(), what, required)) return std::nullopt;
    try {
      return parse(value_->get<std::string>());
    } catch (const Error& e) {
      for (const auto& p : e.problems()) problem(p.message);
      return std::nullopt;
    }
  }

  const json* value_;
  Problems* problems_;
  std::string pointer_;
};

}  // namespace safeguarding::inline v0::io

/// Dates are written as ISO strings, timescales as their text ("15 working days").
template <>
struct nlohmann::adl_serializer<boost::gregorian::date> {
  static void to_json(nlohmann::json& j, const boost::gregorian::date& d) {
    if (d.is_special())
      j = nullptr;
    else
      j = safeguarding::to_iso(d);
  }
  static boost::gregorian::date from_json(const nlohmann::json& j) {
    if (j.is_null()) return boost::gregorian::date();
    if (!j.is_string()) throw safeguarding::Error("expected a date string, got " + safeguarding::io::describe(j));
    return safeguarding::parse_date(j.get<std::string>());
  }
};

template <>
struct nlohmann::adl_serializer<safeguarding::Timescale> {
  static void to_json(nlohmann::json& j, const safeguarding::Timescale& t) { j = t.str(); }
  static safeguarding::Timescale from_json(const nlohmann::json& j) {
    if (!j.is_string()) throw safeguarding::Error("expected a timescale string, got " + safeguarding::io::describe(j));
    return safeguarding::Timescale::parse(j.get<std::string>());
  }
};
