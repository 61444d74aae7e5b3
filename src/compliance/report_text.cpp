// The compliance report as text for a partnership manager (what `safeguarding report` prints): the
// context, the summary, the findings by status and the met counts by kind.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"

namespace safeguarding::inline v0 {

namespace detail {

using support::percent_text;
using support::plural;

SAFEGUARDING_FUNC std::string report_heading(const ComplianceReport& r) {
  std::string out = "Governance compliance report: " + r.partnership + "\n";
  if (!r.area.empty()) out += "Area: " + r.area + "\n";
  out += "Framework: " + std::string(edition_title(r.edition));
  if (!r.edition_from.is_special()) out += ", in force from " + to_long_text(r.edition_from);
  if (!r.start.is_special() && !r.edition_from.is_special() && r.start != r.edition_from)
    out += " (the arrangements began on " + to_long_text(r.start) + ")";
  out += "\n";
  out += "As of " + to_long_text(r.as_of) + "\n";
  out += "Working days are counted on the " + r.calendar + " calendar; \"due soon\" means within " + r.due_soon.str() +
         "\n\n";
  return out;
}

SAFEGUARDING_FUNC std::string report_summary_text(const ComplianceSummary& s) {
  using S = ComplianceStatus;
  std::string out = "Summary\n";
  out += "  " + plural(s.total(), "finding", "findings") + ": " + std::to_string(s.count(S::met)) + " met, " +
         std::to_string(s.count(S::breached)) + " breached, " + std::to_string(s.count(S::due_soon)) + " due soon, " +
         std::to_string(s.count(S::not_yet_due)) + " not yet due, " + std::to_string(s.count(S::not_applicable)) +
         " not applicable\n";
  out += "  Groups: " + std::to_string(s.groups) + "; meetings held: " + std::to_string(s.meetings_held);
  if (s.meetings_assessed > 0)
    out += "; quorate: " + std::to_string(s.meetings_quorate) + " of " + std::to_string(s.meetings_assessed) + " (" +
           percent_text(s.meetings_quorate, s.meetings_assessed) + ")";
  out += "\n";
  out += "  Attendance by member agencies: " + std::to_string(s.attendances) + " of " +
         std::to_string(s.attendances_expected) + " places (" + percent_text(s.attendances, s.attendances_expected) +
         "); " + plural(s.absences_without_valid_reason, "absence", "absences") +
         " without a valid reason to escalate\n";
  out += "  Breaches by area:";
  bool any = false;
  for (std::size_t k = 0; k < compliance_finding_kind_names.size(); ++k) {
    const auto n = s.by_kind_status[k][static_cast<std::size_t>(S::breached)];
    if (n == 0) continue;
    out += std::string(any ? "," : "") + " " +
           std::string(compliance_finding_kind_title(static_cast<ComplianceFindingKind>(k))) + " " + std::to_string(n);
    any = true;
  }
  out += any ? "\n" : " none\n";
  return out;
}

/// The findings of one status, under their kinds' headings.
SAFEGUARDING_FUNC std::string report_section(const ComplianceReport& r, ComplianceStatus status,
                                             const std::string& heading) {
  const auto list = r.with_status(status);
  std::string out = "\n" + heading + " (" + std::to_string(list.size()) + ")\n";
  if (list.empty()) return out + "  none\n";
  std::optional<ComplianceFindingKind> current;
  for (const ComplianceFinding* f : list) {
    if (current != f->kind) {
      out += "  " + std::string(compliance_finding_kind_title(f->kind)) + "\n";
      current = f->kind;
    }
    // The source, and how sure the requirement is when it is the law's or the guidance's.
    std::string source = f->source;
    if (!f->confidence.empty() && f->confidence != "local")
      source += (source.empty() ? "" : "; ") + std::string("confidence: ") + f->confidence;
    out += support::wrap("- " + f->text + (source.empty() ? "" : " [" + source + "]"), 4, 100);
  }
  return out;
}

SAFEGUARDING_FUNC std::string report_met_text(const ComplianceReport& r) {
  const auto& s = r.summary;
  std::string out = "\nMet\n";
  for (std::size_t k = 0; k < compliance_finding_kind_names.size(); ++k) {
    if (static_cast<ComplianceFindingKind>(k) == ComplianceFindingKind::non_attendance) continue;  // only ever breaches
    const auto met = s.by_kind_status[k][static_cast<std::size_t>(ComplianceStatus::met)];
    std::int64_t assessed = met + s.by_kind_status[k][static_cast<std::size_t>(ComplianceStatus::breached)];
    if (assessed == 0) continue;
    out += "  " + std::string(compliance_finding_kind_title(static_cast<ComplianceFindingKind>(k))) + ": " +
           std::to_string(met) + " of " + std::to_string(assessed) + "\n";
  }
  const auto na = r.with_status(ComplianceStatus::not_applicable);
  if (!na.empty()) {
    out += "\nNot applicable\n";
    for (const ComplianceFinding* f : na) out += support::wrap("- " + f->text, 2, 100);
  }
  return out;
}

}  // namespace detail

SAFEGUARDING_FUNC std::string ComplianceReport::to_text() const {
  return detail::report_heading(*this) + detail::report_summary_text(summary) +
         detail::report_section(*this, ComplianceStatus::breached, "Breached: action needed") +
         detail::report_section(*this, ComplianceStatus::due_soon, "Due soon") +
         detail::report_section(*this, ComplianceStatus::not_yet_due, "Not yet due") + detail::report_met_text(*this);
}

}  // namespace safeguarding::inline v0
