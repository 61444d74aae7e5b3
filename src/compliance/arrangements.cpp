// Findings of kind arrangements: the published arrangements of the edition in force on the as-of date
// cover each of its required items.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::arrangements() {
  const auto& items = required_contents(edition_);
  if (items.empty()) {
    add(ComplianceFindingKind::arrangements, ComplianceStatus::not_applicable,
        "published multi-agency safeguarding arrangements", "Working Together 2018 ch.3", "arrangements", "",
        "published arrangements")
        .text = "An LSCB under Working Together 2015 publishes no multi-agency safeguarding arrangements.";
    return;
  }
  const Arrangements& published = p_.arrangements_on(as_of_);
  for (const RequiredItem& item : items) {
    const CoverageEntry* entry = nullptr;
    for (const auto& c : published.coverage)
      if (c.item == item.id) entry = &c;
    ComplianceFinding& f =
        add(ComplianceFindingKind::arrangements, entry != nullptr ? ComplianceStatus::met : ComplianceStatus::breached,
            "the published arrangements set out " + std::string(item.text), std::string(item.source), "arrangements",
            std::string(item.id), std::string(item.text));
    f.confidence = std::string(item.confidence);
    if (published.published) f.actual = published.published;
    f.text = entry != nullptr ? "Covered in the arrangements at " + entry->where + ": " + std::string(item.text) + "."
                              : "Not covered in the published arrangements: " + std::string(item.text) + ".";
  }
}

}  // namespace safeguarding::inline v0::detail
