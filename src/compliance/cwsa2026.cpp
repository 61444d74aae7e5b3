// Findings of kinds designated_agencies and child_protection_teams: the Children's Wellbeing and
// Schools Act 2026 ss 2-3, from the day the partnership's file moves to the CWSA2026 edition (the
// sections come into force on a day set by regulations, which may differ between areas).
#include "safeguarding/compliance.hpp"

#include <algorithm>
#include <array>

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::designated_agencies() {
  if (!edition_at_least(Edition::cwsa2026))
    return not_yet_in_force(ComplianceFindingKind::designated_agencies, "cwsa2026.designated-agencies",
                            Edition::cwsa2026,
                            "Designated childcare and education agencies are required by the Children's Wellbeing and "
                            "Schools Act 2026 s2");
  if (p_.designated_agencies.empty()) {
    add(ComplianceFindingKind::designated_agencies, ComplianceStatus::breached, "cwsa2026.designated-agencies",
        "partnership", "", p_.name)
        .text =
        "The partnership's file lists no designated childcare or education agencies: list those the regulations "
        "designate (\"designated_agencies\") and the relevant agencies that are each (\"designations\").";
    return;
  }
  for (const DesignatedAgency& d : p_.designated_agencies) {
    std::vector<std::string> included;
    for (const RelevantAgency& a : p_.agencies)
      if (a.in_place_on(as_of_) &&
          std::find(a.designations.begin(), a.designations.end(), d.id) != a.designations.end())
        included.push_back(a.name);
    ComplianceFinding& f = add(ComplianceFindingKind::designated_agencies,
                               included.empty() ? ComplianceStatus::breached : ComplianceStatus::met,
                               "cwsa2026.designated-agencies", "designated-agency", d.id, d.name);
    if (!d.source.empty()) f.source += "; designated by " + d.source;
    f.text =
        included.empty()
            ? "The designated " + d.name + " are not included in the arrangements: no relevant agency in place on " +
                  to_long_text(as_of_) + " is one."
            : "The designated " + d.name + " are included in the arrangements: " + support::join_list(included) + ".";
  }
}

/// The partner kind that nominates each core member (s16EA(4)); nullopt for other members.
SAFEGUARDING_FUNC std::optional<PartnerKind> nominating_kind(TeamRole role) {
  switch (role) {
    case TeamRole::education:
    case TeamRole::social_worker:
      return PartnerKind::local_authority;
    case TeamRole::health_professional:
      return PartnerKind::icb;
    case TeamRole::police_officer:
      return PartnerKind::police;
    case TeamRole::other:
      break;
  }
  return std::nullopt;
}

/// "a social worker": a core member in words.
SAFEGUARDING_FUNC std::string core_member_words(TeamRole role) {
  static constexpr std::array<std::string_view, 4> words = {"a person with experience in education", "a social worker",
                                                            "a registered health professional", "a police officer"};
  return std::string(words[static_cast<std::size_t>(role)]);
}

/// "the local authority": who nominates a core member, in words.
SAFEGUARDING_FUNC std::string nominator_words(PartnerKind kind) {
  switch (kind) {
    case PartnerKind::local_authority:
      return "the local authority";
    case PartnerKind::ccg:
    case PartnerKind::icb:
      return "an integrated care board";
    case PartnerKind::police:
      break;
  }
  return "the chief officer of police";
}

SAFEGUARDING_FUNC void Evaluator::child_protection_teams() {
  if (!edition_at_least(Edition::cwsa2026))
    return not_yet_in_force(ComplianceFindingKind::child_protection_teams, "cwsa2026.child-protection-teams",
                            Edition::cwsa2026,
                            "Multi-agency child protection teams are required by the Children's Wellbeing and Schools "
                            "Act 2026 s3");
  bool any = false;
  for (const ChildProtectionTeam& team : p_.child_protection_teams) {
    if (!team.in_place_on(as_of_)) continue;
    any = true;
    // A core member counts when nominated by the partner the Act names (or by nobody recorded).
    std::array<bool, 4> present{};
    std::vector<std::string> wrongly_nominated;
    for (const TeamMember& m : team.members) {
      const auto kind = nominating_kind(m.role);
      if (!kind) continue;
      const SafeguardingPartner* by = m.nominated_by.empty() ? nullptr : p_.partner(m.nominated_by);
      if (by != nullptr && by->kind != *kind && !(*kind == PartnerKind::icb && by->kind == PartnerKind::ccg)) {
        wrongly_nominated.push_back(core_member_words(m.role) + " nominated by " + by->name + ", not " +
                                    nominator_words(*kind));
        continue;
      }
      present[static_cast<std::size_t>(m.role)] = true;
    }
    std::vector<std::string> missing;
    for (std::size_t r = 0; r < present.size(); ++r)
      if (!present[r]) missing.push_back(core_member_words(static_cast<TeamRole>(r)));
    ComplianceFinding& f = add(ComplianceFindingKind::child_protection_teams,
                               missing.empty() ? ComplianceStatus::met : ComplianceStatus::breached,
                               "cwsa2026.team-core-members", "team", team.id, team.name);
    if (!team.source.empty()) f.source += "; " + team.source;
    if (missing.empty()) {
      f.text = team.name +
               " has its core members: a person with experience in education, a social worker, a "
               "registered health professional and a police officer.";
      continue;
    }
    f.text = team.name + " lacks " + (missing.size() == 1 ? "a core member: " : "core members: ") +
             support::join_list(missing);
    if (!wrongly_nominated.empty()) f.text += " (it has " + support::join_list(wrongly_nominated) + ")";
    f.text += ".";
  }
  if (!any)
    add(ComplianceFindingKind::child_protection_teams, ComplianceStatus::breached, "cwsa2026.child-protection-teams",
        "partnership", "", p_.name)
        .text = "The arrangements set up no multi-agency child protection team in place on " + to_long_text(as_of_) +
                ": the Act asks for one or more.";
}

}  // namespace safeguarding::inline v0::detail
