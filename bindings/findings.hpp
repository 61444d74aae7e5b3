// Data-quality findings (returns::Finding: file, table, child, row, column, where, value, problem,
// action) as a dict of lists, one per field: what the facade's findings DataFrames are made from.
#pragma once

#include <pybind11/pybind11.h>

#include <iterator>
#include <string>
#include <vector>

#include "safeguarding/returns/table.hpp"

namespace safeguarding::python {

inline pybind11::dict findings_dict(const std::vector<returns::Finding>& findings) {
  namespace py = pybind11;
  py::dict out;
  const char* names[] = {"file", "table", "child", "row", "column", "where", "value", "problem", "action"};
  std::vector<py::list> lists(std::size(names));
  for (const auto& f : findings) {
    lists[0].append(f.file);
    lists[1].append(f.table);
    lists[2].append(f.child);
    lists[3].append(f.row);
    lists[4].append(f.column);
    lists[5].append(f.where);
    lists[6].append(f.value);
    lists[7].append(f.problem);
    lists[8].append(std::string(returns::action_name(f.action)));
  }
  for (std::size_t i = 0; i < std::size(names); ++i) out[names[i]] = lists[i];
  return out;
}

}  // namespace safeguarding::python
