// UK bank holidays computed from the rules in force each year, with every one-off change.
// Sources and confidence are in docs/calendar.md; the titles follow gov.uk's bank-holidays.json.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "safeguarding/date.hpp"
#include "safeguarding/holiday.hpp"

namespace safeguarding::inline v0::detail {

enum class Division { england_and_wales, scotland, northern_ireland };

inline constexpr int builtin_first_year = 1970;
inline constexpr int builtin_last_year = 2100;

/// Western (Gregorian) Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
constexpr std::int64_t easter_sunday(std::int64_t y) noexcept {
  const std::int64_t a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const std::int64_t f = (b + 8) / 25, g = (b - f + 1) / 3;
  const std::int64_t h = (19 * a + b - d - g + 15) % 30;
  const std::int64_t i = c / 4, k = c % 4;
  const std::int64_t l = (32 + 2 * e + 2 * i - h - k) % 7;
  const std::int64_t m = (a + 11 * h + 22 * l) / 451;
  const std::int64_t month = (h + l - 7 * m + 114) / 31;
  const std::int64_t day = (h + l - 7 * m + 114) % 31 + 1;
  return support::days_from_civil(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

/// The first `iso_weekday` (0 = Monday) on or after a serial day.
constexpr std::int64_t weekday_on_or_after(std::int64_t day, unsigned iso_weekday) noexcept {
  return day + static_cast<std::int64_t>((iso_weekday + 7 - support::weekday_from_days(day)) % 7);
}

constexpr std::int64_t first_monday(std::int64_t y, unsigned month) noexcept {
  return weekday_on_or_after(support::days_from_civil(y, month, 1), 0);
}

constexpr std::int64_t last_monday(std::int64_t y, unsigned month) noexcept {
  const std::int64_t last = support::days_from_civil(y, month, support::days_in_month(y, month));
  return last - static_cast<std::int64_t>(support::weekday_from_days(last));
}

constexpr bool is_saturday_or_sunday(std::int64_t day) noexcept {
  return support::weekday_from_days(day) >= 5;
}

class HolidayList {
 public:
  void add(std::int64_t day, std::string name, bool substitute = false) {
    items_.push_back(Holiday{from_days(day), std::move(name), substitute});
  }
  /// A holiday that moves to the following Monday when it falls at a weekend.
  void add_mondayised(std::int64_t day, const std::string& name) {
    if (is_saturday_or_sunday(day))
      add(weekday_on_or_after(day, 0), name, true);
    else
      add(day, name);
  }
  std::vector<Holiday> sorted() && {
    std::sort(items_.begin(), items_.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return std::move(items_);
  }

 private:
  std::vector<Holiday> items_;
};

// gov.uk titles (with its typographic apostrophe).
inline const std::string new_years_day = "New Year\u2019s Day";
inline const std::string second_january = "2nd January";
inline const std::string christmas_day = "Christmas Day";
inline const std::string boxing_day = "Boxing Day";

/// A pair of consecutive holidays (25 and 26 December; 1 and 2 January in Scotland) substituted the
/// way gov.uk lists them: a Friday first day moves the second to Monday; a Saturday first day moves
/// both to Monday and Tuesday; a Sunday first day puts the second day's holiday on Monday itself
/// (not a substitute) and the first day's substitute on Tuesday. The order of the names on a Sunday
/// differs between the pairs: gov.uk lists Boxing Day on 26 December when Christmas is a Sunday,
/// but New Year's Day (substitute) on 2 January when New Year's Day is a Sunday.
inline void add_holiday_pair(HolidayList& out, std::int64_t first, const std::string& first_name,
                             const std::string& second_name, bool sunday_keeps_second_in_place) {
  switch (support::weekday_from_days(first)) {
    case 4:  // Friday
      out.add(first, first_name);
      out.add(first + 3, second_name, true);
      break;
    case 5:  // Saturday
      out.add(first + 2, first_name, true);
      out.add(first + 3, second_name, true);
      break;
    case 6:  // Sunday
      if (sunday_keeps_second_in_place) {
        out.add(first + 1, second_name);
        out.add(first + 2, first_name, true);
      } else {
        out.add(first + 1, first_name, true);
        out.add(first + 2, second_name, true);
      }
      break;
    default:
      out.add(first, first_name);
      out.add(first + 1, second_name);
  }
}

struct OneOff {
  int year;
  unsigned month;
  unsigned day;
  const char* name;
};

/// Extra bank holidays proclaimed for single years, across the United Kingdom.
inline constexpr OneOff uk_one_offs[] = {
    {1977, 6, 7, "Silver Jubilee bank holiday"},
    {1981, 7, 29, "Royal wedding bank holiday"},
    {1999, 12, 31, "Millennium bank holiday"},
    {2002, 6, 3, "Golden Jubilee bank holiday"},
    {2011, 4, 29, "Royal wedding bank holiday"},
    {2012, 6, 5, "Diamond Jubilee bank holiday"},
    {2022, 6, 3, "Platinum Jubilee bank holiday"},
    {2022, 9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {2023, 5, 8, "Bank holiday for the coronation of King Charles III"},
};

inline constexpr OneOff scotland_one_offs[] = {
    {2026, 6, 15, "Bank holiday for the FIFA World Cup"},
};

/// Years in which the spring bank holiday moved from the last Monday in May.
inline constexpr OneOff spring_moves[] = {
    {1977, 6, 6, "Spring bank holiday"},
    {2002, 6, 4, "Spring bank holiday"},
    {2012, 6, 4, "Spring bank holiday"},
    {2022, 6, 2, "Spring bank holiday"},
};

/// Years in which the early May bank holiday moved to 8 May for VE Day anniversaries.
inline constexpr OneOff early_may_moves[] = {
    {1995, 5, 8, "Early May bank holiday (VE day)"},
    {2020, 5, 8, "Early May bank holiday (VE day)"},
};

template <std::size_t N>
const OneOff* find_one_off(const OneOff (&table)[N], int year) {
  for (const auto& o : table)
    if (o.year == year) return &o;
  return nullptr;
}

inline std::int64_t one_off_day(const OneOff& o) {
  return support::days_from_civil(o.year, o.month, o.day);
}

/// The bank holidays of one year in one division.
inline std::vector<Holiday> uk_bank_holidays(Division division, int year) {
  HolidayList out;
  const bool scotland = division == Division::scotland;
  const std::int64_t jan1 = support::days_from_civil(year, 1, 1);

  if (scotland)
    add_holiday_pair(out, jan1, new_years_day, second_january, false);
  else if (year >= 1974)  // New Year's Day became a bank holiday in England, Wales and NI in 1974.
    out.add_mondayised(jan1, new_years_day);

  if (division == Division::northern_ireland)
    out.add_mondayised(support::days_from_civil(year, 3, 17), "St Patrick\u2019s Day");

  const std::int64_t easter = easter_sunday(year);
  out.add(easter - 2, "Good Friday");
  if (!scotland) out.add(easter + 1, "Easter Monday");

  if (year >= 1978) {  // The early May bank holiday was first held in 1978.
    if (const OneOff* moved = find_one_off(early_may_moves, year))
      out.add(one_off_day(*moved), moved->name);
    else
      out.add(first_monday(year, 5), "Early May bank holiday");
  }

  if (const OneOff* moved = find_one_off(spring_moves, year))
    out.add(one_off_day(*moved), moved->name);
  else
    out.add(last_monday(year, 5), "Spring bank holiday");

  if (division == Division::northern_ireland)
    out.add_mondayised(support::days_from_civil(year, 7, 12), "Battle of the Boyne (Orangemen\u2019s Day)");

  out.add(scotland ? first_monday(year, 8) : last_monday(year, 8), "Summer bank holiday");

  if (scotland && year >= 2007)  // St Andrew's Day Bank Holiday (Scotland) Act 2007.
    out.add_mondayised(support::days_from_civil(year, 11, 30), "St Andrew\u2019s Day");

  const std::int64_t christmas = support::days_from_civil(year, 12, 25);
  if (scotland && year < 1974)  // Boxing Day became a bank holiday in Scotland in 1974.
    out.add_mondayised(christmas, christmas_day);
  else
    add_holiday_pair(out, christmas, christmas_day, boxing_day, true);

  for (const auto& o : uk_one_offs)
    if (o.year == year) out.add(one_off_day(o), o.name);
  if (scotland)
    for (const auto& o : scotland_one_offs)
      if (o.year == year) out.add(one_off_day(o), o.name);

  return std::move(out).sorted();
}

inline const char* division_key(Division d) {
  switch (d) {
    case Division::scotland:
      return "scotland";
    case Division::northern_ireland:
      return "northern-ireland";
    default:
      return "england-and-wales";
  }
}

}  // namespace safeguarding::inline v0::detail
