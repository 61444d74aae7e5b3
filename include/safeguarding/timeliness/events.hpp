// The timeliness engine's input and vocabulary: the event table (owning `Events`, or `EventsView`
// of the caller's columns), and the names of what the engine says of instances and rows: instance
// statuses, data-quality findings and row uses (docs/timeliness.md).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/support/column_view.hpp"

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
inline constexpr std::array<std::string_view, 6> instance_status_names = {"met",  "late",   "overdue",
                                                                          "open", "missed", "ended"};

/// How a status counts in a timeliness figure: in timescale (met), out of timescale (late, overdue,
/// missed), or in neither (open: still in time; ended: no longer needed). Every summary, band and
/// measure counts through these two.
constexpr bool in_timescale(InstanceStatus s) noexcept {
  return s == InstanceStatus::met;
}
constexpr bool out_of_timescale(InstanceStatus s) noexcept {
  return s == InstanceStatus::late || s == InstanceStatus::overdue || s == InstanceStatus::missed;
}
/// in / (in + out) × 100; NaN when neither.
inline double percent_in_timescale(std::int64_t in, std::int64_t out) noexcept {
  return in + out > 0 ? 100.0 * static_cast<double>(in) / static_cast<double>(in + out)
                      : std::numeric_limits<double>::quiet_NaN();
}

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
    "missing_date",       "outside_calendar",    "duplicate",        "stop_before_start",
    "stop_without_start", "restart_without_end", "missing_attribute"};

/// What became of each input row. Rows in = the sum over these.
///  * used: an instance starts, stops or ends at it;
///  * after_as_of: dated after the as-of date, so not yet known;
///  * no_rule: no selected rule uses its event type;
///  * not_in_force: its rules had no edition in force (or no timescale applied) on its date;
///  * not_needed: a stop event after the instance it could close was closed (a second core group);
///  * superseded: a start event replaced by a later one (the last strategy discussion counts);
///  * problem: not used, with at least one data-quality finding.
enum class EventRowUse : std::uint8_t { used, after_as_of, no_rule, not_in_force, not_needed, superseded, problem };
inline constexpr std::array<std::string_view, 7> event_row_use_names = {
    "used", "after_as_of", "no_rule", "not_in_force", "not_needed", "superseded", "problem"};

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

}  // namespace safeguarding::inline v0::timeliness
