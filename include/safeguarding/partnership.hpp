// The safeguarding partnership: who is in it, how it is organised (the accountability tree of
// groups), what it has promised to do (recurring duties, the published arrangements' contents), and
// the records of what it did (meetings and activities). Evaluation against a date is in
// compliance.hpp; the JSON format (docs/partnership.md) in json/partnership.hpp.
//
// Every local choice (meeting frequencies, quorum rules, duty timescales, the "due soon" window,
// the attendance target) is data set per partnership; nothing here hard-codes Haringey's values.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/thresholds.hpp"
#include "safeguarding/timescale.hpp"

namespace safeguarding::inline v0 {

namespace detail {

/// An enum's names in declaration order: `names[static_cast<size_t>(value)]`.
template <class Enum, std::size_t N>
std::string_view enum_name(Enum value, const std::array<std::string_view, N>& names) {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : std::string_view("?");
}

/// "'x' is not one of: a, b, c": the message for a name outside a vocabulary.
template <std::size_t N>
std::string not_one_of(std::string_view text, const std::array<std::string_view, N>& names) {
  std::string list;
  for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
  return quote(text) + " is not one of: " + list;
}

/// "a", "a and b", "a, b and c".
inline std::string join_list(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

template <class Enum, std::size_t N>
std::optional<Enum> enum_from_name(std::string_view text, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace detail

// Vocabularies ---------------------------------------------------------------------------------
// Each enum has its JSON names (`*_names`), in declaration order.

/// The statutory framework the partnership works under.
enum class Edition : std::uint8_t {
  lscb_wt2015,  ///< a Local Safeguarding Children Board under Working Together 2015
  wt2018,       ///< multi-agency safeguarding arrangements under Working Together 2018
  wt2023,       ///< Working Together 2023: lead and delegated safeguarding partners
};
inline constexpr std::array<std::string_view, 3> edition_names = {"LSCB-WT2015", "WT2018", "WT2023"};

/// "Working Together 2018": for sentences.
inline std::string_view edition_title(Edition e) {
  static constexpr std::array<std::string_view, 3> titles = {
      "a Local Safeguarding Children Board under Working Together 2015", "Working Together 2018",
      "Working Together 2023"};
  return detail::enum_name(e, titles);
}

/// The three statutory safeguarding partners (Children Act 2004 s16E, as amended in 2017).
enum class PartnerKind : std::uint8_t { local_authority, ccg, icb, police };
inline constexpr std::array<std::string_view, 4> partner_kind_names = {"local-authority", "ccg", "icb", "police"};

enum class RoleKind : std::uint8_t {
  independent_chair,
  scrutineer,
  partnership_manager,
  business_unit,
  lay_member,
  elected_member,
  lead_representative,
  delegated_representative,
  officer,
  other,
};
inline constexpr std::array<std::string_view, 10> role_kind_names = {
    "independent-chair", "scrutineer",          "partnership-manager",      "business-unit", "lay-member",
    "elected-member",    "lead-representative", "delegated-representative", "officer",       "other"};

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

/// A statutory safeguarding partner: the local authority, the CCG (an ICB from July 2022) or the
/// chief officer of police. `lead` and `delegates` name roles (see `Role`): the lead (statutory)
/// representative and those with delegated authority to speak, decide and hold their own agency to
/// account for it.
struct SafeguardingPartner {
  std::string id;
  std::string name;
  PartnerKind kind = PartnerKind::local_authority;
  std::string lead;
  std::vector<std::string> delegates;

  friend bool operator==(const SafeguardingPartner&, const SafeguardingPartner&) = default;
};

/// A relevant agency: an organisation the partners have chosen to work with, whether or not the
/// Relevant Agency Regulations 2018 name it (those named have a statutory duty to act in
/// accordance with the arrangements).
struct RelevantAgency {
  std::string id;
  std::string name;
  std::string sector;  // one of sector_names
  bool named_in_regulations = false;

  friend bool operator==(const RelevantAgency&, const RelevantAgency&) = default;
};

/// A post in the partnership: the independent chair, the scrutineer, the partnership manager, lay
/// members, a partner's lead or delegated representative. `agency` is the agency that hosts or
/// employs it (empty for independent posts).
struct Role {
  std::string id;
  std::string title;
  RoleKind kind = RoleKind::other;
  std::string agency;

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
struct Duty {
  std::string id;
  std::string title;
  std::string owner;     // a role, group or agency id
  std::string activity;  // the activity type that discharges it
  Schedule schedule;
  std::string source;
  std::optional<Date> from;  // when the duty starts (default: the partnership's start)

  friend bool operator==(const Duty&, const Duty&) = default;
};

/// One of the contents the guidance requires published arrangements to set out.
struct RequiredItem {
  std::string_view id;
  std::string_view text;
  std::string_view source;
  std::string_view confidence;
};

/// The required contents of published arrangements under an edition (none for an LSCB).
inline const std::vector<RequiredItem>& required_contents(Edition edition) {
  static const std::vector<RequiredItem> wt2018 = {
      {"wt2018.a",
       "how the safeguarding partners will work together to identify and respond to the needs of children in the area",
       "Working Together 2018 ch.3 (arrangements §2.1 a)", "confirmed (seed)"},
      {"wt2018.b", "how the arrangements will include the voice of children and families",
       "Working Together 2018 ch.3 (arrangements §2.1 b)", "confirmed (seed)"},
      {"wt2018.c", "arrangements for commissioning and publishing local child safeguarding practice reviews",
       "Working Together 2018 ch.3 (arrangements §2.1 c)", "confirmed (seed)"},
      {"wt2018.d",
       "how the effectiveness of the arrangements will be scrutinised, reviewed and recommendations taken forward",
       "Working Together 2018 ch.3 (arrangements §2.1 d)", "confirmed (seed)"},
      {"wt2018.e", "who the three local safeguarding partners are", "Working Together 2018 ch.3 (arrangements §2.1 e)",
       "confirmed (seed)"},
      {"wt2018.f",
       "the geographical boundaries and the relevant agencies, why they were chosen and how they will work together",
       "Working Together 2018 ch.3 (arrangements §2.1 f)", "confirmed (seed)"},
      {"wt2018.g", "how the arrangements will be funded", "Working Together 2018 ch.3 (arrangements §2.1 g)",
       "confirmed (seed)"},
      {"wt2018.h", "how early years settings, schools and other educational establishments will be included",
       "Working Together 2018 ch.3 (arrangements §2.1 h)", "confirmed (seed)"},
      {"wt2018.i", "how any youth custody and residential homes will be included",
       "Working Together 2018 ch.3 (arrangements §2.1 i)", "confirmed (seed)"},
      {"wt2018.j",
       "how data and intelligence will be used to assess the effectiveness of the help (including early help) provided",
       "Working Together 2018 ch.3 (arrangements §2.1 j)", "confirmed (seed)"},
      {"wt2018.k",
       "how inter-agency training will be commissioned, delivered and monitored, and how multi-agency audits will be "
       "undertaken",
       "Working Together 2018 ch.3 (arrangements §2.1 k)", "confirmed (seed)"},
      {"wt2018.l", "how learning from child safeguarding practice reviews will be embedded",
       "Working Together 2018 ch.3 (arrangements §2.1 l)", "confirmed (seed)"},
      {"wt2018.m", "how the threshold document aligns with the arrangements",
       "Working Together 2018 ch.3 (arrangements §2.1 m)", "confirmed (seed)"},
      {"wt2018.n", "how the partnership will be led and supported", "Working Together 2018 ch.3 (arrangements §2.1 n)",
       "confirmed (seed)"},
      {"wt2018.scrutiny", "scrutiny of the effectiveness of the arrangements by an independent person",
       "Working Together 2018 ch.3 (arrangements §2.4.6)", "confirmed (seed)"},
  };
  static const std::vector<RequiredItem> wt2023 = {
      {"wt2023.partners", "who the lead and delegated safeguarding partners are, and the partnership chair",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.geography", "the geographical boundaries of the arrangements", "Working Together 2023 ch.2", "check"},
      {"wt2023.relevant_agencies", "the relevant agencies, why they were chosen and how they will work together",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.education", "how education and childcare settings are included, with their strategic role",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.voice", "how the arrangements include the voice of children and families", "Working Together 2023 ch.2",
       "check"},
      {"wt2023.reviews",
       "arrangements for identifying, commissioning and publishing local child safeguarding practice reviews",
       "Working Together 2023 ch.2 and ch.5", "check"},
      {"wt2023.scrutiny", "how the arrangements will be independently scrutinised", "Working Together 2023 ch.2",
       "check"},
      {"wt2023.data", "how data and intelligence will be used to assess and improve the help provided",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.training", "how multi-agency training, learning and audit will be delivered and evaluated",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.funding", "how the arrangements will be funded, with each partner's contribution",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.thresholds", "the threshold document and how it aligns with the arrangements",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.youth_custody", "how youth custody and residential settings will be included",
       "Working Together 2023 ch.2", "check"},
      {"wt2023.disputes", "how disagreements and escalations will be resolved", "Working Together 2023 ch.2", "check"},
      {"wt2023.yearly_report", "the yearly report on what the arrangements have done and their impact",
       "Working Together 2023 ch.2; Children Act 2004 s16G", "check"},
  };
  static const std::vector<RequiredItem> none;
  switch (edition) {
    case Edition::wt2018:
      return wt2018;
    case Edition::wt2023:
      return wt2023;
    case Edition::lscb_wt2015:
      break;
  }
  return none;
}

/// A required item by id under any edition, or nullptr.
inline const RequiredItem* find_required_item(std::string_view id) {
  for (Edition e : {Edition::wt2018, Edition::wt2023})
    for (const RequiredItem& item : required_contents(e))
      if (item.id == id) return &item;
  return nullptr;
}

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
/// reports call it ("Deep dive into neglect"); without one they name it by its id.
struct Activity {
  std::string id;
  std::string type;
  Date date;
  std::string follows;
  std::string note;
  std::string title;

  friend bool operator==(const Activity&, const Activity&) = default;
};

/// Local settings for evaluation.
struct PartnershipSettings {
  Timescale due_soon{90, TimeUnit::calendar_days};  // how far ahead a due date counts as "due soon"
  std::int64_t attendance_target = 75;              // percent of a group's meetings each member attends

  friend bool operator==(const PartnershipSettings&, const PartnershipSettings&) = default;
};

struct ComplianceReport;
struct EvaluationOptions;

/// A safeguarding children partnership: its definition and its records. A plain value: build it in
/// code or read it with `load_partnership` (json/partnership.hpp), check it with `validate()`, and
/// evaluate it with `evaluate(as_of)` (compliance.hpp).
struct Partnership {
  std::string name;
  std::string area;
  Edition edition = Edition::wt2018;
  Date start;                       // when these arrangements came into force
  unsigned year_start = 4;          // the month the partnership's year starts (April)
  Calendar calendar;                // the working-day calendar (default England and Wales)
  std::string calendar_file;        // as written in the file: a calendar file, relative to the partnership file
  std::string calendar_definition;  // or an inline calendar definition, as JSON text
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

  /// Equal definitions and records. How the calendar was written (a file name or an inline
  /// definition) counts; the inline definition's formatting does not, only the calendar it gives.
  friend bool operator==(const Partnership& a, const Partnership& b) {
    return a.name == b.name && a.area == b.area && a.edition == b.edition && a.start == b.start &&
           a.year_start == b.year_start && a.calendar == b.calendar && a.calendar_file == b.calendar_file &&
           a.description == b.description && a.settings == b.settings && a.partners == b.partners &&
           a.agencies == b.agencies && a.roles == b.roles && a.groups == b.groups && a.duties == b.duties &&
           a.arrangements == b.arrangements && a.meetings == b.meetings && a.activities == b.activities &&
           a.thresholds == b.thresholds;
  }

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

 private:
  template <class T>
  static const T* find(const std::vector<T>& items, std::string_view id) {
    for (const T& item : items)
      if (item.id == id) return &item;
    return nullptr;
  }
};

// Periods --------------------------------------------------------------------------------------

/// One assessment period, [first, last].
struct Period {
  Date first;
  Date last;
  friend bool operator==(const Period&, const Period&) = default;
};

inline int months_in(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::month:
      return 1;
    case PeriodUnit::quarter:
      return 3;
    case PeriodUnit::half_year:
      return 6;
    case PeriodUnit::year:
      return 12;
    case PeriodUnit::as_required:
      break;
  }
  throw Error("an as-required frequency has no periods");
}

/// The period of `unit` containing `d`. Calendar alignment starts years in January; partnership-year
/// alignment starts them in month `year_start`.
inline Period period_containing(Date d, PeriodUnit unit, PeriodAlignment alignment, unsigned year_start) {
  const int length = months_in(unit);
  const std::int64_t anchor = alignment == PeriodAlignment::calendar ? 0 : static_cast<std::int64_t>(year_start) - 1;
  const std::int64_t month_index = static_cast<std::int64_t>(d.year()) * 12 + (d.month() - 1);
  std::int64_t offset = month_index - anchor;
  offset -= ((offset % length) + length) % length;  // floor to a multiple of the length
  const std::int64_t first_index = offset + anchor;
  const Date first(static_cast<unsigned short>(first_index / 12), static_cast<unsigned short>(first_index % 12 + 1), 1);
  return Period{first, add_days(add_months(first, length), -1)};
}

/// The first period of `unit` that begins on or after `from`.
inline Period first_period_from(Date from, PeriodUnit unit, PeriodAlignment alignment, unsigned year_start) {
  const Period p = period_containing(from, unit, alignment, year_start);
  return p.first < from ? period_containing(add_days(p.last, 1), unit, alignment, year_start) : p;
}

/// The periods of `unit` that begin on or after `from` and have begun by `until`, in order.
inline std::vector<Period> periods_between(Date from, Date until, PeriodUnit unit, PeriodAlignment alignment,
                                           unsigned year_start) {
  std::vector<Period> out;
  if (until < from) return out;
  Period p = first_period_from(from, unit, alignment, year_start);
  while (p.first <= until) {
    out.push_back(p);
    p = period_containing(add_days(p.last, 1), unit, alignment, year_start);
  }
  return out;
}

/// "October–December 2019", "October 2019", "April 2020–March 2021".
inline std::string period_text(const Period& p) {
  const std::string first_month = month_name(p.first.month());
  if (p.first.year() == p.last.year() && p.first.month() == p.last.month())
    return first_month + " " + std::to_string(p.first.year());
  if (p.first.year() == p.last.year())
    return first_month + "\u2013" + month_name(p.last.month()) + " " + std::to_string(p.last.year());
  return first_month + " " + std::to_string(p.first.year()) + "\u2013" + month_name(p.last.month()) + " " +
         std::to_string(p.last.year());
}

/// "once a quarter", "4 times a year (periods from April)": for sentences.
inline std::string frequency_text(const Frequency& f, unsigned year_start) {
  if (f.unit == PeriodUnit::as_required) return "as required";
  static constexpr std::array<std::string_view, 4> per = {"a month", "a quarter", "every half-year", "a year"};
  const std::string times = f.at_least == 1   ? "once"
                            : f.at_least == 2 ? "twice"
                                              : std::to_string(f.at_least) + " times";
  std::string out = times + " " + std::string(per[static_cast<std::size_t>(f.unit)]);
  if (f.unit != PeriodUnit::month && f.aligned_to == PeriodAlignment::partnership_year && year_start != 1)
    out += " (periods from " + month_name(year_start) + ")";
  return out;
}

// Validation -----------------------------------------------------------------------------------

inline std::vector<Problem> Partnership::problems() const {
  Problems out;
  auto at = [](std::string_view list, std::size_t i, std::string_view field = {}) {
    std::string p = "/" + std::string(list) + "/" + std::to_string(i);
    if (!field.empty()) p += "/" + std::string(field);
    return p;
  };

  // Ids: unique across agencies (partners and relevant agencies), roles, groups, duties, meetings
  // and activities, so that an owner or a subject is never ambiguous.
  std::map<std::string, std::string, std::less<>> seen;  // id -> where first defined
  auto define = [&](const std::string& id, const std::string& where) {
    if (id.empty()) {
      out.add(where, "the id is empty");
      return;
    }
    auto [it, inserted] = seen.emplace(id, where);
    if (!inserted) out.add(where, "duplicate id " + quote(id) + " (first defined at " + it->second + ")");
  };
  for (std::size_t i = 0; i < partners.size(); ++i) define(partners[i].id, at("partners", i, "id"));
  for (std::size_t i = 0; i < agencies.size(); ++i) define(agencies[i].id, at("agencies", i, "id"));
  for (std::size_t i = 0; i < roles.size(); ++i) define(roles[i].id, at("roles", i, "id"));
  for (std::size_t i = 0; i < groups.size(); ++i) define(groups[i].id, at("groups", i, "id"));
  for (std::size_t i = 0; i < duties.size(); ++i) define(duties[i].id, at("duties", i, "id"));
  for (std::size_t i = 0; i < meetings.size(); ++i) define(meetings[i].id, at("meetings", i, "id"));
  for (std::size_t i = 0; i < activities.size(); ++i) define(activities[i].id, at("activities", i, "id"));
  if (thresholds)
    for (std::size_t i = 0; i < thresholds->other_sources.size(); ++i)
      define(thresholds->other_sources[i].id, at("thresholds/other_sources", i, "id"));

  auto is_agency = [&](std::string_view id) { return partner(id) != nullptr || agency(id) != nullptr; };
  auto need = [&](bool ok, const std::string& where, std::string_view id, std::string_view what) {
    if (!ok) out.add(where, "unknown " + std::string(what) + " " + quote(id));
  };

  if (start.is_special()) out.add("/start", "missing: the date the arrangements came into force");
  if (year_start < 1 || year_start > 12) out.add("/year_start", "there is no month " + std::to_string(year_start));

  for (std::size_t i = 0; i < partners.size(); ++i) {
    const auto& p = partners[i];
    if (!p.lead.empty()) need(role(p.lead) != nullptr, at("partners", i, "lead"), p.lead, "role");
    for (std::size_t k = 0; k < p.delegates.size(); ++k)
      need(role(p.delegates[k]) != nullptr, at("partners", i, "delegates/" + std::to_string(k)), p.delegates[k],
           "role");
  }
  for (std::size_t i = 0; i < agencies.size(); ++i)
    if (!detail::enum_from_name<std::size_t>(agencies[i].sector, sector_names))
      out.add(at("agencies", i, "sector"), detail::not_one_of(agencies[i].sector, sector_names));
  for (std::size_t i = 0; i < roles.size(); ++i)
    if (!roles[i].agency.empty()) need(is_agency(roles[i].agency), at("roles", i, "agency"), roles[i].agency, "agency");

  for (std::size_t i = 0; i < groups.size(); ++i) {
    const Group& g = groups[i];
    if (!g.parent.empty()) need(group(g.parent) != nullptr, at("groups", i, "parent"), g.parent, "group");
    for (std::size_t k = 0; k < g.chairs.size(); ++k)
      need(role(g.chairs[k]) != nullptr, at("groups", i, "chairs/" + std::to_string(k)), g.chairs[k], "role");
    std::map<std::string, std::size_t, std::less<>> member_seen;
    for (std::size_t k = 0; k < g.members.size(); ++k) {
      const std::string where = at("groups", i, "members/" + std::to_string(k) + "/agency");
      need(is_agency(g.members[k].agency), where, g.members[k].agency, "agency");
      if (!member_seen.emplace(g.members[k].agency, k).second)
        out.add(where, "agency " + quote(g.members[k].agency) + " is listed twice among the members");
    }
    if (g.frequency.at_least < 1)  // as-required too: it has no periods, but its count is kept and written
      out.add(at("groups", i, "frequency/at_least"), "must be at least 1, got " + std::to_string(g.frequency.at_least));
    if (g.quorum && g.quorum->minimum_members < 0)
      out.add(at("groups", i, "quorum/minimum_members"), "must not be negative");
    // A partner that is not a member can only attend as invited, which never counts: the rule
    // could never be met, and the report would say the partner "was not represented" when it was.
    if (g.quorum && g.quorum->all_safeguarding_partners) {
      std::vector<std::string> outside;
      for (const auto& partner : partners)
        if (!partner.id.empty() && member_seen.count(partner.id) == 0) outside.push_back(quote(partner.id));
      if (!outside.empty()) {
        const bool one = outside.size() == 1;
        out.add(at("groups", i, "quorum"),
                "the quorum rule requires all safeguarding partners, but " + detail::join_list(outside) +
                    (one ? " is not a member" : " are not members") + " of the group (add " + (one ? "it" : "them") +
                    " to \"members\" or set \"all_safeguarding_partners\": false)");
      }
    }
  }
  // Cycles in the accountability tree: follow each group's parents; meeting a group twice is a cycle.
  {
    std::vector<int> state(groups.size(), 0);  // 0 unvisited, 1 on the current path, 2 done
    auto index_of = [&](std::string_view id) -> std::ptrdiff_t {
      for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].id == id) return static_cast<std::ptrdiff_t>(i);
      return -1;
    };
    for (std::size_t i = 0; i < groups.size(); ++i) {
      std::vector<std::size_t> path;
      std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i);
      while (j >= 0 && state[static_cast<std::size_t>(j)] == 0) {
        state[static_cast<std::size_t>(j)] = 1;
        path.push_back(static_cast<std::size_t>(j));
        j = groups[static_cast<std::size_t>(j)].parent.empty() ? -1
                                                               : index_of(groups[static_cast<std::size_t>(j)].parent);
      }
      if (j >= 0 && state[static_cast<std::size_t>(j)] == 1) {
        std::string cycle;
        bool in = false;
        for (std::size_t k : path) {
          in = in || static_cast<std::ptrdiff_t>(k) == j;
          if (in) cycle += groups[k].id + " \u2192 ";
        }
        cycle += groups[static_cast<std::size_t>(j)].id;
        out.add(at("groups", static_cast<std::size_t>(j), "parent"), "the accountability tree has a cycle: " + cycle);
      }
      for (std::size_t k : path) state[k] = 2;
    }
  }

  for (std::size_t i = 0; i < duties.size(); ++i) {
    const Duty& d = duties[i];
    const bool owner_known = is_agency(d.owner) || role(d.owner) != nullptr || group(d.owner) != nullptr;
    if (!d.owner.empty()) need(owner_known, at("duties", i, "owner"), d.owner, "owner (a role, group or agency)");
    const Schedule& s = d.schedule;
    switch (s.kind) {
      case ScheduleKind::interval:
        if (!s.every)
          out.add(at("duties", i, "schedule/every"), "missing: an interval duty needs \"every\"");
        else if (s.every->amount() == 0)
          out.add(at("duties", i, "schedule/every"), "the interval must be longer than 0");
        break;
      case ScheduleKind::yearly:
        if (s.by_month < 1 || s.by_month > 12 || s.by_day < 1 || s.by_day > support::days_in_month(2001, s.by_month))
          out.add(at("duties", i, "schedule/by"),
                  "not a day of the year: month " + std::to_string(s.by_month) + ", day " + std::to_string(s.by_day));
        break;
      case ScheduleKind::count:
        if (s.count.unit == PeriodUnit::as_required)
          out.add(at("duties", i, "schedule/per"), "a count duty needs periods (month, quarter, half-year or year)");
        if (s.count.at_least < 1)
          out.add(at("duties", i, "schedule/at_least"), "must be at least 1, got " + std::to_string(s.count.at_least));
        break;
      case ScheduleKind::after_each:
        if (!s.within) out.add(at("duties", i, "schedule/within"), "missing: an after-each duty needs \"within\"");
        if (s.after.empty())
          out.add(at("duties", i, "schedule/after"), "missing: the activity type that starts each clock");
        break;
    }
  }

  // Coverage: each entry names a required item of the partnership's own edition, once.
  {
    const auto& required = required_contents(edition);
    std::map<std::string_view, std::size_t, std::less<>> covered;  // item -> first entry
    for (std::size_t i = 0; i < arrangements.coverage.size(); ++i) {
      const std::string& item = arrangements.coverage[i].item;
      const std::string where = at("arrangements/coverage", i, "item");
      if (find_required_item(item) == nullptr) {
        out.add(where, "unknown required item " + quote(item));
      } else if (std::none_of(required.begin(), required.end(), [&](const RequiredItem& r) { return r.id == item; })) {
        const Edition other = item.rfind("wt2018.", 0) == 0 ? Edition::wt2018 : Edition::wt2023;
        out.add(where, quote(item) + " is a required item of " + std::string(edition_title(other)) +
                           (required.empty()
                                ? ", but an LSCB under Working Together 2015 publishes no "
                                  "multi-agency safeguarding arrangements"
                                : ", not of " + std::string(edition_title(edition)) + ", the partnership's edition"));
      } else if (auto [first, inserted] = covered.emplace(item, i); !inserted) {
        out.add(where, "required item " + quote(item) + " is listed twice (first at " +
                           at("arrangements/coverage", first->second, "item") + ")");
      }
    }
  }

  auto check_date = [&](Date d, const std::string& where) {
    if (!d.is_special() && !calendar.covers(d)) out.add(where, to_iso(d) + " is outside " + calendar.range_text());
  };
  check_date(start, "/start");

  // Meetings are the bulk of a partnership's data: look ids up in hash tables, and build a JSON
  // pointer only for a problem found.
  std::unordered_map<std::string_view, const Group*> group_by_id;
  std::unordered_map<std::string_view, std::unordered_set<std::string_view>> members_of;
  for (const Group& g : groups) {
    group_by_id.emplace(g.id, &g);
    auto& members = members_of[g.id];
    for (const GroupMember& member : g.members) members.insert(member.agency);
  }
  std::unordered_set<std::string_view> agency_ids;
  for (const auto& x : partners) agency_ids.insert(x.id);
  for (const auto& x : agencies) agency_ids.insert(x.id);
  std::unordered_set<std::string_view> attended, apologised;
  for (std::size_t i = 0; i < meetings.size(); ++i) {
    const Meeting& m = meetings[i];
    const auto found = group_by_id.find(m.group);
    const Group* g = found == group_by_id.end() ? nullptr : found->second;
    if (g == nullptr) need(false, at("meetings", i, "group"), m.group, "group");
    if (m.date.is_special()) out.add(at("meetings", i, "date"), "missing: the meeting's date");
    if (!m.date.is_special() && !calendar.covers(m.date)) check_date(m.date, at("meetings", i, "date"));
    const auto* members = g == nullptr ? nullptr : &members_of[g->id];
    attended.clear();
    apologised.clear();
    for (std::size_t k = 0; k < m.attendance.size(); ++k) {
      const Attendance& a = m.attendance[k];
      auto where = [&] { return at("meetings", i, "attendance/" + std::to_string(k) + "/agency"); };
      if (agency_ids.count(a.agency) == 0) {
        need(false, where(), a.agency, "agency");
        continue;
      }
      if (members != nullptr && members->count(a.agency) == 0 && a.capacity != Capacity::invited)
        out.add(where(), "agency " + quote(a.agency) + " is not a member of group " + quote(g->id) +
                             " (record an invited agency with \"capacity\": \"invited\")");
      if (!attended.insert(a.agency).second)
        out.add(where(), "agency " + quote(a.agency) + " is recorded twice at this meeting");
    }
    for (std::size_t k = 0; k < m.apologies.size(); ++k) {
      const Apology& a = m.apologies[k];
      auto where = [&] { return at("meetings", i, "apologies/" + std::to_string(k) + "/agency"); };
      if (agency_ids.count(a.agency) == 0) {
        need(false, where(), a.agency, "agency");
        continue;
      }
      if (attended.count(a.agency) != 0)
        out.add(where(), "agency " + quote(a.agency) + " both attended and sent apologies");
      else if (!apologised.insert(a.agency).second)
        out.add(where(), "agency " + quote(a.agency) + " sent apologies twice");
    }
  }

  std::map<std::string, const Activity*, std::less<>> activity_by_id;
  for (const Activity& a : activities) activity_by_id.emplace(a.id, &a);
  for (std::size_t i = 0; i < activities.size(); ++i) {
    const Activity& a = activities[i];
    if (a.type.empty()) out.add(at("activities", i, "type"), "the activity type is empty");
    if (a.date.is_special()) out.add(at("activities", i, "date"), "missing: the activity's date");
    if (!a.date.is_special() && !calendar.covers(a.date)) check_date(a.date, at("activities", i, "date"));
    if (!a.follows.empty()) {
      auto it = activity_by_id.find(a.follows);
      if (it == activity_by_id.end()) {
        need(false, at("activities", i, "follows"), a.follows, "activity");
      } else if (!a.date.is_special() && !it->second->date.is_special() && a.date < it->second->date) {
        out.add(at("activities", i, "date"), to_iso(a.date) + " is before " + to_iso(it->second->date) +
                                                 ", the date of " + quote(a.follows) + " which it follows");
      }
    }
  }
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (groups[i].from) check_date(*groups[i].from, at("groups", i, "from"));
  if (thresholds) {
    detail::check_thresholds(*thresholds, "/thresholds", out);
    const std::string& owner = thresholds->owner;
    if (!owner.empty())
      need(is_agency(owner) || role(owner) != nullptr || group(owner) != nullptr, "/thresholds/owner", owner,
           "owner (a role, group or agency)");
    for (std::size_t v = 0; v < thresholds->versions.size(); ++v)
      if (!thresholds->versions[v].from.is_special())
        check_date(thresholds->versions[v].from, at("thresholds/versions", v, "from"));
  }
  for (std::size_t i = 0; i < duties.size(); ++i) {
    if (duties[i].from) check_date(*duties[i].from, at("duties", i, "from"));
    if (duties[i].schedule.first_due) check_date(*duties[i].schedule.first_due, at("duties", i, "schedule/first_due"));
  }
  return out.items();
}

inline void Partnership::validate(std::string_view source) const {
  const auto found = problems();
  if (!found.empty()) throw Error(found, source);
}

}  // namespace safeguarding::inline v0

#include "safeguarding/compliance.hpp"  // Partnership::evaluate
