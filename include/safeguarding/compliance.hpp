// Governance compliance: a partnership evaluated as of a date gives a ComplianceReport, a list of
// findings (each a requirement tested on one subject, with its source, status, dates, lateness and a
// plain-English sentence) and a partnership-level summary. See docs/partnership.md ("The report").
//
// Findings come in a fixed order: by kind (the order of ComplianceFindingKind), then by the subject's order in
// the partnership's data (groups, agencies and duties as listed; meetings and periods by date).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/partnership.hpp"
#include "safeguarding/support/names.hpp"

namespace safeguarding::inline v0 {

enum class ComplianceStatus : std::uint8_t { met, breached, due_soon, not_yet_due, not_applicable };
/// JSON names; `compliance_status_title` gives the words for sentences.
inline constexpr std::array<std::string_view, 5> compliance_status_names = {"met", "breached", "due-soon",
                                                                            "not-yet-due", "not-applicable"};
inline std::string_view compliance_status_title(ComplianceStatus s) {
  static constexpr std::array<std::string_view, 5> titles = {"met", "breached", "due soon", "not yet due",
                                                             "not applicable"};
  return support::enum_name(s, titles);
}

enum class ComplianceFindingKind : std::uint8_t {
  safeguarding_partners,   ///< the three statutory partners are named, in each period of the partnership's history
  health_partner,          ///< a health partner is a CCG before 1 July 2022 and an ICB from then
  lead_partners,           ///< each partner's lead safeguarding partner is the post the guidance names (WT2023)
  delegated_partners,      ///< each partner has exactly one delegated safeguarding partner (WT2023)
  partnership_chair,       ///< a partnership chair is named (WT2023)
  designated_agencies,     ///< each designated childcare or education agency is included (CWSA 2026 s2)
  child_protection_teams,  ///< the multi-agency child protection teams and their core members (CWSA 2026 s3)
  arrangements,            ///< the published arrangements cover a required item
  republication,           ///< arrangements under WT2018 republished under WT2023 in time
  sign_off,                ///< a document signed off by the lead safeguarding partners (WT2023)
  group_chair,             ///< a group has a chair
  group_members,           ///< a group has members
  meeting_frequency,       ///< a group met as often as its frequency in one period
  quorum,                  ///< a meeting was quorate
  attendance,              ///< a member agency's attendance rate at a group
  non_attendance,          ///< a member agency absent from a meeting without a valid reason (to escalate)
  statutory_duties,        ///< a duty discharges each requirement of the law (yearly report, scrutiny, …)
  duty,                    ///< one instance of a recurring duty
};
inline constexpr std::array<std::string_view, 18> compliance_finding_kind_names = {"safeguarding-partners",
                                                                                   "health-partner",
                                                                                   "lead-partners",
                                                                                   "delegated-partners",
                                                                                   "partnership-chair",
                                                                                   "designated-agencies",
                                                                                   "child-protection-teams",
                                                                                   "arrangements",
                                                                                   "republication",
                                                                                   "sign-off",
                                                                                   "group-chair",
                                                                                   "group-members",
                                                                                   "meeting-frequency",
                                                                                   "quorum",
                                                                                   "attendance",
                                                                                   "non-attendance",
                                                                                   "statutory-duties",
                                                                                   "duty"};
inline constexpr std::size_t compliance_finding_kind_count = compliance_finding_kind_names.size();

/// "Meetings", "Quorum": headings for the text report.
inline std::string_view compliance_finding_kind_title(ComplianceFindingKind kind) {
  static constexpr std::array<std::string_view, compliance_finding_kind_count> titles = {
      "Safeguarding partners",
      "Health partner (CCG or ICB)",
      "Lead safeguarding partners",
      "Delegated safeguarding partners",
      "Partnership chair",
      "Designated childcare and education agencies",
      "Multi-agency child protection teams",
      "Published arrangements",
      "Republication under Working Together 2023",
      "Sign-off by the lead safeguarding partners",
      "Chairs",
      "Members",
      "Meetings",
      "Quorum",
      "Attendance",
      "Non-attendance",
      "Statutory duties",
      "Duties"};
  return support::enum_name(kind, titles);
}

/// One requirement tested on one subject.
struct ComplianceFinding {
  ComplianceFindingKind kind = ComplianceFindingKind::duty;
  ComplianceStatus status = ComplianceStatus::not_applicable;
  std::string requirement;  // what is required, in words
  std::string source;       // where it is required: the arrangements' paragraph or the guidance
  /// How sure the requirement is: "confirmed", "secondary" or "check" for the law's and the
  /// guidance's (governance_requirements(), required_contents()), "local" for the partnership's own.
  std::string confidence;
  std::string subject_type;  // "partnership", "arrangements", "group", "agency", "team", "meeting", "duty",
                             // "activity", "threshold-version", "requirement"
  std::string subject;       // the subject's id
  std::string subject_name;  // the subject's name, for readers
  std::string group;         // the group concerned, if any (attendance, non-attendance, quorum)
  std::optional<MeetingPeriod> period;
  std::optional<Date> due;
  std::optional<Date> actual;
  std::optional<std::int64_t> late_working_days;  // actual (or, when still outstanding, the as-of date) after due
  std::optional<std::int64_t> late_calendar_days;
  std::string text;  // a plain-English sentence

  friend bool operator==(const ComplianceFinding&, const ComplianceFinding&) = default;
};

/// Overrides for one evaluation; unset values come from the partnership's settings.
struct EvaluationOptions {
  std::optional<Timescale> due_soon;
  std::optional<std::int64_t> attendance_target;
};

/// Partnership-level figures.
struct ComplianceSummary {
  std::array<std::int64_t, 5> by_status{};  // indexed by ComplianceStatus
  std::array<std::array<std::int64_t, 5>, compliance_finding_kind_count>
      by_kind_status{};  // [ComplianceFindingKind][ComplianceStatus]
  std::int64_t groups = 0;
  std::int64_t meetings_held = 0;      // meetings on or before the as-of date
  std::int64_t meetings_assessed = 0;  // of those, at groups with a quorum rule
  std::int64_t meetings_quorate = 0;
  std::int64_t attendances_expected = 0;  // member places at meetings held
  std::int64_t attendances = 0;           // of those, filled (members and deputies)
  std::int64_t absences_without_valid_reason = 0;

  [[nodiscard]] std::int64_t total() const {
    std::int64_t n = 0;
    for (auto c : by_status) n += c;
    return n;
  }
  [[nodiscard]] std::int64_t count(ComplianceStatus s) const { return by_status[static_cast<std::size_t>(s)]; }
  [[nodiscard]] std::int64_t count(ComplianceFindingKind k, ComplianceStatus s) const {
    return by_kind_status[static_cast<std::size_t>(k)][static_cast<std::size_t>(s)];
  }
  friend bool operator==(const ComplianceSummary&, const ComplianceSummary&) = default;
};

struct ComplianceReport {
  std::string partnership;
  std::string area;
  Edition edition = Edition::wt2018;  // the edition in force on the as-of date
  Date edition_from;                  // since when
  Date start;
  Date as_of;
  Timescale due_soon{90, TimeUnit::calendar_days};
  std::int64_t attendance_target = 75;
  std::string calendar;
  std::vector<ComplianceFinding> findings;
  ComplianceSummary summary;

  /// The findings with a given status, in report order.
  [[nodiscard]] std::vector<const ComplianceFinding*> with_status(ComplianceStatus s) const {
    std::vector<const ComplianceFinding*> out;
    for (const ComplianceFinding& f : findings)
      if (f.status == s) out.push_back(&f);
    return out;
  }

  /// The report as text for a partnership manager (what `safeguarding report` prints).
  [[nodiscard]] std::string to_text() const;
  /// The report as JSON: its context, the summary and every finding in report order
  /// (`indent` < 0 writes one line; src/json/compliance.cpp).
  [[nodiscard]] std::string to_json(int indent = 2) const;

  friend bool operator==(const ComplianceReport&, const ComplianceReport&) = default;
};

/// The partnership's governance compliance as of a date. The partnership must be valid
/// (`validate()`, which this calls); loading from JSON checks it.
ComplianceReport evaluate(const Partnership& partnership, Date as_of, const EvaluationOptions& options = {});

/// The report as JSON (see `ComplianceReport::to_json`).
std::string report_to_json(const ComplianceReport& report, int indent = 2);
/// The report's summary as JSON (the "summary" member of `report_to_json`).
std::string report_summary_to_json(const ComplianceReport& report, int indent = 2);

}  // namespace safeguarding::inline v0

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/compliance/arrangements.cpp"
#include "src/compliance/attendance.cpp"
#include "src/compliance/cwsa2026.cpp"
#include "src/compliance/duties.cpp"
#include "src/compliance/evaluator.cpp"
#include "src/compliance/group_chair_members.cpp"
#include "src/compliance/health_partner.cpp"
#include "src/compliance/meeting_frequency.cpp"
#include "src/compliance/non_attendance.cpp"
#include "src/compliance/quorum.cpp"
#include "src/compliance/report_text.cpp"
#include "src/compliance/republication_sign_off.cpp"
#include "src/compliance/safeguarding_partners.cpp"
#include "src/compliance/statutory_duties.cpp"
#include "src/compliance/wt2023_roles.cpp"
#include "src/json/compliance.cpp"
#endif
