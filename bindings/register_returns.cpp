// The statutory returns' readers. Loading runs with the GIL released; the columns then move into
// numpy arrays without a copy (dictionary codes plus their categories for strings, serial days for
// dates), which the facade turns into pandas DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "findings.hpp"
#include "register.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/rules.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

const char* type_name(returns::ColumnType t) {
  switch (t) {
    case returns::ColumnType::id: return "id";
    case returns::ColumnType::code: return "code";
    case returns::ColumnType::text: return "text";
    case returns::ColumnType::date: return "date";
    case returns::ColumnType::integer: return "integer";
    case returns::ColumnType::flag: return "flag";
  }
  return "?";
}

py::dict tables_dict(returns::Dataset& data) {
  py::dict tables;
  // Tables share the id dictionary: its Python list is made once.
  std::vector<std::pair<const returns::Dictionary*, py::object>> categories;
  auto categories_of = [&](const returns::Dictionary& d) -> py::object {
    for (const auto& [dict, list] : categories)
      if (dict == &d) return list;
    categories.emplace_back(&d, py::cast(d.values()));
    return categories.back().second;
  };
  for (auto& t : data.tables) {
    py::list columns;
    for (auto& c : t.columns) {
      py::object payload;
      if (c.is_string()) {
        payload = py::make_tuple(adopt(std::move(c.codes)), categories_of(*c.dictionary));
      } else if (c.is_number()) {
        payload = adopt(std::move(c.numbers));
      } else {
        payload = adopt(std::move(c.flags));
      }
      columns.append(py::make_tuple(c.name, type_name(c.type), payload));
    }
    py::dict table;
    table["columns"] = columns;
    table["file"] = adopt(std::move(t.file));
    table["row"] = adopt(std::move(t.row));
    tables[py::str(t.name)] = table;
  }
  return tables;
}

/// A load's findings, kept in C++ until Python asks for them: a national-scale load of several
/// years' returns has hundreds of thousands (each duplicate row merged across returns is one), and
/// making Python strings of them all costs more than reading the files.
struct FindingList {
  std::vector<returns::Finding> items;
};

py::dict dataset_dict(returns::Dataset& data) {
  py::dict out;
  out["files"] = data.files;
  py::list counts;
  for (const auto& c : data.counts) counts.append(py::make_tuple(c.table, c.read, c.used, c.rejected, c.merged));
  out["counts"] = counts;
  out["findings"] = py::cast(FindingList{std::move(data.findings)});
  out["tables"] = tables_dict(data);
  return out;
}

/// An event table as numpy arrays (moved, not copied), with the names of its source tables.
py::dict events_dict(returns::EventTable&& e) {
  py::dict out;
  out["sources"] = e.sources;
  out["case"] = adopt(std::move(e.case_id));
  out["event"] = adopt(std::move(e.event));
  out["date"] = adopt(std::move(e.time));
  out["source"] = adopt(std::move(e.source));
  out["source_row"] = adopt(std::move(e.source_row));
  out["left_source"] = adopt(std::move(e.left_source));
  out["left_row"] = adopt(std::move(e.left_row));
  out["left_reason"] = adopt(std::move(e.left_reason));
  return out;
}

/// Runs `make` (building an EventTable from views of the arrays) without the GIL.
template <class F>
py::dict events_without_gil(F&& make) {
  returns::EventTable table;
  {
    py::gil_scoped_release release;
    table = make();
  }
  return events_dict(std::move(table));
}

}  // namespace

void register_returns(py::module_& m) {
  py::class_<FindingList>(m, "ReturnFindings")
      .def("__len__", [](const FindingList& f) { return f.items.size(); })
      .def("per_table",
           [](const FindingList& f) {
             std::map<std::string, std::int64_t> counts;
             for (const auto& finding : f.items) ++counts[finding.table];
             return counts;
           })
      .def("columns", [](const FindingList& f) { return findings_dict(f.items); });
  {
    std::vector<std::pair<std::string, std::string>> reasons;
    for (std::size_t i = 0; i < returns::left_out_names.size(); ++i)
      reasons.emplace_back(std::string(returns::left_out_names[i]),
                           std::string(returns::describe(static_cast<returns::LeftOut>(i))));
    m.attr("returns_left_out_reasons") = reasons;
  }
  using I64 = Array<std::int64_t>;
  using U8 = Array<std::uint8_t>;
  m.def(
      "ssda903_review_events",
      [](const RuleCatalogue& rules, const I64& child, const I64& decom, const I64& dec, const U8& starts_care,
         const U8& short_break, const I64& review_child, const I64& review_date) {
        const auto c = view_of(child), s = view_of(decom), e = view_of(dec), rc = view_of(review_child),
                   rd = view_of(review_date);
        const auto starts = view_of(starts_care), breaks = view_of(short_break);
        return events_without_gil([&] {
          const auto periods = returns::ssda903::periods_of_care(c, s, e, starts, breaks);
          return returns::ssda903::review_events(rules, periods, rc, rd, c, breaks);
        });
      },
      py::arg("rules"), py::arg("child"), py::arg("decom"), py::arg("dec"), py::arg("starts_care"),
      py::arg("short_break"), py::arg("review_child"), py::arg("review_date"));
  m.def(
      "ssda903_periods_of_care",
      [](const I64& child, const I64& decom, const I64& dec, const U8& starts_care, const U8& short_break) {
        const auto c = view_of(child), s = view_of(decom), e = view_of(dec);
        const auto starts = view_of(starts_care), breaks = view_of(short_break);
        returns::ssda903::PeriodsOfCare p;
        {
          py::gil_scoped_release release;
          p = returns::ssda903::periods_of_care(c, s, e, starts, breaks);
        }
        py::dict out;
        out["child"] = adopt(std::move(p.child));
        out["start"] = adopt(std::move(p.start));
        out["end"] = adopt(std::move(p.end));
        out["first_episode"] = adopt(std::move(p.first_episode));
        out["last_episode"] = adopt(std::move(p.last_episode));
        out["start_known"] = adopt(std::move(p.start_known));
        out["period_of"] = adopt(std::move(p.period_of));
        return out;
      },
      py::arg("child"), py::arg("decom"), py::arg("dec"), py::arg("starts_care"), py::arg("short_break"));
  m.def(
      "cin_assessment_events",
      [](const RuleCatalogue& rules, const I64& details_id, const I64& referral_date, const I64& assessment_details_id,
         const I64& assessment_id, const I64& authorised) {
        const auto d = view_of(details_id), r = view_of(referral_date), ad = view_of(assessment_details_id),
                   a = view_of(assessment_id), done = view_of(authorised);
        return events_without_gil([&] { return returns::cin_census::assessment_events(rules, d, r, ad, a, done); });
      },
      py::arg("rules"), py::arg("details_id"), py::arg("referral_date"), py::arg("assessment_details_id"),
      py::arg("assessment_id"), py::arg("authorised"));
  m.def(
      "cin_icpc_events",
      [](const RuleCatalogue& rules, const I64& details_id, const I64& s47_start, const I64& icpc_date,
         const Array<std::int8_t>& not_required) {
        const auto d = view_of(details_id), s = view_of(s47_start), i = view_of(icpc_date);
        const auto n = view_of(not_required);
        return events_without_gil([&] { return returns::cin_census::icpc_events(rules, d, s, i, n); });
      },
      py::arg("rules"), py::arg("details_id"), py::arg("s47_start"), py::arg("icpc_date"), py::arg("not_required"));
  m.def(
      "cin_review_conference_events",
      [](const RuleCatalogue& rules, const I64& plan_id, const I64& plan_start, const I64& plan_end,
         const I64& review_plan_id, const I64& review_date) {
        const auto p = view_of(plan_id), s = view_of(plan_start), e = view_of(plan_end), rp = view_of(review_plan_id),
                   rd = view_of(review_date);
        return events_without_gil(
            [&] { return returns::cin_census::review_conference_events(rules, p, s, e, rp, rd); });
      },
      py::arg("rules"), py::arg("plan_id"), py::arg("plan_start"), py::arg("plan_end"), py::arg("review_plan_id"),
      py::arg("review_date"));
  m.def(
      "group_ssda903_files",
      [](const std::vector<std::filesystem::path>& paths) {
        py::list out;
        for (const auto& r : returns::ssda903::group_files(paths)) {
          std::vector<std::string> files;
          for (const auto& f : r.files) files.push_back(f.string());
          out.append(py::make_tuple(r.year, r.year_source, files));
        }
        return out;
      },
      py::arg("paths"));
  m.def(
      "load_ssda903",
      [](const std::vector<std::tuple<int, std::string, std::vector<std::filesystem::path>>>& given) {
        std::vector<returns::ssda903::Return> list;
        for (const auto& [year, source, files] : given) list.push_back(returns::ssda903::Return{year, source, files});
        std::unique_ptr<returns::ssda903::Ssda903> loaded;
        {
          py::gil_scoped_release release;
          loaded = std::make_unique<returns::ssda903::Ssda903>(returns::ssda903::load(std::move(list)));
        }
        py::dict out = dataset_dict(loaded->data);
        py::list years;
        for (const auto& r : loaded->returns) {
          std::vector<std::string> files;
          for (const auto& f : r.files) files.push_back(f.string());
          years.append(py::make_tuple(r.year, r.year_source, files));
        }
        out["returns"] = years;
        return out;
      },
      py::arg("returns"));
  m.def(
      "load_cin_census",
      [](const std::filesystem::path& path) {
        std::unique_ptr<returns::cin_census::CinCensus> loaded;
        {
          py::gil_scoped_release release;
          loaded = std::make_unique<returns::cin_census::CinCensus>(returns::cin_census::load(path));
        }
        py::dict out = dataset_dict(loaded->data);
        out["collection"] = loaded->collection;
        out["year"] = loaded->year;
        out["reference_date"] = loaded->reference_date;
        return out;
      },
      py::arg("path"));
}

}  // namespace safeguarding::python
