#include "reader.hpp"

#include <vector>

#include "../support/text_file.hpp"

namespace safeguarding::inline v0::json {

namespace detail {

SAFEGUARDING_FUNC std::string line_and_column(std::string_view text, std::size_t byte) {
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

SAFEGUARDING_FUNC std::string escape_pointer_token(std::string_view token) {
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

/// One open array or object while scanning: where in it the scan is.
struct Level {
  bool array = false;
  std::size_t index = 0;
  std::string key;
  bool expecting_key = true;
};

/// The end of the string starting at the quote `at` (one past its closing quote).
SAFEGUARDING_FUNC std::size_t string_end(std::string_view text, std::size_t at) {
  std::size_t i = at + 1;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
  return std::min(i + 1, text.size());
}

SAFEGUARDING_FUNC std::string pointer_of(const std::vector<Level>& levels) {
  std::string out;
  for (const Level& l : levels) {
    out += '/';  // not out += "/" + …, which GCC 12 warns of wrongly (-Wrestrict, GCC bug 105329)
    out += l.array ? std::to_string(l.index) : escape_pointer_token(l.key);
  }
  return out.empty() ? std::string("/") : out;
}

/// Throws an Error naming the JSON pointer of the first array or object nested deeper than
/// max_depth. Only brackets and strings are looked at: the parser reports anything else.
SAFEGUARDING_FUNC void check_depth(std::string_view text, std::string_view source) {
  std::vector<Level> levels;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t end = string_end(text, i);
      if (!levels.empty() && !levels.back().array && levels.back().expecting_key)
        levels.back().key = std::string(text.substr(i + 1, end > i + 1 ? end - i - 2 : 0));
      i = end;
      continue;
    }
    if (c == '[' || c == '{') {
      if (levels.size() >= max_depth)
        throw Error(std::string(source), pointer_of(levels) + ": the document nests arrays and objects more than " +
                                             std::to_string(max_depth) + " levels deep");
      levels.push_back(Level{c == '[', 0, {}, true});
    } else if ((c == ']' || c == '}') && !levels.empty()) {
      levels.pop_back();
    } else if (c == ':' && !levels.empty()) {
      levels.back().expecting_key = false;
    } else if (c == ',' && !levels.empty()) {
      ++levels.back().index;
      levels.back().expecting_key = true;
    }
    ++i;
  }
}

/// nlohmann's message without its "[json.exception.…] " prefix.
SAFEGUARDING_FUNC std::string plain_message(const char* what) {
  std::string why = what;
  if (!why.empty() && why.front() == '[') {
    const auto close = why.find("] ");
    if (close != std::string::npos) why = why.substr(close + 2);
  }
  return why;
}

}  // namespace detail

SAFEGUARDING_FUNC Document parse_text(std::string_view text, std::string_view source) {
  detail::check_depth(text, source);
  try {
    return Document::parse(text.begin(), text.end());
  } catch (const Document::parse_error& e) {
    std::string why = e.what();
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line …"; keep
    // the explanation after the last ": " and give our own position.
    const auto colon = why.rfind(": ");
    if (colon != std::string::npos) why = why.substr(colon + 2);
    const bool truncated = e.byte >= text.size();
    throw Error(std::string(source),
                std::string(truncated ? "the JSON ends too early (truncated file?)" : "not valid JSON") + " at " +
                    detail::line_and_column(text, e.byte == 0 ? 0 : e.byte - 1) + ": " + why);
  } catch (const Document::exception& e) {
    // A number out of range ("1e999") and anything else the parser refuses.
    throw Error(std::string(source), "not valid JSON: " + detail::plain_message(e.what()));
  }
}

SAFEGUARDING_FUNC Document parse_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  return parse_text(support::decode(support::read_bytes(path), name).utf8, name);
}

SAFEGUARDING_FUNC std::string dump(const Document& document, int indent) {
  try {
    return document.dump(indent);
  } catch (const Document::exception& e) {  // text that is not UTF-8
    throw Error("cannot write JSON: " + detail::plain_message(e.what()));
  }
}

SAFEGUARDING_FUNC std::string describe(const Document& v) {
  switch (v.type()) {
    case Document::value_t::null:
      return "null";
    case Document::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case Document::value_t::string: {
      auto s = v.get<std::string>();
      if (s.size() > 60) s = s.substr(0, 57) + "...";
      return "the string " + quote(s);
    }
    case Document::value_t::number_integer:
    case Document::value_t::number_unsigned:
    case Document::value_t::number_float:
      return "the number " + v.dump();
    case Document::value_t::array:
      return "an array";
    case Document::value_t::object:
      return "an object";
    default:
      return "an unexpected value";
  }
}

SAFEGUARDING_FUNC Document date_value(Date d) {
  return d.is_special() ? Document(nullptr) : Document(to_iso(d));
}

SAFEGUARDING_FUNC std::string comma_list(std::initializer_list<std::string_view> names) {
  std::string list;
  for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
  return list;
}

SAFEGUARDING_FUNC Cursor Cursor::operator[](std::string_view key) const {
  Cursor child(*this, pointer_ + "/" + detail::escape_pointer_token(key));
  if (value_ != nullptr && value_->is_object()) {
    auto it = value_->find(key);
    if (it != value_->end()) child.value_ = &*it;
  }
  return child;
}

SAFEGUARDING_FUNC Cursor Cursor::operator[](std::size_t i) const {
  Cursor child(*this, pointer_ + "/" + std::to_string(i));
  if (value_ != nullptr && value_->is_array() && i < value_->size()) child.value_ = &(*value_)[i];
  return child;
}

SAFEGUARDING_FUNC void Cursor::reject_unknown_keys(std::initializer_list<std::string_view> allowed) const {
  if (!is_object()) return;
  for (const auto& [key, v] : value_->items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) (*this)[key].problem("unknown field " + quote(key) + " (expected one of: " + comma_list(allowed) + ")");
  }
}

SAFEGUARDING_FUNC std::optional<std::string> Cursor::string(bool required) const {
  if (!expect(is_string(), "a string", required)) return std::nullopt;
  return value_->get<std::string>();
}

SAFEGUARDING_FUNC std::string Cursor::reference_or_none() const {
  if (!present()) return {};
  auto s = string();
  if (s && s->empty()) problem("expected an id, got an empty string (leave the field out for none)");
  return s.value_or("");
}

SAFEGUARDING_FUNC std::optional<std::int64_t> Cursor::integer(bool required) const {
  const bool whole = value_ != nullptr && (value_->is_number_integer() || value_->is_number_unsigned());
  if (!expect(whole, "a whole number", required)) return std::nullopt;
  if (value_->is_number_unsigned() && value_->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    problem("the number " + value_->dump() + " is too large");
    return std::nullopt;
  }
  return value_->get<std::int64_t>();
}

SAFEGUARDING_FUNC std::optional<double> Cursor::number(bool required) const {
  if (!expect(value_ != nullptr && value_->is_number(), "a number", required)) return std::nullopt;
  return value_->get<double>();
}

SAFEGUARDING_FUNC std::optional<bool> Cursor::boolean(bool required) const {
  if (!expect(value_ != nullptr && value_->is_boolean(), "true or false", required)) return std::nullopt;
  return value_->get<bool>();
}

SAFEGUARDING_FUNC std::optional<Date> Cursor::date(bool required) const {
  return parsed<Date>("a date string such as \"2019-09-29\"", required,
                      [](const std::string& s) { return parse_date(s); });
}

SAFEGUARDING_FUNC std::optional<DateTime> Cursor::date_time(bool required) const {
  return parsed<DateTime>("a date-time string such as \"2019-09-29T14:30\"", required,
                          [](const std::string& s) { return parse_date_time(s); });
}

SAFEGUARDING_FUNC std::optional<std::string> Cursor::one_of(std::initializer_list<std::string_view> choices,
                                                            bool required) const {
  auto s = string(required);
  if (!s) return std::nullopt;
  for (auto c : choices)
    if (c == *s) return s;
  problem(quote(*s) + " is not one of: " + comma_list(choices));
  return std::nullopt;
}

SAFEGUARDING_FUNC bool Cursor::expect(bool ok, std::string_view what, bool required) const {
  if (ok) return true;
  if (!present()) {
    if (required) problem("missing: expected " + std::string(what));
    return false;
  }
  problem("expected " + std::string(what) + ", got " + describe(*value_));
  return false;
}

}  // namespace safeguarding::inline v0::json
