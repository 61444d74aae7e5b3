// Findings of kind safeguarding_partners: the three statutory partners are named, each with a lead,
// in each period of the partnership's history (a new period begins whenever a partner comes or goes,
// or the framework edition changes), as the partners in place in that period.
#include "safeguarding/compliance.hpp"

#include <algorithm>

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

/// The days from the start to the as-of date on which the partners in place or the edition change.
SAFEGUARDING_FUNC std::vector<Date> partner_period_starts(const Partnership& p, Date as_of) {
  std::vector<Date> starts = {p.start};
  auto boundary = [&](Date d) {
    if (d > p.start && d <= as_of) starts.push_back(d);
  };
  for (const SafeguardingPartner& partner : p.partners) {
    if (partner.from) boundary(*partner.from);
    if (partner.until) boundary(add_days(*partner.until, 1));
  }
  for (const EditionChange& c : p.edition_changes) boundary(c.from);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  return starts;
}

SAFEGUARDING_FUNC void Evaluator::safeguarding_partners() {
  const std::vector<Date> starts = partner_period_starts(p_, as_of_);
  const bool one_period = starts.size() == 1;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const Date first = starts[i];
    const Date last = i + 1 < starts.size() ? add_days(starts[i + 1], -1) : std::max(as_of_, first);
    const Edition edition = p_.edition_on(first);
    const bool wt2023 = edition >= Edition::wt2023;
    // "From Sunday 29 September 2019 to Tuesday 31 March 2020: " (the last period: "From … : ").
    const std::string when = one_period ? std::string()
                             : i + 1 < starts.size()
                                 ? "From " + to_long_text(first) + " to " + to_long_text(last) + ": "
                                 : "From " + to_long_text(first) + ": ";
    ComplianceFinding* f = nullptr;
    if (edition == Edition::lscb_wt2015) {
      f = &add(ComplianceFindingKind::safeguarding_partners, ComplianceStatus::not_applicable, "partners.three",
               "partnership", "", p_.name);
      f->text = when + (one_period ? "Safeguarding" : "safeguarding") +
                " partners are not part of an LSCB under Working Together 2015.";
    } else {
      bool la = false, health = false, police = false;
      std::vector<std::string> names, missing, no_lead, problems;
      for (const auto& partner : p_.partners) {
        if (!partner.in_place_on(first)) continue;
        names.push_back(partner.name);
        la = la || partner.kind == PartnerKind::local_authority;
        health = health || partner.kind == PartnerKind::ccg || partner.kind == PartnerKind::icb;
        police = police || partner.kind == PartnerKind::police;
        if (partner.lead.empty()) no_lead.push_back(partner.name);
      }
      if (!la) missing.push_back("the local authority");
      if (!health) missing.push_back(wt2023 ? "an ICB" : "a CCG or ICB");
      if (!police) missing.push_back("the chief officer of police");
      using support::join_list;
      if (!missing.empty()) problems.push_back("No safeguarding partner is named for " + join_list(missing) + ".");
      if (!no_lead.empty())
        problems.push_back(std::string(wt2023 ? "No lead safeguarding partner" : "No lead representative") +
                           " is named for " + join_list(no_lead) + ".");
      f = &add(ComplianceFindingKind::safeguarding_partners,
               problems.empty() ? ComplianceStatus::met : ComplianceStatus::breached, "partners.three", "partnership",
               "", p_.name);
      const std::string lead = wt2023 ? "a lead safeguarding partner" : "a lead representative";
      if (problems.empty()) {
        f->text = one_period ? "All three safeguarding partners are named, each with " + lead + "."
                             : when + "the safeguarding partners are " + join_list(names) + ", each with " + lead + ".";
      } else {
        f->text = when;
        for (const auto& text : problems) f->text += (f->text.empty() || f->text == when ? "" : " ") + text;
      }
    }
    f->requirement = wt2023 ? "the three safeguarding partners (the local authority, the ICB and the police), each "
                              "with a lead safeguarding partner"
                            : "the three safeguarding partners: the local authority, the CCG or ICB, and the police";
    f->source = wt2023 ? "Children Act 2004 s16E; Working Together 2023 ch.2"
                       : "Children Act 2004 s16E (as amended 2017); Working Together 2018 ch.3";
    f->period = MeetingPeriod{first, last};
  }
}

}  // namespace safeguarding::inline v0::detail
