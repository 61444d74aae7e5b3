// Hostile input (issue 15): each numbered point of the issue with the exact input it describes,
// through the C++ readers. Every reader reads the file with every row accounted for, or throws
// safeguarding::Error naming the file and where; never a crash, a hang or another exception.
// All data is synthetic.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "catch.hpp"
#include "safeguarding/calendar.hpp"
#include "safeguarding/front_door.hpp"
#include "safeguarding/partnership.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/rules.hpp"
#include "scratch.hpp"

using namespace safeguarding;
using namespace safeguarding::returns;
namespace fs = std::filesystem;

namespace {
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string partners =
    R"("name": "Test", "edition": "WT2018", "start": "2019-04-01", "partners": [
      {"id": "la", "name": "Test Council", "kind": "local-authority"},
      {"id": "ccg", "name": "Test CCG", "kind": "ccg"},
      {"id": "police", "name": "Test Police", "kind": "police"}])";

const std::string episodes_header =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
}  // namespace

TEST_CASE("hostile 1: a partnership whose calendar nests 100,000 arrays is an Error, not a stack overflow") {
  const std::string deep =
      "{\"name\": \"x\", \"calendar\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  const std::string message = error_message([&] { Partnership::from_json(deep, "deep.json"); });
  CHECK(contains(message, "deep.json"));
  CHECK(contains(message, "/calendar/0/0"));
  CHECK(contains(message, "more than 256 levels"));
  CHECK(contains(error_message([&] { calendar_from_json(deep, "cal.json"); }), "more than 256 levels"));
  CHECK(contains(error_message([&] { rules_from_json(deep, "rules.json", nullptr); }), "more than 256 levels"));
}

TEST_CASE("hostile 3: a million unknown CSV columns and 100,000 unknown XML elements give bounded findings") {
  const fs::path dir = scratch("hostile_unknown");
  std::string header = episodes_header;
  for (int i = 0; i < 1000000; ++i) header += ",X" + std::to_string(i);
  write(dir / "episodes_2020.csv", header + "\n");
  const auto csv = ssda903::load({dir / "episodes_2020.csv"});
  CHECK(csv.data.findings.size() <= 110);
  bool counted = false;
  for (const auto& f : csv.data.findings) counted = counted || contains(f.problem, "999,900 more columns");
  CHECK(counted);

  std::string xml = "<EXPSSDA903>";
  for (int i = 0; i < 100000; ++i) xml += "<X" + std::to_string(i) + "/>";
  write(dir / "ssda903_2020.xml", xml + "</EXPSSDA903>");
  const auto elements = ssda903::load({dir / "ssda903_2020.xml"});
  CHECK(elements.data.findings.size() <= 105);
  bool more = false;
  for (const auto& f : elements.data.findings) more = more || contains(f.problem, "99,900 more");
  CHECK(more);
}

TEST_CASE("hostile 4: a folder given as a file is an Error saying so") {
  const fs::path dir = scratch("hostile_folder");
  CHECK(contains(error_message([&] { Partnership::load(dir); }), "is a folder, not a file"));
  CHECK(contains(error_message([&] { load_calendar(dir); }), "is a folder, not a file"));
  CHECK(contains(error_message([&] { cin_census::load(dir); }), "is a folder, not a file"));
}

TEST_CASE("hostile 5: two concatenated XML files, or text after the root, are an Error") {
  const fs::path dir = scratch("hostile_roots");
  const std::string child =
      "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB></HEADER></CHILD></EXPSSDA903>";
  write(dir / "two.xml", "<?xml version='1.0'?>\n" + child + "\n" + child + "\n");
  const std::string two = error_message([&] { ssda903::load({dir / "two.xml"}); });
  CHECK(contains(two, "two.xml"));
  CHECK(contains(two, "second root element <EXPSSDA903> at line 3"));
  write(dir / "after.xml", child + "\nmore text\n");
  CHECK(contains(error_message([&] { ssda903::load({dir / "after.xml"}); }),
                 "text after the root element at line 2, column 1"));
  const std::string cin =
      "<Message><Children><Child><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers>"
      "</Child></Children></Message>";
  write(dir / "cin.xml", cin + cin);
  CHECK(contains(error_message([&] { cin_census::load(dir / "cin.xml"); }), "second root element <Message>"));
  // Comments and blank lines after the root are allowed.
  write(dir / "comment.xml", child + "\n<!-- exported -->\n\n");
  CHECK(ssda903::load({dir / "comment.xml"}).data.table("header").size() == 1);
}

TEST_CASE("hostile 7: A&#0;B as a child id is an Error, not the id A") {
  const fs::path dir = scratch("hostile_nul");
  const auto cin = [](const std::string& id) {
    return "<Message>\n<Children><Child><ChildIdentifiers><LAchildID>" + id +
           "</LAchildID></ChildIdentifiers></Child></Children></Message>";
  };
  write(dir / "cin.xml", cin("A&#0;B"));
  const std::string message = error_message([&] { cin_census::load(dir / "cin.xml"); });
  CHECK(contains(message, "cin.xml"));
  CHECK(contains(message, "&#0; at line 2, column "));
  for (const std::string ref : {"&#x0;", "&#00;", "&#xD800;", "&#x110000;", "&#99999999999;"}) {
    write(dir / "cin.xml", cin("A" + ref));
    CHECK(contains(error_message([&] { cin_census::load(dir / "cin.xml"); }), ref + " at line 2"));
  }
  write(dir / "cin.xml", cin("A&#65;"));  // a reference to "A" is fine
  CHECK(cin_census::load(dir / "cin.xml").data.table("children").size() == 1);
}

TEST_CASE("hostile 7: front-door columns misspelt or repeated, and rows with an extra field, are Errors") {
  const fs::path dir = scratch("hostile_front_door");
  write(dir / "contacts.csv", "contact,child,date,agency,decison_date\nc1,A,2019-10-01,police,2019-10-02\n");
  const std::string misspelt =
      error_message([&] { front_door::read_front_door_csv(dir / "contacts.csv", "contacts", {}); });
  CHECK(contains(misspelt, "contacts.csv"));
  CHECK(contains(misspelt,
                 "column 5: the column 'decison_date' is not a column of the contacts table (did you mean "
                 "'decision_date'?)"));
  write(dir / "contacts.csv", "contact,child,date,agency,date\nc1,A,2019-10-01,police,2019-10-02\n");
  CHECK(contains(error_message([&] { front_door::read_front_door_csv(dir / "contacts.csv", "contacts", {}); }),
                 "column 5: the column 'date' appears more than once (also column 3)"));
  write(dir / "contacts.csv", "contact,child,date,agency\nc1,A,2019-10-01,police,extra\n");
  CHECK(contains(error_message([&] { front_door::read_front_door_csv(dir / "contacts.csv", "contacts", {}); }),
                 "row 2: 5 fields, but the header has 4"));
  // A column of the caller's own, not near any of the table's, is kept.
  write(dir / "contacts.csv", "contact,child,date,agency,team\nc1,A,2019-10-01,police,north\n");
  CHECK(front_door::read_front_door_csv(dir / "contacts.csv", "contacts", {}).rows == 1);
}

TEST_CASE("hostile 7: reviews.txt beside episodes.csv is an Error, not a table skipped without a word") {
  const fs::path dir = scratch("hostile_txt") / "ssda903_2020";
  write(dir / "episodes.csv", episodes_header + "\n");
  write(dir / "reviews.txt", "CHILD,DOB,REVIEW,REVIEW_CODE\n");
  write(dir / "README.md", "notes\n");
  const std::string message = error_message([&] { ssda903::load({dir}); });
  CHECK(contains(message, "reviews.txt"));
  CHECK(contains(message, "names the reviews table, but SSDA903 tables are read from .csv or .xml files"));
  CHECK_FALSE(contains(message, "README.md"));
}

TEST_CASE("hostile 8: a JSON number out of range is an Error") {
  const std::string text = "{" + partners + R"(, "settings": {"attendance_target": 1e999}})";
  CHECK(contains(error_message([&] { Partnership::from_json(text, "p.json"); }), "p.json"));
}

TEST_CASE("hostile 8: add_working_days at the int64 limits is an Error, with no signed overflow") {
  const Calendar cal = Calendar::england_and_wales();
  for (const std::int64_t n :
       {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min(),
        std::numeric_limits<std::int64_t>::max() - 1, std::numeric_limits<std::int64_t>::min() + 1}) {
    CHECK(contains(error_message([&] { (void)cal.add_working_days(make_date(2020, 1, 1), n); }),
                   "outside the england-and-wales calendar's range"));
  }
}

TEST_CASE("hostile 9: a partnership's calendar path outside its folder is refused, and no file is echoed") {
  const fs::path top = scratch("hostile_calendar");
  const fs::path dir = top / "partnership";
  write(top / "outside.json", R"({"secret key": "secret value"})");
  write(dir / "inside.json", R"({"secret key": "secret value"})");
  write(dir / "text.json", "secret text\n");
  for (const std::string path : {"../../etc/passwd", "/etc/passwd", "../outside.json", "sub/../../outside.json"}) {
    write(dir / "p.json", "{" + partners + R"(, "calendar": ")" + path + "\"}");
    const std::string message = error_message([&] { Partnership::load(dir / "p.json"); });
    CHECK(contains(message, "/calendar: '" + path + "' is outside the partnership file's folder"));
    CHECK_FALSE(contains(message, "secret"));
    CHECK_FALSE(contains(message, "root:"));
  }
  for (const std::string path : {"inside.json", "text.json"}) {
    write(dir / "p.json", "{" + partners + R"(, "calendar": ")" + path + "\"}");
    const std::string message = error_message([&] { Partnership::load(dir / "p.json"); });
    CHECK(contains(message, "/calendar: the calendar file '" + path + "'"));
    CHECK_FALSE(contains(message, "secret"));
  }
  write(dir / "calendars" / "local.json", R"({"base": "england-and-wales", "holidays": [
    {"date": "2020-01-02", "name": "Local day"}]})");
  write(dir / "p.json", "{" + partners + R"(, "calendar": "calendars/local.json"})");
  CHECK(Partnership::load(dir / "p.json").calendar.holiday_on(make_date(2020, 1, 2)).has_value());
}

TEST_CASE("hostile 9: a caller who trusts the partnership file may allow its calendar file anywhere") {
  const fs::path top = scratch("hostile_calendar_anywhere");
  const fs::path dir = top / "partnership";
  // 2 January 2020 (a Thursday) made a local holiday by a calendar file beside the folder, not in it.
  write(top / "shared" / "local.json", R"({"base": "england-and-wales", "holidays": [
    {"date": "2020-01-02", "name": "Local day"}]})");
  const std::string absolute = fs::absolute(top / "shared" / "local.json").string();
  for (const std::string& path : {std::string("../shared/local.json"), absolute}) {
    const std::string text = "{" + partners + R"(, "calendar": ")" + path + R"("})";
    write(dir / "p.json", text);
    CHECK(contains(error_message([&] { Partnership::load(dir / "p.json"); }),
                   "is outside the partnership file's folder"));
    const Partnership p = Partnership::load(dir / "p.json", CalendarFiles::anywhere);
    CHECK(p.calendar.holiday_on(make_date(2020, 1, 2)).has_value());
    CHECK(p.calendar_file == path);
    CHECK(partnership_from_json(text, "p.json", dir, CalendarFiles::anywhere)
              .calendar.holiday_on(make_date(2020, 1, 2))
              .has_value());
  }
  // Allowed anywhere, a file that is not a calendar is still reported without its content.
  write(top / "secret.json", R"({"secret key": "secret value"})");
  write(dir / "p.json", "{" + partners + R"(, "calendar": "../secret.json"})");
  const std::string message = error_message([&] { Partnership::load(dir / "p.json", CalendarFiles::anywhere); });
  CHECK(contains(message, "/calendar: the calendar file '../secret.json'"));
  CHECK_FALSE(contains(message, "secret value"));
  CHECK_FALSE(contains(message, "secret key"));
}

TEST_CASE("hostile 10: chained groups validate in linear time; activity cycles are refused") {
  const auto groups = [](int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
      out += std::string(i ? "," : "") + R"({"id": "g)" + std::to_string(i) + R"(", "name": "G", "kind": )" +
             R"("delivery-subgroup", "chairs": [], "members": [{"agency": "la"}], "frequency": {"per": )" +
             R"("as-required"})" + (i ? R"(, "parent": "g)" + std::to_string(i - 1) + "\"" : std::string()) + "}";
    return out;
  };
  // Linear: four times the groups take about four times as long (quadratic validation: sixteen).
  const auto seconds = [&](int n) {
    const auto start = std::chrono::steady_clock::now();
    (void)Partnership::from_json("{" + partners + R"(, "groups": [)" + groups(n) + "]}", "groups.json");
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const double small = seconds(2000), large = seconds(8000);
  CHECK(large < 8 * small + 0.5);

  const auto activities = [](const std::string& first_follows) {
    return "{" + partners + R"(, "activities": [
      {"id": "a1", "type": "audit", "date": "2020-01-01", "title": "One", "follows": ")" +
           first_follows + R"("},
      {"id": "a2", "type": "audit", "date": "2020-02-01", "title": "Two", "follows": "a1"}]})";
  };
  CHECK(contains(error_message([&] { Partnership::from_json(activities("a1"), "a.json"); }), "follows itself"));
  CHECK(contains(error_message([&] { Partnership::from_json(activities("a2"), "a.json"); }), "cycle"));
}
