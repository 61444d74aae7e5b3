// Counting rows into the cells of a grouping (private): the engine of every front-door measure.
// Its include guard follows its includes (header-only mode: docs/architecture.md).

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "safeguarding/front_door/measures.hpp"
#include "safeguarding/support/periods.hpp"

#ifndef SAFEGUARDING_SRC_FRONT_DOOR_TALLY_HPP
#define SAFEGUARDING_SRC_FRONT_DOOR_TALLY_HPP

namespace safeguarding::inline v0::front_door::detail {

struct KeyColumn {
  std::string name;
  const std::vector<std::int32_t>* codes;
  std::int32_t cardinality;
};

/// Counts `columns` counters per cell over the rows with `include` set: `add(row, counts)` adds a
/// row's contribution to its cell's counters.
template <class Add>
MeasureTable tally(std::span<const std::int64_t> dates, const std::vector<std::uint8_t>& include,
                   timeliness::SummaryPeriod period, const std::vector<KeyColumn>& keys,
                   std::vector<std::string> count_names, Add add) {
  const std::size_t n = include.size();
  const std::size_t columns = count_names.size();
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  if (period != timeliness::SummaryPeriod::all)
    for (std::size_t i = 0; i < n; ++i)
      if (include[i]) {
        const std::int64_t m = support::month_number(dates[i]);
        lo = std::min(lo, m);
        hi = std::max(hi, m);
      }
  const std::int64_t step = period == timeliness::SummaryPeriod::month     ? 1
                            : period == timeliness::SummaryPeriod::quarter ? 3
                                                                           : 12;
  const std::int64_t first = lo > hi ? 0 : support::floor_div(lo, step) * step;
  const std::int64_t slots = period == timeliness::SummaryPeriod::all || lo > hi ? 1 : (hi - first) / step + 1;
  std::int64_t cells = slots;
  for (const KeyColumn& k : keys) cells *= k.cardinality + 1;
  if (cells * static_cast<std::int64_t>(columns) > 100'000'000)
    throw Error("front door: too many cells (" + std::to_string(cells) + "); group more coarsely");
  std::vector<std::int64_t> counts(static_cast<std::size_t>(cells) * columns, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!include[i]) continue;
    std::int64_t cell = period == timeliness::SummaryPeriod::all ? 0 : (support::month_number(dates[i]) - first) / step;
    for (const KeyColumn& k : keys) {
      const std::int32_t code = (*k.codes)[i];
      cell = cell * (k.cardinality + 1) + (code < 0 ? k.cardinality : code);
    }
    add(i, counts.data() + static_cast<std::size_t>(cell) * columns);
  }
  MeasureTable out;
  for (const KeyColumn& k : keys) out.key_names.push_back(k.name);
  out.keys.assign(keys.size(), {});
  out.count_names = std::move(count_names);
  out.counts.assign(columns, {});
  for (std::int64_t cell = 0; cell < cells; ++cell) {
    const std::int64_t* c = counts.data() + static_cast<std::size_t>(cell) * columns;
    if (std::all_of(c, c + columns, [](std::int64_t v) { return v == 0; })) continue;
    std::int64_t rest = cell;
    for (std::size_t k = keys.size(); k-- > 0;) {
      const std::int64_t radix = keys[k].cardinality + 1;
      const auto code = static_cast<std::int32_t>(rest % radix);
      out.keys[k].push_back(code == keys[k].cardinality ? -1 : code);
      rest /= radix;
    }
    if (period != timeliness::SummaryPeriod::all) {
      out.period.push_back(support::first_day_of_month(first + rest * step));
    }
    for (std::size_t col = 0; col < columns; ++col) out.counts[col].push_back(c[col]);
  }
  return out;
}

/// The grouping's key columns for the contacts (or, with `steps`, for the steps).
struct Keys {
  std::vector<std::int32_t> agency, level, version;
  std::vector<KeyColumn> columns;
  Keys(const Records& r, const Grouping& g, bool steps);
};

/// 1 for each used row, 0 for the others.
std::vector<std::uint8_t> used_rows(const std::vector<std::uint8_t>& use);

/// Cohen's kappa per cell of the agreement table `out` (grouped by `g`), from its confusion table.
std::vector<double> kappa_per_cell(const Records& r, const Grouping& g, const MeasureTable& out,
                                   std::size_t key_columns);

}  // namespace safeguarding::inline v0::front_door::detail

#endif  // SAFEGUARDING_SRC_FRONT_DOOR_TALLY_HPP
