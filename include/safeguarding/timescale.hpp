// Timescale: an amount and a unit, "15 working days", "3 months", "72 hours", and the due dates it
// gives forwards from a start ("within 15 working days of X") or backwards from an end ("at least
// 7 working days before publication").
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "safeguarding/calendar.hpp"
#include "safeguarding/date.hpp"

namespace safeguarding::inline v0 {

enum class TimeUnit : std::uint8_t { working_days, calendar_days, weeks, months, years, hours };

/// "working days", "calendar days", "weeks", "months", "years", "hours".
inline std::string_view unit_name(TimeUnit unit, bool plural = true) {
  static constexpr std::array<std::string_view, 6> plurals = {"working days", "calendar days", "weeks",
                                                              "months",       "years",         "hours"};
  static constexpr std::array<std::string_view, 6> singulars = {"working day", "calendar day", "week",
                                                                "month",       "year",         "hour"};
  return (plural ? plurals : singulars)[static_cast<std::size_t>(unit)];
}

class Timescale {
 public:
  /// The largest amount accepted: beyond any span a calendar covers.
  static constexpr std::int64_t max_amount = 1'000'000;

  Timescale(std::int64_t amount, TimeUnit unit) : amount_(amount), unit_(unit) {
    if (amount < 0 || amount > max_amount)
      throw Error("a timescale's amount must be between 0 and " + std::to_string(max_amount) + ", got " +
                  std::to_string(amount));
  }

  /// Parses "15 working days", "1 working day", "20 WD", "3 months", "6 CM", "10 calendar days",
  /// "2 weeks", "1 year", "72 hours". Case and extra spaces do not matter.
  static Timescale parse(std::string_view text, std::string_view where = {}) {
    const std::string_view t = support::trim(text);
    std::size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
    auto fail = [&](const std::string& why) -> Timescale {
      throw Error(std::string(where), quote(text) + " is not a timescale: " + why);
    };
    if (digits == 0) return fail("expected a whole number followed by a unit, as in \"15 working days\"");
    std::int64_t amount = 0;
    if (!support::parse_digits(t.substr(0, digits), amount) || amount > max_amount)
      return fail("the amount must be at most " + std::to_string(max_amount));
    std::string unit;
    bool space = false;
    for (char c : t.substr(digits)) {
      if (c == ' ' || c == '\t') {
        space = !unit.empty();
        continue;
      }
      if (space) unit += ' ';
      space = false;
      unit += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    const auto parsed = unit_from_text(unit);
    if (!parsed)
      return fail(unit.empty() ? std::string("the unit is missing")
                               : "unknown unit " + quote(unit) +
                                     " (expected working days, calendar days, weeks, months, years or hours)");
    return Timescale(amount, *parsed);
  }

  [[nodiscard]] std::int64_t amount() const noexcept { return amount_; }
  [[nodiscard]] TimeUnit unit() const noexcept { return unit_; }
  [[nodiscard]] bool needs_calendar() const noexcept { return unit_ == TimeUnit::working_days; }

  /// "15 working days", "1 month", "72 hours".
  [[nodiscard]] std::string str() const {
    return std::to_string(amount_) + " " + std::string(unit_name(unit_, amount_ != 1));
  }

  /// The last day on which something due "within this timescale of `start`" is on time: the start
  /// is day 0, working days count from the first working day strictly after it, months keep the
  /// day of month and clamp to the month's end. From a date alone, an hours timescale gives the
  /// latest day the deadline can fall on: start + ceil(hours / 24) days.
  [[nodiscard]] Date due(Date start, const Calendar& calendar) const { return shift(start, amount_, &calendar); }
  /// As `due(start, calendar)`, for units that need no calendar; throws for working days.
  [[nodiscard]] Date due(Date start) const { return shift(start, amount_, nullptr); }

  /// The last day on which something due "at least this timescale before `end`" is on time.
  [[nodiscard]] Date due_before(Date end, const Calendar& calendar) const { return shift(end, -amount_, &calendar); }
  [[nodiscard]] Date due_before(Date end) const { return shift(end, -amount_, nullptr); }

  /// On date-times: hours are exact; other units move the date and keep the time of day.
  [[nodiscard]] DateTime due(const DateTime& start, const Calendar& calendar) const {
    return shift(start, amount_, &calendar);
  }
  [[nodiscard]] DateTime due(const DateTime& start) const { return shift(start, amount_, nullptr); }
  [[nodiscard]] DateTime due_before(const DateTime& end, const Calendar& calendar) const {
    return shift(end, -amount_, &calendar);
  }
  [[nodiscard]] DateTime due_before(const DateTime& end) const { return shift(end, -amount_, nullptr); }

  friend bool operator==(const Timescale&, const Timescale&) = default;

 private:
  static std::optional<TimeUnit> unit_from_text(std::string_view u) {
    if (u == "working days" || u == "working day" || u == "wd" || u == "business days" || u == "business day")
      return TimeUnit::working_days;
    if (u == "calendar days" || u == "calendar day" || u == "days" || u == "day") return TimeUnit::calendar_days;
    if (u == "weeks" || u == "week") return TimeUnit::weeks;
    if (u == "months" || u == "month" || u == "calendar months" || u == "calendar month" || u == "cm")
      return TimeUnit::months;
    if (u == "years" || u == "year") return TimeUnit::years;
    if (u == "hours" || u == "hour") return TimeUnit::hours;
    return std::nullopt;
  }

  Date shift(Date d, std::int64_t n, const Calendar* calendar) const {
    switch (unit_) {
      case TimeUnit::working_days:
        if (calendar == nullptr)
          throw Error("the timescale " + quote(str()) + " needs a calendar to count working days");
        return calendar->add_working_days(d, n);
      case TimeUnit::calendar_days:
        return add_days(d, n);
      case TimeUnit::weeks:
        return add_days(d, 7 * n);
      case TimeUnit::months:
        return add_months(d, n);
      case TimeUnit::years:
        return add_years(d, n);
      case TimeUnit::hours:
        return add_days(d, n >= 0 ? (n + 23) / 24 : -((-n + 23) / 24));
    }
    return d;
  }

  DateTime shift(const DateTime& t, std::int64_t n, const Calendar* calendar) const {
    if (t.is_special()) throw Error("expected a date-time, got not-a-date-time");
    if (unit_ == TimeUnit::hours) {
      const DateTime out = t + boost::posix_time::hours(n);
      from_days(to_days(out.date()));  // range check
      return out;
    }
    return DateTime(shift(t.date(), n, calendar), t.time_of_day());
  }

  std::int64_t amount_;
  TimeUnit unit_;
};

}  // namespace safeguarding::inline v0

template <>
struct std::hash<safeguarding::Timescale> {
  std::size_t operator()(const safeguarding::Timescale& t) const noexcept {
    return std::hash<std::int64_t>{}(t.amount() * 8 + static_cast<std::int64_t>(t.unit()));
  }
};

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/json/timescale.cpp"
#endif
