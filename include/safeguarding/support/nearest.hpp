// The nearest known names to a name that is not one of them, for the "did you mean …?" of a message:
// a rule id or event type missing from the catalogue, a misspelt header of a return, an XML element
// name. One helper, so that every typo is answered the same way.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/error.hpp"

namespace safeguarding::inline v0::support {

namespace detail {

inline char lower_ascii(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// The edit distance between two names, ignoring ASCII case: insertions, deletions, substitutions
/// and transpositions of two neighbouring characters each count one (optimal string alignment).
inline std::size_t name_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = lower_ascii(a[i - 1]) == lower_ascii(b[j - 1]);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && lower_ascii(a[i - 1]) == lower_ascii(b[j - 2]) &&
          lower_ascii(a[i - 2]) == lower_ascii(b[j - 1]))
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[m];
}

}  // namespace detail

/// The known names nearest to `name`: those at the smallest edit distance (ignoring case), when it
/// is at most a third of the name's length (at least 2); otherwise those sharing the longest prefix
/// with it. Empty when none is near or more than `most` are equally near.
inline std::vector<std::string> nearest_names(std::string_view name, const std::vector<std::string>& known,
                                              std::size_t most = 6) {
  std::vector<std::string> near;
  std::size_t best = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto& k : known) {
    const std::size_t d = detail::name_distance(name, k);
    if (d < best) best = d, near.clear();
    if (d == best && std::find(near.begin(), near.end(), k) == near.end()) near.push_back(k);
  }
  if (near.empty()) {
    std::size_t longest = 0;
    for (const auto& k : known) {
      std::size_t n = 0;
      while (n < k.size() && n < name.size() && k[n] == name[n]) ++n;
      if (n > longest) longest = n, near.clear();
      if (n == longest && n > 0 && std::find(near.begin(), near.end(), k) == near.end()) near.push_back(k);
    }
  }
  if (near.size() > most) near.clear();
  return near;
}

/// " (did you mean 'a' or 'b'?)" for the nearest known names, or `otherwise` when none is near.
inline std::string did_you_mean(std::string_view name, const std::vector<std::string>& known,
                                std::string_view otherwise = {}) {
  const auto near = nearest_names(name, known);
  if (near.empty()) return std::string(otherwise);
  std::string out = " (did you mean ";
  for (std::size_t i = 0; i < near.size(); ++i)
    out += (i ? (i + 1 == near.size() ? " or " : ", ") : "") + quote(near[i]);
  return out + "?)";
}

}  // namespace safeguarding::inline v0::support
