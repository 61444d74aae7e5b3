// The CIN census's measures, each a function over a loaded census (see docs/returns.md):
//  * the timeliness measures through the engine: assessments within 45 working days of the
//    referral (assessment.complete), initial conferences within 15 working days of the strategy
//    discussion that initiated the enquiry (icpc.held), review conferences (rcpc.first ->
//    rcpc.subsequent); a case's closure ends the clocks of what it never did;
//  * the counting measures of DfE's "Characteristics of children in need": referrals with their
//    re-referral and no-further-action flags, re-referrals, NFA referrals, plans lasting two years
//    or more, second or later plans.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/config.hpp"
#include "safeguarding/returns/cin_census/load.hpp"
#include "safeguarding/returns/counting.hpp"
#include "safeguarding/returns/events.hpp"
#include "safeguarding/returns/reporting_year.hpp"
#include "safeguarding/returns/timeliness_measure.hpp"
#include "safeguarding/rules.hpp"

namespace safeguarding::inline v0::returns::cin_census {

/// The reporting year the census covers: its collection year, the header's Year (2024: 1 April
/// 2023 to 31 March 2024), else the year of its ReferenceDate; none when the header gives neither
/// (its dates reach back years before its own, so they cannot say which). A counting measure asked
/// for another year is an Error (require_covered); a timeliness measure's figure is flagged as not
/// computable (not_covered).
Coverage coverage(const CinCensus& census);

/// Assessments against their referrals (rule assessment.complete): for each assessment, a
/// `referral` event at its CINdetails' CINreferralDate (source "cin_details") and, once authorised,
/// `assessment.authorised` (source "assessments"). An assessment never authorised ends with its
/// case: `referral.closed` at the CINdetails' CINclosureDate or, with no closure date and
/// ReferralNFA true, `referral.nfa` at the referral (source "cin_details"): ended when the case
/// closed before the assessment was due, missed when after (the closure's reason does not change
/// that). The case is the assessment's id: every assessment is judged against the referral it
/// follows. `closure_date` and `nfa` (per CINdetails) may be empty: then no clock ends.
EventTable assessment_events(const RuleCatalogue& rules, std::span<const std::int64_t> details_id,
                             std::span<const std::int64_t> referral_date,
                             std::span<const std::int64_t> assessment_details_id,
                             std::span<const std::int64_t> assessment_id, std::span<const std::int64_t> authorised,
                             std::span<const std::int64_t> closure_date = {}, std::span<const std::int8_t> nfa = {});
EventTable assessment_events(const RuleCatalogue& rules, const Dataset& data);

/// Section 47 enquiries and initial conferences (rule icpc.held, whose clock runs from the
/// strategy discussion that initiated the enquiry: the first while no conference has followed):
/// per section 47 row, `strategy_discussion` at S47ActualStartDate and `icpc` at its
/// DateOfInitialCPC (source "section47"); the case is the CINdetails id, so the enquiries of one
/// referral are taken together. A case with an enquiry that has no conference date ends with its
/// CINclosureDate (`referral.closed`, source "cin_details", given the CINdetails' ids and closure
/// dates): ended or missed, not overdue for ever. Left out: enquiries with ICPCnotRequired true
/// (`not_required`: the return gives no date the enquiry concluded), and a conference date an
/// earlier enquiry of the same referral already gave (`same_conference`; its strategy discussion
/// still counts). A conference recorded on the referral (CINdetails' DateOfInitialCPC, given as
/// `case_icpc_date`) that no section 47 enquiry of the referral gives is left out too, as a
/// CINdetails row (`no_enquiry`): there is no enquiry start to count the working days from, so
/// it is held but cannot be judged.
EventTable icpc_events(const RuleCatalogue& rules, std::span<const std::int64_t> details_id,
                       std::span<const std::int64_t> s47_start, std::span<const std::int64_t> icpc_date,
                       std::span<const std::int8_t> not_required, std::span<const std::int64_t> case_details_id = {},
                       std::span<const std::int64_t> case_closure_date = {},
                       std::span<const std::int64_t> case_icpc_date = {});
EventTable icpc_events(const RuleCatalogue& rules, const Dataset& data);

/// Child protection review conferences (rules rcpc.first -> rcpc.subsequent): `cp_plan.start` at
/// CPPstartDate and `cp_plan.end` at CPPendDate (source "cp_plans"), `cp_review` at each
/// CPPreviewDate (source "cp_reviews"); the case is the plan's id.
EventTable review_conference_events(const RuleCatalogue& rules, std::span<const std::int64_t> plan_id,
                                    std::span<const std::int64_t> plan_start, std::span<const std::int64_t> plan_end,
                                    std::span<const std::int64_t> review_plan_id,
                                    std::span<const std::int64_t> review_date);
EventTable review_conference_events(const RuleCatalogue& rules, const Dataset& data);

/// Assessments authorised in the year within 45 working days of the referral; those still not
/// authorised 45 working days after their referral at 31 March are overdue, those whose case
/// closed without it after the due date missed, before it ended (neither).
TimelinessMeasure assessment_timeliness(const CinCensus& census, ReportingYear year, const RuleCatalogue& catalogue,
                                        const Calendar& calendar);
/// Initial conferences held in the year within 15 working days of the strategy discussion that
/// initiated the enquiry; missed when the case closed after the due date without one.
TimelinessMeasure initial_conference_timeliness(const CinCensus& census, ReportingYear year,
                                                const RuleCatalogue& catalogue, const Calendar& calendar);
/// Review conferences held in the year in timescale (3 months after the plan started, then 6
/// months after the previous review); missed when the plan ended after the due date without one.
TimelinessMeasure review_conference_timeliness(const CinCensus& census, ReportingYear year,
                                               const RuleCatalogue& catalogue, const Calendar& calendar);

/// The referrals (CINdetails) whose CINreferralDate is in the year: measure cin.referrals. A
/// re-referral comes within 12 months of the same child's previous referral in the census (see
/// previous_referrals); `nfa` is the ReferralNFA flag (a blank flag counts as false).
struct Referrals {
  std::string measure;
  ReportingYear year;
  std::vector<std::int64_t> rows;  // positions in the cin_details table, in its order
  std::vector<std::uint8_t> re_referral;
  std::vector<std::uint8_t> nfa;

  [[nodiscard]] std::size_t size() const noexcept { return rows.size(); }
};
Referrals referrals(const CinCensus& census, ReportingYear year);
/// Referrals in the year that came within 12 months of the same child's previous referral, of all
/// referrals in the year.
Proportion re_referrals(const CinCensus& census, ReportingYear year);
/// Referrals in the year that led to no further action, of all referrals in the year.
Proportion nfa_referrals(const CinCensus& census, ReportingYear year);
/// Plans that ended in the year having lasted two years or more (the end on or after the start's
/// date two years later, clamped to the month's end), of all plans that ended in the year.
Proportion plans_lasting_two_years_or_more(const CinCensus& census, ReportingYear year);
/// Plans that started in the year for a child who had been the subject of a plan before
/// (NumberOfPreviousCPP of 1 or more, or an earlier CPPstartDate for the same child in the census),
/// of all plans that started in the year.
Proportion second_or_later_plans(const CinCensus& census, ReportingYear year);

}  // namespace safeguarding::inline v0::returns::cin_census

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/cin_census/counting.cpp"
#include "src/returns/cin_census/events.cpp"
#endif
