// The front door (_core.front_door): the input tables (CSV files read in C++, or a DataFrame's
// columns), the records prepared from them with the GIL released, and the measures as C++ tables.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "casters.hpp"
#include "findings.hpp"
#include "register.hpp"
#include "safeguarding/front_door.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace fd = front_door;

namespace {

template <std::size_t N>
std::vector<std::string> names_of(const std::array<std::string_view, N>& list) {
  return std::vector<std::string>(list.begin(), list.end());
}

template <class T>
py::array_t<T> copy_of(const std::vector<T>& v) {
  return adopt(std::vector<T>(v));
}

/// A caller's value as the text of an id or word: None, NaN, pandas' NA and NaT are missing; a
/// whole-number float is its integer ("12.0" is "12"); anything else its str(). How the text then
/// compares is C++'s (normalised_id, normalised_word).
std::optional<std::string> value_text(py::handle v) {
  if (v.is_none()) return std::nullopt;
  if (PyFloat_Check(v.ptr())) {
    const double x = PyFloat_AsDouble(v.ptr());
    if (std::isnan(x)) return std::nullopt;
    if (std::floor(x) == x && std::isfinite(x))
      return py::str(py::int_(py::reinterpret_borrow<py::object>(v))).cast<std::string>();
    return py::str(v).cast<std::string>();
  }
  if (PyLong_Check(v.ptr()) || (PyIndex_Check(v.ptr()) && !PyUnicode_Check(v.ptr())))
    return py::str(py::int_(py::reinterpret_borrow<py::object>(v))).cast<std::string>();
  const std::string type = py::str(py::type::handle_of(v).attr("__name__")).cast<std::string>();
  if (type == "NAType" || type == "NaTType") return std::nullopt;
  return py::str(v).cast<std::string>();
}

/// An input table from a caller's columns: `text` maps a column to its values (any objects),
/// `days` a date column to serial days (`nat` for none).
fd::InputTable table_from_columns(const std::string& name, std::size_t rows, const py::dict& text,
                                  const std::map<std::string, std::vector<std::int64_t>>& days) {
  fd::InputTable t;
  t.name = name;
  t.rows = rows;
  for (auto [key, values] : text) {
    auto& column = t.text[key.cast<std::string>()];
    column.reserve(rows);
    for (py::handle v : values.cast<py::iterable>()) column.push_back(value_text(v));
  }
  for (const auto& [key, values] : days) t.days[key] = values;
  return t;
}

py::object measure_table(fd::MeasureTable&& t) {
  py::dict out;
  out["period"] = t.period.empty() ? py::object(py::none()) : py::object(adopt(std::move(t.period)));
  py::list keys, counts, values;
  for (std::size_t k = 0; k < t.keys.size(); ++k)
    keys.append(py::make_tuple(t.key_names[k], adopt(std::move(t.keys[k]))));
  for (std::size_t c = 0; c < t.counts.size(); ++c)
    counts.append(py::make_tuple(t.count_names[c], adopt(std::move(t.counts[c]))));
  for (std::size_t v = 0; v < t.values.size(); ++v)
    values.append(py::make_tuple(t.value_names[v], adopt(std::move(t.values[v]))));
  out["keys"] = keys;
  out["counts"] = counts;
  out["values"] = values;
  return out;
}

py::dict contact_columns(const fd::ContactColumns& k) {
  py::dict d;
  d["use"] = copy_of(k.use);
  d["date"] = copy_of(k.date);
  d["agency"] = copy_of(k.agency);
  d["version"] = copy_of(k.version);
  d["referrer_level"] = copy_of(k.referrer_level);
  d["decided_level"] = copy_of(k.decided_level);
  d["referrer_rank"] = copy_of(k.referrer_rank);
  d["decided_rank"] = copy_of(k.decided_rank);
  d["outcome"] = copy_of(k.outcome);
  d["assessment_outcome"] = copy_of(k.assessment_outcome);
  d["decision_date"] = copy_of(k.decision_date);
  d["assessment_date"] = copy_of(k.assessment_date);
  d["referral"] = copy_of(k.referral);
  d["re_referral"] = copy_of(k.re_referral);
  d["previous_referral"] = copy_of(k.previous_referral);
  d["decision_status"] = copy_of(k.decision_status);
  d["decision_working_days"] = copy_of(k.decision_working_days);
  return d;
}

py::dict step_columns(const fd::StepColumns& t) {
  py::dict d;
  d["use"] = copy_of(t.use);
  d["contact_row"] = copy_of(t.contact_row);
  d["version"] = copy_of(t.version);
  d["from_level"] = copy_of(t.from_level);
  d["to_level"] = copy_of(t.to_level);
  d["direction"] = copy_of(t.direction);
  d["allowed"] = copy_of(t.allowed);
  d["to_early_help"] = copy_of(t.to_early_help);
  d["re_escalation"] = copy_of(t.re_escalation);
  d["re_escalation_date"] = copy_of(t.re_escalation_date);
  d["followed_up"] = copy_of(t.followed_up);
  d["date"] = copy_of(t.date);
  return d;
}

void register_input(py::module_& m) {
  py::class_<fd::InputTable>(m, "InputTable")
      .def_static("from_columns", &table_from_columns, py::arg("name"), py::arg("rows"), py::arg("text"),
                  py::arg("days"))
      .def_readonly("name", &fd::InputTable::name)
      .def_readonly("file", &fd::InputTable::file)
      .def_readonly("first_row", &fd::InputTable::first_row)
      .def_readonly("rows", &fd::InputTable::rows)
      .def_readonly("file_columns", &fd::InputTable::file_columns)
      .def_readonly("file_text", &fd::InputTable::file_text);
  m.def("read_csv", &fd::read_front_door_csv, py::arg("path"), py::arg("table"), py::arg("renames"),
        py::call_guard<py::gil_scoped_release>());
  py::class_<fd::FrontDoorInput>(m, "FrontDoorInput")
      .def(py::init<fd::InputTable, fd::InputTable>(), py::arg("contacts"), py::arg("steps"))
      .def("id_text", &fd::FrontDoorInput::id_text, py::arg("table"), py::arg("column"))
      .def_property_readonly("contacts", &fd::FrontDoorInput::contact_table,
                             py::return_value_policy::reference_internal)
      .def_property_readonly("steps", &fd::FrontDoorInput::step_table, py::return_value_policy::reference_internal);
}

void register_measures(py::class_<fd::Records>& records) {
  records
      .def(
          "tabulate",
          [](const fd::Records& r, const std::string& measure, const std::vector<std::string>& by) {
            const fd::Measure which = fd::measure_of(measure);
            const fd::Grouping g = fd::grouping_of(by, which == fd::Measure::steps);
            fd::MeasureTable t;
            {
              py::gil_scoped_release release;
              t = fd::tabulate(r, which, g);
            }
            return measure_table(std::move(t));
          },
          py::arg("measure"), py::arg("by"))
      .def(
          "confusion_matrix",
          [](const fd::Records& r, const std::string& agency, const std::string& version) {
            const fd::ConfusionMatrix c = fd::confusion_matrix(r, agency, version);
            return py::make_tuple(c.levels, c.counts);
          },
          py::arg("agency"), py::arg("version"))
      .def(
          "referral_rates",
          [](const fd::Records& r, unsigned year_start,
             const std::vector<std::pair<std::int32_t, std::int64_t>>& given) {
            std::vector<fd::Population> population;
            for (const auto& [year, children] : given) population.push_back(fd::Population{year, children});
            py::list out;
            for (const auto& x : fd::referral_rates(r, year_start, population))
              out.append(py::make_tuple(fd::year_text(x.year, year_start), x.first, x.last, x.referrals, x.children,
                                        x.rate, x.change_on_previous, x.change_since_first, x.complete));
            return out;
          },
          py::arg("year_start"), py::arg("population"));
}

void register_records(py::module_& m) {
  py::class_<fd::Records> records(m, "Records");
  records
      .def("columns",
           [](const fd::Records& r) { return py::make_tuple(contact_columns(r.contacts), step_columns(r.steps)); })
      .def("findings", [](const fd::Records& r) { return findings_dict(r.findings); })
      .def("counts",
           [](const fd::Records& r) {
             py::list out;
             for (const auto* c : {&r.contact_counts, &r.step_counts}) {
               const auto n = std::count_if(r.findings.begin(), r.findings.end(),
                                            [&](const returns::ReturnFinding& f) { return f.table == c->table; });
               out.append(py::make_tuple(c->table, c->read, c->used, c->after_as_of, c->rejected, n));
             }
             return out;
           })
      .def_readonly("sources", &fd::Records::sources)
      .def_readonly("source_names", &fd::Records::source_names)
      .def_readonly("levels", &fd::Records::levels)
      .def_property_readonly("version_ids",
                             [](const fd::Records& r) {
                               std::vector<std::string> out;
                               for (const auto& v : r.versions) out.push_back(v.id);
                               return out;
                             })
      .def_property_readonly(
          "as_of", [](const fd::Records& r) { return r.as_of == nat ? py::object(py::none()) : py::cast(r.as_of); })
      .def_readonly("decision_rule", &fd::Records::decision_rule)
      .def_readonly("decision_timescale", &fd::Records::decision_timescale);
  register_measures(records);
  m.def(
      "prepare",
      [](const Partnership& partnership, const fd::FrontDoorInput& input, const RuleCatalogue& catalogue,
         std::optional<std::int64_t> as_of, const std::string& decision_rule) {
        fd::FrontDoorOptions options;
        options.as_of = as_of;
        options.decision_rule = decision_rule;
        return fd::prepare(partnership, input, catalogue, options);
      },
      py::arg("partnership"), py::arg("input"), py::arg("catalogue"), py::arg("as_of"), py::arg("decision_rule"),
      py::call_guard<py::gil_scoped_release>());
}

}  // namespace

void register_front_door(py::module_& parent) {
  py::module_ m = parent.def_submodule("front_door", "The front door: input tables, records and measures.");
  m.attr("outcome_names") = names_of(fd::outcome_names);
  m.attr("assessment_outcome_names") = names_of(fd::assessment_outcome_names);
  m.attr("record_use_names") = names_of(fd::record_use_names);
  m.attr("measure_names") = names_of(fd::measure_names);
  m.attr("contact_columns") = names_of(fd::contact_columns);
  m.attr("step_columns") = names_of(fd::step_columns);
  m.attr("contact_date_columns") = names_of(fd::contact_date_columns);
  m.attr("step_date_columns") = names_of(fd::step_date_columns);
  register_input(m);
  register_records(m);
}

}  // namespace safeguarding::python
