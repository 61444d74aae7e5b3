// Findings of kind non_attendance: a member agency absent from a meeting without a valid reason,
// to be reported to the agency's line manager.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::non_attendance(const Group& g) {
  const std::string source =
      g.quorum && !g.quorum->source.empty() ? g.quorum->source : "the partnership's arrangements";
  for (std::size_t i : meetings_of(g)) {
    const Meeting& m = p_.meetings[i];
    for (const GroupMember& member : g.members) {
      if (!p_.agency_in_place(member.agency, m.date)) continue;  // not a member on that date
      if (attended(attendance_of(m, member.agency))) continue;
      const Apology* ap = apology_of(m, member.agency);
      if (ap != nullptr && ap->valid_reason) continue;
      summary_.absences_without_valid_reason += 1;
      const std::string name = p_.agency_name(member.agency);
      ComplianceFinding& f =
          add(ComplianceFindingKind::non_attendance, ComplianceStatus::breached,
              "member agencies attend or send apologies with a valid reason; non-attendance is reported to "
              "the agency's line manager",
              source, "agency", member.agency, name);
      f.group = g.id;
      f.actual = m.date;
      f.text = name + " did not attend the " + g.name + " meeting on " + to_long_text(m.date) +
               (ap != nullptr ? " and its apologies gave no valid reason" : " and sent no apologies") +
               ": report to the agency's line manager.";
    }
  }
}

}  // namespace safeguarding::inline v0::detail
