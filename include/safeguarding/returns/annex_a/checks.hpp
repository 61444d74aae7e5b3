// Ofsted's Annex A lists judged as of the list date: whether each child's latest review, visit and
// health assessment is overdue, through the rule catalogue and the timeliness engine. Reading the
// workbook is the caller's (the Python package reads it with openpyxl); these functions take the
// columns read, as serial days (`nat` when blank or when the list has no such column).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/config.hpp"
#include "safeguarding/returns/timeliness_measure.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"

namespace safeguarding::inline v0::returns::annex_a {

/// One timeliness check of a list: the column holding each child's latest record, the rule that
/// sets the interval to the next, and the column whose date closes it (the child ceased to be looked
/// after, the plan ended).
struct Check {
  int list;
  std::string_view name;     // "latest statutory review"
  std::string_view column;   // "date_of_latest_statutory_review"
  std::string_view rule;     // "lac.review.first"
  std::string_view closing;  // "date_ceased_to_be_looked_after"
  std::string_view start;    // the column of the clock's first start ("date_started_to_be_looked_after"), if any
};

/// The checks, in the order they are reported:
///  * List 8, latest statutory review: the first due 20 working days after "Date Started to be
///    Looked After" (lac.review.first); a latest review within those 20 working days is the first,
///    and the second is due 3 months after it; a later one is taken as a later review, the next due
///    6 months after it (Annex A gives only the latest review, so a first review held late is judged
///    as a later one). Last social work visit: lac.visit; last health assessment: lac.health.review
///    (the child's age at that assessment, from the date of birth, chooses 6 or 12 months).
///  * List 7, last statutory visit: cp.visit (a local choice); latest review conference: 3 months
///    after the plan started if none yet (rcpc.first), else 6 months after the latest.
std::span<const Check> checks() noexcept;

/// The latest date in the lists' date columns: the default date they are judged as of (the
/// workbook does not record the date it was made); `nat` when they hold no date. See
/// choose_list_date, which leaves out mistyped dates.
std::int64_t list_date(const std::vector<std::vector<std::int64_t>>& date_columns);

/// The date the lists are judged as of, when the caller gives none: the latest date of the lists'
/// date columns that is on or before `today` and not cut off from the others. Dates after today
/// are left out; so is a latest date more than `gap_days` after every earlier one (the lists are
/// the activity up to their extract, so their latest dates lie close together: one that stands
/// alone is a mistyped year), repeatedly. Each date left out is listed by its column and position.
struct ListDate {
  std::int64_t day = nat;
  std::string reason;                                  // how it was chosen, in words
  std::vector<std::pair<std::int32_t, std::int64_t>> excluded;  // (column, position) of each date left out
  std::vector<std::string> why;                                 // per excluded date: why
};
ListDate choose_list_date(const std::vector<std::vector<std::int64_t>>& date_columns, std::int64_t today,
                          std::int64_t gap_days = 31);

/// Dates written as text in a spreadsheet column, read as the returns' readers read them
/// (support::ValueReader: dd/mm/YYYY, or mm/dd/YYYY when `dayfirst` is false, or ISO), with the
/// evidence of the column's convention: the positions of values that can only be day first (first
/// part above 12) and of those that can only be month first (second part above 12).
struct TextDates {
  std::vector<std::int64_t> days;     // nat when blank or unreadable
  std::vector<std::string> problems;  // per value: "" or what is wrong
  std::vector<std::int64_t> day_first, month_first;
};
TextDates read_text_dates(const std::vector<std::string>& texts, bool dayfirst = true);

/// The columns of one list a check reads, one element per child (serial days; `nat` when blank).
/// A column the list lacks is left empty.
struct CheckColumns {
  std::vector<std::int64_t> last;     // the check's column: the latest record
  std::vector<std::int64_t> started;  // the check's start column (looked after since, plan start)
  std::vector<std::int64_t> ended;    // the closing column
  std::vector<std::int64_t> born;     // the date of birth (the health assessments' timescale)
};

/// The status of a child's check: an instance status (timeliness::InstanceStatus), or
/// `not_recorded` when the list gives no date to judge from.
inline constexpr std::uint8_t not_recorded = 255;
/// "met", "late", "overdue", "open", "missed", "ended" or "not recorded".
std::string_view status_name(std::uint8_t status) noexcept;

/// One check judged for every child of a list as of a date.
struct CheckResult {
  Check check;
  std::int64_t as_of = nat;
  std::vector<RuleCitation> citations;                     // the editions that judged a child
  std::vector<std::string> rule;                           // per child: the rule that judged it; empty when not judged
  std::vector<std::int32_t> citation;                      // index into citations; -1 when not judged
  std::vector<std::int64_t> due;                           // the next record's due date; nat when none
  std::vector<std::uint8_t> status;                        // see status_name
  std::vector<double> overdue_days, overdue_working_days;  // as of the list date; NaN unless overdue

  [[nodiscard]] std::size_t children() const noexcept { return status.size(); }
  /// Children with a date to judge from.
  [[nodiscard]] std::int64_t judged() const noexcept;
  [[nodiscard]] std::int64_t overdue() const noexcept;
  /// overdue / judged × 100; NaN when none was judged.
  [[nodiscard]] double percent_overdue() const noexcept;
  /// The rules and the sources of the children judged, each once, in order of first use.
  [[nodiscard]] std::string rules_text() const;
  [[nodiscard]] std::string sources_text() const;
};

/// Judges one check as of `as_of` (serial day): each child's latest instance through the engine.
/// A child whose record is after the closing date (on or before `as_of`) needs nothing more:
/// status ended.
CheckResult judge(const Check& check, const CheckColumns& columns, std::int64_t as_of, const RuleCatalogue& catalogue,
                  const Calendar& calendar);

}  // namespace safeguarding::inline v0::returns::annex_a

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/annex_a/checks.cpp"
#endif
