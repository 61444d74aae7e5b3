// Thresholds and the front door: the built-in London continuum, and the front-door records
// prepared from the facade's columns (ids and dates as int64, text columns as codes and their
// values) with the GIL released, then tabulated by any measure without it.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "casters.hpp"
#include "findings.hpp"
#include "register.hpp"
#include "safeguarding/front_door.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

namespace fd = front_door;

template <std::size_t N>
std::vector<std::string> names_of(const std::array<std::string_view, N>& list) {
  return std::vector<std::string>(list.begin(), list.end());
}

/// Takes the columns out of a dict, keeping every converted array alive until the work is done.
class Columns {
 public:
  explicit Columns(py::dict d) : d_(std::move(d)) {}

  std::span<const std::int64_t> ints(const char* key) {
    if (!d_.contains(key) || d_[key].is_none()) return {};
    auto a = Array<std::int64_t>::ensure(d_[key]);
    if (!a) throw Error("front door: column " + quote(key) + " is not an array of whole numbers");
    keep_.push_back(a);
    return view_of(a);
  }

  fd::Codes codes(const char* key) {
    fd::Codes out;
    if (!d_.contains(key) || d_[key].is_none()) return out;
    auto pair = d_[key].cast<py::tuple>();
    auto a = Array<std::int32_t>::ensure(pair[0]);
    if (!a) throw Error("front door: column " + quote(key) + " has codes that are not whole numbers");
    keep_.push_back(a);
    out.codes = view_of(a);
    out.values = pair[1].cast<std::vector<std::string>>();
    return out;
  }

 private:
  py::dict d_;
  std::vector<py::object> keep_;
};

template <class T>
py::array_t<T> copy_of(const std::vector<T>& v) {
  return adopt(std::vector<T>(v));
}

py::dict table_dict(fd::MeasureTable&& t) {
  py::dict out;
  out["period"] = t.period.empty() ? py::object(py::none()) : py::object(adopt(std::move(t.period)));
  py::list keys, counts, values;
  for (std::size_t k = 0; k < t.keys.size(); ++k) keys.append(py::make_tuple(t.key_names[k], adopt(std::move(t.keys[k]))));
  for (std::size_t c = 0; c < t.counts.size(); ++c)
    counts.append(py::make_tuple(t.count_names[c], adopt(std::move(t.counts[c]))));
  for (std::size_t v = 0; v < t.values.size(); ++v)
    values.append(py::make_tuple(t.value_names[v], adopt(std::move(t.values[v]))));
  out["keys"] = keys;
  out["counts"] = counts;
  out["values"] = values;
  return out;
}

timeliness::SummaryPeriod period_of(const std::string& period) {
  if (period == "month") return timeliness::SummaryPeriod::month;
  if (period == "quarter") return timeliness::SummaryPeriod::quarter;
  if (period == "year") return timeliness::SummaryPeriod::year;
  if (period == "all") return timeliness::SummaryPeriod::all;
  throw Error(quote(period) + " is not a period (expected month, quarter, year or all)");
}

fd::Grouping grouping(const std::string& period, bool agency, const std::string& level, bool version) {
  fd::Grouping g;
  g.period = period_of(period);
  g.agency = agency;
  g.level = level == "decided" ? fd::LevelKey::decided : level == "referrer" ? fd::LevelKey::referrer : fd::LevelKey::none;
  g.version = version;
  return g;
}

fd::Measure measure_of(const std::string& name) {
  for (std::size_t i = 0; i < fd::measure_names.size(); ++i)
    if (fd::measure_names[i] == name) return static_cast<fd::Measure>(i);
  throw Error(quote(name) + " is not a measure");
}

}  // namespace

void register_thresholds(py::module_& m) {
  m.attr("need_kind_names") = names_of(need_kind_names);
  m.attr("outcome_names") = names_of(fd::outcome_names);
  m.attr("assessment_outcome_names") = names_of(fd::assessment_outcome_names);
  m.attr("front_door_row_uses") = names_of(fd::record_use_names);
  m.def("london_continuum_json", [] { return threshold_version_to_json(london_continuum(), true, -1); });

  py::class_<fd::Records>(m, "FrontDoorRecords")
      .def("columns",
           [](const fd::Records& r) {
             const auto& k = r.contacts;
             py::dict contacts;
             contacts["use"] = copy_of(k.use);
             contacts["date"] = copy_of(k.date);
             contacts["agency"] = copy_of(k.agency);
             contacts["version"] = copy_of(k.version);
             contacts["referrer_level"] = copy_of(k.referrer_level);
             contacts["decided_level"] = copy_of(k.decided_level);
             contacts["referrer_rank"] = copy_of(k.referrer_rank);
             contacts["decided_rank"] = copy_of(k.decided_rank);
             contacts["outcome"] = copy_of(k.outcome);
             contacts["assessment_outcome"] = copy_of(k.assessment_outcome);
             contacts["decision_date"] = copy_of(k.decision_date);
             contacts["assessment_date"] = copy_of(k.assessment_date);
             contacts["referral"] = copy_of(k.referral);
             contacts["re_referral"] = copy_of(k.re_referral);
             contacts["previous_referral"] = copy_of(k.previous_referral);
             contacts["decision_status"] = copy_of(k.decision_status);
             contacts["decision_working_days"] = copy_of(k.decision_working_days);
             const auto& t = r.steps;
             py::dict steps;
             steps["use"] = copy_of(t.use);
             steps["contact_row"] = copy_of(t.contact_row);
             steps["version"] = copy_of(t.version);
             steps["from_level"] = copy_of(t.from_level);
             steps["to_level"] = copy_of(t.to_level);
             steps["direction"] = copy_of(t.direction);
             steps["allowed"] = copy_of(t.allowed);
             steps["to_early_help"] = copy_of(t.to_early_help);
             steps["re_escalation"] = copy_of(t.re_escalation);
             steps["re_escalation_date"] = copy_of(t.re_escalation_date);
             steps["followed_up"] = copy_of(t.followed_up);
             steps["date"] = copy_of(t.date);
             return py::make_tuple(contacts, steps);
           })
      .def("findings", [](const fd::Records& r) { return findings_dict(r.findings); })
      .def("counts",
           [](const fd::Records& r) {
             py::list out;
             for (const auto* c : {&r.contact_counts, &r.step_counts})
               out.append(py::make_tuple(c->table, c->read, c->used, c->after_as_of, c->rejected));
             return out;
           })
      .def(
          "tabulate",
          [](const fd::Records& r, const std::string& measure, const std::string& period, bool agency,
             const std::string& level, bool version) {
            const fd::Grouping g = grouping(period, agency, level, version);
            const fd::Measure which = measure_of(measure);
            fd::MeasureTable t;
            {
              py::gil_scoped_release release;
              t = fd::tabulate(r, which, g);
            }
            return table_dict(std::move(t));
          },
          py::arg("measure"), py::arg("period"), py::arg("agency"), py::arg("level"), py::arg("version"))
      .def(
          "confusion",
          [](const fd::Records& r, const std::string& period, bool agency, bool version) {
            const fd::Grouping g = grouping(period, agency, "none", version);
            fd::MeasureTable t;
            {
              py::gil_scoped_release release;
              t = fd::confusion(r, g);
            }
            return table_dict(std::move(t));
          },
          py::arg("period"), py::arg("agency"), py::arg("version"))
      .def(
          "referral_rates",
          [](const fd::Records& r, unsigned year_start, const std::vector<std::pair<std::int32_t, std::int64_t>>& given) {
            std::vector<fd::Population> population;
            for (const auto& [year, children] : given) population.push_back(fd::Population{year, children});
            py::list out;
            for (const auto& x : fd::referral_rates(r, year_start, population))
              out.append(py::make_tuple(x.year, x.first, x.last, x.referrals, x.children, x.rate, x.change_on_previous,
                                        x.change_since_first, x.complete));
            return out;
          },
          py::arg("year_start"), py::arg("population"))
      .def_readonly("sources", &fd::Records::sources)
      .def_readonly("source_names", &fd::Records::source_names)
      .def_readonly("levels", &fd::Records::levels)
      .def_property_readonly("level_kinds",
                             [](const fd::Records& r) {
                               std::vector<std::string> out;
                               for (NeedKind k : r.level_kinds) out.emplace_back(need_kind_names[static_cast<std::size_t>(k)]);
                               return out;
                             })
      .def_property_readonly("versions",
                             [](const fd::Records& r) {
                               py::list out;
                               for (const auto& v : r.versions) out.append(py::make_tuple(v.id, v.title, v.from));
                               return out;
                             })
      .def_property_readonly("as_of",
                             [](const fd::Records& r) { return r.as_of == nat ? py::object(py::none()) : py::cast(r.as_of); })
      .def_readonly("decision_rule", &fd::Records::decision_rule)
      .def_readonly("decision_timescale", &fd::Records::decision_timescale);

  m.def(
      "prepare_front_door",
      [](const Partnership& partnership, const RuleCatalogue& catalogue, py::dict contacts_in, py::dict steps_in,
         std::optional<std::int64_t> as_of, const std::string& decision_rule, std::int64_t first_contact_row,
         std::int64_t first_step_row) {
        Columns c(std::move(contacts_in)), s(std::move(steps_in));
        fd::Contacts contacts{c.ints("contact"),         c.ints("child"),         c.ints("date"),
                              c.codes("agency"),         c.codes("referrer_level"), c.ints("decision_date"),
                              c.codes("decided_level"),  c.codes("outcome"),      c.ints("assessment_date"),
                              c.codes("assessment_outcome")};
        fd::Steps steps{s.ints("child"), s.ints("date"), s.ints("contact"), s.codes("from_level"), s.codes("to_level")};
        fd::FrontDoorOptions options;
        options.as_of = as_of;
        options.decision_rule = decision_rule;
        options.first_contact_row = first_contact_row;
        options.first_step_row = first_step_row;
        py::gil_scoped_release release;
        return fd::prepare(partnership, contacts, steps, catalogue, options);
      },
      py::arg("partnership"), py::arg("catalogue"), py::arg("contacts"), py::arg("steps"), py::arg("as_of"),
      py::arg("decision_rule"), py::arg("first_contact_row") = 0, py::arg("first_step_row") = 0);
}

}  // namespace safeguarding::python
