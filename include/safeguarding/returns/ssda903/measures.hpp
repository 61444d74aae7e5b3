// The SSDA903 return's measures, each a function over a loaded return (see docs/returns.md):
//  * periods of care: a child's episodes merged, and the looked-after review events built from them
//    (`lac.start`, `lac.end`, `lac.review`; rule chain lac.review.first -> second -> subsequent);
//  * the timeliness measures through the engine: looked-after reviews, return home interviews;
//  * the counting measures: participation codes, reasons ceased, looked after on a date,
//    placements, three or more placements, missing episodes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/config.hpp"
#include "safeguarding/returns/counting.hpp"
#include "safeguarding/returns/events.hpp"
#include "safeguarding/returns/reporting_year.hpp"
#include "safeguarding/returns/ssda903/load.hpp"
#include "safeguarding/returns/timeliness_measure.hpp"
#include "safeguarding/rules.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

/// The reporting years the returns loaded cover: each return's collection year (Return::year; a
/// return of 2020 covers 1 April 2019 to 31 March 2020); none when the year is not known of a return
/// holding episodes, reviews or missing episodes (one of other tables alone changes no figure).
/// A counting measure asked for a year no return covers is an Error (require_covered), and so is
/// one for a year whose returns did not supply its table; a timeliness measure gives a figure
/// flagged as not computable instead (not_covered; also when the year's returns did not supply a
/// table it is formed from, while one supplied with a header and no rows gives a figure).
Coverage coverage(const Ssda903& loaded);

/// Legal statuses of a series of short-term placements (short breaks): no part of any period of care.
inline constexpr std::string_view short_break_statuses[] = {"V3", "V4"};

/// A child's episodes merged into periods of care. Episodes are taken in DECOM order; an episode
/// that starts on or before the latest DEC of the period so far (on the day the previous episode
/// ended, or earlier when episodes overlap), or while an episode of the period is still open,
/// continues the period; one that starts a day or more after it starts a new period (the child was
/// not looked after in between). Episodes of short breaks (legal status V3, V4) are not part of
/// any period.
struct PeriodsOfCare {
  std::vector<std::int64_t> child;          // the child's code
  std::vector<std::int64_t> start, end;     // serial days; end `nat` while the period is open
  std::vector<std::int64_t> first_episode;  // the episode (row position) that starts the period
  std::vector<std::int64_t> last_episode;   // the episode whose DEC ends it (the last episode while open)
  std::vector<std::uint8_t> start_known;  // 0: the child's first period in the data, whose first episode's RNE is not S
  std::vector<std::int64_t> period_of;    // per episode: its period, or -1 for a short break

  [[nodiscard]] std::size_t size() const noexcept { return child.size(); }
};

/// Periods of care from the episodes' columns: the child's code, DECOM and DEC (serial days,
/// `nat` when blank), whether the episode started care (RNE S) and whether it is a short
/// break. Rows may come in any order.
PeriodsOfCare periods_of_care(std::span<const std::int64_t> child, std::span<const std::int64_t> decom,
                              std::span<const std::int64_t> dec, std::span<const std::uint8_t> starts_care,
                              std::span<const std::uint8_t> short_break);
/// The periods of care of a loaded SSDA903's episodes table.
PeriodsOfCare periods_of_care(const Table& episodes);

/// The looked-after review events: `lac.start` at each period's start and `lac.end` at its end
/// (source "episodes"), `lac.review` at each review (source "reviews"); the case is the child's
/// code. Left out: periods whose start is unknown (and the reviews in them, and any before them),
/// and the reviews of children whose only episodes are short breaks.
EventTable review_events(const RuleCatalogue& rules, const PeriodsOfCare& periods,
                         std::span<const std::int64_t> review_child, std::span<const std::int64_t> review_date,
                         std::span<const std::int64_t> episode_child = {},
                         std::span<const std::uint8_t> short_break = {});
/// The looked-after review events of a loaded SSDA903 (its episodes and reviews tables); the case
/// is the child's code in the tables' shared id dictionary.
EventTable review_events(const RuleCatalogue& rules, const Dataset& data);

/// Return home interviews offered (rule missing.rhi.offered): `missing.returned` at each missing episode's MIS_END
/// (source "missing") and `missing.rhi_offered` at each offer (source "offered": the authority's
/// own records, which the return does not hold; `offered_child` are codes of the load's ids).
EventTable return_home_interview_events(const RuleCatalogue& rules, const Dataset& data,
                                        std::span<const std::int64_t> offered_child,
                                        std::span<const std::int64_t> offered_day);

/// Every looked-after review instance of the reporting year, judged by the rule chain
/// lac.review.first (20 working days from the start of the period of care), lac.review.second
/// (3 months after the first review), lac.review.subsequent (6 months after the previous one), as
/// of 31 March; the monthly table counts every review held in the year.
TimelinessMeasure review_timeliness(const Ssda903& loaded, ReportingYear year, const RuleCatalogue& catalogue,
                                    const Calendar& calendar);
/// Return home interviews offered within 72 hours of the child's return (rule missing.rhi.offered), each
/// return matched with the earliest offer after it.
TimelinessMeasure return_home_interviews(const Ssda903& loaded, ReportingYear year,
                                         std::span<const std::int64_t> offered_child,
                                         std::span<const std::int64_t> offered_day, const RuleCatalogue& catalogue,
                                         const Calendar& calendar);

/// Reviews held in the year by participation code (PN0–PN7, then "not recorded" for a blank or
/// unknown code, when there are any): measure ssda903.participation.
CodeCounts participation(const Ssda903& loaded, ReportingYear year);
/// Episodes that ceased in the year with the child leaving care, by reason (REC, in code order;
/// "not recorded" for a DEC without a REC): DEC in the year and REC other than X1.
CodeCounts reasons_ceased(const Ssda903& loaded, ReportingYear year);

/// The episodes open at the end of `day` (serial day), one per child: started on or before it and
/// not ceased by then (DEC blank or after it); the child's latest such episode. Short breaks are
/// left out unless `short_breaks`. Measure ssda903.looked_after_at_31_march.
struct LookedAfter {
  std::string measure;
  std::int64_t day = nat;
  std::vector<std::int64_t> episodes;  // row positions in the episodes table, in its order

  [[nodiscard]] std::size_t children() const noexcept { return episodes.size(); }
};
LookedAfter looked_after_on(const Ssda903& loaded, std::int64_t day, bool short_breaks = false);
/// Children looked after at the end of the year (31 March).
std::int64_t looked_after_at_31_march(const Ssda903& loaded, ReportingYear year, bool short_breaks = false);

/// Placements each child had during the year: the episode the child was in when the year began (or
/// their first in it) counts one, and each later episode starting in the year counts one more
/// unless its RNE is L (a change of legal status only). One row per child looked after at any time
/// in the year, in the order of the children's ids. Measure ssda903.placements.
struct Placements {
  std::string measure;
  ReportingYear year;
  std::vector<std::int32_t> child;  // the child's code
  std::vector<std::int64_t> placements;
  std::vector<std::uint8_t> looked_after_at_31_march;

  /// How many children had 1, 2, 3, … placements (ascending).
  [[nodiscard]] std::vector<std::pair<std::int64_t, std::int64_t>> counts() const;
};
Placements placements(const Ssda903& loaded, ReportingYear year, bool short_breaks = false);
/// Children looked after at 31 March with three or more placements in the year, of all children
/// looked after at 31 March (DfE's placement stability measure).
Proportion three_or_more_placements(const Ssda903& loaded, ReportingYear year, bool short_breaks = false);

/// Missing (M) and away without authorisation (A) episodes that started in the year: one row per
/// kind (M, A, "not recorded" when there are any, then "all"). Measure ssda903.missing_episodes.
struct MissingEpisodes {
  std::string measure;
  ReportingYear year;
  std::vector<std::string> kind;
  std::vector<std::int64_t> episodes, children, still_open;  // still open: no MIS_END by 31 March
  std::vector<double> median_days;                           // MIS_START to MIS_END of those ended; NaN when none
};
MissingEpisodes missing_episodes(const Ssda903& loaded, ReportingYear year);

}  // namespace safeguarding::inline v0::returns::ssda903

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/ssda903/counting.cpp"
#include "src/returns/ssda903/events.cpp"
#include "src/returns/ssda903/timeliness.cpp"
#endif
