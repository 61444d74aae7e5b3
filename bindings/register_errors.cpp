#include <pybind11/gil_safe_call_once.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "register.hpp"
#include "safeguarding/error.hpp"

namespace py = pybind11;

namespace safeguarding::python {

namespace {

/// A message as Python text. Bytes that are not UTF-8 (a parse error quoting what it last read from
/// a file in another encoding) are shown escaped, "\xff", rather than failing the conversion.
py::str message_text(const std::string& s) {
  PyObject* text = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "backslashreplace");
  if (text == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(text);
}

PYBIND11_CONSTINIT py::gil_safe_call_once_and_store<py::object> error_type;

/// A safeguarding.Error instance with this message and (where, message) problems.
py::object error_instance(const std::string& message, const std::vector<Problem>& problems) {
  const py::object& type = error_type.get_stored();
  py::list listed;
  for (const Problem& problem : problems)
    listed.append(py::make_tuple(message_text(problem.where), message_text(problem.message)));
  py::object instance = type(message_text(message));
  instance.attr("problems") = listed;
  return instance;
}

}  // namespace

void register_errors(py::module_& m) {
  py::module_ errors =
      m.def_submodule("errors", "The one error type, and error messages composed as C++ composes them.");
  error_type.call_once_and_store_result([] {
    PyObject* type = PyErr_NewExceptionWithDoc(
        "safeguarding.Error",
        "Bad input: the message names each bad value and where it came from; `problems` lists them "
        "as (where, message) pairs.",
        PyExc_ValueError, nullptr);
    if (type == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(type);
  });
  errors.attr("Error") = error_type.get_stored();

  errors.def(
      "error",
      [](const std::string& headline, const std::vector<std::pair<std::string, std::string>>& problems,
         const std::string& more) {
        std::vector<Problem> listed;
        for (const auto& [where, message] : problems) listed.push_back(Problem{where, message});
        std::vector<Problem> lines = listed;
        if (!more.empty()) lines.push_back(Problem{{}, more});
        return error_instance(Error::compose(lines, {}, headline), listed);
      },
      py::arg("headline"), py::arg("problems"), py::arg("more") = "",
      "A safeguarding.Error (to raise) whose message is the headline and one line per problem (and `more`, "
      "a last line such as 'and 3 more rows'), as Error::compose writes it; `problems` as given.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      py::object instance = error_instance(e.what(), e.problems());
      PyErr_SetObject(error_type.get_stored().ptr(), instance.ptr());
    }
  });
}

}  // namespace safeguarding::python
