// The calendar's private internals: building a calendar's lookup tables (and the built-in UK
// ones). Only the calendar headers (calendar.hpp) include this folder.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "safeguarding/date.hpp"
#include "safeguarding/detail/uk_holidays.hpp"
#include "safeguarding/holiday.hpp"
#include "safeguarding/support/calendar_table.hpp"

namespace safeguarding::inline v0::detail {

inline std::size_t hash_combine(std::size_t seed, std::size_t value) noexcept {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

inline std::shared_ptr<const support::CalendarTable> build_table(std::string name, Weekend weekend, std::int64_t first,
                                                                 std::int64_t last, std::vector<Holiday> holidays) {
  if (last < first)
    throw Error("a calendar's last date " + format_days(last) + " is before its first date " + format_days(first));
  // Stable, so that a clash between an existing holiday and an added one names them in that order.
  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  Problems problems;
  for (std::size_t i = 0; i < holidays.size(); ++i) {
    const Holiday& h = holidays[i];
    if (h.date.is_special()) {
      problems.add("", "holiday " + quote(h.name) + " has no date");
      continue;
    }
    const std::int64_t d = to_days(h.date);
    if (d < first || d > last)
      problems.add("", to_iso(h.date) + " (" + h.name + ") is outside the calendar's range " + format_days(first) +
                           " to " + format_days(last));
    if (i > 0 && holidays[i - 1].date == h.date)
      problems.add("", to_iso(h.date) + " is listed twice: " + quote(holidays[i - 1].name) + " and " + quote(h.name));
  }
  problems.throw_if_any();

  auto table = std::make_shared<support::CalendarTable>();
  table->name = std::move(name);
  table->weekend = weekend;
  table->first = first;
  table->last = last;
  const auto span = static_cast<std::size_t>(last - first + 1);
  if (span > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max() / 2))
    throw Error("a calendar cannot cover " + std::to_string(span) + " days");
  std::vector<char> closed(span, 0);
  for (std::size_t i = 0; i < span; ++i)
    closed[i] = weekend.contains(support::weekday_from_days(first + static_cast<std::int64_t>(i))) ? 1 : 0;
  for (const Holiday& h : holidays) closed[static_cast<std::size_t>(to_days(h.date) - first)] = 1;
  table->cumulative.resize(span + 1);
  table->cumulative[0] = 0;
  table->working_day.reserve(span);
  for (std::size_t i = 0; i < span; ++i) {
    table->cumulative[i + 1] = table->cumulative[i] + (closed[i] ? 0 : 1);
    if (!closed[i]) table->working_day.push_back(static_cast<std::int32_t>(i));
  }
  // Every entry is at most `span` (a count of days, or a day's offset from `first`).
  if (span <= std::numeric_limits<std::uint16_t>::max()) {
    for (const std::int32_t c : table->cumulative) table->cumulative16.push_back(static_cast<std::uint16_t>(c));
    for (const std::int32_t d : table->working_day) table->working_day16.push_back(static_cast<std::uint16_t>(d));
  }
  table->holidays = std::move(holidays);

  std::size_t h = std::hash<std::string>{}(table->name);
  h = hash_combine(h, weekend.mask());
  h = hash_combine(h, static_cast<std::size_t>(first));
  h = hash_combine(h, static_cast<std::size_t>(last));
  for (const Holiday& hol : table->holidays) {
    h = hash_combine(h, static_cast<std::size_t>(hol.date.day_number()));
    h = hash_combine(h, std::hash<std::string>{}(hol.name));
    h = hash_combine(h, hol.substitute ? 1u : 0u);
  }
  table->hash = h;
  return table;
}

inline std::shared_ptr<const support::CalendarTable> builtin_table(Division division) {
  std::vector<Holiday> holidays;
  for (int y = builtin_first_year; y <= builtin_last_year; ++y) {
    auto year = uk_bank_holidays(division, y);
    holidays.insert(holidays.end(), year.begin(), year.end());
  }
  return build_table(division_key(division), Weekend::saturday_sunday(),
                     support::days_from_civil(builtin_first_year, 1, 1),
                     support::days_from_civil(builtin_last_year, 12, 31), std::move(holidays));
}

}  // namespace safeguarding::inline v0::detail
