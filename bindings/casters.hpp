// Conversions between Python's datetime.date / datetime.datetime and Boost's date / ptime. The
// Python facade turns pandas and numpy scalars and ISO strings into these before calling in.
#pragma once

#include <datetime.h>
#include <pybind11/pybind11.h>

#include "safeguarding/date.hpp"

namespace pybind11::detail {

// datetime.h keeps the C API pointer in a static variable of each translation unit, so every
// function that uses the API must import it itself (as pybind11's chrono casters do): a shared
// helper could initialise another unit's copy.
#define SAFEGUARDING_IMPORT_DATETIME_API()           \
  do {                                               \
    if (!PyDateTimeAPI) {                            \
      PyDateTime_IMPORT;                             \
      if (!PyDateTimeAPI) throw error_already_set(); \
    }                                                \
  } while (false)

template <>
struct type_caster<boost::gregorian::date> {
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle src, bool) {
    SAFEGUARDING_IMPORT_DATETIME_API();
    // A datetime is a date too; only plain dates are accepted so a time of day is never dropped here.
    if (!src || !PyDate_Check(src.ptr()) || PyDateTime_Check(src.ptr())) return false;
    value =
        safeguarding::make_date(PyDateTime_GET_YEAR(src.ptr()), static_cast<unsigned>(PyDateTime_GET_MONTH(src.ptr())),
                                static_cast<unsigned>(PyDateTime_GET_DAY(src.ptr())));
    return true;
  }

  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    SAFEGUARDING_IMPORT_DATETIME_API();
    if (d.is_special()) return none().release();
    const auto ymd = d.year_month_day();
    return PyDate_FromDate(ymd.year, ymd.month, ymd.day);
  }
};

template <>
struct type_caster<boost::posix_time::ptime> {
  PYBIND11_TYPE_CASTER(boost::posix_time::ptime, const_name("datetime.datetime"));

  bool load(handle src, bool) {
    SAFEGUARDING_IMPORT_DATETIME_API();
    if (!src || !PyDateTime_Check(src.ptr())) return false;
    PyObject* p = src.ptr();
    const auto day = safeguarding::make_date(PyDateTime_GET_YEAR(p), static_cast<unsigned>(PyDateTime_GET_MONTH(p)),
                                             static_cast<unsigned>(PyDateTime_GET_DAY(p)));
    value = boost::posix_time::ptime(day, boost::posix_time::hours(PyDateTime_DATE_GET_HOUR(p)) +
                                              boost::posix_time::minutes(PyDateTime_DATE_GET_MINUTE(p)) +
                                              boost::posix_time::seconds(PyDateTime_DATE_GET_SECOND(p)) +
                                              boost::posix_time::microseconds(PyDateTime_DATE_GET_MICROSECOND(p)));
    return true;
  }

  static handle cast(const boost::posix_time::ptime& t, return_value_policy, handle) {
    SAFEGUARDING_IMPORT_DATETIME_API();
    if (t.is_special()) return none().release();
    const auto ymd = t.date().year_month_day();
    const auto tod = t.time_of_day();
    const auto micro = tod.total_microseconds() % 1000000;
    return PyDateTime_FromDateAndTime(ymd.year, ymd.month, ymd.day, static_cast<int>(tod.hours()),
                                      static_cast<int>(tod.minutes()), static_cast<int>(tod.seconds()),
                                      static_cast<int>(micro));
  }
};

}  // namespace pybind11::detail
