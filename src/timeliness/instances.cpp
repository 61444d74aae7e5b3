// The worker's instances: the clock an event starts (edition, timescale variant, due date), and
// opening, restarting, completing and ending an instance.
#include "safeguarding/timeliness/engine.hpp"

#include <limits>

#include "rows.hpp"
#include "worker.hpp"

namespace safeguarding::inline v0::timeliness::detail {

/// The variant of `edition` that applies to `row`: its index, -1 when none applies (an inadequate
/// judgement), -2 when an attribute it needs is missing.
SAFEGUARDING_FUNC int Worker::choose_variant(const CompiledEdition& edition, std::uint32_t row) const {
  for (std::size_t v = 0; v < edition.variants.size(); ++v) {
    const CompiledVariant& var = edition.variants[v];
    if (!var.conditional) return static_cast<int>(v);
    const CompiledCondition& c = var.when;
    if (c.column < 0) return -2;
    const std::int64_t value = in_.events.attributes[static_cast<std::size_t>(c.column)].values[row];
    if (c.categorical) {
      if (value < 0) return -2;
      if (static_cast<std::size_t>(value) < c.accepted.size() && c.accepted[static_cast<std::size_t>(value)])
        return static_cast<int>(v);
    } else {
      if (value == nat) return -2;
      const auto x = static_cast<double>(value);
      if (x >= c.at_least && x < c.below) return static_cast<int>(v);
    }
  }
  return -1;
}

/// The edition and due date for a clock starting at `row`; nullopt (with the row marked) when no
/// edition or timescale applies.
SAFEGUARDING_FUNC std::optional<Worker::Clock> Worker::clock_for(const Link& link, std::uint32_t row) {
  const std::int64_t day = day_of(row);
  for (std::size_t ed = 0; ed < link.editions.size(); ++ed) {
    const CompiledEdition& edition = link.editions[ed];
    if (day < edition.from || day > edition.until) continue;
    const int v = choose_variant(edition, row);
    if (v == -2) {
      finding(row, EventFinding::missing_attribute, link.rule);
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
SAFEGUARDING_FUNC void Worker::set_clock(std::size_t u, const Clock& clock, std::uint32_t row) {
  auto& i = out_.instances;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  i.edition[u] = clock.edition;
  i.start_row[u] = row;
  i.start[u] = clock.day;
  i.due[u] = clock.due;
  if (in_.events.resolution == Resolution::seconds) i.due_time[u] = clock.due_time;
  const bool overdue = clock.due < out_.as_of;
  i.status[u] = static_cast<std::uint8_t>(overdue ? InstanceStatus::overdue : InstanceStatus::open);
  i.late_days[u] = overdue ? static_cast<float>(out_.as_of - clock.due) : nan;
  i.late_working_days[u] = overdue ? static_cast<float>(in_.cal.between(clock.due, out_.as_of)) : nan;
}

SAFEGUARDING_FUNC std::int64_t Worker::open_instance(const Link& link, std::uint32_t row, std::int32_t sequence) {
  auto clock = clock_for(link, row);
  if (!clock) return -1;
  // The engine sizes each worker's range by one instance per (row, rule using its type).
  if (count_ >= out_.limit) throw Error("timeliness: internal error: more instances than the bound allowed for");
  const std::size_t u = count_++;
  auto& i = out_.instances;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  i.rule[u] = link.rule;
  i.case_id[u] = in_.events.case_id[row];
  i.sequence[u] = sequence;
  i.stop_row[u] = -1;
  i.completed[u] = nat;
  set_clock(u, *clock, row);
  i.duration_working_days[u] = nan;
  i.duration_days[u] = nan;
  i.band[u] = -1;
  return static_cast<std::int64_t>(u);
}

SAFEGUARDING_FUNC bool Worker::restart_instance(const Link& link, std::int64_t k, std::uint32_t row) {
  auto clock = clock_for(link, row);
  if (!clock) return false;
  set_clock(static_cast<std::size_t>(k), *clock, row);
  return true;
}

SAFEGUARDING_FUNC void Worker::complete(const Link& link, std::int64_t k, std::int64_t stop_row) {
  auto& i = out_.instances;
  const auto u = static_cast<std::size_t>(k);
  const auto r = static_cast<std::size_t>(stop_row);
  const std::int64_t done = day_of(r);
  i.stop_row[u] = stop_row;
  i.completed[u] = done;
  const bool on_time =
      in_.events.resolution == Resolution::seconds ? in_.events.time[r] <= i.due_time[u] : done <= i.due[u];
  i.status[u] = static_cast<std::uint8_t>(on_time ? InstanceStatus::met : InstanceStatus::late);
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

SAFEGUARDING_FUNC void Worker::end_instance(std::int64_t k, std::int64_t end_row, bool by_restart) {
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
    i.late_days[u] = static_cast<float>(when - i.due[u]);
    i.late_working_days[u] = static_cast<float>(in_.cal.between(i.due[u], when));
  }
}

}  // namespace safeguarding::inline v0::timeliness::detail
