// Calendar: which days are working days in an area, and constant-time working-day arithmetic.
//
// Counting conventions (docs/calendar.md):
//  * add_working_days(d, n), n > 0: the n-th working day strictly after d (d itself need not be a
//    working day: aware on a Saturday, day 1 is Monday). n < 0: the same backwards. n = 0: d.
//  * working_days_between(a, b): for b >= a, the working days in (a, b]; for b < a, minus the
//    working days in [b, a). So add_working_days(a, working_days_between(a, b)) == b whenever b is
//    a working day, in either direction.
//
// A Calendar is an immutable value: copies share one read-only table, so it is cheap to copy and
// safe to use from many threads; every local variation returns a new calendar.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/detail/calendar_table.hpp"
#include "safeguarding/holiday.hpp"
#include "safeguarding/support/calendar_table.hpp"

namespace safeguarding::inline v0 {

/// Working days of an area: weekdays that are not bank holidays or local closures.
class Calendar {
 public:
  /// England and Wales: the calendar of England's safeguarding partnerships.
  Calendar() : Calendar(england_and_wales()) {}

  /// England and Wales bank holidays, computed from rules for 1970–2100.
  static Calendar england_and_wales() {
    static const Calendar cal(detail::builtin_table(detail::Division::england_and_wales));
    return cal;
  }
  /// Scotland's bank holidays, 1970–2100.
  static Calendar scotland() {
    static const Calendar cal(detail::builtin_table(detail::Division::scotland));
    return cal;
  }
  /// Northern Ireland's bank holidays, 1970–2100.
  static Calendar northern_ireland() {
    static const Calendar cal(detail::builtin_table(detail::Division::northern_ireland));
    return cal;
  }
  /// A built-in calendar by gov.uk's division key: "england-and-wales", "scotland" or
  /// "northern-ireland".
  static Calendar builtin(std::string_view key) {
    if (key == "england-and-wales") return england_and_wales();
    if (key == "scotland") return scotland();
    if (key == "northern-ireland") return northern_ireland();
    throw Error(quote(key) + " is not a built-in calendar (expected england-and-wales, scotland or northern-ireland)");
  }

  /// A calendar from its definition: a name, the weekend, the dates it covers and the holidays in
  /// them. Operations on dates outside [first, last] throw, since nothing is known of them.
  static Calendar from_holidays(std::string name, std::vector<Holiday> holidays, Date first, Date last,
                                Weekend weekend = Weekend::saturday_sunday()) {
    return Calendar(detail::build_table(std::move(name), weekend, to_days(first), to_days(last), std::move(holidays)));
  }

  [[nodiscard]] const std::string& name() const noexcept { return table_->name; }
  [[nodiscard]] Weekend weekend() const noexcept { return table_->weekend; }
  /// The first and last dates the calendar knows about.
  [[nodiscard]] Date first_date() const { return from_days(table_->first); }
  [[nodiscard]] Date last_date() const { return from_days(table_->last); }
  [[nodiscard]] bool covers(Date d) const { return !d.is_special() && table_->covers(to_days(d)); }

  [[nodiscard]] bool is_working_day(Date d) const { return table_->is_working(checked(d)); }

  /// The holiday on `d`, if any (a weekend day is not a holiday unless one is listed on it).
  [[nodiscard]] std::optional<Holiday> holiday_on(Date d) const {
    checked(d);
    auto it = std::lower_bound(table_->holidays.begin(), table_->holidays.end(), d,
                               [](const Holiday& h, Date x) { return h.date < x; });
    if (it != table_->holidays.end() && it->date == d) return *it;
    return std::nullopt;
  }

  /// Every holiday the calendar holds, in date order.
  [[nodiscard]] const std::vector<Holiday>& holidays() const noexcept { return table_->holidays; }

  /// The holidays of one year, in date order.
  [[nodiscard]] std::vector<Holiday> holidays(int year) const {
    std::vector<Holiday> out;
    for (const Holiday& h : table_->holidays)
      if (h.date.year() == year) out.push_back(h);
    return out;
  }

  /// The n-th working day strictly after `d` (n > 0), strictly before it (n < 0), or `d` (n = 0).
  [[nodiscard]] Date add_working_days(Date d, std::int64_t n) const {
    const std::int64_t start = checked(d);
    const std::int64_t out = table_->add(start, n);
    if (out == support::CalendarTable::invalid) throw Error(shift_outside_text(start, n));
    return from_days(out);
  }

  /// Working days in (a, b] when b >= a; minus the working days in [b, a) when b < a.
  [[nodiscard]] std::int64_t working_days_between(Date a, Date b) const {
    return table_->between(checked(a), checked(b));
  }

  /// The first working day strictly after `d`.
  [[nodiscard]] Date next_working_day(Date d) const { return add_working_days(d, 1); }
  /// The last working day strictly before `d`.
  [[nodiscard]] Date previous_working_day(Date d) const { return add_working_days(d, -1); }
  /// `d` when it is a working day, otherwise the next one.
  [[nodiscard]] Date working_day_on_or_after(Date d) const { return is_working_day(d) ? d : add_working_days(d, 1); }
  /// `d` when it is a working day, otherwise the previous one.
  [[nodiscard]] Date working_day_on_or_before(Date d) const { return is_working_day(d) ? d : add_working_days(d, -1); }

  /// A new calendar with extra closure days (a council closed on 24 December). A date that is
  /// already a holiday, or outside the calendar's range, is an error.
  [[nodiscard]] Calendar with_holidays(std::vector<Holiday> extra, std::string new_name = {}) const {
    std::vector<Holiday> all = table_->holidays;
    all.insert(all.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    return Calendar(detail::build_table(new_name.empty() ? table_->name : std::move(new_name), table_->weekend,
                                        table_->first, table_->last, std::move(all)));
  }

  /// A new calendar without the listed holidays (a day the area works through). A date that is not
  /// a holiday of this calendar is an error.
  [[nodiscard]] Calendar without_holidays(const std::vector<Date>& dates, std::string new_name = {}) const {
    std::set<Date> remove(dates.begin(), dates.end());
    Problems problems;
    for (Date d : remove)
      if (!holiday_on_unchecked(d))
        problems.add("", (d.is_special() ? std::string("not-a-date") : to_iso(d)) + " is not a holiday of calendar " +
                             quote(name()));
    problems.throw_if_any();
    std::vector<Holiday> kept;
    for (const Holiday& h : table_->holidays)
      if (!remove.count(h.date)) kept.push_back(h);
    return Calendar(detail::build_table(new_name.empty() ? table_->name : std::move(new_name), table_->weekend,
                                        table_->first, table_->last, std::move(kept)));
  }

  /// A new calendar resting on other weekdays.
  [[nodiscard]] Calendar with_weekend(Weekend weekend, std::string new_name = {}) const {
    return Calendar(detail::build_table(new_name.empty() ? table_->name : std::move(new_name), weekend, table_->first,
                                        table_->last, table_->holidays));
  }

  /// The same calendar under another name.
  [[nodiscard]] Calendar renamed(std::string new_name) const {
    return Calendar(
        detail::build_table(std::move(new_name), table_->weekend, table_->first, table_->last, table_->holidays));
  }

  /// Two calendars are equal when name, weekend, range and holidays (dates, names, substitute
  /// flags) are all equal.
  friend bool operator==(const Calendar& a, const Calendar& b) noexcept {
    if (a.table_ == b.table_) return true;
    const auto& x = *a.table_;
    const auto& y = *b.table_;
    return x.hash == y.hash && x.name == y.name && x.weekend == y.weekend && x.first == y.first && x.last == y.last &&
           x.holidays == y.holidays;
  }

  [[nodiscard]] std::size_t hash() const noexcept { return table_->hash; }

  /// The lookup tables, for vectorised loops over serial days (see safeguarding/vectorised.hpp).
  [[nodiscard]] const support::CalendarTable& table() const noexcept { return *table_; }

  /// Why `day` + `n` working days has no answer: "2100-12-30 + 5 working days falls outside the …
  /// calendar's range (…)", or "… is outside …" when `day` itself is (for error messages).
  [[nodiscard]] std::string shift_outside_text(std::int64_t day, std::int64_t n) const {
    if (!table_->covers(day)) return format_days(day) + " is outside " + range_text();
    return format_days(day) + (n >= 0 ? " + " : " - ") + support::magnitude_text(n) + " working days falls outside " +
           range_text();
  }

  /// "the england-and-wales calendar (1970-01-01 to 2100-12-31)": for error messages.
  [[nodiscard]] std::string range_text() const {
    return "the " + table_->name + " calendar's range (" + format_days(table_->first) + " to " +
           format_days(table_->last) + ")";
  }

 private:
  explicit Calendar(std::shared_ptr<const support::CalendarTable> table) : table_(std::move(table)) {}

  std::int64_t checked(Date d) const {
    if (d.is_special()) throw Error("expected a date, got not-a-date");
    const std::int64_t day = static_cast<std::int64_t>(d.day_number()) - unix_epoch_day_number;
    if (!table_->covers(day)) throw Error(to_iso(d) + " is outside " + range_text());
    return day;
  }

  bool holiday_on_unchecked(Date d) const {
    return std::binary_search(table_->holidays.begin(), table_->holidays.end(), Holiday{d, {}, false},
                              [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  }

  std::shared_ptr<const support::CalendarTable> table_;
};

}  // namespace safeguarding::inline v0

template <>
struct std::hash<safeguarding::Calendar> {
  std::size_t operator()(const safeguarding::Calendar& c) const noexcept { return c.hash(); }
};

namespace safeguarding::inline v0 {

// Calendar files (docs/calendar.md, "Calendar files"; defined in src/json/calendar.cpp) ---------

/// Reads a calendar file in the project's JSON format; every problem is reported with its JSON pointer.
Calendar load_calendar(const std::filesystem::path& path);
/// Reads a calendar from JSON text in the project's format; `source` names it in messages.
Calendar calendar_from_json(std::string_view text, std::string_view source = {});
/// The calendar in the project's format, listing every holiday, so that
/// `calendar_from_json(calendar_to_json(c)) == c`. `indent` < 0 writes one line.
std::string calendar_to_json(const Calendar& calendar, int indent = 2);
/// Reads one division of gov.uk's bank-holidays.json ("england-and-wales", "scotland",
/// "northern-ireland"). The calendar covers the whole years the file lists and nothing beyond.
Calendar load_govuk_calendar(const std::filesystem::path& path, std::string_view division);
Calendar calendar_from_govuk_json(std::string_view text, std::string_view division, std::string_view source = {});

}  // namespace safeguarding::inline v0

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/json/calendar.cpp"
#endif
