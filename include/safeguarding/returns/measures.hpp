// The statutory returns' timeliness measures: the readers' columns turned into events for the
// timeliness engine (timeliness::compute), each event carrying the table and row it came from, so
// that every instance the engine computes can be traced to the rows of the return behind it.
//
//  * SSDA903: episodes merged into periods of care give `lac.start` and `lac.end`; REVIEW dates
//    give `lac.review` (rule chain lac.review.first -> lac.review.second -> lac.review.subsequent).
//  * CIN census: a referral and its assessment's authorisation give `referral` and
//    `assessment.authorised` (assessment.complete); section 47 enquiries give
//    `strategy_discussion` and `icpc` (icpc.held); child protection plans give `cp_plan.start`,
//    `cp_review` and `cp_plan.end` (rcpc.first -> rcpc.subsequent).
//
// The chain logic, the due dates and the statuses are the engine's; this file only says which rows
// are which events, and which rows are left out and why (never silently).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/error.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"

namespace safeguarding::inline v0::returns {

/// Why a row of a return gives no event to the engine.
enum class LeftOut : std::uint8_t {
  short_break,         // an episode of a series of short breaks (legal status V3 or V4), or a review of a child who had only those
  care_began_earlier,  // a review in a period of care that began before the returns loaded (its first episode's RNE is not S)
  not_required,        // a section 47 enquiry whose initial conference was not required (ICPCnotRequired true)
  same_conference,     // a second section 47 enquiry of one referral giving the same conference date as an earlier one
  no_referral,         // an assessment whose CINdetails (and so its referral date) was not read
  no_plan,             // a review conference of a plan that was not read
};
inline constexpr std::array<std::string_view, 6> left_out_names = {
    "short_break", "care_began_earlier", "not_required", "same_conference", "no_referral", "no_plan"};

/// What a left-out row's reason means, in words.
inline std::string_view describe(LeftOut reason) {
  switch (reason) {
    case LeftOut::short_break:
      return "short breaks (legal status V3 or V4) are not periods of care under the review rules";
    case LeftOut::care_began_earlier:
      return "the period of care began before the returns loaded (the child's first episode has an RNE other than S), "
             "so the reviews before this one are unknown; load the earlier returns to judge it";
    case LeftOut::not_required:
      return "no initial conference was required after this enquiry (ICPCnotRequired)";
    case LeftOut::same_conference:
      return "the conference date repeats one an earlier enquiry of the same referral gives";
    case LeftOut::no_referral:
      return "the referral it belongs to was not read (its CINdetails was rejected)";
    case LeftOut::no_plan:
      return "the child protection plan it belongs to was not read";
  }
  return "?";
}

/// Events for the timeliness engine, with the source table and row of each; and the rows left out.
struct EventTable {
  std::vector<std::string> sources;          // table names, indexed by `source`
  std::vector<std::int64_t> case_id;         // the case the engine groups by
  std::vector<std::int32_t> event;           // index into the catalogue's events()
  std::vector<std::int64_t> time;            // serial days
  std::vector<std::int8_t> source;           // index into `sources`
  std::vector<std::int64_t> source_row;      // position of the row in its table (as loaded)
  std::vector<std::int8_t> left_source;      // rows left out: table,
  std::vector<std::int64_t> left_row;        //   position,
  std::vector<std::uint8_t> left_reason;     //   and LeftOut reason

  [[nodiscard]] std::size_t size() const noexcept { return case_id.size(); }

  /// The event columns as the engine takes them (views: valid while this table lives unchanged,
  /// so not of a temporary table).
  [[nodiscard]] timeliness::EventsView events() const& { return timeliness::EventsView{case_id, event, time, {}, {}}; }
  timeliness::EventsView events() && = delete;

  std::int8_t add_source(std::string_view name) {
    sources.emplace_back(name);
    return static_cast<std::int8_t>(sources.size() - 1);
  }
  void add(std::int64_t case_code, std::int32_t event_index, std::int64_t day, std::int8_t table, std::size_t row) {
    case_id.push_back(case_code);
    event.push_back(event_index);
    time.push_back(day);
    source.push_back(table);
    source_row.push_back(static_cast<std::int64_t>(row));
  }
  void leave_out(std::int8_t table, std::size_t row, LeftOut reason) {
    left_source.push_back(table);
    left_row.push_back(static_cast<std::int64_t>(row));
    left_reason.push_back(static_cast<std::uint8_t>(reason));
  }
};

namespace detail {

inline std::int32_t event_code(const RuleCatalogue& rules, std::string_view id) {
  const auto index = rules.event_index(id);
  if (!index) throw Error("the rule catalogue " + quote(rules.name()) + " has no event type " + quote(id));
  return static_cast<std::int32_t>(*index);
}

template <class A, class B>
void same_length(const A& a, const B& b, std::string_view what) {
  if (a.size() != b.size())
    throw Error(std::string(what) + ": columns of different lengths (" + std::to_string(a.size()) + " and " +
                std::to_string(b.size()) + ")");
}

/// Row positions ordered by (key, date), stable: a counting sort by key (codes 0..n-1) then, where
/// a key's dates are out of order, a sort of that key's rows.
inline std::vector<std::size_t> order_by(std::span<const std::int64_t> key, std::span<const std::int64_t> date) {
  const std::size_t n = key.size();
  std::int64_t top = -1;
  for (auto k : key) {
    if (k < 0) throw Error("a case code is negative");
    top = std::max(top, k);
  }
  std::vector<std::size_t> start(static_cast<std::size_t>(top + 2), 0);
  for (auto k : key) ++start[static_cast<std::size_t>(k) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::size_t> order(n);
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) order[next[static_cast<std::size_t>(key[i])]++] = i;
  }
  for (std::size_t g = 0; g + 1 < start.size(); ++g) {
    auto first = order.begin() + static_cast<std::ptrdiff_t>(start[g]);
    auto last = order.begin() + static_cast<std::ptrdiff_t>(start[g + 1]);
    const auto by_date = [&](std::size_t a, std::size_t b) { return date[a] < date[b]; };
    if (!std::is_sorted(first, last, by_date)) std::stable_sort(first, last, by_date);
  }
  return order;
}

}  // namespace detail

namespace ssda903 {

/// A child's episodes merged into periods of care. Episodes are taken in DECOM order; an episode
/// that starts on or before the latest DEC of the period so far (on the day the previous episode
/// ended, or earlier when episodes overlap), or while an episode of the period is still open,
/// continues the period; one that starts a day or more after it starts a new period (the child was
/// not looked after in between). Episodes of short breaks (legal status V3, V4) are not part of
/// any period.
struct PeriodsOfCare {
  std::vector<std::int64_t> child;          // the child's code
  std::vector<std::int64_t> start, end;     // serial days; end `missing` while the period is open
  std::vector<std::int64_t> first_episode;  // the episode (row position) that starts the period
  std::vector<std::int64_t> last_episode;   // the episode whose DEC ends it (the last episode while open)
  std::vector<std::uint8_t> start_known;    // 0: the child's first period in the data, whose first episode's RNE is not S
  std::vector<std::int64_t> period_of;      // per episode: its period, or -1 for a short break

  [[nodiscard]] std::size_t size() const noexcept { return child.size(); }
};

/// Periods of care from the episodes' columns: the child's code, DECOM and DEC (serial days,
/// `missing` when blank), whether the episode started care (RNE S) and whether it is a short
/// break. Rows may come in any order.
inline PeriodsOfCare periods_of_care(std::span<const std::int64_t> child, std::span<const std::int64_t> decom,
                                     std::span<const std::int64_t> dec, std::span<const std::uint8_t> starts_care,
                                     std::span<const std::uint8_t> short_break) {
  returns::detail::same_length(child, decom, "episodes");
  returns::detail::same_length(child, dec, "episodes");
  returns::detail::same_length(child, starts_care, "episodes");
  returns::detail::same_length(child, short_break, "episodes");
  PeriodsOfCare p;
  p.period_of.assign(child.size(), -1);
  const auto order = returns::detail::order_by(child, decom);
  std::int64_t current_child = -1, latest_end = nat;
  bool open = false, child_has_period = false;
  for (const std::size_t i : order) {
    if (decom[i] == nat) throw Error("episodes: an episode without DECOM (row position " + std::to_string(i) + ")");
    if (child[i] != current_child) {
      current_child = child[i];
      child_has_period = false;
    }
    if (short_break[i]) continue;
    const bool continues = child_has_period && (open || decom[i] <= latest_end);
    if (!continues) {
      p.child.push_back(child[i]);
      p.start.push_back(decom[i]);
      p.end.push_back(nat);
      p.first_episode.push_back(static_cast<std::int64_t>(i));
      p.last_episode.push_back(static_cast<std::int64_t>(i));
      p.start_known.push_back(child_has_period || starts_care[i] ? 1 : 0);
      child_has_period = true;
      open = false;
      latest_end = nat;
    }
    const std::size_t k = p.size() - 1;
    p.period_of[i] = static_cast<std::int64_t>(k);
    if (dec[i] == nat) {
      open = true;
      p.last_episode[k] = static_cast<std::int64_t>(i);
    } else if (!open && dec[i] >= latest_end) {
      latest_end = dec[i];
      p.last_episode[k] = static_cast<std::int64_t>(i);
    }
    p.end[k] = open ? nat : latest_end;
  }
  return p;
}

/// The looked-after review events: `lac.start` at each period's start and `lac.end` at its end
/// (source "episodes"), `lac.review` at each review (source "reviews"); the case is the child's
/// code. Left out: periods whose start is unknown (and the reviews in them, and any before them),
/// and the reviews of children whose only episodes are short breaks.
inline EventTable review_events(const RuleCatalogue& rules, const PeriodsOfCare& periods,
                                std::span<const std::int64_t> review_child, std::span<const std::int64_t> review_date,
                                std::span<const std::int64_t> episode_child = {},
                                std::span<const std::uint8_t> short_break = {}) {
  returns::detail::same_length(review_child, review_date, "reviews");
  EventTable out;
  const auto episodes = out.add_source("episodes");
  const auto reviews = out.add_source("reviews");
  const std::int32_t start = returns::detail::event_code(rules, "lac.start"), end = returns::detail::event_code(rules, "lac.end"),
                     review = returns::detail::event_code(rules, "lac.review");
  out.case_id.reserve(2 * periods.size() + review_child.size());
  for (std::size_t k = 0; k < periods.size(); ++k) {
    if (!periods.start_known[k]) continue;
    out.add(periods.child[k], start, periods.start[k], episodes, static_cast<std::size_t>(periods.first_episode[k]));
    if (periods.end[k] != nat)
      out.add(periods.child[k], end, periods.end[k], episodes, static_cast<std::size_t>(periods.last_episode[k]));
  }
  // Each child's periods in start order, to find the period a review falls in.
  std::vector<std::int64_t> period_start(periods.size());
  for (std::size_t k = 0; k < periods.size(); ++k) period_start[k] = periods.start[k];
  const auto by_child = returns::detail::order_by(periods.child, period_start);
  std::int64_t top = -1;
  for (auto c : periods.child) top = std::max(top, c);
  for (auto c : review_child) top = std::max(top, c);
  for (auto c : episode_child) top = std::max(top, c);
  std::vector<std::size_t> first(static_cast<std::size_t>(top + 2), 0);  // the child's periods: by_child[first[c] .. first[c+1])
  for (auto c : periods.child) ++first[static_cast<std::size_t>(c) + 1];
  std::partial_sum(first.begin(), first.end(), first.begin());
  std::vector<std::uint8_t> breaks_only(static_cast<std::size_t>(top + 1), 0);
  if (!short_break.empty()) {
    returns::detail::same_length(episode_child, short_break, "episodes");
    for (std::size_t i = 0; i < episode_child.size(); ++i)
      if (short_break[i]) breaks_only[static_cast<std::size_t>(episode_child[i])] = 1;
  }
  for (std::size_t i = 0; i < review_child.size(); ++i) {
    const auto c = static_cast<std::size_t>(review_child[i]);
    const std::size_t b = first[c], e = first[c + 1];
    if (b == e && breaks_only[c]) {
      out.leave_out(reviews, i, LeftOut::short_break);
      continue;
    }
    // The last of the child's periods starting on or before the review; none: before them all.
    std::size_t in = e;
    for (std::size_t j = b; j < e && periods.start[by_child[j]] <= review_date[i]; ++j) in = j;
    const std::size_t period = in == e ? (b < e ? by_child[b] : periods.size()) : by_child[in];
    if (period < periods.size() && !periods.start_known[period]) {
      out.leave_out(reviews, i, LeftOut::care_began_earlier);
      continue;
    }
    out.add(review_child[i], review, review_date[i], reviews, i);
  }
  return out;
}

/// The columns the periods and events need, read from loaded SSDA903 tables.
struct EpisodeColumns {
  std::vector<std::int64_t> child, decom, dec;
  std::vector<std::uint8_t> starts_care, short_break;
};

inline EpisodeColumns episode_columns(const Table& episodes) {
  EpisodeColumns c;
  const Column& child = episodes.column("CHILD");
  const Column& rne = episodes.column("RNE");
  const Column& ls = episodes.column("LS");
  c.child.assign(child.codes.begin(), child.codes.end());
  c.decom = episodes.column("DECOM").numbers;
  c.dec = episodes.column("DEC").numbers;
  c.starts_care.resize(episodes.size());
  c.short_break.resize(episodes.size());
  for (std::size_t i = 0; i < episodes.size(); ++i) {
    c.starts_care[i] = rne.text(i) == "S" ? 1 : 0;
    c.short_break[i] = ls.text(i) == "V3" || ls.text(i) == "V4" ? 1 : 0;
  }
  return c;
}

/// The periods of care of a loaded SSDA903's episodes table.
inline PeriodsOfCare periods_of_care(const Table& episodes) {
  const EpisodeColumns c = episode_columns(episodes);
  return periods_of_care(c.child, c.decom, c.dec, c.starts_care, c.short_break);
}

/// The looked-after review events of a loaded SSDA903 (its episodes and reviews tables); the case
/// is the child's code in the tables' shared id dictionary.
inline EventTable review_events(const RuleCatalogue& rules, const Dataset& data) {
  const Table& episodes = data.table("episodes");
  const Table& reviews = data.table("reviews");
  const EpisodeColumns c = episode_columns(episodes);
  const PeriodsOfCare periods = periods_of_care(c.child, c.decom, c.dec, c.starts_care, c.short_break);
  const std::vector<std::int64_t> child(reviews.column("CHILD").codes.begin(), reviews.column("CHILD").codes.end());
  return review_events(rules, periods, child, reviews.column("REVIEW").numbers, c.child, c.short_break);
}

}  // namespace ssda903

namespace cin_census {

/// Assessments against their referrals (rule assessment.complete): for each assessment, a
/// `referral` event at its CINdetails' CINreferralDate (source "cin_details") and, once authorised,
/// `assessment.authorised` (source "assessments"). The case is the assessment's id: every
/// assessment is judged against the referral it follows.
inline EventTable assessment_events(const RuleCatalogue& rules, std::span<const std::int64_t> details_id,
                                    std::span<const std::int64_t> referral_date,
                                    std::span<const std::int64_t> assessment_details_id,
                                    std::span<const std::int64_t> assessment_id,
                                    std::span<const std::int64_t> authorised) {
  returns::detail::same_length(details_id, referral_date, "cin_details");
  returns::detail::same_length(assessment_details_id, assessment_id, "assessments");
  returns::detail::same_length(assessment_details_id, authorised, "assessments");
  EventTable out;
  const auto details = out.add_source("cin_details");
  const auto assessments = out.add_source("assessments");
  const std::int32_t referral = returns::detail::event_code(rules, "referral"),
                     done = returns::detail::event_code(rules, "assessment.authorised");
  std::int64_t top = 0;
  for (auto id : details_id) top = std::max(top, id);
  std::vector<std::int64_t> row_of(static_cast<std::size_t>(top + 1), -1);
  for (std::size_t i = 0; i < details_id.size(); ++i)
    if (details_id[i] >= 0) row_of[static_cast<std::size_t>(details_id[i])] = static_cast<std::int64_t>(i);
  for (std::size_t i = 0; i < assessment_id.size(); ++i) {
    const std::int64_t d = assessment_details_id[i];
    const std::int64_t r = d >= 0 && d <= top ? row_of[static_cast<std::size_t>(d)] : -1;
    if (r < 0) {
      out.leave_out(assessments, i, LeftOut::no_referral);
      continue;
    }
    out.add(assessment_id[i], referral, referral_date[static_cast<std::size_t>(r)], details, static_cast<std::size_t>(r));
    if (authorised[i] != nat) out.add(assessment_id[i], done, authorised[i], assessments, i);
  }
  return out;
}

/// Section 47 enquiries and initial conferences (rule icpc.held, whose clock runs from the last
/// strategy discussion before the conference): per section 47 row, `strategy_discussion` at
/// S47ActualStartDate and `icpc` at its DateOfInitialCPC (source "section47"); the case is the
/// CINdetails id, so the enquiries of one referral are taken together. Left out: enquiries with
/// ICPCnotRequired true (`not_required`), and a conference date an earlier enquiry of the same
/// referral already gave (`same_conference`; its strategy discussion still counts).
inline EventTable icpc_events(const RuleCatalogue& rules, std::span<const std::int64_t> details_id,
                              std::span<const std::int64_t> s47_start, std::span<const std::int64_t> icpc_date,
                              std::span<const std::int8_t> not_required) {
  returns::detail::same_length(details_id, s47_start, "section47");
  returns::detail::same_length(details_id, icpc_date, "section47");
  returns::detail::same_length(details_id, not_required, "section47");
  EventTable out;
  const auto s47 = out.add_source("section47");
  const std::int32_t discussion = returns::detail::event_code(rules, "strategy_discussion"), icpc = returns::detail::event_code(rules, "icpc");
  const auto order = returns::detail::order_by(details_id, s47_start);
  std::int64_t previous_case = -1;
  std::vector<std::int64_t> conferences;  // the current case's conference dates so far
  for (const std::size_t i : order) {
    if (details_id[i] != previous_case) previous_case = details_id[i], conferences.clear();
    if (not_required[i] == 1) {
      out.leave_out(s47, i, LeftOut::not_required);
      continue;
    }
    out.add(details_id[i], discussion, s47_start[i], s47, i);
    if (icpc_date[i] == nat) continue;
    if (std::find(conferences.begin(), conferences.end(), icpc_date[i]) != conferences.end()) {
      out.leave_out(s47, i, LeftOut::same_conference);
      continue;
    }
    conferences.push_back(icpc_date[i]);
    out.add(details_id[i], icpc, icpc_date[i], s47, i);
  }
  return out;
}

/// Child protection review conferences (rules rcpc.first -> rcpc.subsequent): `cp_plan.start` at
/// CPPstartDate and `cp_plan.end` at CPPendDate (source "cp_plans"), `cp_review` at each
/// CPPreviewDate (source "cp_reviews"); the case is the plan's id.
inline EventTable review_conference_events(const RuleCatalogue& rules, std::span<const std::int64_t> plan_id,
                                           std::span<const std::int64_t> plan_start,
                                           std::span<const std::int64_t> plan_end,
                                           std::span<const std::int64_t> review_plan_id,
                                           std::span<const std::int64_t> review_date) {
  returns::detail::same_length(plan_id, plan_start, "cp_plans");
  returns::detail::same_length(plan_id, plan_end, "cp_plans");
  returns::detail::same_length(review_plan_id, review_date, "cp_reviews");
  EventTable out;
  const auto plans = out.add_source("cp_plans");
  const auto reviews = out.add_source("cp_reviews");
  const std::int32_t start = returns::detail::event_code(rules, "cp_plan.start"), end = returns::detail::event_code(rules, "cp_plan.end"),
                     review = returns::detail::event_code(rules, "cp_review");
  std::int64_t top = 0;
  for (auto id : plan_id) top = std::max(top, id);
  std::vector<std::uint8_t> known(static_cast<std::size_t>(top + 1), 0);
  for (std::size_t i = 0; i < plan_id.size(); ++i) {
    known[static_cast<std::size_t>(plan_id[i])] = 1;
    out.add(plan_id[i], start, plan_start[i], plans, i);
    if (plan_end[i] != nat) out.add(plan_id[i], end, plan_end[i], plans, i);
  }
  for (std::size_t i = 0; i < review_plan_id.size(); ++i) {
    const std::int64_t p = review_plan_id[i];
    if (p < 0 || p > top || !known[static_cast<std::size_t>(p)]) {
      out.leave_out(reviews, i, LeftOut::no_plan);
      continue;
    }
    out.add(p, review, review_date[i], reviews, i);
  }
  return out;
}

/// The three measures' events from a loaded CIN census.
inline EventTable assessment_events(const RuleCatalogue& rules, const Dataset& data) {
  const Table& details = data.table("cin_details");
  const Table& assessments = data.table("assessments");
  return assessment_events(rules, details.column("cin_details_id").numbers, details.column("CINreferralDate").numbers,
                           assessments.column("cin_details_id").numbers, assessments.column("assessment_id").numbers,
                           assessments.column("AssessmentAuthorisationDate").numbers);
}

inline EventTable icpc_events(const RuleCatalogue& rules, const Dataset& data) {
  const Table& s47 = data.table("section47");
  return icpc_events(rules, s47.column("cin_details_id").numbers, s47.column("S47ActualStartDate").numbers,
                     s47.column("DateOfInitialCPC").numbers, s47.column("ICPCnotRequired").flags);
}

inline EventTable review_conference_events(const RuleCatalogue& rules, const Dataset& data) {
  const Table& plans = data.table("cp_plans");
  const Table& reviews = data.table("cp_reviews");
  return review_conference_events(rules, plans.column("cp_plan_id").numbers, plans.column("CPPstartDate").numbers,
                                  plans.column("CPPendDate").numbers, reviews.column("cp_plan_id").numbers,
                                  reviews.column("CPPreviewDate").numbers);
}

}  // namespace cin_census

}  // namespace safeguarding::inline v0::returns
