// The engine's worker: one-shot rules, chains, and the instances they open and close. Only the
// constructor and run() are called from elsewhere (engine.cpp); the per-event steps are `inline`
// (which also serves the header-only mode), used in this translation unit alone, so that the
// compiler inlines them into each other as it did when the engine lived in a header.
#include "safeguarding/timeliness/engine.hpp"

#include <limits>
#include <optional>
#include <utility>

#include "rows.hpp"
#include "worker.hpp"

namespace safeguarding::inline v0::timeliness::detail {

SAFEGUARDING_FUNC Worker::Worker(const WorkerInput& in, std::vector<Track> tracks, const WorkerOutput& out)
    : in_(in), tracks_(std::move(tracks)), out_(out), count_(out.base) {}

SAFEGUARDING_FUNC void Worker::run(std::size_t b, std::size_t e, bool seconds) {
  const std::size_t first = count_;
  const auto& case_id = in_.events.case_id;
  while (b < e) {
    std::size_t k = b + 1;
    while (k < e && case_id[k] == case_id[b]) ++k;
    if (out_.cells != nullptr) make_room(b, k);
    process_case(b, k);
    b = k;
  }
  if (out_.cells != nullptr) return flush();
  mark_instance_rows(first);
  to_caller_rows(first);
  if (seconds) dates_to_seconds(first);
}

/// Summary-only path: empties the scratch columns into the cells unless the case at [b, e) is
/// sure to fit (one instance per row and rule using its type at most), growing them for a large case.
inline void Worker::make_room(std::size_t b, std::size_t e) {
  std::size_t bound = 0;
  for (std::size_t k = b; k < e; ++k) bound += in_.dispatch[static_cast<std::size_t>(in_.events.event[k])].size();
  if (count_ + bound <= out_.limit) return;
  flush();
  if (bound <= out_.limit - out_.base) return;
  out_.limit = out_.base + std::max(bound, 2 * (out_.limit - out_.base));
  for_each_instance_column(out_.instances, in_.events.resolution, [&](auto& column) { column.resize(out_.limit); });
}

/// Summary-only path: the rows of the instances so far are used; the instances go into the cells.
inline void Worker::flush() {
  mark_instance_rows(out_.base);
  const auto& i = out_.instances;
  const auto& date = out_.basis == Basis::due ? i.due : out_.basis == Basis::completed ? i.completed : i.start;
  const auto& duration = out_.durations == Durations::days ? i.duration_days : i.duration_working_days;
  const std::size_t b = out_.base;
  out_.cells->add(i.rule.data() + b, date.data() + b, i.status.data() + b, duration.data() + b, count_ - b);
  count_ = out_.base;
}

/// Every row an instance refers to is used, whatever else was said of it for another rule. (A
/// worker's instances refer only to its own cases' rows.)
inline void Worker::mark_instance_rows(std::size_t first) {
  // Pointers held in locals: a byte stored through the column of uses may alias anything, so
  // the columns' pointers would otherwise be read again after each store.
  std::uint8_t* use = out_.row_use.data();
  const std::int64_t* start = out_.instances.start_row.data();
  const std::int64_t* stop = out_.instances.stop_row.data();
  constexpr auto used = static_cast<std::uint8_t>(EventRowUse::used);
  for (std::size_t i = first; i < count_; ++i) {
    use[static_cast<std::size_t>(start[i])] = used;
    if (stop[i] >= 0) use[static_cast<std::size_t>(stop[i])] = used;
  }
}

/// The instances' start and stop rows from positions to the caller's row numbers.
inline void Worker::to_caller_rows(std::size_t first) {
  auto& in = out_.instances;
  for (std::size_t i = first; i < count_; ++i) {
    in.start_row[i] = caller_row(in.start_row[i]);
    if (in.stop_row[i] >= 0) in.stop_row[i] = caller_row(in.stop_row[i]);
  }
}

inline void Worker::dates_to_seconds(std::size_t first) {
  for (auto* column : {&out_.instances.start, &out_.instances.due, &out_.instances.completed})
    for (std::size_t i = first; i < count_; ++i)
      if ((*column)[i] != nat) (*column)[i] *= seconds_per_day;
}

inline void Worker::process_case(std::size_t b, std::size_t e) {
  seen_ = 0;
  for (std::size_t k = b; k < e; ++k) {
    if (k > b && is_duplicate(b, k)) continue;
    dispatch_row(static_cast<std::uint32_t>(k));
  }
  for (std::int32_t ti : touched_) finish_track(tracks_[static_cast<std::size_t>(ti)]);
  touched_.clear();
}

/// Whether the row at k repeats the case's previous row (same time and event type): then a
/// finding, reported against the first row of the run of duplicates.
inline bool Worker::is_duplicate(std::size_t b, std::size_t k) {
  const auto& time = in_.events.time;
  const auto& event = in_.events.event;
  if (time[k - 1] != time[k] || event[k - 1] != event[k]) return false;
  std::size_t first = k - 1;
  while (first > b && time[first - 1] == time[k] && event[first - 1] == event[k]) --first;
  finding(static_cast<std::int64_t>(k), EventFinding::duplicate, -1, static_cast<std::int64_t>(first));
  return true;
}

inline void Worker::dispatch_row(std::uint32_t row) {
  const auto type = static_cast<std::size_t>(in_.events.event[row]);
  if (in_.any_tested && in_.tested[type] >= 0) {
    // A conditions' event: from now on it has happened in this case (the first such row is the one cited).
    const auto bit = static_cast<std::size_t>(in_.tested[type]);
    if (!((seen_ >> bit) & 1u)) {
      seen_ |= std::uint64_t{1} << bit;
      seen_row_[bit] = row;
    }
  }
  for (const Dispatch& d : in_.dispatch[type]) {
    Track& t = tracks_[static_cast<std::size_t>(d.track)];
    if (!t.touched) {
      t.touched = true;
      touched_.push_back(d.track);
    }
    if (t.chain)
      chain_event(t, d, row);
    else
      single_event(t, d, row);
  }
}

inline void Worker::finish_track(Track& t) {
  for (std::int64_t o : t.orphans) finding(o, EventFinding::stop_without_start, t.links.front().rule);
  t.orphans.clear();
  t.open.clear();
  t.open_head = 0;
  t.touched = t.started = t.active = t.ended = false;
  t.link = t.sequence = 0;
  t.open_instance = t.clock_row = t.chain_row = -1;
}

// ---- one-shot rules -----------------------------------------------------------------------

inline void Worker::single_event(Track& t, const Dispatch& d, std::uint32_t row) {
  switch (d.role) {
    case Role::start:
      return single_start(t, d, row);
    case Role::stop:
      return single_stop(t, row);
    case Role::end:
      return single_end(t, row);
  }
}

inline void Worker::single_start(Track& t, const Dispatch& d, std::uint32_t row) {
  const Link& link = t.links.front();
  if (!starts_clock(t, row)) return;
  if (t.repeat == Repeat::first && t.started) {
    mark(row, EventRowUse::not_needed);
    return;
  }
  if (t.repeat == Repeat::earliest && t.open_head < t.open.size()) {
    // The open instance keeps the start that opened it (the discussion that initiated the enquiry).
    mark(row, EventRowUse::not_needed);
    return;
  }
  if (t.repeat == Repeat::latest && t.open_head < t.open.size()) {
    // The clock restarts: the open instance now starts here.
    const std::int64_t k = t.open.back();
    const std::int64_t old_row = out_.instances.start_row[static_cast<std::size_t>(k)];
    if (restart_instance(link, k, row)) {
      mark(old_row, EventRowUse::superseded);
      return;
    }
    // No edition in force for the new start: close nothing, fall through to a fresh attempt.
  }
  t.started = true;
  const std::int64_t k = open_instance(link, row, ++t.sequence, row);
  if (k < 0) {
    for (std::int64_t o : t.orphans) mark(o, EventRowUse::not_needed);
    t.orphans.clear();
    return;
  }
  if (t.orphans.empty()) {
    t.open.push_back(k);
    return;
  }
  start_after_orphans(t, d, k, row);
}

/// A new instance k starting at `row` after stop rows that came before any start.
inline void Worker::start_after_orphans(Track& t, const Dispatch& d, std::int64_t k, std::uint32_t row) {
  const Link& link = t.links.front();
  if (t.early_stop) {
    complete(link, k, t.orphans.back());
    for (std::size_t o = 0; o + 1 < t.orphans.size(); ++o) mark(t.orphans[o], EventRowUse::not_needed);
    t.orphans.clear();
    return;
  }
  const std::size_t same = same_time_from(t.orphans, row);
  for (std::size_t o = 0; o < same; ++o) finding(t.orphans[o], EventFinding::stop_before_start, link.rule, row);
  t.open.push_back(k);
  // Stops at the start's own time, sorted before it only by event type, come after it.
  for (std::size_t o = same; o < t.orphans.size(); ++o)
    single_event(t, Dispatch{d.track, Role::stop}, static_cast<std::uint32_t>(t.orphans[o]));
  t.orphans.clear();
}

inline void Worker::single_stop(Track& t, std::uint32_t row) {
  if (t.open_head < t.open.size())
    complete(t.links.front(), t.open[t.open_head++], row);
  else if (t.started && !(t.early_stop && t.repeat != Repeat::first))
    mark(row, EventRowUse::not_needed);
  else
    t.orphans.push_back(row);  // before any start; or, for a rule a stop may precede, kept for the next start
}

inline void Worker::single_end(Track& t, std::uint32_t row) {
  if (t.open_head < t.open.size()) {
    while (t.open_head < t.open.size()) end_instance(t.open[t.open_head++], row);
  } else if (t.started) {
    mark(row, EventRowUse::not_needed);
  } else {
    finding(row, EventFinding::stop_without_start, t.links.front().rule);
  }
}

// ---- chains -------------------------------------------------------------------------------

/// Whether the row's event type also plays `role` in track t.
inline bool Worker::has_role(const Track& t, std::uint32_t row, Role role) const {
  for (const Dispatch& other : in_.dispatch[static_cast<std::size_t>(in_.events.event[row])])
    if (&tracks_[static_cast<std::size_t>(other.track)] == &t && other.role == role) return true;
  return false;
}

inline void Worker::chain_event(Track& t, const Dispatch& d, std::uint32_t row) {
  if (d.role == Role::start) {
    // A recurring rule whose start and stop are the same event: once running, it is a stop.
    if (t.active && has_role(t, row, Role::stop)) return;  // handled by its stop dispatch
    if (!starts_clock(t, row)) return;
    if (t.active) close_for_restart(t, row);
  }
  if (d.role == Role::stop && !t.active && has_role(t, row, Role::start)) return;  // handled by its start dispatch
  switch (d.role) {
    case Role::start:
      return chain_start(t, d, row);
    case Role::stop:
      return chain_stop(t, row);
    case Role::end:
      return chain_end(t, row);
  }
}

inline void Worker::chain_start(Track& t, const Dispatch& d, std::uint32_t row) {
  t.active = true;
  t.started = true;
  t.ended = false;
  t.link = 0;
  t.sequence = 0;
  t.clock_row = row;
  t.chain_row = row;
  t.open_instance = open_instance(t.links.front(), row, ++t.sequence, row);
  const std::size_t same = same_time_from(t.orphans, row);
  for (std::size_t o = 0; o < same; ++o)
    finding(t.orphans[o], EventFinding::stop_before_start, t.links.front().rule, row);
  if (t.open_instance < 0) mark(row, EventRowUse::not_in_force);
  // Stops at the start's own time, sorted before it only by event type, come after it.
  for (std::size_t o = same; o < t.orphans.size(); ++o)
    chain_event(t, Dispatch{d.track, Role::stop}, static_cast<std::uint32_t>(t.orphans[o]));
  t.orphans.clear();
}

inline void Worker::chain_stop(Track& t, std::uint32_t row) {
  if (t.active && t.clock_row == static_cast<std::int64_t>(row)) return;  // this row just started the clock
  if (!t.active) {
    if (t.started && !t.ended)
      mark(row, EventRowUse::not_needed);  // the chain ran its course
    else if (t.started)
      finding(row, EventFinding::stop_without_start, t.links.front().rule, t.clock_row);
    else
      t.orphans.push_back(row);
    return;
  }
  const Link& current = t.links[static_cast<std::size_t>(t.link)];
  if (t.open_instance >= 0)
    complete(current, t.open_instance, row);
  else
    mark(row, EventRowUse::not_in_force);
  std::size_t next = static_cast<std::size_t>(t.link) + 1;
  if (next >= t.links.size()) {
    if (!t.recurring_last) {
      t.active = false;
      t.open_instance = -1;
      return;
    }
    next = t.links.size() - 1;
  }
  t.link = static_cast<std::int32_t>(next);
  t.clock_row = row;
  t.open_instance = open_instance(t.links[next], row, ++t.sequence, t.chain_row);
}

inline void Worker::chain_end(Track& t, std::uint32_t row) {
  if (!t.active) {
    finding(row, EventFinding::stop_without_start, t.links.front().rule, t.clock_row);
    return;
  }
  if (t.open_instance >= 0)
    end_instance(t.open_instance, row);
  else
    mark(row, EventRowUse::not_needed);
  t.active = false;
  t.ended = true;
  t.open_instance = -1;
}

/// Whether the start row starts the track's clock under the edition in force on its date (an
/// edition with start events of its own); when not, the row is marked and the track left alone.
inline bool Worker::starts_clock(const Track& t, std::uint32_t row) {
  const Link& link = t.links.front();
  if (!link.edition_starts) return true;
  const std::int64_t day = day_of(row);
  const std::int32_t type = in_.events.event[row];
  for (const CompiledEdition& e : link.editions) {
    if (day < e.from || day > e.until) continue;
    for (std::int32_t s : e.starts)
      if (s == type) return true;
    mark(row, EventRowUse::not_in_force);
    return false;
  }
  return true;  // no edition in force: the clock's own check reports it
}

/// A start while the chain runs: with `restart: finding` a finding, and the open instance closed
/// unfinished (ended or missed) at the new start, which starts the chain afresh.
inline void Worker::close_for_restart(Track& t, std::uint32_t row) {
  const bool expected = t.restart == Restart::replace;
  if (!expected) finding(row, EventFinding::restart_without_end, t.links.front().rule, t.clock_row);
  if (t.open_instance >= 0) end_instance(t.open_instance, row, /*by_restart=*/!expected);
  t.active = false;
  t.open_instance = -1;
}

/// The first of the trailing `rows` (in time order, none after `row`) at the same time as `row`.
inline std::size_t Worker::same_time_from(const std::vector<std::int64_t>& rows, std::uint32_t row) const {
  std::size_t s = rows.size();
  while (s > 0 && in_.events.time[static_cast<std::size_t>(rows[s - 1])] == in_.events.time[row]) --s;
  return s;
}

// ---- instances: the clock an event starts, and opening, restarting, completing, ending ----
/// Whether condition `c` holds for a clock starting on `day` at `row` in a chain started at
/// `chain_row`, with `due` the due date the variant would give: 1 yes, 0 no, -1 a value it needs is
/// missing.
inline int Worker::test(const CompiledCondition& c, std::uint32_t row, std::int64_t chain_row, std::int64_t day,
                        std::int64_t due) {
  const auto source = static_cast<std::size_t>(c.chain_row ? chain_row : static_cast<std::int64_t>(row));
  const int missing = c.missing_not_met ? 0 : -1;
  missing_row_ = c.chain_row && chain_row != static_cast<std::int64_t>(row) ? chain_row : -1;
  if (c.kind == ConditionKind::happened) {
    const auto bit = static_cast<std::size_t>(c.bit);
    const bool happened = ((seen_ >> bit) & 1u) != 0;
    if (happened) mark(seen_row_[bit], EventRowUse::used);
    return happened == c.want ? 1 : 0;
  }
  if (c.column == -2) {  // a date condition on the date of the row itself (the chain's start)
    const std::int64_t limit = shift_day(in_.cal, in_.months, day_of(source), c.plus, c.plus_unit);
    return (c.due ? due : day) < limit ? 1 : 0;
  }
  if (c.column < 0) return missing;
  const std::int64_t value = in_.events.attributes[static_cast<std::size_t>(c.column)].values[source];
  switch (c.kind) {
    case ConditionKind::category:
      if (value < 0) return missing;
      return static_cast<std::size_t>(value) < c.accepted.size() && c.accepted[static_cast<std::size_t>(value)] ? 1 : 0;
    case ConditionKind::number: {
      if (value == nat) return missing;
      const auto x = static_cast<double>(value);
      return x >= c.at_least && x < c.below ? 1 : 0;
    }
    case ConditionKind::flag:
      if (value == nat) return missing;
      return (value != 0) == c.want ? 1 : 0;
    case ConditionKind::date_before: {
      if (value == nat) return missing;
      const std::int64_t limit = shift_day(in_.cal, in_.months, value, c.plus, c.plus_unit);
      if (limit == nat) return missing;
      return (c.due ? due : day) < limit ? 1 : 0;
    }
    case ConditionKind::happened:
      break;
  }
  return missing;
}

/// The variant of `edition` that applies to a clock starting on `day` at `row`: the first whose
/// conditions all hold; -1 when none applies (an inadequate judgement), -2 when a value a condition
/// needs is missing.
inline int Worker::choose_variant(const CompiledEdition& edition, const Link& link, std::uint32_t row,
                                  std::int64_t chain_row, std::int64_t day) {
  for (std::size_t v = 0; v < edition.variants.size(); ++v) {
    const CompiledVariant& var = edition.variants[v];
    if (var.when.empty()) return static_cast<int>(v);
    const std::int64_t due = shift_day(in_.cal, in_.months, day, link.backward ? -var.amount : var.amount, var.unit);
    bool holds = true;
    for (const CompiledCondition& c : var.when) {
      const int r = test(c, row, chain_row, day, due);
      if (r < 0) return -2;
      if (r == 0) {
        holds = false;
        break;
      }
    }
    if (holds) return static_cast<int>(v);
  }
  return -1;
}

/// The edition and due date for a clock starting at `row` (in a chain started at `chain_row`);
/// nullopt (with the row marked) when no edition or timescale applies.
inline std::optional<Worker::Clock> Worker::clock_for(const Link& link, std::uint32_t row, std::int64_t chain_row) {
  const std::int64_t day = day_of(row);
  for (std::size_t ed = 0; ed < link.editions.size(); ++ed) {
    const CompiledEdition& edition = link.editions[ed];
    if (day < edition.from || day > edition.until) continue;
    const int v = choose_variant(edition, link, row, chain_row, day);
    if (v == -2) {
      // The related row is the chain's start when the value was to be read there (the placement).
      finding(row, EventFinding::missing_attribute, link.rule, missing_row_);
      return std::nullopt;
    }
    if (v < 0) {
      mark(row, EventRowUse::not_in_force);
      return std::nullopt;
    }
    const CompiledVariant& var = edition.variants[static_cast<std::size_t>(v)];
    const std::int64_t amount = link.backward ? -var.amount : var.amount;
    Clock c{static_cast<std::int32_t>(ed), day, nat, nat};
    if (in_.events.resolution == Resolution::seconds && var.unit == TimeUnit::hours) {
      c.due_time = in_.events.time[row] + amount * 3600;
      c.due = support::floor_div(c.due_time, seconds_per_day);
    } else {
      c.due = shift_day(in_.cal, in_.months, day, amount, var.unit);
      if (c.due != nat) c.due_time = c.due * seconds_per_day + seconds_per_day - 1;
    }
    if (c.due == nat || !in_.cal.covers(c.due)) {
      finding(row, EventFinding::outside_calendar, link.rule);
      return std::nullopt;
    }
    return c;
  }
  mark(row, EventRowUse::not_in_force);
  return std::nullopt;
}

/// Writes the clock of instance u (started at `row`): open until a stop or end event says
/// otherwise; the as-of date decides open or overdue.
inline void Worker::set_clock(std::size_t u, const Clock& clock, std::uint32_t row) {
  auto& i = out_.instances;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  i.start_row[u] = row;
  i.start[u] = clock.day;
  i.due[u] = clock.due;
  if (in_.events.resolution == Resolution::seconds) i.due_time[u] = clock.due_time;
  const bool overdue = clock.due < out_.as_of;
  i.status[u] = static_cast<std::uint8_t>(overdue ? InstanceStatus::overdue : InstanceStatus::open);
  if (out_.cells != nullptr) return;  // the summary-only path reads no edition and no lateness
  i.edition[u] = clock.edition;
  i.late_days[u] = overdue ? static_cast<float>(out_.as_of - clock.due) : nan;
  i.late_working_days[u] = overdue ? static_cast<float>(in_.cal.between(clock.due, out_.as_of)) : nan;
}

inline std::int64_t Worker::open_instance(const Link& link, std::uint32_t row, std::int32_t sequence,
                                          std::int64_t chain_row) {
  auto clock = clock_for(link, row, chain_row);
  if (!clock) return -1;
  // The engine sizes each worker's range by one instance per (row, rule using its type).
  if (count_ >= out_.limit) throw Error("timeliness: internal error: more instances than the bound allowed for");
  const std::size_t u = count_++;
  auto& i = out_.instances;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  i.rule[u] = link.rule;
  i.stop_row[u] = -1;
  i.completed[u] = nat;
  set_clock(u, *clock, row);
  if (out_.cells != nullptr) {  // the summary-only path reads no case, sequence or band, and one duration
    (out_.durations == Durations::days ? i.duration_days : i.duration_working_days)[u] = nan;
    return static_cast<std::int64_t>(u);
  }
  i.case_id[u] = in_.events.case_id[row];
  i.sequence[u] = sequence;
  i.duration_working_days[u] = nan;
  i.duration_days[u] = nan;
  i.band[u] = -1;
  return static_cast<std::int64_t>(u);
}

inline bool Worker::restart_instance(const Link& link, std::int64_t k, std::uint32_t row) {
  auto clock = clock_for(link, row, row);
  if (!clock) return false;
  set_clock(static_cast<std::size_t>(k), *clock, row);
  return true;
}

inline void Worker::complete(const Link& link, std::int64_t k, std::int64_t stop_row) {
  auto& i = out_.instances;
  const auto u = static_cast<std::size_t>(k);
  const auto r = static_cast<std::size_t>(stop_row);
  const std::int64_t done = day_of(r);
  i.stop_row[u] = stop_row;
  i.completed[u] = done;
  const bool on_time =
      in_.events.resolution == Resolution::seconds ? in_.events.time[r] <= i.due_time[u] : done <= i.due[u];
  i.status[u] = static_cast<std::uint8_t>(on_time ? InstanceStatus::met : InstanceStatus::late);
  if (out_.cells != nullptr) {  // the summary-only path reads the one duration it counts, and no lateness or band
    if (out_.durations == Durations::days)
      i.duration_days[u] = static_cast<float>(done - i.start[u]);
    else
      i.duration_working_days[u] = static_cast<float>(in_.cal.between(i.start[u], done));
    return;
  }
  i.late_days[u] = static_cast<float>(done - i.due[u]);
  i.late_working_days[u] = static_cast<float>(in_.cal.between(i.due[u], done));
  i.duration_days[u] = static_cast<float>(done - i.start[u]);
  i.duration_working_days[u] = static_cast<float>(in_.cal.between(i.start[u], done));
  const CompiledEdition& edition = link.editions[static_cast<std::size_t>(i.edition[u])];
  if (!edition.bands.empty()) {
    std::size_t band = 0;
    while (band < edition.bands.size() &&
           done > shift_day(in_.cal, in_.months, i.start[u], edition.bands[band].first, edition.bands[band].second))
      ++band;
    i.band[u] = static_cast<std::int8_t>(band);
  }
}

inline void Worker::end_instance(std::int64_t k, std::int64_t end_row, bool by_restart) {
  auto& i = out_.instances;
  const auto u = static_cast<std::size_t>(k);
  const std::int64_t when = day_of(static_cast<std::size_t>(end_row));
  if (!by_restart) i.stop_row[u] = end_row;
  if (when <= i.due[u]) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    i.status[u] = static_cast<std::uint8_t>(InstanceStatus::ended);
    i.late_days[u] = nan;
    i.late_working_days[u] = nan;
  } else {
    i.status[u] = static_cast<std::uint8_t>(InstanceStatus::missed);
    if (out_.cells != nullptr) return;
    i.late_days[u] = static_cast<float>(when - i.due[u]);
    i.late_working_days[u] = static_cast<float>(in_.cal.between(i.due[u], when));
  }
}

}  // namespace safeguarding::inline v0::timeliness::detail
