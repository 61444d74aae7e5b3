// The statutory returns' readers. Loading runs with the GIL released; the columns then move into
// numpy arrays without a copy (dictionary codes plus their categories for strings, serial days for
// dates), which the facade turns into pandas DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <utility>
#include <vector>

#include "findings.hpp"
#include "register.hpp"
#include "safeguarding/returns.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

/// A numpy array that owns the vector's storage (moved, not copied).
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& values) {
  auto* owner = new std::vector<T>(std::move(values));
  py::capsule free(owner, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owner->size())}, {static_cast<py::ssize_t>(sizeof(T))}, owner->data(), free);
}

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
        payload = py::make_tuple(to_numpy(std::move(c.codes)), categories_of(*c.dictionary));
      } else if (c.is_number()) {
        payload = to_numpy(std::move(c.numbers));
      } else {
        payload = to_numpy(std::move(c.flags));
      }
      columns.append(py::make_tuple(c.name, type_name(c.type), payload));
    }
    py::dict table;
    table["columns"] = columns;
    table["file"] = to_numpy(std::move(t.file));
    table["row"] = to_numpy(std::move(t.row));
    tables[py::str(t.name)] = table;
  }
  return tables;
}

py::dict dataset_dict(returns::Dataset& data) {
  py::dict out;
  out["files"] = data.files;
  py::list counts;
  for (const auto& c : data.counts) counts.append(py::make_tuple(c.table, c.read, c.used, c.rejected, c.merged));
  out["counts"] = counts;
  out["findings"] = findings_dict(data.findings);
  out["tables"] = tables_dict(data);
  return out;
}

}  // namespace

void register_returns(py::module_& m) {
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
