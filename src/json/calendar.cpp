// Calendars in JSON: the project's own format (docs/calendar.md, "Calendar files") and gov.uk's
// bank-holidays.json.
#include "safeguarding/calendar.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "reader.hpp"

namespace safeguarding::inline v0 {

namespace json::detail {

SAFEGUARDING_FUNC std::vector<Holiday> read_holiday_list(const Cursor& list) {
  std::vector<Holiday> out;
  list.for_each([&](const Cursor& item) {
    if (!item.expect_object()) return;
    item.reject_unknown_keys({"date", "name", "substitute"});
    auto date = item["date"].date();
    auto name = item["name"].string();
    const bool substitute = item["substitute"].boolean_or(false);
    if (date && name) out.push_back(Holiday{*date, *name, substitute});
  });
  return out;
}

SAFEGUARDING_FUNC std::optional<Weekend> read_weekend(const Cursor& field, Problems& problems) {
  if (!field.present() || !field.expect_array()) return std::nullopt;
  std::vector<std::string> names;
  bool ok = true;
  field.for_each([&](const Cursor& day) {
    auto s = day.string();
    ok = ok && s.has_value();
    if (s) names.push_back(*s);
  });
  if (!ok) return std::nullopt;
  try {
    return Weekend::of_names(names, field.pointer());
  } catch (const Error& e) {
    for (const auto& p : e.problems()) problems.add(p.where.empty() ? field.where() : p.where, p.message);
  }
  return std::nullopt;
}

/// What a calendar file says, read and checked for shape.
struct CalendarFields {
  std::optional<std::string> base;
  std::optional<std::string> name;
  std::optional<Weekend> weekend;
  std::optional<Date> first, last;
  std::vector<Holiday> holidays;
  std::vector<Date> removed;
};

SAFEGUARDING_FUNC CalendarFields read_calendar_fields(const Cursor& root, Problems& problems) {
  CalendarFields f;
  root.reject_unknown_keys({"$schema", "name", "base", "weekend", "first_date", "last_date", "holidays", "remove"});
  const bool has_base = root["base"].present();
  if (has_base) f.base = root["base"].one_of({"england-and-wales", "scotland", "northern-ireland"});
  f.name = root["name"].string(!has_base);
  f.weekend = read_weekend(root["weekend"], problems);
  if (has_base) {
    for (const char* key : {"first_date", "last_date"})
      if (root[key].present())
        root[key].problem("a calendar with a \"base\" covers the base's range; remove this field");
  } else {
    f.first = root["first_date"].date();
    f.last = root["last_date"].date();
    if (root["remove"].present())
      root["remove"].problem("\"remove\" needs a \"base\" calendar to remove holidays from");
  }
  if (root["holidays"].present() && root["holidays"].expect_array()) f.holidays = read_holiday_list(root["holidays"]);
  if (has_base && root["remove"].present())
    root["remove"].for_each([&](const Cursor& item) {
      if (auto d = item.date()) f.removed.push_back(*d);
    });
  return f;
}

/// The calendar the fields describe; the calendar's own checks (duplicates, ranges, removing a day
/// that is no holiday) are reported against the file.
SAFEGUARDING_FUNC Calendar build_calendar(const CalendarFields& f, bool has_base, std::string_view source) {
  try {
    if (has_base) {
      Calendar cal = Calendar::builtin(*f.base);
      if (!f.removed.empty()) cal = cal.without_holidays(f.removed);
      if (!f.holidays.empty()) cal = cal.with_holidays(f.holidays);
      if (f.weekend) cal = cal.with_weekend(*f.weekend);
      if (f.name && *f.name != cal.name()) cal = cal.renamed(*f.name);
      return cal;
    }
    return Calendar::from_holidays(*f.name, f.holidays, *f.first, *f.last,
                                   f.weekend.value_or(Weekend::saturday_sunday()));
  } catch (const Error& e) {
    throw Error(e.problems(), source);
  }
}

SAFEGUARDING_FUNC std::vector<Holiday> read_govuk_events(const Cursor& div) {
  std::vector<Holiday> holidays;
  div["events"].for_each(
      [&](const Cursor& e) {
        if (!e.expect_object()) return;
        auto date = e["date"].date();
        auto title = e["title"].string();
        const std::string notes = e["notes"].string_or("");
        if (date && title) holidays.push_back(Holiday{*date, *title, notes == "Substitute day"});
      },
      true);
  if (div["events"].is_array() && div["events"].size() == 0) div["events"].problem("the division lists no holidays");
  return holidays;
}

SAFEGUARDING_FUNC Calendar govuk_calendar(const Document& document, std::string_view division,
                                          std::string_view source) {
  Problems problems;
  const Cursor root(document, problems);
  if (!root.expect_object()) problems.throw_if_any(source);
  const Cursor div = root[division];
  if (!div.present()) {
    std::string found;
    if (root.is_object())
      for (const auto& item : document.items()) found += (found.empty() ? "" : ", ") + item.key();
    div.problem("there is no division " + quote(division) +
                " in the file (it has: " + (found.empty() ? "none" : found) + ")");
    problems.throw_if_any(source);
  }
  const std::vector<Holiday> holidays = read_govuk_events(div);
  problems.throw_if_any(source);
  int first_year = 9999, last_year = 0;
  for (const Holiday& h : holidays) {
    first_year = std::min<int>(first_year, h.date.year());
    last_year = std::max<int>(last_year, h.date.year());
  }
  try {
    return Calendar::from_holidays(std::string(division), holidays,
                                   from_days(support::days_from_civil(first_year, 1, 1)),
                                   from_days(support::days_from_civil(last_year, 12, 31)));
  } catch (const Error& e) {
    throw Error(e.problems(), source);
  }
}

}  // namespace json::detail

namespace json {

/// Reads a calendar from the project's JSON format (see docs/calendar.md). With "base", the
/// built-in calendar is the starting point: "holidays" are added to it and "remove" takes holidays
/// away. Without it, "first_date" and "last_date" give the range and "holidays" is the complete
/// list. Every problem is reported with its JSON pointer.
SAFEGUARDING_FUNC Calendar calendar_from_document(const Document& document, std::string_view source) {
  Problems problems;
  const Cursor root(document, problems);
  if (!root.expect_object()) problems.throw_if_any(source);
  const detail::CalendarFields fields = detail::read_calendar_fields(root, problems);
  problems.throw_if_any(source);
  return detail::build_calendar(fields, root["base"].present(), source);
}

SAFEGUARDING_FUNC Document calendar_document(const Calendar& cal) {
  Document out;
  out["name"] = cal.name();
  out["weekend"] = cal.weekend().names();
  out["first_date"] = to_iso(cal.first_date());
  out["last_date"] = to_iso(cal.last_date());
  Document list = Document::array();
  for (const Holiday& h : cal.holidays()) {
    Document item{{"date", to_iso(h.date)}, {"name", h.name}};
    if (h.substitute) item["substitute"] = true;
    list.push_back(std::move(item));
  }
  out["holidays"] = std::move(list);
  return out;
}

}  // namespace json

SAFEGUARDING_FUNC Calendar calendar_from_json(std::string_view text, std::string_view source) {
  return json::calendar_from_document(json::parse_text(text, source), source);
}

SAFEGUARDING_FUNC Calendar load_calendar(const std::filesystem::path& path) {
  return json::calendar_from_document(json::parse_file(path), path.string());
}

SAFEGUARDING_FUNC std::string calendar_to_json(const Calendar& calendar, int indent) {
  return json::dump(json::calendar_document(calendar), indent);
}

SAFEGUARDING_FUNC Calendar calendar_from_govuk_json(std::string_view text, std::string_view division,
                                                    std::string_view source) {
  return json::detail::govuk_calendar(json::parse_text(text, source), division, source);
}

SAFEGUARDING_FUNC Calendar load_govuk_calendar(const std::filesystem::path& path, std::string_view division) {
  return json::detail::govuk_calendar(json::parse_file(path), division, path.string());
}

}  // namespace safeguarding::inline v0
