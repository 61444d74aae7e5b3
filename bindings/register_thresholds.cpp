// Thresholds (_core.thresholds): the levels of need, the versions of a threshold document with
// their queries, and the built-in London continuum.
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/support/names.hpp"
#include "safeguarding/thresholds.hpp"

namespace py = pybind11;

namespace safeguarding::python {

void register_thresholds(py::module_& parent) {
  py::module_ m = parent.def_submodule("thresholds", "Threshold documents: levels of need and their versions.");
  m.attr("need_kind_names") = std::vector<std::string>(need_kind_names.begin(), need_kind_names.end());
  py::class_<LevelOfNeed>(m, "LevelOfNeed")
      .def_readonly("id", &LevelOfNeed::id)
      .def_readonly("name", &LevelOfNeed::name)
      .def_readonly("description", &LevelOfNeed::description)
      .def_property_readonly(
          "kind", [](const LevelOfNeed& l) { return std::string(support::enum_name(l.kind, need_kind_names)); })
      .def_readonly("zone", &LevelOfNeed::zone)
      .def_readonly("indicators", &LevelOfNeed::indicators)
      .def_readonly("services", &LevelOfNeed::services)
      .def_readonly("step_up", &LevelOfNeed::step_up)
      .def_readonly("step_down", &LevelOfNeed::step_down)
      .def(py::self == py::self);
  py::class_<ThresholdVersion>(m, "ThresholdVersion")
      .def_readonly("id", &ThresholdVersion::id)
      .def_readonly("title", &ThresholdVersion::title)
      .def_readonly("start", &ThresholdVersion::from)
      .def_readonly("source", &ThresholdVersion::source)
      .def_readonly("builtin", &ThresholdVersion::builtin)
      .def_readonly("levels", &ThresholdVersion::levels)
      .def("level", &ThresholdVersion::level_named, py::arg("level_id"), py::return_value_policy::copy)
      .def(
          "rank", [](const ThresholdVersion& v, const std::string& id) { return *v.rank(v.level_named(id).id); },
          py::arg("level_id"))
      .def(
          "allows",
          [](const ThresholdVersion& v, const std::string& from, const std::string& to) {
            (void)v.level_named(from);
            return v.allows(from, to);
          },
          py::arg("from_level"), py::arg("to_level"))
      .def("to_json_text", [](const ThresholdVersion& v) { return threshold_version_to_json(v, true, -1); })
      .def(py::self == py::self);
  py::class_<Thresholds>(m, "Thresholds")
      .def(py::init<>())
      .def_readonly("document", &Thresholds::document)
      .def_readonly("owner", &Thresholds::owner)
      .def_readonly("review_activity", &Thresholds::review_activity)
      .def_property_readonly("other_sources",
                             [](const Thresholds& t) {
                               std::vector<std::pair<std::string, std::string>> out;
                               for (const auto& s : t.other_sources) out.emplace_back(s.id, s.name);
                               return out;
                             })
      .def_property_readonly("versions", &Thresholds::effective_versions)
      .def_property_readonly("builtin_default", [](const Thresholds& t) { return t.versions.empty(); })
      .def(
          "in_force", [](const Thresholds& t, Date d) { return t.in_force(d); }, py::arg("date"),
          py::return_value_policy::copy)
      .def("in_force_index", &Thresholds::in_force_index, py::arg("date"))
      .def(py::self == py::self);
  m.def("london_continuum_json", [] { return threshold_version_to_json(london_continuum(), true, -1); });
}

}  // namespace safeguarding::python
