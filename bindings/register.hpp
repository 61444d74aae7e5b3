// One registration function per concept; module.cpp only calls them.
#pragma once

#include <pybind11/pybind11.h>

namespace safeguarding::python {
void register_errors(pybind11::module_& m);
void register_dates(pybind11::module_& m);
void register_calendar(pybind11::module_& m);
void register_timescale(pybind11::module_& m);
void register_returns(pybind11::module_& m);
void register_partnership(pybind11::module_& m);
void register_rules(pybind11::module_& m);
void register_timeliness(pybind11::module_& m);
void register_thresholds(pybind11::module_& m);
void register_front_door(pybind11::module_& m);
}  // namespace safeguarding::python
