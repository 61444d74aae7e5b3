// Findings of kind quorum: each meeting of a group with a quorum rule was quorate.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC const Attendance* attendance_of(const Meeting& m, std::string_view agency) {
  for (const Attendance& a : m.attendance)
    if (a.agency == agency) return &a;
  return nullptr;
}

SAFEGUARDING_FUNC const Apology* apology_of(const Meeting& m, std::string_view agency) {
  for (const Apology& a : m.apologies)
    if (a.agency == agency) return &a;
  return nullptr;
}

SAFEGUARDING_FUNC std::string quorum_requirement(const QuorumRule& rule) {
  std::string requirement;
  if (rule.all_safeguarding_partners) requirement = "all three safeguarding partners present";
  if (rule.minimum_members > 0)
    requirement += (requirement.empty() ? "" : ", and ") + std::string("at least ") +
                   support::plural(rule.minimum_members, "member agency", "member agencies") + " present";
  if (rule.deputies_need_delegated_authority)
    requirement += (requirement.empty() ? "" : "; ") + std::string("deputies hold delegated authority");
  return requirement.empty() ? "quorum" : requirement;
}

/// Why a meeting was not quorate (none when it was).
SAFEGUARDING_FUNC std::vector<std::string> Evaluator::quorum_shortfalls(const Group& g, const Meeting& m) const {
  const QuorumRule& rule = *g.quorum;
  std::vector<std::string> reasons;
  auto counts = [&](const Attendance* a) {
    if (!attended(a)) return false;
    return a->capacity == Capacity::member || a->delegated_authority || !rule.deputies_need_delegated_authority;
  };
  if (rule.all_safeguarding_partners) {
    for (const auto& partner : p_.partners) {
      if (!partner.in_place_on(m.date)) continue;  // the partners are those in place on the meeting's date
      const Attendance* a = attendance_of(m, partner.id);
      if (!attended(a))
        reasons.push_back(partner.name + " was not represented");
      else if (!counts(a))
        reasons.push_back(partner.name + " sent a deputy without delegated authority");
    }
  }
  if (rule.minimum_members > 0) {
    std::int64_t present = 0;
    for (const auto& member : g.members)
      present += p_.agency_in_place(member.agency, m.date) && counts(attendance_of(m, member.agency)) ? 1 : 0;
    if (present < rule.minimum_members)
      reasons.push_back("only " + support::plural(present, "member agency was", "member agencies were") +
                        " present (at least " + std::to_string(rule.minimum_members) + " needed)");
  }
  return reasons;
}

SAFEGUARDING_FUNC void Evaluator::quorum(const Group& g) {
  if (!g.quorum) {
    add(ComplianceFindingKind::quorum, ComplianceStatus::not_applicable, "no quorum rule", "", "group", g.id, g.name)
        .text = g.name + " has no quorum rule.";
    return;
  }
  const std::string requirement = quorum_requirement(*g.quorum);
  for (std::size_t i : meetings_of(g)) {
    const Meeting& m = p_.meetings[i];
    summary_.meetings_assessed += 1;
    const std::vector<std::string> reasons = quorum_shortfalls(g, m);
    ComplianceFinding& f =
        add(ComplianceFindingKind::quorum, reasons.empty() ? ComplianceStatus::met : ComplianceStatus::breached,
            requirement, g.quorum->source, "meeting", m.id, g.name + " meeting on " + to_iso(m.date));
    f.group = g.id;
    f.actual = m.date;
    if (reasons.empty()) {
      summary_.meetings_quorate += 1;
      f.text = "The " + g.name + " meeting on " + to_long_text(m.date) + " was quorate.";
      continue;
    }
    std::string why;
    for (std::size_t k = 0; k < reasons.size(); ++k) why += (k == 0 ? "" : "; ") + reasons[k];
    f.text = "The " + g.name + " meeting on " + to_long_text(m.date) + " was not quorate: " + why + ".";
  }
}

}  // namespace safeguarding::inline v0::detail
