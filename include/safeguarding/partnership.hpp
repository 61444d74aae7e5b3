// The safeguarding partnership: who is in it, how it is organised (the accountability tree of
// groups), what it has promised to do (recurring duties, the published arrangements' contents), and
// the records of what it did (meetings and activities). Evaluation against a date is in
// compliance.hpp; the JSON format (docs/partnership.md) is read and written by `Partnership::load`,
// `Partnership::from_json` and `to_json` (src/json/).
//
// Every local choice (meeting frequencies, quorum rules, duty timescales, the "due soon" window,
// the attendance target) is data set per partnership; nothing here hard-codes Haringey's values.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/config.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/support/names.hpp"
#include "safeguarding/thresholds.hpp"
#include "safeguarding/timescale.hpp"

namespace safeguarding::inline v0 {

// Vocabularies ---------------------------------------------------------------------------------
// Each enum has its JSON names (`*_names`), in declaration order.

/// The statutory framework the partnership works under, in the order the frameworks follow each
/// other (a partnership's file moves forwards only: `Partnership::edition_changes`).
enum class Edition : std::uint8_t {
  lscb_wt2015,  ///< a Local Safeguarding Children Board under Working Together 2015
  wt2018,       ///< multi-agency safeguarding arrangements under Working Together 2018
  wt2023,       ///< Working Together 2023: lead and delegated safeguarding partners, a partnership chair
  cwsa2026,     ///< Working Together 2023 with the Children's Wellbeing and Schools Act 2026 ss 2-3 in force
};
inline constexpr std::array<std::string_view, 4> edition_names = {"LSCB-WT2015", "WT2018", "WT2023", "CWSA2026"};

/// "Working Together 2018": for sentences.
inline std::string_view edition_title(Edition e) {
  static constexpr std::array<std::string_view, 4> titles = {
      "a Local Safeguarding Children Board under Working Together 2015", "Working Together 2018",
      "Working Together 2023",
      "Working Together 2023 with the Children's Wellbeing and Schools Act 2026 (ss 2\u20133)"};
  return support::enum_name(e, titles);
}

// Dates the law fixes (docs/partnership.md, "Requirements and their sources"). The Children's
// Wellbeing and Schools Act 2026's ss 2-3 have no date here: they come into force on a day set by
// regulations (s78(5)), possibly different for different areas (s78(6)), so each partnership's file
// sets it (`edition_changes`); the Act's passing is only the earliest such day.

/// Integrated care boards replaced clinical commissioning groups: Friday 1 July 2022 (Health and
/// Care Act 2022; SI 2022/634 reg 1(2) and reg 58).
inline Date icbs_established() {
  return Date(2022, 7, 1);
}
/// Working Together 2023 was published and in force: Friday 15 December 2023.
inline Date wt2023_published() {
  return Date(2023, 12, 15);
}
/// The Children's Wellbeing and Schools Act 2026 was passed (enacted): Wednesday 29 April 2026.
inline Date cwsa2026_passed() {
  return Date(2026, 4, 29);
}

/// The three statutory safeguarding partners (Children Act 2004 s16E, as amended in 2017; the
/// health partner is a CCG until 30 June 2022 and an ICB from 1 July 2022).
enum class PartnerKind : std::uint8_t { local_authority, ccg, icb, police };
inline constexpr std::array<std::string_view, 4> partner_kind_names = {"local-authority", "ccg", "icb", "police"};

enum class RoleKind : std::uint8_t {
  independent_chair,
  scrutineer,
  partnership_manager,
  business_unit,
  lay_member,
  elected_member,
  lead_representative,       ///< a partner's lead (under Working Together 2023: its lead safeguarding partner)
  delegated_representative,  ///< a partner's delegate (under Working Together 2023: its delegated safeguarding partner)
  officer,
  other,
  partnership_chair,  ///< the partnership chair (Working Together 2023)
};
inline constexpr std::array<std::string_view, 11> role_kind_names = {
    "independent-chair", "scrutineer",     "partnership-manager", "business-unit",
    "lay-member",        "elected-member", "lead-representative", "delegated-representative",
    "officer",           "other",          "partnership-chair"};

/// The post a role is, where the guidance names one: Working Together 2023's lead safeguarding
/// partners are the local authority's chief executive, the ICB's chief executive and the chief
/// officer of police.
enum class Post : std::uint8_t {
  chief_executive,
  chief_officer_of_police,
  accountable_officer,  ///< a CCG's accountable officer (its lead under Working Together 2018)
  director_of_childrens_services,
  other,
};
inline constexpr std::array<std::string_view, 5> post_names = {
    "chief-executive", "chief-officer-of-police", "accountable-officer", "director-of-childrens-services", "other"};

/// A duty the law (not only the partnership) requires, so that the compliance report can find the
/// duty that discharges it: the yearly report, its sending, independent scrutiny.
enum class StatutoryDuty : std::uint8_t { yearly_report, yearly_report_sent, independent_scrutiny };
inline constexpr std::array<std::string_view, 3> statutory_duty_names = {"yearly-report", "yearly-report-sent",
                                                                         "independent-scrutiny"};

/// The core members of a multi-agency child protection team (Children Act 2004 s16EA(4), inserted
/// by the Children's Wellbeing and Schools Act 2026 s3), and `other` members.
enum class TeamRole : std::uint8_t { education, social_worker, health_professional, police_officer, other };
inline constexpr std::array<std::string_view, 5> team_role_names = {"education", "social-worker", "health-professional",
                                                                    "police-officer", "other"};

/// The documents the lead safeguarding partners sign off under Working Together 2023.
enum class SignOffDocument : std::uint8_t { arrangements, yearly_report, threshold_document };
inline constexpr std::array<std::string_view, 3> sign_off_document_names = {"arrangements", "yearly-report",
                                                                            "threshold-document"};

enum class GroupKind : std::uint8_t {
  board,
  executive,
  leadership,
  delivery_subgroup,
  review_group,
  task_and_finish,
  forum
};
inline constexpr std::array<std::string_view, 7> group_kind_names = {
    "board", "executive", "leadership", "delivery-subgroup", "review-group", "task-and-finish", "forum"};

/// The length of the periods a frequency or a count duty is assessed over.
enum class PeriodUnit : std::uint8_t { month, quarter, half_year, year, as_required };
inline constexpr std::array<std::string_view, 5> period_unit_names = {"month", "quarter", "half-year", "year",
                                                                      "as-required"};

/// Where periods start: on calendar boundaries (quarters from January, April, July, October) or
/// from the partnership's year start (quarters of a year starting in April are April–June, …).
enum class PeriodAlignment : std::uint8_t { calendar, partnership_year };
inline constexpr std::array<std::string_view, 2> period_alignment_names = {"calendar", "partnership-year"};

enum class Capacity : std::uint8_t {
  member,   ///< the member agency's own representative (for a partner: its lead or delegated representative)
  deputy,   ///< someone attending in the member's place
  invited,  ///< an agency invited for an item, not a member of the group
};
inline constexpr std::array<std::string_view, 3> capacity_names = {"member", "deputy", "invited"};

enum class ScheduleKind : std::uint8_t {
  interval,    ///< due `every` after the previous completion ("at most 12 months apart")
  yearly,      ///< due by the same day each year ("in April": by 30 April)
  count,       ///< at least N in each period ("four deep-dive audits a year")
  after_each,  ///< within a timescale of each triggering activity ("action plans within six months of the audit")
};
inline constexpr std::array<std::string_view, 4> schedule_kind_names = {"interval", "yearly", "count", "after-each"};

inline constexpr std::array<std::string_view, 13> sector_names = {
    "local-authority", "health",    "police",    "probation", "education", "early-years", "justice",
    "housing",         "ambulance", "voluntary", "faith",     "sport",     "other"};

// The model ------------------------------------------------------------------------------------

/// Whether a dated thing (a partner, an agency, a team) is in place on a day: from `from` (none:
/// always before) to `until` (none: still), both included.
inline bool in_place_between(const std::optional<Date>& from, const std::optional<Date>& until, Date d) {
  return (!from || *from <= d) && (!until || d <= *until);
}

/// A statutory safeguarding partner: the local authority, the CCG (an ICB from July 2022) or the
/// chief officer of police. `lead` and `delegates` name roles (see `Role`): the lead (statutory)
/// representative and those with delegated authority to speak, decide and hold their own agency to
/// account for it. A body that merges or is renamed is a new partner from that date: `from` and
/// `until` bound each one, `succeeds` names the one it replaced ("Haringey CCG" until 31 March
/// 2020, then "NHS North Central London CCG"), `source` where its dates are stated.
struct SafeguardingPartner {
  std::string id;
  std::string name;
  PartnerKind kind = PartnerKind::local_authority;
  std::string lead;
  std::vector<std::string> delegates;
  std::optional<Date> from;
  std::optional<Date> until;
  std::string succeeds;
  std::string source;

  [[nodiscard]] bool in_place_on(Date d) const { return in_place_between(from, until, d); }
  friend bool operator==(const SafeguardingPartner&, const SafeguardingPartner&) = default;
};

/// A relevant agency: an organisation the partners have chosen to work with, whether or not the
/// Relevant Agency Regulations 2018 name it (those named have a statutory duty to act in
/// accordance with the arrangements). Dated as partners are; `designations` lists the designated
/// childcare or education agencies (`Partnership::designated_agencies`) it is.
struct RelevantAgency {
  std::string id;
  std::string name;
  std::string sector;  // one of sector_names
  bool named_in_regulations = false;
  std::optional<Date> from;
  std::optional<Date> until;
  std::string succeeds;
  std::string source;
  std::vector<std::string> designations;

  [[nodiscard]] bool in_place_on(Date d) const { return in_place_between(from, until, d); }
  friend bool operator==(const RelevantAgency&, const RelevantAgency&) = default;
};

/// A post in the partnership: the independent chair, the scrutineer, the partnership manager, lay
/// members, a partner's lead or delegated representative. `agency` is the agency that hosts or
/// employs it (empty for independent posts: a role without one is independent of the partners);
/// `post` which post it is, where the guidance names one (the lead safeguarding partners').
struct Role {
  std::string id;
  std::string title;
  RoleKind kind = RoleKind::other;
  std::string agency;
  std::optional<Post> post;

  friend bool operator==(const Role&, const Role&) = default;
};

/// "At least `at_least` meetings (or activities) in each `unit`", with periods aligned to the
/// calendar or to the partnership's year. `as_required` has no periods (a rapid review group).
struct Frequency {
  PeriodUnit unit = PeriodUnit::quarter;
  std::int64_t at_least = 1;
  PeriodAlignment aligned_to = PeriodAlignment::calendar;
  std::string source;

  friend bool operator==(const Frequency&, const Frequency&) = default;
};

/// When a meeting is quorate. Haringey (§2.16.8): all three safeguarding partners present, and
/// anyone attending in a member's place holds similar delegated authority.
struct QuorumRule {
  bool all_safeguarding_partners = true;
  std::int64_t minimum_members = 0;  // member agencies present (deputies counted when they may count)
  bool deputies_need_delegated_authority = true;
  std::string source;

  friend bool operator==(const QuorumRule&, const QuorumRule&) = default;
};

/// A member agency of a group and in what capacity it sits ("Assistant Director, Social Care").
struct GroupMember {
  std::string agency;
  std::string capacity;

  friend bool operator==(const GroupMember&, const GroupMember&) = default;
};

/// A group in the accountability tree: `parent` is the group it reports to (empty for the top).
struct Group {
  std::string id;
  std::string name;
  GroupKind kind = GroupKind::delivery_subgroup;
  std::string parent;
  std::vector<std::string> chairs;  // role ids
  std::vector<GroupMember> members;
  std::string remit;
  Frequency frequency;
  std::optional<QuorumRule> quorum;
  std::optional<Date> from;  // when the group started (default: the partnership's start)

  friend bool operator==(const Group&, const Group&) = default;
};

/// When a duty falls due; which fields matter depends on `kind` (docs/partnership.md).
struct Schedule {
  ScheduleKind kind = ScheduleKind::interval;
  std::optional<Timescale> every;  // interval
  std::optional<Date> first_due;   // interval: the first due date (default: `every` after the start)
  unsigned by_month = 0;           // yearly: the day of the year it is due by
  unsigned by_day = 0;
  Frequency count;                  // count: at least `count.at_least` per period
  std::optional<Timescale> within;  // after-each
  std::string after;                // after-each: the activity type that starts each clock

  friend bool operator==(const Schedule&, const Schedule&) = default;
};

/// Something the partnership must do again and again, met by recorded activities of type `activity`.
/// `statutory` marks the duty that discharges a requirement of the law (the yearly report, its
/// sending, independent scrutiny): the report checks that there is one, and for independent
/// scrutiny counts only activities with their evidence recorded.
struct Duty {
  std::string id;
  std::string title;
  std::string owner;     // a role, group or agency id
  std::string activity;  // the activity type that discharges it
  Schedule schedule;
  std::string source;
  std::optional<Date> from;  // when the duty starts (default: the partnership's start)
  std::optional<StatutoryDuty> statutory;

  friend bool operator==(const Duty&, const Duty&) = default;
};

/// One of the contents the guidance requires published arrangements to set out.
struct RequiredItem {
  std::string_view id;
  std::string_view text;
  std::string_view source;
  std::string_view confidence;
};

/// The required contents of published arrangements under an edition (none for an LSCB; those of
/// CWSA2026 are Working Together 2023's and the Act's two).
const std::vector<RequiredItem>& required_contents(Edition edition);

/// A required item by id under any edition, or nullptr.
const RequiredItem* find_required_item(std::string_view id);

/// The edition whose own item it is ("wt2023.voice": Working Together 2023), for messages.
Edition required_item_edition(const RequiredItem& item);

/// A requirement of the law or guidance that the compliance report checks beyond the partnership's
/// own rules, with where it is written and how sure we are of it: "confirmed" (the wording read in
/// the legislation or the guidance, or in a seed document quoting it), "secondary" (read only as a
/// partnership or a summary quotes it) or "check" (not read). docs/partnership.md lists them.
struct GovernanceRequirement {
  std::string_view id;
  std::string_view text;
  std::string_view source;
  std::string_view confidence;
};

/// Every governance requirement, in the order of the report's kinds.
const std::vector<GovernanceRequirement>& governance_requirements();

/// A governance requirement by id (an Error naming the nearest ids for another).
const GovernanceRequirement& governance_requirement(std::string_view id);

/// Where the published arrangements address a required item ("§2.13, §2.14").
struct CoverageEntry {
  std::string item;
  std::string where;

  friend bool operator==(const CoverageEntry&, const CoverageEntry&) = default;
};

struct Arrangements {
  std::optional<Date> published;
  std::string document;
  std::vector<CoverageEntry> coverage;

  friend bool operator==(const Arrangements&, const Arrangements&) = default;
};

/// Who attended a meeting, for which agency and in what capacity. `delegated_authority` matters for
/// deputies: only a deputy holding it counts towards the quorum (when the rule says so).
struct Attendance {
  std::string agency;
  Capacity capacity = Capacity::member;
  bool delegated_authority = false;
  std::string role;  // the attendee's role title, never a person's name

  friend bool operator==(const Attendance&, const Attendance&) = default;
};

/// Apologies sent by a member agency; without a valid reason, its absence is to be escalated.
struct Apology {
  std::string agency;
  bool valid_reason = false;
  std::string reason;

  friend bool operator==(const Apology&, const Apology&) = default;
};

struct Meeting {
  std::string id;
  std::string group;
  Date date;
  std::vector<Attendance> attendance;
  std::vector<Apology> apologies;
  std::string note;

  friend bool operator==(const Meeting&, const Meeting&) = default;
};

/// Something done on a date: an audit, a learning event, a report published, a list reviewed, an
/// action plan completed (`follows` names the activity that started its clock). `title` is what
/// reports call it ("Deep dive into neglect"); without one they name it by its id. `evidence` says
/// where the record of it is (a report, the minutes of a meeting): independent scrutiny counts
/// only with it.
struct Activity {
  std::string id;
  std::string type;
  Date date;
  std::string follows;
  std::string note;
  std::string title;
  std::string evidence;

  friend bool operator==(const Activity&, const Activity&) = default;
};

/// A move of the partnership to a later framework edition on a date, with the arrangements it
/// published for it ("WT2023" from 1 December 2024). The partnership's first edition is
/// `Partnership::edition`, from `Partnership::start`, with `Partnership::arrangements`.
struct EditionChange {
  Edition edition = Edition::wt2023;
  Date from;
  Arrangements arrangements;

  friend bool operator==(const EditionChange&, const EditionChange&) = default;
};

/// A designated childcare or education agency (Children Act 2004 s16E(1)(aa) and (2A), inserted
/// by the Children's Wellbeing and Schools Act 2026 s2): a kind of relevant agency the Secretary of
/// State's regulations designate, which the arrangements must include. `source` names the
/// regulations. Relevant agencies say which they are (`RelevantAgency::designations`).
struct DesignatedAgency {
  std::string id;
  std::string name;
  std::string source;

  friend bool operator==(const DesignatedAgency&, const DesignatedAgency&) = default;
};

/// A member of a multi-agency child protection team: a core member (`role`) or another, the
/// safeguarding partner that nominated them (`nominated_by`), and their title, never a name.
struct TeamMember {
  TeamRole role = TeamRole::other;
  std::string nominated_by;
  std::string title;

  friend bool operator==(const TeamMember&, const TeamMember&) = default;
};

/// A multi-agency child protection team the arrangements set up (Children Act 2004 s16EA, inserted
/// by the Children's Wellbeing and Schools Act 2026 s3), in place from `from` to `until`.
struct ChildProtectionTeam {
  std::string id;
  std::string name;
  std::optional<Date> from;
  std::optional<Date> until;
  std::vector<TeamMember> members;
  std::string source;

  [[nodiscard]] bool in_place_on(Date d) const { return in_place_between(from, until, d); }
  friend bool operator==(const ChildProtectionTeam&, const ChildProtectionTeam&) = default;
};

/// A record that a safeguarding partner's lead signed off a document on a date: the arrangements of
/// an edition (`subject` is the edition's name, "WT2023"), a yearly report (the id of its activity)
/// or a version of the threshold document (the version's id). `role` is who signed, if recorded.
struct SignOff {
  SignOffDocument document = SignOffDocument::arrangements;
  std::string subject;
  std::string partner;
  std::string role;
  Date date;

  friend bool operator==(const SignOff&, const SignOff&) = default;
};

/// Local settings for evaluation.
struct PartnershipSettings {
  Timescale due_soon{90, TimeUnit::calendar_days};  // how far ahead a due date counts as "due soon"
  std::int64_t attendance_target = 75;              // percent of a group's meetings each member attends
  /// When arrangements under Working Together 2018 were to be republished under Working Together
  /// 2023: "December 2024" is reported by partnerships; the day is not confirmed (check).
  Date republish_by = Date(2024, 12, 31);

  friend bool operator==(const PartnershipSettings&, const PartnershipSettings&) = default;
};

struct ComplianceReport;
struct EvaluationOptions;

/// Where a calendar file that a partnership file names may lie. The file is read relative to the
/// partnership file's folder; by default a name that leads outside that folder (an absolute path,
/// "..", a link out) is a problem, so a partnership file handed over by someone else cannot make
/// the library open any file on the machine. `anywhere` is for the caller who trusts the file.
enum class CalendarFiles : std::uint8_t { in_folder, anywhere };

/// A safeguarding children partnership: its definition and its records. A plain value: build it in
/// code or read it with `Partnership::load(path)` / `Partnership::from_json(text)`, write it with
/// `to_json()`, check it with `validate()`, and evaluate it with `evaluate(as_of)` (compliance.hpp).
struct Partnership {
  std::string name;
  std::string area;
  Edition edition = Edition::wt2018;  // the edition from `start` (later ones: `edition_changes`)
  Date start;                         // when these arrangements came into force
  unsigned year_start = 4;            // the month the partnership's year starts (April)
  Calendar calendar;                  // the working-day calendar (default England and Wales)
  std::string calendar_file;          // as written in the file: a calendar file, relative to the partnership file
  std::string calendar_definition;    // or an inline calendar definition, as JSON text
  std::string description;
  PartnershipSettings settings;
  std::vector<SafeguardingPartner> partners;
  std::vector<RelevantAgency> agencies;
  std::vector<Role> roles;
  std::vector<Group> groups;
  std::vector<Duty> duties;
  Arrangements arrangements;
  std::vector<Meeting> meetings;
  std::vector<Activity> activities;
  /// The threshold document (thresholds.hpp); absent: the built-in London continuum applies.
  std::optional<Thresholds> thresholds;
  /// Later framework editions, in date order, each with its arrangements.
  std::vector<EditionChange> edition_changes;
  /// The designated childcare or education agencies (from the CWSA2026 edition).
  std::vector<DesignatedAgency> designated_agencies;
  /// The multi-agency child protection teams (from the CWSA2026 edition).
  std::vector<ChildProtectionTeam> child_protection_teams;
  /// Sign-offs by the safeguarding partners' leads (Working Together 2023).
  std::vector<SignOff> sign_offs;

  /// Equal definitions and records. How the calendar was written (a file name or an inline
  /// definition) counts; the inline definition's formatting does not, only the calendar it gives.
  friend bool operator==(const Partnership& a, const Partnership& b) {
    return a.name == b.name && a.area == b.area && a.edition == b.edition && a.start == b.start &&
           a.year_start == b.year_start && a.calendar == b.calendar && a.calendar_file == b.calendar_file &&
           a.description == b.description && a.settings == b.settings && a.partners == b.partners &&
           a.agencies == b.agencies && a.roles == b.roles && a.groups == b.groups && a.duties == b.duties &&
           a.arrangements == b.arrangements && a.meetings == b.meetings && a.activities == b.activities &&
           a.thresholds == b.thresholds && a.edition_changes == b.edition_changes &&
           a.designated_agencies == b.designated_agencies && a.child_protection_teams == b.child_protection_teams &&
           a.sign_offs == b.sign_offs;
  }

  /// Reads a partnership file (see `load_partnership`).
  static Partnership load(const std::filesystem::path& path, CalendarFiles calendar_files = CalendarFiles::in_folder);
  /// Reads a partnership from JSON text (see `partnership_from_json`).
  static Partnership from_json(std::string_view text, std::string_view source = {},
                               const std::filesystem::path& base_dir = {},
                               CalendarFiles calendar_files = CalendarFiles::in_folder);
  /// The partnership in canonical JSON form (see `partnership_to_json`).
  [[nodiscard]] std::string to_json(int indent = 2) const;

  /// Every problem with the references, ids, tree and dates, each at the JSON pointer of the
  /// offending value in the partnership's file format ("/meetings/3/group"). Empty when valid.
  [[nodiscard]] std::vector<Problem> problems() const;
  /// Throws one Error listing every problem (prefixed by `source`, e.g. the file name).
  void validate(std::string_view source = {}) const;

  /// The governance compliance report as of a date (compliance.hpp).
  [[nodiscard]] ComplianceReport evaluate(Date as_of) const;
  [[nodiscard]] ComplianceReport evaluate(Date as_of, const EvaluationOptions& options) const;

  // Look-ups by id (linear; evaluation builds its own indexes).
  [[nodiscard]] const SafeguardingPartner* partner(std::string_view id) const { return find(partners, id); }
  [[nodiscard]] const RelevantAgency* agency(std::string_view id) const { return find(agencies, id); }
  [[nodiscard]] const Role* role(std::string_view id) const { return find(roles, id); }
  [[nodiscard]] const Group* group(std::string_view id) const { return find(groups, id); }
  [[nodiscard]] const Duty* duty(std::string_view id) const { return find(duties, id); }
  /// The threshold document, or the default one (the built-in London continuum and no other
  /// referral sources) when the partnership gives none.
  [[nodiscard]] const Thresholds& threshold_document() const {
    static const Thresholds none;
    return thresholds ? *thresholds : none;
  }
  /// The name of a partner or relevant agency, or the id itself when unknown.
  [[nodiscard]] std::string agency_name(std::string_view id) const {
    if (const auto* p = partner(id)) return p->name;
    if (const auto* a = agency(id)) return a->name;
    return std::string(id);
  }
  /// Whether a partner or relevant agency is in place on a day (an unknown id: true).
  [[nodiscard]] bool agency_in_place(std::string_view id, Date d) const {
    if (const auto* p = partner(id)) return p->in_place_on(d);
    if (const auto* a = agency(id)) return a->in_place_on(d);
    return true;
  }
  /// The framework edition in force on a day (before the start: the first edition).
  [[nodiscard]] Edition edition_on(Date d) const {
    Edition e = edition;
    for (const EditionChange& c : edition_changes)
      if (c.from <= d) e = c.edition;
    return e;
  }
  /// The day the edition in force on `d` began (the start, or the change's date).
  [[nodiscard]] Date edition_from(Date d) const {
    Date from = start;
    for (const EditionChange& c : edition_changes)
      if (c.from <= d) from = c.from;
    return from;
  }
  /// The published arrangements of the edition in force on a day.
  [[nodiscard]] const Arrangements& arrangements_on(Date d) const {
    const Arrangements* a = &arrangements;
    for (const EditionChange& c : edition_changes)
      if (c.from <= d) a = &c.arrangements;
    return *a;
  }

 private:
  template <class T>
  static const T* find(const std::vector<T>& items, std::string_view id) {
    for (const T& item : items)
      if (item.id == id) return &item;
    return nullptr;
  }
};

// Meeting periods -----------------------------------------------------------------------------
// The periods a group's meeting frequency and a count duty are assessed over (src/partnership/periods.cpp).

/// One assessment period, [first, last].
struct MeetingPeriod {
  Date first;
  Date last;
  friend bool operator==(const MeetingPeriod&, const MeetingPeriod&) = default;
};

/// The months in a period of `unit` (an Error for as-required, which has no periods).
int months_in(PeriodUnit unit);

/// The period of `unit` containing `d`. Calendar alignment starts years in January; partnership-year
/// alignment starts them in month `year_start`.
MeetingPeriod period_containing(Date d, PeriodUnit unit, PeriodAlignment alignment, unsigned year_start);

/// The first period of `unit` that begins on or after `from`.
MeetingPeriod first_period_from(Date from, PeriodUnit unit, PeriodAlignment alignment, unsigned year_start);

/// The periods of `unit` that begin on or after `from` and have begun by `until`, in order.
std::vector<MeetingPeriod> periods_between(Date from, Date until, PeriodUnit unit, PeriodAlignment alignment,
                                           unsigned year_start);

/// "October–December 2019", "October 2019", "April 2020–March 2021".
std::string period_text(const MeetingPeriod& p);

/// "once a quarter", "4 times a year (periods from April)": for sentences.
std::string frequency_text(const Frequency& f, unsigned year_start);

// Partnership files (docs/partnership.md, "The data file"; src/json/partnership_*.cpp) -----------

/// Reads a partnership file; a calendar file it names is read relative to it. Every problem (shape,
/// types, references, ids, the tree, dates) is reported in one Error, each with its JSON pointer.
Partnership load_partnership(const std::filesystem::path& path,
                             CalendarFiles calendar_files = CalendarFiles::in_folder);
/// Reads a partnership from JSON text: `source` names it in messages (usually the file name); a
/// calendar given as a file name is read relative to `base_dir`.
Partnership partnership_from_json(std::string_view text, std::string_view source = {},
                                  const std::filesystem::path& base_dir = {},
                                  CalendarFiles calendar_files = CalendarFiles::in_folder);
/// The partnership in canonical JSON form, which reads back equal; `indent` < 0 writes one line.
std::string partnership_to_json(const Partnership& partnership, int indent = 2);
/// A group's frequency, quorum rule and a duty's schedule as the partnership file writes them.
std::string frequency_to_json(const Frequency& frequency, int indent = -1);
std::string quorum_to_json(const QuorumRule& quorum, int indent = -1);
std::string schedule_to_json(const Schedule& schedule, int indent = -1);

inline Partnership Partnership::load(const std::filesystem::path& path, CalendarFiles calendar_files) {
  return load_partnership(path, calendar_files);
}
inline Partnership Partnership::from_json(std::string_view text, std::string_view source,
                                          const std::filesystem::path& base_dir, CalendarFiles calendar_files) {
  return partnership_from_json(text, source, base_dir, calendar_files);
}
inline std::string Partnership::to_json(int indent) const {
  return partnership_to_json(*this, indent);
}

}  // namespace safeguarding::inline v0

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/json/partnership_read.cpp"
#include "src/json/partnership_write.cpp"
#include "src/partnership/governance_requirements.cpp"
#include "src/partnership/periods.cpp"
#include "src/partnership/problems.cpp"
#include "src/partnership/required_contents.cpp"
#endif
