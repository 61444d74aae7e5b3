#include <pybind11/stl.h>

#include "arrays.hpp"
#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/vectorised.hpp"

namespace py = pybind11;

namespace safeguarding::python {

void register_dates(py::module_& m) {
  py::module_ dates = m.def_submodule("dates", "Strict date parsing and calendar-month arithmetic.");
  dates.def("parse_date", &parse_date, py::arg("text"), py::arg("where") = "");
  dates.def("parse_uk_date", &parse_uk_date, py::arg("text"), py::arg("where") = "");
  dates.def("parse_date_time", &parse_date_time, py::arg("text"), py::arg("where") = "");
  dates.def("format_days", &format_days, py::arg("days"));
  dates.def(
      "add_months", [](Date d, std::int64_t n) { return add_months(d, n); }, py::arg("date"), py::arg("months"));
  dates.def(
      "add_years", [](Date d, std::int64_t n) { return add_years(d, n); }, py::arg("date"), py::arg("years"));
  dates.def(
      "add_months_array",
      [](const Int64Array& days, const Int64Array& n) {
        const auto in = view(days);
        const auto months = view(n);
        return filled_without_gil<std::int64_t>(
            days, [&](std::span<std::int64_t> result) { vectorised::add_months(in, months, result); });
      },
      py::arg("days"), py::arg("months"));
}

}  // namespace safeguarding::python
