// numpy arrays in and out of the vectorised C++ loops. Arrays are converted (and their pointers
// taken) while the GIL is held; the loops then run with the GIL released, touching no Python object.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <span>
#include <vector>

namespace safeguarding::python {

namespace py = pybind11;

/// An int64 array in C order; other integer dtypes are converted on the way in.
using Int64Array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

inline std::span<const std::int64_t> view(const Int64Array& a) {
  return {a.data(), static_cast<std::size_t>(a.size())};
}

template <class T>
py::array_t<T> empty_like(const Int64Array& shape_of) {
  std::vector<py::ssize_t> shape(shape_of.shape(), shape_of.shape() + shape_of.ndim());
  return py::array_t<T>(shape);
}

template <class T>
std::span<T> view_mut(py::array_t<T>& a) {
  return {a.mutable_data(), static_cast<std::size_t>(a.size())};
}

/// A new array of T shaped like `shape_of`, filled by `fill(std::span<T>)` with the GIL released:
/// take the input views before the call, while the GIL is held.
template <class T, class Fill>
py::array_t<T> filled_without_gil(const Int64Array& shape_of, Fill&& fill) {
  auto out = empty_like<T>(shape_of);
  auto result = view_mut(out);
  {
    py::gil_scoped_release release;
    fill(result);
  }
  return out;
}

}  // namespace safeguarding::python

namespace safeguarding::python {

/// A numpy array that takes over a vector's buffer (no copy): the vector lives in a capsule that
/// the array owns.
template <class T, class A>
py::array_t<T> adopt(std::vector<T, A>&& values) {
  auto* holder = new std::vector<T, A>(std::move(values));
  py::capsule owner(holder, [](void* p) { delete static_cast<std::vector<T, A>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(holder->size())}, {static_cast<py::ssize_t>(sizeof(T))},
                        holder->data(), owner);
}

/// A read-only view of a contiguous numpy array of T (converted on the way in when needed).
template <class T>
using Array = py::array_t<T, py::array::c_style | py::array::forcecast>;

template <class T>
std::span<const T> view_of(const Array<T>& a) {
  return {a.data(), static_cast<std::size_t>(a.size())};
}

}  // namespace safeguarding::python
