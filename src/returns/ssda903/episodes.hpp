// The columns of a loaded SSDA903's episodes that its measures read.
//
// No #pragma once: a guard after the include of measures.hpp instead. In header-only mode
// measures.hpp includes the sources at its end (counting.cpp, events.cpp, timeliness.cpp), which
// include this header for the declarations below; when this header is the first to be included,
// #pragma once would skip that inner include and leave them undeclared. With the guard, the inner
// include declares them (measures.hpp, already begun, is skipped there, its declarations read) and
// the outer one then finds them declared.
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/returns/ssda903/measures.hpp"

#ifndef SAFEGUARDING_SRC_RETURNS_SSDA903_EPISODES_HPP
#define SAFEGUARDING_SRC_RETURNS_SSDA903_EPISODES_HPP

namespace safeguarding::inline v0::returns::ssda903::detail {

/// Why the returns loaded cannot give `year`'s figure from `tables` ("the 2020 return has no missing
/// table", "… no episodes or reviews tables"), or empty when they can (counting.cpp).
std::string not_supplied(const Ssda903& loaded, ReportingYear year, std::initializer_list<std::string_view> tables);

/// Whether a legal status is one of a short break (V3 or V4).
inline bool is_short_break_status(std::string_view status) {
  for (const auto s : short_break_statuses)
    if (status == s) return true;
  return false;
}

/// Whether episode `i` is a short break (legal status V3 or V4).
inline bool is_short_break(const Column& ls, std::size_t i) {
  return is_short_break_status(ls.text(i));
}

/// For each code of a string column's dictionary, whether its text passes `test` (a column with no
/// dictionary: none).
template <class Test>
std::vector<std::uint8_t> code_flags(const Column& column, Test test) {
  std::vector<std::uint8_t> out(column.dictionary ? column.dictionary->size() : 0);
  for (std::size_t c = 0; c < out.size(); ++c)
    out[c] = test(std::string_view((*column.dictionary)[static_cast<std::int32_t>(c)])) ? 1 : 0;
  return out;
}

/// The columns the periods and events need (DECOM and DEC are the table's own, not copies).
struct EpisodeColumns {
  std::vector<std::int64_t> child;
  std::span<const std::int64_t> decom, dec;
  std::vector<std::uint8_t> starts_care, short_break;

  explicit EpisodeColumns(const Table& episodes) {
    const Column& codes = episodes.column("CHILD");
    const Column& rne = episodes.column("RNE");
    const Column& ls = episodes.column("LS");
    child.assign(codes.codes.begin(), codes.codes.end());
    decom = episodes.column("DECOM").numbers;
    dec = episodes.column("DEC").numbers;
    // Each dictionary code judged once (is_short_break's test, RNE S), not each row's text.
    const std::vector<std::uint8_t> s = code_flags(rne, [](std::string_view v) { return v == "S"; });
    const std::vector<std::uint8_t> breaks = code_flags(ls, is_short_break_status);
    const auto flag = [](const std::vector<std::uint8_t>& flags, std::int32_t code) -> std::uint8_t {
      return code == missing_code ? 0 : flags[static_cast<std::size_t>(code)];
    };
    starts_care.resize(episodes.size());
    short_break.resize(episodes.size());
    for (std::size_t i = 0; i < episodes.size(); ++i) {
      starts_care[i] = flag(s, rne.codes[i]);
      short_break[i] = flag(breaks, ls.codes[i]);
    }
  }
};

}  // namespace safeguarding::inline v0::returns::ssda903::detail

#endif  // SAFEGUARDING_SRC_RETURNS_SSDA903_EPISODES_HPP
