// Findings of kinds group_chair and group_members: every group has a chair and members.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::group_chairs() {
  for (const Group& g : p_.groups) {
    ComplianceFinding& f =
        add(ComplianceFindingKind::group_chair, g.chairs.empty() ? ComplianceStatus::breached : ComplianceStatus::met,
            "the group has a chair", "the partnership's arrangements", "group", g.id, g.name);
    if (g.chairs.empty()) {
      f.text = g.name + " has no chair.";
      continue;
    }
    std::vector<std::string> titles;
    for (const auto& c : g.chairs) titles.push_back(role_title(c));
    f.text =
        g.name + " is chaired by " + (titles.size() > 1 ? "the co-chairs " : "") + support::join_list(titles) + ".";
  }
}

SAFEGUARDING_FUNC void Evaluator::group_members() {
  for (const Group& g : p_.groups) {
    // Members listed with dates (a partner that merged, its successor) count on the as-of date.
    std::int64_t now = 0;
    for (const GroupMember& m : g.members) now += p_.agency_in_place(m.agency, as_of_) ? 1 : 0;
    const auto listed = static_cast<std::int64_t>(g.members.size());
    ComplianceFinding& f =
        add(ComplianceFindingKind::group_members, now == 0 ? ComplianceStatus::breached : ComplianceStatus::met,
            "the group has members", "the partnership's arrangements", "group", g.id, g.name);
    f.text = g.members.empty() ? g.name + " has no members."
                               : g.name + " has " + support::plural(now, "member agency", "member agencies") +
                                     (now == listed ? std::string()
                                                    : " on " + to_long_text(as_of_) + " (of " + std::to_string(listed) +
                                                          " listed with their dates)") +
                                     ".";
  }
}

}  // namespace safeguarding::inline v0::detail
