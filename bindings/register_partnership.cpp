#include <pybind11/operators.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/compliance.hpp"
#include "safeguarding/partnership.hpp"

namespace py = pybind11;

namespace safeguarding::python {

void register_partnership(py::module_& m) {
  py::class_<Partnership>(m, "Partnership")
      .def_static("load", &load_partnership, py::arg("path"))
      .def_static(
          "from_json_text",
          [](const std::string& text, const std::string& source, const std::filesystem::path& base_dir) {
            return partnership_from_json(text, source, base_dir);
          },
          py::arg("text"), py::arg("source"), py::arg("base_dir"))
      .def(
          "to_json_text", [](const Partnership& p, int indent) { return partnership_to_json(p, indent); },
          py::arg("indent") = -1)
      .def_readonly("name", &Partnership::name)
      .def_readonly("area", &Partnership::area)
      .def_property_readonly(
          "edition", [](const Partnership& p) { return std::string(support::enum_name(p.edition, edition_names)); })
      .def_readonly("start", &Partnership::start)
      .def_readonly("year_start", &Partnership::year_start)
      .def_readonly("calendar", &Partnership::calendar)
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

  py::class_<ComplianceReport>(m, "ComplianceReport")
      .def(
          "to_json_text", [](const ComplianceReport& r, int indent) { return report_to_json(r, indent); },
          py::arg("indent") = -1)
      .def("to_text", &ComplianceReport::to_text)
      .def("findings",
           [](const ComplianceReport& r) {
             // Tuples in the order of the facade's Finding fields; faster than going through JSON.
             py::list out(r.findings.size());
             std::size_t i = 0;
             for (const ComplianceFinding& f : r.findings) {
               auto first = f.period ? std::optional<Date>(f.period->first) : std::nullopt;
               auto last = f.period ? std::optional<Date>(f.period->last) : std::nullopt;
               out[i++] = py::make_tuple(std::string(support::enum_name(f.kind, compliance_finding_kind_names)),
                                         std::string(support::enum_name(f.status, compliance_status_names)), f.requirement,
                                         f.source, f.subject_type, f.subject, f.subject_name, f.group, first, last,
                                         f.due, f.actual, f.late_working_days, f.late_calendar_days, f.text);
             }
             return out;
           })
      .def("summary_json_text", [](const ComplianceReport& r) { return report_summary_to_json(r, -1); })
      .def_readonly("as_of", &ComplianceReport::as_of)
      .def_readonly("partnership", &ComplianceReport::partnership)
      .def(py::self == py::self);
}

}  // namespace safeguarding::python
