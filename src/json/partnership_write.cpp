// Writing a partnership in canonical JSON form, which reads back equal: `partnership_from_json(
// partnership_to_json(p)) == p`, and a file already in canonical form is written back unchanged.
#include "safeguarding/partnership.hpp"

#include "calendar.hpp"
#include "partnership.hpp"

namespace safeguarding::inline v0 {

namespace json::detail {

SAFEGUARDING_FUNC Document write_frequency(const Frequency& f, bool with_source) {
  Document j;
  j["per"] = name_of(f.unit, period_unit_names);
  // An as-required frequency has no periods: its count and alignment are written only when they
  // are not the defaults, so that they read back as they were.
  if (f.unit != PeriodUnit::as_required || f.at_least != 1) j["at_least"] = f.at_least;
  if (f.unit != PeriodUnit::as_required || f.aligned_to != PeriodAlignment::calendar)
    j["aligned_to"] = name_of(f.aligned_to, period_alignment_names);
  if (with_source && !f.source.empty()) j["source"] = f.source;
  return j;
}

SAFEGUARDING_FUNC std::string day_of_year_text(unsigned m, unsigned d) {
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + m / 10);
  out[1] = static_cast<char>('0' + m % 10);
  out[2] = '-';
  out[3] = static_cast<char>('0' + d / 10);
  out[4] = static_cast<char>('0' + d % 10);
  return out;
}

SAFEGUARDING_FUNC void write_header(const Partnership& p, Document& out) {
  out["name"] = p.name;
  put_if(out, "area", p.area);
  out["edition"] = name_of(p.edition, edition_names);
  out["start"] = to_iso(p.start);
  out["year_start"] = month_name(p.year_start);
  if (!p.calendar_file.empty())
    out["calendar"] = p.calendar_file;
  else if (!p.calendar_definition.empty())
    out["calendar"] = parse_text(p.calendar_definition, "the partnership's calendar definition");
  else if (!(p.calendar == Calendar::england_and_wales()))
    out["calendar"] = calendar_document(p.calendar);
  put_if(out, "description", p.description);
  out["settings"] = {{"due_soon", p.settings.due_soon.str()}, {"attendance_target", p.settings.attendance_target}};
  // Written only when set otherwise than by default, so that files written before it existed are
  // written back unchanged.
  if (p.settings.republish_by != PartnershipSettings{}.republish_by)
    out["settings"]["republish_by"] = to_iso(p.settings.republish_by);
}

/// "from", "until", "succeeds" and "source" of a partner or agency, when set.
template <class T>
void write_dates(const T& x, Document& j) {
  if (x.from) j["from"] = to_iso(*x.from);
  if (x.until) j["until"] = to_iso(*x.until);
  put_if(j, "succeeds", x.succeeds);
  put_if(j, "source", x.source);
}

SAFEGUARDING_FUNC void write_members(const Partnership& p, Document& out) {
  Document partners = Document::array();
  for (const auto& x : p.partners) {
    Document j{{"id", x.id}, {"name", x.name}, {"kind", name_of(x.kind, partner_kind_names)}};
    put_if(j, "lead", x.lead);
    j["delegates"] = x.delegates;
    write_dates(x, j);
    partners.push_back(std::move(j));
  }
  out["partners"] = std::move(partners);
  Document agencies = Document::array();
  for (const auto& x : p.agencies) {
    Document j{{"id", x.id}, {"name", x.name}, {"sector", x.sector}, {"named_in_regulations", x.named_in_regulations}};
    write_dates(x, j);
    if (!x.designations.empty()) j["designations"] = x.designations;
    agencies.push_back(std::move(j));
  }
  out["agencies"] = std::move(agencies);
  Document roles = Document::array();
  for (const auto& x : p.roles) {
    Document j{{"id", x.id}, {"title", x.title}, {"kind", name_of(x.kind, role_kind_names)}};
    put_if(j, "agency", x.agency);
    if (x.post) j["post"] = name_of(*x.post, post_names);
    roles.push_back(std::move(j));
  }
  out["roles"] = std::move(roles);
}

SAFEGUARDING_FUNC Document write_quorum(const QuorumRule& quorum) {
  Document q{{"all_safeguarding_partners", quorum.all_safeguarding_partners},
             {"minimum_members", quorum.minimum_members},
             {"deputies_need_delegated_authority", quorum.deputies_need_delegated_authority}};
  put_if(q, "source", quorum.source);
  return q;
}

SAFEGUARDING_FUNC Document write_group(const Group& g) {
  Document j{{"id", g.id}, {"name", g.name}, {"kind", name_of(g.kind, group_kind_names)}};
  put_if(j, "parent", g.parent);
  j["chairs"] = g.chairs;
  Document members = Document::array();
  for (const auto& m : g.members) {
    Document mj{{"agency", m.agency}};
    put_if(mj, "capacity", m.capacity);
    members.push_back(std::move(mj));
  }
  j["members"] = std::move(members);
  put_if(j, "remit", g.remit);
  j["frequency"] = write_frequency(g.frequency, true);
  if (g.quorum) j["quorum"] = write_quorum(*g.quorum);
  if (g.from) j["from"] = to_iso(*g.from);
  return j;
}

SAFEGUARDING_FUNC Document write_schedule(const Schedule& s) {
  Document sj{{"kind", name_of(s.kind, schedule_kind_names)}};
  switch (s.kind) {
    case ScheduleKind::interval:
      if (s.every) sj["every"] = s.every->str();
      if (s.first_due) sj["first_due"] = to_iso(*s.first_due);
      break;
    case ScheduleKind::yearly:
      sj["by"] = day_of_year_text(s.by_month, s.by_day);
      break;
    case ScheduleKind::count:
      sj.update(write_frequency(s.count, false));
      break;
    case ScheduleKind::after_each:
      if (s.within) sj["within"] = s.within->str();
      sj["after"] = s.after;
      break;
  }
  return sj;
}

SAFEGUARDING_FUNC Document write_duty(const Duty& d) {
  Document j{{"id", d.id}, {"title", d.title}};
  put_if(j, "owner", d.owner);
  j["activity"] = d.activity;
  j["schedule"] = write_schedule(d.schedule);
  put_if(j, "source", d.source);
  if (d.from) j["from"] = to_iso(*d.from);
  if (d.statutory) j["statutory"] = name_of(*d.statutory, statutory_duty_names);
  return j;
}

SAFEGUARDING_FUNC Document write_arrangements(const Arrangements& a) {
  Document arrangements = Document::object();
  if (a.published) arrangements["published"] = to_iso(*a.published);
  put_if(arrangements, "document", a.document);
  Document coverage = Document::array();
  for (const auto& c : a.coverage) coverage.push_back({{"item", c.item}, {"where", c.where}});
  arrangements["coverage"] = std::move(coverage);
  return arrangements;
}

SAFEGUARDING_FUNC Document write_meeting(const Meeting& m) {
  Document j{{"id", m.id}, {"group", m.group}, {"date", to_iso(m.date)}};
  Document attendance = Document::array();
  for (const auto& a : m.attendance) {
    Document aj{{"agency", a.agency}};
    if (a.capacity != Capacity::member) aj["capacity"] = name_of(a.capacity, capacity_names);
    if (a.capacity == Capacity::deputy || a.delegated_authority) aj["delegated_authority"] = a.delegated_authority;
    put_if(aj, "role", a.role);
    attendance.push_back(std::move(aj));
  }
  j["attendance"] = std::move(attendance);
  Document apologies = Document::array();
  for (const auto& a : m.apologies) {
    Document aj{{"agency", a.agency}, {"valid_reason", a.valid_reason}};
    put_if(aj, "reason", a.reason);
    apologies.push_back(std::move(aj));
  }
  j["apologies"] = std::move(apologies);
  put_if(j, "note", m.note);
  return j;
}

SAFEGUARDING_FUNC Document write_activity(const Activity& a) {
  Document j{{"id", a.id}, {"type", a.type}, {"date", to_iso(a.date)}};
  put_if(j, "title", a.title);
  put_if(j, "follows", a.follows);
  put_if(j, "note", a.note);
  put_if(j, "evidence", a.evidence);
  return j;
}

SAFEGUARDING_FUNC Document write_edition_change(const EditionChange& e) {
  return Document{{"edition", name_of(e.edition, edition_names)},
                  {"from", to_iso(e.from)},
                  {"arrangements", write_arrangements(e.arrangements)}};
}

SAFEGUARDING_FUNC Document write_designated_agency(const DesignatedAgency& d) {
  Document j{{"id", d.id}, {"name", d.name}};
  put_if(j, "source", d.source);
  return j;
}

SAFEGUARDING_FUNC Document write_team(const ChildProtectionTeam& team) {
  Document j{{"id", team.id}, {"name", team.name}};
  if (team.from) j["from"] = to_iso(*team.from);
  if (team.until) j["until"] = to_iso(*team.until);
  Document members = Document::array();
  for (const TeamMember& m : team.members) {
    Document mj{{"role", name_of(m.role, team_role_names)}};
    put_if(mj, "nominated_by", m.nominated_by);
    put_if(mj, "title", m.title);
    members.push_back(std::move(mj));
  }
  j["members"] = std::move(members);
  put_if(j, "source", team.source);
  return j;
}

SAFEGUARDING_FUNC Document write_sign_off(const SignOff& s) {
  Document j{
      {"document", name_of(s.document, sign_off_document_names)}, {"subject", s.subject}, {"partner", s.partner}};
  put_if(j, "role", s.role);
  j["date"] = to_iso(s.date);
  return j;
}

/// A JSON array of `items`, each written by `write`.
template <class T, class Write>
Document write_list(const std::vector<T>& items, Write write) {
  Document out = Document::array();
  for (const T& item : items) out.push_back(write(item));
  return out;
}

SAFEGUARDING_FUNC Document partnership_document(const Partnership& p) {
  Document out = Document::object();
  write_header(p, out);
  write_members(p, out);
  out["groups"] = write_list(p.groups, write_group);
  out["duties"] = write_list(p.duties, write_duty);
  out["arrangements"] = write_arrangements(p.arrangements);
  out["meetings"] = write_list(p.meetings, write_meeting);
  out["activities"] = write_list(p.activities, write_activity);
  if (p.thresholds) out["thresholds"] = write_thresholds(*p.thresholds);
  // The parts added for the law as it stands in 2026, written only when there are any.
  if (!p.edition_changes.empty()) out["editions"] = write_list(p.edition_changes, write_edition_change);
  if (!p.designated_agencies.empty())
    out["designated_agencies"] = write_list(p.designated_agencies, write_designated_agency);
  if (!p.child_protection_teams.empty())
    out["child_protection_teams"] = write_list(p.child_protection_teams, write_team);
  if (!p.sign_offs.empty()) out["sign_offs"] = write_list(p.sign_offs, write_sign_off);
  return out;
}

}  // namespace json::detail

SAFEGUARDING_FUNC std::string frequency_to_json(const Frequency& frequency, int indent) {
  return json::dump(json::detail::write_frequency(frequency, true), indent);
}

SAFEGUARDING_FUNC std::string quorum_to_json(const QuorumRule& quorum, int indent) {
  return json::dump(json::detail::write_quorum(quorum), indent);
}

SAFEGUARDING_FUNC std::string schedule_to_json(const Schedule& schedule, int indent) {
  return json::dump(json::detail::write_schedule(schedule), indent);
}

SAFEGUARDING_FUNC std::string partnership_to_json(const Partnership& partnership, int indent) {
  return json::dump(json::detail::partnership_document(partnership), indent);
}

}  // namespace safeguarding::inline v0
