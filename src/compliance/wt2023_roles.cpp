// Findings of kinds lead_partners, delegated_partners and partnership_chair: the roles Working
// Together 2023 sets out, checked for the partners in place on the as-of date when that edition (or a
// later one) is in force then; otherwise one not-applicable finding each.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

/// The post a partner's lead must hold under Working Together 2023.
SAFEGUARDING_FUNC Post expected_post(PartnerKind kind) {
  return kind == PartnerKind::police ? Post::chief_officer_of_police : Post::chief_executive;
}

/// "the director of children's services": a post in words.
SAFEGUARDING_FUNC std::string post_words(Post post) {
  switch (post) {
    case Post::chief_executive:
      return "the chief executive";
    case Post::chief_officer_of_police:
      return "the chief officer of police";
    case Post::accountable_officer:
      return "the accountable officer";
    case Post::director_of_childrens_services:
      return "the director of children's services";
    case Post::other:
      break;
  }
  return "another post";
}

SAFEGUARDING_FUNC void Evaluator::lead_partners() {
  if (!edition_at_least(Edition::wt2023))
    return not_yet_in_force(ComplianceFindingKind::lead_partners, "wt2023.lead-partners", Edition::wt2023,
                            "Lead safeguarding partners are required from Working Together 2023");
  for (const SafeguardingPartner& partner : p_.partners) {
    if (!partner.in_place_on(as_of_)) continue;
    const std::string expected = expected_lead(partner.kind);
    const auto it = partner.lead.empty() ? roles_.end() : roles_.find(partner.lead);
    const Role* lead = it == roles_.end() ? nullptr : it->second;
    const bool ok = lead != nullptr && lead->post == expected_post(partner.kind);
    ComplianceFinding& f =
        add(ComplianceFindingKind::lead_partners, ok ? ComplianceStatus::met : ComplianceStatus::breached,
            "wt2023.lead-partners", "agency", partner.id, partner.name);
    if (lead == nullptr)
      f.text = "No lead safeguarding partner is named for " + partner.name + ": Working Together 2023 names " +
               expected + ".";
    else if (ok)
      f.text = partner.name + "'s lead safeguarding partner is " + quote(lead->title) + ", " + expected + ".";
    else if (!lead->post)
      f.text = partner.name + "'s lead, " + quote(lead->title) +
               ", has no post recorded: Working Together 2023 names " + expected +
               " as its lead safeguarding partner (set the role's \"post\").";
    else
      f.text = partner.name + "'s lead, " + quote(lead->title) + " (" + post_words(*lead->post) +
               "), is not the post Working Together 2023 names: " + expected + ".";
  }
}

SAFEGUARDING_FUNC void Evaluator::delegated_partners() {
  if (!edition_at_least(Edition::wt2023))
    return not_yet_in_force(ComplianceFindingKind::delegated_partners, "wt2023.delegated-partner", Edition::wt2023,
                            "Delegated safeguarding partners are required from Working Together 2023");
  for (const SafeguardingPartner& partner : p_.partners) {
    if (!partner.in_place_on(as_of_)) continue;
    const std::size_t n = partner.delegates.size();
    ComplianceFinding& f =
        add(ComplianceFindingKind::delegated_partners, n == 1 ? ComplianceStatus::met : ComplianceStatus::breached,
            "wt2023.delegated-partner", "agency", partner.id, partner.name);
    std::vector<std::string> titles;
    for (const auto& d : partner.delegates) titles.push_back(quote(role_title(d)));
    if (n == 1)
      f.text = partner.name + "'s delegated safeguarding partner is " + titles.front() + ".";
    else if (n == 0)
      f.text = partner.name +
               " names no delegated safeguarding partner: Working Together 2023 asks for one for "
               "each agency, named in the arrangements.";
    else
      f.text = partner.name + " names " + std::to_string(n) + " delegated safeguarding partners (" +
               support::join_list(titles) + "): Working Together 2023 asks for exactly one for each agency.";
  }
}

SAFEGUARDING_FUNC void Evaluator::partnership_chair() {
  if (!edition_at_least(Edition::wt2023))
    return not_yet_in_force(ComplianceFindingKind::partnership_chair, "wt2023.partnership-chair", Edition::wt2023,
                            "A partnership chair is required from Working Together 2023");
  std::vector<std::string> chairs;
  for (const Role& r : p_.roles)
    if (r.kind == RoleKind::partnership_chair)
      chairs.push_back(quote(r.title) + (r.agency.empty() ? " (independent of the partners)"
                                                          : " (hosted by " + p_.agency_name(r.agency) + ")"));
  ComplianceFinding& f =
      add(ComplianceFindingKind::partnership_chair, chairs.empty() ? ComplianceStatus::breached : ComplianceStatus::met,
          "wt2023.partnership-chair", "partnership", "", p_.name);
  f.text = chairs.empty() ? "No partnership chair is named: Working Together 2023 asks the lead safeguarding partners "
                            "to agree one (a role of kind \"partnership-chair\")."
                          : (chairs.size() == 1 ? "The partnership chair is " : "The partnership chairs are ") +
                                support::join_list(chairs) + ".";
}

}  // namespace safeguarding::inline v0::detail
