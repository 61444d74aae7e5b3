// The CIN census's tables: one per repeated element, linked by the child's LAchildID and by the ids
// the reader gives each CINdetails, assessment and child protection plan (1, 2, … in file order),
// with the code lists the reader checks (DfE CIN census guidance; see docs/returns.md).
#pragma once

#include <string_view>

#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::returns::cin_census {

inline constexpr std::string_view referral_source_codes[] = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B",
                                                             "3C", "3D", "3E", "3F", "4",  "5A", "5B", "5C",
                                                             "5D", "6",  "7",  "8",  "9",  "10"};
inline constexpr std::string_view primary_need_codes[] = {"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"};
inline constexpr std::string_view closure_codes[] = {"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"};
inline constexpr std::string_view abuse_codes[] = {"NEG", "PHY", "SAB", "EMO", "MUL"};
inline constexpr std::string_view gender_codes[] = {"0", "1", "2", "9"};
inline constexpr std::string_view sex_codes[] = {"M", "F", "U"};

inline constexpr ColumnSpec children_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                  {"UPN", ColumnType::id},
                                                  {"FormerUPN", ColumnType::id},
                                                  {"UPNunknown", ColumnType::code},
                                                  {"PersonBirthDate", ColumnType::date},
                                                  {"ExpectedPersonBirthDate", ColumnType::date},
                                                  {"GenderCurrent", ColumnType::code, gender_codes},
                                                  {"Sex", ColumnType::code, sex_codes},
                                                  {"PersonDeathDate", ColumnType::date},
                                                  {"Ethnicity", ColumnType::code}};
inline constexpr ColumnSpec disabilities_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                      {"Disability", ColumnType::code, {}, true}};
inline constexpr ColumnSpec cin_details_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                     {"cin_details_id", ColumnType::integer, {}, true},
                                                     {"CINreferralDate", ColumnType::date, {}, true},
                                                     {"ReferralSource", ColumnType::code, referral_source_codes},
                                                     {"PrimaryNeedCode", ColumnType::code, primary_need_codes},
                                                     {"CINclosureDate", ColumnType::date},
                                                     {"ReasonForClosure", ColumnType::code, closure_codes},
                                                     {"DateOfInitialCPC", ColumnType::date},
                                                     {"ReferralNFA", ColumnType::flag}};
inline constexpr ColumnSpec assessments_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                     {"cin_details_id", ColumnType::integer, {}, true},
                                                     {"assessment_id", ColumnType::integer, {}, true},
                                                     {"AssessmentActualStartDate", ColumnType::date, {}, true},
                                                     {"AssessmentInternalReviewDate", ColumnType::date},
                                                     {"AssessmentAuthorisationDate", ColumnType::date}};
inline constexpr ColumnSpec assessment_factors_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                            {"assessment_id", ColumnType::integer, {}, true},
                                                            {"AssessmentFactors", ColumnType::code, {}, true}};
inline constexpr ColumnSpec cin_plans_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                   {"cin_details_id", ColumnType::integer, {}, true},
                                                   {"CINPlanStartDate", ColumnType::date, {}, true},
                                                   {"CINPlanEndDate", ColumnType::date}};
inline constexpr ColumnSpec section47_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                   {"cin_details_id", ColumnType::integer, {}, true},
                                                   {"S47ActualStartDate", ColumnType::date, {}, true},
                                                   {"InitialCPCtarget", ColumnType::date},
                                                   {"DateOfInitialCPC", ColumnType::date},
                                                   {"ICPCnotRequired", ColumnType::flag}};
inline constexpr ColumnSpec cp_plans_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                  {"cin_details_id", ColumnType::integer, {}, true},
                                                  {"cp_plan_id", ColumnType::integer, {}, true},
                                                  {"CPPstartDate", ColumnType::date, {}, true},
                                                  {"CPPendDate", ColumnType::date},
                                                  {"InitialCategoryOfAbuse", ColumnType::code, abuse_codes},
                                                  {"LatestCategoryOfAbuse", ColumnType::code, abuse_codes},
                                                  {"NumberOfPreviousCPP", ColumnType::integer}};
inline constexpr ColumnSpec cp_reviews_columns[] = {{"LAchildID", ColumnType::id, {}, true},
                                                    {"cp_plan_id", ColumnType::integer, {}, true},
                                                    {"CPPreviewDate", ColumnType::date, {}, true}};
inline constexpr ColumnSpec pre_proceedings_columns[] = {
    {"LAchildID", ColumnType::id, {}, true},    {"cin_details_id", ColumnType::integer, {}, true},
    {"PPStartDate", ColumnType::date},          {"LBPSentDate", ColumnType::date},
    {"FGDMMeetingOffer", ColumnType::flag},     {"FGDMMeetingFac", ColumnType::flag},
    {"InitialPPMeetingDate", ColumnType::date}, {"ReviewMeetingsCount", ColumnType::integer},
    {"StepDecisionDate", ColumnType::date},     {"PPOutcome", ColumnType::code},
    {"CourtAppDate", ColumnType::date},         {"LetterInitCPDate", ColumnType::date}};

inline constexpr TableSpec tables[] = {
    {"children", children_columns},
    {"disabilities", disabilities_columns},
    {"cin_details", cin_details_columns},
    {"assessments", assessments_columns},
    {"assessment_factors", assessment_factors_columns},
    {"cin_plans", cin_plans_columns},
    {"section47", section47_columns},
    {"cp_plans", cp_plans_columns},
    {"cp_reviews", cp_reviews_columns},
    {"pre_proceedings", pre_proceedings_columns},
};

}  // namespace safeguarding::inline v0::returns::cin_census
