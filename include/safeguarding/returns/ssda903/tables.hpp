// The SSDA903 return's tables as DfE's specification defines them: the columns of each table, its
// key columns, and the code lists the readers check (DfE SSDA903 guidance; see docs/returns.md).
// Columns without a list here are normalised but not checked.
#pragma once

#include <string_view>

#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

inline constexpr std::string_view sex_codes[] = {"1", "2"};
inline constexpr std::string_view rne_codes[] = {"S", "L", "P", "T", "U", "B"};
inline constexpr std::string_view ls_codes[] = {"C1", "C2", "D1", "E1", "V2", "V3", "V4",
                                                "J1", "J2", "J3", "L1", "L2", "L3"};
inline constexpr std::string_view cin_codes[] = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};
inline constexpr std::string_view provider_codes[] = {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"};
inline constexpr std::string_view rec_codes[] = {"X1",  "E11", "E12", "E2",  "E3",  "E4A", "E4B", "E13",
                                                 "E41", "E45", "E46", "E47", "E48", "E5",  "E6",  "E7",
                                                 "E8",  "E9",  "E14", "E15", "E16", "E17", "E43", "E44"};
inline constexpr std::string_view review_codes[] = {"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};
inline constexpr std::string_view missing_codes[] = {"M", "A"};
inline constexpr std::string_view placed_ceased_codes[] = {"E11", "E12", "RD1", "RD2", "RD3", "RD4"};

inline constexpr ColumnSpec header_columns[] = {{"CHILD", ColumnType::id, {}, true},
                                                {"SEX", ColumnType::code, sex_codes},
                                                {"DOB", ColumnType::date},
                                                {"ETHNIC", ColumnType::code},
                                                {"UPN", ColumnType::id},
                                                {"MOTHER", ColumnType::flag},
                                                {"MC_DOB", ColumnType::date}};
inline constexpr ColumnSpec episodes_columns[] = {{"CHILD", ColumnType::id, {}, true},
                                                  {"DECOM", ColumnType::date, {}, true},
                                                  {"RNE", ColumnType::code, rne_codes},
                                                  {"LS", ColumnType::code, ls_codes},
                                                  {"CIN", ColumnType::code, cin_codes},
                                                  {"PLACE", ColumnType::code},
                                                  {"PLACE_PROVIDER", ColumnType::code, provider_codes},
                                                  {"DEC", ColumnType::date},
                                                  {"REC", ColumnType::code, rec_codes},
                                                  {"REASON_PLACE_CHANGE", ColumnType::code},
                                                  {"HOME_POST", ColumnType::text},
                                                  {"PL_POST", ColumnType::text},
                                                  {"URN", ColumnType::text}};
inline constexpr ColumnSpec reviews_columns[] = {{"CHILD", ColumnType::id, {}, true},
                                                 {"DOB", ColumnType::date},
                                                 {"REVIEW", ColumnType::date, {}, true},
                                                 {"REVIEW_CODE", ColumnType::code, review_codes}};
inline constexpr ColumnSpec uasc_columns[] = {{"CHILD", ColumnType::id, {}, true},
                                              {"SEX", ColumnType::code, sex_codes},
                                              {"DOB", ColumnType::date},
                                              {"DUC", ColumnType::date}};
inline constexpr ColumnSpec oc2_columns[] = {{"CHILD", ColumnType::id, {}, true},
                                             {"DOB", ColumnType::date},
                                             {"SDQ_SCORE", ColumnType::integer},
                                             {"SDQ_REASON", ColumnType::code},
                                             {"CONVICTED", ColumnType::flag},
                                             {"HEALTH_CHECK", ColumnType::flag},
                                             {"IMMUNISATIONS", ColumnType::flag},
                                             {"TEETH_CHECK", ColumnType::flag},
                                             {"HEALTH_ASSESSMENT", ColumnType::flag},
                                             {"SUBSTANCE_MISUSE", ColumnType::flag},
                                             {"INTERVENTION_RECEIVED", ColumnType::flag},
                                             {"INTERVENTION_OFFERED", ColumnType::flag}};
inline constexpr ColumnSpec oc3_columns[] = {{"CHILD", ColumnType::id, {}, true},
                                             {"DOB", ColumnType::date},
                                             {"IN_TOUCH", ColumnType::code},
                                             {"ACTIV", ColumnType::code},
                                             {"ACCOM", ColumnType::code}};
inline constexpr ColumnSpec ad1_columns[] = {{"CHILD", ColumnType::id, {}, true}, {"DOB", ColumnType::date},
                                             {"DATE_INT", ColumnType::date},      {"DATE_MATCH", ColumnType::date},
                                             {"FOSTER_CARE", ColumnType::flag},   {"NB_ADOPTR", ColumnType::integer},
                                             {"SEX_ADOPTR", ColumnType::code},    {"LS_ADOPTR", ColumnType::code}};
inline constexpr ColumnSpec placed_for_adoption_columns[] = {
    {"CHILD", ColumnType::id, {}, true},
    {"DOB", ColumnType::date},
    {"DATE_PLACED", ColumnType::date, {}, true},
    {"DATE_PLACED_CEASED", ColumnType::date},
    {"REASON_PLACED_CEASED", ColumnType::code, placed_ceased_codes}};
// DATE_PERM may be recorded with unknown parts ("zz/zz/2015"), so it is kept as text.
inline constexpr ColumnSpec previous_permanence_columns[] = {{"CHILD", ColumnType::id, {}, true},
                                                             {"DOB", ColumnType::date},
                                                             {"PREV_PERM", ColumnType::code},
                                                             {"LA_PERM", ColumnType::code},
                                                             {"DATE_PERM", ColumnType::text}};
inline constexpr ColumnSpec missing_columns[] = {{"CHILD", ColumnType::id, {}, true},
                                                 {"DOB", ColumnType::date},
                                                 {"MISSING", ColumnType::code, missing_codes},
                                                 {"MIS_START", ColumnType::date, {}, true},
                                                 {"MIS_END", ColumnType::date}};
inline constexpr ColumnSpec sw_episodes_columns[] = {
    {"CHILD", ColumnType::id, {}, true},      {"DOB", ColumnType::date},    {"SW_ID", ColumnType::id},
    {"SW_DECOM", ColumnType::date, {}, true}, {"SW_DEC", ColumnType::date}, {"SW_REASON", ColumnType::code}};

inline constexpr TableSpec tables[] = {
    {"header", header_columns},
    {"episodes", episodes_columns},
    {"reviews", reviews_columns},
    {"uasc", uasc_columns},
    {"oc2", oc2_columns},
    {"oc3", oc3_columns},
    {"ad1", ad1_columns},
    {"placed_for_adoption", placed_for_adoption_columns},
    {"previous_permanence", previous_permanence_columns},
    {"missing", missing_columns},
    {"sw_episodes", sw_episodes_columns},
};

}  // namespace safeguarding::inline v0::returns::ssda903
