// The statutory returns: the submodule safeguarding._core.returns. A loaded return (Ssda903,
// CinCensus) stays a C++ object; its measures are C++ calls returning C++ results (TimelinessMeasure,
// Proportion, …). Columns reach numpy as read-only views of the C++ vectors (no copy), each keeping
// its owner alive. Loading and measuring run with the GIL released.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <bit>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "casters.hpp"
#include "findings.hpp"
#include "register.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/rules.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

/// A read-only numpy view of a vector owned by `owner` (a bound C++ object, kept alive by the array).
template <class T, class A>
py::array view(const std::vector<T, A>& values, py::handle owner) {
  py::array_t<T> a({static_cast<py::ssize_t>(values.size())}, {static_cast<py::ssize_t>(sizeof(T))}, values.data(),
                   owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return std::move(a);
}

/// A dictionary's values as a numpy array of Python strings (dtype object), which pandas takes as
/// its categories' Index as it is: a list of them took a second array of as many pointers beside
/// the one pandas made of it.
py::array object_array(const std::vector<std::string>& values) {
  // numpy.empty fills an object array with None, each slot a reference of its own.
  auto out = py::module_::import("numpy").attr("empty")(values.size(), "object").cast<py::array>();
  auto** slots = static_cast<PyObject**>(out.mutable_data());
  for (std::size_t i = 0; i < values.size(); ++i) {
    py::str text(values[i]);
    Py_XDECREF(slots[i]);
    slots[i] = text.release().ptr();
  }
  return out;
}

/// A table's columns: (name, type, payload) with dictionary codes and their values for strings.
py::dict table_dict(const returns::Table& t, py::handle owner,
                    std::map<const returns::Dictionary*, py::object>& shared) {
  py::list columns;
  for (const auto& c : t.columns) {
    py::object payload;
    if (c.is_string()) {
      // Tables share the id dictionary: its array of strings is made once.
      auto it = shared.find(c.dictionary.get());
      if (it == shared.end()) it = shared.emplace(c.dictionary.get(), object_array(c.dictionary->values())).first;
      payload = py::make_tuple(view(c.codes, owner), it->second);
    } else if (c.is_number()) {
      payload = view(c.numbers, owner);
    } else {
      payload = view(c.flags, owner);
    }
    columns.append(py::make_tuple(c.name, std::string(returns::column_type_name(c.type)), payload));
  }
  py::dict table;
  table["columns"] = columns;
  table["file"] = view(t.file, owner);
  table["row"] = view(t.row, owner);
  return table;
}

py::dict tables_dict(const returns::Dataset& data, py::handle owner) {
  py::dict tables;
  std::map<const returns::Dictionary*, py::object> shared;
  for (const auto& t : data.tables) tables[py::str(t.name)] = table_dict(t, owner, shared);
  return tables;
}

using CountTuple = std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t, std::int64_t>;

std::vector<CountTuple> counts_of(const returns::Dataset& data) {
  std::vector<CountTuple> out;
  for (const auto& c : data.counts) out.emplace_back(c.table, c.read, c.used, c.rejected, c.merged);
  return out;
}

/// What every bound loaded return offers: its tables, files, row counts and findings.
template <class Loaded, class Class>
void dataset_methods(Class& cls, returns::Dataset Loaded::*data) {
  cls.def("tables", [data](py::object self) { return tables_dict(self.cast<const Loaded&>().*data, self); })
      .def_property_readonly("files", [data](const Loaded& l) { return (l.*data).files; })
      .def("counts", [data](const Loaded& l) { return counts_of(l.*data); })
      .def("findings_per_table", [data](const Loaded& l) { return (l.*data).findings_per_table(); })
      .def("finding_count", [data](const Loaded& l) { return (l.*data).findings.size(); })
      .def("findings", [data](const Loaded& l) { return findings_dict((l.*data).findings); })
      .def("summary_text", [data](const Loaded& l) { return (l.*data).summary_text(); });
}

template <class F>
auto without_gil(F&& f) {
  py::gil_scoped_release release;
  return f();
}

py::dict instances_dict(const returns::TimelinessMeasure& r, py::handle owner) {
  const auto& in = r.instances;
  const auto& e = in.engine;
  py::dict d;
  d["case"] = view(e.case_id, owner);
  d["rule"] = view(e.rule, owner);
  d["sequence"] = view(e.sequence, owner);
  d["citation"] = view(in.citation, owner);
  d["start"] = view(e.start, owner);
  d["due"] = view(e.due, owner);
  d["completed"] = view(e.completed, owner);
  d["status"] = view(e.status, owner);
  d["late_working_days"] = view(e.late_working_days, owner);
  d["late_days"] = view(e.late_days, owner);
  d["duration_working_days"] = view(e.duration_working_days, owner);
  d["duration_days"] = view(e.duration_days, owner);
  d["band"] = view(e.band, owner);
  d["start_row"] = view(e.start_row, owner);
  d["stop_row"] = view(e.stop_row, owner);
  d["child"] = view(in.child, owner);
  d["start_table"] = view(in.start_table, owner);
  d["start_file"] = view(in.start_file, owner);
  d["start_file_row"] = view(in.start_file_row, owner);
  d["stop_table"] = view(in.stop_table, owner);
  d["stop_file"] = view(in.stop_file, owner);
  d["stop_file_row"] = view(in.stop_file_row, owner);
  return d;
}

py::dict not_judged_dict(const returns::TimelinessMeasure& r, py::handle owner) {
  const auto& n = r.not_judged;
  py::dict d;
  d["table"] = view(n.table, owner);
  d["position"] = view(n.position, owner);
  d["file"] = view(n.file, owner);
  d["row"] = view(n.row, owner);
  d["child"] = view(n.child, owner);
  d["reason"] = view(n.reason, owner);
  return d;
}

py::dict by_month_dict(const returns::TimelinessMeasure& r, py::handle owner) {
  const auto& m = r.months();
  py::dict d;
  d["month"] = view(m.month, owner);
  d["held"] = view(m.held, owner);
  d["in_timescale"] = view(m.in_timescale, owner);
  d["out_of_timescale"] = view(m.out_of_timescale, owner);
  d["percent_in_timescale"] = view(m.percent_in_timescale, owner);
  d["not_judged"] = view(m.not_judged, owner);
  return d;
}

/// The engine's account of the events: the events, each row's use and the findings.
py::dict data_quality_dict(const returns::TimelinessMeasure& r, py::handle owner) {
  py::dict d;
  d["case"] = view(r.events.case_id, owner);
  d["event"] = view(r.events.event, owner);
  d["date"] = view(r.events.time, owner);
  d["row_use"] = view(r.row_use, owner);
  d["finding_row"] = view(r.findings.row, owner);
  d["finding_kind"] = view(r.findings.kind, owner);
  d["finding_rule"] = view(r.findings.rule, owner);
  d["finding_related_row"] = view(r.findings.related_row, owner);
  d["finding_message"] = r.finding_messages;
  d["finding_where"] = r.finding_where;
  std::vector<std::int64_t> counts(timeliness::event_row_use_names.size(), 0);
  for (const auto u : r.row_use) ++counts[u];
  d["row_counts"] = counts;
  return d;
}

using CitationTuple = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;

std::vector<CitationTuple> citations_of(const std::vector<returns::RuleCitation>& list) {
  std::vector<CitationTuple> out;
  for (const auto& c : list)
    out.emplace_back(c.rule, c.edition, c.timescale, c.source, std::string(confidence_name(c.confidence)), c.text());
  return out;
}

// ---- pickling the measures' results -------------------------------------------------------------

py::tuple figure_state(const returns::TimelinessFigure& f) {
  return py::make_tuple(f.measure, f.year.ending(), f.rule, f.rules, f.source, f.computable, f.not_computable, f.done,
                        f.in_timescale, f.out_of_timescale, f.overdue, f.missed, f.not_judged);
}

returns::TimelinessFigure figure_from_state(const py::tuple& t) {
  if (t.size() != 13) throw Error("a pickled TimelinessFigure has 13 fields; this one has " + std::to_string(t.size()));
  returns::TimelinessFigure f{t[0].cast<std::string>(), returns::ReportingYear(t[1].cast<int>()),
                              t[2].cast<std::string>(), t[3].cast<std::vector<std::string>>(),
                              t[4].cast<std::string>()};
  f.computable = t[5].cast<bool>();
  f.not_computable = t[6].cast<std::string>();
  f.done = t[7].cast<std::int64_t>(), f.in_timescale = t[8].cast<std::int64_t>();
  f.out_of_timescale = t[9].cast<std::int64_t>(), f.overdue = t[10].cast<std::int64_t>();
  f.missed = t[11].cast<std::int64_t>(), f.not_judged = t[12].cast<std::int64_t>();
  return f;
}

/// A TimelinessMeasure's pickle: a dict of its fields, each column as the bytes of its values (this
/// machine's byte order, which the dict names: a pickle is read back where numbers are laid out alike).
class MeasureState {
 public:
  explicit MeasureState(py::dict d) : d_(std::move(d)) {}

  template <class T, class A>
  void put(const char* key, const std::vector<T, A>& column) {
    if constexpr (std::is_same_v<T, std::string>) {
      d_[key] = std::vector<std::string>(column.begin(), column.end());
    } else {
      d_[key] = py::bytes(reinterpret_cast<const char*>(column.data()), column.size() * sizeof(T));
    }
  }
  template <class T, class A>
  void get(const char* key, std::vector<T, A>& column) const {
    if (!d_.contains(key)) throw Error(std::string("a pickled TimelinessMeasure has no '") + key + "'");
    if constexpr (std::is_same_v<T, std::string>) {
      const auto values = d_[key].template cast<std::vector<std::string>>();
      column.assign(values.begin(), values.end());
    } else {
      const auto bytes = d_[key].template cast<std::string>();
      if (bytes.size() % sizeof(T) != 0)
        throw Error(std::string("a pickled TimelinessMeasure's '") + key + "' is not a whole number of values");
      column.resize(bytes.size() / sizeof(T));
      if (!bytes.empty()) std::memcpy(column.data(), bytes.data(), bytes.size());
    }
  }
  template <class T>
  T value(const char* key) const {
    if (!d_.contains(key)) throw Error(std::string("a pickled TimelinessMeasure has no '") + key + "'");
    return d_[key].template cast<T>();
  }
  py::dict& dict() { return d_; }

 private:
  py::dict d_;
};

constexpr int measure_pickle_version = 1;

// Every field of the measure and of the parts it holds, in one list, read and written alike.
template <class State, class Measure>
void measure_columns(State& s, Measure& m, bool writing) {
  auto col = [&](const char* key, auto& column) {
    if (writing)
      s.put(key, column);
    else
      s.get(key, column);
  };
  col("spec.held", m.spec.held), col("spec.needs", m.spec.needs);
  col("tables", m.tables), col("files", m.files);
  auto& e = m.instances.engine;
  col("engine.rule", e.rule), col("engine.edition", e.edition), col("engine.case_id", e.case_id);
  col("engine.sequence", e.sequence), col("engine.start_row", e.start_row), col("engine.stop_row", e.stop_row);
  col("engine.start", e.start), col("engine.due", e.due), col("engine.completed", e.completed);
  col("engine.due_time", e.due_time), col("engine.status", e.status);
  col("engine.late_working_days", e.late_working_days), col("engine.late_days", e.late_days);
  col("engine.duration_working_days", e.duration_working_days), col("engine.duration_days", e.duration_days);
  col("engine.band", e.band);
  auto& t = m.instances;
  col("instances.citation", t.citation), col("instances.child", t.child);
  col("instances.start_table", t.start_table), col("instances.start_file", t.start_file);
  col("instances.start_file_row", t.start_file_row), col("instances.stop_table", t.stop_table);
  col("instances.stop_file", t.stop_file), col("instances.stop_file_row", t.stop_file_row);
  auto& n = m.not_judged;
  col("not_judged.table", n.table), col("not_judged.position", n.position), col("not_judged.file", n.file);
  col("not_judged.row", n.row), col("not_judged.child", n.child), col("not_judged.reason", n.reason);
  auto& b = m.by_month;
  col("by_month.month", b.month), col("by_month.held", b.held), col("by_month.in_timescale", b.in_timescale);
  col("by_month.out_of_timescale", b.out_of_timescale), col("by_month.not_judged", b.not_judged);
  col("by_month.percent_in_timescale", b.percent_in_timescale);
  auto& ev = m.events;
  col("events.sources", ev.sources), col("events.case_id", ev.case_id), col("events.event", ev.event);
  col("events.time", ev.time), col("events.source", ev.source), col("events.source_row", ev.source_row);
  col("events.left_source", ev.left_source), col("events.left_row", ev.left_row);
  col("events.left_reason", ev.left_reason);
  col("row_use", m.row_use);
  col("findings.row", m.findings.row), col("findings.kind", m.findings.kind), col("findings.rule", m.findings.rule);
  col("findings.related_row", m.findings.related_row);
  col("finding_messages", m.finding_messages), col("finding_where", m.finding_where);
}

py::dict measure_state(const returns::TimelinessMeasure& m) {
  MeasureState s{py::dict()};
  auto& d = s.dict();
  d["version"] = measure_pickle_version;
  d["little_endian"] = std::endian::native == std::endian::little;
  d["spec.measure"] = m.spec.measure, d["spec.rule"] = m.spec.rule, d["spec.id_column"] = m.spec.id_column;
  d["spec.case_is_child"] = m.spec.case_is_child, d["spec.not_supplied"] = m.spec.not_supplied;
  d["year"] = m.year.ending(), d["as_of"] = m.as_of, d["calendar"] = m.calendar;
  py::list citations;
  for (const auto& c : m.citations)
    citations.append(py::make_tuple(c.rule, c.edition, c.timescale, c.source, static_cast<int>(c.confidence)));
  d["citations"] = citations;
  d["figure"] = figure_state(m.figure);
  d["engine.dates_in_seconds"] = m.instances.engine.dates_in_seconds;
  measure_columns(s, const_cast<returns::TimelinessMeasure&>(m), true);
  return d;
}

returns::TimelinessMeasure measure_from_state(const py::dict& d) {
  MeasureState s{d};
  if (!d.contains("version") || s.value<int>("version") != measure_pickle_version)
    throw Error("cannot read a pickled TimelinessMeasure of another version (this release reads version " +
                std::to_string(measure_pickle_version) + ")");
  if (s.value<bool>("little_endian") != (std::endian::native == std::endian::little))
    throw Error("cannot read a pickled TimelinessMeasure written on a machine of the other byte order");
  // Every member given (a ReportingYear has no default); the columns are read below.
  returns::TimelinessMeasure m{{}, returns::ReportingYear(s.value<int>("year")),    nat, {}, {}, {}, {}, {},
                               {}, figure_from_state(s.value<py::tuple>("figure")), {},  {}, {}, {}, {}, {}};
  m.spec.measure = s.value<std::string>("spec.measure"), m.spec.rule = s.value<std::string>("spec.rule");
  m.spec.id_column = s.value<std::string>("spec.id_column"), m.spec.case_is_child = s.value<bool>("spec.case_is_child");
  m.spec.not_supplied = s.value<std::string>("spec.not_supplied");
  m.as_of = s.value<std::int64_t>("as_of"), m.calendar = s.value<std::string>("calendar");
  for (const auto& c :
       s.value<std::vector<std::tuple<std::string, std::string, std::string, std::string, int>>>("citations")) {
    const auto confidence = std::get<4>(c);
    if (confidence < 0 || confidence > static_cast<int>(Confidence::check))
      throw Error("a pickled TimelinessMeasure has a citation of unknown confidence " + std::to_string(confidence));
    m.citations.push_back(returns::RuleCitation{std::get<0>(c), std::get<1>(c), std::get<2>(c), std::get<3>(c),
                                                static_cast<Confidence>(confidence)});
  }
  m.instances.engine.dates_in_seconds = s.value<bool>("engine.dates_in_seconds");
  measure_columns(s, m, false);
  return m;
}

void register_results(py::module_& r) {
  py::class_<returns::ReportingYear>(r, "ReportingYear")
      .def(py::init<int>(), py::arg("ending"))
      .def_static("parse", &returns::ReportingYear::parse, py::arg("text"))
      .def_static(
          "ending_of", [](const Date& day) { return returns::ReportingYear::ending_of(to_days(day)); }, py::arg("day"))
      .def_static(
          "quarter_of", [](const Date& day) { return returns::ReportingYear::quarter_of(to_days(day)); },
          py::arg("day"))
      .def_property_readonly("ending", &returns::ReportingYear::ending)
      .def_property_readonly("start", &returns::ReportingYear::start)
      .def_property_readonly("end", &returns::ReportingYear::end)
      .def_property_readonly("label", &returns::ReportingYear::label)
      .def("__eq__", [](const returns::ReportingYear& a, const returns::ReportingYear& b) { return a == b; })
      .def("__hash__", [](const returns::ReportingYear& y) { return py::hash(py::int_(y.ending())); });
  py::class_<returns::Proportion>(r, "Proportion")
      .def(py::init([](std::int64_t count, std::int64_t total, std::string measure) {
             return returns::Proportion{std::move(measure), count, total};
           }),
           py::arg("count"), py::arg("total"), py::arg("measure") = "")
      .def_readonly("count", &returns::Proportion::count)
      .def_readonly("total", &returns::Proportion::total)
      .def_readonly("measure", &returns::Proportion::measure)
      .def_property_readonly("share", &returns::Proportion::share)
      .def_property_readonly("source", [](const returns::Proportion& p) { return std::string(p.source()); })
      .def("__str__", &returns::Proportion::str);
  py::class_<returns::TimelinessFigure>(r, "TimelinessFigure")
      .def_readonly("measure", &returns::TimelinessFigure::measure)
      .def_readonly("year", &returns::TimelinessFigure::year)
      .def_readonly("rule", &returns::TimelinessFigure::rule)
      .def_readonly("rules", &returns::TimelinessFigure::rules)
      .def_readonly("source", &returns::TimelinessFigure::source)
      .def_readonly("done", &returns::TimelinessFigure::done)
      .def_readonly("in_timescale", &returns::TimelinessFigure::in_timescale)
      .def_readonly("out_of_timescale", &returns::TimelinessFigure::out_of_timescale)
      .def_readonly("overdue", &returns::TimelinessFigure::overdue)
      .def_readonly("missed", &returns::TimelinessFigure::missed)
      .def_readonly("not_judged", &returns::TimelinessFigure::not_judged)
      .def_readonly("computable", &returns::TimelinessFigure::computable)
      .def_readonly("not_computable", &returns::TimelinessFigure::not_computable)
      .def_property_readonly("share", &returns::TimelinessFigure::share)
      .def("__str__", &returns::TimelinessFigure::str)
      // Pickled as its fields, the year as the year it ends in (a figure is a value: no reference
      // to the return or the catalogue it was formed from).
      .def(py::pickle(&figure_state, &figure_from_state));
  py::class_<returns::TimelinessMeasure>(r, "TimelinessMeasure")
      .def_property_readonly("measure", [](const returns::TimelinessMeasure& t) { return t.spec.measure; })
      .def_property_readonly("rule", [](const returns::TimelinessMeasure& t) { return t.spec.rule; })
      .def_property_readonly("case_is_child", [](const returns::TimelinessMeasure& t) { return t.spec.case_is_child; })
      .def_readonly("year", &returns::TimelinessMeasure::year)
      .def_property_readonly("as_of", [](const returns::TimelinessMeasure& t) { return from_days(t.as_of); })
      .def_readonly("calendar", &returns::TimelinessMeasure::calendar)
      .def_readonly("tables", &returns::TimelinessMeasure::tables)
      .def_readonly("files", &returns::TimelinessMeasure::files)
      .def_readonly("figure", &returns::TimelinessMeasure::figure)
      .def_property_readonly("citations", [](const returns::TimelinessMeasure& t) { return citations_of(t.citations); })
      .def("instances",
           [](py::object self) { return instances_dict(self.cast<const returns::TimelinessMeasure&>(), self); })
      .def("not_judged",
           [](py::object self) { return not_judged_dict(self.cast<const returns::TimelinessMeasure&>(), self); })
      .def("by_month",
           [](py::object self) { return by_month_dict(self.cast<const returns::TimelinessMeasure&>(), self); })
      .def("data_quality",
           [](py::object self) { return data_quality_dict(self.cast<const returns::TimelinessMeasure&>(), self); })
      // Pickled as every field, each column as the bytes of its values: the measure comes back with
      // the same figure, instances, rows not judged, monthly table and data quality.
      .def(py::pickle(&measure_state, &measure_from_state));
}

using I64 = Array<std::int64_t>;
using ReturnTuple = std::tuple<int, std::string, std::vector<std::filesystem::path>>;

/// A loaded return as Python sees it: its year, how the year was found, its files and the tables
/// it supplied (Return::tables).
using LoadedReturnTuple = std::tuple<int, std::string, std::vector<std::filesystem::path>, std::vector<std::string>>;

std::vector<LoadedReturnTuple> return_tuples(const std::vector<returns::ssda903::Return>& list) {
  std::vector<LoadedReturnTuple> out;
  for (const auto& r : list) out.emplace_back(r.year, r.year_from, r.files, r.tables);
  return out;
}

/// Loading: one or more years' returns, or a region's.
void ssda903_loaders(py::class_<returns::ssda903::Ssda903>& cls) {
  namespace s = returns::ssda903;
  cls.def_static(
         "load",
         [](const std::vector<ReturnTuple>& given, bool dayfirst, std::optional<Date> today) {
           std::vector<s::Return> list;
           for (const auto& [year, source, files] : given) list.push_back(s::Return{year, source, files, {}});
           returns::ReadOptions options{dayfirst, today ? to_days(*today) : nat};
           return without_gil([&] { return s::load(std::move(list), options); });
         },
         py::arg("returns"), py::arg("dayfirst") = true, py::arg("today") = py::none())
      .def_static(
          "load_regional",
          [](const std::vector<std::filesystem::path>& paths, bool dayfirst, std::optional<Date> today) {
            returns::ReadOptions options{dayfirst, today ? to_days(*today) : nat};
            s::Regional regional = without_gil([&] { return s::load_regional(paths, options); });
            std::vector<std::pair<std::string, s::Ssda903>> out;
            for (std::size_t i = 0; i < regional.authorities.size(); ++i)
              out.emplace_back(regional.authorities[i], std::move(regional.returns[i]));
            return out;
          },
          py::arg("paths"), py::arg("dayfirst") = true, py::arg("today") = py::none())
      .def_property_readonly("returns", [](const s::Ssda903& l) { return return_tuples(l.returns); });
}

/// The measures of a loaded return.
void ssda903_measures(py::class_<returns::ssda903::Ssda903>& cls) {
  namespace s = returns::ssda903;
  using returns::ReportingYear;
  cls.def("periods_of_care",
          [](py::object self) {
            auto p = std::make_shared<s::PeriodsOfCare>(
                s::periods_of_care(self.cast<const s::Ssda903&>().data.table("episodes")));
            py::object owner = py::capsule(new std::shared_ptr<s::PeriodsOfCare>(p),
                                           [](void* x) { delete static_cast<std::shared_ptr<s::PeriodsOfCare>*>(x); });
            py::dict d;
            d["child"] = view(p->child, owner), d["start"] = view(p->start, owner), d["end"] = view(p->end, owner);
            d["first_episode"] = view(p->first_episode, owner), d["start_known"] = view(p->start_known, owner);
            d["period_of"] = view(p->period_of, owner);
            return d;
          })
      .def("review_timeliness",
           [](const s::Ssda903& l, const ReportingYear& year, const RuleCatalogue& rules, const Calendar& cal) {
             return without_gil([&] { return s::review_timeliness(l, year, rules, cal); });
           })
      .def("return_home_interviews",
           [](const s::Ssda903& l, const ReportingYear& year, const I64& child, const I64& day,
              const RuleCatalogue& rules, const Calendar& cal) {
             const auto c = view_of(child), d = view_of(day);
             return without_gil([&] { return s::return_home_interviews(l, year, c, d, rules, cal); });
           })
      .def("participation",
           [](const s::Ssda903& l, const ReportingYear& y) {
             const auto c = s::participation(l, y);
             return std::make_tuple(c.codes, c.counts, c.shares());
           })
      .def("reasons_ceased",
           [](const s::Ssda903& l, const ReportingYear& y) {
             const auto c = s::reasons_ceased(l, y);
             return std::make_tuple(c.codes, c.counts);
           })
      .def("looked_after_on",
           [](const s::Ssda903& l, const Date& day, bool short_breaks) {
             return s::looked_after_on(l, to_days(day), short_breaks).episodes;
           })
      .def("looked_after_at_31_march", &s::looked_after_at_31_march)
      .def("placements",
           [](const s::Ssda903& l, const ReportingYear& y, bool short_breaks) {
             const auto p = s::placements(l, y, short_breaks);
             std::vector<std::string> child;
             const auto& ids = *l.data.table("episodes").column("CHILD").dictionary;
             for (const auto c : p.child) child.push_back(ids[c]);
             return std::make_tuple(child, p.placements, p.looked_after_at_31_march, p.counts());
           })
      .def("three_or_more_placements", &s::three_or_more_placements)
      .def("missing_episodes", [](const s::Ssda903& l, const ReportingYear& y) {
        const auto m = s::missing_episodes(l, y);
        return std::make_tuple(m.kind, m.episodes, m.children, m.still_open, m.median_days);
      });
}

void register_ssda903(py::module_& r) {
  namespace s = returns::ssda903;
  r.def(
      "group_ssda903_files",
      [](const std::vector<std::filesystem::path>& paths) {
        // The groups as load takes them (year, how, files): no tables until loaded.
        std::vector<ReturnTuple> out;
        for (const auto& r : s::group_files(paths)) out.emplace_back(r.year, r.year_from, r.files);
        return out;
      },
      py::arg("paths"));
  py::class_<s::Ssda903> cls(r, "Ssda903");
  ssda903_loaders(cls);
  ssda903_measures(cls);
  dataset_methods<s::Ssda903>(cls, &s::Ssda903::data);
}

void register_cin_census(py::module_& r) {
  namespace c = returns::cin_census;
  using returns::ReportingYear;
  using Measure =
      returns::TimelinessMeasure (*)(const c::CinCensus&, ReportingYear, const RuleCatalogue&, const Calendar&);
  const auto timeliness = [](Measure measure) {
    return [measure](const c::CinCensus& census, const ReportingYear& year, const RuleCatalogue& rules,
                     const Calendar& cal) { return without_gil([&] { return measure(census, year, rules, cal); }); };
  };
  py::class_<c::CinCensus> cls(r, "CinCensus");
  cls.def_static(
         "load",
         [](const std::filesystem::path& path, bool dayfirst) {
           returns::ReadOptions options;
           options.dayfirst = dayfirst;
           return without_gil([&] { return c::load(path, options); });
         },
         py::arg("path"), py::arg("dayfirst") = true)
      .def_readonly("collection", &c::CinCensus::collection)
      .def_readonly("year", &c::CinCensus::year)
      .def_property_readonly("reference_date",
                             [](const c::CinCensus& x) -> std::optional<Date> {
                               if (x.reference_date == nat) return std::nullopt;
                               return from_days(x.reference_date);
                             })
      .def("assessment_timeliness", timeliness(&c::assessment_timeliness))
      .def("initial_conference_timeliness", timeliness(&c::initial_conference_timeliness))
      .def("review_conference_timeliness", timeliness(&c::review_conference_timeliness))
      .def("referrals",
           [](const c::CinCensus& x, const ReportingYear& y) {
             const auto f = c::referrals(x, y);
             return std::make_tuple(f.rows, f.re_referral, f.nfa);
           })
      .def("re_referrals", &c::re_referrals)
      .def("nfa_referrals", &c::nfa_referrals)
      .def("plans_lasting_two_years_or_more", &c::plans_lasting_two_years_or_more)
      .def("second_or_later_plans", &c::second_or_later_plans);
  dataset_methods<c::CinCensus>(cls, &c::CinCensus::data);
}

void register_annex_a(py::module_& r) {
  namespace a = returns::annex_a;
  using CheckTuple = std::tuple<int, std::string, std::string, std::string, std::string, std::string>;
  std::vector<CheckTuple> checks;
  for (const auto& c : a::checks())
    checks.emplace_back(c.list, std::string(c.name), std::string(c.column), std::string(c.rule), std::string(c.closing),
                        std::string(c.start));
  r.attr("annex_a_checks") = checks;
  r.def(
      "annex_a_choose_list_date",
      [](const std::vector<std::vector<std::int64_t>>& columns, const Date& today) {
        const a::ListDate chosen = a::choose_list_date(columns, to_days(today));
        std::optional<Date> day;
        if (chosen.day != nat) day = from_days(chosen.day);
        return std::make_tuple(day, chosen.reason, chosen.excluded, chosen.why);
      },
      py::arg("columns"), py::arg("today"));
  r.def(
      "annex_a_read_text_dates",
      [](const std::vector<std::string>& texts, bool dayfirst) {
        a::TextDates t = a::read_text_dates(texts, dayfirst);
        return std::make_tuple(std::move(t.days), std::move(t.problems), std::move(t.day_first),
                               std::move(t.month_first));
      },
      py::arg("texts"), py::arg("dayfirst") = true);
  r.def(
      "nearest_names",
      [](const std::string& name, const std::vector<std::string>& known) {
        return support::nearest_names(name, known);
      },
      py::arg("name"), py::arg("known"));
  r.def("annex_a_list_date", [](const std::vector<std::vector<std::int64_t>>& columns) -> std::optional<Date> {
    const std::int64_t day = a::list_date(columns);
    if (day == nat) return std::nullopt;
    return from_days(day);
  });
  r.def(
      "annex_a_judge",
      [](std::size_t check, const I64& last, const I64& started, const I64& ended, const I64& born, const Date& as_of,
         const RuleCatalogue& rules, const Calendar& cal) {
        if (check >= a::checks().size()) throw Error("Annex A: no check " + std::to_string(check));
        a::CheckColumns columns;
        const auto copy = [](const I64& from) {
          return std::vector<std::int64_t>(from.data(), from.data() + from.size());
        };
        columns.last = copy(last), columns.started = copy(started), columns.ended = copy(ended),
        columns.born = copy(born);
        const a::CheckResult result =
            without_gil([&] { return a::judge(a::checks()[check], columns, to_days(as_of), rules, cal); });
        std::vector<std::string> status, source, confidence;
        for (std::size_t i = 0; i < result.children(); ++i) {
          status.emplace_back(a::status_name(result.status[i]));
          const bool cited = result.citation[i] >= 0;
          const auto& c =
              cited ? result.citations[static_cast<std::size_t>(result.citation[i])] : returns::RuleCitation{};
          source.push_back(cited ? c.text() : "");
          confidence.push_back(cited ? std::string(confidence_name(c.confidence)) : "");
        }
        py::dict d;
        d["rule"] = result.rule;
        d["due"] = adopt(std::vector<std::int64_t>(result.due));
        d["status"] = status;
        d["overdue_days"] = adopt(std::vector<double>(result.overdue_days));
        d["overdue_working_days"] = adopt(std::vector<double>(result.overdue_working_days));
        d["source"] = source;
        d["confidence"] = confidence;
        d["summary"] = py::make_tuple(result.children(), result.judged(), result.overdue(), result.percent_overdue(),
                                      result.rules_text(), result.sources_text());
        return d;
      },
      py::arg("check"), py::arg("last"), py::arg("started"), py::arg("ended"), py::arg("born"), py::arg("as_of"),
      py::arg("rules"), py::arg("calendar"));
}

// The returns report's JSON, written once in C++ (returns/report_json.hpp): the command's parts are
// the browser page's bytes.
void register_report_json(py::module_& r) {
  namespace s = returns::ssda903;
  namespace c = returns::cin_census;
  using returns::ReportingYear;
  using returns::ReportYear;
  r.def(
      "ssda903_report_year",
      [](const s::Ssda903& loaded, const std::optional<ReportingYear>& given) {
        ReportYear y = returns::report_year(loaded, given);
        return std::make_tuple(y.year, std::move(y.why));
      },
      py::arg("loaded"), py::arg("given"));
  r.def(
      "cin_census_report_year",
      [](const c::CinCensus& census, const std::optional<ReportingYear>& given) {
        ReportYear y = returns::report_year(census, given);
        return std::make_tuple(y.year, std::move(y.why));
      },
      py::arg("census"), py::arg("given"));
  r.def(
      "ssda903_report_json",
      [](const s::Ssda903& loaded, const ReportingYear& year, const std::string& why, const RuleCatalogue& rules,
         const Calendar& cal) {
        return without_gil([&] { return returns::ssda903_report_json(loaded, ReportYear{year, why}, rules, cal); });
      },
      py::arg("loaded"), py::arg("year"), py::arg("year_from"), py::arg("rules"), py::arg("calendar"));
  r.def(
      "cin_census_report_json",
      [](const c::CinCensus& census, const std::string& file, const ReportingYear& year, const std::string& why,
         const RuleCatalogue& rules, const Calendar& cal) {
        return without_gil([&] {
          return returns::cin_census_report_json(census, file, ReportYear{year, why}, rules, cal);
        });
      },
      py::arg("census"), py::arg("file"), py::arg("year"), py::arg("year_from"), py::arg("rules"), py::arg("calendar"));
  r.def(
      "report_json",
      [](const std::vector<std::string>& parts, const Date& as_of, const std::string& calendar,
         std::optional<double> target, const std::vector<std::pair<std::string, std::string>>& files_not_read) {
        return returns::report_json(parts, to_days(as_of), calendar, target, files_not_read);
      },
      py::arg("parts"), py::arg("as_of"), py::arg("calendar"), py::arg("target"), py::arg("files_not_read"));
}

}  // namespace

void register_returns(py::module_& m) {
  py::module_ r = m.def_submodule("returns", "The statutory returns: loaded returns and their measures (C++).");
  {
    std::vector<std::pair<std::string, std::string>> reasons;
    for (std::size_t i = 0; i < returns::left_out_names.size(); ++i)
      reasons.emplace_back(std::string(returns::left_out_names[i]),
                           std::string(returns::left_out_description(static_cast<returns::LeftOut>(i))));
    r.attr("left_out_reasons") = reasons;
    std::vector<std::string> not_judged;
    for (std::size_t i = 0; i < returns::not_judged_reason_count; ++i)
      not_judged.emplace_back(returns::not_judged_reason_name(static_cast<std::uint8_t>(i)));
    r.attr("not_judged_reasons") = not_judged;
    std::vector<std::pair<std::string, std::string>> measures;
    for (const auto& c : returns::counting_measures()) measures.emplace_back(std::string(c.id), std::string(c.source));
    r.attr("counting_measures") = measures;
    const auto names = [](const auto& tables) {
      std::vector<std::string> out;
      for (const auto& t : tables) out.emplace_back(t.name);
      return out;
    };
    r.attr("ssda903_tables") = names(returns::ssda903::tables);
    r.attr("cin_census_tables") = names(returns::cin_census::tables);
    r.attr("short_break_statuses") = std::vector<std::string>(std::begin(returns::ssda903::short_break_statuses),
                                                              std::end(returns::ssda903::short_break_statuses));
  }
  r.def(
      "summary_text",
      [](const std::vector<CountTuple>& counts, const std::vector<std::int64_t>& findings, std::int64_t outside) {
        std::vector<returns::TableRowCounts> list;
        for (const auto& [table, read, used, rejected, merged] : counts)
          list.push_back(returns::TableRowCounts{table, read, used, rejected, merged});
        return returns::summary_text(list, findings, outside);
      },
      py::arg("counts"), py::arg("findings"), py::arg("findings_outside_tables"));
  register_results(r);
  register_ssda903(r);
  register_cin_census(r);
  register_annex_a(r);
  register_report_json(r);
}

}  // namespace safeguarding::python
