// Findings of kind health_partner: integrated care boards replaced clinical commissioning groups on
// 1 July 2022 (Health and Care Act 2022), so a CCG named as a partner on or after that day, or an
// ICB before it, is a finding under any framework edition. One finding for each CCG or ICB partner
// in place at some time from the start to the as-of date.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::health_partner() {
  const Date icbs = icbs_established();
  for (const SafeguardingPartner& partner : p_.partners) {
    if (partner.kind != PartnerKind::ccg && partner.kind != PartnerKind::icb) continue;
    const std::optional<MeetingPeriod> span = span_of(partner);
    if (!span) continue;  // not in place between the start and the as-of date
    const bool ccg = partner.kind == PartnerKind::ccg;
    // A CCG must be gone by 1 July 2022; an ICB must not be there before it.
    const bool wrong = ccg ? span->last >= icbs : span->first < icbs;
    ComplianceFinding& f =
        add(ComplianceFindingKind::health_partner, wrong ? ComplianceStatus::breached : ComplianceStatus::met,
            "partners.ccg-to-icb", "agency", partner.id, partner.name);
    f.period = *span;
    // "from Sunday 29 September 2019 to Tuesday 31 March 2020", "from Friday 1 July 2022" (no end yet).
    const std::string dates = "from " + to_long_text(span->first) +
                              (partner.until && *partner.until <= as_of_ ? " to " + to_long_text(*partner.until) : "");
    const std::string what = ccg ? ", a clinical commissioning group," : ", an integrated care board,";
    if (ccg && wrong) {
      f.actual = span->last;
      f.text = partner.name + what + " is named as a safeguarding partner " + dates +
               ", but integrated care boards replaced clinical commissioning groups on " + to_long_text(icbs) +
               ": from that day the health partner is an ICB (give the CCG an \"until\" and add the ICB).";
    } else if (wrong) {
      f.actual = span->first;
      f.text = partner.name + what + " is named as a safeguarding partner " + dates +
               ", but integrated care boards were established on " + to_long_text(icbs) +
               ": before that day the health partner is a clinical commissioning group.";
    } else if (ccg) {
      f.text = partner.name + what + " is a safeguarding partner " + dates + ", before integrated care boards " +
               (as_of_ >= icbs ? "replaced" : "replace") + " clinical commissioning groups on " + to_long_text(icbs) +
               ".";
    } else {
      f.text = partner.name + what + " is a safeguarding partner " + dates +
               ", after integrated care boards replaced clinical commissioning groups on " + to_long_text(icbs) + ".";
    }
  }
}

}  // namespace safeguarding::inline v0::detail
