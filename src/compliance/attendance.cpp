// Findings of kind attendance: each member agency's attendance rate at a group's meetings.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::attendance(const Group& g) {
  const auto& held = meetings_of(g);
  const auto n = static_cast<std::int64_t>(held.size());
  for (const GroupMember& member : g.members) {
    std::int64_t present = 0, valid = 0, unexplained = 0;
    std::optional<Date> last;
    for (std::size_t i : held) {
      const Meeting& m = p_.meetings[i];
      if (attended(attendance_of(m, member.agency))) {
        ++present;
        last = m.date;
      } else if (const Apology* ap = apology_of(m, member.agency); ap != nullptr && ap->valid_reason) {
        ++valid;
      } else {
        ++unexplained;
      }
    }
    summary_.attendances_expected += n;
    summary_.attendances += present;
    const std::string name = p_.agency_name(member.agency);
    const bool meets = present * 100 >= target_ * n;
    ComplianceFinding& f =
        add(ComplianceFindingKind::attendance,
            n == 0 ? ComplianceStatus::not_yet_due : (meets ? ComplianceStatus::met : ComplianceStatus::breached),
            "attends at least " + std::to_string(target_) + "% of the group's meetings",
            "the partnership's attendance target", "agency", member.agency, name);
    f.group = g.id;
    f.actual = last;
    if (n == 0) {
      f.text = g.name + " has not met yet, so " + name + "'s attendance cannot be assessed.";
      continue;
    }
    f.text = name + " attended " + std::to_string(present) + " of " +
             support::plural(n, g.name + " meeting", g.name + " meetings") + " (" + support::percent_text(present, n) +
             (meets ? "" : ", below the " + std::to_string(target_) + "% target") + ")";
    std::vector<std::string> notes;
    if (valid > 0)
      notes.push_back(support::plural(valid, "apology with a valid reason", "apologies with a valid reason"));
    if (unexplained > 0)
      notes.push_back(
          support::plural(unexplained, "absence without a valid reason", "absences without a valid reason"));
    if (!notes.empty()) f.text += "; " + support::join_list(notes);
    if (!meets) f.text += last ? "; last attended " + to_long_text(*last) : "; it has not attended at all";
    f.text += ".";
  }
  summary_.meetings_held += n;
}

}  // namespace safeguarding::inline v0::detail
