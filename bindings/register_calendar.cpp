#include <pybind11/operators.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <tuple>

#include "arrays.hpp"
#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/calendar.hpp"
#include "safeguarding/vectorised.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

using HolidayTuple = std::tuple<Date, std::string, bool>;

HolidayTuple as_tuple(const Holiday& h) {
  return {h.date, h.name, h.substitute};
}

std::vector<HolidayTuple> as_tuples(const std::vector<Holiday>& holidays) {
  std::vector<HolidayTuple> out;
  out.reserve(holidays.size());
  for (const Holiday& h : holidays) out.push_back(as_tuple(h));
  return out;
}

std::vector<Holiday> from_tuples(const std::vector<HolidayTuple>& tuples) {
  std::vector<Holiday> out;
  out.reserve(tuples.size());
  for (const auto& [d, name, substitute] : tuples) out.push_back(Holiday{d, name, substitute});
  return out;
}

/// The calendar's arithmetic over numpy arrays of serial days, without the GIL.
void register_vectorised(py::class_<Calendar>& calendar);

}  // namespace

void register_calendar(py::module_& m) {
  py::module_ module = m.def_submodule("calendar", "Working-day calendars and their vectorised arithmetic.");
  module.def("weekday_name", &weekday_name, py::arg("iso_weekday"), "Monday for 0 … Sunday for 6.");
  module.def("weekday_from_name", &Weekend::weekday_from_name, py::arg("name"),
             "The ISO weekday (0 = Monday) of a full or three-letter day name, any case; -1 when unknown.");
  py::class_<Calendar> calendar(module, "Calendar");
  calendar.def_static("england_and_wales", &Calendar::england_and_wales)
      .def_static("scotland", &Calendar::scotland)
      .def_static("northern_ireland", &Calendar::northern_ireland)
      .def_static("builtin", &Calendar::builtin, py::arg("key"))
      .def_static(
          "from_holidays",
          [](std::string name, const std::vector<HolidayTuple>& holidays, Date first, Date last,
             const std::vector<unsigned>& weekend) {
            return Calendar::from_holidays(std::move(name), from_tuples(holidays), first, last, Weekend::of(weekend));
          },
          py::arg("name"), py::arg("holidays"), py::arg("first"), py::arg("last"), py::arg("weekend"))
      .def_static("load", &load_calendar, py::arg("path"))
      .def_static(
          "from_json_text",
          [](const std::string& text, const std::string& source) { return calendar_from_json(text, source); },
          py::arg("text"), py::arg("source"))
      .def_static("load_govuk", &load_govuk_calendar, py::arg("path"), py::arg("division"))
      .def(
          "to_json_text", [](const Calendar& c, int indent) { return calendar_to_json(c, indent); },
          py::arg("indent") = -1)
      .def_property_readonly("name", &Calendar::name)
      .def_property_readonly("weekend", [](const Calendar& c) { return c.weekend().days(); })
      .def_property_readonly("first_date", &Calendar::first_date)
      .def_property_readonly("last_date", &Calendar::last_date)
      .def("covers", &Calendar::covers, py::arg("date"))
      .def("is_working_day", &Calendar::is_working_day, py::arg("date"))
      .def(
          "holiday_on",
          [](const Calendar& c, Date d) -> std::optional<HolidayTuple> {
            auto h = c.holiday_on(d);
            if (!h) return std::nullopt;
            return as_tuple(*h);
          },
          py::arg("date"))
      .def("all_holidays", [](const Calendar& c) { return as_tuples(c.holidays()); })
      .def(
          "holidays_in", [](const Calendar& c, int year) { return as_tuples(c.holidays(year)); }, py::arg("year"))
      .def("add_working_days", &Calendar::add_working_days, py::arg("date"), py::arg("n"))
      .def("working_days_between", &Calendar::working_days_between, py::arg("a"), py::arg("b"))
      .def("next_working_day", &Calendar::next_working_day, py::arg("date"))
      .def("previous_working_day", &Calendar::previous_working_day, py::arg("date"))
      .def("working_day_on_or_after", &Calendar::working_day_on_or_after, py::arg("date"))
      .def("working_day_on_or_before", &Calendar::working_day_on_or_before, py::arg("date"))
      .def(
          "with_holidays",
          [](const Calendar& c, const std::vector<HolidayTuple>& extra, std::string name) {
            return c.with_holidays(from_tuples(extra), std::move(name));
          },
          py::arg("holidays"), py::arg("name") = "")
      .def("without_holidays", &Calendar::without_holidays, py::arg("dates"), py::arg("name") = "")
      .def(
          "with_weekend",
          [](const Calendar& c, const std::vector<unsigned>& days, std::string name) {
            return c.with_weekend(Weekend::of(days), std::move(name));
          },
          py::arg("weekend"), py::arg("name") = "")
      .def("renamed", &Calendar::renamed, py::arg("name"))
      .def(py::self == py::self)
      .def("__hash__", [](const Calendar& c) { return static_cast<py::ssize_t>(c.hash()); })
      .def("is_same_table", [](const Calendar& a, const Calendar& b) { return &a.table() == &b.table(); });
  register_vectorised(calendar);
  module.attr("two_threads_from") = vectorised::two_threads_from;
}

namespace {

void register_vectorised(py::class_<Calendar>& calendar) {
  calendar
      .def(
          "add_working_days_array",
          [](const Calendar& c, const Int64Array& days, const Int64Array& n) {
            const auto in = view(days);
            const auto shift = view(n);
            return filled_without_gil<std::int64_t>(
                days, [&](std::span<std::int64_t> result) { vectorised::add_working_days(c, in, shift, result); });
          },
          py::arg("days"), py::arg("n"))
      .def(
          "add_working_days_array_scalar",
          [](const Calendar& c, const Int64Array& days, std::int64_t n) {
            const auto in = view(days);
            return filled_without_gil<std::int64_t>(
                days, [&](std::span<std::int64_t> result) { vectorised::add_working_days(c, in, n, result); });
          },
          py::arg("days"), py::arg("n"))
      .def(
          "working_days_between_array",
          [](const Calendar& c, const Int64Array& a, const Int64Array& b) {
            const auto first = view(a);
            const auto second = view(b);
            std::size_t missing = 0;
            auto counts = filled_without_gil<std::int64_t>(a, [&](std::span<std::int64_t> result) {
              missing = vectorised::working_days_between(c, first, second, result);
            });
            return py::make_tuple(std::move(counts), missing);
          },
          py::arg("a"), py::arg("b"))
      .def(
          "is_working_day_array",
          [](const Calendar& c, const Int64Array& days) {
            const auto in = view(days);
            // numpy's bool is one byte holding 0 or 1: the loop writes its bytes.
            return filled_without_gil<bool>(days, [&](std::span<bool> result) {
              vectorised::is_working_day(c, in, {reinterpret_cast<std::uint8_t*>(result.data()), result.size()});
            });
          },
          py::arg("days"));
}

}  // namespace

}  // namespace safeguarding::python
