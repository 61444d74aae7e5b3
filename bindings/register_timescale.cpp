#include <pybind11/stl.h>

#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/timescale.hpp"

namespace py = pybind11;

namespace safeguarding::python {

void register_timescale(py::module_& m) {
  py::module_ timescale = m.def_submodule("timescale", "Timescales and the due dates they give.");
  py::enum_<TimeUnit>(timescale, "TimeUnit")
      .value("working_days", TimeUnit::working_days)
      .value("calendar_days", TimeUnit::calendar_days)
      .value("weeks", TimeUnit::weeks)
      .value("months", TimeUnit::months)
      .value("years", TimeUnit::years)
      .value("hours", TimeUnit::hours);

  py::class_<Timescale>(timescale, "Timescale")
      .def(py::init<std::int64_t, TimeUnit>(), py::arg("amount"), py::arg("unit"))
      .def_static("parse", &Timescale::parse, py::arg("text"), py::arg("where") = "")
      .def_property_readonly("amount", &Timescale::amount)
      .def_property_readonly("unit", &Timescale::unit)
      .def_property_readonly("needs_calendar", &Timescale::needs_calendar)
      .def("__str__", &Timescale::str)
      .def(
          "due",
          [](const Timescale& t, Date start, const Calendar* cal) { return cal ? t.due(start, *cal) : t.due(start); },
          py::arg("start"), py::arg("calendar") = nullptr)
      .def(
          "due_before",
          [](const Timescale& t, Date end, const Calendar* cal) {
            return cal ? t.due_before(end, *cal) : t.due_before(end);
          },
          py::arg("end"), py::arg("calendar") = nullptr)
      .def(
          "due_date_time",
          [](const Timescale& t, const DateTime& start, const Calendar* cal) {
            return cal ? t.due(start, *cal) : t.due(start);
          },
          py::arg("start"), py::arg("calendar") = nullptr)
      .def(
          "due_before_date_time",
          [](const Timescale& t, const DateTime& end, const Calendar* cal) {
            return cal ? t.due_before(end, *cal) : t.due_before(end);
          },
          py::arg("end"), py::arg("calendar") = nullptr);
}

}  // namespace safeguarding::python
