// Private: the rules of a catalogue compiled for the engine: each rule (or chain) a `Track` with
// its links' editions in serial days, and per event type the tracks it starts, stops or ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness/events.hpp"

namespace safeguarding::inline v0::timeliness::detail {

/// A condition against the columns given (see Condition).
struct CompiledCondition {
  ConditionKind kind = ConditionKind::number;
  /// The attribute column: its index, -1 when the column was not given, -2 for a date condition
  /// on the date of the row itself.
  std::int32_t column = -1;
  bool chain_row = false;  // read from the row that started the chain (else the clock's)
  bool missing_not_met = false;
  double below = std::numeric_limits<double>::infinity();
  double at_least = -std::numeric_limits<double>::infinity();
  std::vector<std::uint8_t> accepted;  // category: per category code
  bool want = true;                    // flag: the value wanted; happened: whether it happened
  std::int32_t bit = -1;               // happened: the tested event's bit in a case's mask
  bool due = false;                    // date_before: compare the due date (else the clock's start)
  std::int64_t plus = 0;               // date_before: added to the date compared with
  TimeUnit plus_unit = TimeUnit::calendar_days;
};

struct CompiledVariant {
  std::vector<CompiledCondition> when;  // all must hold; empty: always
  std::int64_t amount = 0;
  TimeUnit unit = TimeUnit::calendar_days;
};

struct CompiledEdition {
  std::int64_t from = 0, until = 0;  // serial days, inclusive
  std::vector<CompiledVariant> variants;
  std::vector<std::pair<std::int64_t, TimeUnit>> bands;
  /// The event codes that start the clock under this edition when they are not all the rule's
  /// starts (editions with their own start events); empty: every start event of the rule.
  std::vector<std::int32_t> starts;
};

struct Link {
  std::int32_t rule = 0;
  bool backward = false;
  bool edition_starts = false;  // some edition has its own start events
  std::vector<CompiledEdition> editions;
};

/// What an event does to a track: starts, stops (completes) or ends (closes unfinished) its clock.
enum class Role : std::uint8_t { start, stop, end };

struct Dispatch {
  std::int32_t track;
  Role role;
};

/// A one-shot rule, or a chain of links; with the per-case state of the worker that runs it.
struct Track {
  bool chain = false;  // false: a one-shot rule
  bool recurring_last = false;
  Repeat repeat = Repeat::each;
  Restart restart = Restart::finding;
  bool early_stop = false;
  std::vector<Link> links;
  // Per-case state.
  bool touched = false, started = false, active = false, ended = false;
  std::int32_t link = 0, sequence = 0;
  std::int64_t open_instance = -1, clock_row = -1, chain_row = -1;
  std::vector<std::int64_t> open;  // one-shot: open instances, oldest first from open_head
  std::size_t open_head = 0;
  std::vector<std::int64_t> orphans;  // stop rows before any start
};

/// The most event types a catalogue's conditions can test ("has happened"): one bit each in a case's mask.
inline constexpr std::size_t max_tested_events = 64;

struct CompiledRules {
  std::vector<Track> tracks;
  std::vector<std::vector<Dispatch>> dispatch;  // per event type
  /// Per event type: its bit when a selected rule's condition tests whether it happened, else -1.
  std::vector<std::int8_t> tested;
  bool any_tested = false;
};

/// Compiles the rules `ids` (every rule when empty; a link brings its whole chain) against the
/// attribute columns of `events`. Throws Error for an unknown rule id or an attribute of the wrong kind.
CompiledRules compile_rules(const RuleCatalogue& catalogue, const EventsView& events,
                            const std::vector<std::string>& ids);

}  // namespace safeguarding::inline v0::timeliness::detail
