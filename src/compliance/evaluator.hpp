// The compliance evaluation (private): the indexes it needs, built once, and one step per kind of
// finding (each in its own file of src/compliance/), run in the order of ComplianceFindingKind so
// that the findings come out in report order.
// Its include guard follows its includes (header-only mode: docs/architecture.md).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "safeguarding/compliance.hpp"

#ifndef SAFEGUARDING_SRC_COMPLIANCE_EVALUATOR_HPP
#define SAFEGUARDING_SRC_COMPLIANCE_EVALUATOR_HPP

namespace safeguarding::inline v0::detail {

/// Lateness of `late` after `due`, in working and calendar days.
void set_lateness(ComplianceFinding& f, const Calendar& cal, Date due, Date late);
/// "3 working days (5 calendar days)".
std::string lateness_text(const ComplianceFinding& f);

/// The agency's attendance at a meeting, or nullptr.
const Attendance* attendance_of(const Meeting& m, std::string_view agency);
/// The agency's apologies for a meeting, or nullptr.
const Apology* apology_of(const Meeting& m, std::string_view agency);
/// Whether the agency attended as a member or deputy (an invited agency is not a member's place).
inline bool attended(const Attendance* a) {
  return a != nullptr && a->capacity != Capacity::invited;
}

class Evaluator {
 public:
  Evaluator(const Partnership& p, Date as_of, const EvaluationOptions& options);
  ComplianceReport run();

 private:
  void index_meetings();
  void index_activities();

  /// A finding of the partnership's own rules (confidence "local").
  ComplianceFinding& add(ComplianceFindingKind kind, ComplianceStatus status, std::string requirement,
                         std::string source, std::string subject_type, std::string subject, std::string subject_name);
  /// A finding of a governance requirement (its text, source and confidence).
  ComplianceFinding& add(ComplianceFindingKind kind, ComplianceStatus status, std::string_view requirement_id,
                         std::string subject_type, std::string subject, std::string subject_name);
  /// The status of something due on `due` and not yet done as of today.
  ComplianceStatus outstanding(Date due) const;
  ComplianceStatus period_status(const MeetingPeriod& period, std::int64_t n, std::int64_t at_least) const;
  Date group_start(const Group& g) const { return g.from.value_or(p_.start); }
  const std::vector<std::size_t>& meetings_of(const Group& g) const;
  std::vector<const Activity*> activities_of(std::string_view type) const;
  std::string role_title(const std::string& id) const;

  /// Periods from `from` to the as-of date, each with how many of the sorted `dates` fall in it and
  /// the index of the first of them. When none has begun by the as-of date, the first period, which
  /// has not begun, with none: a group or duty is never missing from the report.
  template <class OnPeriod>
  void per_period(const Frequency& f, Date from, const std::vector<Date>& dates, OnPeriod on_period) const {
    auto periods = periods_between(from, as_of_, f.unit, f.aligned_to, p_.year_start);
    if (periods.empty()) periods.push_back(first_period_from(from, f.unit, f.aligned_to, p_.year_start));
    std::size_t k = 0;
    for (const MeetingPeriod& period : periods) {
      while (k < dates.size() && dates[k] < period.first) ++k;
      std::int64_t n = 0;
      for (std::size_t j = k; j < dates.size() && dates[j] <= period.last; ++j) ++n;
      on_period(period, n, k);
    }
  }

  /// Whether the edition in force on the as-of date is `e` or later.
  bool edition_at_least(Edition e) const { return edition_ >= e; }
  /// The first and last day a partner is in place within the partnership's life up to the as-of
  /// date (from its `from` or the start, to its `until` or the as-of date); nullopt when none.
  std::optional<MeetingPeriod> span_of(const SafeguardingPartner& partner) const;
  /// "the local authority's chief executive": the lead Working Together 2023 names for a partner.
  static std::string expected_lead(PartnerKind kind);
  /// The not-applicable finding of a requirement of a later edition than the one in force.
  void not_yet_in_force(ComplianceFindingKind kind, std::string_view requirement_id, Edition needed,
                        const std::string& what);
  /// The duty marked as discharging a statutory requirement, or nullptr.
  const Duty* statutory_duty(StatutoryDuty s) const;
  /// A duty's activities as of today that count for it: for independent scrutiny, those with evidence.
  std::vector<const Activity*> counted_activities(const Duty& d) const;

  // One step per kind of finding (safeguarding_partners.cpp, arrangements.cpp, …).
  void safeguarding_partners();
  void health_partner();          // health_partner.cpp
  void lead_partners();           // wt2023_roles.cpp
  void delegated_partners();      // wt2023_roles.cpp
  void partnership_chair();       // wt2023_roles.cpp
  void designated_agencies();     // cwsa2026.cpp
  void child_protection_teams();  // cwsa2026.cpp
  void arrangements();
  void republication();  // republication_sign_off.cpp
  void sign_off();       // republication_sign_off.cpp
  void sign_off_document(SignOffDocument document, const std::string& subject, const std::string& name, Date date,
                         const std::string& dated, std::string subject_type);
  void statutory_duties();  // statutory_duties.cpp, with the four below
  ComplianceFinding& statutory_finding(std::string_view requirement_id, const Duty* d, bool ok);
  const Duty* yearly_report_duty();
  void independent_scrutiny_duty();
  void yearly_report_sent_duty(const Duty* report);
  void group_chairs();
  void group_members();
  void meeting_frequency(const Group& g);
  std::string frequency_sentence(const Group& g, const MeetingPeriod& period, std::int64_t n,
                                 ComplianceStatus status) const;
  void quorum(const Group& g);
  std::vector<std::string> quorum_shortfalls(const Group& g, const Meeting& m) const;
  void attendance(const Group& g);
  void non_attendance(const Group& g);

  // Duties (duties.cpp).
  void duty(const Duty& d);
  void interval_duty(const Duty& d, Date from, const std::vector<const Activity*>& acts);
  void yearly_duty(const Duty& d, Date from, const std::vector<const Activity*>& acts);
  void count_duty(const Duty& d, Date from, const std::vector<const Activity*>& acts);
  void after_each_duty(const Duty& d, Date from, const std::vector<const Activity*>& acts);
  const ThresholdVersion* threshold_basis(const Duty& d, Date from) const;
  void note_threshold_version(const Duty& d, std::size_t first_finding);
  ComplianceFinding& duty_finding(const Duty& d, ComplianceStatus status, std::string requirement);
  ComplianceFinding& instance(const Duty& d, const std::string& requirement, Date due, const Activity* done,
                              const std::string& label);

  const Partnership& p_;
  Date as_of_;
  Edition edition_;  // in force on the as-of date
  Calendar cal_;
  Timescale due_soon_;
  std::int64_t target_;
  Date horizon_;
  std::unordered_map<std::string_view, std::vector<std::size_t>> meetings_by_group_;
  std::unordered_map<std::string_view, std::vector<const Activity*>> activities_by_type_;
  std::unordered_map<std::string_view, std::vector<const Activity*>> followers_;  // activity id -> those that follow it
  std::unordered_map<std::string_view, const Role*> roles_;
  std::vector<Activity> threshold_versions_;  // the threshold document's versions as review activities
  std::vector<ComplianceFinding> findings_;
  ComplianceSummary summary_;
};

}  // namespace safeguarding::inline v0::detail

#endif  // SAFEGUARDING_SRC_COMPLIANCE_EVALUATOR_HPP
