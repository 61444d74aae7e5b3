#include <pybind11/gil_safe_call_once.h>
#include <pybind11/pybind11.h>

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

}  // namespace

void register_errors(py::module_& m) {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> error_type;
  error_type.call_once_and_store_result([] {
    PyObject* type = PyErr_NewExceptionWithDoc(
        "safeguarding.Error",
        "Bad input: the message names each bad value and where it came from; `problems` lists them "
        "as (where, message) pairs.",
        PyExc_ValueError, nullptr);
    if (type == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(type);
  });
  m.attr("Error") = error_type.get_stored();

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      const py::object& type = error_type.get_stored();
      py::list problems;
      for (const Problem& problem : e.problems())
        problems.append(py::make_tuple(message_text(problem.where), message_text(problem.message)));
      py::object instance = type(message_text(e.what()));
      instance.attr("problems") = problems;
      PyErr_SetObject(type.ptr(), instance.ptr());
    }
  });
}

}  // namespace safeguarding::python
