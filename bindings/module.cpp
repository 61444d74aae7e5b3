// The private compiled module safeguarding._core; the public API is the Python package around it.
#include "register.hpp"

#include "safeguarding/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "Compiled core of the safeguarding package (private: import safeguarding instead).";
  m.attr("__version__") = safeguarding::version_string;
  safeguarding::python::register_errors(m);
  safeguarding::python::register_dates(m);
  safeguarding::python::register_calendar(m);
  safeguarding::python::register_timescale(m);
  safeguarding::python::register_returns(m);
  safeguarding::python::register_partnership(m);
  safeguarding::python::register_rules(m);
  safeguarding::python::register_timeliness(m);
  safeguarding::python::register_thresholds(m);
  safeguarding::python::register_front_door(m);
}
