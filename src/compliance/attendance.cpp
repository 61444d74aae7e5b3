// Findings of kind attendance: each member agency's attendance rate at a group's meetings.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::attendance(const Group& g) {
  const auto& held = meetings_of(g);
  for (const GroupMember& member : g.members) {
    // A member is assessed on the meetings held while it was in place (a partner that merged into
    // another is assessed up to its last day, its successor from its first).
    const RelevantAgency* agency = p_.agency(member.agency);
    const SafeguardingPartner* partner = p_.partner(member.agency);
    // Referred to where they are, not copied into new optionals, which GCC 12 then takes for maybe
    // uninitialized in in_place_between (-Wmaybe-uninitialized, GCC bug 80635).
    const std::optional<Date> none;
    const std::optional<Date>& from = partner ? partner->from : agency ? agency->from : none;
    const std::optional<Date>& until = partner ? partner->until : agency ? agency->until : none;
    if ((from && *from > as_of_) || (until && *until < group_start(g))) continue;  // never a member up to now
    std::int64_t n = 0, present = 0, valid = 0, unexplained = 0;
    std::optional<Date> last;
    for (std::size_t i : held) {
      const Meeting& m = p_.meetings[i];
      if (!in_place_between(from, until, m.date)) continue;
      ++n;
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
    const bool gone = until && *until < as_of_;
    ComplianceFinding& f = add(ComplianceFindingKind::attendance,
                               n == 0 ? (gone ? ComplianceStatus::not_applicable : ComplianceStatus::not_yet_due)
                                      : (meets ? ComplianceStatus::met : ComplianceStatus::breached),
                               "attends at least " + std::to_string(target_) + "% of the group's meetings",
                               "the partnership's attendance target", "agency", member.agency, name);
    f.group = g.id;
    f.actual = last;
    if (n == 0) {
      if (!from && !until)
        f.text = g.name + " has not met yet, so " + name + "'s attendance cannot be assessed.";
      else
        f.text = g.name + " has not met while " + name + " " + (gone ? "was" : "has been") + " in place (" +
                 (from ? "from " + to_long_text(*from) : std::string("until")) +
                 (gone && from ? " to " + to_long_text(*until)
                  : gone       ? " " + to_long_text(*until)
                               : "") +
                 "), so its attendance cannot be assessed.";
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
  summary_.meetings_held += static_cast<std::int64_t>(held.size());
}

}  // namespace safeguarding::inline v0::detail
