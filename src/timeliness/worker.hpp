// Private: the engine's worker, which judges a run of whole cases of the events gathered into the
// engine's order, writing instances into positions [base, limit) of the shared columns and the
// uses of the gathered rows into the shared use column (each case's rows belong to one worker, so
// workers never write the same element). It reads and remembers rows by their position in the
// gathered events, and reports them (findings, the instances' start and stop rows) by the
// caller's row numbers.
// Its include guard follows its includes (header-only mode: docs/architecture.md).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "../support/visibility.hpp"
#include "cells.hpp"
#include "compiled.hpp"
#include "month_table.hpp"
#include "rows.hpp"
#include "safeguarding/support/calendar_table.hpp"
#include "safeguarding/timeliness/engine.hpp"

#ifndef SAFEGUARDING_SRC_TIMELINESS_WORKER_HPP
#define SAFEGUARDING_SRC_TIMELINESS_WORKER_HPP

namespace safeguarding::inline v0::timeliness::detail {

/// What a worker reads: the events in the engine's order, the calendar's tables, the compiled
/// rules, and each position's row in the caller's events.
struct WorkerInput {
  const EventsView& events;
  const support::CalendarTable& cal;
  const MonthTable& months;
  const std::vector<std::vector<Dispatch>>& dispatch;
  const std::vector<std::int8_t>& tested;  // per event type: its bit when a condition tests it, else -1
  bool any_tested;
  std::span<const std::uint32_t> rows;
};

/// Where a worker writes: the shared columns, its range of them, the use of each position, and the
/// as-of date. With `cells`
/// (the summary-only path), `instances` is the worker's own scratch columns, emptied into the
/// cells (by the `basis` date and with the `durations`) whenever the next case might not fit.
struct SAFEGUARDING_INTERNAL WorkerOutput {
  Instances& instances;
  std::span<std::uint8_t> row_use;
  std::int64_t as_of;
  std::size_t base, limit;
  CellAccumulator* cells = nullptr;
  Basis basis = Basis::due;
  Durations durations = Durations::days;
};

/// Calls f on each instance column (due_time only with date-times).
template <class F>
void for_each_instance_column(Instances& i, Resolution resolution, F&& f) {
  f(i.rule), f(i.edition), f(i.case_id), f(i.sequence), f(i.start_row), f(i.stop_row), f(i.start), f(i.due),
      f(i.completed);
  if (resolution == Resolution::seconds) f(i.due_time);
  f(i.status), f(i.late_working_days), f(i.late_days), f(i.duration_working_days), f(i.duration_days), f(i.band);
}

class SAFEGUARDING_INTERNAL Worker {
 public:
  Worker(const WorkerInput& in, std::vector<Track> tracks, const WorkerOutput& out);

  /// The cases at positions [b, e); with `seconds`, the dates written are then turned into seconds.
  void run(std::size_t b, std::size_t e, bool seconds = false);
  /// Moves the worker on to another run of cases (the summary-only path, which judges each bucket
  /// of the radix sort as it is sorted): `rows` and `row_use` are the caller's row and the use of
  /// each of its positions, whose events are those of the view the worker was given, now refilled.
  void move_to(std::span<const std::uint32_t> rows, std::span<std::uint8_t> row_use) noexcept {
    in_.rows = rows;
    out_.row_use = row_use;
  }

  /// One past the last instance written.
  [[nodiscard]] std::size_t end() const noexcept { return count_; }
  EventFindings findings;

 private:
  // The per-event steps: inline, defined in worker.cpp and used there alone.
  struct Clock {
    std::int32_t edition;
    std::int64_t day, due, due_time;
  };

  [[nodiscard]] std::int64_t day_of(std::size_t row) const { return detail::day_of(in_.events, row); }
  /// The caller's row number of a position.
  [[nodiscard]] std::int64_t caller_row(std::int64_t row) const { return in_.rows[static_cast<std::size_t>(row)]; }
  /// A finding about the row at a position (and another, or -1), reported by the caller's row numbers.
  void finding(std::int64_t row, EventFinding kind, std::int32_t rule = -1, std::int64_t related = -1) {
    push_finding(findings, caller_row(row), kind, rule, related >= 0 ? caller_row(related) : -1);
    mark(row, EventRowUse::problem);
  }
  void mark(std::int64_t row, EventRowUse use) { mark_row(out_.row_use, row, use); }

  inline void process_case(std::size_t b, std::size_t e);
  [[nodiscard]] inline bool is_duplicate(std::size_t b, std::size_t k);
  inline void dispatch_row(std::uint32_t row);
  inline void finish_track(Track& t);
  inline void mark_instance_rows(std::size_t first);
  inline void to_caller_rows(std::size_t first);
  inline void make_room(std::size_t b, std::size_t e);
  inline void flush();
  inline void dates_to_seconds(std::size_t first);

  // One-shot rules.
  inline void single_event(Track& t, const Dispatch& d, std::uint32_t row);
  inline void single_start(Track& t, const Dispatch& d, std::uint32_t row);
  inline void single_stop(Track& t, std::uint32_t row);
  inline void single_end(Track& t, std::uint32_t row);
  inline void start_after_orphans(Track& t, const Dispatch& d, std::int64_t k, std::uint32_t row);

  // Chains.
  inline void chain_event(Track& t, const Dispatch& d, std::uint32_t row);
  [[nodiscard]] inline bool has_role(const Track& t, std::uint32_t row, Role role) const;
  inline void chain_start(Track& t, const Dispatch& d, std::uint32_t row);
  inline void chain_stop(Track& t, std::uint32_t row);
  inline void chain_end(Track& t, std::uint32_t row);
  [[nodiscard]] inline std::size_t same_time_from(const std::vector<std::int64_t>& rows, std::uint32_t row) const;

  [[nodiscard]] inline bool starts_clock(const Track& t, std::uint32_t row);
  inline void close_for_restart(Track& t, std::uint32_t row);

  // Instances.
  [[nodiscard]] inline int test(const CompiledCondition& c, std::uint32_t row, std::int64_t chain_row, std::int64_t day,
                                std::int64_t due);
  [[nodiscard]] inline int choose_variant(const CompiledEdition& edition, const Link& link, std::uint32_t row,
                                          std::int64_t chain_row, std::int64_t day);
  [[nodiscard]] inline std::optional<Clock> clock_for(const Link& link, std::uint32_t row, std::int64_t chain_row);
  inline std::int64_t open_instance(const Link& link, std::uint32_t row, std::int32_t sequence, std::int64_t chain_row);
  inline void set_clock(std::size_t u, const Clock& clock, std::uint32_t row);
  inline bool restart_instance(const Link& link, std::int64_t k, std::uint32_t row);
  inline void complete(const Link& link, std::int64_t k, std::int64_t stop_row);
  inline void end_instance(std::int64_t k, std::int64_t end_row, bool by_restart = false);

  WorkerInput in_;
  std::vector<Track> tracks_;
  WorkerOutput out_;
  std::vector<std::int32_t> touched_;
  std::size_t count_;
  // The event types tested by conditions that the current case has had so far, and the first row of each.
  std::uint64_t seen_ = 0;
  std::array<std::int64_t, max_tested_events> seen_row_{};
  std::int64_t missing_row_ = -1;  // the row a missing value was to be read from, when not the clock's
};

}  // namespace safeguarding::inline v0::timeliness::detail

#endif  // SAFEGUARDING_SRC_TIMELINESS_WORKER_HPP
