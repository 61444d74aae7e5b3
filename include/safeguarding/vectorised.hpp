// Working-day and month arithmetic over arrays of serial days (days since 1970-01-01, the integer
// inside numpy's datetime64[D]). `nat` (numpy's NaT) in gives `nat` out. Elements outside
// the calendar's range are collected and reported together in one Error after the loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/support/column_checks.hpp"

namespace safeguarding::inline v0::detail {

/// out[i] = add_working_days(days[i], n_at(i)): the loop of both forms of
/// vectorised::add_working_days (`n_at` gives each element's shift, from an array or one value).
template <class Shift>
void add_working_days_each(const Calendar& cal, std::span<const std::int64_t> days, std::span<std::int64_t> out,
                           Shift n_at) {
  support::require_same_size(days.size(), out.size(), "add_working_days");
  const auto& table = cal.table();
  support::Failures failures;
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (days[i] == nat) {
      out[i] = nat;
      continue;
    }
    out[i] = table.add(days[i], n_at(i));
    if (out[i] == nat) failures.add(i);
  }
  if (failures.any())
    failures.raise("add_working_days", [&](std::size_t i) { return cal.shift_outside_text(days[i], n_at(i)); });
}

}  // namespace safeguarding::inline v0::detail

namespace safeguarding::inline v0::vectorised {

/// out[i] = add_working_days(days[i], n[i]).
inline void add_working_days(const Calendar& cal, std::span<const std::int64_t> days, std::span<const std::int64_t> n,
                             std::span<std::int64_t> out) {
  support::require_same_size(days.size(), n.size(), "add_working_days");
  detail::add_working_days_each(cal, days, out, [n](std::size_t i) { return n[i]; });
}

/// out[i] = add_working_days(days[i], n) for one n.
inline void add_working_days(const Calendar& cal, std::span<const std::int64_t> days, std::int64_t n,
                             std::span<std::int64_t> out) {
  detail::add_working_days_each(cal, days, out, [n](std::size_t) { return n; });
}

/// out[i] = working_days_between(a[i], b[i]); `nat` where either date is `nat`.
inline void working_days_between(const Calendar& cal, std::span<const std::int64_t> a, std::span<const std::int64_t> b,
                                 std::span<std::int64_t> out) {
  support::require_same_size(a.size(), b.size(), "working_days_between");
  support::require_same_size(a.size(), out.size(), "working_days_between");
  const auto& table = cal.table();
  support::Failures failures;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == nat || b[i] == nat) {
      out[i] = nat;
      continue;
    }
    out[i] = table.between(a[i], b[i]);
    if (out[i] == nat) failures.add(i);
  }
  if (failures.any())
    failures.raise("working_days_between", [&](std::size_t i) {
      const std::int64_t bad = table.covers(a[i]) ? b[i] : a[i];
      return format_days(bad) + " is outside " + cal.range_text();
    });
}

/// out[i] = is_working_day(days[i]); false where the date is missing.
inline void is_working_day(const Calendar& cal, std::span<const std::int64_t> days, std::span<std::uint8_t> out) {
  support::require_same_size(days.size(), out.size(), "is_working_day");
  const auto& table = cal.table();
  support::Failures failures;
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (days[i] == nat) {
      out[i] = 0;
    } else if (!table.covers(days[i])) {
      out[i] = 0;
      failures.add(i);
    } else {
      out[i] = table.is_working(days[i]) ? 1 : 0;
    }
  }
  if (failures.any())
    failures.raise("is_working_day",
                   [&](std::size_t i) { return format_days(days[i]) + " is outside " + cal.range_text(); });
}

/// out[i] = add_months(days[i], n[i]), clamped to the end of shorter months. Any date numpy can
/// hold is accepted; no calendar is needed.
inline void add_months(std::span<const std::int64_t> days, std::span<const std::int64_t> n,
                       std::span<std::int64_t> out) {
  support::require_same_size(days.size(), n.size(), "add_months");
  support::require_same_size(days.size(), out.size(), "add_months");
  // Keep within +-25 million years so that the month count cannot overflow.
  constexpr std::int64_t limit = 9'000'000'000LL;
  support::Failures failures;
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (days[i] == nat) {
      out[i] = nat;
    } else if (days[i] > limit || days[i] < -limit || n[i] > limit || n[i] < -limit) {
      out[i] = nat;
      failures.add(i);
    } else {
      out[i] = support::add_months_to_days(days[i], n[i]);
    }
  }
  if (failures.any())
    failures.raise("add_months", [&](std::size_t i) {
      return std::to_string(days[i]) + " days + " + std::to_string(n[i]) + " months is out of range";
    });
}

}  // namespace safeguarding::inline v0::vectorised
