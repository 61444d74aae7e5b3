// The compliance evaluation: its indexes, the steps in report order, and the summary.
#include "safeguarding/compliance.hpp"

#include <algorithm>

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0 {

namespace detail {

SAFEGUARDING_FUNC void set_lateness(ComplianceFinding& f, const Calendar& cal, Date due, Date late) {
  f.late_calendar_days = std::max<std::int64_t>(0, days_between(due, late));
  f.late_working_days = late > due ? cal.working_days_between(due, late) : 0;
}

SAFEGUARDING_FUNC std::string lateness_text(const ComplianceFinding& f) {
  return support::plural(*f.late_working_days, "working day", "working days") + " (" +
         support::plural(*f.late_calendar_days, "calendar day", "calendar days") + ")";
}

SAFEGUARDING_FUNC Evaluator::Evaluator(const Partnership& p, Date as_of, const EvaluationOptions& options)
    : p_(p),
      as_of_(as_of),
      edition_(p.edition_on(as_of)),
      cal_(p.calendar),
      due_soon_(options.due_soon.value_or(p.settings.due_soon)),
      target_(options.attendance_target.value_or(p.settings.attendance_target)) {
  if (as_of.is_special()) throw Error("evaluate: expected an as-of date, got not-a-date");
  if (!cal_.covers(as_of))
    throw Error("evaluate: the as-of date " + to_iso(as_of) + " is outside " + cal_.range_text());
  if (target_ < 0 || target_ > 100)
    throw Error("evaluate: the attendance target must be a percentage from 0 to 100, got " + std::to_string(target_));
  horizon_ = due_soon_.due(as_of, cal_);
  for (const Role& r : p.roles) roles_.emplace(r.id, &r);
  index_meetings();
  index_activities();
}

SAFEGUARDING_FUNC void Evaluator::index_meetings() {
  for (std::size_t i = 0; i < p_.meetings.size(); ++i)
    if (p_.meetings[i].date <= as_of_) meetings_by_group_[p_.meetings[i].group].push_back(i);
  for (auto& [group, list] : meetings_by_group_)
    std::stable_sort(list.begin(), list.end(),
                     [&](std::size_t a, std::size_t b) { return p_.meetings[a].date < p_.meetings[b].date; });
}

SAFEGUARDING_FUNC void Evaluator::index_activities() {
  for (const Activity& a : p_.activities) {
    activities_by_type_[a.type].push_back(&a);
    if (!a.follows.empty()) followers_[a.follows].push_back(&a);
  }
  // Each version of the threshold document counts as a review of it on its effective date: an
  // activity of the document's review type, so that a duty to keep it up to date is met or
  // breached by the versions as by recorded reviews.
  if (p_.thresholds) {
    threshold_versions_.reserve(p_.thresholds->versions.size());
    for (const ThresholdVersion& v : p_.thresholds->versions) {
      if (v.from.is_special()) continue;
      threshold_versions_.push_back(Activity{"threshold-version:" + v.id, p_.thresholds->review_activity, v.from, "",
                                             "version " + quote(v.id) + " of the threshold document", v.title, ""});
      activities_by_type_[p_.thresholds->review_activity].push_back(&threshold_versions_.back());
    }
  }
  for (auto& [type, list] : activities_by_type_)
    std::stable_sort(list.begin(), list.end(), [](const Activity* a, const Activity* b) { return a->date < b->date; });
}

SAFEGUARDING_FUNC ComplianceReport Evaluator::run() {
  ComplianceReport r;
  r.partnership = p_.name;
  r.area = p_.area;
  r.edition = edition_;
  r.edition_from = p_.edition_from(as_of_);
  r.start = p_.start;
  r.as_of = as_of_;
  r.due_soon = due_soon_;
  r.attendance_target = target_;
  r.calendar = cal_.name();
  summary_.groups = static_cast<std::int64_t>(p_.groups.size());
  safeguarding_partners();
  health_partner();
  lead_partners();
  delegated_partners();
  partnership_chair();
  designated_agencies();
  child_protection_teams();
  arrangements();
  republication();
  sign_off();
  group_chairs();
  group_members();
  for (const Group& g : p_.groups) meeting_frequency(g);
  for (const Group& g : p_.groups) quorum(g);
  for (const Group& g : p_.groups) attendance(g);
  for (const Group& g : p_.groups) non_attendance(g);
  statutory_duties();
  for (const Duty& d : p_.duties) duty(d);
  // The steps above run in the order of ComplianceFindingKind, so the findings are in report order.
  for (const ComplianceFinding& f : findings_) {
    summary_.by_status[static_cast<std::size_t>(f.status)] += 1;
    summary_.by_kind_status[static_cast<std::size_t>(f.kind)][static_cast<std::size_t>(f.status)] += 1;
  }
  r.findings = std::move(findings_);
  r.summary = summary_;
  return r;
}

SAFEGUARDING_FUNC ComplianceFinding& Evaluator::add(ComplianceFindingKind kind, ComplianceStatus status,
                                                    std::string requirement, std::string source,
                                                    std::string subject_type, std::string subject,
                                                    std::string subject_name) {
  ComplianceFinding f;
  f.kind = kind;
  f.status = status;
  f.requirement = std::move(requirement);
  f.source = std::move(source);
  f.subject_type = std::move(subject_type);
  f.subject = std::move(subject);
  f.subject_name = std::move(subject_name);
  f.confidence = "local";
  findings_.push_back(std::move(f));
  return findings_.back();
}

SAFEGUARDING_FUNC ComplianceFinding& Evaluator::add(ComplianceFindingKind kind, ComplianceStatus status,
                                                    std::string_view requirement_id, std::string subject_type,
                                                    std::string subject, std::string subject_name) {
  const GovernanceRequirement& r = governance_requirement(requirement_id);
  ComplianceFinding& f = add(kind, status, std::string(r.text), std::string(r.source), std::move(subject_type),
                             std::move(subject), std::move(subject_name));
  f.confidence = std::string(r.confidence);
  return f;
}

SAFEGUARDING_FUNC std::optional<MeetingPeriod> Evaluator::span_of(const SafeguardingPartner& partner) const {
  const Date first = partner.from && *partner.from > p_.start ? *partner.from : p_.start;
  const Date last = partner.until && *partner.until < as_of_ ? *partner.until : as_of_;
  if (last < first) return std::nullopt;
  return MeetingPeriod{first, last};
}

SAFEGUARDING_FUNC std::string Evaluator::expected_lead(PartnerKind kind) {
  switch (kind) {
    case PartnerKind::local_authority:
      return "the local authority's chief executive";
    case PartnerKind::ccg:
    case PartnerKind::icb:
      return "the ICB's chief executive";
    case PartnerKind::police:
      break;
  }
  return "the chief officer of police";
}

SAFEGUARDING_FUNC void Evaluator::not_yet_in_force(ComplianceFindingKind kind, std::string_view requirement_id,
                                                   Edition needed, const std::string& what) {
  // When the file moves to the needed edition after the as-of date, say when.
  std::optional<Date> later;
  for (const EditionChange& c : p_.edition_changes)
    if (c.edition >= needed && c.from > as_of_ && !later) later = c.from;
  std::string text = what + "; on " + to_long_text(as_of_) + " the partnership's arrangements follow " +
                     std::string(edition_title(edition_));
  if (later)
    text += " (its file moves to " + std::string(edition_title(p_.edition_on(*later))) + " on " + to_long_text(*later) +
            ")";
  else if (needed == Edition::cwsa2026)
    text += " (the Act's sections come into force on a day set by regulations: the partnership's file sets none)";
  add(kind, ComplianceStatus::not_applicable, requirement_id, "partnership", "", p_.name).text = text + ".";
}

SAFEGUARDING_FUNC const Duty* Evaluator::statutory_duty(StatutoryDuty s) const {
  for (const Duty& d : p_.duties)
    if (d.statutory == s) return &d;
  return nullptr;
}

SAFEGUARDING_FUNC std::vector<const Activity*> Evaluator::counted_activities(const Duty& d) const {
  auto acts = activities_of(d.activity);
  if (d.statutory == StatutoryDuty::independent_scrutiny)
    std::erase_if(acts, [](const Activity* a) { return a->evidence.empty(); });
  return acts;
}

SAFEGUARDING_FUNC ComplianceStatus Evaluator::outstanding(Date due) const {
  if (due < as_of_) return ComplianceStatus::breached;
  return due <= horizon_ ? ComplianceStatus::due_soon : ComplianceStatus::not_yet_due;
}

SAFEGUARDING_FUNC ComplianceStatus Evaluator::period_status(const MeetingPeriod& period, std::int64_t n,
                                                            std::int64_t at_least) const {
  if (n >= at_least) return ComplianceStatus::met;
  return outstanding(period.last);
}

SAFEGUARDING_FUNC const std::vector<std::size_t>& Evaluator::meetings_of(const Group& g) const {
  static const std::vector<std::size_t> none;
  auto it = meetings_by_group_.find(g.id);
  return it == meetings_by_group_.end() ? none : it->second;
}

SAFEGUARDING_FUNC std::vector<const Activity*> Evaluator::activities_of(std::string_view type) const {
  auto it = activities_by_type_.find(type);
  return it == activities_by_type_.end() ? std::vector<const Activity*>{} : it->second;
}

SAFEGUARDING_FUNC std::string Evaluator::role_title(const std::string& id) const {
  auto it = roles_.find(id);
  return it == roles_.end() ? id : it->second->title;
}

}  // namespace detail

SAFEGUARDING_FUNC ComplianceReport evaluate(const Partnership& partnership, Date as_of,
                                            const EvaluationOptions& options) {
  partnership.validate();
  return detail::Evaluator(partnership, as_of, options).run();
}

SAFEGUARDING_FUNC ComplianceReport Partnership::evaluate(Date as_of) const {
  return safeguarding::evaluate(*this, as_of, {});
}

SAFEGUARDING_FUNC ComplianceReport Partnership::evaluate(Date as_of, const EvaluationOptions& options) const {
  return safeguarding::evaluate(*this, as_of, options);
}

}  // namespace safeguarding::inline v0
