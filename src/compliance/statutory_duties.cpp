// Findings of kind statutory_duties: for each duty the law sets the safeguarding partners (the yearly
// report, independent scrutiny, sending the yearly report), a duty of the partnership's file is
// marked as discharging it, with a schedule that can; independent scrutiny is owned by an independent
// role and each of its activities has its evidence recorded. The duties' instances are `duty`
// findings like any other's.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

/// "at least every 12 months", "each year by 31 July": a schedule in words.
SAFEGUARDING_FUNC std::string schedule_words(const Schedule& s, unsigned year_start) {
  switch (s.kind) {
    case ScheduleKind::interval:
      return "at least every " + (s.every ? s.every->str() : std::string("?"));
    case ScheduleKind::yearly:
      return "each year by " + std::to_string(s.by_day) + " " + month_name(s.by_month);
    case ScheduleKind::count:
      return "at least " + frequency_text(s.count, year_start);
    case ScheduleKind::after_each:
      break;
  }
  return "within " + (s.within ? s.within->str() : std::string("?")) + " of each " + s.after;
}

SAFEGUARDING_FUNC void Evaluator::statutory_duties() {
  if (edition_ == Edition::lscb_wt2015) {
    add(ComplianceFindingKind::statutory_duties, ComplianceStatus::not_applicable, "statutory.yearly-report",
        "partnership", "", p_.name)
        .text =
        "The safeguarding partners' duties (a yearly report, independent scrutiny) do not apply to an LSCB "
        "under Working Together 2015.";
    return;
  }
  const Duty* report = yearly_report_duty();
  independent_scrutiny_duty();
  yearly_report_sent_duty(report);
}

/// A finding about the duty `d` marked as discharging a requirement, or about the requirement when
/// no duty is (breached).
SAFEGUARDING_FUNC ComplianceFinding& Evaluator::statutory_finding(std::string_view requirement_id, const Duty* d,
                                                                  bool ok) {
  return d != nullptr
             ? add(ComplianceFindingKind::statutory_duties, ok ? ComplianceStatus::met : ComplianceStatus::breached,
                   requirement_id, "duty", d->id, d->title)
             : add(ComplianceFindingKind::statutory_duties, ComplianceStatus::breached, requirement_id, "requirement",
                   std::string(requirement_id), "");
}

/// The yearly report: at least once in every 12 months. Returns the duty marked as the report.
SAFEGUARDING_FUNC const Duty* Evaluator::yearly_report_duty() {
  const Duty* report = statutory_duty(StatutoryDuty::yearly_report);
  if (report == nullptr) {
    statutory_finding("statutory.yearly-report", nullptr, false).text =
        "No duty in the partnership's file is marked as the yearly report (\"statutory\": \"yearly-report\"): the "
        "safeguarding partners must publish one at least once in every 12 months.";
  } else {
    const Schedule& s = report->schedule;
    bool often_enough = true;
    if (s.kind == ScheduleKind::interval && s.every)
      often_enough = s.every->due(p_.start, cal_) <= add_months(p_.start, 12);
    else if (s.kind == ScheduleKind::after_each)
      often_enough = false;
    ComplianceFinding& f = statutory_finding("statutory.yearly-report", report, often_enough);
    f.text = often_enough ? "The yearly report is the duty " + quote(report->title) + " (" +
                                schedule_words(s, p_.year_start) + ")."
                          : "The duty " + quote(report->title) + " marked as the yearly report is due " +
                                schedule_words(s, p_.year_start) + ", which is not at least once in every 12 months.";
  }
  return report;
}

/// Independent scrutiny: owned by an independent role, each activity with its evidence.
SAFEGUARDING_FUNC void Evaluator::independent_scrutiny_duty() {
  const Duty* scrutiny = statutory_duty(StatutoryDuty::independent_scrutiny);
  if (scrutiny == nullptr) {
    statutory_finding("statutory.independent-scrutiny", nullptr, false).text =
        "No duty in the partnership's file is marked as independent scrutiny (\"statutory\": "
        "\"independent-scrutiny\"): the arrangements must provide for scrutiny of their effectiveness by an "
        "independent person, recorded with its evidence.";
  } else {
    const auto it = scrutiny->owner.empty() ? roles_.end() : roles_.find(scrutiny->owner);
    const Role* owner = it == roles_.end() ? nullptr : it->second;
    const bool independent = owner != nullptr && owner->agency.empty();
    std::vector<std::string> unevidenced;
    std::int64_t activities = 0;
    for (const Activity* a : activities_of(scrutiny->activity)) {
      if (a->date > as_of_) continue;
      ++activities;
      if (a->evidence.empty()) unevidenced.push_back(quote(a->id) + " (" + to_long_text(a->date) + ")");
    }
    ComplianceFinding& f =
        statutory_finding("statutory.independent-scrutiny", scrutiny, independent && unevidenced.empty());
    f.text = "Independent scrutiny is the duty " + quote(scrutiny->title) + ", ";
    if (owner == nullptr)
      f.text += scrutiny->owner.empty()
                    ? "which has no owner: name the independent scrutineer's role"
                    : "owned by " + p_.agency_name(scrutiny->owner) + ", not a role independent of the partners";
    else if (!independent)
      f.text += "owned by " + quote(owner->title) + ", hosted by " + p_.agency_name(owner->agency) +
                ", so not independent of the partners";
    else
      f.text += "owned by " + quote(owner->title) + ", independent of the partners";
    if (!unevidenced.empty())
      f.text += "; " +
                support::plural(static_cast<std::int64_t>(unevidenced.size()), "activity has", "activities have") +
                " no evidence recorded and " + (unevidenced.size() == 1 ? "is" : "are") +
                " not counted: " + support::join_list(unevidenced);
    else if (activities > 0)
      f.text += "; " + std::string(activities == 1 ? "its activity has" : "each of its activities has") +
                " its evidence recorded";
    f.text += ".";
  }
}

/// Sending the yearly report (7 days: check), within the duty's own timescale after each report.
SAFEGUARDING_FUNC void Evaluator::yearly_report_sent_duty(const Duty* report) {
  const Duty* sent = statutory_duty(StatutoryDuty::yearly_report_sent);
  if (sent == nullptr) {
    statutory_finding("statutory.yearly-report-sent", nullptr, false).text =
        "No duty in the partnership's file is marked as sending the yearly report (\"statutory\": "
        "\"yearly-report-sent\"): Working Together asks for it to be sent to the Child Safeguarding Practice Review "
        "Panel and the What Works Centre within 7 days of publication (recalled, not read: check).";
  } else {
    const Schedule& s = sent->schedule;
    const bool linked = s.kind == ScheduleKind::after_each && (report == nullptr || s.after == report->activity);
    ComplianceFinding& f = statutory_finding("statutory.yearly-report-sent", sent, linked);
    if (linked)
      f.text = "Sending the yearly report is the duty " + quote(sent->title) + " (" + schedule_words(s, p_.year_start) +
               "; Working Together's 7 days is not confirmed: check).";
    else
      f.text = "The duty " + quote(sent->title) + " marked as sending the yearly report must start its clock at each " +
               (report != nullptr ? quote(report->activity) : std::string("yearly report")) +
               " (\"kind\": \"after-each\", \"after\": " +
               (report != nullptr ? "\"" + report->activity + "\"" : std::string("the report's activity")) +
               "), but it is due " + schedule_words(s, p_.year_start) + ".";
  }
}

}  // namespace safeguarding::inline v0::detail
