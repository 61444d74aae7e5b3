// Private: what the engine writes about input rows (their use, their findings), shared by the
// engine's preparation and its workers.
// Its include guard follows its includes (header-only mode: docs/architecture.md).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "safeguarding/support/periods.hpp"
#include "safeguarding/timeliness/engine.hpp"

#ifndef SAFEGUARDING_SRC_TIMELINESS_ROWS_HPP
#define SAFEGUARDING_SRC_TIMELINESS_ROWS_HPP

namespace safeguarding::inline v0::timeliness::detail {

inline constexpr std::int64_t seconds_per_day = 86400;

/// A row whose use is not yet known (every path classifies its row before the engine returns).
inline constexpr std::uint8_t unset_use = 255;

/// The serial day of a row's time.
inline std::int64_t day_of(const EventsView& events, std::size_t row) {
  const std::int64_t t = events.time[row];
  return events.resolution == Resolution::days ? t : support::floor_div(t, seconds_per_day);
}

/// Marks a row's use; a later use in the enum's order wins (problem over the others).
inline void mark_row(std::span<std::uint8_t> row_use, std::int64_t row, EventRowUse use) {
  auto& u = row_use[static_cast<std::size_t>(row)];
  if (u == unset_use || u < static_cast<std::uint8_t>(use)) u = static_cast<std::uint8_t>(use);
}

/// Writes a finding.
inline void push_finding(EventFindings& f, std::int64_t row, EventFinding kind, std::int32_t rule,
                         std::int64_t related) {
  f.row.push_back(row);
  f.kind.push_back(static_cast<std::uint8_t>(kind));
  f.rule.push_back(rule);
  f.related_row.push_back(related);
}

/// Appends the findings `from` (of a part of the rows, or of a worker) after those of `to`.
inline void append_findings(EventFindings& to, const EventFindings& from) {
  to.row.insert(to.row.end(), from.row.begin(), from.row.end());
  to.kind.insert(to.kind.end(), from.kind.begin(), from.kind.end());
  to.rule.insert(to.rule.end(), from.rule.begin(), from.rule.end());
  to.related_row.insert(to.related_row.end(), from.related_row.begin(), from.related_row.end());
}

/// Writes a finding and marks its row.
inline void add_finding(EventFindings& f, std::span<std::uint8_t> row_use, std::int64_t row, EventFinding kind,
                        std::int32_t rule, std::int64_t related) {
  push_finding(f, row, kind, rule, related);
  mark_row(row_use, row, EventRowUse::problem);
}

}  // namespace safeguarding::inline v0::timeliness::detail

#endif  // SAFEGUARDING_SRC_TIMELINESS_ROWS_HPP
