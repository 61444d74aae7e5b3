// Partnership::problems: every problem with the references, ids, tree and dates, each at the JSON
// pointer of the offending value. Each check is one named step; ids are looked up in hash tables
// built once, so that validation takes time in proportion to the partnership's size.
#include "safeguarding/partnership.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace safeguarding::inline v0 {

namespace detail {

/// "/groups/3/parent": the JSON pointer of a field of a list's element.
SAFEGUARDING_FUNC std::string at(std::string_view list, std::size_t i, std::string_view field = {}) {
  std::string p = "/" + std::string(list) + "/" + std::to_string(i);
  if (!field.empty()) p += "/" + std::string(field);
  return p;
}

/// The first index of each id of a list.
template <class T>
std::unordered_map<std::string_view, std::size_t> index_by_id(const std::vector<T>& items) {
  std::unordered_map<std::string_view, std::size_t> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) out.emplace(items[i].id, i);
  return out;
}

/// The cycle, if any, reached by following `next` (an index or -1) from each element: for each
/// cycle, `report(first element met again, the path's elements from it)`. Each element is visited
/// once: linear in the number of elements.
template <class Next, class Report>
void find_cycles(std::size_t n, Next next, Report report) {
  std::vector<unsigned char> state(n, 0);  // 0 unvisited, 1 on the current path, 2 done
  std::vector<std::size_t> path;
  for (std::size_t i = 0; i < n; ++i) {
    path.clear();
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i);
    while (j >= 0 && state[static_cast<std::size_t>(j)] == 0) {
      state[static_cast<std::size_t>(j)] = 1;
      path.push_back(static_cast<std::size_t>(j));
      j = next(static_cast<std::size_t>(j));
    }
    if (j >= 0 && state[static_cast<std::size_t>(j)] == 1) {
      std::size_t from = 0;
      while (path[from] != static_cast<std::size_t>(j)) ++from;
      report(static_cast<std::size_t>(j),
             std::vector<std::size_t>(path.begin() + static_cast<std::ptrdiff_t>(from), path.end()));
    }
    for (std::size_t k : path) state[k] = 2;
  }
}

class PartnershipChecker {
 public:
  explicit PartnershipChecker(const Partnership& p)
      : p_(p),
        partners_(index_by_id(p.partners)),
        agencies_(index_by_id(p.agencies)),
        roles_(index_by_id(p.roles)),
        groups_(index_by_id(p.groups)),
        activities_(index_by_id(p.activities)),
        designated_(index_by_id(p.designated_agencies)) {}

  std::vector<Problem> run() {
    ids();
    basics();
    partners_and_roles();
    for (std::size_t i = 0; i < p_.groups.size(); ++i) group(i);
    group_tree();
    for (std::size_t i = 0; i < p_.duties.size(); ++i) duty_schedule(i);
    coverage(p_.edition, p_.arrangements, "arrangements/coverage");
    editions();
    check_date(p_.start, "/start");
    check_date(p_.settings.republish_by, "/settings/republish_by");
    meetings();
    activities();
    activity_chains();
    for (std::size_t i = 0; i < p_.groups.size(); ++i)
      if (p_.groups[i].from) check_date(*p_.groups[i].from, at("groups", i, "from"));
    thresholds();
    for (std::size_t i = 0; i < p_.duties.size(); ++i) {
      if (p_.duties[i].from) check_date(*p_.duties[i].from, at("duties", i, "from"));
      if (p_.duties[i].schedule.first_due)
        check_date(*p_.duties[i].schedule.first_due, at("duties", i, "schedule/first_due"));
    }
    statutory_duties();
    teams();
    sign_offs();
    return out_.items();
  }

 private:
  bool is_agency(std::string_view id) const { return partners_.count(id) != 0 || agencies_.count(id) != 0; }
  bool is_owner(std::string_view id) const { return is_agency(id) || roles_.count(id) != 0 || groups_.count(id) != 0; }
  void need(bool ok, const std::string& where, std::string_view id, std::string_view what) {
    if (!ok) out_.add(where, "unknown " + std::string(what) + " " + quote(id));
  }
  void check_date(Date d, const std::string& where) {
    if (!d.is_special() && !p_.calendar.covers(d))
      out_.add(where, to_iso(d) + " is outside " + p_.calendar.range_text());
  }

  /// Ids: unique across agencies (partners and relevant agencies), roles, groups, duties, meetings
  /// and activities, so that an owner or a subject is never ambiguous.
  void ids() {
    std::unordered_map<std::string_view, std::string> seen;  // id -> where first defined
    auto define = [&](const std::string& id, std::string where) {
      if (id.empty()) return out_.add(where, "the id is empty");
      auto [it, inserted] = seen.emplace(id, where);
      if (!inserted) out_.add(std::move(where), "duplicate id " + quote(id) + " (first defined at " + it->second + ")");
    };
    auto all = [&](const auto& items, std::string_view list) {
      for (std::size_t i = 0; i < items.size(); ++i) define(items[i].id, at(list, i, "id"));
    };
    all(p_.partners, "partners");
    all(p_.agencies, "agencies");
    all(p_.roles, "roles");
    all(p_.groups, "groups");
    all(p_.duties, "duties");
    all(p_.meetings, "meetings");
    all(p_.activities, "activities");
    if (p_.thresholds) all(p_.thresholds->other_sources, "thresholds/other_sources");
    all(p_.designated_agencies, "designated_agencies");
    all(p_.child_protection_teams, "child_protection_teams");
  }

  /// `from` no later than `until`, both in the calendar's range.
  void dates(const std::optional<Date>& from, const std::optional<Date>& until, std::string_view list, std::size_t i) {
    if (from) check_date(*from, at(list, i, "from"));
    if (until) check_date(*until, at(list, i, "until"));
    if (from && until && *until < *from)
      out_.add(at(list, i, "until"), to_iso(*until) + " is before " + to_iso(*from) + ", the date it is in place from");
  }

  /// A partner or agency that succeeds another (a merger, a renaming) follows it: the one it names is
  /// of the same list, ends (`until`) before this one starts (`from`).
  template <class T>
  void succession(const std::vector<T>& items, const std::unordered_map<std::string_view, std::size_t>& index,
                  std::string_view list, std::string_view what) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const T& x = items[i];
      if (x.succeeds.empty()) continue;
      const std::string where = at(list, i, "succeeds");
      const auto it = index.find(x.succeeds);
      if (it == index.end()) {
        need(false, where, x.succeeds, what);
        continue;
      }
      const T& before = items[it->second];
      if (it->second == i) {
        out_.add(where, quote(x.id) + " cannot succeed itself");
      } else if (!x.from) {
        out_.add(at(list, i, "from"), "missing: " + quote(x.id) + " succeeds " + quote(before.id) +
                                          ", so it needs the date it took over (\"from\")");
      } else if (!before.until) {
        out_.add(where, quote(x.id) + " succeeds " + quote(before.id) + " from " + to_iso(*x.from) + ", but " +
                            quote(before.id) + " has no \"until\" (give it its last day: " +
                            to_iso(add_days(*x.from, -1)) + " if " + quote(x.id) + " took over the next day)");
      } else if (!(*before.until < *x.from)) {
        out_.add(at(list, i, "from"), to_iso(*x.from) + " is not after " + to_iso(*before.until) +
                                          ", the last day of " + quote(before.id) + " which it succeeds");
      }
    }
  }

  void basics() {
    if (p_.start.is_special()) out_.add("/start", "missing: the date the arrangements came into force");
    if (p_.year_start < 1 || p_.year_start > 12)
      out_.add("/year_start", "there is no month " + std::to_string(p_.year_start));
  }

  void partners_and_roles() {
    for (std::size_t i = 0; i < p_.partners.size(); ++i)
      dates(p_.partners[i].from, p_.partners[i].until, "partners", i);
    for (std::size_t i = 0; i < p_.agencies.size(); ++i) {
      const RelevantAgency& a = p_.agencies[i];
      dates(a.from, a.until, "agencies", i);
      for (std::size_t k = 0; k < a.designations.size(); ++k)
        need(designated_.count(a.designations[k]) != 0, at("agencies", i, "designations/" + std::to_string(k)),
             a.designations[k], "designated agency (see \"designated_agencies\")");
    }
    succession(p_.partners, partners_, "partners", "partner");
    succession(p_.agencies, agencies_, "agencies", "relevant agency");
    for (std::size_t i = 0; i < p_.partners.size(); ++i) {
      const auto& x = p_.partners[i];
      if (!x.lead.empty()) need(roles_.count(x.lead) != 0, at("partners", i, "lead"), x.lead, "role");
      for (std::size_t k = 0; k < x.delegates.size(); ++k)
        need(roles_.count(x.delegates[k]) != 0, at("partners", i, "delegates/" + std::to_string(k)), x.delegates[k],
             "role");
    }
    for (std::size_t i = 0; i < p_.agencies.size(); ++i)
      if (!support::enum_from_name<std::size_t>(p_.agencies[i].sector, sector_names))
        out_.add(at("agencies", i, "sector"), support::not_one_of(p_.agencies[i].sector, sector_names));
    for (std::size_t i = 0; i < p_.roles.size(); ++i)
      if (!p_.roles[i].agency.empty())
        need(is_agency(p_.roles[i].agency), at("roles", i, "agency"), p_.roles[i].agency, "agency");
  }

  void group(std::size_t i) {
    const Group& g = p_.groups[i];
    if (!g.parent.empty()) need(groups_.count(g.parent) != 0, at("groups", i, "parent"), g.parent, "group");
    for (std::size_t k = 0; k < g.chairs.size(); ++k)
      need(roles_.count(g.chairs[k]) != 0, at("groups", i, "chairs/" + std::to_string(k)), g.chairs[k], "role");
    std::unordered_set<std::string_view> members;
    for (std::size_t k = 0; k < g.members.size(); ++k) {
      const std::string where = at("groups", i, "members/" + std::to_string(k) + "/agency");
      need(is_agency(g.members[k].agency), where, g.members[k].agency, "agency");
      if (!members.insert(g.members[k].agency).second)
        out_.add(where, "agency " + quote(g.members[k].agency) + " is listed twice among the members");
    }
    if (g.frequency.at_least < 1)  // as-required too: it has no periods, but its count is kept and written
      out_.add(at("groups", i, "frequency/at_least"),
               "must be at least 1, got " + std::to_string(g.frequency.at_least));
    if (g.quorum && g.quorum->minimum_members < 0)
      out_.add(at("groups", i, "quorum/minimum_members"), "must not be negative");
    if (g.quorum && g.quorum->all_safeguarding_partners) partners_outside_quorum(i, members);
  }

  /// A partner that is not a member can only attend as invited, which never counts: a rule that
  /// requires every partner could never be met, and the report would say the partner "was not
  /// represented" when it was.
  void partners_outside_quorum(std::size_t i, const std::unordered_set<std::string_view>& members) {
    // Only the partners in place at some time from the group's start (a CCG that merged before the
    // group began need not be among its members).
    const Date group_start = p_.groups[i].from.value_or(p_.start);
    std::vector<std::string> outside;
    for (const auto& partner : p_.partners)
      if (!partner.id.empty() && members.count(partner.id) == 0 &&
          !(partner.until && !group_start.is_special() && *partner.until < group_start))
        outside.push_back(quote(partner.id));
    if (outside.empty()) return;
    const bool one = outside.size() == 1;
    out_.add(at("groups", i, "quorum"),
             "the quorum rule requires all safeguarding partners, but " + support::join_list(outside) +
                 (one ? " is not a member" : " are not members") + " of the group (add " + (one ? "it" : "them") +
                 " to \"members\" or set \"all_safeguarding_partners\": false)");
  }

  /// Cycles in the accountability tree: following each group's parents, meeting a group twice.
  void group_tree() {
    auto next = [&](std::size_t j) -> std::ptrdiff_t {
      const auto it = p_.groups[j].parent.empty() ? groups_.end() : groups_.find(p_.groups[j].parent);
      return it == groups_.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
    };
    find_cycles(p_.groups.size(), next, [&](std::size_t j, const std::vector<std::size_t>& cycle) {
      std::string text;
      for (std::size_t k : cycle) text += p_.groups[k].id + " \u2192 ";
      out_.add(at("groups", j, "parent"), "the accountability tree has a cycle: " + text + p_.groups[j].id);
    });
  }

  void duty_schedule(std::size_t i) {
    const Duty& d = p_.duties[i];
    if (!d.owner.empty()) need(is_owner(d.owner), at("duties", i, "owner"), d.owner, "owner (a role, group or agency)");
    const Schedule& s = d.schedule;
    switch (s.kind) {
      case ScheduleKind::interval:
        if (!s.every)
          out_.add(at("duties", i, "schedule/every"), "missing: an interval duty needs \"every\"");
        else if (s.every->amount() == 0)
          out_.add(at("duties", i, "schedule/every"), "the interval must be longer than 0");
        break;
      case ScheduleKind::yearly:
        if (s.by_month < 1 || s.by_month > 12 || s.by_day < 1 || s.by_day > support::days_in_month(2001, s.by_month))
          out_.add(at("duties", i, "schedule/by"),
                   "not a day of the year: month " + std::to_string(s.by_month) + ", day " + std::to_string(s.by_day));
        break;
      case ScheduleKind::count:
        if (s.count.unit == PeriodUnit::as_required)
          out_.add(at("duties", i, "schedule/per"), "a count duty needs periods (month, quarter, half-year or year)");
        if (s.count.at_least < 1)
          out_.add(at("duties", i, "schedule/at_least"), "must be at least 1, got " + std::to_string(s.count.at_least));
        break;
      case ScheduleKind::after_each:
        if (!s.within) out_.add(at("duties", i, "schedule/within"), "missing: an after-each duty needs \"within\"");
        if (s.after.empty())
          out_.add(at("duties", i, "schedule/after"), "missing: the activity type that starts each clock");
        break;
    }
  }

  /// Coverage: each entry names a required item of the arrangements' own edition, once. `list` is the
  /// coverage list's JSON pointer without its leading "/" ("editions/0/arrangements/coverage").
  void coverage(Edition edition, const Arrangements& arrangements, const std::string& list) {
    const auto& required = required_contents(edition);
    std::map<std::string_view, std::size_t, std::less<>> covered;  // item -> first entry
    for (std::size_t i = 0; i < arrangements.coverage.size(); ++i) {
      const std::string& item = arrangements.coverage[i].item;
      const std::string where = at(list, i, "item");
      const RequiredItem* known = find_required_item(item);
      if (known == nullptr) {
        out_.add(where, "unknown required item " + quote(item));
      } else if (std::none_of(required.begin(), required.end(), [&](const RequiredItem& r) { return r.id == item; })) {
        out_.add(
            where,
            quote(item) + " is a required item of " + std::string(edition_title(required_item_edition(*known))) +
                (required.empty() ? ", but an LSCB under Working Together 2015 publishes no "
                                    "multi-agency safeguarding arrangements"
                                  : ", not of " + std::string(edition_title(edition)) + ", the arrangements' edition"));
      } else if (auto [first, inserted] = covered.emplace(item, i); !inserted) {
        out_.add(where, "required item " + quote(item) + " is listed twice (first at " +
                            at(list, first->second, "item") + ")");
      }
    }
  }

  /// Later editions: in date order after the start, each a later framework than the one before, none
  /// before its framework existed (Working Together 2023 from 15 December 2023; the Children's
  /// Wellbeing and Schools Act 2026 from its passing on 29 April 2026: its sections come into
  /// force later, on a day set by regulations, which the file gives); each one's coverage as above.
  void editions() {
    Edition before = p_.edition;
    std::optional<Date> previous;
    for (std::size_t i = 0; i < p_.edition_changes.size(); ++i) {
      const EditionChange& c = p_.edition_changes[i];
      if (c.from.is_special()) continue;  // reported as missing when read
      check_date(c.from, at("editions", i, "from"));
      if (!p_.start.is_special() && !(c.from > p_.start))
        out_.add(at("editions", i, "from"), to_iso(c.from) + " is not after " + to_iso(p_.start) +
                                                ", the start (the first edition is \"edition\")");
      else if (previous && !(c.from > *previous))
        out_.add(at("editions", i, "from"),
                 to_iso(c.from) + " is not after " + to_iso(*previous) + ", the date of the edition before");
      if (!(c.edition > before))
        out_.add(at("editions", i, "edition"), quote(edition_names[static_cast<std::size_t>(c.edition)]) +
                                                   " does not follow " +
                                                   quote(edition_names[static_cast<std::size_t>(before)]) +
                                                   ": editions move forwards (LSCB-WT2015, WT2018, WT2023, CWSA2026)");
      const Date earliest = c.edition == Edition::cwsa2026 ? cwsa2026_passed() : wt2023_published();
      if (c.edition >= Edition::wt2023 && c.from < earliest)
        out_.add(at("editions", i, "from"),
                 to_iso(c.from) + " is before " +
                     (c.edition == Edition::cwsa2026
                          ? "the Children's Wellbeing and Schools Act 2026 was passed (" + to_iso(earliest) + ")"
                          : "Working Together 2023 was published (" + to_iso(earliest) + ")"));
      coverage(c.edition, c.arrangements, "editions/" + std::to_string(i) + "/arrangements/coverage");
      if (c.arrangements.published) check_date(*c.arrangements.published, at("editions", i, "arrangements/published"));
      before = std::max(before, c.edition);
      previous = c.from;
    }
    if (p_.edition == Edition::cwsa2026 && !p_.start.is_special() && p_.start < cwsa2026_passed())
      out_.add("/edition", "\"CWSA2026\" from " + to_iso(p_.start) +
                               " is before the Children's Wellbeing and Schools Act 2026 was passed (" +
                               to_iso(cwsa2026_passed()) + ")");
    else if (p_.edition == Edition::wt2023 && !p_.start.is_special() && p_.start < wt2023_published())
      out_.add("/edition", "\"WT2023\" from " + to_iso(p_.start) + " is before Working Together 2023 was published (" +
                               to_iso(wt2023_published()) +
                               "): a partnership that moved to it later keeps its first edition in \"edition\" and "
                               "gives the move in \"editions\"");
  }

  /// At most one duty for each statutory requirement.
  void statutory_duties() {
    std::map<StatutoryDuty, std::size_t> first;
    for (std::size_t i = 0; i < p_.duties.size(); ++i) {
      if (!p_.duties[i].statutory) continue;
      auto [it, inserted] = first.emplace(*p_.duties[i].statutory, i);
      if (!inserted)
        out_.add(at("duties", i, "statutory"),
                 quote(statutory_duty_names[static_cast<std::size_t>(*p_.duties[i].statutory)]) +
                     " is already the duty " + quote(p_.duties[it->second].id) + " (" + at("duties", it->second) + ")");
    }
  }

  /// Child protection teams: dates, and members nominated by a safeguarding partner.
  void teams() {
    for (std::size_t i = 0; i < p_.child_protection_teams.size(); ++i) {
      const ChildProtectionTeam& team = p_.child_protection_teams[i];
      dates(team.from, team.until, "child_protection_teams", i);
      for (std::size_t k = 0; k < team.members.size(); ++k)
        if (!team.members[k].nominated_by.empty())
          need(partners_.count(team.members[k].nominated_by) != 0,
               at("child_protection_teams", i, "members/" + std::to_string(k) + "/nominated_by"),
               team.members[k].nominated_by, "safeguarding partner");
    }
  }

  /// Sign-offs: by a partner (and a role, if named), of a document the file has, on a date.
  void sign_offs() {
    for (std::size_t i = 0; i < p_.sign_offs.size(); ++i) {
      const SignOff& s = p_.sign_offs[i];
      need(partners_.count(s.partner) != 0, at("sign_offs", i, "partner"), s.partner, "safeguarding partner");
      if (!s.role.empty()) need(roles_.count(s.role) != 0, at("sign_offs", i, "role"), s.role, "role");
      if (s.date.is_special())
        out_.add(at("sign_offs", i, "date"), "missing: the date of the sign-off");
      else
        check_date(s.date, at("sign_offs", i, "date"));
      const std::string where = at("sign_offs", i, "subject");
      switch (s.document) {
        case SignOffDocument::arrangements: {
          bool found =
              p_.edition >= Edition::wt2023 && edition_names[static_cast<std::size_t>(p_.edition)] == s.subject;
          for (const EditionChange& c : p_.edition_changes)
            found = found ||
                    (c.edition >= Edition::wt2023 && edition_names[static_cast<std::size_t>(c.edition)] == s.subject);
          if (!found)
            out_.add(where, quote(s.subject) +
                                " is not an edition of the partnership's arrangements from Working Together 2023 on "
                                "(the subject of arrangements is the edition's name, as in \"WT2023\")");
          break;
        }
        case SignOffDocument::yearly_report:
          need(activities_.count(s.subject) != 0, where, s.subject, "activity (the yearly report's)");
          break;
        case SignOffDocument::threshold_document: {
          bool found = false;
          if (p_.thresholds)
            for (const ThresholdVersion& v : p_.thresholds->versions) found = found || v.id == s.subject;
          need(found, where, s.subject, "version of the threshold document");
          break;
        }
      }
    }
  }

  /// Meetings are the bulk of a partnership's data: a JSON pointer is built only for a problem found.
  void meetings() {
    std::unordered_map<std::string_view, std::unordered_set<std::string_view>> members_of;
    for (const Group& g : p_.groups) {
      auto& members = members_of[g.id];
      for (const GroupMember& member : g.members) members.insert(member.agency);
    }
    std::unordered_set<std::string_view> attended, apologised;
    for (std::size_t i = 0; i < p_.meetings.size(); ++i) {
      const Meeting& m = p_.meetings[i];
      const auto found = groups_.find(m.group);
      const Group* g = found == groups_.end() ? nullptr : &p_.groups[found->second];
      if (g == nullptr) need(false, at("meetings", i, "group"), m.group, "group");
      if (m.date.is_special()) out_.add(at("meetings", i, "date"), "missing: the meeting's date");
      check_date(m.date, at("meetings", i, "date"));
      meeting_attendance(i, g, g == nullptr ? nullptr : &members_of[g->id], attended, apologised);
    }
  }

  void meeting_attendance(std::size_t i, const Group* g, const std::unordered_set<std::string_view>* members,
                          std::unordered_set<std::string_view>& attended,
                          std::unordered_set<std::string_view>& apologised) {
    const Meeting& m = p_.meetings[i];
    attended.clear();
    apologised.clear();
    for (std::size_t k = 0; k < m.attendance.size(); ++k) {
      const Attendance& a = m.attendance[k];
      const std::string where = at("meetings", i, "attendance/" + std::to_string(k) + "/agency");
      if (!is_agency(a.agency)) {
        need(false, where, a.agency, "agency");
        continue;
      }
      if (not_in_place(a.agency, m.date, where)) continue;
      if (members != nullptr && members->count(a.agency) == 0 && a.capacity != Capacity::invited)
        out_.add(where, "agency " + quote(a.agency) + " is not a member of group " + quote(g->id) +
                            " (record an invited agency with \"capacity\": \"invited\")");
      if (!attended.insert(a.agency).second)
        out_.add(where, "agency " + quote(a.agency) + " is recorded twice at this meeting");
    }
    for (std::size_t k = 0; k < m.apologies.size(); ++k) {
      const Apology& a = m.apologies[k];
      const std::string where = at("meetings", i, "apologies/" + std::to_string(k) + "/agency");
      if (!is_agency(a.agency)) {
        need(false, where, a.agency, "agency");
        continue;
      }
      if (not_in_place(a.agency, m.date, where)) continue;
      if (attended.count(a.agency) != 0)
        out_.add(where, "agency " + quote(a.agency) + " both attended and sent apologies");
      else if (!apologised.insert(a.agency).second)
        out_.add(where, "agency " + quote(a.agency) + " sent apologies twice");
    }
  }

  /// A partner or agency recorded at a meeting when it was not in place (before its `from`, after
  /// its `until`): a problem naming its dates and, when it merged, its successor.
  bool not_in_place(const std::string& id, Date d, const std::string& where) {
    std::optional<Date> from, until;
    if (const auto it = partners_.find(id); it != partners_.end()) {
      from = p_.partners[it->second].from;
      until = p_.partners[it->second].until;
    } else if (const auto jt = agencies_.find(id); jt != agencies_.end()) {
      from = p_.agencies[jt->second].from;
      until = p_.agencies[jt->second].until;
    }
    if (d.is_special() || in_place_between(from, until, d)) return false;
    std::string message = quote(id) + " was not in place on " + to_iso(d) + " (";
    message += from && until ? "from " + to_iso(*from) + " to " + to_iso(*until)
               : from        ? "from " + to_iso(*from)
                             : "until " + to_iso(*until);
    message += ")";
    std::vector<std::string> successors;  // the partners or agencies that took over from it by that date
    for (const auto& x : p_.partners)
      if (x.succeeds == id && x.in_place_on(d)) successors.push_back(quote(x.id));
    for (const auto& x : p_.agencies)
      if (x.succeeds == id && x.in_place_on(d)) successors.push_back(quote(x.id));
    if (!successors.empty()) message += ": record " + support::join_list(successors) + " instead";
    out_.add(where, message);
    return true;
  }

  void activities() {
    for (std::size_t i = 0; i < p_.activities.size(); ++i) {
      const Activity& a = p_.activities[i];
      if (a.type.empty()) out_.add(at("activities", i, "type"), "the activity type is empty");
      if (a.date.is_special()) out_.add(at("activities", i, "date"), "missing: the activity's date");
      check_date(a.date, at("activities", i, "date"));
      if (a.follows.empty()) continue;
      const auto it = activities_.find(a.follows);
      if (it == activities_.end()) {
        need(false, at("activities", i, "follows"), a.follows, "activity");
        continue;
      }
      const Activity& before = p_.activities[it->second];
      if (!a.date.is_special() && !before.date.is_special() && a.date < before.date)
        out_.add(at("activities", i, "date"), to_iso(a.date) + " is before " + to_iso(before.date) + ", the date of " +
                                                  quote(a.follows) + " which it follows");
    }
  }

  /// An activity cannot follow itself, nor activities that (in turn) follow it.
  void activity_chains() {
    auto next = [&](std::size_t j) -> std::ptrdiff_t {
      const auto it = p_.activities[j].follows.empty() ? activities_.end() : activities_.find(p_.activities[j].follows);
      return it == activities_.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
    };
    find_cycles(p_.activities.size(), next, [&](std::size_t j, const std::vector<std::size_t>& cycle) {
      if (cycle.size() == 1)
        return out_.add(at("activities", j, "follows"),
                        "the activity " + quote(p_.activities[j].id) + " follows itself");
      std::string text;
      for (std::size_t k : cycle) text += p_.activities[k].id + " \u2192 ";
      out_.add(at("activities", j, "follows"),
               "the activities follow each other in a cycle: " + text + p_.activities[j].id);
    });
  }

  void thresholds() {
    if (!p_.thresholds) return;
    const Thresholds& t = *p_.thresholds;
    check_thresholds(t, "/thresholds", out_);
    if (!t.owner.empty()) need(is_owner(t.owner), "/thresholds/owner", t.owner, "owner (a role, group or agency)");
    for (std::size_t v = 0; v < t.versions.size(); ++v)
      if (!t.versions[v].from.is_special()) check_date(t.versions[v].from, at("thresholds/versions", v, "from"));
  }

  const Partnership& p_;
  Problems out_;
  std::unordered_map<std::string_view, std::size_t> partners_, agencies_, roles_, groups_, activities_, designated_;
};

}  // namespace detail

SAFEGUARDING_FUNC std::vector<Problem> Partnership::problems() const {
  return detail::PartnershipChecker(*this).run();
}

SAFEGUARDING_FUNC void Partnership::validate(std::string_view source) const {
  const auto found = problems();
  if (!found.empty()) throw Error(found, source);
}

}  // namespace safeguarding::inline v0
