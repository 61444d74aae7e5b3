// Data-quality findings (returns::ReturnFinding: file, table, child, row, column, where, value, problem,
// action, count, rows, kept_file, kept_rows) as a dict of lists, one per field (rows and kept_rows: a
// list of (first, last) pairs for a finding standing for several rows, None otherwise): what the
// facade's findings DataFrames are made from.
#pragma once

#include <pybind11/pybind11.h>

#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/returns/table.hpp"

namespace safeguarding::python {

inline pybind11::dict findings_dict(const std::vector<returns::ReturnFinding>& findings) {
  namespace py = pybind11;
  py::dict out;
  const char* names[] = {"file",    "table",  "child", "row",  "column",    "where",    "value",
                         "problem", "action", "count", "rows", "kept_file", "kept_rows"};
  std::vector<py::list> lists;
  for (std::size_t i = 0; i < std::size(names); ++i) lists.emplace_back(findings.size());
  // Columns with few distinct values (files, tables, columns, actions) share one Python string
  // each: a national-scale load has hundreds of thousands of findings.
  std::map<std::string, py::object, std::less<>> shared;
  auto one = [&](std::string_view text) -> PyObject* {
    auto it = shared.find(text);
    if (it == shared.end()) it = shared.emplace(std::string(text), py::str(std::string(text))).first;
    return it->second.inc_ref().ptr();
  };
  for (std::size_t k = 0; k < findings.size(); ++k) {
    const auto& x = findings[k];
    const auto index = static_cast<py::ssize_t>(k);
    PyList_SET_ITEM(lists[0].ptr(), index, one(x.file));
    PyList_SET_ITEM(lists[1].ptr(), index, one(x.table));
    PyList_SET_ITEM(lists[2].ptr(), index, py::str(x.child).release().ptr());
    PyList_SET_ITEM(lists[3].ptr(), index, py::int_(x.row).release().ptr());
    PyList_SET_ITEM(lists[4].ptr(), index, one(x.column));
    PyList_SET_ITEM(lists[5].ptr(), index, py::str(x.where).release().ptr());
    PyList_SET_ITEM(lists[6].ptr(), index, py::str(x.value).release().ptr());
    PyList_SET_ITEM(lists[7].ptr(), index, py::str(x.problem).release().ptr());
    PyList_SET_ITEM(lists[8].ptr(), index, one(returns::finding_action_name(x.action)));
    PyList_SET_ITEM(lists[9].ptr(), index, py::int_(x.count).release().ptr());
    const auto ranges_of = [](const std::vector<returns::RowRange>& given) {
      py::object out = py::none();
      if (!given.empty()) {
        py::list ranges(given.size());
        for (std::size_t g = 0; g < given.size(); ++g)
          PyList_SET_ITEM(ranges.ptr(), static_cast<py::ssize_t>(g),
                          py::make_tuple(given[g].first, given[g].last).release().ptr());
        out = std::move(ranges);
      }
      return out;
    };
    PyList_SET_ITEM(lists[10].ptr(), index, ranges_of(x.rows).release().ptr());
    PyList_SET_ITEM(lists[11].ptr(), index, one(x.kept_file));
    PyList_SET_ITEM(lists[12].ptr(), index, ranges_of(x.kept_rows).release().ptr());
  }
  for (std::size_t i = 0; i < std::size(names); ++i) out[names[i]] = lists[i];
  return out;
}

}  // namespace safeguarding::python
