// The CIN census's events for the timeliness engine, and its timeliness measures.
#include <algorithm>
#include <utility>

#include "../columns.hpp"
#include "safeguarding/returns/cin_census/measures.hpp"

namespace safeguarding::inline v0::returns::cin_census {

SAFEGUARDING_FUNC EventTable assessment_events(const RuleCatalogue& rules, std::span<const std::int64_t> details_id,
                                               std::span<const std::int64_t> referral_date,
                                               std::span<const std::int64_t> assessment_details_id,
                                               std::span<const std::int64_t> assessment_id,
                                               std::span<const std::int64_t> authorised,
                                               std::span<const std::int64_t> closure_date,
                                               std::span<const std::int8_t> nfa) {
  support::require_same_size(details_id.size(), referral_date.size(), "cin_details");
  if (!closure_date.empty()) support::require_same_size(details_id.size(), closure_date.size(), "cin_details");
  if (!nfa.empty()) support::require_same_size(details_id.size(), nfa.size(), "cin_details");
  support::require_same_size(assessment_details_id.size(), assessment_id.size(), "assessments");
  support::require_same_size(assessment_details_id.size(), authorised.size(), "assessments");
  EventTable out;
  const auto details = out.add_source("cin_details");
  const auto assessments = out.add_source("assessments");
  out.reserve(2 * assessment_id.size());
  const std::int32_t referral = rules.event("referral"), done = rules.event("assessment.authorised"),
                     closed = rules.event("referral.closed"), no_further_action = rules.event("referral.nfa");
  const returns::detail::RowsById details_row(details_id);
  for (std::size_t i = 0; i < assessment_id.size(); ++i) {
    const std::int64_t r = details_row(assessment_details_id[i]);
    if (r < 0) {
      out.leave_out(assessments, i, LeftOut::no_referral);
      continue;
    }
    const auto row = static_cast<std::size_t>(r);
    out.add(assessment_id[i], referral, referral_date[row], details, row);
    if (authorised[i] != nat) {
      out.add(assessment_id[i], done, authorised[i], assessments, i);
      continue;
    }
    // Never authorised: the case's closure ends the clock (ended before the due date, missed
    // after it); a referral with no further action and no closure date ends it at the referral.
    if (!closure_date.empty() && closure_date[row] != nat)
      out.add(assessment_id[i], closed, closure_date[row], details, row);
    else if (!nfa.empty() && nfa[row] == 1)
      out.add(assessment_id[i], no_further_action, referral_date[row], details, row);
  }
  return out;
}

namespace detail {

/// Leaves out (`no_enquiry`, source `details`) each CINdetails row whose DateOfInitialCPC no section
/// 47 row of the same referral gives: a conference held with no enquiry start to judge it from.
SAFEGUARDING_FUNC void leave_out_conferences_without_enquiry(EventTable& out, std::int8_t details,
                                                             std::span<const std::int64_t> details_id,
                                                             std::span<const std::int64_t> icpc_date,
                                                             std::span<const std::int64_t> case_details_id,
                                                             std::span<const std::int64_t> case_icpc_date) {
  if (case_icpc_date.empty()) return;
  std::vector<std::pair<std::int64_t, std::int64_t>> given;  // (referral, conference date) of the enquiries
  for (std::size_t i = 0; i < details_id.size(); ++i)
    if (icpc_date[i] != nat) given.emplace_back(details_id[i], icpc_date[i]);
  std::sort(given.begin(), given.end());
  for (std::size_t r = 0; r < case_details_id.size(); ++r) {
    if (case_icpc_date[r] == nat) continue;
    if (!std::binary_search(given.begin(), given.end(), std::pair{case_details_id[r], case_icpc_date[r]}))
      out.leave_out(details, r, LeftOut::no_enquiry);
  }
}

}  // namespace detail

SAFEGUARDING_FUNC EventTable icpc_events(const RuleCatalogue& rules, std::span<const std::int64_t> details_id,
                                         std::span<const std::int64_t> s47_start,
                                         std::span<const std::int64_t> icpc_date,
                                         std::span<const std::int8_t> not_required,
                                         std::span<const std::int64_t> case_details_id,
                                         std::span<const std::int64_t> case_closure_date,
                                         std::span<const std::int64_t> case_icpc_date) {
  support::require_same_size(details_id.size(), s47_start.size(), "section47");
  support::require_same_size(details_id.size(), icpc_date.size(), "section47");
  support::require_same_size(details_id.size(), not_required.size(), "section47");
  support::require_same_size(case_details_id.size(), case_closure_date.size(), "cin_details");
  if (!case_icpc_date.empty()) support::require_same_size(case_details_id.size(), case_icpc_date.size(), "cin_details");
  EventTable out;
  const auto s47 = out.add_source("section47");
  const auto details = out.add_source("cin_details");
  out.reserve(2 * details_id.size());
  const std::int32_t discussion = rules.event("strategy_discussion"), icpc = rules.event("icpc"),
                     closed = rules.event("referral.closed");
  const returns::detail::RowsById details_row(case_details_id);
  const auto order = returns::detail::order_by(details_id, s47_start);
  std::int64_t previous_case = -1;
  std::vector<std::int64_t> conferences;  // the current case's conference dates so far
  bool awaiting = false;                  // the current case has an enquiry with no conference date
  auto close_case = [&] {
    // A case whose enquiry has no conference: its closure ends the clock (ended or missed).
    const std::int64_t r = details_row(previous_case);
    if (awaiting && r >= 0 && case_closure_date[static_cast<std::size_t>(r)] != nat)
      out.add(previous_case, closed, case_closure_date[static_cast<std::size_t>(r)], details,
              static_cast<std::size_t>(r));
  };
  for (const std::size_t i : order) {
    if (details_id[i] != previous_case) {
      close_case();
      previous_case = details_id[i], conferences.clear(), awaiting = false;
    }
    if (not_required[i] == 1) {
      out.leave_out(s47, i, LeftOut::not_required);
      continue;
    }
    out.add(details_id[i], discussion, s47_start[i], s47, i);
    if (icpc_date[i] == nat) {
      awaiting = true;
      continue;
    }
    if (std::find(conferences.begin(), conferences.end(), icpc_date[i]) != conferences.end()) {
      out.leave_out(s47, i, LeftOut::same_conference);
      continue;
    }
    conferences.push_back(icpc_date[i]);
    out.add(details_id[i], icpc, icpc_date[i], s47, i);
  }
  close_case();
  detail::leave_out_conferences_without_enquiry(out, details, details_id, icpc_date, case_details_id, case_icpc_date);
  return out;
}

SAFEGUARDING_FUNC EventTable review_conference_events(const RuleCatalogue& rules, std::span<const std::int64_t> plan_id,
                                                      std::span<const std::int64_t> plan_start,
                                                      std::span<const std::int64_t> plan_end,
                                                      std::span<const std::int64_t> review_plan_id,
                                                      std::span<const std::int64_t> review_date) {
  support::require_same_size(plan_id.size(), plan_start.size(), "cp_plans");
  support::require_same_size(plan_id.size(), plan_end.size(), "cp_plans");
  support::require_same_size(review_plan_id.size(), review_date.size(), "cp_reviews");
  EventTable out;
  const auto plans = out.add_source("cp_plans");
  const auto reviews = out.add_source("cp_reviews");
  out.reserve(2 * plan_id.size() + review_plan_id.size());
  const std::int32_t start = rules.event("cp_plan.start"), end = rules.event("cp_plan.end"),
                     review = rules.event("cp_review");
  for (std::size_t i = 0; i < plan_id.size(); ++i) {
    out.add(plan_id[i], start, plan_start[i], plans, i);
    if (plan_end[i] != nat) out.add(plan_id[i], end, plan_end[i], plans, i);
  }
  const returns::detail::RowsById plan_row(plan_id);
  for (std::size_t i = 0; i < review_plan_id.size(); ++i) {
    const std::int64_t p = review_plan_id[i];
    if (plan_row(p) < 0) {
      out.leave_out(reviews, i, LeftOut::no_plan);
      continue;
    }
    out.add(p, review, review_date[i], reviews, i);
  }
  return out;
}

SAFEGUARDING_FUNC EventTable assessment_events(const RuleCatalogue& rules, const Dataset& data) {
  const Table& details = data.table("cin_details");
  const Table& assessments = data.table("assessments");
  return assessment_events(rules, details.column("cin_details_id").numbers, details.column("CINreferralDate").numbers,
                           assessments.column("cin_details_id").numbers, assessments.column("assessment_id").numbers,
                           assessments.column("AssessmentAuthorisationDate").numbers,
                           details.column("CINclosureDate").numbers, details.column("ReferralNFA").flags);
}

SAFEGUARDING_FUNC EventTable icpc_events(const RuleCatalogue& rules, const Dataset& data) {
  const Table& s47 = data.table("section47");
  const Table& details = data.table("cin_details");
  return icpc_events(rules, s47.column("cin_details_id").numbers, s47.column("S47ActualStartDate").numbers,
                     s47.column("DateOfInitialCPC").numbers, s47.column("ICPCnotRequired").flags,
                     details.column("cin_details_id").numbers, details.column("CINclosureDate").numbers,
                     details.column("DateOfInitialCPC").numbers);
}

SAFEGUARDING_FUNC EventTable review_conference_events(const RuleCatalogue& rules, const Dataset& data) {
  const Table& plans = data.table("cp_plans");
  const Table& reviews = data.table("cp_reviews");
  return review_conference_events(rules, plans.column("cp_plan_id").numbers, plans.column("CPPstartDate").numbers,
                                  plans.column("CPPendDate").numbers, reviews.column("cp_plan_id").numbers,
                                  reviews.column("CPPreviewDate").numbers);
}

namespace detail {

/// A timeliness measure of the census: `events` built from its tables and run through the engine;
/// the things done are the dates `held` (rows of `held_table`, and any the events left out as held
/// but not judgeable). The case is an id of the census.
SAFEGUARDING_FUNC TimelinessMeasure measure(const CinCensus& census, EventTable events, std::string name,
                                            std::string rule, std::string_view held_table,
                                            std::vector<std::int64_t> held, ReportingYear year,
                                            const RuleCatalogue& catalogue, const Calendar& calendar) {
  // A year the census does not cover: a figure flagged as not computable, nothing counted as held.
  // The year it covers always has a figure: the census supplies every table (an XML return has no
  // empty table), so one with no rows held nothing (0 of 0) and what fell due is overdue.
  std::string uncovered = not_covered(coverage(census), year);
  if (!uncovered.empty()) held.clear();
  TimelinessSpec spec{std::move(name), std::move(rule),           "LAchildID",         false,
                      std::move(held), {std::string(held_table)}, std::move(uncovered)};
  return measure_timeliness(census.data, std::move(events), std::move(spec), year, catalogue, calendar);
}

}  // namespace detail

SAFEGUARDING_FUNC TimelinessMeasure assessment_timeliness(const CinCensus& census, ReportingYear year,
                                                          const RuleCatalogue& catalogue, const Calendar& calendar) {
  return detail::measure(
      census, assessment_events(catalogue, census.data), "assessments authorised", "assessment.complete", "assessments",
      census.data.table("assessments").column("AssessmentAuthorisationDate").numbers, year, catalogue, calendar);
}

SAFEGUARDING_FUNC TimelinessMeasure initial_conference_timeliness(const CinCensus& census, ReportingYear year,
                                                                  const RuleCatalogue& catalogue,
                                                                  const Calendar& calendar) {
  EventTable events = icpc_events(catalogue, census.data);
  // Held: every enquiry's conference date, and each conference recorded only on its referral
  // (left out as no_enquiry: held, but with nothing to judge it from).
  std::vector<std::int64_t> held = census.data.table("section47").column("DateOfInitialCPC").numbers;
  const auto& referral_conference = census.data.table("cin_details").column("DateOfInitialCPC").numbers;
  for (std::size_t k = 0; k < events.left_row.size(); ++k)
    if (events.left_reason[k] == static_cast<std::uint8_t>(LeftOut::no_enquiry))
      held.push_back(referral_conference[static_cast<std::size_t>(events.left_row[k])]);
  return detail::measure(census, std::move(events), "initial conferences", "icpc.held", "section47", std::move(held),
                         year, catalogue, calendar);
}

SAFEGUARDING_FUNC TimelinessMeasure review_conference_timeliness(const CinCensus& census, ReportingYear year,
                                                                 const RuleCatalogue& catalogue,
                                                                 const Calendar& calendar) {
  return detail::measure(census, review_conference_events(catalogue, census.data),
                         "child protection review conferences", "rcpc.first", "cp_reviews",
                         census.data.table("cp_reviews").column("CPPreviewDate").numbers, year, catalogue, calendar);
}

}  // namespace safeguarding::inline v0::returns::cin_census
