#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include "catch.hpp"

#include "safeguarding/calendar.hpp"
#include "scratch.hpp"

using namespace safeguarding;
using boost::gregorian::date;
using nlohmann::json;

TEST_CASE("a local calendar from a base") {
  const Calendar cal = calendar_from_json(R"({
    "name": "Haringey Council",
    "base": "england-and-wales",
    "holidays": [{"date": "2019-12-24", "name": "Council closure"}, {"date": "2019-12-31", "name": "Council closure"}],
    "remove": ["2020-05-08"]
  })");
  CHECK(cal.name() == "Haringey Council");
  CHECK(!cal.is_working_day(date(2019, 12, 24)));
  CHECK(!cal.is_working_day(date(2019, 12, 31)));
  CHECK(cal.is_working_day(date(2020, 5, 8)));
  CHECK(!cal.is_working_day(date(2020, 5, 25)));
  CHECK(cal.first_date() == date(1970, 1, 1));
}

TEST_CASE("a calendar written out and read back is equal") {
  for (const Calendar& original : {Calendar::england_and_wales(), Calendar::scotland(),
                                   Calendar::northern_ireland().with_weekend(Weekend::of({4, 5}), "odd weekend")}) {
    const std::string written = calendar_to_json(original);
    const Calendar back = calendar_from_json(written);
    CHECK(back == original);
    CHECK(calendar_to_json(back) == written);
    const std::string one_line = calendar_to_json(original, -1);
    CHECK(one_line.find('\n') == std::string::npos);
    CHECK(json::parse(one_line) == json::parse(written));
    CHECK(calendar_from_json(one_line) == original);
  }
}

TEST_CASE("every problem in a calendar file is reported with its JSON pointer") {
  const std::string message = error_message([] {
    (void)calendar_from_json(R"({
      "name": "x", "first_date": "2019-02-30", "last_date": 5,
      "holidays": [{"date": "2019-13-01", "name": 3}, {"date": "2019-05-06", "name": "ok", "colour": "red"}],
      "weekend": ["Saturday", "Funday"], "remove": ["2019-05-06"]
    })",
                             "council.json");
  });
  CHECK(message ==
        "council.json: 7 problems\n"
        "  /weekend/1: 'Funday' is not a day of the week (expected Monday … Sunday)\n"
        "  /first_date: '2019-02-30' is not a valid date: February 2019 has 28 days\n"
        "  /last_date: expected a date string such as \"2019-09-29\", got the number 5\n"
        "  /remove: \"remove\" needs a \"base\" calendar to remove holidays from\n"
        "  /holidays/0/date: '2019-13-01' is not a valid date: there is no month 13\n"
        "  /holidays/0/name: expected a string, got the number 3\n"
        "  /holidays/1/colour: unknown field 'colour' (expected one of: date, name, substitute)");
}

TEST_CASE("calendar file checks made by the calendar itself are reported against the file") {
  CHECK(error_message([] {
          (void)calendar_from_json(
              R"({"base": "england-and-wales", "holidays": [{"date": "2019-12-25", "name": "Closure"}]})",
              "council.json");
        }) == "council.json: 1 problem\n  2019-12-25 is listed twice: 'Christmas Day' and 'Closure'");
  CHECK(error_message([] { (void)calendar_from_json(R"({"base": "wales"})", "c.json"); }) ==
        "c.json: 1 problem\n  /base: 'wales' is not one of: england-and-wales, scotland, northern-ireland");
  CHECK(error_message([] { (void)calendar_from_json(R"([1, 2])", "c.json"); }) ==
        "c.json: 1 problem\n  /: expected an object, got an array");
}

TEST_CASE("malformed and truncated files name the file and position") {
  const auto dir = scratch_path("calendar_json");
  std::filesystem::create_directories(dir);
  const auto truncated = dir / "truncated.json";
  std::ofstream(truncated) << "{\n  \"name\": \"x\",\n  \"base\": \"england-and-wa";
  CHECK(error_message([&] {
          (void)load_calendar(truncated);
        }).starts_with(truncated.string() + ": the JSON ends too early (truncated file?) at line 3"));
  const auto malformed = dir / "malformed.json";
  std::ofstream(malformed) << "{\"name\": \"x\",, }";
  INFO(error_message([&] { (void)load_calendar(malformed); }));
  CHECK(error_message([&] {
          (void)load_calendar(malformed);
        }).starts_with(malformed.string() + ": not valid JSON at line 1, column 14"));
  CHECK(error_message([&] { (void)load_calendar(dir / "absent.json"); }) ==
        (dir / "absent.json").string() + ": cannot open the file");
  std::filesystem::remove_all(dir);
}

TEST_CASE("gov.uk's bank-holidays.json") {
  const Calendar cal = load_govuk_calendar(SAFEGUARDING_TEST_DATA "/bank-holidays.json", "scotland");
  CHECK(cal.name() == "scotland");
  CHECK(cal.holidays(2026).size() == 10);
  CHECK(error_message([] { (void)load_govuk_calendar(SAFEGUARDING_TEST_DATA "/bank-holidays.json", "wales"); })
            .ends_with("/wales: there is no division 'wales' in the file (it has: england-and-wales, northern-ireland, "
                       "scotland)"));
  CHECK(error_message([] {
          (void)calendar_from_govuk_json(R"({"scotland": {"events": [{"date": "2019-02-30", "title": "x"}]}})",
                                         "scotland", "bh.json");
        }) ==
        "bh.json: 1 problem\n  /scotland/events/0/date: '2019-02-30' is not a valid date: February 2019 has 28 days");
  // Outside the years the file lists, nothing is known.
  CHECK(error_message([&] {
          (void)cal.is_working_day(date(2029, 1, 2));
        }).find("outside the scotland calendar's range") != std::string::npos);
}

TEST_CASE("a folder given as a calendar file is an Error saying so") {
  const auto dir = scratch_path("calendar_folder.json");
  std::filesystem::create_directories(dir);
  CHECK(error_message([&] { (void)load_calendar(dir); }) == dir.string() + ": is a folder, not a file");
  std::filesystem::remove_all(dir);
}
