#include <pybind11/operators.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <string>
#include <vector>

#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/rules.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

void register_rule_values(py::module_& rules) {
  py::enum_<Confidence>(rules, "Confidence")
      .value("confirmed", Confidence::confirmed)
      .value("secondary", Confidence::secondary)
      .value("check", Confidence::check);
  py::enum_<Direction>(rules, "Direction").value("forward", Direction::forward).value("backward", Direction::backward);
  py::enum_<Repeat>(rules, "Repeat")
      .value("each", Repeat::each)
      .value("latest", Repeat::latest)
      .value("first", Repeat::first)
      .value("earliest", Repeat::earliest);
  py::enum_<Restart>(rules, "Restart").value("finding", Restart::finding).value("replace", Restart::replace);
  py::enum_<ConditionKind>(rules, "ConditionKind")
      .value("number", ConditionKind::number)
      .value("category", ConditionKind::category)
      .value("flag", ConditionKind::flag)
      .value("happened", ConditionKind::happened)
      .value("date_before", ConditionKind::date_before);
  py::enum_<AttributeOf>(rules, "AttributeOf")
      .value("clock_start", AttributeOf::clock_start)
      .value("chain_start", AttributeOf::chain_start);
  py::enum_<AttributeKind>(rules, "AttributeKind")
      .value("number", AttributeKind::number)
      .value("category", AttributeKind::category)
      .value("date", AttributeKind::date);

  py::class_<Condition>(rules, "Condition")
      .def_readonly("kind", &Condition::kind)
      .def_readonly("attribute", &Condition::attribute)
      .def_readonly("of", &Condition::of)
      .def_readonly("below", &Condition::below)
      .def_readonly("at_least", &Condition::at_least)
      .def_readonly("categories", &Condition::in)
      .def_readonly("is_", &Condition::is)
      .def_readonly("event", &Condition::event)
      .def_readonly("due", &Condition::due)
      .def_readonly("plus", &Condition::plus)
      .def_readonly("missing_not_met", &Condition::missing_not_met)
      .def_property_readonly("categorical", &Condition::categorical)
      .def("__str__", &Condition::str)
      .def(py::self == py::self);
  py::class_<TimescaleVariant>(rules, "TimescaleVariant")
      .def_readonly("when", &TimescaleVariant::when)
      .def_readonly("timescale", &TimescaleVariant::timescale)
      .def_property_readonly("condition_text", &TimescaleVariant::condition_text)
      .def(py::self == py::self);
  py::class_<RuleEdition>(rules, "RuleEdition")
      .def_readonly("name", &RuleEdition::name)
      .def_readonly("start", &RuleEdition::from)
      .def_readonly("until", &RuleEdition::until)
      .def_readonly("start_events", &RuleEdition::start)
      .def_readonly("timescales", &RuleEdition::timescales)
      .def_readonly("bands", &RuleEdition::bands)
      .def_readonly("targets", &RuleEdition::targets)
      .def_readonly("source", &RuleEdition::source)
      .def_readonly("wording", &RuleEdition::wording)
      .def_readonly("address", &RuleEdition::address)
      .def_readonly("confidence", &RuleEdition::confidence)
      .def_property_readonly("timescale", &RuleEdition::timescale)
      .def_property_readonly("timescale_text", &RuleEdition::timescale_text)
      .def("in_force_on", &RuleEdition::in_force_on, py::arg("date"))
      .def(py::self == py::self);
  py::class_<EventType>(rules, "EventType")
      .def_readonly("id", &EventType::id)
      .def_readonly("title", &EventType::title)
      .def(py::self == py::self);
}

void register_rule(py::module_& rules) {
  py::class_<Rule>(rules, "Rule")
      .def_readonly("id", &Rule::id)
      .def_readonly("title", &Rule::title)
      .def_readonly("family", &Rule::family)
      .def_readonly("start", &Rule::start)
      .def_readonly("stop", &Rule::stop)
      .def_readonly("end", &Rule::end)
      .def_readonly("after", &Rule::after)
      .def_readonly("recurring", &Rule::recurring)
      .def_readonly("direction", &Rule::direction)
      .def_readonly("repeat", &Rule::repeat)
      .def_readonly("restart", &Rule::restart)
      .def_readonly("early_stop", &Rule::early_stop)
      .def_readonly("editions", &Rule::editions)
      .def_readonly("start_choices", &Rule::start_choices)
      .def_readonly("repeat_choices", &Rule::repeat_choices)
      .def_readonly("note", &Rule::note)
      .def_readonly("origin", &Rule::origin)
      .def_property_readonly("attributes", &Rule::attributes)
      .def_property_readonly("tested_events", &Rule::tested_events)
      .def("start_of", &Rule::start_of, py::arg("edition"), "The events that start the clock under the edition.")
      .def_property_readonly("timescale", &Rule::timescale)
      .def_property_readonly("source", &Rule::source)
      .def_property_readonly("confidence", &Rule::confidence)
      .def_property_readonly("banded", &Rule::banded)
      .def_property_readonly("is_link", &Rule::is_link)
      .def(
          "edition_index_on",
          [](const Rule& r, Date d) -> std::optional<std::size_t> {
            const RuleEdition* e = r.edition_on(d);
            if (e == nullptr) return std::nullopt;
            return static_cast<std::size_t>(e - r.editions.data());
          },
          py::arg("date"), "The index in editions of the edition in force on the date (Rule::edition_on), or None.")
      .def(py::self == py::self);
}

void register_catalogue(py::module_& rules) {
  py::class_<RuleCatalogue>(rules, "RuleCatalogue")
      .def_static("builtin", &builtin_rules, py::return_value_policy::copy)
      .def_static(
          "load", [](const std::filesystem::path& path, const RuleCatalogue* base) { return load_rules(path, base); },
          py::arg("path"), py::arg("base"))
      .def_static(
          "from_json_text",
          [](const std::string& text, const std::string& source, const RuleCatalogue* base) {
            return rules_from_json(text, source, base);
          },
          py::arg("text"), py::arg("source"), py::arg("base"))
      .def_property_readonly("name", &RuleCatalogue::name)
      .def("events", &RuleCatalogue::events, py::return_value_policy::reference_internal)
      .def("rules", &RuleCatalogue::rules, py::return_value_policy::reference_internal)
      .def("event", &RuleCatalogue::event, py::arg("id"))
      .def("event_type", &RuleCatalogue::event_type, py::arg("id"), py::return_value_policy::reference_internal)
      .def("rule_index", &RuleCatalogue::rule_index, py::arg("id"))
      .def("rule", &RuleCatalogue::rule, py::arg("id"), py::return_value_policy::reference_internal)
      .def("chain_of", py::overload_cast<std::string_view>(&RuleCatalogue::chain_of, py::const_), py::arg("id"))
      .def("rule_ids", &RuleCatalogue::rule_ids)
      .def("unknown_rule_message", &RuleCatalogue::unknown_rule_message, py::arg("id"))
      .def("unknown_event_message", &RuleCatalogue::unknown_event_message, py::arg("id"))
      .def(py::self == py::self);
}

}  // namespace

void register_rules(py::module_& m) {
  py::module_ rules = m.def_submodule("rules", "The rule catalogue: event types, rules, their editions and sources.");
  register_rule_values(rules);
  register_rule(rules);
  register_catalogue(rules);
  rules.def("builtin_rules_json", [] { return builtin_rules_json(); });
}

}  // namespace safeguarding::python
