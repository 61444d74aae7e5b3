// Reading a partnership file (docs/partnership.md, "The data file"). Shapes and types first, one
// named step per part of the file; then references, duplicate ids, cycles and dates
// (Partnership::problems); one Error lists every problem with its JSON pointer.
#include "safeguarding/partnership.hpp"

#include <string>
#include <unordered_set>

#include "calendar.hpp"
#include "partnership.hpp"

namespace safeguarding::inline v0 {

namespace json::detail {

SAFEGUARDING_FUNC std::optional<unsigned> month_from_name(std::string_view name) {
  for (unsigned m = 1; m <= 12; ++m)
    if (month_name(m) == name) return m;
  return std::nullopt;
}

SAFEGUARDING_FUNC Frequency read_frequency(const Cursor& cur, bool with_source) {
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

/// Reads "MM-DD" (a day of the year).
SAFEGUARDING_FUNC void read_day_of_year(const Cursor& cur, Schedule& s) {
  auto text = cur.string();
  if (!text) return;
  unsigned m = 0, d = 0;
  if (text->size() != 5 || (*text)[2] != '-' ||
      !safeguarding::support::parse_digits(std::string_view(*text).substr(0, 2), m) ||
      !safeguarding::support::parse_digits(std::string_view(*text).substr(3, 2), d)) {
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

SAFEGUARDING_FUNC void read_schedule(const Cursor& s, Schedule& schedule) {
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

/// name, area, description, edition, start and year_start.
SAFEGUARDING_FUNC void read_header(const Cursor& root, Partnership& p) {
  p.name = root["name"].string().value_or("");
  p.area = root["area"].string_or("");
  p.description = root["description"].string_or("");
  if (auto e = read_enum<Edition>(root["edition"], edition_names)) p.edition = *e;
  if (auto d = root["start"].date()) p.start = *d;
  if (!root["year_start"].present()) return;
  if (auto s = root["year_start"].string()) {
    if (auto m = month_from_name(*s))
      p.year_start = *m;
    else
      root["year_start"].problem(quote(*s) + " is not a month name (expected January … December)");
  }
}

/// Whether `file`, named by a partnership file in `base_dir`, lies outside that folder: an absolute
/// path, one that climbs out with "..", or a link that leads out.
SAFEGUARDING_FUNC bool outside_folder(const std::filesystem::path& file, const std::filesystem::path& base_dir) {
  namespace fs = std::filesystem;
  const fs::path normal = file.lexically_normal();
  if (file.has_root_name() || file.has_root_directory() || normal.empty() || *normal.begin() == "..") return true;
  std::error_code base_ec, file_ec;
  const fs::path base = fs::weakly_canonical(base_dir.empty() ? fs::path(".") : base_dir, base_ec);
  const fs::path resolved = fs::weakly_canonical(base / normal, file_ec);
  if (base_ec || file_ec) return false;  // reading it will say what is wrong
  const fs::path relative = resolved.lexically_relative(base);
  return relative.empty() || *relative.begin() == "..";
}

/// Why a calendar file could not be read, without echoing what it holds (it may not be a
/// calendar at all, and its keys and values may be anything): malformed JSON by its line and
/// column, a JSON document that is not a calendar by its number of problems only.
SAFEGUARDING_FUNC std::string calendar_file_problem(const Error& e, const std::filesystem::path& file) {
  if (e.problems().empty()) return "it cannot be read as a calendar";
  const Problem& first = e.problems().front();
  const auto at = first.message.find("at line ");
  if (first.where == file.string() && at != std::string::npos)
    return "it is not valid JSON " + first.message.substr(at, first.message.find(':', at) - at);
  if (first.where == file.string()) return first.str();  // missing, a folder, not text: nothing of its content
  return "it is not a calendar file as documented (" + std::to_string(e.problems().size()) + " problem" +
         (e.problems().size() == 1 ? "" : "s") + "; read it with Calendar.from_json / load_calendar to see them)";
}

/// The calendar: a file name (read relative to the partnership file's folder `base_dir`, and
/// refused when it lies outside it unless `calendar_files` is `anywhere`) or an inline definition.
SAFEGUARDING_FUNC void read_calendar(const Cursor& cal, Partnership& p, const std::filesystem::path& base_dir,
                                     CalendarFiles calendar_files) {
  if (!cal.present()) return;
  if (cal.is_string()) {
    p.calendar_file = cal.value()->get<std::string>();
    const std::filesystem::path file(p.calendar_file);
    const bool outside = outside_folder(file, base_dir);
    if (outside && calendar_files != CalendarFiles::anywhere) {
      cal.problem(quote(p.calendar_file) +
                  " is outside the partnership file's folder: a calendar file is read from that folder or below it "
                  "(copy it there, give the calendar inline, or allow calendar files anywhere when you trust the "
                  "partnership file)");
      return;
    }
    const std::filesystem::path path = base_dir / file.lexically_normal();
    try {
      p.calendar = load_calendar(path);
    } catch (const Error& e) {
      cal.problem("the calendar file " + quote(p.calendar_file) + ": " + calendar_file_problem(e, path));
    }
  } else if (cal.expect_object()) {
    p.calendar_definition = cal.value()->dump();
    try {
      p.calendar = calendar_from_document(*cal.value(), {});
    } catch (const Error& e) {
      for (const auto& problem : e.problems())
        cal.problems().add(cal.pointer() + (problem.where == "/" ? std::string() : problem.where), problem.message);
    }
  }
}

SAFEGUARDING_FUNC void read_settings(const Cursor& settings, PartnershipSettings& out) {
  if (!settings.present() || !settings.expect_object()) return;
  settings.reject_unknown_keys({"due_soon", "attendance_target", "republish_by"});
  if (settings["due_soon"].present())
    if (auto t = settings["due_soon"].timescale()) out.due_soon = *t;
  if (auto d = settings["republish_by"].optional_date()) out.republish_by = *d;
  if (!settings["attendance_target"].present()) return;
  if (auto n = settings["attendance_target"].integer()) {
    if (*n < 0 || *n > 100)
      settings["attendance_target"].problem("a percentage from 0 to 100, got " + std::to_string(*n));
    else
      out.attendance_target = *n;
  }
}

/// Partners, relevant agencies and roles.
SAFEGUARDING_FUNC void read_members(const Cursor& root, Partnership& p) {
  read_objects(root["partners"], p.partners,
               {"id", "name", "kind", "lead", "delegates", "from", "until", "succeeds", "source"},
               [&](const Cursor& c, SafeguardingPartner& x) {
                 x.id = c["id"].string().value_or("");
                 x.name = c["name"].string().value_or("");
                 if (auto k = read_enum<PartnerKind>(c["kind"], partner_kind_names)) x.kind = *k;
                 x.lead = c["lead"].reference_or_none();
                 x.delegates = read_strings(c["delegates"]);
                 x.from = c["from"].optional_date();
                 x.until = c["until"].optional_date();
                 x.succeeds = c["succeeds"].reference_or_none();
                 x.source = c["source"].string_or("");
               });
  read_objects(root["agencies"], p.agencies,
               {"id", "name", "sector", "named_in_regulations", "from", "until", "succeeds", "source", "designations"},
               [&](const Cursor& c, RelevantAgency& x) {
                 x.id = c["id"].string().value_or("");
                 x.name = c["name"].string().value_or("");
                 if (auto i = read_enum<std::size_t>(c["sector"], sector_names)) x.sector = sector_names[*i];
                 x.named_in_regulations = c["named_in_regulations"].boolean_or(false);
                 x.from = c["from"].optional_date();
                 x.until = c["until"].optional_date();
                 x.succeeds = c["succeeds"].reference_or_none();
                 x.source = c["source"].string_or("");
                 x.designations = read_strings(c["designations"]);
               });
  read_objects(root["roles"], p.roles, {"id", "title", "kind", "agency", "post"}, [&](const Cursor& c, Role& x) {
    x.id = c["id"].string().value_or("");
    x.title = c["title"].string().value_or("");
    if (auto k = read_enum<RoleKind>(c["kind"], role_kind_names)) x.kind = *k;
    x.agency = c["agency"].reference_or_none();
    x.post = read_enum<Post>(c["post"], post_names, false);
  });
}

SAFEGUARDING_FUNC std::optional<QuorumRule> read_quorum(const Cursor& q) {
  if (!q.present() || !q.expect_object()) return std::nullopt;
  q.reject_unknown_keys(
      {"all_safeguarding_partners", "minimum_members", "deputies_need_delegated_authority", "source"});
  QuorumRule rule;
  rule.all_safeguarding_partners = q["all_safeguarding_partners"].boolean_or(true);
  rule.minimum_members = q["minimum_members"].integer_or(0);
  rule.deputies_need_delegated_authority = q["deputies_need_delegated_authority"].boolean_or(true);
  rule.source = q["source"].string_or("");
  return rule;
}

SAFEGUARDING_FUNC void read_group(const Cursor& c, Group& g) {
  g.id = c["id"].string().value_or("");
  g.name = c["name"].string().value_or("");
  if (auto k = read_enum<GroupKind>(c["kind"], group_kind_names)) g.kind = *k;
  g.parent = c["parent"].reference_or_none();
  g.chairs = read_strings(c["chairs"]);
  read_objects(c["members"], g.members, {"agency", "capacity"}, [&](const Cursor& m, GroupMember& member) {
    member.agency = m["agency"].string().value_or("");
    member.capacity = m["capacity"].string_or("");
  });
  g.remit = c["remit"].string_or("");
  if (c["frequency"].expect_object()) g.frequency = read_frequency(c["frequency"], true);
  g.quorum = read_quorum(c["quorum"]);
  g.from = c["from"].optional_date();
}

SAFEGUARDING_FUNC void read_duty(const Cursor& c, Duty& d) {
  d.id = c["id"].string().value_or("");
  d.title = c["title"].string().value_or("");
  d.owner = c["owner"].reference_or_none();
  d.activity = c["activity"].string().value_or("");
  d.source = c["source"].string_or("");
  d.from = c["from"].optional_date();
  d.statutory = read_enum<StatutoryDuty>(c["statutory"], statutory_duty_names, false);
  if (c["schedule"].expect_object()) read_schedule(c["schedule"], d.schedule);
}

SAFEGUARDING_FUNC void read_arrangements(const Cursor& arr, Arrangements& out) {
  if (!arr.present() || !arr.expect_object()) return;
  arr.reject_unknown_keys({"published", "document", "coverage"});
  out.published = arr["published"].optional_date();
  out.document = arr["document"].string_or("");
  read_objects(arr["coverage"], out.coverage, {"item", "where"}, [&](const Cursor& c, CoverageEntry& e) {
    e.item = c["item"].string().value_or("");
    e.where = c["where"].string().value_or("");
  });
}

SAFEGUARDING_FUNC void read_meeting(const Cursor& c, Meeting& m) {
  m.id = c["id"].string().value_or("");
  m.group = c["group"].string().value_or("");
  if (auto d = c["date"].date()) m.date = *d;
  read_objects(c["attendance"], m.attendance, {"agency", "capacity", "delegated_authority", "role"},
               [&](const Cursor& a, Attendance& x) {
                 x.agency = a["agency"].string().value_or("");
                 if (auto cap = read_enum<Capacity>(a["capacity"], capacity_names, false)) x.capacity = *cap;
                 x.delegated_authority = a["delegated_authority"].boolean_or(false);
                 x.role = a["role"].string_or("");
               });
  read_objects(c["apologies"], m.apologies, {"agency", "valid_reason", "reason"}, [&](const Cursor& a, Apology& x) {
    x.agency = a["agency"].string().value_or("");
    x.valid_reason = a["valid_reason"].boolean().value_or(false);
    x.reason = a["reason"].string_or("");
  });
  m.note = c["note"].string_or("");
}

SAFEGUARDING_FUNC void read_activity(const Cursor& c, Activity& a) {
  a.id = c["id"].string().value_or("");
  a.type = c["type"].string().value_or("");
  if (auto d = c["date"].date()) a.date = *d;
  a.title = c["title"].string_or("");
  a.follows = c["follows"].reference_or_none();
  a.note = c["note"].string_or("");
  a.evidence = c["evidence"].string_or("");
}

/// The later framework editions, each with the arrangements published for it.
SAFEGUARDING_FUNC void read_edition_change(const Cursor& c, EditionChange& e) {
  if (auto x = read_enum<Edition>(c["edition"], edition_names)) e.edition = *x;
  if (auto d = c["from"].date()) e.from = *d;
  read_arrangements(c["arrangements"], e.arrangements);
}

SAFEGUARDING_FUNC void read_team(const Cursor& c, ChildProtectionTeam& team) {
  team.id = c["id"].string().value_or("");
  team.name = c["name"].string().value_or("");
  team.from = c["from"].optional_date();
  team.until = c["until"].optional_date();
  team.source = c["source"].string_or("");
  read_objects(c["members"], team.members, {"role", "nominated_by", "title"}, [&](const Cursor& m, TeamMember& x) {
    if (auto r = read_enum<TeamRole>(m["role"], team_role_names)) x.role = *r;
    x.nominated_by = m["nominated_by"].reference_or_none();
    x.title = m["title"].string_or("");
  });
}

SAFEGUARDING_FUNC void read_sign_off(const Cursor& c, SignOff& s) {
  if (auto d = read_enum<SignOffDocument>(c["document"], sign_off_document_names)) s.document = *d;
  s.subject = c["subject"].string().value_or("");
  s.partner = c["partner"].string().value_or("");
  s.role = c["role"].reference_or_none();
  if (auto d = c["date"].date()) s.date = *d;
}

/// Adds the model's own problems (references, ids, the tree, dates), except those at or inside a
/// value already reported as missing or of the wrong type: an element that is not an object was
/// kept as an empty placeholder so that the pointers of the elements after it stay right.
SAFEGUARDING_FUNC void add_model_problems(const Partnership& p, Problems& problems) {
  std::unordered_set<std::string> shape;
  for (const Problem& s : problems.items()) shape.insert(s.where);
  if (shape.count("/") != 0) return;
  for (Problem& problem : p.problems()) {
    bool repeated = false;
    for (std::size_t slash = problem.where.find('/', 1); !repeated; slash = problem.where.find('/', slash + 1)) {
      repeated = shape.count(problem.where.substr(0, slash)) != 0;
      if (slash == std::string::npos) break;
    }
    if (!repeated) problems.add(std::move(problem));
  }
}

SAFEGUARDING_FUNC Partnership partnership_from_document(const Document& document, std::string_view source,
                                                        const std::filesystem::path& base_dir,
                                                        CalendarFiles calendar_files) {
  Problems problems;
  const Cursor root(document, problems);
  if (!root.expect_object()) problems.throw_if_any(source);
  root.reject_unknown_keys({"$schema",
                            "name",
                            "area",
                            "edition",
                            "start",
                            "year_start",
                            "calendar",
                            "description",
                            "settings",
                            "partners",
                            "agencies",
                            "roles",
                            "groups",
                            "duties",
                            "arrangements",
                            "meetings",
                            "activities",
                            "thresholds",
                            "editions",
                            "designated_agencies",
                            "child_protection_teams",
                            "sign_offs"});
  Partnership p;
  read_header(root, p);
  read_calendar(root["calendar"], p, base_dir, calendar_files);
  read_settings(root["settings"], p.settings);
  read_members(root, p);
  read_objects(root["groups"], p.groups,
               {"id", "name", "kind", "parent", "chairs", "members", "remit", "frequency", "quorum", "from"},
               read_group);
  read_objects(root["duties"], p.duties,
               {"id", "title", "owner", "activity", "schedule", "source", "from", "statutory"}, read_duty);
  read_arrangements(root["arrangements"], p.arrangements);
  read_objects(root["meetings"], p.meetings, {"id", "group", "date", "attendance", "apologies", "note"}, read_meeting);
  read_objects(root["activities"], p.activities, {"id", "type", "date", "title", "follows", "note", "evidence"},
               read_activity);
  if (root["thresholds"].present() && root["thresholds"].expect_object())
    p.thresholds = read_thresholds(root["thresholds"]);
  read_objects(root["editions"], p.edition_changes, {"edition", "from", "arrangements"}, read_edition_change);
  read_objects(root["designated_agencies"], p.designated_agencies, {"id", "name", "source"},
               [&](const Cursor& c, DesignatedAgency& d) {
                 d.id = c["id"].string().value_or("");
                 d.name = c["name"].string().value_or("");
                 d.source = c["source"].string_or("");
               });
  read_objects(root["child_protection_teams"], p.child_protection_teams,
               {"id", "name", "from", "until", "members", "source"}, read_team);
  read_objects(root["sign_offs"], p.sign_offs, {"document", "subject", "partner", "role", "date"}, read_sign_off);
  add_model_problems(p, problems);
  problems.throw_if_any(source);
  return p;
}

}  // namespace json::detail

SAFEGUARDING_FUNC Partnership partnership_from_json(std::string_view text, std::string_view source,
                                                    const std::filesystem::path& base_dir,
                                                    CalendarFiles calendar_files) {
  return json::detail::partnership_from_document(json::parse_text(text, source), source, base_dir, calendar_files);
}

SAFEGUARDING_FUNC Partnership load_partnership(const std::filesystem::path& path, CalendarFiles calendar_files) {
  return json::detail::partnership_from_document(json::parse_file(path), path.string(), path.parent_path(),
                                                 calendar_files);
}

}  // namespace safeguarding::inline v0
