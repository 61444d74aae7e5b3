// Preparing the contacts: each row used, dated after the as-of date or rejected; for a used one its
// agency, the threshold version in force, its levels, the decision's outcome and the assessment.
#include "safeguarding/front_door/prepare.hpp"

#include <limits>

#include "preparer.hpp"
#include "safeguarding/support/names.hpp"

namespace safeguarding::inline v0::front_door::detail {

SAFEGUARDING_FUNC void Preparer::reset_contact_columns(std::size_t n) {
  auto& k = r_.contacts;
  k.use.assign(n, static_cast<std::uint8_t>(RecordUse::used));
  k.date.assign(c_.date.begin(), c_.date.end());
  k.agency.assign(n, -1);
  k.version.assign(n, -1);
  k.referrer_level.assign(n, -1);
  k.decided_level.assign(n, -1);
  k.referrer_rank.assign(n, -1);
  k.decided_rank.assign(n, -1);
  k.outcome.assign(n, -1);
  k.assessment_outcome.assign(n, -1);
  k.decision_date.assign(n, nat);
  k.assessment_date.assign(n, nat);
  k.referral.assign(n, 0);
  k.re_referral.assign(n, 0);
  k.previous_referral.assign(n, -1);
  k.decision_status.assign(n, -1);
  k.decision_working_days.assign(n, std::numeric_limits<float>::quiet_NaN());
}

SAFEGUARDING_FUNC void Preparer::contacts() {
  const std::size_t n = c_.size();
  reset_contact_columns(n);
  auto& k = r_.contacts;
  std::vector<std::int32_t> agency_of(c_.agency.values.size(), -1);
  for (std::size_t code = 0; code < agency_of.size(); ++code) {
    auto it = source_index_.find(c_.agency.values[code]);
    if (it != source_index_.end()) agency_of[code] = it->second;
  }
  const LevelLookup referrer_lookup(c_.referrer_level, r_.versions, r_.levels);
  const LevelLookup decided_lookup(c_.decided_level, r_.versions, r_.levels);
  const auto outcome_of = vocabulary_codes(c_.outcome, outcome_names);
  assessment_codes_ = vocabulary_codes(c_.assessment_outcome, assessment_outcome_names);
  std::unordered_map<std::int64_t, std::size_t> first_row;
  first_row.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const RecordUse use = check_contact(i, first_row, agency_of);
    k.use[i] = static_cast<std::uint8_t>(use);
    if (use != RecordUse::used) continue;
    // A used contact: its agency, the version in force, levels, the decision and the assessment.
    k.agency[i] = agency_of[static_cast<std::size_t>(c_.agency.at(i))];
    if (const auto version = version_on(c_.date[i])) k.version[i] = static_cast<std::int32_t>(*version);
    std::int64_t decided_on = c_.decision_date.empty() ? nat : c_.decision_date[i];
    // A decision after the as-of date is not yet made: its level and outcome are not yet known either.
    const bool decided_later = after_as_of(decided_on);
    k.decision_date[i] = decided_later ? nat : decided_on;
    contact_level(i, c_.referrer_level, referrer_lookup, "referrer_level", false, decided_later);
    contact_level(i, c_.decided_level, decided_lookup, "decided_level", true, decided_later);
    contact_outcome(i, outcome_of, decided_later);
    k.referral[i] = k.outcome[i] >= 0 && is_referral(static_cast<Outcome>(k.outcome[i])) ? 1 : 0;
    assessment(i);
  }
  count(k.use, r_.contact_counts);
}

/// Whether a contact can be used: its id, child, date, agency and decision date.
SAFEGUARDING_FUNC RecordUse Preparer::check_contact(std::size_t i,
                                                    std::unordered_map<std::int64_t, std::size_t>& first_row,
                                                    const std::vector<std::int32_t>& agency_of) {
  constexpr auto rejected = returns::FindingAction::rejected;
  const std::string table = "contacts";
  reject_ = false;
  const std::int64_t day = c_.date[i];
  if (c_.contact[i] == nat) finding(table, i, "contact", "", "the contact has no id", rejected);
  if (c_.child[i] == nat) finding(table, i, "child", "", "the contact names no child", rejected);
  if (day == nat)
    finding(table, i, "date", "", "the contact has no date", rejected);
  else if (!cal_.covers(day))
    finding(table, i, "date", format_days(day), outside_text(day), rejected);
  else if (after_as_of(day) && !reject_)
    return RecordUse::after_as_of;
  if (c_.contact[i] != nat) {
    auto [it, fresh] = first_row.emplace(c_.contact[i], i);
    if (!fresh)
      finding(table, i, "contact", "", "the contact id repeats that of row " + row_number(table, it->second), rejected);
  }
  const std::int32_t agency_code = c_.agency.at(i);
  if (agency_code < 0) {
    finding(table, i, "agency", "", "the contact names no source agency", rejected);
  } else if (agency_of[static_cast<std::size_t>(agency_code)] < 0) {
    const std::string& name = c_.agency.values[static_cast<std::size_t>(agency_code)];
    finding(table, i, "agency", name,
            "unknown agency " + quote(name) +
                ": not a safeguarding partner, relevant agency or other referral source of the partnership",
            rejected);
  }
  const std::int64_t decided_on = c_.decision_date.empty() ? nat : c_.decision_date[i];
  if (decided_on != nat && !cal_.covers(decided_on))
    finding(table, i, "decision_date", format_days(decided_on), outside_text(decided_on), rejected);
  else if (decided_on != nat && day != nat && decided_on < day)
    finding(table, i, "decision_date", format_days(decided_on),
            "decided on " + format_days(decided_on) + ", before the contact on " + format_days(day), rejected);
  return reject_ ? RecordUse::rejected : RecordUse::used;
}

/// A level of a used contact in the version in force on its date; blanked (and reported) when it
/// is not one of that version's, or (a decided level) when there was no decision.
SAFEGUARDING_FUNC void Preparer::contact_level(std::size_t i, const Codes& column, const LevelLookup& lookup,
                                               std::string_view name, bool needs_decision, bool decided_later) {
  const std::int32_t code = column.at(i);
  if (code < 0 || (needs_decision && decided_later)) return;
  auto& k = r_.contacts;
  constexpr auto blanked = returns::FindingAction::blanked;
  const std::string& value = column.values[static_cast<std::size_t>(code)];
  const std::int64_t day = c_.date[i];
  if (needs_decision && k.decision_date[i] == nat)
    return finding("contacts", i, name, value, "a decided level without a decision date: treated as not decided",
                   blanked);
  if (k.version[i] < 0)
    return finding("contacts", i, name, value,
                   "no version of the threshold document is in force on " + format_days(day) + " (the first, " +
                       quote(r_.versions.front().id) + ", is in force from " + to_iso(r_.versions.front().from) + ")",
                   blanked);
  const auto version = static_cast<std::size_t>(k.version[i]);
  const std::int8_t rank = lookup.rank[version][static_cast<std::size_t>(code)];
  if (rank < 0)
    return finding("contacts", i, name, value,
                   quote(value) + " is not a level of the threshold document in force on " + format_days(day) + " (" +
                       version_text(version) + ")",
                   blanked);
  (needs_decision ? k.decided_rank : k.referrer_rank)[i] = rank;
  (needs_decision ? k.decided_level : k.referrer_level)[i] = lookup.index[static_cast<std::size_t>(code)];
}

SAFEGUARDING_FUNC void Preparer::contact_outcome(std::size_t i, const std::vector<std::int8_t>& outcome_of,
                                                 bool decided_later) {
  auto& k = r_.contacts;
  const bool decided = k.decision_date[i] != nat;
  const std::int32_t code = c_.outcome.at(i);
  if (code >= 0 && !decided_later) {
    const std::string& value = c_.outcome.values[static_cast<std::size_t>(code)];
    const std::int8_t o = outcome_of[static_cast<std::size_t>(code)];
    if (o < 0)
      finding("contacts", i, "outcome", value,
              quote(value) + " is not an outcome (expected one of: " + support::name_list(outcome_names) + ")",
              returns::FindingAction::blanked);
    else if (!decided)
      finding("contacts", i, "outcome", value, "an outcome without a decision date: treated as not decided",
              returns::FindingAction::blanked);
    else
      k.outcome[i] = o;
  } else if (decided && code < 0) {
    finding("contacts", i, "outcome", "",
            "decided on " + format_days(k.decision_date[i]) + " with no outcome: counted as decided, in no outcome",
            returns::FindingAction::kept);
  }
}

/// The assessment of a used contact: only a referral is assessed by children's social care, on or
/// after the decision; an outcome goes with its date.
SAFEGUARDING_FUNC void Preparer::assessment(std::size_t i) {
  auto& k = r_.contacts;
  const std::string table = "contacts";
  constexpr auto blanked = returns::FindingAction::blanked;
  const std::int64_t given = c_.assessment_date.empty() ? nat : c_.assessment_date[i];
  const std::int32_t code = c_.assessment_outcome.at(i);
  const std::string value = code < 0 ? std::string() : c_.assessment_outcome.values[static_cast<std::size_t>(code)];
  if (given == nat) {
    if (code >= 0)
      finding(table, i, "assessment_outcome", value, "an assessment outcome without an assessment date", blanked);
    return;
  }
  if (after_as_of(given)) return;  // not yet known
  const std::int64_t decided_on = k.decision_date[i];
  std::string problem;
  if (!cal_.covers(given))
    problem = outside_text(given);
  else if (!k.referral[i])
    problem = "an assessment of a contact that was not referred to children's social care" +
              std::string(k.outcome[i] >= 0
                              ? " (outcome " + quote(outcome_names[static_cast<std::size_t>(k.outcome[i])]) + ")"
                              : " (no outcome)");
  else if (given < decided_on)
    problem = "assessed on " + format_days(given) + ", before the decision on " + format_days(decided_on);
  if (!problem.empty())
    return finding(table, i, "assessment_date", format_days(given), problem + ": the assessment is not counted",
                   blanked);
  k.assessment_date[i] = given;
  if (code < 0)
    return finding(table, i, "assessment_outcome", "",
                   "assessed on " + format_days(given) + " with no outcome: counted as assessed, in no outcome",
                   returns::FindingAction::kept);
  const std::int8_t a = assessment_codes_[static_cast<std::size_t>(code)];
  if (a < 0)
    finding(table, i, "assessment_outcome", value,
            quote(value) +
                " is not an assessment outcome (expected one of: " + support::name_list(assessment_outcome_names) + ")",
            blanked);
  else
    k.assessment_outcome[i] = a;
}

}  // namespace safeguarding::inline v0::front_door::detail
