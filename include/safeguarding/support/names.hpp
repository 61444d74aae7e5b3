// Enum vocabularies: each enum of the library has its names (`*_names`, an array in declaration
// order); these helpers turn a value into its name and back, and word the message for a name outside
// the vocabulary. Shared by the partnership, compliance, thresholds and the front door.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/error.hpp"

namespace safeguarding::inline v0::support {

/// An enum's name: `names[static_cast<size_t>(value)]`, "?" outside the array.
template <class Enum, std::size_t N>
std::string_view enum_name(Enum value, const std::array<std::string_view, N>& names) {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : std::string_view("?");
}

/// The enum value of a name, or nullopt.
template <class Enum, std::size_t N>
std::optional<Enum> enum_from_name(std::string_view text, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

/// "a, b, c": the names of a vocabulary, for messages.
template <std::size_t N>
std::string name_list(const std::array<std::string_view, N>& names) {
  std::string list;
  for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
  return list;
}

/// "'x' is not one of: a, b, c": the message for a name outside a vocabulary.
template <std::size_t N>
std::string not_one_of(std::string_view text, const std::array<std::string_view, N>& names) {
  return quote(text) + " is not one of: " + name_list(names);
}

/// "a", "a and b", "a, b and c".
inline std::string join_list(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace safeguarding::inline v0::support
