// Calendars in JSON: the project's own format (docs/calendar.md, "Calendar files") and gov.uk's
// bank-holidays.json.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/json/reader.hpp"

namespace safeguarding::inline v0 {

namespace detail {

inline std::vector<Holiday> read_holiday_list(const io::Cursor& list) {
  std::vector<Holiday> out;
  list.for_each([&](const io::Cursor& item) {
    if (!item.expect_object()) return;
    item.reject_unknown_keys({"date", "name", "substitute"});
    auto date = item["date"].date();
    auto name = item["name"].string();
    const bool substitute = item["substitute"].boolean_or(false);
    if (date && name) out.push_back(Holiday{*date, *name, substitute});
  });
  return out;
}

}  // namespace detail

/// Reads a calendar from the project's JSON format (see docs/calendar.md):
///
///     {"name": "Haringey Council", "base": "england-and-wales",
///      "holidays": [{"date": "2019-12-24", "name": "Council closure"}],
///      "remove": ["2020-05-08"], "weekend": ["Saturday", "Sunday"]}
///
/// With "base", the built-in calendar is the starting point: "holidays" are added to it and
/// "remove" takes holidays away. Without it, "first_date" and "last_date" give the range and
/// "holidays" is the complete list. Every problem is reported with its JSON pointer.
inline Calendar calendar_from_json(const nlohmann::json& document, std::string_view source = {}) {
  Problems problems;
  const io::Cursor root(document, problems);
  if (!root.expect_object()) problems.throw_if_any(source);
  root.reject_unknown_keys({"$schema", "name", "base", "weekend", "first_date", "last_date", "holidays", "remove"});

  const auto base_key = root["base"].present() ? root["base"].one_of({"england-and-wales", "scotland", "northern-ireland"})
                                               : std::nullopt;
  const bool has_base = root["base"].present();
  std::optional<std::string> name = root["name"].string(!has_base);

  std::optional<Weekend> weekend;
  if (root["weekend"].present() && root["weekend"].expect_array()) {
    std::vector<std::string> names;
    bool ok = true;
    root["weekend"].for_each([&](const io::Cursor& day) {
      auto s = day.string();
      ok = ok && s.has_value();
      if (s) names.push_back(*s);
    });
    if (ok) {
      try {
        weekend = Weekend::of_names(names, root["weekend"].pointer());
      } catch (const Error& e) {
        for (const auto& p : e.problems()) problems.add(p.where.empty() ? root["weekend"].where() : p.where, p.message);
      }
    }
  }

  std::optional<Date> first, last;
  if (has_base) {
    for (const char* key : {"first_date", "last_date"})
      if (root[key].present()) root[key].problem("a calendar with a \"base\" covers the base's range; remove this field");
  } else {
    first = root["first_date"].date();
    last = root["last_date"].date();
    if (root["remove"].present()) root["remove"].problem("\"remove\" needs a \"base\" calendar to remove holidays from");
  }

  std::vector<Holiday> holidays;
  if (root["holidays"].present() && root["holidays"].expect_array()) holidays = detail::read_holiday_list(root["holidays"]);
  std::vector<Date> removed;
  if (has_base && root["remove"].present())
    root["remove"].for_each([&](const io::Cursor& item) {
      if (auto d = item.date()) removed.push_back(*d);
    });

  problems.throw_if_any(source);

  // The remaining checks (duplicates, ranges, removing a day that is no holiday) are made by the
  // calendar itself; report them against the file.
  try {
    if (has_base) {
      Calendar cal = Calendar::builtin(*base_key);
      if (!removed.empty()) cal = cal.without_holidays(removed);
      if (!holidays.empty()) cal = cal.with_holidays(holidays);
      if (weekend) cal = cal.with_weekend(*weekend);
      if (name && *name != cal.name()) cal = cal.renamed(*name);
      return cal;
    }
    return Calendar::from_holidays(*name, holidays, *first, *last, weekend.value_or(Weekend::saturday_sunday()));
  } catch (const Error& e) {
    throw Error(e.problems(), source);
  }
}

/// Reads a calendar file in the project's format.
inline Calendar load_calendar(const std::filesystem::path& path) {
  return calendar_from_json(io::parse_file(path), path.string());
}

/// Writes a calendar in the project's format, listing every holiday, so that
/// `calendar_from_json(calendar_to_json(c)) == c`.
inline nlohmann::json calendar_to_json(const Calendar& cal) {
  nlohmann::json out;
  out["name"] = cal.name();
  out["weekend"] = cal.weekend().names();
  out["first_date"] = to_iso(cal.first_date());
  out["last_date"] = to_iso(cal.last_date());
  nlohmann::json list = nlohmann::json::array();
  for (const Holiday& h : cal.holidays()) {
    nlohmann::json item{{"date", to_iso(h.date)}, {"name", h.name}};
    if (h.substitute) item["substitute"] = true;
    list.push_back(std::move(item));
  }
  out["holidays"] = std::move(list);
  return out;
}

/// Reads one division of gov.uk's bank-holidays.json ("england-and-wales", "scotland",
/// "northern-ireland"). The calendar covers the whole years the file lists and nothing beyond:
/// outside them, nothing is known of the holidays.
inline Calendar calendar_from_govuk_json(const nlohmann::json& document, std::string_view division,
                                         std::string_view source = {}) {
  Problems problems;
  const io::Cursor root(document, problems);
  if (!root.expect_object()) problems.throw_if_any(source);
  const io::Cursor div = root[division];
  if (!div.present()) {
    std::string found;
    if (root.is_object())
      for (const auto& item : document.items()) found += (found.empty() ? "" : ", ") + item.key();
    div.problem("there is no division " + quote(division) + " in the file (it has: " + (found.empty() ? "none" : found) + ")");
    problems.throw_if_any(source);
  }
  std::vector<Holiday> holidays;
  div["events"].for_each(
      [&](const io::Cursor& e) {
        if (!e.expect_object()) return;
        auto date = e["date"].date();
        auto title = e["title"].string();
        const std::string notes = e["notes"].string_or("");
        if (date && title) holidays.push_back(Holiday{*date, *title, notes == "Substitute day"});
      },
      true);
  if (div["events"].is_array() && div["events"].size() == 0) div["events"].problem("the division lists no holidays");
  problems.throw_if_any(source);
  int first_year = 9999, last_year = 0;
  for (const Holiday& h : holidays) {
    first_year = std::min<int>(first_year, h.date.year());
    last_year = std::max<int>(last_year, h.date.year());
  }
  try {
    return Calendar::from_holidays(std::string(division), holidays, from_days(support::days_from_civil(first_year, 1, 1)), from_days(support::days_from_civil(last_year, 12, 31)));
  } catch (const Error& e) {
    throw Error(e.problems(), source);
  }
}

inline Calendar load_govuk_calendar(const std::filesystem::path& path, std::string_view division) {
  return calendar_from_govuk_json(io::parse_file(path), division, path.string());
}

/// nlohmann's ADL extension point: `json j = calendar;` and `j.get<Calendar>()`.
inline void to_json(nlohmann::json& j, const Calendar& cal) { j = calendar_to_json(cal); }
inline void from_json(const nlohmann::json& j, Calendar& cal) { cal = calendar_from_json(j); }

}  // namespace safeguarding::inline v0
