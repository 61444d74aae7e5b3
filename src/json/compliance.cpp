// Compliance reports as JSON: the context, the summary and every finding in report order.
#include "safeguarding/compliance.hpp"

#include "partnership.hpp"
#include "reader.hpp"

namespace safeguarding::inline v0 {

namespace json::detail {

SAFEGUARDING_FUNC Document finding_document(const ComplianceFinding& f) {
  auto date_or_null = [](const std::optional<Date>& d) { return d ? Document(to_iso(*d)) : Document(nullptr); };
  auto int_or_null = [](const std::optional<std::int64_t>& n) { return n ? Document(*n) : Document(nullptr); };
  return Document{{"kind", name_of(f.kind, compliance_finding_kind_names)},
                  {"status", name_of(f.status, compliance_status_names)},
                  {"requirement", f.requirement},
                  {"source", f.source},
                  {"confidence", f.confidence},
                  {"subject_type", f.subject_type},
                  {"subject", f.subject},
                  {"subject_name", f.subject_name},
                  {"group", f.group},
                  {"period_start", f.period ? Document(to_iso(f.period->first)) : Document(nullptr)},
                  {"period_end", f.period ? Document(to_iso(f.period->last)) : Document(nullptr)},
                  {"due", date_or_null(f.due)},
                  {"actual", date_or_null(f.actual)},
                  {"late_working_days", int_or_null(f.late_working_days)},
                  {"late_calendar_days", int_or_null(f.late_calendar_days)},
                  {"text", f.text}};
}

SAFEGUARDING_FUNC Document summary_document(const ComplianceSummary& s) {
  Document by_kind = Document::object();
  for (std::size_t k = 0; k < compliance_finding_kind_names.size(); ++k) {
    Document counts = Document::object();
    for (std::size_t st = 0; st < compliance_status_names.size(); ++st)
      counts[std::string(compliance_status_names[st])] = s.by_kind_status[k][st];
    by_kind[std::string(compliance_finding_kind_names[k])] = std::move(counts);
  }
  Document by_status = Document::object();
  for (std::size_t st = 0; st < compliance_status_names.size(); ++st)
    by_status[std::string(compliance_status_names[st])] = s.by_status[st];
  return Document{{"findings", s.total()},
                  {"by_status", std::move(by_status)},
                  {"by_kind", std::move(by_kind)},
                  {"groups", s.groups},
                  {"meetings_held", s.meetings_held},
                  {"meetings_assessed", s.meetings_assessed},
                  {"meetings_quorate", s.meetings_quorate},
                  {"attendances_expected", s.attendances_expected},
                  {"attendances", s.attendances},
                  {"absences_without_valid_reason", s.absences_without_valid_reason}};
}

SAFEGUARDING_FUNC Document report_document(const ComplianceReport& r) {
  Document findings = Document::array();
  for (const ComplianceFinding& f : r.findings) findings.push_back(finding_document(f));
  return Document{{"partnership", r.partnership},
                  {"area", r.area},
                  {"edition", name_of(r.edition, edition_names)},
                  {"edition_from", date_value(r.edition_from)},
                  {"start", date_value(r.start)},
                  {"as_of", to_iso(r.as_of)},
                  {"calendar", r.calendar},
                  {"due_soon", r.due_soon.str()},
                  {"attendance_target", r.attendance_target},
                  {"summary", summary_document(r.summary)},
                  {"findings", std::move(findings)}};
}

}  // namespace json::detail

SAFEGUARDING_FUNC std::string report_to_json(const ComplianceReport& report, int indent) {
  return json::dump(json::detail::report_document(report), indent);
}

SAFEGUARDING_FUNC std::string report_summary_to_json(const ComplianceReport& report, int indent) {
  return json::dump(json::detail::summary_document(report.summary), indent);
}

SAFEGUARDING_FUNC std::string ComplianceReport::to_json(int indent) const {
  return report_to_json(*this, indent);
}

}  // namespace safeguarding::inline v0
