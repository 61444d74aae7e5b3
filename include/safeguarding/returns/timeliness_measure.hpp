// The returns' timeliness measures: the events built from a loaded return run through the timeliness
// engine (timeliness::compute) as of the end of a reporting year, and the year's figure formed from
// the instances, keeping the trace from the figure back to the rows of the file. A result holds the
// reporting year and as-of date, the instances with the table, file and row behind their start and
// stop, the rows no instance used and why, the figure, the monthly table, and every rule of the
// chain with its editions, sources and confidence.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/config.hpp"
#include "safeguarding/returns/events.hpp"
#include "safeguarding/returns/reporting_year.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"

namespace safeguarding::inline v0::returns {

/// One edition of a rule that can judge the measure's instances.
struct RuleCitation {
  std::string rule;
  std::string edition;
  std::string timescale;  // "20 working days"
  std::string source;
  Confidence confidence = Confidence::check;

  /// "lac.review.first (2011 regulations, 20 working days): <source>".
  [[nodiscard]] std::string text() const;
};

/// A timeliness measure for a reporting year: of the things done in the year (`done`: reviews
/// held, assessments authorised, conferences held), how many were in timescale, and what was still
/// outstanding at the year's end.
///  * in_timescale: done on or before the due date (status met); out_of_timescale: after it (late);
///  * overdue: not done by the year's end, and due before it;
///  * missed: closed unfinished in the year (the child ceased to be looked after, the plan ended)
///    after the due date.
struct TimelinessFigure {
  std::string measure;  // "looked-after reviews"
  ReportingYear year;
  std::string rule;                // the rule asked for (the first link of a chain)
  std::vector<std::string> rules;  // every rule of the chain, in chain order
  std::string source;              // the citations of the editions that judged an instance, "; " between them
  /// False when the figure cannot be computed from the data loaded (the year is not covered, or a
  /// table it needs was not supplied): the counts are then zero and mean nothing; `not_computable`
  /// says why. A table supplied with no rows gives a figure (0 of 0, and what fell due is overdue).
  bool computable = true;
  std::string not_computable = {};
  std::int64_t done = 0;
  std::int64_t in_timescale = 0;
  std::int64_t out_of_timescale = 0;
  std::int64_t overdue = 0;
  std::int64_t missed = 0;

  /// in_timescale / done; NaN when nothing was done.
  [[nodiscard]] double share() const noexcept;
  /// "looked-after reviews in 2018-19: 3 of 5 in timescale (60.0%); 2 overdue at 31 March 2019, 0
  /// missed [rules lac.review.first, lac.review.second, lac.review.subsequent]"; "0 of 0 in
  /// timescale (none in the year)" when nothing was done; "looked-after reviews in 2018-19: not
  /// computable (…)" when it is not.
  [[nodiscard]] std::string str() const;
};

/// The year's instances (the engine's columns, see timeliness::Instances) and where each came from.
struct TracedInstances {
  timeliness::Instances engine;
  std::vector<std::int32_t> citation;        // index into TimelinessMeasure::citations
  std::vector<std::int32_t> child;           // the child's code (the load's id dictionary); missing_code if none
  std::vector<std::int8_t> start_table;      // index into TimelinessMeasure::tables
  std::vector<std::int32_t> start_file;      // index into TimelinessMeasure::files; -1 when not from a file
  std::vector<std::int64_t> start_file_row;  // the row in that file (CSV record number or XML line); nat if none
  std::vector<std::int8_t> stop_table;       // -1 while open
  std::vector<std::int32_t> stop_file;
  std::vector<std::int64_t> stop_file_row;

  [[nodiscard]] std::size_t size() const noexcept { return citation.size(); }
};

/// Why a row no instance used was not judged: a reason the event builders give (LeftOut), then the
/// engine's row uses other than `used` (after_as_of, no_rule, not_in_force, not_needed, superseded,
/// problem).
inline constexpr std::size_t not_judged_reason_count =
    left_out_names.size() + timeliness::event_row_use_names.size() - 1;
std::string_view not_judged_reason_name(std::uint8_t reason) noexcept;

/// The rows of the return no instance used, with the reason; a row is listed once per reason.
struct NotJudged {
  std::vector<std::int8_t> table;      // index into TimelinessMeasure::tables
  std::vector<std::int64_t> position;  // the row's position in its table (as loaded)
  std::vector<std::int32_t> file;      // index into TimelinessMeasure::files; -1 when not from a file
  std::vector<std::int64_t> row;       // the row in that file; nat if none
  std::vector<std::int32_t> child;     // the child's code; missing_code if none
  std::vector<std::uint8_t> reason;    // see not_judged_reason_name

  [[nodiscard]] std::size_t size() const noexcept { return reason.size(); }
};

/// The year month by month (April to March): things done (`held`: every such row of the return,
/// judged or not), in and out of timescale, and not judged; held = in + out + not judged.
struct MonthlyTable {
  std::vector<std::int64_t> month;  // the month's first day (serial day)
  std::vector<std::int64_t> held, in_timescale, out_of_timescale, not_judged;
  std::vector<double> percent_in_timescale;  // in / (in + out) × 100; NaN when none was judged
};

/// What a timeliness measure is made of, besides its events.
struct TimelinessSpec {
  std::string measure;             // how the figure names what is done: "looked-after reviews"
  std::string rule;                // the rule (or the first link of the chain) that judges it
  std::string id_column;           // the child's id column in the source tables ("CHILD", "LAchildID")
  bool case_is_child = true;       // the events' case is the child's code (else an id of the return: assessment, plan)
  std::vector<std::int64_t> held;  // the dates of every row that is a thing done (judged or not)
  /// The tables the figure is formed from: when the data has no such table at all, the figure is
  /// not computable ("the data loaded has no reviews table"). A table with no rows is not missing:
  /// nothing in it was done, and what fell due from the other tables is overdue.
  std::vector<std::string> needs;
  /// When not empty, why the figure is not computable whether or not the tables have rows: the year
  /// is not covered by the returns loaded (not_covered), or the year's return did not supply a
  /// table ("the 2020 return has no reviews table"; a file with a header and no rows supplies it).
  std::string not_supplied = {};
};

/// The reporting years the returns loaded cover. A return covers its collection year only: the
/// SSDA903 return of collection year 2020 reports the children looked after from 1 April 2019 to
/// 31 March 2020, and the CIN census of 2020 the children in need of the same year (DfE's guides to
/// each collection). The earlier dates a return holds (an episode's DECOM, a referral years before)
/// are the history of what was open in its year, not a record of their own years: a figure for such
/// a year would count part of it. A measure asked for a year no return covers gives no figure,
/// naming the years they cover (require_covered, not_covered); nor does any year when the
/// collection year of a return is not known (`unknown` says which and why): no year is guessed.
struct Coverage {
  std::vector<int> years;  // the years ending 31 March covered, ascending, each once
  std::string what;        // whose years they are: "the collection years of the returns loaded (…)"
  std::string unknown;     // when not empty, why no year is covered: "the collection year of … is not known"
  [[nodiscard]] bool covers(ReportingYear year) const noexcept {
    return unknown.empty() && std::find(years.begin(), years.end(), year.ending()) != years.end();
  }
};
/// Why `year` is not covered ("" when it is): "2017-18 is outside the years the data covers
/// (2019-20: the collection years of the returns loaded …)". A timeliness measure gives a figure
/// flagged as not computable with this reason (TimelinessSpec::not_supplied).
std::string not_covered(const Coverage& coverage, ReportingYear year);
/// The Error of a counting measure when `year` is not covered (nothing when it is): "`measure`:
/// " + not_covered(…) + ": no figure can be given for it".
void require_covered(const Coverage& coverage, ReportingYear year, std::string_view measure);
/// "2018-19", "2018-19 and 2019-20", "2016-17, 2018-19 and 2019-20".
std::string year_list(std::span<const int> years);

/// A timeliness measure over a loaded return for one reporting year.
struct TimelinessMeasure {
  TimelinessSpec spec;
  ReportingYear year;
  std::int64_t as_of = nat;  // the year's last day
  std::string calendar;
  std::vector<std::string> tables;      // the events' source tables
  std::vector<std::string> files;       // the load's files
  std::vector<RuleCitation> citations;  // every edition of every rule of the chain
  TracedInstances instances;
  NotJudged not_judged;
  TimelinessFigure figure;
  /// Month by month; all zeros when the figure is not computable: read it through months().
  MonthlyTable by_month;
  /// The engine's account of the events: the events themselves, each row's use
  /// (timeliness::EventRowUse) and the data-quality findings with their messages.
  EventTable events;
  std::vector<std::uint8_t> row_use;
  timeliness::EventFindings findings;
  std::vector<std::string> finding_messages;
  /// Per finding: where its event came from in the return ("reviews.csv, row 12" or the XML element
  /// path "/Message/Children/Child[3]/CINdetails[1]/Assessments[1]"), for the analyst to look up.
  std::vector<std::string> finding_where;

  /// The monthly table; an Error naming why when the figure is not computable, whose table of
  /// zeros would read as a year with nothing done.
  [[nodiscard]] const MonthlyTable& months() const;
};

/// Runs the engine over `events` (built from `data`'s tables) as of the end of `year` and forms the
/// measure. Instances kept: done in the year, outstanding at its end (overdue, or open: not yet
/// due), or closed unfinished in it (missed, ended).
TimelinessMeasure measure_timeliness(const Dataset& data, EventTable events, TimelinessSpec spec, ReportingYear year,
                                     const RuleCatalogue& catalogue, const Calendar& calendar);

}  // namespace safeguarding::inline v0::returns

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/timeliness_measure.cpp"
#endif
