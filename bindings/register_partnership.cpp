// The partnership and its governance compliance (_core.partnership): the value types with their
// queries, the compliance report, and the Python enums of the report built from the C++ names.
#include <pybind11/operators.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <string>
#include <tuple>
#include <vector>

#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/compliance.hpp"
#include "safeguarding/partnership.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

template <class Enum, std::size_t N>
std::string name_of(Enum value, const std::array<std::string_view, N>& names) {
  return std::string(support::enum_name(value, names));
}

/// A Python str enum named `name` whose members are the C++ names ("due-soon" is DUE_SOON), whose
/// str() is the name, pickled as safeguarding.<name>.
template <std::size_t N>
py::object str_enum(const char* name, const std::array<std::string_view, N>& names, const char* doc) {
  py::list members;
  for (std::string_view n : names) {
    std::string key(n);
    for (char& c : key) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    members.append(py::make_tuple(key, std::string(n)));
  }
  py::object str = py::module_::import("builtins").attr("str");
  py::object cls = py::module_::import("enum").attr("Enum")(name, members, py::arg("module") = "safeguarding",
                                                            py::arg("qualname") = name, py::arg("type") = str);
  cls.attr("__str__") = str.attr("__str__");
  cls.attr("__doc__") = doc;
  return cls;
}

void register_members(py::module_& m) {
  py::class_<SafeguardingPartner>(m, "SafeguardingPartner")
      .def_readonly("id", &SafeguardingPartner::id)
      .def_readonly("name", &SafeguardingPartner::name)
      .def_property_readonly("kind", [](const SafeguardingPartner& x) { return name_of(x.kind, partner_kind_names); })
      .def_readonly("lead", &SafeguardingPartner::lead)
      .def_readonly("delegates", &SafeguardingPartner::delegates)
      .def_readonly("start", &SafeguardingPartner::from)
      .def_readonly("until", &SafeguardingPartner::until)
      .def_readonly("succeeds", &SafeguardingPartner::succeeds)
      .def_readonly("source", &SafeguardingPartner::source)
      .def("in_place_on", &SafeguardingPartner::in_place_on, py::arg("day"));
  py::class_<RelevantAgency>(m, "RelevantAgency")
      .def_readonly("id", &RelevantAgency::id)
      .def_readonly("name", &RelevantAgency::name)
      .def_readonly("sector", &RelevantAgency::sector)
      .def_readonly("named_in_regulations", &RelevantAgency::named_in_regulations)
      .def_readonly("start", &RelevantAgency::from)
      .def_readonly("until", &RelevantAgency::until)
      .def_readonly("succeeds", &RelevantAgency::succeeds)
      .def_readonly("source", &RelevantAgency::source)
      .def_readonly("designations", &RelevantAgency::designations)
      .def("in_place_on", &RelevantAgency::in_place_on, py::arg("day"));
  py::class_<Role>(m, "Role")
      .def_readonly("id", &Role::id)
      .def_readonly("title", &Role::title)
      .def_property_readonly("kind", [](const Role& x) { return name_of(x.kind, role_kind_names); })
      .def_readonly("agency", &Role::agency)
      .def_property_readonly("post",
                             [](const Role& x) { return x.post ? name_of(*x.post, post_names) : std::string(); });
}

void register_framework(py::module_& m) {
  py::class_<EditionChange>(m, "EditionChange")
      .def_property_readonly("edition", [](const EditionChange& e) { return name_of(e.edition, edition_names); })
      .def_readonly("start", &EditionChange::from)
      .def_property_readonly("published", [](const EditionChange& e) { return e.arrangements.published; });
  py::class_<DesignatedAgency>(m, "DesignatedAgency")
      .def_readonly("id", &DesignatedAgency::id)
      .def_readonly("name", &DesignatedAgency::name)
      .def_readonly("source", &DesignatedAgency::source);
  py::class_<TeamMember>(m, "TeamMember")
      .def_property_readonly("role", [](const TeamMember& x) { return name_of(x.role, team_role_names); })
      .def_readonly("nominated_by", &TeamMember::nominated_by)
      .def_readonly("title", &TeamMember::title);
  py::class_<ChildProtectionTeam>(m, "ChildProtectionTeam")
      .def_readonly("id", &ChildProtectionTeam::id)
      .def_readonly("name", &ChildProtectionTeam::name)
      .def_readonly("start", &ChildProtectionTeam::from)
      .def_readonly("until", &ChildProtectionTeam::until)
      .def_readonly("members", &ChildProtectionTeam::members)
      .def_readonly("source", &ChildProtectionTeam::source);
  py::class_<SignOff>(m, "SignOff")
      .def_property_readonly("document", [](const SignOff& s) { return name_of(s.document, sign_off_document_names); })
      .def_readonly("subject", &SignOff::subject)
      .def_readonly("partner", &SignOff::partner)
      .def_readonly("role", &SignOff::role)
      .def_readonly("date", &SignOff::date);
  m.def("governance_requirements", [] {
    std::vector<std::tuple<std::string, std::string, std::string, std::string>> out;
    for (const GovernanceRequirement& r : governance_requirements())
      out.emplace_back(std::string(r.id), std::string(r.text), std::string(r.source), std::string(r.confidence));
    return out;
  });
}

void register_groups(py::module_& m) {
  py::class_<Frequency>(m, "Frequency")
      .def_property_readonly("per", [](const Frequency& f) { return name_of(f.unit, period_unit_names); })
      .def_readonly("at_least", &Frequency::at_least)
      .def_property_readonly("aligned_to",
                             [](const Frequency& f) { return name_of(f.aligned_to, period_alignment_names); })
      .def_readonly("source", &Frequency::source)
      .def("to_json_text", [](const Frequency& f) { return frequency_to_json(f); });
  py::class_<QuorumRule>(m, "QuorumRule")
      .def_readonly("all_safeguarding_partners", &QuorumRule::all_safeguarding_partners)
      .def_readonly("minimum_members", &QuorumRule::minimum_members)
      .def_readonly("deputies_need_delegated_authority", &QuorumRule::deputies_need_delegated_authority)
      .def_readonly("source", &QuorumRule::source)
      .def("to_json_text", [](const QuorumRule& q) { return quorum_to_json(q); });
  py::class_<GroupMember>(m, "GroupMember")
      .def_readonly("agency", &GroupMember::agency)
      .def_readonly("capacity", &GroupMember::capacity);
  py::class_<Group>(m, "Group")
      .def_readonly("id", &Group::id)
      .def_readonly("name", &Group::name)
      .def_property_readonly("kind", [](const Group& g) { return name_of(g.kind, group_kind_names); })
      .def_readonly("parent", &Group::parent)
      .def_readonly("chairs", &Group::chairs)
      .def_readonly("members", &Group::members)
      .def_readonly("remit", &Group::remit)
      .def_readonly("frequency", &Group::frequency)
      .def_readonly("quorum", &Group::quorum)
      .def_readonly("start", &Group::from);
  py::class_<Schedule>(m, "Schedule")
      .def_property_readonly("kind", [](const Schedule& s) { return name_of(s.kind, schedule_kind_names); })
      .def("to_json_text", [](const Schedule& s) { return schedule_to_json(s); });
  py::class_<Duty>(m, "Duty")
      .def_readonly("id", &Duty::id)
      .def_readonly("title", &Duty::title)
      .def_readonly("owner", &Duty::owner)
      .def_readonly("activity", &Duty::activity)
      .def_readonly("schedule", &Duty::schedule)
      .def_readonly("source", &Duty::source)
      .def_readonly("start", &Duty::from)
      .def_property_readonly("statutory", [](const Duty& d) {
        return d.statutory ? name_of(*d.statutory, statutory_duty_names) : std::string();
      });
}

void register_records(py::module_& m) {
  py::class_<Attendance>(m, "Attendance")
      .def_readonly("agency", &Attendance::agency)
      .def_property_readonly("capacity", [](const Attendance& a) { return name_of(a.capacity, capacity_names); })
      .def_readonly("delegated_authority", &Attendance::delegated_authority)
      .def_readonly("role", &Attendance::role);
  py::class_<Apology>(m, "Apology")
      .def_readonly("agency", &Apology::agency)
      .def_readonly("valid_reason", &Apology::valid_reason)
      .def_readonly("reason", &Apology::reason);
  py::class_<Meeting>(m, "Meeting")
      .def_readonly("id", &Meeting::id)
      .def_readonly("group", &Meeting::group)
      .def_readonly("date", &Meeting::date)
      .def_readonly("attendance", &Meeting::attendance)
      .def_readonly("apologies", &Meeting::apologies)
      .def_readonly("note", &Meeting::note);
  py::class_<Activity>(m, "Activity")
      .def_readonly("id", &Activity::id)
      .def_readonly("type", &Activity::type)
      .def_readonly("date", &Activity::date)
      .def_readonly("follows", &Activity::follows)
      .def_readonly("note", &Activity::note)
      .def_readonly("title", &Activity::title)
      .def_readonly("evidence", &Activity::evidence);
}

// Python's `calendar_anywhere=True` as the C++ option (see docs/errors.md: a calendar file outside the
// partnership's folder is refused unless the caller trusts the file).
CalendarFiles calendar_files(bool anywhere) {
  return anywhere ? CalendarFiles::anywhere : CalendarFiles::in_folder;
}

void register_partnership_type(py::module_& m) {
  py::class_<Partnership>(m, "Partnership")
      .def_static(
          "load",
          [](const std::filesystem::path& path, bool calendar_anywhere) {
            return load_partnership(path, calendar_files(calendar_anywhere));
          },
          py::arg("path"), py::arg("calendar_anywhere") = false)
      .def_static(
          "from_json_text",
          [](const std::string& text, const std::string& source, const std::filesystem::path& base_dir,
             bool calendar_anywhere) {
            return partnership_from_json(text, source, base_dir, calendar_files(calendar_anywhere));
          },
          py::arg("text"), py::arg("source"), py::arg("base_dir"), py::arg("calendar_anywhere") = false)
      .def(
          "to_json_text", [](const Partnership& p, int indent) { return partnership_to_json(p, indent); },
          py::arg("indent") = -1)
      .def_readonly("name", &Partnership::name)
      .def_readonly("area", &Partnership::area)
      .def_property_readonly("edition", [](const Partnership& p) { return name_of(p.edition, edition_names); })
      .def_readonly("start", &Partnership::start)
      .def_readonly("year_start", &Partnership::year_start)
      .def_readonly("calendar", &Partnership::calendar)
      .def_readonly("partners", &Partnership::partners)
      .def_readonly("agencies", &Partnership::agencies)
      .def_readonly("roles", &Partnership::roles)
      .def_readonly("groups", &Partnership::groups)
      .def_readonly("duties", &Partnership::duties)
      .def_readonly("meetings", &Partnership::meetings)
      .def_readonly("activities", &Partnership::activities)
      .def_property_readonly("thresholds", &Partnership::threshold_document)
      .def_readonly("edition_changes", &Partnership::edition_changes)
      .def_readonly("designated_agencies", &Partnership::designated_agencies)
      .def_readonly("child_protection_teams", &Partnership::child_protection_teams)
      .def_readonly("sign_offs", &Partnership::sign_offs)
      .def(
          "edition_on", [](const Partnership& p, Date day) { return name_of(p.edition_on(day), edition_names); },
          py::arg("day"))
      .def_property_readonly(
          "sizes",
          [](const Partnership& p) { return py::make_tuple(p.groups.size(), p.meetings.size(), p.activities.size()); })
      .def("problems",
           [](const Partnership& p) {
             std::vector<std::pair<std::string, std::string>> out;
             for (const Problem& x : p.problems()) out.emplace_back(x.where, x.message);
             return out;
           })
      .def(
          "evaluate",
          [](const Partnership& p, Date as_of, std::optional<Timescale> due_soon, std::optional<std::int64_t> target) {
            EvaluationOptions options;
            options.due_soon = due_soon;
            options.attendance_target = target;
            return p.evaluate(as_of, options);
          },
          py::arg("as_of"), py::arg("due_soon") = py::none(), py::arg("attendance_target") = py::none(),
          py::call_guard<py::gil_scoped_release>())
      .def(py::self == py::self);
}

void register_compliance(py::module_& m) {
  m.attr("Status") = str_enum("Status", compliance_status_names, "The status of a finding.");
  m.attr("FindingKind") =
      str_enum("FindingKind", compliance_finding_kind_names, "What a finding tests; findings come in this order.");
  py::class_<ComplianceFinding>(m, "ComplianceFinding")
      .def_property_readonly("kind",
                             [](const ComplianceFinding& f) { return name_of(f.kind, compliance_finding_kind_names); })
      .def_property_readonly("status",
                             [](const ComplianceFinding& f) { return name_of(f.status, compliance_status_names); })
      .def_readonly("requirement", &ComplianceFinding::requirement)
      .def_readonly("source", &ComplianceFinding::source)
      .def_readonly("confidence", &ComplianceFinding::confidence)
      .def_readonly("subject_type", &ComplianceFinding::subject_type)
      .def_readonly("subject", &ComplianceFinding::subject)
      .def_readonly("subject_name", &ComplianceFinding::subject_name)
      .def_readonly("group", &ComplianceFinding::group)
      .def_property_readonly(
          "period_start",
          [](const ComplianceFinding& f) { return f.period ? std::optional<Date>(f.period->first) : std::nullopt; })
      .def_property_readonly(
          "period_end",
          [](const ComplianceFinding& f) { return f.period ? std::optional<Date>(f.period->last) : std::nullopt; })
      .def_readonly("due", &ComplianceFinding::due)
      .def_readonly("actual", &ComplianceFinding::actual)
      .def_readonly("late_working_days", &ComplianceFinding::late_working_days)
      .def_readonly("late_calendar_days", &ComplianceFinding::late_calendar_days)
      .def_readonly("text", &ComplianceFinding::text);
  py::class_<ComplianceReport>(m, "ComplianceReport")
      .def(
          "to_json_text", [](const ComplianceReport& r, int indent) { return report_to_json(r, indent); },
          py::arg("indent") = -1)
      .def("to_text", &ComplianceReport::to_text)
      .def("findings",
           [](const ComplianceReport& r) {
             // Tuples in the order of the facade's Finding fields: what its DataFrame is made from.
             py::list out(r.findings.size());
             std::size_t i = 0;
             for (const ComplianceFinding& f : r.findings) {
               auto first = f.period ? std::optional<Date>(f.period->first) : std::nullopt;
               auto last = f.period ? std::optional<Date>(f.period->last) : std::nullopt;
               out[i++] = py::make_tuple(name_of(f.kind, compliance_finding_kind_names),
                                         name_of(f.status, compliance_status_names), f.requirement, f.source,
                                         f.subject_type, f.subject, f.subject_name, f.group, first, last, f.due,
                                         f.actual, f.late_working_days, f.late_calendar_days, f.text, f.confidence);
             }
             return out;
           })
      .def_readonly("finding_list", &ComplianceReport::findings)
      .def(
          "with_status",
          [](const ComplianceReport& r, const std::string& status) {
            const auto s = support::enum_from_name<ComplianceStatus>(status, compliance_status_names);
            if (!s) throw Error(support::not_one_of(status, compliance_status_names));
            std::vector<ComplianceFinding> out;
            for (const ComplianceFinding* f : r.with_status(*s)) out.push_back(*f);
            return out;
          },
          py::arg("status"))
      .def("summary_json_text", [](const ComplianceReport& r) { return report_summary_to_json(r, -1); })
      .def_readonly("as_of", &ComplianceReport::as_of)
      .def_readonly("partnership", &ComplianceReport::partnership)
      .def(py::self == py::self);
}

}  // namespace

void register_partnership(py::module_& parent) {
  py::module_ m = parent.def_submodule("partnership", "The partnership model and its governance compliance.");
  register_members(m);
  register_framework(m);
  register_groups(m);
  register_records(m);
  register_partnership_type(m);
  register_compliance(m);
  m.def(
      "reject",
      [](const std::vector<std::pair<std::string, std::string>>& problems, const std::string& source) {
        std::vector<Problem> list;
        for (const auto& [where, message] : problems) list.push_back(Problem{where, message});
        throw Error(list, source);
      },
      py::arg("problems"), py::arg("source"));
}

}  // namespace safeguarding::python
