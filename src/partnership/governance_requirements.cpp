// The requirements of the law and guidance that the compliance report checks beyond a partnership's
// own rules, each with where it is written and how sure we are of it. The wording behind each is
// quoted in docs/partnership.md ("Requirements and their sources"); a requirement whose text was not
// read stays "check".
#include "safeguarding/partnership.hpp"

namespace safeguarding::inline v0 {

SAFEGUARDING_FUNC const std::vector<GovernanceRequirement>& governance_requirements() {
  static const std::vector<GovernanceRequirement> all = {
      {"partners.three",
       "the three safeguarding partners (the local authority, the health body and the chief officer of police), each "
       "with a lead",
       "Children Act 2004 s16E (inserted by the Children and Social Work Act 2017; read as revised)", "confirmed"},
      {"partners.ccg-to-icb",
       "the health partner is a clinical commissioning group until 30 June 2022 and an integrated care board from "
       "1 July 2022",
       "Health and Care Act 2022; SI 2022/634 reg 1(2) and reg 58 (in force 1 July 2022; commenced by SI 2022/734); "
       "Children Act 2004 s16E(3) as amended",
       "confirmed"},
      {"wt2023.lead-partners",
       "each partner's lead safeguarding partner: the local authority's chief executive, the ICB's chief executive, "
       "the chief officer of police",
       "Working Together 2023 ch.2 (as quoted by Leeds Safeguarding Children Partnership)", "secondary"},
      {"wt2023.delegated-partner",
       "exactly one delegated safeguarding partner for each agency, named in the arrangements",
       "Working Together 2023 ch.2 (as quoted by Leeds Safeguarding Children Partnership)", "secondary"},
      {"wt2023.partnership-chair", "a partnership chair",
       "Working Together 2023 ch.2 (the DfE's summary of changes, as reported by Local Government Lawyer)",
       "secondary"},
      {"cwsa2026.designated-agencies",
       "the relevant agencies designated as childcare or education agencies are included in the arrangements",
       "Children Act 2004 s16E(1)(aa), (2A), inserted by the Children's Wellbeing and Schools Act 2026 s2 (read as "
       "enacted); in force on a day set by regulations (s78(5), (6))",
       "confirmed"},
      {"cwsa2026.child-protection-teams", "the arrangements establish one or more multi-agency child protection teams",
       "Children Act 2004 s16EA(1), inserted by the Children's Wellbeing and Schools Act 2026 s3 (read as enacted); "
       "in force on a day set by regulations (s78(5), (6))",
       "confirmed"},
      {"cwsa2026.team-core-members",
       "each team has at least one of each core member: a person with experience in education and a social worker, "
       "nominated by the local authority; a registered health professional, nominated by an integrated care board; "
       "a police officer",
       "Children Act 2004 s16EA(3), (4)(a)-(c) (read as enacted); (4)(d), the police officer, as a summary of the "
       "Bill states it",
       "secondary"},
      {"wt2023.republication",
       "arrangements made under Working Together 2018 republished under Working Together 2023 by December 2024",
       "Working Together 2023 (\"by December 2024\", as partnerships report it; the day, 31 December by default, is "
       "the partnership's setting republish_by and was not read)",
       "check"},
      {"wt2023.sign-off",
       "the lead safeguarding partners sign off the published arrangements, the yearly report and the threshold "
       "document",
       "Working Together 2023 ch.2 (as quoted by Leeds Safeguarding Children Partnership)", "secondary"},
      {"statutory.yearly-report", "a report on the arrangements published at least once in every 12 months",
       "Children Act 2004 s16G; Working Together 2018 ch.3 (\"at least once in every 12 months period\", as quoted "
       "in Buckinghamshire Council's minutes)",
       "secondary"},
      {"statutory.independent-scrutiny",
       "scrutiny of the effectiveness of the arrangements by an independent person, recorded with its evidence",
       "Working Together 2018 ch.3 (as quoted in the Haringey arrangements, seed 003 \u00a72.4.6, \u00a72.24.1); "
       "Working Together 2023 ch.2 (independent scrutiny)",
       "secondary"},
      {"statutory.yearly-report-sent",
       "the yearly report sent to the Child Safeguarding Practice Review Panel and the What Works Centre within 7 days "
       "of its publication",
       "Working Together 2018 ch.3 and 2023 ch.2 (recalled, not read: the timescale is the partnership's duty's)",
       "check"},
  };
  return all;
}

SAFEGUARDING_FUNC const GovernanceRequirement& governance_requirement(std::string_view id) {
  for (const GovernanceRequirement& r : governance_requirements())
    if (r.id == id) return r;
  std::string known;
  for (const GovernanceRequirement& r : governance_requirements())
    known += (known.empty() ? "" : ", ") + std::string(r.id);
  throw Error("unknown governance requirement " + quote(id) + " (known: " + known + ")");
}

}  // namespace safeguarding::inline v0
