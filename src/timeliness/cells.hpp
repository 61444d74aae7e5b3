// Private: the counts a summary keeps per cell (rule, month) while the engine runs, so that the
// summary-only path (compute_summary) never holds the instances: each worker adds its instances
// as it goes, the workers' cells are merged, and the table is built by the rows summarise() builds
// (append_summary_row) and the percentiles it computes (numpy's linear method, exact order statistics).
// Its include guard follows its includes (header-only mode: docs/architecture.md).

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "../support/visibility.hpp"
#include "month_table.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/support/nat.hpp"
#include "safeguarding/timeliness/summary.hpp"

#ifndef SAFEGUARDING_SRC_TIMELINESS_CELLS_HPP
#define SAFEGUARDING_SRC_TIMELINESS_CELLS_HPP

namespace safeguarding::inline v0::timeliness::detail {

using StatusCounts = std::array<std::int64_t, instance_status_names.size()>;

/// Appends one row of a summary: the counts per status, and the in/out-of-timescale figures from them.
void append_summary_row(Summary& out, std::int32_t rule, std::int64_t period, std::int64_t group,
                        const StatusCounts& counts);

/// Throws unless every percentile is between 0 and 100.
void check_percentiles(std::span<const double> percentiles);

/// numpy's default ("linear") percentile of `values[b..e)`, which it reorders.
double percentile(std::vector<double>& values, std::size_t b, std::size_t e, double q);

/// The durations of one cell: a histogram of whole numbers while they span a modest range, else
/// the values themselves.
class SAFEGUARDING_INTERNAL DurationBag {
 public:
  void add(double v) {
    ++count_;
    // A whole number (within int64's range; NaN and the infinities fail the bounds), tested by a
    // conversion and back rather than std::floor, which is a library call without SSE4.1.
    if (!raw_ && v > -9.2e18 && v < 9.2e18 && static_cast<double>(static_cast<std::int64_t>(v)) == v) {
      const auto x = static_cast<std::int64_t>(v);
      if (fits(x) || widen(x)) {
        ++hist_[static_cast<std::size_t>(x - lo_)];
        return;
      }
    }
    if (!raw_) to_values();
    values_.push_back(v);
  }
  void merge(const DurationBag& other);
  /// numpy's linear percentile; NaN for no durations.
  [[nodiscard]] double percentile(double q);
  [[nodiscard]] std::int64_t count() const noexcept { return count_; }

 private:
  [[nodiscard]] bool fits(std::int64_t x) const {
    return !hist_.empty() && x >= lo_ && x - lo_ < static_cast<std::int64_t>(hist_.size());
  }
  bool widen(std::int64_t x);
  void to_values();
  [[nodiscard]] double order_statistic(std::int64_t k) const;

  std::int64_t lo_ = 0, count_ = 0;
  std::vector<std::uint32_t> hist_;
  std::vector<double> values_;
  bool raw_ = false;
};

/// Counts per (rule, month of a date within the calendar's range, or no date) and status, and the
/// durations of each cell. Only the rules the engine computes have cells (a few of the catalogue's,
/// typically), so that the cells a worker touches stay in its cache and a call does not clear
/// cells for every rule of the catalogue; the others' counts are nought, and give no row.
class SAFEGUARDING_INTERNAL CellAccumulator {
 public:
  /// Cells for the rules `computed` (codes in the catalogue, any order) over the calendar's months
  /// (`months` gives each day's month).
  CellAccumulator(std::span<const std::int32_t> computed, const MonthTable& months, bool with_durations);

  /// One instance: its rule (one of those computed), the serial day that places it (`nat` for
  /// none), its status and duration (NaN for none).
  void add(std::int32_t rule, std::int64_t day, std::uint8_t status, float duration) {
    const std::size_t c = static_cast<std::size_t>(dense_[static_cast<std::size_t>(rule)]) * slots_ + slot(day);
    ++counts_[c][status];
    if (with_durations_ && !std::isnan(duration)) bags_[c].add(static_cast<double>(duration));
  }
  /// The `n` instances of columns of them (rule, day, status, duration), each as add() takes it.
  void add(const std::int32_t* rule, const std::int64_t* day, const std::uint8_t* status, const float* duration,
           std::size_t n);
  void merge(const CellAccumulator& other);
  /// The table summarise() gives for the same instances: rows by rule, period, no date last.
  [[nodiscard]] Summary table(SummaryPeriod period, std::span<const double> percentiles);

 private:
  [[nodiscard]] std::size_t slot(std::int64_t day) const {
    if (day == nat) return months_;
    if (!month_table_.covers(day))
      throw Error("timeliness: internal error: an instance's date is outside the calendar's range");
    return static_cast<std::size_t>(month_table_.month_index(day));
  }

  const MonthTable& month_table_;
  std::vector<std::int32_t> rules_;  // the rules with cells, in the catalogue's order
  std::vector<std::int32_t> dense_;  // per rule code: its place in rules_ (-1: no cells)
  std::int64_t first_month_;
  std::size_t months_, slots_;  // slots: the months, then "no date"
  bool with_durations_;
  std::vector<StatusCounts> counts_;
  std::vector<DurationBag> bags_;
};

}  // namespace safeguarding::inline v0::timeliness::detail

#endif  // SAFEGUARDING_SRC_TIMELINESS_CELLS_HPP
