// The front door's measures (docs/thresholds.md, "The measures"): each a table of counts per cell
// of a grouping (a period, the agency, a level, the threshold version), with its derived
// percentages; the confusion of referrers' and decided levels; and referrals per 10,000 children.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/front_door/records.hpp"
#include "safeguarding/timeliness.hpp"

namespace safeguarding::inline v0::front_door {

/// What is counted (docs/thresholds.md, "The measures"):
///  * decisions: contacts, decided, met, late, overdue, open (the decision rule's statuses), not_judged;
///  * volumes: contacts, referrals, re_referrals;
///  * conversion: contacts, referrals, assessments, plans (child in need or child protection), cin, cp;
///  * assessment_outcomes: assessments, nfa, early_help, cin, cp, looked_after, other, not_recorded;
///  * agreement: contacts, rated (both levels known), agree, over (the referrer's level above the
///    decided one), under; and the value kappa (Cohen's, over the rated contacts);
///  * reliance: contacts, decided, nfa, advice, early_help, resolved_below (the three before),
///    referred, no_outcome;
///  * steps: steps, step_ups, step_downs, not_allowed, to_early_help (step-downs from social care to
///    early help), re_escalated (within 12 months: a referral or a step-up into social care),
///    awaiting (not re-escalated, 12 months not yet passed), followed_up (12 months passed by the
///    as-of date) and re_escalated_followed_up (of those, re-escalated: the rate's numerator).
/// Each table also carries its derived columns (`measure_derived_columns`): decisions in_timescale,
/// out_of_timescale and percent_in_timescale; volumes percent_re_referrals; conversion
/// percent_referred, percent_assessed and percent_to_plan; assessment_outcomes percent_nfa;
/// agreement kappa, percent_agree, percent_over and percent_under; reliance
/// percent_resolved_below; steps percent_re_escalated (of those followed up).
/// Contacts are placed in a period by their date; steps by theirs.
enum class Measure : std::uint8_t { decisions, volumes, conversion, assessment_outcomes, agreement, reliance, steps };
inline constexpr std::array<std::string_view, 7> measure_names = {
    "decisions", "volumes", "conversion", "assessment_outcomes", "agreement", "reliance", "steps"};

/// Which level a table is grouped by: for contacts the decided level or the referrer's; for steps
/// the level stepped from (decided) or to (referrer's is not used: to).
enum class LevelKey : std::uint8_t { none, decided, referrer };

struct Grouping {
  timeliness::SummaryPeriod period = timeliness::SummaryPeriod::all;
  bool agency = false;
  LevelKey level = LevelKey::none;
  bool version = false;
};

/// The grouping named by `by` ("month", "quarter" or "year"; "agency"; "level", "referrer_level",
/// for steps "from_level" and "to_level"; "version"): one period and one level at most. An Error
/// for any other name.
Grouping grouping_of(const std::vector<std::string>& by, bool steps);

/// Counts per cell (a period and the grouping's keys), one element per non-empty cell, in order of
/// period then keys; `values` are the figures derived from them (percentages: NaN when the whole is 0).
struct MeasureTable {
  std::vector<std::int64_t> period;    // the period's first day; empty with SummaryPeriod::all
  std::vector<std::string> key_names;  // "agency" (Records::sources), "level" (Records::levels), "version", ...
  std::vector<std::vector<std::int32_t>> keys;  // -1: none (no level known)
  std::vector<std::string> count_names;
  std::vector<std::vector<std::int64_t>> counts;
  std::vector<std::string> value_names;
  std::vector<std::vector<double>> values;

  [[nodiscard]] std::size_t size() const noexcept { return counts.empty() ? 0 : counts.front().size(); }
  /// A count column by name; an Error naming the columns there are when it is not one of them.
  [[nodiscard]] const std::vector<std::int64_t>& count(std::string_view name) const {
    for (std::size_t c = 0; c < count_names.size(); ++c)
      if (count_names[c] == name) return counts[c];
    std::string list;
    for (const auto& n : count_names) list += (list.empty() ? "" : ", ") + n;
    throw Error("no count " + quote(name) + " in the table (its counts: " + list + ")");
  }
  /// A value column by name; an Error naming the columns there are when it is not one of them.
  [[nodiscard]] const std::vector<double>& value(std::string_view name) const;
};

/// The count columns of a measure, in order.
std::vector<std::string> measure_columns(Measure m);

/// The derived columns of a measure, in order: whole-number ones (`counts` of the table) and
/// percentages and kappa (`values`).
std::vector<std::string> measure_derived_columns(Measure m);

/// The measure named ("decisions", …); an Error for another name.
Measure measure_of(std::string_view name);

/// A measure counted per cell of the grouping, with its derived columns (see Measure).
MeasureTable tabulate(const Records& r, Measure m, const Grouping& g);

/// The referrer's level against the decided level, counted per cell of the grouping: a table keyed
/// by the grouping's keys then "referrer_level" and "decided_level", with the count "contacts".
/// Only contacts with both levels known (in the same version: the one in force on their date).
MeasureTable confusion(const Records& r, const Grouping& g);

/// The confusion matrix of one agency and one threshold version, or all (empty ids): the levels
/// that occur (in the order of Records::levels) and counts[referrer][decided] over them.
struct ConfusionMatrix {
  std::vector<std::string> levels;
  std::vector<std::vector<std::int64_t>> counts;
};
/// An Error when `agency` or `version` is given and is not one of the records'.
ConfusionMatrix confusion_matrix(const Records& r, std::string_view agency = {}, std::string_view version = {});

// ---- referral rates ------------------------------------------------------------------------

/// The number of children (aged 0 to 17) in the area in a year: `year` is the calendar year the
/// partnership's year ends in (with years from April, 2015 is April 2014 to March 2015: "the year
/// ended March 2015").
struct Population {
  std::int32_t year = 0;
  std::int64_t children = 0;
};

/// Referrals per 10,000 children in one year, and its change on the year before and since the
/// first year with a rate (percent; NaN when either rate is unknown).
struct ReferralRate {
  std::int32_t year = 0;
  Date first, last;
  std::int64_t referrals = 0;
  std::int64_t children = 0;  // 0 when no population figure was given
  double rate = std::numeric_limits<double>::quiet_NaN();
  double change_on_previous = std::numeric_limits<double>::quiet_NaN();
  double change_since_first = std::numeric_limits<double>::quiet_NaN();
  bool complete = true;  // false when the year had not ended by the as-of date
};

/// The year (by the calendar year it ends in) holding a serial day, for years starting in `year_start`.
std::int32_t year_of(std::int64_t day, unsigned year_start);

/// Referrals (contacts decided as referrals, by the contact's date) per 10,000 children, for every
/// year with referrals or a population figure, in order. `year_start` is the month years start in
/// (the partnership's, usually April).
std::vector<ReferralRate> referral_rates(const Records& r, unsigned year_start, std::span<const Population> population);

/// "2015" for calendar years, "2014-15" for years starting in another month.
std::string year_text(std::int32_t year, unsigned year_start);
}  // namespace safeguarding::inline v0::front_door

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/front_door/confusion.cpp"
#include "src/front_door/measures.cpp"
#include "src/front_door/referral_rates.cpp"
#endif
