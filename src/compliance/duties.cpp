// Findings of kind duty: each due instance of a recurring duty, by its schedule (interval, yearly,
// count, after each), and for the threshold document's duty the version in force.
#include "safeguarding/compliance.hpp"

#include <algorithm>

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::duty(const Duty& d) {
  const std::size_t first_finding = findings_.size();
  const Date from = d.from.value_or(p_.start);
  const auto acts = counted_activities(d);
  switch (d.schedule.kind) {
    case ScheduleKind::interval:
      interval_duty(d, from, acts);
      break;
    case ScheduleKind::yearly:
      yearly_duty(d, from, acts);
      break;
    case ScheduleKind::count:
      count_duty(d, from, acts);
      break;
    case ScheduleKind::after_each:
      after_each_duty(d, from, acts);
      break;
  }
  note_threshold_version(d, first_finding);
}

/// For a duty to keep the threshold document up to date (its activity is the document's review
/// type): the partnership's own version in force when the duty starts, whose age counts from its
/// date rather than the duty's start. nullptr for other duties.
SAFEGUARDING_FUNC const ThresholdVersion* Evaluator::threshold_basis(const Duty& d, Date from) const {
  if (!p_.thresholds || d.activity != p_.thresholds->review_activity || p_.thresholds->versions.empty()) return nullptr;
  const ThresholdVersion* basis = nullptr;
  for (const ThresholdVersion& v : p_.thresholds->versions)
    if (!v.from.is_special() && v.from <= from) basis = &v;
  return basis;
}

/// Adds, to the outstanding instance of a threshold duty, which version is in force and since when.
SAFEGUARDING_FUNC void Evaluator::note_threshold_version(const Duty& d, std::size_t first_finding) {
  if (!p_.thresholds || d.activity != p_.thresholds->review_activity) return;
  const ThresholdVersion* current = nullptr;
  for (const ThresholdVersion& v : p_.thresholds->versions)
    if (!v.from.is_special() && v.from <= as_of_) current = &v;
  if (current == nullptr) return;
  for (std::size_t i = first_finding; i < findings_.size(); ++i) {
    ComplianceFinding& f = findings_[i];
    if (f.actual || f.status == ComplianceStatus::met || f.status == ComplianceStatus::not_applicable) continue;
    f.text += " The version in force is " + quote(current->title.empty() ? current->id : current->title) +
              ", in force since " + to_long_text(current->from) + ".";
  }
}

SAFEGUARDING_FUNC ComplianceFinding& Evaluator::duty_finding(const Duty& d, ComplianceStatus status,
                                                             std::string requirement) {
  return add(ComplianceFindingKind::duty, status, std::move(requirement), d.source, "duty", d.id, d.title);
}

/// Sets status, dates, lateness and sentence for one due instance of a duty. `label` names the
/// instance in the sentence (the duty's title, or more).
SAFEGUARDING_FUNC ComplianceFinding& Evaluator::instance(const Duty& d, const std::string& requirement, Date due,
                                                         const Activity* done, const std::string& label) {
  const bool done_by_now = done != nullptr && done->date <= as_of_;
  ComplianceFinding& f = duty_finding(
      d, done_by_now ? (done->date <= due ? ComplianceStatus::met : ComplianceStatus::breached) : outstanding(due),
      requirement);
  f.due = due;
  if (done_by_now) {
    f.actual = done->date;
    set_lateness(f, cal_, due, done->date);
    f.text = f.status == ComplianceStatus::met
                 ? label + ": done on " + to_long_text(done->date) + ", due by " + to_long_text(due) + "."
                 : label + ": done on " + to_long_text(done->date) + ", " + lateness_text(f) + " after it was due on " +
                       to_long_text(due) + ".";
    if (!done->evidence.empty()) f.text += " Evidence: " + done->evidence + ".";
    return f;
  }
  switch (f.status) {
    case ComplianceStatus::breached:
      set_lateness(f, cal_, due, as_of_);
      f.text = label + ": overdue since " + to_long_text(due) + ", by " + lateness_text(f) + " as of " +
               to_long_text(as_of_) + ".";
      break;
    case ComplianceStatus::due_soon:
      f.text = label + ": due by " + to_long_text(due) + ", " +
               support::plural(cal_.working_days_between(as_of_, due), "working day", "working days") + " from now.";
      break;
    default:
      f.text = label + ": next due by " + to_long_text(due) + ".";
      break;
  }
  return f;
}

SAFEGUARDING_FUNC void Evaluator::interval_duty(const Duty& d, Date from, const std::vector<const Activity*>& acts) {
  const Schedule& s = d.schedule;
  const std::string requirement = "done at least every " + s.every->str();
  Date due = s.first_due.value_or(s.every->due(from, cal_));
  Date after = add_days(from, -1);
  // The threshold document is as old as the version in force when the duty starts: its first
  // review is due `every` after that version's date (which does not count as a review again),
  // or at the start when the version was already that old.
  if (const ThresholdVersion* basis = s.first_due ? nullptr : threshold_basis(d, from)) {
    due = std::max(s.every->due(basis->from, cal_), from);  // already out of date: due at the start
    after = std::max(after, basis->from);
  }
  std::size_t k = 0;
  while (true) {
    while (k < acts.size() && acts[k]->date <= after) ++k;
    const Activity* done = k < acts.size() && acts[k]->date <= as_of_ ? acts[k] : nullptr;
    instance(d, requirement, due, done, d.title);
    if (done == nullptr) break;
    after = done->date;
    due = s.every->due(done->date, cal_);
    ++k;
  }
}

SAFEGUARDING_FUNC void Evaluator::yearly_duty(const Duty& d, Date from, const std::vector<const Activity*>& acts) {
  const Schedule& s = d.schedule;
  const std::string requirement = "done each year by " + std::to_string(s.by_day) + " " + month_name(s.by_month);
  // The first due date is the first such day on or after the start.
  Date first(from.year(), static_cast<unsigned short>(s.by_month), static_cast<unsigned short>(s.by_day));
  if (first < from) first = add_years(first, 1);
  std::vector<Date> dues;  // every year's due date up to the first on or after the as-of date
  for (int year = 0; dues.empty() || dues.back() < as_of_; ++year) dues.push_back(add_years(first, year));
  // Each activity belongs to the window (previous due date, due date] holding it, the first
  // year's window starting at the duty's start. It completes that year, unless the year before
  // went without one and the activity is at least as near to that year's due date as to this
  // one: then it completes the year before, late. A second activity for a year completes nothing.
  std::vector<const Activity*> done(dues.size(), nullptr);
  std::size_t k = 0;
  for (const Activity* a : acts) {
    if (a->date < from || a->date > as_of_) continue;
    while (a->date > dues[k]) ++k;  // the last due date is on or after the as-of date
    if (k > 0 && done[k - 1] == nullptr && days_between(dues[k - 1], a->date) <= days_between(a->date, dues[k]))
      done[k - 1] = a;
    else if (done[k] == nullptr)
      done[k] = a;
  }
  for (std::size_t year = 0; year < dues.size(); ++year) instance(d, requirement, dues[year], done[year], d.title);
}

/// The sentence for one period of a count duty.
SAFEGUARDING_FUNC std::string count_sentence(const Duty& d, const MeetingPeriod& period, std::int64_t n,
                                             ComplianceStatus status, Date as_of) {
  const Frequency& f = d.schedule.count;
  const std::string when = period_text(period);
  const std::string tally = std::to_string(n) + " of " + std::to_string(f.at_least);
  switch (status) {
    case ComplianceStatus::met:
      return d.title + ": " + tally + " done in " + when + ".";
    case ComplianceStatus::breached:
      return d.title + ": " + (n == 0 ? std::string("none") : "only " + tally) + " done in " + when + " (at least " +
             std::to_string(f.at_least) + " required).";
    default:
      break;
  }
  if (period.first > as_of)
    return d.title + ": first assessed in " + when + " (at least " + std::to_string(f.at_least) + " required); the " +
           std::string(period_unit_names[static_cast<std::size_t>(f.unit)]) + " begins on " +
           to_long_text(period.first) + ".";
  return d.title + ": " + tally + " done so far in " + when + ", which ends on " + to_long_text(period.last) + ".";
}

SAFEGUARDING_FUNC void Evaluator::count_duty(const Duty& d, Date from, const std::vector<const Activity*>& acts) {
  const Frequency& f = d.schedule.count;
  const std::string requirement = "at least " + frequency_text(f, p_.year_start);
  std::vector<Date> dates;
  for (const Activity* a : acts)
    if (a->date <= as_of_) dates.push_back(a->date);
  // A first period that began before the duty is not assessed (the count is for a whole period),
  // but says so, with what was done in it from the duty's start.
  if (const MeetingPeriod partial = period_containing(from, f.unit, f.aligned_to, p_.year_start);
      partial.first < from) {
    const auto n =
        std::count_if(dates.begin(), dates.end(), [&](Date day) { return day >= from && day <= partial.last; });
    ComplianceFinding& x = duty_finding(d, ComplianceStatus::not_applicable, requirement);
    x.period = partial;
    x.text = d.title + ": " + period_text(partial) + " began before the duty started on " + to_long_text(from) +
             ", so it is not assessed (" + (n == 0 ? std::string("none") : std::to_string(n)) +
             " done in it from that date).";
  }
  per_period(f, from, dates, [&](const MeetingPeriod& period, std::int64_t n, std::size_t first) {
    ComplianceFinding& x = duty_finding(d, period_status(period, n, f.at_least), requirement);
    x.period = period;
    x.due = period.last;
    if (n >= f.at_least) x.actual = dates[first + static_cast<std::size_t>(f.at_least) - 1];
    x.text = count_sentence(d, period, n, x.status, as_of_);
  });
}

SAFEGUARDING_FUNC void Evaluator::after_each_duty(const Duty& d, Date from, const std::vector<const Activity*>&) {
  const Schedule& s = d.schedule;
  const std::string requirement = "done within " + s.within->str() + " of each " + s.after;
  bool any = false;
  for (const Activity* trigger : activities_of(s.after)) {
    if (trigger->date < from || trigger->date > as_of_) continue;
    any = true;
    const Date due = s.within->due(trigger->date, cal_);
    // The earliest activity of the duty's type that follows the trigger.
    const Activity* done = nullptr;
    if (auto it = followers_.find(trigger->id); it != followers_.end())
      for (const Activity* a : it->second)
        if (a->type == d.activity && (d.statutory != StatutoryDuty::independent_scrutiny || !a->evidence.empty()) &&
            (done == nullptr || a->date < done->date))
          done = a;
    const std::string name = trigger->title.empty() ? trigger->id : quote(trigger->title);
    ComplianceFinding& f =
        instance(d, requirement, due, done, d.title + " after " + name + " (" + to_long_text(trigger->date) + ")");
    f.subject_name = d.title + " (after " + name + " on " + to_iso(trigger->date) + ")";
  }
  if (!any)  // nothing has started a clock yet
    duty_finding(d, ComplianceStatus::not_yet_due, requirement).text =
        d.title + ": nothing is due yet (no " + s.after + " since " + to_long_text(from) + ").";
}

}  // namespace safeguarding::inline v0::detail
