// Governance compliance: a partnership evaluated as of a date gives a ComplianceReport, a list of
// findings (each a requirement tested on one subject, with its source, status, dates, lateness and a
// plain-English sentence) and a partnership-level summary. See docs/partnership.md ("The report").
//
// Findings come in a fixed order: by kind (the order of FindingKind), then by the subject's order in
// the partnership's data (groups, agencies and duties as listed; meetings and periods by date).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "safeguarding/partnership.hpp"

namespace safeguarding::inline v0 {

enum class Status : std::uint8_t { met, breached, due_soon, not_yet_due, not_applicable };
/// JSON names; `status_title` gives the words for sentences.
inline constexpr std::array<std::string_view, 5> status_names = {"met", "breached", "due-soon", "not-yet-due",
                                                                 "not-applicable"};
inline std::string_view status_title(Status s) {
  static constexpr std::array<std::string_view, 5> titles = {"met", "breached", "due soon", "not yet due",
                                                             "not applicable"};
  return detail::enum_name(s, titles);
}

enum class FindingKind : std::uint8_t {
  safeguarding_partners,  ///< the three statutory partners are named
  arrangements,           ///< the published arrangements cover a required item
  group_chair,            ///< a group has a chair
  group_members,          ///< a group has members
  meeting_frequency,      ///< a group met as often as its frequency in one period
  quorum,                 ///< a meeting was quorate
  attendance,             ///< a member agency's attendance rate at a group
  non_attendance,         ///< a member agency absent from a meeting without a valid reason (to escalate)
  duty,                   ///< one instance of a recurring duty
};
inline constexpr std::array<std::string_view, 9> finding_kind_names = {"safeguarding-partners",
                                                                       "arrangements",
                                                                       "group-chair",
                                                                       "group-members",
                                                                       "meeting-frequency",
                                                                       "quorum",
                                                                       "attendance",
                                                                       "non-attendance",
                                                                       "duty"};

/// "Meetings", "Quorum": headings for the text report.
inline std::string_view finding_kind_title(FindingKind kind) {
  static constexpr std::array<std::string_view, 9> titles = {"Safeguarding partners",
                                                             "Published arrangements",
                                                             "Chairs",
                                                             "Members",
                                                             "Meetings",
                                                             "Quorum",
                                                             "Attendance",
                                                             "Non-attendance",
                                                             "Duties"};
  return detail::enum_name(kind, titles);
}

/// One requirement tested on one subject.
struct Finding {
  FindingKind kind = FindingKind::duty;
  Status status = Status::not_applicable;
  std::string requirement;   // what is required, in words
  std::string source;        // where it is required: the arrangements' paragraph or the guidance
  std::string subject_type;  // "partnership", "group", "agency", "meeting", "duty", "arrangements"
  std::string subject;       // the subject's id
  std::string subject_name;  // the subject's name, for readers
  std::string group;         // the group concerned, if any (attendance, non-attendance, quorum)
  std::optional<Period> period;
  std::optional<Date> due;
  std::optional<Date> actual;
  std::optional<std::int64_t> late_working_days;  // actual (or, when still outstanding, the as-of date) after due
  std::optional<std::int64_t> late_calendar_days;
  std::string text;  // a plain-English sentence

  friend bool operator==(const Finding&, const Finding&) = default;
};

/// Overrides for one evaluation; unset values come from the partnership's settings.
struct EvaluationOptions {
  std::optional<Timescale> due_soon;
  std::optional<std::int64_t> attendance_target;
};

/// Partnership-level figures.
struct ComplianceSummary {
  std::array<std::int64_t, 5> by_status{};                      // indexed by Status
  std::array<std::array<std::int64_t, 5>, 9> by_kind_status{};  // [FindingKind][Status]
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
  [[nodiscard]] std::int64_t count(Status s) const { return by_status[static_cast<std::size_t>(s)]; }
  [[nodiscard]] std::int64_t count(FindingKind k, Status s) const {
    return by_kind_status[static_cast<std::size_t>(k)][static_cast<std::size_t>(s)];
  }
  friend bool operator==(const ComplianceSummary&, const ComplianceSummary&) = default;
};

struct ComplianceReport {
  std::string partnership;
  std::string area;
  Edition edition = Edition::wt2018;
  Date start;
  Date as_of;
  Timescale due_soon{90, TimeUnit::calendar_days};
  std::int64_t attendance_target = 75;
  std::string calendar;
  std::vector<Finding> findings;
  ComplianceSummary summary;

  /// The findings with a given status, in report order.
  [[nodiscard]] std::vector<const Finding*> with_status(Status s) const {
    std::vector<const Finding*> out;
    for (const Finding& f : findings)
      if (f.status == s) out.push_back(&f);
    return out;
  }

  /// The report as text for a partnership manager (what `safeguarding report` prints).
  [[nodiscard]] std::string to_text() const;

  friend bool operator==(const ComplianceReport&, const ComplianceReport&) = default;
};

namespace detail {

/// `text` as lines of at most `width` characters (UTF-8 aware), each indented by `indent` spaces and
/// continuation lines by two more, breaking at spaces; every line ends with a newline.
inline std::string wrap(const std::string& text, std::size_t indent, std::size_t width) {
  auto length = [](std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  std::string out, line(indent, ' ');
  std::size_t used = indent;
  bool first_word = true;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    const std::string_view word(text.data() + i, j - i);
    const std::size_t n = length(word);
    if (!first_word && used + 1 + n > width) {
      out += line + "\n";
      line = std::string(indent + 2, ' ');
      used = indent + 2;
      first_word = true;
    }
    if (!first_word) {
      line += ' ';
      ++used;
    }
    line += word;
    used += n;
    first_word = false;
    i = j + 1;
  }
  return out + line + "\n";
}

inline std::string percent_text(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "-";
  return std::to_string((part * 100 + whole / 2) / whole) + "%";
}

inline std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

/// Lateness of `late` after `due`, in working and calendar days.
inline void set_lateness(Finding& f, const Calendar& cal, Date due, Date late) {
  f.late_calendar_days = std::max<std::int64_t>(0, days_between(due, late));
  f.late_working_days = late > due ? cal.working_days_between(due, late) : 0;
}

inline std::string lateness_text(const Finding& f) {
  return plural(*f.late_working_days, "working day", "working days") + " (" +
         plural(*f.late_calendar_days, "calendar day", "calendar days") + ")";
}

/// Evaluation with the indexes it needs, built once.
class Evaluator {
 public:
  Evaluator(const Partnership& p, Date as_of, const EvaluationOptions& options)
      : p_(p),
        as_of_(as_of),
        cal_(p.calendar),
        due_soon_(options.due_soon.value_or(p.settings.due_soon)),
        target_(options.attendance_target.value_or(p.settings.attendance_target)) {
    if (as_of.is_special()) throw Error("evaluate: expected an as-of date, got not-a-date");
    if (!cal_.covers(as_of))
      throw Error("evaluate: the as-of date " + to_iso(as_of) + " is outside " + cal_.range_text());
    if (target_ < 0 || target_ > 100)
      throw Error("evaluate: the attendance target must be a percentage from 0 to 100, got " + std::to_string(target_));
    horizon_ = due_soon_.due(as_of, cal_);
    for (std::size_t i = 0; i < p.meetings.size(); ++i)
      if (p.meetings[i].date <= as_of) meetings_by_group_[p.meetings[i].group].push_back(i);
    for (auto& [group, list] : meetings_by_group_)
      std::stable_sort(list.begin(), list.end(),
                       [&](std::size_t a, std::size_t b) { return p.meetings[a].date < p.meetings[b].date; });
    for (const Activity& a : p.activities) activities_by_type_[a.type].push_back(&a);
    // Each version of the threshold document counts as a review of it on its effective date: an
    // activity of the document's review type, so that a duty to keep it up to date is met or
    // breached by the versions as by recorded reviews.
    if (p.thresholds) {
      threshold_versions_.reserve(p.thresholds->versions.size());
      for (const ThresholdVersion& v : p.thresholds->versions) {
        if (v.from.is_special()) continue;
        threshold_versions_.push_back(Activity{"threshold-version:" + v.id, p.thresholds->review_activity, v.from, "",
                                               "version " + quote(v.id) + " of the threshold document", v.title});
        activities_by_type_[p.thresholds->review_activity].push_back(&threshold_versions_.back());
      }
    }
    for (auto& [type, list] : activities_by_type_)
      std::stable_sort(list.begin(), list.end(), [](const Activity* a, const Activity* b) { return a->date < b->date; });
  }

  ComplianceReport run() {
    ComplianceReport r;
    r.partnership = p_.name;
    r.area = p_.area;
    r.edition = p_.edition;
    r.start = p_.start;
    r.as_of = as_of_;
    r.due_soon = due_soon_;
    r.attendance_target = target_;
    r.calendar = cal_.name();
    summary_.groups = static_cast<std::int64_t>(p_.groups.size());
    partners();
    arrangements();
    chairs_and_members();
    for (const Group& g : p_.groups) frequency(g);
    for (const Group& g : p_.groups) quorum(g);
    for (const Group& g : p_.groups) attendance(g);
    for (const Group& g : p_.groups) non_attendance(g);
    for (const Duty& d : p_.duties) duty(d);
    // The steps above run in the order of FindingKind, so the findings are in report order.
    for (const Finding& f : findings_) {
      summary_.by_status[static_cast<std::size_t>(f.status)] += 1;
      summary_.by_kind_status[static_cast<std::size_t>(f.kind)][static_cast<std::size_t>(f.status)] += 1;
    }
    r.findings = std::move(findings_);
    r.summary = summary_;
    return r;
  }

 private:
  Finding& add(FindingKind kind, Status status, std::string requirement, std::string source, std::string subject_type,
               std::string subject, std::string subject_name) {
    Finding f;
    f.kind = kind;
    f.status = status;
    f.requirement = std::move(requirement);
    f.source = std::move(source);
    f.subject_type = std::move(subject_type);
    f.subject = std::move(subject);
    f.subject_name = std::move(subject_name);
    findings_.push_back(std::move(f));
    return findings_.back();
  }

  /// The status of something due on `due` and not yet done as of today.
  Status outstanding(Date due) const {
    if (due < as_of_) return Status::breached;
    return due <= horizon_ ? Status::due_soon : Status::not_yet_due;
  }

  Date group_start(const Group& g) const { return g.from.value_or(p_.start); }

  void partners() {
    const bool wt2023 = p_.edition == Edition::wt2023;
    const std::string requirement =
        wt2023 ? "the three safeguarding partners (the local authority, the ICB and the police), each with a lead "
                 "safeguarding partner and a delegated safeguarding partner"
               : "the three safeguarding partners: the local authority, the CCG or ICB, and the police";
    const std::string source = wt2023 ? "Children Act 2004 s16E; Working Together 2023 ch.2"
                                      : "Children Act 2004 s16E (as amended 2017); Working Together 2018 ch.3";
    if (p_.edition == Edition::lscb_wt2015) {
      add(FindingKind::safeguarding_partners, Status::not_applicable, requirement, source, "partnership", "", p_.name)
          .text = "Safeguarding partners are not part of an LSCB under Working Together 2015.";
      return;
    }
    bool la = false, health = false, police = false;
    for (const auto& partner : p_.partners) {
      la = la || partner.kind == PartnerKind::local_authority;
      health = health || partner.kind == PartnerKind::ccg || partner.kind == PartnerKind::icb;
      police = police || partner.kind == PartnerKind::police;
    }
    std::vector<std::string> problems;
    std::vector<std::string> missing, no_lead, no_delegate, ccgs;
    if (!la) missing.push_back("the local authority");
    if (!health) missing.push_back(wt2023 ? "an ICB" : "a CCG or ICB");
    if (!police) missing.push_back("the chief officer of police");
    for (const auto& partner : p_.partners) {
      if (partner.lead.empty()) no_lead.push_back(partner.name);
      if (wt2023 && partner.delegates.empty()) no_delegate.push_back(partner.name);
      if (wt2023 && partner.kind == PartnerKind::ccg) ccgs.push_back(partner.name);
    }
    if (!missing.empty()) problems.push_back("No safeguarding partner is named for " + join(missing) + ".");
    if (!no_lead.empty()) problems.push_back("No lead representative is named for " + join(no_lead) + ".");
    if (!no_delegate.empty())
      problems.push_back("No delegated safeguarding partner is named for " + join(no_delegate) + ".");
    if (!ccgs.empty())
      problems.push_back(join(ccgs) + (ccgs.size() == 1 ? " is a CCG" : " are CCGs") +
                         ": integrated care boards replaced CCGs on 1 July 2022.");
    Finding& f = add(FindingKind::safeguarding_partners, problems.empty() ? Status::met : Status::breached, requirement,
                     source, "partnership", "", p_.name);
    if (problems.empty()) {
      f.text = wt2023
                   ? "All three safeguarding partners are named, each with a lead and a delegated safeguarding partner."
                   : "All three safeguarding partners are named, each with a lead representative.";
    } else {
      for (const auto& text : problems) f.text += (f.text.empty() ? "" : " ") + text;
    }
  }

  void arrangements() {
    const auto& items = required_contents(p_.edition);
    if (items.empty()) {
      add(FindingKind::arrangements, Status::not_applicable, "published multi-agency safeguarding arrangements",
          "Working Together 2018 ch.3", "arrangements", "", "published arrangements")
          .text = "An LSCB under Working Together 2015 publishes no multi-agency safeguarding arrangements.";
      return;
    }
    for (const RequiredItem& item : items) {
      const CoverageEntry* entry = nullptr;
      for (const auto& c : p_.arrangements.coverage)
        if (c.item == item.id) entry = &c;
      Finding& f = add(FindingKind::arrangements, entry != nullptr ? Status::met : Status::breached,
                       "the published arrangements set out " + std::string(item.text), std::string(item.source),
                       "arrangements", std::string(item.id), std::string(item.text));
      if (p_.arrangements.published) f.actual = p_.arrangements.published;
      f.text = entry != nullptr ? "Covered in the arrangements at " + entry->where + ": " + std::string(item.text) + "."
                                : "Not covered in the published arrangements: " + std::string(item.text) + ".";
    }
  }

  void chairs_and_members() {
    for (const Group& g : p_.groups) {
      Finding& f = add(FindingKind::group_chair, g.chairs.empty() ? Status::breached : Status::met,
                       "the group has a chair", "the partnership's arrangements", "group", g.id, g.name);
      if (g.chairs.empty()) {
        f.text = g.name + " has no chair.";
      } else {
        std::vector<std::string> titles;
        for (const auto& c : g.chairs) titles.push_back(p_.role(c) ? p_.role(c)->title : c);
        f.text = g.name + " is chaired by " + (titles.size() > 1 ? "the co-chairs " : "") + join(titles) + ".";
      }
    }
    for (const Group& g : p_.groups) {
      Finding& f = add(FindingKind::group_members, g.members.empty() ? Status::breached : Status::met,
                       "the group has members", "the partnership's arrangements", "group", g.id, g.name);
      f.text = g.members.empty()
                   ? g.name + " has no members."
                   : g.name + " has " +
                         plural(static_cast<std::int64_t>(g.members.size()), "member agency", "member agencies") + ".";
    }
  }

  const std::vector<std::size_t>& meetings_of(const Group& g) const {
    static const std::vector<std::size_t> none;
    auto it = meetings_by_group_.find(g.id);
    return it == meetings_by_group_.end() ? none : it->second;
  }

  /// Periods from `from` to the as-of date, each with how many of the sorted `dates` fall in it and
  /// the index of the first of them. When none has begun by the as-of date, the first period, which
  /// has not begun, with none: a group or duty is never missing from the report.
  template <class OnPeriod>
  void per_period(const Frequency& f, Date from, const std::vector<Date>& dates, OnPeriod on_period) const {
    auto periods = periods_between(from, as_of_, f.unit, f.aligned_to, p_.year_start);
    if (periods.empty()) periods.push_back(first_period_from(from, f.unit, f.aligned_to, p_.year_start));
    std::size_t k = 0;
    for (const Period& period : periods) {
      while (k < dates.size() && dates[k] < period.first) ++k;
      std::int64_t n = 0;
      std::size_t j = k;
      for (; j < dates.size() && dates[j] <= period.last; ++j) ++n;
      on_period(period, n, k);
    }
  }

  Status period_status(const Period& period, std::int64_t n, std::int64_t at_least) const {
    if (n >= at_least) return Status::met;
    return outstanding(period.last);
  }

  void frequency(const Group& g) {
    const Frequency& f = g.frequency;
    const std::string requirement = "meets at least " + frequency_text(f, p_.year_start);
    if (f.unit == PeriodUnit::as_required) {
      add(FindingKind::meeting_frequency, Status::not_applicable, "meets as required", f.source, "group", g.id, g.name)
          .text = g.name + " meets as required: there is no frequency to check.";
      return;
    }
    std::vector<Date> dates;
    for (std::size_t i : meetings_of(g)) dates.push_back(p_.meetings[i].date);
    const std::string unit_word(period_unit_names[static_cast<std::size_t>(f.unit)]);
    per_period(f, group_start(g), dates, [&](const Period& period, std::int64_t n, std::size_t first) {
      Finding& x = add(FindingKind::meeting_frequency, period_status(period, n, f.at_least), requirement, f.source,
                       "group", g.id, g.name);
      x.period = period;
      x.due = period.last;
      if (n >= f.at_least) x.actual = dates[first + static_cast<std::size_t>(f.at_least) - 1];  // when it was met
      const std::string when = period_text(period);
      const std::string held = plural(n, "meeting", "meetings");
      switch (x.status) {
        case Status::met:
          x.text = g.name + " met in " + when + " (" + held + ").";
          break;
        case Status::breached:
          x.text = n == 0 ? g.name + " did not meet in " + when + " (it should meet at least " +
                                frequency_text(f, p_.year_start) + ")."
                          : g.name + " met only " + std::to_string(n) + " time" + (n == 1 ? "" : "s") + " in " + when +
                                " (at least " + std::to_string(f.at_least) + " required).";
          break;
        default:
          if (period.first > as_of_) {
            x.text = g.name + " is first assessed in " + when + " (it should meet at least " +
                     frequency_text(f, p_.year_start) + "); the " + unit_word + " begins on " +
                     to_long_text(period.first) + ".";
            break;
          }
          x.text =
              g.name + " has " +
              (n == 0 ? "not yet met" : "met " + std::to_string(n) + " of " + std::to_string(f.at_least) + " times") +
              " in " + when + "; the " + unit_word + " ends on " + to_long_text(period.last) + ".";
          break;
      }
    });
  }

  /// Whether `agency` is represented at meeting `m` in a way that counts for the quorum.
  static const Attendance* attendance_of(const Meeting& m, std::string_view agency) {
    for (const Attendance& a : m.attendance)
      if (a.agency == agency) return &a;
    return nullptr;
  }
  static const Apology* apology_of(const Meeting& m, std::string_view agency) {
    for (const Apology& a : m.apologies)
      if (a.agency == agency) return &a;
    return nullptr;
  }

  void quorum(const Group& g) {
    if (!g.quorum) {
      add(FindingKind::quorum, Status::not_applicable, "no quorum rule", "", "group", g.id, g.name).text =
          g.name + " has no quorum rule.";
      return;
    }
    const QuorumRule& rule = *g.quorum;
    std::string requirement;
    if (rule.all_safeguarding_partners) requirement = "all three safeguarding partners present";
    if (rule.minimum_members > 0)
      requirement += (requirement.empty() ? "" : ", and ") + std::string("at least ") +
                     plural(rule.minimum_members, "member agency", "member agencies") + " present";
    if (rule.deputies_need_delegated_authority)
      requirement += (requirement.empty() ? "" : "; ") + std::string("deputies hold delegated authority");
    if (requirement.empty()) requirement = "quorum";
    for (std::size_t i : meetings_of(g)) {
      const Meeting& m = p_.meetings[i];
      summary_.meetings_assessed += 1;
      std::vector<std::string> reasons;
      auto counts = [&](const Attendance* a) {
        if (a == nullptr || a->capacity == Capacity::invited) return false;
        return a->capacity == Capacity::member || a->delegated_authority || !rule.deputies_need_delegated_authority;
      };
      if (rule.all_safeguarding_partners) {
        for (const auto& partner : p_.partners) {
          const Attendance* a = attendance_of(m, partner.id);
          if (a == nullptr || a->capacity == Capacity::invited)
            reasons.push_back(partner.name + " was not represented");
          else if (!counts(a))
            reasons.push_back(partner.name + " sent a deputy without delegated authority");
        }
      }
      if (rule.minimum_members > 0) {
        std::int64_t present = 0;
        for (const auto& member : g.members) present += counts(attendance_of(m, member.agency)) ? 1 : 0;
        if (present < rule.minimum_members)
          reasons.push_back("only " + plural(present, "member agency was", "member agencies were") +
                            " present (at least " + std::to_string(rule.minimum_members) + " needed)");
      }
      Finding& f = add(FindingKind::quorum, reasons.empty() ? Status::met : Status::breached, requirement, rule.source,
                       "meeting", m.id, g.name + " meeting on " + to_iso(m.date));
      f.group = g.id;
      f.actual = m.date;
      if (reasons.empty()) {
        summary_.meetings_quorate += 1;
        f.text = "The " + g.name + " meeting on " + to_long_text(m.date) + " was quorate.";
      } else {
        std::string why;
        for (std::size_t k = 0; k < reasons.size(); ++k) why += (k == 0 ? "" : "; ") + reasons[k];
        f.text = "The " + g.name + " meeting on " + to_long_text(m.date) + " was not quorate: " + why + ".";
      }
    }
  }

  void attendance(const Group& g) {
    const auto& held = meetings_of(g);
    for (const GroupMember& member : g.members) {
      std::int64_t attended = 0, valid = 0, unexplained = 0;
      std::optional<Date> last;
      for (std::size_t i : held) {
        const Meeting& m = p_.meetings[i];
        const Attendance* a = attendance_of(m, member.agency);
        if (a != nullptr && a->capacity != Capacity::invited) {
          ++attended;
          last = m.date;
        } else if (const Apology* ap = apology_of(m, member.agency); ap != nullptr && ap->valid_reason) {
          ++valid;
        } else {
          ++unexplained;
        }
      }
      const auto n = static_cast<std::int64_t>(held.size());
      summary_.attendances_expected += n;
      summary_.attendances += attended;
      const std::string name = p_.agency_name(member.agency);
      const bool meets = attended * 100 >= target_ * n;
      Finding& f = add(FindingKind::attendance, n == 0 ? Status::not_yet_due : (meets ? Status::met : Status::breached),
                       "attends at least " + std::to_string(target_) + "% of the group's meetings",
                       "the partnership's attendance target", "agency", member.agency, name);
      f.group = g.id;
      f.actual = last;
      if (n == 0) {
        f.text = g.name + " has not met yet, so " + name + "'s attendance cannot be assessed.";
        continue;
      }
      f.text = name + " attended " + std::to_string(attended) + " of " +
               plural(n, g.name + " meeting", g.name + " meetings") + " (" + percent_text(attended, n) +
               (meets ? "" : ", below the " + std::to_string(target_) + "% target") + ")";
      std::vector<std::string> notes;
      if (valid > 0) notes.push_back(plural(valid, "apology with a valid reason", "apologies with a valid reason"));
      if (unexplained > 0)
        notes.push_back(plural(unexplained, "absence without a valid reason", "absences without a valid reason"));
      if (!notes.empty()) f.text += "; " + join(notes);
      if (!meets) f.text += last ? "; last attended " + to_long_text(*last) : "; it has not attended at all";
      f.text += ".";
    }
    summary_.meetings_held += static_cast<std::int64_t>(held.size());
  }

  void non_attendance(const Group& g) {
    for (std::size_t i : meetings_of(g)) {
      const Meeting& m = p_.meetings[i];
      for (const GroupMember& member : g.members) {
        const Attendance* a = attendance_of(m, member.agency);
        if (a != nullptr && a->capacity != Capacity::invited) continue;
        const Apology* ap = apology_of(m, member.agency);
        if (ap != nullptr && ap->valid_reason) continue;
        summary_.absences_without_valid_reason += 1;
        const std::string name = p_.agency_name(member.agency);
        Finding& f = add(FindingKind::non_attendance, Status::breached,
                         "member agencies attend or send apologies with a valid reason; non-attendance is reported to "
                         "the agency's line manager",
                         g.quorum && !g.quorum->source.empty() ? g.quorum->source : "the partnership's arrangements",
                         "agency", member.agency, name);
        f.group = g.id;
        f.actual = m.date;
        f.text = name + " did not attend the " + g.name + " meeting on " + to_long_text(m.date) +
                 (ap != nullptr ? " and its apologies gave no valid reason" : " and sent no apologies") +
                 ": report to the agency's line manager.";
      }
    }
  }

  // Duties -------------------------------------------------------------------------------------

  std::vector<const Activity*> activities_of(std::string_view type) const {
    auto it = activities_by_type_.find(std::string(type));
    return it == activities_by_type_.end() ? std::vector<const Activity*>{} : it->second;
  }

  /// For a duty to keep the threshold document up to date (its activity is the document's review
  /// type): the partnership's own version in force when the duty starts, whose age counts from its
  /// date rather than the duty's start. nullptr for other duties.
  const ThresholdVersion* threshold_basis(const Duty& d, Date from) const {
    if (!p_.thresholds || d.activity != p_.thresholds->review_activity || p_.thresholds->versions.empty()) return nullptr;
    const ThresholdVersion* basis = nullptr;
    for (const ThresholdVersion& v : p_.thresholds->versions)
      if (!v.from.is_special() && v.from <= from) basis = &v;
    return basis;
  }

  /// Adds, to the outstanding instance of a threshold duty, which version is in force and since when.
  void note_threshold_version(const Duty& d, std::size_t first_finding) {
    if (!p_.thresholds || d.activity != p_.thresholds->review_activity) return;
    const ThresholdVersion* current = nullptr;
    for (const ThresholdVersion& v : p_.thresholds->versions)
      if (!v.from.is_special() && v.from <= as_of_) current = &v;
    if (current == nullptr) return;
    for (std::size_t i = first_finding; i < findings_.size(); ++i) {
      Finding& f = findings_[i];
      if (f.actual || f.status == Status::met || f.status == Status::not_applicable) continue;
      f.text += " The version in force is " + quote(current->title.empty() ? current->id : current->title) +
                ", in force since " + to_long_text(current->from) + ".";
    }
  }

  Finding& duty_finding(const Duty& d, Status status, std::string requirement) {
    Finding& f = add(FindingKind::duty, status, std::move(requirement), d.source, "duty", d.id, d.title);
    return f;
  }

  /// Sets status, dates, lateness and sentence for one due instance of a duty.
  /// `label` names the instance in the sentence (the duty's title, or more).
  Finding& instance(const Duty& d, const std::string& requirement, Date due, const Activity* done,
                    const std::string& label) {
    const bool done_by_now = done != nullptr && done->date <= as_of_;
    Finding& f = duty_finding(d, done_by_now ? (done->date <= due ? Status::met : Status::breached) : outstanding(due),
                              requirement);
    f.due = due;
    if (done_by_now) {
      f.actual = done->date;
      set_lateness(f, cal_, due, done->date);
      f.text = f.status == Status::met
                   ? label + ": done on " + to_long_text(done->date) + ", due by " + to_long_text(due) + "."
                   : label + ": done on " + to_long_text(done->date) + ", " + lateness_text(f) +
                         " after it was due on " + to_long_text(due) + ".";
      return f;
    }
    switch (f.status) {
      case Status::breached:
        set_lateness(f, cal_, due, as_of_);
        f.text = label + ": overdue since " + to_long_text(due) + ", by " + lateness_text(f) + " as of " +
                 to_long_text(as_of_) + ".";
        break;
      case Status::due_soon:
        f.text = label + ": due by " + to_long_text(due) + ", " +
                 plural(cal_.working_days_between(as_of_, due), "working day", "working days") + " from now.";
        break;
      default:
        f.text = label + ": next due by " + to_long_text(due) + ".";
        break;
    }
    return f;
  }

  void duty(const Duty& d) {
    const std::size_t first_finding = findings_.size();
    duty_instances(d);
    note_threshold_version(d, first_finding);
  }

  void duty_instances(const Duty& d) {
    const Date from = d.from.value_or(p_.start);
    const Schedule& s = d.schedule;
    const auto acts = activities_of(d.activity);
    switch (s.kind) {
      case ScheduleKind::interval: {
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
        break;
      }
      case ScheduleKind::yearly: {
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
        for (std::size_t year = 0; year < dues.size(); ++year)
          instance(d, requirement, dues[year], done[year], d.title);
        break;
      }
      case ScheduleKind::count: {
        const Frequency& f = s.count;
        const std::string requirement = "at least " + frequency_text(f, p_.year_start);
        std::vector<Date> dates;
        for (const Activity* a : acts)
          if (a->date <= as_of_) dates.push_back(a->date);
        // A first period that began before the duty is not assessed (the count is for a whole
        // period), but says so, with what was done in it from the duty's start.
        if (const Period partial = period_containing(from, f.unit, f.aligned_to, p_.year_start); partial.first < from) {
          const auto n =
              std::count_if(dates.begin(), dates.end(), [&](Date day) { return day >= from && day <= partial.last; });
          Finding& x = duty_finding(d, Status::not_applicable, requirement);
          x.period = partial;
          x.text = d.title + ": " + period_text(partial) + " began before the duty started on " + to_long_text(from) +
                   ", so it is not assessed (" + (n == 0 ? std::string("none") : std::to_string(n)) +
                   " done in it from that date).";
        }
        per_period(f, from, dates, [&](const Period& period, std::int64_t n, std::size_t first) {
          Finding& x = duty_finding(d, period_status(period, n, f.at_least), requirement);
          x.period = period;
          x.due = period.last;
          if (n >= f.at_least) x.actual = dates[first + static_cast<std::size_t>(f.at_least) - 1];
          const std::string when = period_text(period);
          const std::string tally = std::to_string(n) + " of " + std::to_string(f.at_least);
          switch (x.status) {
            case Status::met:
              x.text = d.title + ": " + tally + " done in " + when + ".";
              break;
            case Status::breached:
              x.text = d.title + ": " + (n == 0 ? std::string("none") : "only " + tally) + " done in " + when +
                       " (at least " + std::to_string(f.at_least) + " required).";
              break;
            default:
              if (period.first > as_of_) {
                x.text = d.title + ": first assessed in " + when + " (at least " + std::to_string(f.at_least) +
                         " required); the " + std::string(period_unit_names[static_cast<std::size_t>(f.unit)]) +
                         " begins on " + to_long_text(period.first) + ".";
                break;
              }
              x.text = d.title + ": " + tally + " done so far in " + when + ", which ends on " +
                       to_long_text(period.last) + ".";
              break;
          }
        });
        break;
      }
      case ScheduleKind::after_each: {
        const std::string requirement = "done within " + s.within->str() + " of each " + s.after;
        bool any = false;
        for (const Activity* trigger : activities_of(s.after)) {
          if (trigger->date < from || trigger->date > as_of_) continue;
          any = true;
          const Date due = s.within->due(trigger->date, cal_);
          const Activity* done = nullptr;
          for (const Activity* a : acts)
            if (a->follows == trigger->id && (done == nullptr || a->date < done->date)) done = a;
          const std::string name = trigger->title.empty() ? trigger->id : quote(trigger->title);
          Finding& f = instance(d, requirement, due, done,
                                d.title + " after " + name + " (" + to_long_text(trigger->date) + ")");
          f.subject_name = d.title + " (after " + name + " on " + to_iso(trigger->date) + ")";
        }
        if (!any)  // nothing has started a clock yet
          duty_finding(d, Status::not_yet_due, requirement).text =
              d.title + ": nothing is due yet (no " + s.after + " since " + to_long_text(from) + ").";
        break;
      }
    }
  }

  static std::string join(const std::vector<std::string>& parts) { return join_list(parts); }

  const Partnership& p_;
  Date as_of_;
  Calendar cal_;
  Timescale due_soon_;
  std::int64_t target_;
  Date horizon_;
  std::unordered_map<std::string, std::vector<std::size_t>> meetings_by_group_;
  std::unordered_map<std::string, std::vector<const Activity*>> activities_by_type_;
  std::vector<Activity> threshold_versions_;  // the threshold document's versions as review activities
  std::vector<Finding> findings_;
  ComplianceSummary summary_;
};

}  // namespace detail

/// The partnership's governance compliance as of a date. The partnership must be valid
/// (`validate()`); loading from JSON checks it.
inline ComplianceReport evaluate(const Partnership& partnership, Date as_of, const EvaluationOptions& options = {}) {
  partnership.validate();
  return detail::Evaluator(partnership, as_of, options).run();
}

inline ComplianceReport Partnership::evaluate(Date as_of) const {
  return safeguarding::evaluate(*this, as_of, {});
}
inline ComplianceReport Partnership::evaluate(Date as_of, const EvaluationOptions& options) const {
  return safeguarding::evaluate(*this, as_of, options);
}

inline std::string ComplianceReport::to_text() const {
  std::string out;
  const auto& s = summary;
  out += "Governance compliance report: " + partnership + "\n";
  if (!area.empty()) out += "Area: " + area + "\n";
  out += "Framework: " + std::string(edition_title(edition));
  if (!start.is_special()) out += ", in force from " + to_long_text(start);
  out += "\n";
  out += "As of " + to_long_text(as_of) + "\n";
  out +=
      "Working days are counted on the " + calendar + " calendar; \"due soon\" means within " + due_soon.str() + "\n\n";

  out += "Summary\n";
  out += "  " + detail::plural(s.total(), "finding", "findings") + ": " + std::to_string(s.count(Status::met)) +
         " met, " + std::to_string(s.count(Status::breached)) + " breached, " +
         std::to_string(s.count(Status::due_soon)) + " due soon, " + std::to_string(s.count(Status::not_yet_due)) +
         " not yet due, " + std::to_string(s.count(Status::not_applicable)) + " not applicable\n";
  out += "  Groups: " + std::to_string(s.groups) + "; meetings held: " + std::to_string(s.meetings_held);
  if (s.meetings_assessed > 0)
    out += "; quorate: " + std::to_string(s.meetings_quorate) + " of " + std::to_string(s.meetings_assessed) + " (" +
           detail::percent_text(s.meetings_quorate, s.meetings_assessed) + ")";
  out += "\n";
  out += "  Attendance by member agencies: " + std::to_string(s.attendances) + " of " +
         std::to_string(s.attendances_expected) + " places (" +
         detail::percent_text(s.attendances, s.attendances_expected) + "); " +
         detail::plural(s.absences_without_valid_reason, "absence", "absences") +
         " without a valid reason to escalate\n";
  out += "  Breaches by area:";
  bool any = false;
  for (std::size_t k = 0; k < finding_kind_names.size(); ++k) {
    const auto n = s.by_kind_status[k][static_cast<std::size_t>(Status::breached)];
    if (n == 0) continue;
    out += std::string(any ? "," : "") + " " + std::string(finding_kind_title(static_cast<FindingKind>(k))) + " " +
           std::to_string(n);
    any = true;
  }
  out += any ? "\n" : " none\n";

  auto section = [&](Status status, const std::string& heading) {
    const auto list = with_status(status);
    out += "\n" + heading + " (" + std::to_string(list.size()) + ")\n";
    if (list.empty()) {
      out += "  none\n";
      return;
    }
    std::optional<FindingKind> current;
    for (const Finding* f : list) {
      if (current != f->kind) {
        out += "  " + std::string(finding_kind_title(f->kind)) + "\n";
        current = f->kind;
      }
      out += detail::wrap("- " + f->text + (f->source.empty() ? "" : " [" + f->source + "]"), 4, 100);
    }
  };
  section(Status::breached, "Breached: action needed");
  section(Status::due_soon, "Due soon");
  section(Status::not_yet_due, "Not yet due");

  out += "\nMet\n";
  for (std::size_t k = 0; k < finding_kind_names.size(); ++k) {
    if (static_cast<FindingKind>(k) == FindingKind::non_attendance) continue;  // only ever breaches
    const auto met = s.by_kind_status[k][static_cast<std::size_t>(Status::met)];
    std::int64_t assessed = met + s.by_kind_status[k][static_cast<std::size_t>(Status::breached)];
    if (assessed == 0) continue;
    out += "  " + std::string(finding_kind_title(static_cast<FindingKind>(k))) + ": " + std::to_string(met) + " of " +
           std::to_string(assessed) + "\n";
  }
  const auto na = with_status(Status::not_applicable);
  if (!na.empty()) {
    out += "\nNot applicable\n";
    for (const Finding* f : na) out += detail::wrap("- " + f->text, 2, 100);
  }
  return out;
}

}  // namespace safeguarding::inline v0
