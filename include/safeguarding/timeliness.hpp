// The case timeliness engine: from a table of events (case, event type, date or date-time,
// attributes) it computes every instance of every rule of a catalogue: when its clock started, when
// it was due, when (and whether) it was done, and its status as of a date. Chains (looked-after
// reviews: 20 working days, then 3 months, then every 6 months) take each next clock from the
// previous actual event. Rows that cannot be used are reported as data-quality findings, never
// dropped: every input row is either used by an instance or given a reason (`RowUse`).
//
// The entry point takes plain columns (spans), so a reader of statutory returns can call it
// without Python; see docs/timeliness.md for the statuses and counting conventions.
//
// Work per row: a counting sort by case (stable; skipped when the rows are already in case order),
// a small sort of each case's events by time, and one pass over the sorted events dispatching each
// to the rules that use its type, with the calendar's constant-time tables for working days and a
// month table for months. Large inputs are split at case boundaries between threads, each writing
// its instances into its own range of preallocated (huge-page, uninitialised) columns. No
// allocation per row.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <exception>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <string_view>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/support/column_view.hpp"
#include "safeguarding/support/periods.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace safeguarding::inline v0::timeliness {

/// The unit of the `time` column: serial days (numpy datetime64[D]) or seconds since 1970-01-01
/// (datetime64[s]); with seconds, rules in hours are exact.
enum class Resolution : std::uint8_t { days, seconds };

/// The state of a rule instance as of a date.
///  * met: done on or before the due date;       * late: done after it;
///  * overdue: not done and the due date has passed (still open);
///  * open: not done, and still in time;
///  * missed: the clock ended (an end event, such as ceasing to be looked after) after the due
///    date with nothing done;                     * ended: the clock ended before the due date: not needed.
enum class InstanceStatus : std::uint8_t { met, late, overdue, open, missed, ended };
inline constexpr std::array<std::string_view, 6> instance_status_names = {"met", "late", "overdue", "open", "missed", "ended"};

/// A data-quality problem with one row.
enum class EventFinding : std::uint8_t {
  missing_date,         // the row has no date
  outside_calendar,     // the date (or the due date it gives) is outside the calendar's range
  duplicate,            // same case, event type and time as an earlier row
  stop_before_start,    // a stop event dated before the event that starts its clock
  stop_without_start,   // a stop or end event with no event to start its clock
  restart_without_end,  // a chain started again without the end event of the previous one
  missing_attribute,    // the rule's timescale depends on an attribute the row does not have
};
inline constexpr std::array<std::string_view, 7> event_finding_names = {
    "missing_date", "outside_calendar", "duplicate", "stop_before_start", "stop_without_start", "restart_without_end",
    "missing_attribute"};

/// What became of each input row. Rows in = the sum over these.
///  * used: an instance starts, stops or ends at it;
///  * after_as_of: dated after the as-of date, so not yet known;
///  * no_rule: no selected rule uses its event type;
///  * not_in_force: its rules had no edition in force (or no timescale applied) on its date;
///  * not_needed: a stop event after the instance it could close was closed (a second core group);
///  * superseded: a start event replaced by a later one (the last strategy discussion counts);
///  * problem: not used, with at least one data-quality finding.
enum class EventRowUse : std::uint8_t { used, after_as_of, no_rule, not_in_force, not_needed, superseded, problem };
inline constexpr std::array<std::string_view, 7> event_row_use_names = {"used",       "after_as_of", "no_rule", "not_in_force",
                                                                  "not_needed", "superseded",  "problem"};

/// A view of an attribute column: numbers (the child's age), or codes into `categories` (a
/// judgement); a missing value is `nat` (or any negative code for a categorical column).
struct AttributeView {
  std::string name;
  support::ColumnView<std::int64_t> values;
  std::vector<std::string> categories;  // empty for a numeric column
};

/// A view of an event table held by the caller, as columns of equal length (numpy arrays, vectors
/// that outlive the view). It cannot be made from temporary containers: use `Events` to hand the
/// engine columns it should own.
struct EventsView {
  support::ColumnView<std::int64_t> case_id;  // any integers (child ids, or codes of text ids)
  support::ColumnView<std::int32_t> event;    // index into the catalogue's events() (RuleCatalogue::event)
  support::ColumnView<std::int64_t> time;     // serial days or seconds (see resolution); `nat` for none
  Resolution resolution = Resolution::days;
  std::vector<AttributeView> attributes;
};

/// An attribute column the event table owns.
struct Attribute {
  std::string name;
  std::vector<std::int64_t> values;
  std::vector<std::string> categories;  // empty for a numeric column
};

/// An event table that owns its columns.
struct Events {
  std::vector<std::int64_t> case_id;
  std::vector<std::int32_t> event;
  std::vector<std::int64_t> time;
  Resolution resolution = Resolution::days;
  std::vector<Attribute> attributes;

  /// A view for the engine, valid while this table lives unchanged (not of a temporary table).
  [[nodiscard]] EventsView view() const& {
    EventsView v{case_id, event, time, resolution, {}};
    for (const auto& a : attributes) v.attributes.push_back(AttributeView{a.name, a.values, a.categories});
    return v;
  }
  EventsView view() && = delete;
};

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

namespace detail {
/// An allocator that leaves new elements uninitialised (every element is written before it is
/// read), so that growing a large result does not write it twice.
template <class T>
struct UninitializedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
}  // namespace detail

/// A result column: a std::vector whose growth leaves new elements uninitialised.
template <class T>
using ResultColumn = std::vector<T, detail::UninitializedAllocator<T>>;

/// One element per rule instance, as columns.
struct Instances {
  ResultColumn<std::int32_t> rule;     // index into the catalogue's rules()
  ResultColumn<std::int32_t> edition;  // index into that rule's editions
  ResultColumn<std::int64_t> case_id;
  ResultColumn<std::int32_t> sequence;  // 1, 2, … within the case: the n-th instance of the rule, or the n-th link of the chain
  ResultColumn<std::int64_t> start_row;  // the row whose event started the clock
  /// The row that closed it: the stop event that completed it, or (missed, ended) the end event
  /// that closed it unfinished; -1 while open.
  ResultColumn<std::int64_t> stop_row;
  ResultColumn<std::int64_t> start, due, completed;  // serial days (`missing` when not done); seconds with Options::dates_as_seconds
  ResultColumn<std::int64_t> due_time;  // seconds: exact for hours, the due day's last second otherwise (Resolution::seconds only)
  ResultColumn<std::uint8_t> status;
  /// Signed: positive when late. For met and late instances, to the completion; for overdue ones,
  /// to the as-of date; for missed ones, to the end event; NaN for open and ended ones. (Single
  /// precision holds every whole number of days exactly and halves the memory of large results.)
  ResultColumn<float> late_working_days, late_days;
  /// From the clock start to the completion (NaN when not done); negative when done before the start.
  ResultColumn<float> duration_working_days, duration_days;
  /// For banded rules: the first band the completion falls within (0, 1, …), the number of bands
  /// when beyond the last, -1 when not done or not banded.
  ResultColumn<std::int8_t> band;

  [[nodiscard]] std::size_t size() const noexcept { return rule.size(); }
};

struct EventFindings {
  std::vector<std::int64_t> row;
  std::vector<std::uint8_t> kind;
  std::vector<std::int32_t> rule;         // -1 when not about one rule
  std::vector<std::int64_t> related_row;  // the other row involved, or -1
  [[nodiscard]] std::size_t size() const noexcept { return row.size(); }
};

struct EngineResult {
  Instances instances;
  EventFindings findings;
  std::vector<std::uint8_t> row_use;  // one RowUse per input row
  std::int64_t as_of = nat;
  Resolution resolution = Resolution::days;

  /// Rows per RowUse, in the enum's order; they add up to the number of input rows.
  [[nodiscard]] std::array<std::int64_t, event_row_use_names.size()> row_counts() const {
    std::array<std::int64_t, event_row_use_names.size()> out{};
    for (std::uint8_t u : row_use) ++out[u];
    return out;
  }
};

namespace detail {

/// Reserves room for `n` elements and, on Linux, asks for transparent huge pages for a large
/// buffer: first-touch page faults would otherwise cost more than the engine's own work.
template <class T, class A>
void reserve_large(std::vector<T, A>& v, std::size_t n) {
  v.reserve(n);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  const std::size_t bytes = v.capacity() * sizeof(T);
  if (bytes >= 4 * huge) {
    const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
    const std::uintptr_t first = (begin + huge - 1) & ~(huge - 1);
    const std::uintptr_t last = (begin + bytes) & ~(huge - 1);
    if (last > first) (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
#endif
}

/// Runs body(begin, end, part) over [0, n) in one part, or in two halves on two threads.
template <class Body>
void in_halves(std::size_t n, bool two, Body&& body) {
  if (!two) {
    body(std::size_t{0}, n, std::size_t{0});
    return;
  }
  std::exception_ptr error;
  std::thread other([&] {
    try {
      body(n / 2, n, std::size_t{1});
    } catch (...) {
      error = std::current_exception();
    }
  });
  body(std::size_t{0}, n / 2, std::size_t{0});
  other.join();
  if (error) std::rethrow_exception(error);
}

using support::floor_div;

constexpr std::int64_t seconds_per_day = 86400;

struct CompiledCondition {
  std::int32_t column = -1;  // attribute index, -1 when the column was not given
  bool categorical = false;
  double below = std::numeric_limits<double>::infinity();
  double at_least = -std::numeric_limits<double>::infinity();
  std::vector<std::uint8_t> accepted;  // per category code
};

struct CompiledVariant {
  bool conditional = false;
  CompiledCondition when;
  std::int64_t amount = 0;
  TimeUnit unit = TimeUnit::calendar_days;
};

struct CompiledEdition {
  std::int64_t from = 0, until = 0;  // serial days, inclusive
  std::vector<CompiledVariant> variants;
  std::vector<std::pair<std::int64_t, TimeUnit>> bands;
};

struct Link {
  std::int32_t rule = 0;
  bool backward = false;
  std::vector<CompiledEdition> editions;
};

enum class Role : std::uint8_t { start, stop, end };

struct Dispatch {
  std::int32_t track;
  Role role;
};

struct Track {
  bool chain = false;  // false: a one-shot rule
  bool recurring_last = false;
  Repeat repeat = Repeat::each;
  bool early_stop = false;
  std::vector<Link> links;
  // Per-case state.
  bool touched = false, started = false, active = false, ended = false;
  std::int32_t link = 0, sequence = 0;
  std::int64_t open_instance = -1, clock_row = -1;
  std::vector<std::int64_t> open;  // one-shot: open instances, oldest first from open_head
  std::size_t open_head = 0;
  std::vector<std::int64_t> orphans;  // stop rows before any start
};

/// Month arithmetic by table lookup over a calendar's days (the civil algorithms' divisions cost
/// more than the rest of an instance's work): each day's month and day of month, each month's
/// first day and length. Days outside the table fall back to the civil algorithms.
class MonthTable {
 public:
  explicit MonthTable(const safeguarding::detail::CalendarTable& cal) : first_(cal.first) {
    const auto days = static_cast<std::size_t>(cal.last - cal.first + 1);
    month_.resize(days);
    day_.resize(days);
    const auto start = support::civil_from_days(cal.first);
    first_month_ = start.year * 12 + static_cast<std::int64_t>(start.month) - 1;
    std::int64_t m = first_month_;
    for (std::size_t i = 0; i < days; ++i) {
      const auto c = support::civil_from_days(cal.first + static_cast<std::int64_t>(i));
      m = c.year * 12 + static_cast<std::int64_t>(c.month) - 1;
      month_[i] = static_cast<std::int32_t>(m - first_month_);
      day_[i] = static_cast<std::uint8_t>(c.day);
      if (c.day == 1 || i == 0) {
        month_start_.push_back(cal.first + static_cast<std::int64_t>(i) - (c.day - 1));
        month_length_.push_back(static_cast<std::uint8_t>(support::days_in_month(c.year, c.month)));
      }
    }
  }

  [[nodiscard]] std::int64_t add_months(std::int64_t day, std::int64_t months) const noexcept {
    const std::int64_t off = day - first_;
    if (off >= 0 && off < static_cast<std::int64_t>(month_.size())) {
      const std::int64_t target = month_[static_cast<std::size_t>(off)] + months;
      if (target >= 0 && target < static_cast<std::int64_t>(month_start_.size())) {
        const auto t = static_cast<std::size_t>(target);
        const unsigned dom = day_[static_cast<std::size_t>(off)];
        const unsigned len = month_length_[t];
        return month_start_[t] + (dom < len ? dom : len) - 1;
      }
    }
    return support::add_months_to_days(day, months);
  }

 private:
  std::int64_t first_;
  std::int64_t first_month_ = 0;
  std::vector<std::int32_t> month_;
  std::vector<std::uint8_t> day_;
  std::vector<std::int64_t> month_start_;
  std::vector<std::uint8_t> month_length_;
};

/// Shifts a serial day by a timescale (negative amount: backwards); `missing` when outside the calendar.
inline std::int64_t shift_day(const safeguarding::detail::CalendarTable& cal, const MonthTable& months, std::int64_t day,
                              std::int64_t amount, TimeUnit unit) noexcept {
  switch (unit) {
    case TimeUnit::working_days:
      return cal.add(day, amount);
    case TimeUnit::calendar_days:
      return day + amount;
    case TimeUnit::weeks:
      return day + 7 * amount;
    case TimeUnit::months:
      return months.add_months(day, amount);
    case TimeUnit::years:
      return months.add_months(day, 12 * amount);
    case TimeUnit::hours:
      return day + (amount >= 0 ? (amount + 23) / 24 : -((-amount + 23) / 24));
  }
  return nat;
}

/// Writes a finding and marks its row.
inline void add_finding(EventFindings& f, std::vector<std::uint8_t>& row_use, std::int64_t row, EventFinding kind, std::int32_t rule,
                        std::int64_t related);

inline constexpr std::uint8_t unset_use = 255;

inline void mark_row(std::vector<std::uint8_t>& row_use, std::int64_t row, EventRowUse use) {
  auto& u = row_use[static_cast<std::size_t>(row)];
  if (u == unset_use || u < static_cast<std::uint8_t>(use)) u = static_cast<std::uint8_t>(use);
}

inline void add_finding(EventFindings& f, std::vector<std::uint8_t>& row_use, std::int64_t row, EventFinding kind, std::int32_t rule,
                        std::int64_t related) {
  f.row.push_back(row);
  f.kind.push_back(static_cast<std::uint8_t>(kind));
  f.rule.push_back(rule);
  f.related_row.push_back(related);
  mark_row(row_use, row, EventRowUse::problem);
}

inline std::int64_t day_of(const EventsView& events, std::size_t row) {
  const std::int64_t t = events.time[row];
  return events.resolution == Resolution::days ? t : floor_div(t, seconds_per_day);
}

/// Processes a run of whole cases (in the engine's order), writing instances into positions
/// [base, limit) of the shared columns and rows' uses into the shared row-use column (each case's
/// rows belong to one worker, so workers never write the same element).
class Worker {
 public:
  Worker(const EventsView& events, const safeguarding::detail::CalendarTable& cal, const MonthTable& months,
         const std::vector<std::vector<Dispatch>>& dispatch, std::vector<Track> tracks, const std::vector<std::uint32_t>& order,
         Instances& instances, std::vector<std::uint8_t>& row_use, std::int64_t as_of, std::size_t base, std::size_t limit)
      : events_(events), cal_(cal), months_(months), dispatch_(dispatch), tracks_(std::move(tracks)), order_(order),
        result_{instances, findings, row_use, as_of}, count_(base), limit_(limit) {}

  /// The cases of order[b, e); with `seconds`, the dates written are then turned into seconds.
  void run(std::size_t b, std::size_t e, bool seconds = false) {
    const std::size_t first = count_;
    const auto& case_id = events_.case_id;
    while (b < e) {
      std::size_t k = b + 1;
      while (k < e && case_id[order_[k]] == case_id[order_[b]]) ++k;
      process_case(b, k);
      b = k;
    }
    // Every row an instance refers to is used, whatever else was said of it for another rule.
    // (A worker's instances refer only to its own cases' rows.)
    const auto& in = result_.instances;
    for (std::size_t i = first; i < count_; ++i) {
      result_.row_use[static_cast<std::size_t>(in.start_row[i])] = static_cast<std::uint8_t>(EventRowUse::used);
      if (in.stop_row[i] >= 0) result_.row_use[static_cast<std::size_t>(in.stop_row[i])] = static_cast<std::uint8_t>(EventRowUse::used);
    }
    if (seconds)
      for (auto* column : {&result_.instances.start, &result_.instances.due, &result_.instances.completed})
        for (std::size_t i = first; i < count_; ++i)
          if ((*column)[i] != nat) (*column)[i] *= seconds_per_day;
  }

  [[nodiscard]] std::size_t end() const noexcept { return count_; }
  EventFindings findings;

 private:
  struct View {
    Instances& instances;
    EventFindings& findings;
    std::vector<std::uint8_t>& row_use;
    std::int64_t as_of;
  };

  std::int64_t day_of(std::size_t row) const { return detail::day_of(events_, row); }
  void finding(std::int64_t row, EventFinding kind, std::int32_t rule = -1, std::int64_t related = -1) {
    add_finding(result_.findings, result_.row_use, row, kind, rule, related);
  }
  void mark(std::int64_t row, EventRowUse use) { mark_row(result_.row_use, row, use); }

  void process_case(std::size_t b, std::size_t e) {
    const auto& time = events_.time;
    const auto& event = events_.event;
    for (std::size_t k = b; k < e; ++k) {
      const std::uint32_t row = order_[k];
      if (k > b) {
        const std::uint32_t prev = order_[k - 1];
        if (time[prev] == time[row] && event[prev] == event[row]) {
          // Report against the first row of the run of duplicates.
          std::size_t first = k - 1;
          while (first > b && time[order_[first - 1]] == time[row] && event[order_[first - 1]] == event[row]) --first;
          finding(row, EventFinding::duplicate, -1, order_[first]);
          continue;
        }
      }
      for (const Dispatch& d : dispatch_[static_cast<std::size_t>(event[row])]) {
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
    for (std::int32_t ti : touched_) finish_track(tracks_[static_cast<std::size_t>(ti)]);
    touched_.clear();
  }

  // ---- one-shot rules ---------------------------------------------------------------------

  void single_event(Track& t, const Dispatch& d, std::uint32_t row) {
    const Link& link = t.links.front();
    switch (d.role) {
      case Role::start: {
        if (t.repeat == Repeat::first && t.started) {
          mark(row, EventRowUse::not_needed);
          return;
        }
        if (t.repeat == Repeat::latest && t.open_head < t.open.size()) {
          // The clock restarts: the open instance now starts here.
          const std::int64_t k = t.open.back();
          const std::int64_t old_row = result_.instances.start_row[static_cast<std::size_t>(k)];
          if (restart_instance(link, k, row)) {
            mark(old_row, EventRowUse::superseded);
            return;
          }
          // No edition in force for the new start: close nothing, fall through to a fresh attempt.
        }
        t.started = true;
        const std::int64_t k = open_instance(t, link, row, ++t.sequence);
        if (k < 0) {
          for (std::int64_t o : t.orphans) mark(o, EventRowUse::not_needed);
          t.orphans.clear();
          return;
        }
        if (!t.orphans.empty()) {
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
          for (std::size_t o = same; o < t.orphans.size(); ++o) single_event(t, Dispatch{d.track, Role::stop}, static_cast<std::uint32_t>(t.orphans[o]));
          t.orphans.clear();
          return;
        }
        t.open.push_back(k);
        return;
      }
      case Role::stop: {
        if (t.open_head < t.open.size()) {
          complete(link, t.open[t.open_head++], row);
        } else if (t.started) {
          mark(row, EventRowUse::not_needed);
        } else {
          t.orphans.push_back(row);
        }
        return;
      }
      case Role::end: {
        if (t.open_head < t.open.size()) {
          while (t.open_head < t.open.size()) end_instance(t.open[t.open_head++], row);
        } else if (t.started) {
          mark(row, EventRowUse::not_needed);
        } else {
          finding(row, EventFinding::stop_without_start, link.rule);
        }
        return;
      }
    }
  }

  // ---- chains -----------------------------------------------------------------------------

  void chain_event(Track& t, const Dispatch& d, std::uint32_t row) {
    Role role = d.role;
    // A recurring rule whose start and stop are the same event: once running, it is a stop.
    if (role == Role::start && t.active) {
      bool also_stop = false;
      for (const Dispatch& other : dispatch_[static_cast<std::size_t>(events_.event[row])])
        also_stop = also_stop || (&tracks_[static_cast<std::size_t>(other.track)] == &t && other.role == Role::stop);
      if (also_stop) return;  // handled by its stop dispatch
      // Started again without an end: close the running clock at this day and start afresh.
      finding(row, EventFinding::restart_without_end, t.links.front().rule, t.clock_row);
      if (t.open_instance >= 0) end_instance(t.open_instance, row, /*by_restart=*/true);
      t.active = false;
    }
    if (role == Role::stop && !t.active) {
      bool also_start = false;
      for (const Dispatch& other : dispatch_[static_cast<std::size_t>(events_.event[row])])
        also_start = also_start || (&tracks_[static_cast<std::size_t>(other.track)] == &t && other.role == Role::start);
      if (also_start) return;  // handled by its start dispatch
    }
    switch (role) {
      case Role::start: {
        t.active = true;
        t.started = true;
        t.ended = false;
        t.link = 0;
        t.sequence = 0;
        t.clock_row = row;
        t.open_instance = open_instance(t, t.links.front(), row, ++t.sequence);
        const std::size_t same = same_time_from(t.orphans, row);
        for (std::size_t o = 0; o < same; ++o) finding(t.orphans[o], EventFinding::stop_before_start, t.links.front().rule, row);
        if (t.open_instance < 0) mark(row, EventRowUse::not_in_force);
        // Stops at the start's own time, sorted before it only by event type, come after it.
        for (std::size_t o = same; o < t.orphans.size(); ++o) chain_event(t, Dispatch{d.track, Role::stop}, static_cast<std::uint32_t>(t.orphans[o]));
        t.orphans.clear();
        return;
      }
      case Role::stop: {
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
        t.open_instance = open_instance(t, t.links[next], row, ++t.sequence);
        return;
      }
      case Role::end: {
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
        return;
      }
    }
  }

  /// The first of the trailing `rows` (in time order, none after `row`) at the same time as `row`.
  [[nodiscard]] std::size_t same_time_from(const std::vector<std::int64_t>& rows, std::uint32_t row) const {
    std::size_t s = rows.size();
    while (s > 0 && events_.time[static_cast<std::size_t>(rows[s - 1])] == events_.time[row]) --s;
    return s;
  }

  void finish_track(Track& t) {
    for (std::int64_t o : t.orphans) finding(o, EventFinding::stop_without_start, t.links.front().rule);
    t.orphans.clear();
    t.open.clear();
    t.open_head = 0;
    t.touched = t.started = t.active = t.ended = false;
    t.link = t.sequence = 0;
    t.open_instance = t.clock_row = -1;
  }

  // ---- instances --------------------------------------------------------------------------

  /// The variant of `edition` that applies to `row`: its index, -1 when none applies (an
  /// inadequate judgement), -2 when an attribute it needs is missing.
  int choose_variant(const CompiledEdition& edition, std::uint32_t row) const {
    for (std::size_t v = 0; v < edition.variants.size(); ++v) {
      const CompiledVariant& var = edition.variants[v];
      if (!var.conditional) return static_cast<int>(v);
      const CompiledCondition& c = var.when;
      if (c.column < 0) return -2;
      const std::int64_t value = events_.attributes[static_cast<std::size_t>(c.column)].values[row];
      if (c.categorical) {
        if (value < 0) return -2;
        if (static_cast<std::size_t>(value) < c.accepted.size() && c.accepted[static_cast<std::size_t>(value)]) return static_cast<int>(v);
      } else {
        if (value == nat) return -2;
        const auto x = static_cast<double>(value);
        if (x >= c.at_least && x < c.below) return static_cast<int>(v);
      }
    }
    return -1;
  }

  struct Clock {
    std::int32_t edition;
    std::int64_t day, due, due_time;
  };

  /// The edition and due date for a clock starting at `row`; nullopt (with the row marked) when no
  /// edition or timescale applies.
  std::optional<Clock> clock_for(const Link& link, std::uint32_t row) {
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
      if (events_.resolution == Resolution::seconds && var.unit == TimeUnit::hours) {
        c.due_time = events_.time[row] + amount * 3600;
        c.due = floor_div(c.due_time, seconds_per_day);
      } else {
        c.due = shift_day(cal_, months_, day, amount, var.unit);
        if (c.due != nat) c.due_time = c.due * seconds_per_day + seconds_per_day - 1;
      }
      if (c.due == nat || !cal_.covers(c.due)) {
        finding(row, EventFinding::outside_calendar, link.rule);
        return std::nullopt;
      }
      return c;
    }
    mark(row, EventRowUse::not_in_force);
    return std::nullopt;
  }

  std::int64_t open_instance(Track&, const Link& link, std::uint32_t row, std::int32_t sequence) {
    auto clock = clock_for(link, row);
    if (!clock) return -1;
    auto& i = result_.instances;
    const auto k = static_cast<std::int64_t>(count_);
    if (count_ >= limit_) throw std::logic_error("timeliness: more instances than the bound allowed for");
    const std::size_t u = count_++;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    i.rule[u] = link.rule;
    i.edition[u] = clock->edition;
    i.case_id[u] = events_.case_id[row];
    i.sequence[u] = sequence;
    i.start_row[u] = row;
    i.stop_row[u] = -1;
    i.start[u] = clock->day;
    i.due[u] = clock->due;
    i.completed[u] = nat;
    if (events_.resolution == Resolution::seconds) i.due_time[u] = clock->due_time;
    // Open until a stop or end event says otherwise; the as-of date decides open or overdue.
    const bool overdue = clock->due < result_.as_of;
    i.status[u] = static_cast<std::uint8_t>(overdue ? InstanceStatus::overdue : InstanceStatus::open);
    i.late_days[u] = overdue ? static_cast<float>(result_.as_of - clock->due) : nan;
    i.late_working_days[u] = overdue ? static_cast<float>(cal_.between(clock->due, result_.as_of)) : nan;
    i.duration_working_days[u] = nan;
    i.duration_days[u] = nan;
    i.band[u] = -1;
    return k;
  }

  bool restart_instance(const Link& link, std::int64_t k, std::uint32_t row) {
    auto clock = clock_for(link, row);
    if (!clock) return false;
    auto& i = result_.instances;
    const auto u = static_cast<std::size_t>(k);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    i.edition[u] = clock->edition;
    i.start_row[u] = row;
    i.start[u] = clock->day;
    i.due[u] = clock->due;
    if (events_.resolution == Resolution::seconds) i.due_time[u] = clock->due_time;
    const bool overdue = clock->due < result_.as_of;
    i.status[u] = static_cast<std::uint8_t>(overdue ? InstanceStatus::overdue : InstanceStatus::open);
    i.late_days[u] = overdue ? static_cast<float>(result_.as_of - clock->due) : nan;
    i.late_working_days[u] = overdue ? static_cast<float>(cal_.between(clock->due, result_.as_of)) : nan;
    return true;
  }

  void complete(const Link& link, std::int64_t k, std::int64_t stop_row) {
    auto& i = result_.instances;
    const auto u = static_cast<std::size_t>(k);
    const auto r = static_cast<std::size_t>(stop_row);
    const std::int64_t done = day_of(r);
    i.stop_row[u] = stop_row;
    i.completed[u] = done;
    const bool on_time = events_.resolution == Resolution::seconds ? events_.time[r] <= i.due_time[u] : done <= i.due[u];
    i.status[u] = static_cast<std::uint8_t>(on_time ? InstanceStatus::met : InstanceStatus::late);
    i.late_days[u] = static_cast<float>(done - i.due[u]);
    i.late_working_days[u] = static_cast<float>(cal_.between(i.due[u], done));
    i.duration_days[u] = static_cast<float>(done - i.start[u]);
    i.duration_working_days[u] = static_cast<float>(cal_.between(i.start[u], done));
    const CompiledEdition& edition = link.editions[static_cast<std::size_t>(i.edition[u])];
    if (!edition.bands.empty()) {
      std::size_t band = 0;
      while (band < edition.bands.size() && done > shift_day(cal_, months_, i.start[u], edition.bands[band].first, edition.bands[band].second))
        ++band;
      i.band[u] = static_cast<std::int8_t>(band);
    }
  }

  void end_instance(std::int64_t k, std::int64_t end_row, bool by_restart = false) {
    auto& i = result_.instances;
    const auto u = static_cast<std::size_t>(k);
    const std::int64_t when = day_of(static_cast<std::size_t>(end_row));
    if (!by_restart) i.stop_row[u] = end_row;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    if (when <= i.due[u]) {
      i.status[u] = static_cast<std::uint8_t>(InstanceStatus::ended);
      i.late_days[u] = nan;
      i.late_working_days[u] = nan;
    } else {
      i.status[u] = static_cast<std::uint8_t>(InstanceStatus::missed);
      i.late_days[u] = static_cast<float>(when - i.due[u]);
      i.late_working_days[u] = static_cast<float>(cal_.between(i.due[u], when));
    }
  }

  const EventsView& events_;
  const safeguarding::detail::CalendarTable& cal_;
  const MonthTable& months_;
  const std::vector<std::vector<Dispatch>>& dispatch_;
  std::vector<Track> tracks_;
  const std::vector<std::uint32_t>& order_;
  std::vector<std::int32_t> touched_;
  View result_;
  std::size_t count_;
  std::size_t limit_;
};

class Engine {
 public:
  Engine(const RuleCatalogue& catalogue, const EventsView& events, const EngineOptions& options)
      : catalogue_(catalogue), events_(events), cal_(options.calendar.table()), calendar_(options.calendar), months_(cal_) {
    validate();
    compile(options);
    seconds_out_ = options.dates_as_seconds;
    threads_ = options.threads > 0 ? options.threads : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    n_ = events.case_id.size();
    result_.resolution = events.resolution;
    reserve_large(result_.row_use, n_);
    result_.row_use.assign(n_, unset);
    prepare(options);
  }

  EngineResult run() && {
    order_by_case();
    const std::size_t m = order_.size();
    // Split the cases into up to `threads_` runs of about equal size; each run's instances fit in
    // the bound of one per (row, rule using its type), so every worker writes into its own range.
    std::size_t parts = m < 200'000 ? 1 : threads_;
    std::vector<std::size_t> cut{0};
    for (std::size_t p = 1; p < parts; ++p) {
      std::size_t k = std::max(cut.back(), m * p / parts);
      while (k > 0 && k < m && events_.case_id[order_[k]] == events_.case_id[order_[k - 1]]) ++k;
      if (k > cut.back() && k < m) cut.push_back(k);
    }
    cut.push_back(m);
    parts = cut.size() - 1;
    std::vector<std::size_t> base(parts + 1, 0);
    for (std::size_t p = 0; p < parts; ++p) {
      std::size_t bound = 0;
      for (std::size_t k = cut[p]; k < cut[p + 1]; ++k) bound += dispatch_[static_cast<std::size_t>(events_.event[order_[k]])].size();
      base[p + 1] = base[p] + bound;
    }
    grow(base[parts]);
    std::vector<Worker> workers;
    workers.reserve(parts);
    for (std::size_t p = 0; p < parts; ++p)
      workers.emplace_back(events_, cal_, months_, dispatch_, tracks_, order_, result_.instances, result_.row_use, result_.as_of,
                           base[p], base[p + 1]);
    if (parts == 1) {
      workers[0].run(cut[0], cut[1], seconds_out_);
    } else {
      std::vector<std::thread> threads;
      std::vector<std::exception_ptr> errors(parts);
      for (std::size_t p = 1; p < parts; ++p)
        threads.emplace_back([&, p] {
          try {
            workers[p].run(cut[p], cut[p + 1], seconds_out_);
          } catch (...) {
            errors[p] = std::current_exception();
          }
        });
      try {
        workers[0].run(cut[0], cut[1], seconds_out_);
      } catch (...) {
        errors[0] = std::current_exception();
      }
      for (auto& t : threads) t.join();
      for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    }
    // Close the gaps between the workers' ranges.
    count_ = workers[0].end();
    for (std::size_t p = 1; p < parts; ++p) {
      const std::size_t from = base[p], n = workers[p].end() - base[p];
      if (from != count_) move_instances(from, count_, n);
      count_ += n;
    }
    trim();
    for (auto& w : workers) {
      auto& f = result_.findings;
      f.row.insert(f.row.end(), w.findings.row.begin(), w.findings.row.end());
      f.kind.insert(f.kind.end(), w.findings.kind.begin(), w.findings.kind.end());
      f.rule.insert(f.rule.end(), w.findings.rule.begin(), w.findings.rule.end());
      f.related_row.insert(f.related_row.end(), w.findings.related_row.begin(), w.findings.related_row.end());
    }
    for (auto& u : result_.row_use)
      if (u == unset) u = static_cast<std::uint8_t>(EventRowUse::no_rule);  // unreachable: every path classifies its row
    return std::move(result_);
  }

 private:
  static constexpr std::uint8_t unset = unset_use;

  void validate() {
    const std::size_t n = events_.case_id.size();
    Problems problems;
    auto same = [&](std::size_t size, std::string_view column) {
      if (size != n)
        problems.add("column " + quote(column), "has " + std::to_string(size) + " rows, but column 'case' has " + std::to_string(n));
    };
    same(events_.event.size(), "event");
    same(events_.time.size(), "time");
    for (const auto& a : events_.attributes) same(a.values.size(), a.name);
    problems.throw_if_any("events");
    if (n >= std::numeric_limits<std::uint32_t>::max()) throw Error("events: more than 4 billion rows");
    const auto types = static_cast<std::int32_t>(catalogue_.events().size());
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (events_.event[i] < 0 || events_.event[i] >= types) {
        if (++bad <= 5)
          problems.add("column 'event', row " + std::to_string(i),
                       std::to_string(events_.event[i]) + " is not the index of an event type (the catalogue has " +
                           std::to_string(types) + ")");
      }
    if (bad > 5) problems.add("", "and " + std::to_string(bad - 5) + " more rows");
    problems.throw_if_any("events");
  }

  static CompiledEdition compile_edition(const RuleEdition& e, const EventsView& events) {
    CompiledEdition c;
    c.from = to_days(e.from);
    c.until = e.until ? to_days(*e.until) : std::numeric_limits<std::int64_t>::max();
    for (const auto& b : e.bands) c.bands.emplace_back(b.amount(), b.unit());
    if (!e.bands.empty()) {
      c.variants.push_back(CompiledVariant{false, {}, e.bands.back().amount(), e.bands.back().unit()});
      return c;
    }
    for (const auto& v : e.timescales) {
      CompiledVariant cv;
      cv.amount = v.timescale.amount();
      cv.unit = v.timescale.unit();
      if (v.when) {
        cv.conditional = true;
        const Condition& cond = *v.when;
        cv.when.categorical = cond.categorical();
        if (cond.below) cv.when.below = *cond.below;
        if (cond.at_least) cv.when.at_least = *cond.at_least;
        for (std::size_t a = 0; a < events.attributes.size(); ++a)
          if (events.attributes[a].name == cond.attribute) {
            cv.when.column = static_cast<std::int32_t>(a);
            const auto& cats = events.attributes[a].categories;
            if (cond.categorical()) {
              if (cats.empty())
                throw Error("column " + quote(cond.attribute) + " holds numbers, but a rule compares it with categories (" + cond.str() + ")");
              cv.when.accepted.assign(cats.size(), 0);
              for (std::size_t k = 0; k < cats.size(); ++k)
                cv.when.accepted[k] = std::find(cond.in.begin(), cond.in.end(), cats[k]) != cond.in.end() ? 1 : 0;
            } else if (!cats.empty()) {
              throw Error("column " + quote(cond.attribute) + " holds categories, but a rule compares it with numbers (" + cond.str() + ")");
            }
          }
      }
      c.variants.push_back(std::move(cv));
    }
    return c;
  }

  void compile(const EngineOptions& options) {
    const auto& rules = catalogue_.rules();
    std::vector<std::uint8_t> selected(rules.size(), options.rules.empty() ? 1 : 0);
    Problems problems;
    for (const auto& id : options.rules) {
      auto i = catalogue_.rule_index(id);
      if (!i) {
        problems.add("rules", catalogue_.unknown_rule_message(id));
        continue;
      }
      for (std::size_t link : catalogue_.chain_of(*i)) selected[link] = 1;
    }
    problems.throw_if_any();
    dispatch_.assign(catalogue_.events().size(), {});
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (!selected[i] || rules[i].is_link()) continue;
      Track t;
      const auto chain = catalogue_.chain_of(i);
      const Rule& first = rules[i];
      t.chain = chain.size() > 1 || first.recurring;
      t.recurring_last = rules[chain.back()].recurring;
      t.repeat = first.repeat;
      t.early_stop = first.early_stop || first.direction == Direction::backward;
      for (std::size_t r : chain) {
        Link link;
        link.rule = static_cast<std::int32_t>(r);
        link.backward = rules[r].direction == Direction::backward;
        for (const auto& e : rules[r].editions) link.editions.push_back(compile_edition(e, events_));
        t.links.push_back(std::move(link));
      }
      const auto track = static_cast<std::int32_t>(tracks_.size());
      auto add = [&](const std::vector<std::string>& ids, Role role) {
        for (const auto& id : ids) dispatch_[*catalogue_.event_index(id)].push_back(Dispatch{track, role});
      };
      add(first.start, Role::start);
      add(first.stop, Role::stop);
      add(first.end, Role::end);
      tracks_.push_back(std::move(t));
    }
  }

  std::int64_t day_of(std::size_t row) const { return detail::day_of(events_, row); }
  void mark(std::int64_t row, EventRowUse use) { mark_row(result_.row_use, row, use); }

  void prepare(const EngineOptions& options) {
    // Rows with no usable date are findings; the as-of date defaults to the latest date.
    if (options.as_of) {
      // Lateness runs to the as-of date through the calendar's tables, which must cover it.
      if (!cal_.covers(*options.as_of))
        throw Error("as_of " + format_days(*options.as_of) + " is outside " + calendar_.range_text());
      result_.as_of = *options.as_of;
    } else {
      std::int64_t latest = nat;
      for (std::size_t i = 0; i < n_; ++i) {
        if (events_.time[i] == nat) continue;
        const std::int64_t d = day_of(i);
        if (cal_.covers(d) && d > latest) latest = d;
      }
      result_.as_of = latest;
    }
    const std::int64_t as_of = result_.as_of;
    reserve_large(candidates_, n_);
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
    for (std::size_t i = 0; i < n_; ++i) {
      const auto row = static_cast<std::int64_t>(i);
      if (events_.time[i] == nat) {
        add_finding(result_.findings, result_.row_use, row, EventFinding::missing_date, -1, -1);
        continue;
      }
      const std::int64_t d = day_of(i);
      if (!cal_.covers(d)) {
        add_finding(result_.findings, result_.row_use, row, EventFinding::outside_calendar, -1, -1);
        continue;
      }
      if (as_of != nat && d > as_of) {
        mark(row, EventRowUse::after_as_of);
        continue;
      }
      if (dispatch_[static_cast<std::size_t>(events_.event[i])].empty()) {
        mark(row, EventRowUse::no_rule);
        continue;
      }
      candidates_.push_back(static_cast<std::uint32_t>(i));
      lo = std::min(lo, events_.case_id[i]);
      hi = std::max(hi, events_.case_id[i]);
    }
    case_lo_ = lo;
    case_hi_ = hi;
  }

  /// Orders candidate rows by case (counting sort on the case's rank), then each case's rows by
  /// time, event type and row.
  void order_by_case() {
    const std::size_t m = candidates_.size();
    if (m == 0) return;
    const auto& case_id = events_.case_id;
    // Already in case order (a typical extract)? Then no ranks and no counting sort are needed.
    bool sorted = true;
    for (std::size_t k = 1; k < m && sorted; ++k) sorted = case_id[candidates_[k - 1]] <= case_id[candidates_[k]];
    if (sorted) {
      order_ = std::move(candidates_);
    } else {
      std::vector<std::uint32_t> rank;
      reserve_large(rank, n_);
      rank.resize(n_);
      const auto range = static_cast<std::uint64_t>(case_hi_) - static_cast<std::uint64_t>(case_lo_);
      std::size_t ranks = 0;
      if (range <= 2 * static_cast<std::uint64_t>(m) + 1024) {
        ranks = static_cast<std::size_t>(range) + 1;
        for (std::uint32_t i : candidates_)
          rank[i] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(case_id[i]) - static_cast<std::uint64_t>(case_lo_));
      } else {
        std::vector<std::int64_t> ids;
        ids.reserve(m);
        for (std::uint32_t i : candidates_) ids.push_back(case_id[i]);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        ranks = ids.size();
        for (std::uint32_t i : candidates_)
          rank[i] = static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), case_id[i]) - ids.begin());
      }
      std::vector<std::uint32_t> count(ranks + 1, 0);
      for (std::uint32_t i : candidates_) ++count[rank[i] + 1];
      for (std::size_t k = 1; k <= ranks; ++k) count[k] += count[k - 1];
      reserve_large(order_, m);
      order_.resize(m);
      for (std::uint32_t i : candidates_) order_[count[rank[i]]++] = i;
      std::vector<std::uint32_t>().swap(candidates_);
    }
    // Within each case: by time, then the event type's place in the catalogue, then row.
    const auto& time = events_.time;
    const auto& event = events_.event;
    auto less = [&](std::uint32_t a, std::uint32_t b) {
      if (time[a] != time[b]) return time[a] < time[b];
      if (event[a] != event[b]) return event[a] < event[b];
      return a < b;
    };
    std::size_t b = 0;
    while (b < m) {
      std::size_t e = b + 1;
      bool in_order = true;
      while (e < m && case_id[order_[e]] == case_id[order_[b]]) {
        in_order = in_order && !less(order_[e], order_[e - 1]);
        ++e;
      }
      if (!in_order) {
        if (e - b <= 24) {
          for (std::size_t k = b + 1; k < e; ++k) {
            const std::uint32_t v = order_[k];
            std::size_t j = k;
            while (j > b && less(v, order_[j - 1])) {
              order_[j] = order_[j - 1];
              --j;
            }
            order_[j] = v;
          }
        } else {
          std::sort(order_.begin() + static_cast<std::ptrdiff_t>(b), order_.begin() + static_cast<std::ptrdiff_t>(e), less);
        }
      }
      b = e;
    }
  }

  /// Calls f on each instance column (due_time only with date-times).
  template <class F>
  void for_each_column(F&& f) {
    auto& i = result_.instances;
    f(i.rule);
    f(i.edition);
    f(i.case_id);
    f(i.sequence);
    f(i.start_row);
    f(i.stop_row);
    f(i.start);
    f(i.due);
    f(i.completed);
    if (events_.resolution == Resolution::seconds) f(i.due_time);
    f(i.status);
    f(i.late_working_days);
    f(i.late_days);
    f(i.duration_working_days);
    f(i.duration_days);
    f(i.band);
  }

  /// Makes room for `n` instances; the columns' sizes track their capacity until run() trims them.
  void grow(std::size_t n) {
    for_each_column([&](auto& column) {
      reserve_large(column, n);
      column.resize(n);
    });
  }

  void move_instances(std::size_t from, std::size_t to, std::size_t n) {
    for_each_column([&](auto& column) {
      std::copy(column.begin() + static_cast<std::ptrdiff_t>(from), column.begin() + static_cast<std::ptrdiff_t>(from + n),
                column.begin() + static_cast<std::ptrdiff_t>(to));
    });
  }

  void trim() {
    for_each_column([&](auto& column) { column.resize(count_); });
  }

  const RuleCatalogue& catalogue_;
  const EventsView& events_;
  const safeguarding::detail::CalendarTable& cal_;
  Calendar calendar_;  // keeps the table alive
  MonthTable months_;
  std::size_t n_ = 0;
  std::vector<Track> tracks_;
  std::vector<std::vector<Dispatch>> dispatch_;
  std::vector<std::uint32_t> candidates_, order_;
  std::int64_t case_lo_ = 0, case_hi_ = 0;
  std::size_t count_ = 0;  // instances written
  std::size_t threads_ = 1;
  bool seconds_out_ = false;
  EngineResult result_;
};

}  // namespace detail

/// Computes every rule instance from the events: see the header comment and docs/timeliness.md.
/// Throws Error for bad columns (different lengths, event codes outside the catalogue, an unknown
/// rule id, an attribute of the wrong kind); row-level problems become findings in the result.
inline EngineResult compute(const RuleCatalogue& catalogue, const EventsView& events, const EngineOptions& options = {}) {
  return detail::Engine(catalogue, events, options).run();
}

/// The same over an event table that owns its columns.
inline EngineResult compute(const RuleCatalogue& catalogue, const Events& events, const EngineOptions& options = {}) {
  return compute(catalogue, events.view(), options);
}

/// A sentence describing a finding (the case is reported beside it, not in it).
inline std::string describe(const EngineResult& result, std::size_t finding, const RuleCatalogue& catalogue, const EventsView& events) {
  const auto& f = result.findings;
  const auto row = static_cast<std::size_t>(f.row[finding]);
  const auto& types = catalogue.events();
  auto event_text = [&](std::size_t r) {
    const std::int64_t t = events.time[r];
    std::string when = t == nat ? std::string("no date")
                                    : format_days(events.resolution == Resolution::days ? t : detail::floor_div(t, detail::seconds_per_day));
    return quote(types[static_cast<std::size_t>(events.event[r])].id) + " on " + when;
  };
  const std::string rule = f.rule[finding] >= 0 ? quote(catalogue.rules()[static_cast<std::size_t>(f.rule[finding])].id) : "";
  const std::int64_t rel = f.related_row[finding];
  const std::string related = rel >= 0 ? " (row " + std::to_string(rel) + ", " + event_text(static_cast<std::size_t>(rel)) + ")" : "";
  switch (static_cast<EventFinding>(f.kind[finding])) {
    case EventFinding::missing_date:
      return quote(types[static_cast<std::size_t>(events.event[row])].id) + " has no date";
    case EventFinding::outside_calendar:
      return event_text(row) + (rule.empty() ? " is outside the calendar's range" : ": the due date under rule " + rule + " falls outside the calendar's range");
    case EventFinding::duplicate:
      return event_text(row) + " repeats an earlier row" + related;
    case EventFinding::stop_before_start:
      return event_text(row) + " is dated before the event that starts the clock of rule " + rule + related;
    case EventFinding::stop_without_start:
      return event_text(row) + " has no earlier event to start the clock of rule " + rule +
             (rel >= 0 ? " (the last clock ended after row " + std::to_string(rel) + ")" : "");
    case EventFinding::restart_without_end:
      return event_text(row) + " starts rule " + rule + " again with no end event since the last start" + related;
    case EventFinding::missing_attribute:
      return event_text(row) + ": rule " + rule + " needs an attribute this row does not have to choose its timescale";
  }
  return event_text(row);
}

// ---- summaries ----------------------------------------------------------------------------

enum class SummaryPeriod : std::uint8_t { month, quarter, year, all };
/// Which date places an instance in a period.
enum class Basis : std::uint8_t { due, completed, start };

/// Counts per (rule, period, group): one element per row of the table.
struct Summary {
  std::vector<std::int32_t> rule;
  std::vector<std::int64_t> period;  // the period's first day; `missing` for instances without the date
  std::vector<std::int64_t> group;   // the caller's group code
  std::vector<std::int64_t> instances, met, late, overdue, open, missed, ended;
  std::vector<std::vector<double>> percentiles;  // one column per requested percentile (of duration)
  [[nodiscard]] std::size_t size() const noexcept { return rule.size(); }
};

namespace detail {

/// numpy's default ("linear") percentile of `values[0..n)`, which it reorders.
inline double percentile(std::vector<double>& values, std::size_t b, std::size_t e, double q) {
  const std::size_t n = e - b;
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const double pos = (static_cast<double>(n) - 1) * q / 100.0;
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const double frac = pos - static_cast<double>(lo);
  auto first = values.begin() + static_cast<std::ptrdiff_t>(b);
  auto last = values.begin() + static_cast<std::ptrdiff_t>(e);
  std::nth_element(first, first + static_cast<std::ptrdiff_t>(lo), last);
  const double a = *(first + static_cast<std::ptrdiff_t>(lo));
  if (frac == 0 || lo + 1 >= n) return a;
  const double next = *std::min_element(first + static_cast<std::ptrdiff_t>(lo) + 1, last);
  return a + (next - a) * frac;
}

}  // namespace detail

/// Counts of instances by rule, by the period (month, quarter, year) of a date per instance (the
/// due, completion or start date; `missing` for none), and by a caller's group code per instance
/// (`groups`, codes 0…n_groups-1; empty for one group; a negative code leaves the instance out),
/// with percentiles of `durations` (per instance, NaN for none: usually duration_days or
/// duration_working_days) over the instances that have one. Rows come out ordered by rule,
/// period, group; only non-empty cells appear. Instances without the date have period `missing`.
/// Columns are plain spans, so a caller holding its own columns needs no `Instances`; `date` may
/// hold seconds (numpy's datetime64[s]) with `per_day` = 86400. Rule codes may be any integer
/// type (pandas' categorical codes are int8).
template <class RuleCode>
  requires std::is_integral_v<RuleCode>
Summary summarise(std::span<const RuleCode> rule, std::span<const std::uint8_t> status,
                         std::span<const std::int64_t> date, SummaryPeriod period, std::span<const std::int64_t> groups = {},
                         std::int64_t n_groups = 1, std::span<const float> durations = {},
                         std::span<const double> percentiles = {}, std::int64_t per_day = 1) {
  const std::size_t n = rule.size();
  if (status.size() != n || date.size() != n)
    throw Error("summarise: the rule, status and date columns have different lengths");
  for (std::uint8_t st : status)
    if (st >= instance_status_names.size()) throw Error("summarise: " + std::to_string(st) + " is not a status code");
  if (!groups.empty() && groups.size() != n)
    throw Error("summarise: " + std::to_string(groups.size()) + " group codes for " + std::to_string(n) + " instances");
  if (!durations.empty() && durations.size() != n)
    throw Error("summarise: " + std::to_string(durations.size()) + " durations for " + std::to_string(n) + " instances");
  if (n_groups < 1) n_groups = 1;
  for (double q : percentiles)
    if (!(q >= 0 && q <= 100)) throw Error("summarise: a percentile must be between 0 and 100, got " + std::to_string(q));
  if (per_day < 1) throw Error("summarise: per_day must be positive");
  auto day_at = [&](std::size_t i) {
    // A constant divisor for the common case (seconds) compiles to a multiplication.
    return per_day == 1 ? date[i] : per_day == 86400 ? detail::floor_div(date[i], std::int64_t{86400}) : detail::floor_div(date[i], per_day);
  };
  // Dense cell index: (rule, period, group), periods numbered from the earliest month present.
  std::int32_t rules = 0;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  for (std::size_t i = 0; i < n; ++i) {
    if (rule[i] < 0) throw Error("summarise: rule codes must not be negative");
    rules = std::max(rules, static_cast<std::int32_t>(rule[i]) + 1);
    if (date[i] != nat) {
      const std::int64_t d = day_at(i);
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  }
  using support::month_number;
  const std::int64_t first_month = lo <= hi ? month_number(lo) : 0;
  const std::int64_t months = lo <= hi ? month_number(hi) - first_month + 1 : 0;
  const std::int64_t step = period == SummaryPeriod::month ? 1 : period == SummaryPeriod::quarter ? 3 : period == SummaryPeriod::year ? 12 : months + 1;
  const std::int64_t first_slot = period == SummaryPeriod::quarter || period == SummaryPeriod::year
                                      ? support::period_first_month(first_month, step)
                                      : first_month;
  const std::int64_t slots = period == SummaryPeriod::all ? 2 : (months + (first_month - first_slot)) / step + 2;  // + the "no date" slot
  // rules × slots × n_groups, checked factor by factor so that the product cannot overflow.
  constexpr std::int64_t max_cells = 200'000'000;
  if (n_groups > max_cells || slots > max_cells / n_groups || rules > max_cells / (slots * n_groups))
    throw Error("summarise: too many cells (" + std::to_string(rules) + " rules × " + std::to_string(slots) + " periods × " +
                std::to_string(n_groups) + " groups); group more coarsely");
  const auto cells = static_cast<std::size_t>(static_cast<std::int64_t>(rules) * slots * n_groups);
  std::vector<std::array<std::int64_t, 6>> counts(cells, std::array<std::int64_t, 6>{});
  std::vector<std::int64_t> completed_per_cell(percentiles.empty() ? 0 : cells + 1, 0);
  // Each day's period slot by table lookup when the span of days is modest (the usual case).
  std::vector<std::int32_t> slot_of_day;
  if (lo <= hi && hi - lo < 400'000 && period != SummaryPeriod::all) {
    slot_of_day.resize(static_cast<std::size_t>(hi - lo + 1));
    for (std::int64_t d = lo; d <= hi; ++d)
      slot_of_day[static_cast<std::size_t>(d - lo)] = static_cast<std::int32_t>((month_number(d) - first_slot) / step);
  }
  auto cell_of = [&](std::size_t i) -> std::int64_t {
    const std::int64_t g = groups.empty() ? 0 : groups[i];
    if (g < 0) return -1;
    std::int64_t s = 0;
    if (period != SummaryPeriod::all) {
      if (date[i] == nat) {
        s = slots - 1;
      } else {
        const std::int64_t d = day_at(i);
        s = slot_of_day.empty() ? (month_number(d) - first_slot) / step : slot_of_day[static_cast<std::size_t>(d - lo)];
      }
    }
    return (static_cast<std::int64_t>(rule[i]) * slots + s) * n_groups + g;
  };
  const bool with_values = !percentiles.empty() && !durations.empty();
  // Whole-number durations in a modest range (days always are) go into one histogram per cell, so
  // the percentiles need no sort; other durations are gathered per cell for nth_element.
  // The passes over the instances run in two halves on two threads for large inputs; each half
  // keeps its own counts, added together after.
  const std::size_t halves = n >= 1'000'000 && std::thread::hardware_concurrency() > 1 ? 2 : 1;
  auto in_halves = [&](auto&& body) { detail::in_halves(n, halves == 2, body); };
  std::array<double, 2> lo_v{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  std::array<double, 2> hi_v{-lo_v[0], -lo_v[0]};
  std::array<bool, 2> whole_v{true, true};
  if (with_values)
    in_halves([&](std::size_t b, std::size_t e, std::size_t h) {
      double mn = lo_v[h], mx = hi_v[h];
      bool w = true;
      for (std::size_t i = b; i < e; ++i) {
        const double v = durations[i];
        if (std::isnan(v)) continue;
        mn = std::min(mn, v);
        mx = std::max(mx, v);
        w = w && v == std::floor(v);
      }
      lo_v[h] = mn;
      hi_v[h] = mx;
      whole_v[h] = w;
    });
  const double vmin = std::min(lo_v[0], lo_v[1]), vmax = std::max(hi_v[0], hi_v[1]);
  const bool whole = whole_v[0] && whole_v[1];
  const bool any_value = with_values && vmin <= vmax;
  const std::size_t bins = any_value ? static_cast<std::size_t>(vmax - vmin) + 1 : 0;
  const bool histogram = any_value && whole && vmax - vmin < 1e6 && bins * cells <= 64'000'000 / halves;
  std::vector<std::uint32_t> hist(histogram ? bins * cells : 0, 0);
  std::vector<std::array<std::int64_t, 6>> counts_2(halves == 2 ? cells : 0, std::array<std::int64_t, 6>{});
  std::vector<std::int64_t> completed_2(halves == 2 && with_values ? cells + 1 : 0, 0);
  std::vector<std::uint32_t> hist_2(halves == 2 && histogram ? bins * cells : 0, 0);
  for (std::size_t i = 0; i < (groups.empty() ? 0 : n); ++i)
    if (groups[i] >= n_groups) throw Error("summarise: group code " + std::to_string(groups[i]) + " is not below n_groups " + std::to_string(n_groups));
  in_halves([&](std::size_t b, std::size_t e, std::size_t h) {
    auto& count = h == 0 ? counts : counts_2;
    auto& done = h == 0 ? completed_per_cell : completed_2;
    auto& histo = h == 0 ? hist : hist_2;
    for (std::size_t i = b; i < e; ++i) {
      const std::int64_t c = cell_of(i);
      if (c < 0) continue;
      ++count[static_cast<std::size_t>(c)][status[i]];
      if (with_values && !std::isnan(durations[i])) {
        ++done[static_cast<std::size_t>(c) + 1];
        if (histogram) ++histo[static_cast<std::size_t>(c) * bins + static_cast<std::size_t>(durations[i] - vmin)];
      }
    }
  });
  if (halves == 2) {
    for (std::size_t c = 0; c < cells; ++c)
      for (std::size_t k = 0; k < 6; ++k) counts[c][k] += counts_2[c][k];
    for (std::size_t c = 0; c < completed_2.size(); ++c) completed_per_cell[c] += completed_2[c];
    for (std::size_t k = 0; k < hist_2.size(); ++k) hist[k] += hist_2[k];
  }
  if (with_values)
    for (std::size_t c = 1; c <= cells; ++c) completed_per_cell[c] += completed_per_cell[c - 1];
  // Otherwise the durations of each cell gathered together (a counting sort) for nth_element.
  std::vector<double> values;
  if (any_value && !histogram) {
    detail::reserve_large(values, static_cast<std::size_t>(completed_per_cell[cells]));
    values.resize(static_cast<std::size_t>(completed_per_cell[cells]));
    std::vector<std::int64_t> fill(completed_per_cell.begin(), completed_per_cell.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(durations[i])) continue;
      const std::int64_t c = cell_of(i);
      if (c >= 0) values[static_cast<std::size_t>(fill[static_cast<std::size_t>(c)]++)] = static_cast<double>(durations[i]);
    }
  }
  // The k-th smallest duration of a cell (0-based), from its histogram.
  auto order_statistic = [&](std::size_t c, std::int64_t k) {
    std::int64_t seen = 0;
    for (std::size_t b = 0; b < bins; ++b) {
      seen += hist[c * bins + b];
      if (seen > k) return vmin + static_cast<double>(b);
    }
    return vmax;
  };
  auto cell_percentile = [&](std::size_t c, double q) {
    const std::int64_t count = completed_per_cell[c + 1] - completed_per_cell[c];
    if (count == 0) return std::numeric_limits<double>::quiet_NaN();
    if (!histogram)
      return detail::percentile(values, static_cast<std::size_t>(completed_per_cell[c]), static_cast<std::size_t>(completed_per_cell[c + 1]), q);
    const double pos = (static_cast<double>(count) - 1) * q / 100.0;
    const auto lo_k = static_cast<std::int64_t>(std::floor(pos));
    const double a = order_statistic(c, lo_k);
    const double frac = pos - static_cast<double>(lo_k);
    if (frac == 0 || lo_k + 1 >= count) return a;
    return a + (order_statistic(c, lo_k + 1) - a) * frac;
  };
  Summary out;
  out.percentiles.assign(percentiles.size(), {});
  for (std::size_t c = 0; c < cells; ++c) {
    const auto& k = counts[c];
    std::int64_t total = 0;
    for (auto v : k) total += v;
    if (total == 0) continue;
    const auto ci = static_cast<std::int64_t>(c);
    const std::int64_t g = ci % n_groups;
    const std::int64_t s = (ci / n_groups) % slots;
    const auto r = static_cast<std::int32_t>(ci / n_groups / slots);
    out.rule.push_back(r);
    if (period == SummaryPeriod::all || s == slots - 1) {
      out.period.push_back(nat);
    } else {
      out.period.push_back(support::first_day_of_month(first_slot + s * step));
    }
    out.group.push_back(g);
    out.instances.push_back(total);
    out.met.push_back(k[0]);
    out.late.push_back(k[1]);
    out.overdue.push_back(k[2]);
    out.open.push_back(k[3]);
    out.missed.push_back(k[4]);
    out.ended.push_back(k[5]);
    for (std::size_t q = 0; q < percentiles.size(); ++q)
      out.percentiles[q].push_back(with_values ? cell_percentile(c, percentiles[q]) : std::numeric_limits<double>::quiet_NaN());
  }
  return out;
}

/// The same from the engine's instances, by the period of their due, completion or start date.
inline Summary summarise(const Instances& inst, SummaryPeriod period, Basis basis, std::span<const std::int64_t> groups = {},
                         std::int64_t n_groups = 1, std::span<const float> durations = {},
                         std::span<const double> percentiles = {}) {
  const ResultColumn<std::int64_t>& date = basis == Basis::due ? inst.due : basis == Basis::completed ? inst.completed : inst.start;
  return summarise(std::span<const std::int32_t>(inst.rule), std::span<const std::uint8_t>(inst.status), date, period, groups,
                   n_groups, durations, percentiles);
}

}  // namespace safeguarding::inline v0::timeliness
