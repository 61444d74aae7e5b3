#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/rules.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

py::dict edition_dict(const RuleEdition& e) {
  py::dict d;
  d["name"] = e.name;
  d["from"] = py::cast(e.from);
  d["until"] = e.until ? py::cast(*e.until) : py::none();
  py::list variants;
  for (const auto& v : e.timescales)
    variants.append(py::make_tuple(v.when ? py::cast(v.when->str()) : py::none(), py::cast(v.timescale)));
  d["timescales"] = variants;
  d["bands"] = e.bands;
  d["targets"] = e.targets;
  d["source"] = e.source;
  d["confidence"] = std::string(confidence_name(e.confidence));
  d["timescale_text"] = e.timescale_text();
  return d;
}

py::dict rule_dict(const Rule& r) {
  py::dict d;
  d["id"] = r.id;
  d["title"] = r.title;
  d["family"] = r.family;
  d["start"] = r.start;
  d["stop"] = r.stop;
  d["end"] = r.end;
  d["after"] = r.after;
  d["recurring"] = r.recurring;
  d["direction"] = r.direction == Direction::backward ? "backward" : "forward";
  d["repeat"] = r.repeat == Repeat::latest ? "latest" : r.repeat == Repeat::first ? "first" : "each";
  d["early_stop"] = r.early_stop;
  py::list editions;
  for (const auto& e : r.editions) editions.append(edition_dict(e));
  d["editions"] = editions;
  d["start_choices"] = r.start_choices;
  d["note"] = r.note;
  d["origin"] = r.origin;
  py::list attributes;
  for (const auto& e : r.editions)
    for (const auto& v : e.timescales)
      if (v.when) attributes.append(py::make_tuple(v.when->attribute, v.when->categorical()));
  d["attributes"] = attributes;
  return d;
}

}  // namespace

void register_rules(py::module_& m) {
  py::class_<RuleCatalogue>(m, "RuleCatalogue")
      .def_static("builtin", &builtin_rules, py::return_value_policy::copy)
      .def_static(
          "load", [](const std::filesystem::path& path, const RuleCatalogue* base) {
            return load_rules(path, base);
          },
          py::arg("path"), py::arg("base"))
      .def_static(
          "from_json_text",
          [](const std::string& text, const std::string& source, const RuleCatalogue* base) {
            return rules_from_json(text, source, base);
          },
          py::arg("text"), py::arg("source"), py::arg("base"))
      .def_property_readonly("name", &RuleCatalogue::name)
      .def("events", [](const RuleCatalogue& c) {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& e : c.events()) out.emplace_back(e.id, e.title);
        return out;
      })
      .def("rules", [](const RuleCatalogue& c) {
        py::list out;
        for (const auto& r : c.rules()) out.append(rule_dict(r));
        return out;
      })
      .def("unknown_rule_message", &RuleCatalogue::unknown_rule_message, py::arg("id"))
      .def("unknown_event_message", &RuleCatalogue::unknown_event_message, py::arg("id"))
      .def("__eq__", [](const RuleCatalogue& a, const RuleCatalogue& b) { return a == b; });
  m.def("builtin_rules_json", [] { return builtin_rules_json(); });
}

}  // namespace safeguarding::python
