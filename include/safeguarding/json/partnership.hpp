// Partnerships in JSON (docs/partnership.md, "The data file"; the JSON Schema ships in the Python
// package as safeguarding/schemas/partnership.schema.json), and compliance reports as JSON.
//
// Reading collects every problem with its JSON pointer, shapes and types first, then references,
// duplicate ids, cycles and dates (Partnership::problems), and throws one Error listing them all.
// Writing gives the canonical form, which reads back equal: `partnership_from_json(
// partnership_to_json(p)) == p`, and a file already in canonical form is written back unchanged.
#pragma once

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/compliance.hpp"
#include "safeguarding/json/calendar.hpp"
#include "safeguarding/json/reader.hpp"
#include "safeguarding/partnership.hpp"

namespace safeguarding::inline v0 {

namespace detail {

template <class Enum, std::size_t N>
std::optional<Enum> read_enum(const io::Cursor& cur, const std::array<std::string_view, N>& names,
                              bool required = true) {
  if (!required && !cur.present()) return std::nullopt;
  auto s = cur.string(required);
  if (!s) return std::nullopt;
  if (auto e = enum_from_name<Enum>(*s, names)) return e;
  cur.problem(not_one_of(*s, names));
  return std::nullopt;
}

inline std::vector<std::string> read_strings(const io::Cursor& cur) {
  std::vector<std::string> out;
  cur.for_each([&](const io::Cursor& item) {
    out.push_back(item.string().value_or(""));  // a placeholder keeps the later elements' pointers right
  });
  return out;
}

inline std::optional<unsigned> month_from_name(std::string_view name) {
  for (unsigned m = 1; m <= 12; ++m)
    if (month_name(m) == name) return m;
  return std::nullopt;
}

inline Frequency read_frequency(const io::Cursor& cur, bool with_source) {
  Frequency f;
  if (with_source) {
    cur.reject_unknown_keys({"per", "at_least", "aligned_to", "source"});
    f.source = cur["source"].string_or("");
  }
  if (auto u = read_enum<PeriodUnit>(cur["per"], period_unit_names)) f.unit = *u;
  if (cur["at_least"].present()) f.at_least = cur["at_least"].integer().value_or(1);
  if (auto a = read_enum<PeriodAlignment>(cur["aligned_to"], period_alignment_names, false)) f.aligned_to = *a;
  return f;
}

inline nlohmann::json write_frequency(const Frequency& f, bool with_source) {
  nlohmann::json j;
  j["per"] = std::string(enum_name(f.unit, period_unit_names));
  // An as-required frequency has no periods: its count and alignment are written only when they
  // are not the defaults, so that they read back as they were.
  if (f.unit != PeriodUnit::as_required || f.at_least != 1) j["at_least"] = f.at_least;
  if (f.unit != PeriodUnit::as_required || f.aligned_to != PeriodAlignment::calendar)
    j["aligned_to"] = std::string(enum_name(f.aligned_to, period_alignment_names));
  if (with_source && !f.source.empty()) j["source"] = f.source;
  return j;
}

/// Reads "MM-DD" (a day of the year).
inline void read_day_of_year(const io::Cursor& cur, Schedule& s) {
  auto text = cur.string();
  if (!text) return;
  unsigned m = 0, d = 0;
  if (text->size() != 5 || (*text)[2] != '-' || !parse_digits(std::string_view(*text).substr(0, 2), m) ||
      !parse_digits(std::string_view(*text).substr(3, 2), d)) {
    cur.problem(quote(*text) + " is not a day of the year in the form MM-DD (\"04-30\" for 30 April)");
    return;
  }
  if (m < 1 || m > 12 || d < 1 || d > support::days_in_month(2001, m)) {
    cur.problem(quote(*text) + " is not a day of the year (29 February is not allowed: it is not in every year)");
    return;
  }
  s.by_month = m;
  s.by_day = d;
}

inline std::string day_of_year_text(unsigned m, unsigned d) {
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + m / 10);
  out[1] = static_cast<char>('0' + m % 10);
  out[2] = '-';
  out[3] = static_cast<char>('0' + d / 10);
  out[4] = static_cast<char>('0' + d % 10);
  return out;
}

/// Reads a list of objects into `out` with `read(cursor, item)`, after rejecting unknown keys. An
/// element that is not an object is reported and kept as a default placeholder, so that the later
/// elements' JSON pointers (used when references are checked) stay right.
template <class T, class Read>
void read_objects(const io::Cursor& list, std::vector<T>& out, std::initializer_list<std::string_view> keys,
                  Read read) {
  list.for_each([&](const io::Cursor& c) {
    T item{};
    if (c.expect_object()) {
      c.reject_unknown_keys(keys);
      read(c, item);
    }
    out.push_back(std::move(item));
  });
}

inline void read_schedule(const io::Cursor& s, Schedule& schedule) {
  const auto kind = read_enum<ScheduleKind>(s["kind"], schedule_kind_names);
  if (!kind) return;
  schedule.kind = *kind;
  switch (*kind) {
    case ScheduleKind::interval:
      s.reject_unknown_keys({"kind", "every", "first_due"});
      schedule.every = s["every"].timescale();
      schedule.first_due = s["first_due"].optional_date();
      break;
    case ScheduleKind::yearly:
      s.reject_unknown_keys({"kind", "by"});
      read_day_of_year(s["by"], schedule);
      break;
    case ScheduleKind::count:
      s.reject_unknown_keys({"kind", "per", "at_least", "aligned_to"});
      schedule.count = read_frequency(s, false);
      break;
    case ScheduleKind::after_each:
      s.reject_unknown_keys({"kind", "within", "after"});
      schedule.within = s["within"].timescale();
      schedule.after = s["after"].string().value_or("");
      break;
  }
}

inline void put_if(nlohmann::json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

}  // namespace detail

/// Reads a partnership from its JSON document. `source` names the document in messages (usually
/// the file name); a calendar given as a file name is read relative to `base_dir`.
inline Partnership partnership_from_json(const nlohmann::json& document, std::string_view source = {},
                                         const std::filesystem::path& base_dir = {}) {
  using detail::read_enum;
  Problems problems;
  const io::Cursor root(document, problems);
  if (!root.expect_object()) problems.throw_if_any(source);
  root.reject_unknown_keys({"$schema", "name", "area", "edition", "start", "year_start", "calendar", "description",
                            "settings", "partners", "agencies", "roles", "groups", "duties", "arrangements", "meetings",
                            "activities", "thresholds"});
  Partnership p;
  p.name = root["name"].string().value_or("");
  p.area = root["area"].string_or("");
  p.description = root["description"].string_or("");
  if (auto e = read_enum<Edition>(root["edition"], edition_names)) p.edition = *e;
  if (auto d = root["start"].date()) p.start = *d;
  if (root["year_start"].present()) {
    if (auto s = root["year_start"].string()) {
      if (auto m = detail::month_from_name(*s))
        p.year_start = *m;
      else
        root["year_start"].problem(quote(*s) + " is not a month name (expected January … December)");
    }
  }

  const io::Cursor cal = root["calendar"];
  if (cal.present()) {
    if (cal.value()->is_string()) {
      p.calendar_file = cal.value()->get<std::string>();
      try {
        p.calendar = load_calendar(base_dir / p.calendar_file);
      } catch (const Error& e) {
        for (const auto& problem : e.problems()) cal.problem(problem.str());
      }
    } else if (cal.expect_object()) {
      p.calendar_definition = cal.value()->dump();
      try {
        p.calendar = calendar_from_json(*cal.value());
      } catch (const Error& e) {
        for (const auto& problem : e.problems())
          problems.add(cal.pointer() + (problem.where == "/" ? std::string() : problem.where), problem.message);
      }
    }
  }

  const io::Cursor settings = root["settings"];
  if (settings.present() && settings.expect_object()) {
    settings.reject_unknown_keys({"due_soon", "attendance_target"});
    if (settings["due_soon"].present())
      if (auto t = settings["due_soon"].timescale()) p.settings.due_soon = *t;
    if (settings["attendance_target"].present()) {
      if (auto n = settings["attendance_target"].integer()) {
        if (*n < 0 || *n > 100)
          settings["attendance_target"].problem("a percentage from 0 to 100, got " + std::to_string(*n));
        else
          p.settings.attendance_target = *n;
      }
    }
  }

  using detail::read_objects;
  read_objects(root["partners"], p.partners, {"id", "name", "kind", "lead", "delegates"},
               [&](const io::Cursor& c, SafeguardingPartner& x) {
                 x.id = c["id"].string().value_or("");
                 x.name = c["name"].string().value_or("");
                 if (auto k = read_enum<PartnerKind>(c["kind"], partner_kind_names)) x.kind = *k;
                 x.lead = c["lead"].reference_or_none();
                 x.delegates = detail::read_strings(c["delegates"]);
               });
  read_objects(root["agencies"], p.agencies, {"id", "name", "sector", "named_in_regulations"},
               [&](const io::Cursor& c, RelevantAgency& x) {
                 x.id = c["id"].string().value_or("");
                 x.name = c["name"].string().value_or("");
                 if (auto i = read_enum<std::size_t>(c["sector"], sector_names)) x.sector = sector_names[*i];
                 x.named_in_regulations = c["named_in_regulations"].boolean_or(false);
               });
  read_objects(root["roles"], p.roles, {"id", "title", "kind", "agency"}, [&](const io::Cursor& c, Role& x) {
    x.id = c["id"].string().value_or("");
    x.title = c["title"].string().value_or("");
    if (auto k = read_enum<RoleKind>(c["kind"], role_kind_names)) x.kind = *k;
    x.agency = c["agency"].reference_or_none();
  });
  read_objects(root["groups"], p.groups,
               {"id", "name", "kind", "parent", "chairs", "members", "remit", "frequency", "quorum", "from"},
               [&](const io::Cursor& c, Group& g) {
                 g.id = c["id"].string().value_or("");
                 g.name = c["name"].string().value_or("");
                 if (auto k = read_enum<GroupKind>(c["kind"], group_kind_names)) g.kind = *k;
                 g.parent = c["parent"].reference_or_none();
                 g.chairs = detail::read_strings(c["chairs"]);
                 read_objects(c["members"], g.members, {"agency", "capacity"},
                              [&](const io::Cursor& m, GroupMember& member) {
                                member.agency = m["agency"].string().value_or("");
                                member.capacity = m["capacity"].string_or("");
                              });
                 g.remit = c["remit"].string_or("");
                 if (c["frequency"].expect_object()) g.frequency = detail::read_frequency(c["frequency"], true);
                 const io::Cursor q = c["quorum"];
                 if (q.present() && q.expect_object()) {
                   q.reject_unknown_keys(
                       {"all_safeguarding_partners", "minimum_members", "deputies_need_delegated_authority", "source"});
                   QuorumRule rule;
                   rule.all_safeguarding_partners = q["all_safeguarding_partners"].boolean_or(true);
                   rule.minimum_members = q["minimum_members"].integer_or(0);
                   rule.deputies_need_delegated_authority = q["deputies_need_delegated_authority"].boolean_or(true);
                   rule.source = q["source"].string_or("");
                   g.quorum = rule;
                 }
                 g.from = c["from"].optional_date();
               });
  read_objects(root["duties"], p.duties, {"id", "title", "owner", "activity", "schedule", "source", "from"},
               [&](const io::Cursor& c, Duty& d) {
                 d.id = c["id"].string().value_or("");
                 d.title = c["title"].string().value_or("");
                 d.owner = c["owner"].reference_or_none();
                 d.activity = c["activity"].string().value_or("");
                 d.source = c["source"].string_or("");
                 d.from = c["from"].optional_date();
                 if (c["schedule"].expect_object()) detail::read_schedule(c["schedule"], d.schedule);
               });
  const io::Cursor arr = root["arrangements"];
  if (arr.present() && arr.expect_object()) {
    arr.reject_unknown_keys({"published", "document", "coverage"});
    p.arrangements.published = arr["published"].optional_date();
    p.arrangements.document = arr["document"].string_or("");
    read_objects(arr["coverage"], p.arrangements.coverage, {"item", "where"},
                 [&](const io::Cursor& c, CoverageEntry& e) {
                   e.item = c["item"].string().value_or("");
                   e.where = c["where"].string().value_or("");
                 });
  }
  read_objects(root["meetings"], p.meetings, {"id", "group", "date", "attendance", "apologies", "note"},
               [&](const io::Cursor& c, Meeting& m) {
                 m.id = c["id"].string().value_or("");
                 m.group = c["group"].string().value_or("");
                 if (auto d = c["date"].date()) m.date = *d;
                 read_objects(c["attendance"], m.attendance, {"agency", "capacity", "delegated_authority", "role"},
                              [&](const io::Cursor& a, Attendance& x) {
                                x.agency = a["agency"].string().value_or("");
                                if (auto cap = read_enum<Capacity>(a["capacity"], capacity_names, false))
                                  x.capacity = *cap;
                                x.delegated_authority = a["delegated_authority"].boolean_or(false);
                                x.role = a["role"].string_or("");
                              });
                 read_objects(c["apologies"], m.apologies, {"agency", "valid_reason", "reason"},
                              [&](const io::Cursor& a, Apology& x) {
                                x.agency = a["agency"].string().value_or("");
                                x.valid_reason = a["valid_reason"].boolean().value_or(false);
                                x.reason = a["reason"].string_or("");
                              });
                 m.note = c["note"].string_or("");
               });
  read_objects(root["activities"], p.activities, {"id", "type", "date", "title", "follows", "note"},
               [&](const io::Cursor& c, Activity& a) {
                 a.id = c["id"].string().value_or("");
                 a.type = c["type"].string().value_or("");
                 if (auto d = c["date"].date()) a.date = *d;
                 a.title = c["title"].string_or("");
                 a.follows = c["follows"].reference_or_none();
                 a.note = c["note"].string_or("");
               });

  const io::Cursor th = root["thresholds"];
  if (th.present() && th.expect_object()) {
    th.reject_unknown_keys({"document", "owner", "review_activity", "other_sources", "versions"});
    Thresholds t;
    t.document = th["document"].string_or("");
    t.owner = th["owner"].reference_or_none();
    t.review_activity = th["review_activity"].string_or(t.review_activity);
    read_objects(th["other_sources"], t.other_sources, {"id", "name"}, [&](const io::Cursor& c, ReferralSource& x) {
      x.id = c["id"].string().value_or("");
      x.name = c["name"].string().value_or("");
    });
    read_objects(th["versions"], t.versions, {"id", "title", "from", "source", "levels"},
                 [&](const io::Cursor& c, ThresholdVersion& v) {
                   v.id = c["id"].string().value_or("");
                   v.title = c["title"].string().value_or("");
                   if (auto d = c["from"].date()) v.from = *d;
                   v.source = c["source"].string_or("");
                   const io::Cursor levels = c["levels"];
                   if (levels.present() && levels.value()->is_string()) {
                     const auto key = levels.value()->get<std::string>();
                     if (const auto* builtin = builtin_levels(key)) {
                       v.builtin = key;
                       v.levels = *builtin;
                     } else {
                       levels.problem(quote(key) + " is not a built-in set of levels (expected " +
                                      std::string(london_continuum_key) + ", or a list of levels)");
                     }
                     return;
                   }
                   read_objects(levels, v.levels,
                                {"id", "name", "description", "kind", "zone", "indicators", "services", "step_up",
                                 "step_down"},
                                [&](const io::Cursor& l, LevelOfNeed& level) {
                                  level.id = l["id"].string().value_or("");
                                  level.name = l["name"].string().value_or("");
                                  level.description = l["description"].string_or("");
                                  if (auto k = read_enum<NeedKind>(l["kind"], need_kind_names)) level.kind = *k;
                                  level.zone = l["zone"].string_or("");
                                  level.indicators = detail::read_strings(l["indicators"]);
                                  level.services = detail::read_strings(l["services"]);
                                  level.step_up = detail::read_strings(l["step_up"]);
                                  level.step_down = detail::read_strings(l["step_down"]);
                                });
                 });
    p.thresholds = std::move(t);
  }

  // References, ids, the tree and dates. A value already reported as missing or of the wrong type
  // (or inside one) is not reported again: an element that is not an object was kept as an empty
  // placeholder so that the pointers of the elements after it stay right.
  const std::vector<Problem> shape = problems.items();
  for (Problem& problem : p.problems()) {
    const bool repeated = std::any_of(shape.begin(), shape.end(), [&](const Problem& s) {
      return s.where == "/" || problem.where == s.where ||
             (problem.where.size() > s.where.size() && problem.where.compare(0, s.where.size(), s.where) == 0 &&
              problem.where[s.where.size()] == '/');
    });
    if (!repeated) problems.add(std::move(problem));
  }
  problems.throw_if_any(source);
  return p;
}

/// Reads a partnership file; a calendar file it names is read relative to it.
inline Partnership load_partnership(const std::filesystem::path& path) {
  return partnership_from_json(io::parse_file(path), path.string(), path.parent_path());
}

/// A version of the threshold document as JSON: its levels by name when it adopts built-in ones
/// ("london-continuum"), unless `expand` asks for them in full.
inline nlohmann::json threshold_version_to_json(const ThresholdVersion& v, bool expand = false) {
  using detail::put_if;
  using nlohmann::json;
  json vj{{"id", v.id}, {"title", v.title}, {"from", v.from.is_special() ? json(nullptr) : json(to_iso(v.from))}};
  put_if(vj, "source", v.source);
  if (!v.builtin.empty() && !expand) {
    vj["levels"] = v.builtin;
    return vj;
  }
  json levels = json::array();
  for (const auto& l : v.levels) {
    json lj{{"id", l.id}, {"name", l.name}, {"kind", std::string(detail::enum_name(l.kind, need_kind_names))}};
    put_if(lj, "description", l.description);
    put_if(lj, "zone", l.zone);
    lj["indicators"] = l.indicators;
    lj["services"] = l.services;
    lj["step_up"] = l.step_up;
    lj["step_down"] = l.step_down;
    levels.push_back(std::move(lj));
  }
  vj["levels"] = std::move(levels);
  return vj;
}

/// The partnership in canonical JSON form (docs/partnership.md).
inline nlohmann::json partnership_to_json(const Partnership& p) {
  using detail::enum_name;
  using detail::put_if;
  using nlohmann::json;
  json out = json::object();
  out["name"] = p.name;
  put_if(out, "area", p.area);
  out["edition"] = std::string(enum_name(p.edition, edition_names));
  out["start"] = to_iso(p.start);
  out["year_start"] = month_name(p.year_start);
  if (!p.calendar_file.empty())
    out["calendar"] = p.calendar_file;
  else if (!p.calendar_definition.empty())
    out["calendar"] = json::parse(p.calendar_definition);
  else if (!(p.calendar == Calendar::england_and_wales()))
    out["calendar"] = calendar_to_json(p.calendar);
  put_if(out, "description", p.description);
  out["settings"] = {{"due_soon", p.settings.due_soon.str()}, {"attendance_target", p.settings.attendance_target}};

  json partners = json::array();
  for (const auto& x : p.partners) {
    json j{{"id", x.id}, {"name", x.name}, {"kind", std::string(enum_name(x.kind, partner_kind_names))}};
    put_if(j, "lead", x.lead);
    j["delegates"] = x.delegates;
    partners.push_back(std::move(j));
  }
  out["partners"] = std::move(partners);
  json agencies = json::array();
  for (const auto& x : p.agencies)
    agencies.push_back(
        {{"id", x.id}, {"name", x.name}, {"sector", x.sector}, {"named_in_regulations", x.named_in_regulations}});
  out["agencies"] = std::move(agencies);
  json roles = json::array();
  for (const auto& x : p.roles) {
    json j{{"id", x.id}, {"title", x.title}, {"kind", std::string(enum_name(x.kind, role_kind_names))}};
    put_if(j, "agency", x.agency);
    roles.push_back(std::move(j));
  }
  out["roles"] = std::move(roles);
  json groups = json::array();
  for (const auto& g : p.groups) {
    json j{{"id", g.id}, {"name", g.name}, {"kind", std::string(enum_name(g.kind, group_kind_names))}};
    put_if(j, "parent", g.parent);
    j["chairs"] = g.chairs;
    json members = json::array();
    for (const auto& m : g.members) {
      json mj{{"agency", m.agency}};
      put_if(mj, "capacity", m.capacity);
      members.push_back(std::move(mj));
    }
    j["members"] = std::move(members);
    put_if(j, "remit", g.remit);
    j["frequency"] = detail::write_frequency(g.frequency, true);
    if (g.quorum) {
      json q{{"all_safeguarding_partners", g.quorum->all_safeguarding_partners},
             {"minimum_members", g.quorum->minimum_members},
             {"deputies_need_delegated_authority", g.quorum->deputies_need_delegated_authority}};
      put_if(q, "source", g.quorum->source);
      j["quorum"] = std::move(q);
    }
    if (g.from) j["from"] = to_iso(*g.from);
    groups.push_back(std::move(j));
  }
  out["groups"] = std::move(groups);
  json duties = json::array();
  for (const auto& d : p.duties) {
    json j{{"id", d.id}, {"title", d.title}};
    put_if(j, "owner", d.owner);
    j["activity"] = d.activity;
    const Schedule& s = d.schedule;
    json sj{{"kind", std::string(enum_name(s.kind, schedule_kind_names))}};
    switch (s.kind) {
      case ScheduleKind::interval:
        if (s.every) sj["every"] = s.every->str();
        if (s.first_due) sj["first_due"] = to_iso(*s.first_due);
        break;
      case ScheduleKind::yearly:
        sj["by"] = detail::day_of_year_text(s.by_month, s.by_day);
        break;
      case ScheduleKind::count:
        sj.update(detail::write_frequency(s.count, false));
        break;
      case ScheduleKind::after_each:
        if (s.within) sj["within"] = s.within->str();
        sj["after"] = s.after;
        break;
    }
    j["schedule"] = std::move(sj);
    put_if(j, "source", d.source);
    if (d.from) j["from"] = to_iso(*d.from);
    duties.push_back(std::move(j));
  }
  out["duties"] = std::move(duties);
  json arrangements = json::object();
  if (p.arrangements.published) arrangements["published"] = to_iso(*p.arrangements.published);
  put_if(arrangements, "document", p.arrangements.document);
  json coverage = json::array();
  for (const auto& c : p.arrangements.coverage) coverage.push_back({{"item", c.item}, {"where", c.where}});
  arrangements["coverage"] = std::move(coverage);
  out["arrangements"] = std::move(arrangements);
  json meetings = json::array();
  for (const auto& m : p.meetings) {
    json j{{"id", m.id}, {"group", m.group}, {"date", to_iso(m.date)}};
    json attendance = json::array();
    for (const auto& a : m.attendance) {
      json aj{{"agency", a.agency}};
      if (a.capacity != Capacity::member) aj["capacity"] = std::string(enum_name(a.capacity, capacity_names));
      if (a.capacity == Capacity::deputy || a.delegated_authority) aj["delegated_authority"] = a.delegated_authority;
      put_if(aj, "role", a.role);
      attendance.push_back(std::move(aj));
    }
    j["attendance"] = std::move(attendance);
    json apologies = json::array();
    for (const auto& a : m.apologies) {
      json aj{{"agency", a.agency}, {"valid_reason", a.valid_reason}};
      put_if(aj, "reason", a.reason);
      apologies.push_back(std::move(aj));
    }
    j["apologies"] = std::move(apologies);
    put_if(j, "note", m.note);
    meetings.push_back(std::move(j));
  }
  out["meetings"] = std::move(meetings);
  json activities = json::array();
  for (const auto& a : p.activities) {
    json j{{"id", a.id}, {"type", a.type}, {"date", to_iso(a.date)}};
    put_if(j, "title", a.title);
    put_if(j, "follows", a.follows);
    put_if(j, "note", a.note);
    activities.push_back(std::move(j));
  }
  out["activities"] = std::move(activities);
  if (p.thresholds) {
    const Thresholds& t = *p.thresholds;
    json tj = json::object();
    put_if(tj, "document", t.document);
    put_if(tj, "owner", t.owner);
    tj["review_activity"] = t.review_activity;
    json sources = json::array();
    for (const auto& x : t.other_sources) sources.push_back({{"id", x.id}, {"name", x.name}});
    tj["other_sources"] = std::move(sources);
    json versions = json::array();
    for (const auto& v : t.versions) versions.push_back(threshold_version_to_json(v));
    tj["versions"] = std::move(versions);
    out["thresholds"] = std::move(tj);
  }
  return out;
}

/// nlohmann's ADL extension point.
inline void to_json(nlohmann::json& j, const Partnership& p) {
  j = partnership_to_json(p);
}
inline void from_json(const nlohmann::json& j, Partnership& p) {
  p = partnership_from_json(j);
}

// Reports --------------------------------------------------------------------------------------

inline nlohmann::json finding_to_json(const Finding& f) {
  using nlohmann::json;
  auto date_or_null = [](const std::optional<Date>& d) { return d ? json(to_iso(*d)) : json(nullptr); };
  auto int_or_null = [](const std::optional<std::int64_t>& n) { return n ? json(*n) : json(nullptr); };
  return json{{"kind", std::string(detail::enum_name(f.kind, finding_kind_names))},
              {"status", std::string(detail::enum_name(f.status, status_names))},
              {"requirement", f.requirement},
              {"source", f.source},
              {"subject_type", f.subject_type},
              {"subject", f.subject},
              {"subject_name", f.subject_name},
              {"group", f.group},
              {"period_start", f.period ? json(to_iso(f.period->first)) : json(nullptr)},
              {"period_end", f.period ? json(to_iso(f.period->last)) : json(nullptr)},
              {"due", date_or_null(f.due)},
              {"actual", date_or_null(f.actual)},
              {"late_working_days", int_or_null(f.late_working_days)},
              {"late_calendar_days", int_or_null(f.late_calendar_days)},
              {"text", f.text}};
}

/// The report's summary as JSON (the "summary" member of `report_to_json`).
inline nlohmann::json report_to_json_summary(const ComplianceReport& r) {
  using nlohmann::json;
  const auto& s = r.summary;
  json by_kind = json::object();
  for (std::size_t k = 0; k < finding_kind_names.size(); ++k) {
    json counts = json::object();
    for (std::size_t st = 0; st < status_names.size(); ++st)
      counts[std::string(status_names[st])] = s.by_kind_status[k][st];
    by_kind[std::string(finding_kind_names[k])] = std::move(counts);
  }
  json by_status = json::object();
  for (std::size_t st = 0; st < status_names.size(); ++st) by_status[std::string(status_names[st])] = s.by_status[st];
  return json{{"findings", s.total()},
              {"by_status", std::move(by_status)},
              {"by_kind", std::move(by_kind)},
              {"groups", s.groups},
              {"meetings_held", s.meetings_held},
              {"meetings_assessed", s.meetings_assessed},
              {"meetings_quorate", s.meetings_quorate},
              {"attendances_expected", s.attendances_expected},
              {"attendances", s.attendances},
              {"absences_without_valid_reason", s.absences_without_valid_reason}};
}

/// The report as JSON: its context, the summary and every finding in report order.
inline nlohmann::json report_to_json(const ComplianceReport& r) {
  using nlohmann::json;
  json findings = json::array();
  for (const Finding& f : r.findings) findings.push_back(finding_to_json(f));
  return json{{"partnership", r.partnership},
              {"area", r.area},
              {"edition", std::string(detail::enum_name(r.edition, edition_names))},
              {"start", r.start.is_special() ? json(nullptr) : json(to_iso(r.start))},
              {"as_of", to_iso(r.as_of)},
              {"calendar", r.calendar},
              {"due_soon", r.due_soon.str()},
              {"attendance_target", r.attendance_target},
              {"summary", report_to_json_summary(r)},
              {"findings", std::move(findings)}};
}

inline void to_json(nlohmann::json& j, const ComplianceReport& r) {
  j = report_to_json(r);
}

}  // namespace safeguarding::inline v0
