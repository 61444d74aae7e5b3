// Thresholds: the levels of need and the built-in London continuum.
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "casters.hpp"
#include "register.hpp"
#include "safeguarding/thresholds.hpp"

namespace py = pybind11;

namespace safeguarding::python {

void register_thresholds(py::module_& m) {
  m.attr("need_kind_names") = std::vector<std::string>(need_kind_names.begin(), need_kind_names.end());
  m.def("london_continuum_json", [] { return threshold_version_to_json(london_continuum(), true, -1); });
}

}  // namespace safeguarding::python
