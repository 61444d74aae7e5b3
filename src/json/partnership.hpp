// Partnerships, threshold documents and compliance reports in JSON (private): the steps the
// readers and writers share.
// Its include guard follows its includes (header-only mode: docs/architecture.md).

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reader.hpp"
#include "safeguarding/partnership.hpp"
#include "safeguarding/support/names.hpp"
#include "safeguarding/thresholds.hpp"

#ifndef SAFEGUARDING_SRC_JSON_PARTNERSHIP_HPP
#define SAFEGUARDING_SRC_JSON_PARTNERSHIP_HPP

namespace safeguarding::inline v0::json::detail {

/// A name of a vocabulary; a problem (and nullopt) for another name.
template <class Enum, std::size_t N>
std::optional<Enum> read_enum(const Cursor& cur, const std::array<std::string_view, N>& names, bool required = true) {
  if (!required && !cur.present()) return std::nullopt;
  auto s = cur.string(required);
  if (!s) return std::nullopt;
  if (auto e = support::enum_from_name<Enum>(*s, names)) return e;
  cur.problem(support::not_one_of(*s, names));
  return std::nullopt;
}

/// An enum's name as a JSON string.
template <class Enum, std::size_t N>
Document name_of(Enum value, const std::array<std::string_view, N>& names) {
  return Document(std::string(support::enum_name(value, names)));
}

/// A list of strings; an element that is not one is reported and kept as "" so that the later
/// elements' pointers stay right.
std::vector<std::string> read_strings(const Cursor& cur);

/// Reads a list of objects into `out` with `read(cursor, item)`, after rejecting unknown keys. An
/// element that is not an object is reported and kept as a default placeholder, so that the later
/// elements' JSON pointers (used when references are checked) stay right.
template <class T, class Read>
void read_objects(const Cursor& list, std::vector<T>& out, std::initializer_list<std::string_view> keys, Read read) {
  list.for_each([&](const Cursor& c) {
    T item{};
    if (c.expect_object()) {
      c.reject_unknown_keys(keys);
      read(c, item);
    }
    out.push_back(std::move(item));
  });
}

/// Sets `j[key]` when `value` is not empty.
void put_if(Document& j, const char* key, const std::string& value);

/// The threshold document ("thresholds" of a partnership file).
Thresholds read_thresholds(const Cursor& th);
Document write_thresholds(const Thresholds& t);
Document threshold_version_document(const ThresholdVersion& v, bool expand);

}  // namespace safeguarding::inline v0::json::detail

#endif  // SAFEGUARDING_SRC_JSON_PARTNERSHIP_HPP
