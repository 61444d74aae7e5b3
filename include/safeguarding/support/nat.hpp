// The one "no value" marker of every serial-day or date-time column: numpy's NaT, the smallest
// int64. Calendars, the timeliness engine, the returns readers and the front door all use it, so a
// column can pass from one to another (and to numpy) unchanged.
#pragma once

#include <cstdint>
#include <limits>

namespace safeguarding::inline v0::support {

/// numpy's NaT: a missing date, date-time or row in a column of serial days or seconds.
inline constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();

}  // namespace safeguarding::inline v0::support

namespace safeguarding::inline v0 {
using support::nat;
}  // namespace safeguarding::inline v0
