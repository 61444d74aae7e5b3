// Findings of kind arrangements: the published arrangements cover each required item of the edition.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::arrangements() {
  const auto& items = required_contents(p_.edition);
  if (items.empty()) {
    add(ComplianceFindingKind::arrangements, ComplianceStatus::not_applicable,
        "published multi-agency safeguarding arrangements", "Working Together 2018 ch.3", "arrangements", "",
        "published arrangements")
        .text = "An LSCB under Working Together 2015 publishes no multi-agency safeguarding arrangements.";
    return;
  }
  for (const RequiredItem& item : items) {
    const CoverageEntry* entry = nullptr;
    for (const auto& c : p_.arrangements.coverage)
      if (c.item == item.id) entry = &c;
    ComplianceFinding& f =
        add(ComplianceFindingKind::arrangements, entry != nullptr ? ComplianceStatus::met : ComplianceStatus::breached,
            "the published arrangements set out " + std::string(item.text), std::string(item.source), "arrangements",
            std::string(item.id), std::string(item.text));
    if (p_.arrangements.published) f.actual = p_.arrangements.published;
    f.text = entry != nullptr ? "Covered in the arrangements at " + entry->where + ": " + std::string(item.text) + "."
                              : "Not covered in the published arrangements: " + std::string(item.text) + ".";
  }
}

}  // namespace safeguarding::inline v0::detail
