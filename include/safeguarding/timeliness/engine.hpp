// The case timeliness engine: from a table of events (case, event type, date or date-time,
// attributes) it computes every instance of every rule of a catalogue: when its clock started, when
// it was due, when (and whether) it was done, and its status as of a date. Chains (looked-after
// reviews: 20 working days, then 3 months, then every 6 months) take each next clock from the
// previous actual event. Rows that cannot be used are reported as data-quality findings, never
// dropped: every input row is either used by an instance or given a reason (`EventRowUse`).
//
// The entry point takes plain columns (spans), so a reader of statutory returns can call it
// without Python; see docs/timeliness.md for the statuses and counting conventions.
//
// Work per row: rows already in case order have their columns copied once and each case's events
// sorted by time; others go through a radix sort by case (two passes into buckets of cases, each
// bucket then sorted in cache by case, time and event type) written into the engine's columns, so
// that the rest reads them in turn, whatever the input's order (results name the caller's rows);
// then one pass over the sorted events dispatching each
// to the rules that use its type, with the calendar's constant-time tables for working days and a
// month table for months. Large inputs are split at case boundaries between threads, each writing
// its instances into its own range of preallocated (huge-page, uninitialised) columns. No
// allocation per row. The definitions are compiled in src/timeliness/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/config.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/support/nat.hpp"
#include "safeguarding/support/uninitialized_allocator.hpp"
#include "safeguarding/timeliness/events.hpp"

namespace safeguarding::inline v0::timeliness {

struct EngineOptions {
  Calendar calendar = Calendar::england_and_wales();
  /// Statuses are as of this serial day (rows after it are not yet known). Default: the latest date
  /// in the events.
  std::optional<std::int64_t> as_of;
  /// Rule ids to compute; empty for every rule. A link of a chain brings its whole chain.
  std::vector<std::string> rules;
  /// Threads for large inputs (each takes whole cases); 0 for one per core, up to 8.
  std::size_t threads = 0;
  /// Write the instances' start, due and completed dates as seconds since 1970-01-01 (numpy's
  /// datetime64[s], which pandas takes without converting) instead of serial days.
  bool dates_as_seconds = false;
};

/// A result column: a std::vector whose growth leaves new elements uninitialised. It converts to
/// a std::span (`std::span<const std::int64_t> due = result.instances.due;`), which copies into a
/// plain std::vector (`std::vector<std::int64_t>(due.begin(), due.end())`).
template <class T>
using ResultColumn = std::vector<T, support::UninitializedAllocator<T>>;

/// One element per rule instance, as columns.
struct Instances {
  ResultColumn<std::int32_t> rule;     // index into the catalogue's rules()
  ResultColumn<std::int32_t> edition;  // index into that rule's editions
  ResultColumn<std::int64_t> case_id;
  ResultColumn<std::int32_t>
      sequence;  // 1, 2, … within the case: the n-th instance of the rule, or the n-th link of the chain
  ResultColumn<std::int64_t> start_row;  // the row whose event started the clock
  /// The row that closed it: the stop event that completed it, or (missed, ended) the end event
  /// that closed it unfinished; -1 while open.
  ResultColumn<std::int64_t> stop_row;
  ResultColumn<std::int64_t> start, due,
      completed;  // serial days (`nat` when not done); seconds with EngineOptions::dates_as_seconds
  ResultColumn<std::int64_t>
      due_time;  // seconds: exact for hours, the due day's last second otherwise (Resolution::seconds only)
  ResultColumn<std::uint8_t> status;  // an InstanceStatus
  /// Signed: positive when late. For met and late instances, to the completion; for overdue ones,
  /// to the as-of date; for missed ones, to the end event; NaN for open and ended ones. (Single
  /// precision holds every whole number of days exactly and halves the memory of large results.)
  ResultColumn<float> late_working_days, late_days;
  /// From the clock start to the completion (NaN when not done); negative when done before the start.
  ResultColumn<float> duration_working_days, duration_days;
  /// For banded rules: the first band the completion falls within (0, 1, …), the number of bands
  /// when beyond the last, -1 when not done or not banded.
  ResultColumn<std::int8_t> band;
  /// Whether start, due and completed hold seconds (EngineOptions::dates_as_seconds) rather than serial days.
  bool dates_in_seconds = false;

  [[nodiscard]] std::size_t size() const noexcept { return rule.size(); }
};

/// The data-quality findings about event rows, as columns.
struct EventFindings {
  std::vector<std::int64_t> row;
  std::vector<std::uint8_t> kind;         // an EventFinding
  std::vector<std::int32_t> rule;         // -1 when not about one rule
  std::vector<std::int64_t> related_row;  // the other row involved, or -1
  [[nodiscard]] std::size_t size() const noexcept { return row.size(); }
};

struct EngineResult {
  Instances instances;
  EventFindings findings;
  std::vector<std::uint8_t> row_use;  // one EventRowUse per input row
  std::int64_t as_of = nat;
  Resolution resolution = Resolution::days;

  /// Rows per EventRowUse, in the enum's order; they add up to the number of input rows.
  [[nodiscard]] std::array<std::int64_t, event_row_use_names.size()> row_counts() const;
};

/// Computes every rule instance from the events: see the header comment and docs/timeliness.md.
/// Throws Error for bad columns (different lengths, event codes outside the catalogue, an unknown
/// rule id, an attribute of the wrong kind); row-level problems become findings in the result.
EngineResult compute(const RuleCatalogue& catalogue, const EventsView& events, const EngineOptions& options = {});

/// The same over an event table that owns its columns.
EngineResult compute(const RuleCatalogue& catalogue, const Events& events, const EngineOptions& options = {});

/// The engine keeps the large scratch buffers of a call (its copies of the events in case order)
/// for the next call, up to a limit in all, so that a repeated call does not wait for the system to
/// zero fresh memory; calls from several threads share them safely. Sets that limit in bytes
/// (default 256 MiB; 0 keeps none), freeing the buffers kept beyond it; returns the previous limit.
std::size_t set_scratch_limit(std::size_t bytes);

/// Frees every scratch buffer kept (see set_scratch_limit); returns their bytes.
std::size_t release_scratch();

/// The bytes of the scratch buffers kept now (see set_scratch_limit).
std::size_t scratch_kept();

/// A sentence describing a finding (the case is reported beside it, not in it).
std::string describe(const EngineResult& result, std::size_t finding, const RuleCatalogue& catalogue,
                     const EventsView& events);

}  // namespace safeguarding::inline v0::timeliness

#if defined(SAFEGUARDING_HEADER_ONLY)
// The engine's sources need summary.hpp's declarations too (compute_summary and the cells its
// workers count into): summary.hpp includes them at its end, after its own declarations, whichever
// of the two headers is included first.
#include "safeguarding/timeliness/summary.hpp"
#endif
