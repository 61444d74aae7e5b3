// Findings of kind safeguarding_partners: the three statutory partners are named, each with a lead
// (and under Working Together 2023 a delegated) safeguarding partner.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::safeguarding_partners() {
  const bool wt2023 = p_.edition == Edition::wt2023;
  const std::string requirement =
      wt2023 ? "the three safeguarding partners (the local authority, the ICB and the police), each with a lead "
               "safeguarding partner and a delegated safeguarding partner"
             : "the three safeguarding partners: the local authority, the CCG or ICB, and the police";
  const std::string source = wt2023 ? "Children Act 2004 s16E; Working Together 2023 ch.2"
                                    : "Children Act 2004 s16E (as amended 2017); Working Together 2018 ch.3";
  if (p_.edition == Edition::lscb_wt2015) {
    add(ComplianceFindingKind::safeguarding_partners, ComplianceStatus::not_applicable, requirement, source,
        "partnership", "", p_.name)
        .text = "Safeguarding partners are not part of an LSCB under Working Together 2015.";
    return;
  }
  bool la = false, health = false, police = false;
  std::vector<std::string> missing, no_lead, no_delegate, ccgs, problems;
  for (const auto& partner : p_.partners) {
    la = la || partner.kind == PartnerKind::local_authority;
    health = health || partner.kind == PartnerKind::ccg || partner.kind == PartnerKind::icb;
    police = police || partner.kind == PartnerKind::police;
    if (partner.lead.empty()) no_lead.push_back(partner.name);
    if (wt2023 && partner.delegates.empty()) no_delegate.push_back(partner.name);
    if (wt2023 && partner.kind == PartnerKind::ccg) ccgs.push_back(partner.name);
  }
  if (!la) missing.push_back("the local authority");
  if (!health) missing.push_back(wt2023 ? "an ICB" : "a CCG or ICB");
  if (!police) missing.push_back("the chief officer of police");
  using support::join_list;
  if (!missing.empty()) problems.push_back("No safeguarding partner is named for " + join_list(missing) + ".");
  if (!no_lead.empty()) problems.push_back("No lead representative is named for " + join_list(no_lead) + ".");
  if (!no_delegate.empty())
    problems.push_back("No delegated safeguarding partner is named for " + join_list(no_delegate) + ".");
  if (!ccgs.empty())
    problems.push_back(join_list(ccgs) + (ccgs.size() == 1 ? " is a CCG" : " are CCGs") +
                       ": integrated care boards replaced CCGs on 1 July 2022.");
  ComplianceFinding& f = add(ComplianceFindingKind::safeguarding_partners,
                             problems.empty() ? ComplianceStatus::met : ComplianceStatus::breached, requirement, source,
                             "partnership", "", p_.name);
  if (problems.empty()) {
    f.text = wt2023
                 ? "All three safeguarding partners are named, each with a lead and a delegated safeguarding partner."
                 : "All three safeguarding partners are named, each with a lead representative.";
  } else {
    for (const auto& text : problems) f.text += (f.text.empty() ? "" : " ") + text;
  }
}

}  // namespace safeguarding::inline v0::detail
