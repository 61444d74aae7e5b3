// What must never change a figure silently, seen from C++ (issue 12): month-first dates are an Error
// from the reader itself, short breaks do not supersede care episodes, duplicate CIN plans are merged,
// years outside the data are an Error, the nearest-name helper, and summaries by reporting year.
// Every file is a small synthetic one written by hand; expected figures are worked in the comments.
#include <filesystem>
#include <string>
#include <vector>

#include "catch.hpp"
#include "load_lines.hpp"
#include "returns/cin_census/reader.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/support/nearest.hpp"
#include "safeguarding/timeliness/summary.hpp"
#include "scratch.hpp"
#include "support/values.hpp"

using namespace safeguarding;
using namespace safeguarding::returns;
namespace fs = std::filesystem;

namespace {

std::int64_t day(const char* iso) {
  return support::detail::quick_day(iso);
}
}  // namespace

TEST_CASE("a month-first date column is an Error from the C++ reader, unless read month first") {
  const fs::path dir = scratch("month_first") / "903_2019";
  // Row 2: 24 can only be a day, so DECOM is written month first; row 3 would be read 5 April.
  write(dir / "episodes.csv",
        episode_head + "C1,05/24/2018,S,C2,N1,U1,PR1,,,,,,\nC2,05/04/2018,S,C2,N1,U1,PR1,,,,,,\n");
  try {
    (void)ssda903::load(dir);
    FAIL("a month-first column was read day first");
  } catch (const Error& e) {
    const std::string message = e.what();
    CHECK(message.find((dir / "episodes.csv").string()) != std::string::npos);
    CHECK(message.find("column DECOM of the episodes table has dates written month first") != std::string::npos);
    CHECK(message.find("row 2, column DECOM ('05/24/2018')") != std::string::npos);
  }
  ReadOptions month_first;
  month_first.dayfirst = false;
  const auto loaded = ssda903::load(dir, month_first);
  const auto& decom = loaded.data.table("episodes").column("DECOM").numbers;
  CHECK(decom == std::vector<std::int64_t>{day("2018-05-24"), day("2018-05-04")});
}

TEST_CASE("a short break in a later return does not supersede an earlier return's care episode") {
  const fs::path dir = scratch("short_break");
  // 2018: care from 14/12/2017. 2019: a V3 short break 12-16/12/2017 and a placement change on 1/5/2018.
  write(dir / "903_2018" / "episodes.csv", episode_head + "C1,14/12/2017,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "903_2019" / "episodes.csv",
        episode_head + "C1,12/12/2017,S,V3,N1,U1,PR1,16/12/2017,E13,,,,\n" + "C1,01/05/2018,P,C2,N1,U1,PR1,,,,,,\n");
  const auto loaded = ssda903::load(dir);
  const Table& e = loaded.data.table("episodes");
  REQUIRE(e.size() == 3);
  CHECK(loaded.data.count("episodes").merged == 0);
  const auto periods = ssda903::periods_of_care(e);
  REQUIRE(periods.size() == 1);
  CHECK(periods.start[0] == day("2017-12-14"));
  CHECK(periods.start_known[0] == 1);
}

TEST_CASE("a CIN plan given twice is merged into the first, and its reviews with it") {
  const fs::path dir = scratch("cin_duplicates");
  const std::string plan =
      "<ChildProtectionPlans><CPPstartDate>2018-06-01</CPPstartDate><Reviews><CPPreviewDate>2018-09-01"
      "</CPPreviewDate></Reviews></ChildProtectionPlans>";
  write(dir / "cin.xml",
        "<Message><Header><CollectionDetails><Year>2019</Year></CollectionDetails></Header><Children><Child>"
        "<ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2018-05-01"
        "</CINreferralDate>" +
            plan + plan + "</CINdetails></Child></Children></Message>");
  const auto census = cin_census::load(dir / "cin.xml");
  CHECK(census.data.table("cp_plans").size() == 1);
  CHECK(census.data.table("cp_reviews").size() == 1);
  CHECK(census.data.count("cp_plans").merged == 1);
  // One plan starting in 2018-19, with no earlier one: 0 of 1 (not 1 of 2).
  const Proportion second = cin_census::second_or_later_plans(census, ReportingYear(2019));
  CHECK(second.count == 0);
  CHECK(second.total == 1);
  // A year after the census's collection year is not covered.
  CHECK_THROWS_WITH(cin_census::second_or_later_plans(census, ReportingYear(2030)),
                    Catch::Contains("2029-30 is outside the years the data covers"));
}

TEST_CASE("CIN records given more than once are merged in key order, whatever their order in the file") {
  const fs::path dir = scratch("cin_duplicates_order");
  const auto plan = [](const std::string& start) {
    return "<ChildProtectionPlans><CPPstartDate>" + start + "</CPPstartDate></ChildProtectionPlans>";
  };
  // Plans 1, 3 and 5 start on 1 June 2018, plans 2 and 4 on 1 July: 5 read, 2 kept, 3 merged.
  write(dir / "cin.xml",
        "<Message><Header><CollectionDetails><Year>2019</Year></CollectionDetails></Header><Children><Child>"
        "<ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2018-05-01"
        "</CINreferralDate>" +
            plan("2018-06-01") + plan("2018-07-01") + plan("2018-06-01") + plan("2018-07-01") + plan("2018-06-01") +
            "</CINdetails></Child></Children></Message>");
  const auto census = cin_census::load(dir / "cin.xml");
  const Table& plans = census.data.table("cp_plans");
  REQUIRE(plans.size() == 2);
  CHECK(plans.path[0] == "/Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[1]");
  CHECK(plans.path[1] == "/Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[2]");
  CHECK(census.data.count("cp_plans").merged == 3);
  // The findings in key order (start date, then position): plans 3 and 5 into 1, then 4 into 2.
  std::vector<std::string> merged;
  for (const auto& f : census.data.findings)
    if (f.action == FindingAction::merged)
      merged.push_back(f.where + " -> " + f.problem.substr(0, f.problem.find(" (")));
  const std::string base = "/Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans";
  CHECK(merged == std::vector<std::string>{base + "[3] -> duplicate of " + base + "[1]",
                                           base + "[5] -> duplicate of " + base + "[1]",
                                           base + "[4] -> duplicate of " + base + "[2]"});
}

TEST_CASE("a CIN census whose Year and ReferenceDate name different collections is a finding") {
  const fs::path dir = scratch("cin_year_conflict");
  const auto census_with = [&](const std::string& year, const std::string& reference) {
    write(dir / "cin.xml", "<Message><Header><CollectionDetails><Year>" + year + "</Year><ReferenceDate>" + reference +
                               "</ReferenceDate></CollectionDetails></Header><Children><Child><ChildIdentifiers>"
                               "<LAchildID>K1</LAchildID></ChildIdentifiers></Child></Children></Message>");
    return cin_census::load(dir / "cin.xml");
  };
  const auto conflicts = [](const cin_census::CinCensus& c) {
    std::vector<std::string> out;
    for (const auto& f : c.data.findings)
      if (f.column == "Year") out.push_back(f.where + ": " + f.problem);
    return out;
  };
  // 31 March 2024 ends the census year 2023-24, the 2024 collection: Year 2023 disagrees.
  const auto wrong = conflicts(census_with("2023", "2024-03-31"));
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0] ==
        "/Message/Header/CollectionDetails/Year: Year 2023 and ReferenceDate 2024-03-31 disagree: that date falls in "
        "the 2024 census's year (to 31 March 2024); the census's year is taken from Year");
  CHECK(conflicts(census_with("2024", "2024-03-31")).empty());
  // 1 April 2023 already belongs to the year ending 31 March 2024.
  CHECK(conflicts(census_with("2024", "2023-04-01")).empty());
  CHECK(conflicts(census_with("2023", "2023-04-01")).size() == 1);
}

TEST_CASE("the nearest names: edit distance ignoring case, else the longest shared prefix") {
  const std::vector<std::string> known = {"date of latest statutory review", "date of last social work visit",
                                          "date of last health assessment"};
  // "Lastest" is one letter from "latest" but shares a longer prefix with "last social work visit".
  CHECK(support::nearest_names("date of lastest statutory review", known) ==
        std::vector<std::string>{"date of latest statutory review"});
  CHECK(support::nearest_names("CINClosureDate", {"CINclosureDate", "CINreferralDate"}) ==
        std::vector<std::string>{"CINclosureDate"});
  CHECK(support::did_you_mean("lac.review.frist", {"lac.review.first", "lac.review.second"}) ==
        " (did you mean 'lac.review.first'?)");
  CHECK(support::nearest_names("zzz", {"abc"}).empty());
  // Distance 3 is more than 2 (a quarter of the length, at least 2): no hint, not the one name known.
  CHECK(support::nearest_names("abcz", {"abxy"}) == std::vector<std::string>{"abxy"});
  // A shared prefix must be two thirds of the name: "contact " is 8 of "contact source"'s 14
  // letters (distance 5 to "contact date"), one shared letter is no hint at all.
  CHECK(support::nearest_names("contact source", {"contact date", "age"}).empty());
  CHECK(support::nearest_names("allocated team", {"adopter id", "age"}).empty());
  // "lac.review" is the first 10 letters of both chain links (distance 6 and 7: too far).
  CHECK(support::nearest_names("lac.review", {"lac.review.first", "lac.review.second", "lac.visit"}) ==
        std::vector<std::string>{"lac.review.first", "lac.review.second"});
}

TEST_CASE("summaries by reporting year begin in April; reporting quarters are the calendar's") {
  // Due dates 31 March 2019 (2018-19), 1 April 2019 and 30 June 2019 (2019-20, its first quarter).
  const std::vector<std::int32_t> rule = {0, 0, 0};
  const std::vector<std::uint8_t> status = {0, 0, 1};
  const std::vector<std::int64_t> due = {day("2019-03-31"), day("2019-04-01"), day("2019-06-30")};
  const auto years = timeliness::summarise(std::span<const std::int32_t>(rule), status, due,
                                           timeliness::SummaryPeriod::reporting_year);
  REQUIRE(years.size() == 2);
  CHECK(years.period == std::vector<std::int64_t>{day("2018-04-01"), day("2019-04-01")});
  CHECK(years.instances == std::vector<std::int64_t>{1, 2});
  const auto quarters = timeliness::summarise(std::span<const std::int32_t>(rule), status, due,
                                              timeliness::SummaryPeriod::reporting_quarter);
  CHECK(quarters.period == std::vector<std::int64_t>{day("2019-01-01"), day("2019-04-01")});
}

TEST_CASE("SSDA903 files read on two threads give the dictionaries and findings of reading them in order") {
  // Six returns, the first much the largest (so that a later file is likely to be read first).
  // Each has a child Zyyyy then a child Ayyyy (the ids' first appearance is not their text order),
  // a HOME_POST Pyyyy, and one RNE that is no RNE code ('Q').
  const fs::path dir = scratch("read_in_order");
  for (int year = 2014; year <= 2019; ++year) {
    const std::string y = std::to_string(year), start = "01/06/" + std::to_string(year - 1);
    std::string rows = episode_head + "Z" + y + "," + start + ",S,C2,N1,U1,PR1,,,,P" + y + ",,\n" + "A" + y + "," +
                       start + ",Q,C2,N1,U1,PR1,,,,P" + y + ",,\n";
    for (int i = 0; year == 2014 && i < 3000; ++i)
      rows += "B" + std::to_string(10000 + i) + "," + start + ",S,C2,N1,U1,PR1,,,,,,\n";
    write(dir / ("903_" + y) / "episodes.csv", rows);
  }
  const auto loaded = ssda903::load(dir);
  const Table& e = loaded.data.table("episodes");
  REQUIRE(e.size() == 6 * 2 + 3000);
  // The ids in the order the files give them: Z2014, A2014, the 3,000 B ids, then Z2015, A2015...
  const auto& ids = e.column("CHILD").dictionary->values();
  REQUIRE(ids.size() == 6 * 2 + 3000);
  CHECK(ids[0] == "Z2014");
  CHECK(ids[1] == "A2014");
  CHECK(ids[2] == "B10000");
  CHECK(ids[3001] == "B12999");
  for (int k = 1; k < 6; ++k) {
    CHECK(ids[static_cast<std::size_t>(3000 + 2 * k)] == "Z" + std::to_string(2014 + k));
    CHECK(ids[static_cast<std::size_t>(3001 + 2 * k)] == "A" + std::to_string(2014 + k));
  }
  CHECK(e.column("HOME_POST").dictionary->values() ==
        std::vector<std::string>{"P2014", "P2015", "P2016", "P2017", "P2018", "P2019"});
  // One finding per file, about its row 3, in the files' order.
  std::vector<std::string> files;
  for (const auto& f : loaded.data.findings)
    if (f.column == "RNE") {
      files.push_back(f.file);
      CHECK(f.row == 3);
    }
  std::vector<std::string> expected;
  for (int year = 2014; year <= 2019; ++year)
    expected.push_back((dir / ("903_" + std::to_string(year)) / "episodes.csv").string());
  CHECK(files == expected);
  CHECK(loaded.data.count("episodes").read == 3012);
}

namespace {
std::vector<std::string> where_of(const cin_census::CinCensus& census, const std::string& problem_part) {
  std::vector<std::string> out;
  for (const auto& f : census.data.findings)
    if (f.problem.find(problem_part) != std::string::npos) out.push_back(f.where + " @" + std::to_string(f.row));
  return out;
}
}  // namespace

TEST_CASE("text inside an element before its first element is reported as text between elements is") {
  // The XML is parsed with element text stored in the element (parse_embed_pcdata), so text before
  // a container's first element is not a node of its own: it was dropped with no finding.
  const fs::path dir = scratch("text_before_first_element");
  write(dir / "cin.xml",
        "<Message><Header> h\n<CollectionDetails><Year>2019</Year></CollectionDetails></Header>\n<Children>\n"
        "<Child> c\n<ChildIdentifiers> i\n<LAchildID>K1</LAchildID>\n</ChildIdentifiers>\n"
        "<ChildCharacteristics><Disabilities>NONE</Disabilities></ChildCharacteristics>\n"
        "<CINdetails>\n<CINreferralDate>2018-05-01</CINreferralDate>\n</CINdetails>\n</Child>\n</Children>\n</"
        "Message>\n");
  const auto census = cin_census::load(dir / "cin.xml");
  CHECK(census.data.table("children").size() == 1);
  CHECK(census.data.table("cin_details").size() == 1);
  std::vector<std::string> texts;  // "where @line value"
  for (const auto& f : census.data.findings)
    if (f.problem.find("between elements is not part of the return") != std::string::npos)
      texts.push_back(f.where + " @" + std::to_string(f.row) + " " + f.value);
  CHECK(texts == std::vector<std::string>{"/Message/Header @1 h", "/Message/Children/Child[1] @4 c",
                                          "/Message/Children/Child[1]/ChildIdentifiers @5 i",
                                          "/Message/Children/Child[1]/ChildCharacteristics/Disabilities @8 NONE"});
  // Read in parts, the same findings.
  CHECK(load_lines(census) == load_lines(cin_census::detail::load_in_parts(dir / "cin.xml", {}, 1, 0)));

  write(dir / "903.xml",
        "<?xml version='1.0'?>\n<EXPSSDA903> r\n<CHILD> c\n<HEADER> "
        "h\n<CHILDID>c1</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB>"
        "</HEADER>\n<EPISODE> e\n<DECOM>01/04/2018</DECOM><RNE>S</RNE><LS>C2</LS><PL>U1</PL></EPISODE></CHILD>\n"
        "</EXPSSDA903>\n");
  const auto loaded = ssda903::load({dir / "903.xml"});
  CHECK(loaded.data.table("header").size() == 1);
  CHECK(loaded.data.table("episodes").size() == 1);
  texts.clear();
  for (const auto& f : loaded.data.findings)
    if (f.problem.find("between elements is not part of the return") != std::string::npos)
      texts.push_back(f.where + " @" + std::to_string(f.row) + " " + f.value);
  std::sort(texts.begin(), texts.end());
  CHECK(texts == std::vector<std::string>{"/EXPSSDA903 @2 r", "/EXPSSDA903/CHILD[1] @3 c",
                                          "/EXPSSDA903/CHILD[1]/EPISODE[1] @6 e", "/EXPSSDA903/CHILD[1]/HEADER @4 h"});
}

TEST_CASE("a CIN census read in two or three parts on threads gives what one pass gives") {
  // Six Child elements, one a line (Child k on line k + 1). With two parts the split is after
  // Child[3], with three after Child[2] and Child[4]; what crosses the split: Child[4] repeats
  // Child[1]'s LAchildID (' z1 ' is Z1), Child[6] Child[3]'s (A3) with a referral of the same date,
  // so merged into it; CINreferralDate is day first in Child[1] (13/05) and month first in
  // Child[5] (05/14). Child[2] has no LAchildID (rejected, with its referral); Child[6] writes
  // CINClosureDate for CINclosureDate (read as it).
  const fs::path dir = scratch("cin_parts");
  const std::string details = "<CINdetails><CINreferralDate>";
  write(dir / "cin.xml",
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2019</Year>"
        "<ReferenceDate>2019-03-31</ReferenceDate></CollectionDetails></Header><Children>\n"
        "<Child><ChildIdentifiers><LAchildID>Z1</LAchildID></ChildIdentifiers>" +
            details +
            "13/05/2018</CINreferralDate><ReferralSource>1A</ReferralSource><Assessments>"
            "<AssessmentActualStartDate>2018-05-14</AssessmentActualStartDate><FactorsIdentifiedAtAssessment>"
            "<AssessmentFactors>2A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments></CINdetails>"
            "</Child>\n"
            "<Child><ChildIdentifiers><PersonBirthDate>2010-01-01</PersonBirthDate></ChildIdentifiers>" +
            details +
            "2018-06-01</CINreferralDate></CINdetails></Child>\n"
            "<Child><ChildIdentifiers><LAchildID>A3</LAchildID></ChildIdentifiers>" +
            details +
            "2018-07-01</CINreferralDate><Assessments><AssessmentActualStartDate>2018-07-02"
            "</AssessmentActualStartDate></Assessments></CINdetails>" +
            details +
            "2018-08-01</CINreferralDate></CINdetails></Child>\n"
            "<Child><ChildIdentifiers><LAchildID> z1 </LAchildID></ChildIdentifiers>" +
            details +
            "2018-09-01</CINreferralDate><ChildProtectionPlans><CPPstartDate>2018-09-10</CPPstartDate><Reviews>"
            "<CPPreviewDate>2018-12-01</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails></Child>\n"
            "<Child><ChildIdentifiers><LAchildID>B5</LAchildID></ChildIdentifiers>" +
            details +
            "05/14/2018</CINreferralDate></CINdetails></Child>\n"
            "<Child><ChildIdentifiers><LAchildID>A3</LAchildID></ChildIdentifiers>" +
            details +
            "2018-07-01</CINreferralDate><CINClosureDate>2018-11-30</CINClosureDate><Assessments>"
            "<AssessmentActualStartDate>2018-07-03</AssessmentActualStartDate></Assessments></CINdetails></Child>\n"
            "</Children></Message>\n");
  const auto one = cin_census::detail::load_in_parts(dir / "cin.xml", {}, 1);
  for (const std::size_t parts : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{6}, std::size_t{9}}) {
    CAPTURE(parts);
    const auto census = cin_census::detail::load_in_parts(dir / "cin.xml", {}, parts);
    CHECK(load_lines(census) == load_lines(one));
    const Dataset& d = census.data;
    // The ids in the order of their first appearance (Child[2] has none).
    CHECK(d.table("children").column("LAchildID").dictionary->values() == std::vector<std::string>{"Z1", "A3", "B5"});
    // Referrals numbered in document order, 1 to 7: Child[2]'s (2) and Child[5]'s (6) rejected,
    // Child[6]'s (7) merged into Child[3]'s first (3), its assessment (the third) moved with it.
    CHECK(d.table("cin_details").column("cin_details_id").numbers == std::vector<std::int64_t>{1, 3, 4, 5});
    CHECK(d.table("assessments").column("assessment_id").numbers == std::vector<std::int64_t>{1, 2, 3});
    CHECK(d.table("assessments").column("cin_details_id").numbers == std::vector<std::int64_t>{1, 3, 3});
    CHECK(d.table("cp_plans").column("cin_details_id").numbers == std::vector<std::int64_t>{5});
    CHECK(d.count("cin_details").read == 7);
    CHECK(d.count("cin_details").rejected == 2);
    CHECK(d.count("cin_details").merged == 1);
    // The repeated ids, each found at its Child and naming the first, whatever part read them.
    CHECK(where_of(census, "was already given to /Message/Children/Child[1]:") ==
          std::vector<std::string>{"/Message/Children/Child[4]/ChildIdentifiers/LAchildID @5"});
    CHECK(where_of(census, "was already given to /Message/Children/Child[3]:") ==
          std::vector<std::string>{"/Message/Children/Child[6]/ChildIdentifiers/LAchildID @7"});
    // The evidence of both conventions, from both ends of the file, in one finding.
    const auto mixed = where_of(census,
                                "column CINreferralDate mixes date conventions: "
                                "/Message/Children/Child[1]/CINdetails[1]/CINreferralDate ('13/05/2018') "
                                "can only be day first, but /Message/Children/Child[5]/CINdetails[1]/"
                                "CINreferralDate ('05/14/2018') can only be month first");
    CHECK(mixed.size() == 1);
    CHECK(where_of(census, "is read as <CINclosureDate>") ==
          std::vector<std::string>{"/Message/Children/Child[6]/CINdetails[1]/CINClosureDate @7"});
  }
}

TEST_CASE("a CIN census large enough for two threads reads as in one pass") {
  // 2 x two_parts_from children, every 7th repeating the id of the one 300 before it (so across
  // the split), each with a referral on a day of 2018 (day first where the day is above 12).
  const fs::path dir = scratch("cin_two_threads");
  const std::size_t n = 2 * cin_census::detail::two_parts_from;
  std::string xml = "<Message><Children>\n";
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t id = k >= 300 && k % 7 == 0 ? k - 300 : k;
    const std::string dd = std::to_string(10 + k % 18);
    xml += "<Child><ChildIdentifiers><LAchildID>C" + std::to_string(id) +
           "</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>" + dd +
           "/06/2018</CINreferralDate></CINdetails></Child>\n";
  }
  write(dir / "cin.xml", xml + "</Children></Message>\n");
  const auto loaded = cin_census::load(dir / "cin.xml");
  const auto one = cin_census::detail::load_in_parts(dir / "cin.xml", {}, 1);
  CHECK(load_lines(loaded) == load_lines(one));
  // Children 301 to 511 that are multiples of 7 (301, 308, ..., 511): 31 repeated ids.
  CHECK(where_of(loaded, "was already given to").size() == 31);
  CHECK(loaded.data.table("cin_details").column("cin_details_id").numbers.back() == static_cast<std::int64_t>(n));
}

namespace {
/// A CIN census of `n` Child elements, two lines each: Child k (from 1) on lines 2k + 1 and 2k + 2,
/// after the header (line 1) and an unknown <Note> before the first Child (line 2); a comment
/// holding "<Child>" (line 2n + 3) and a blank line after the last, then an unknown <Extra> (line 2n + 5).
/// <Message> has an attribute with "<Child>" in its value. Child k has LAchildID Ck, but every 5th
/// repeats the id of the one 3 before it (so across the pieces' boundaries too); every 7th writes
/// CINClosureDate for CINclosureDate, and the last a referral date that is no date.
std::string pieces_child(std::size_t k, bool last = false) {
  const std::size_t id = k % 5 == 0 && k > 3 ? k - 3 : k;
  return "<Child><ChildIdentifiers><LAchildID>C" + std::to_string(id) +
         "</LAchildID></ChildIdentifiers>\n<CINdetails><CINreferralDate>" +
         (last ? std::string("2018-02-31") : "2018-06-" + std::to_string(10 + k % 18)) + "</CINreferralDate>" +
         (k % 7 == 0 ? "<CINClosureDate>2018-12-01</CINClosureDate>" : "") + "</CINdetails></Child>\n";
}

std::string pieces_file(std::size_t n) {
  std::string xml =
      "<?xml version=\"1.0\"?><Message "
      "note='a<Child>b'><Header><CollectionDetails><Collection>CIN</Collection><Year>2019</Year>"
      "<ReferenceDate>2019-03-31</ReferenceDate></CollectionDetails></Header><Children>\n<Note>x</Note>\n";
  for (std::size_t k = 1; k <= n; ++k) xml += pieces_child(k, k == n);
  return xml + "<!-- <Child> -->\n\n<Extra>y</Extra></Children></Message>\n";
}

/// The message of the Error a load throws (empty when none).
template <class Load>
std::string error_of(Load load) {
  try {
    (void)load();
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}
}  // namespace

TEST_CASE("a CIN census read a piece at a time gives what the whole file's DOM gives") {
  const fs::path dir = scratch("cin_pieces");
  // Files of 1, 2 and about one piece's worth of Child elements (piece_bytes; a Child is about 200
  // bytes), read with that piece size, and in pieces of a few Child elements: 1 byte (a Child a
  // piece), and one Child's bytes less one, even and more one (Child 10's: ids of two digits).
  const std::size_t per = cin_census::detail::piece_bytes / pieces_child(10).size();
  for (const std::size_t n : {std::size_t{1}, std::size_t{2}, per - 1, per, per + 1, 2 * per + 1}) {
    CAPTURE(n);
    const std::string xml = pieces_file(n);
    write(dir / "cin.xml", xml);
    // The piece path is taken: the run of Child elements found, from the first to the last.
    const auto layout = cin_census::detail::child_layout(xml);
    REQUIRE(layout.has_value());
    CHECK(layout->begin == xml.find("<Child><"));
    CHECK(layout->end == xml.rfind("</Child>") + 8);
    const auto whole = cin_census::detail::load_in_parts(dir / "cin.xml", {}, 1, 0);
    const std::size_t child = pieces_child(10).size();
    for (const auto& [parts, bytes] :
         std::vector<std::pair<std::size_t, std::size_t>>{{1, cin_census::detail::piece_bytes},
                                                          {2, cin_census::detail::piece_bytes},
                                                          {0, 1},
                                                          {2, child - 1},
                                                          {3, child},
                                                          {1, child + 1}}) {
      CAPTURE(parts, bytes);
      const auto pieces = cin_census::detail::load_in_parts(dir / "cin.xml", {}, parts, bytes);
      CHECK(load_lines(pieces) == load_lines(whole));
      // Worked from the layout above: the last Child's date on line 2n + 2, <Note> on line 2,
      // <Extra> on line 2n + 5 (after the comment's line and a blank one).
      const std::string last = "/Message/Children/Child[" + std::to_string(n) + "]/CINdetails[1]/CINreferralDate";
      bool date = false;
      for (const auto& f : pieces.data.findings)
        if (f.where == last) {
          date = true;
          CHECK(f.row == static_cast<std::int64_t>(2 * n + 2));
        }
      CHECK(date);
      CHECK(where_of(pieces, "element <Note> is not part") == std::vector<std::string>{"/Message/Children/Note @2"});
      CHECK(where_of(pieces, "element <Extra> is not part") ==
            std::vector<std::string>{"/Message/Children/Extra @" + std::to_string(2 * n + 5)});
      CHECK(pieces.data.count("children").read == static_cast<std::int64_t>(n));
    }
  }
}

TEST_CASE("a CIN census in UTF-8 with a byte order mark or in UTF-16 reads a piece at a time as whole") {
  // The pieces of a UTF-8 file are read again from the file, 3 bytes on with a byte order mark;
  // those of a UTF-16 file are taken from its text, converted to UTF-8. 40 Child elements (ids of
  // one and two digits), a Child a piece.
  const fs::path dir = scratch("cin_pieces_encodings");
  const std::string xml = pieces_file(40);
  std::string utf16 = "\xFF\xFE";
  for (const char c : xml) utf16 += std::string{c, '\0'};  // ASCII only: one UTF-16 unit each
  for (const std::string& bytes : {"\xEF\xBB\xBF" + xml, utf16}) {
    write(dir / "cin.xml", bytes);
    const auto whole = cin_census::detail::load_in_parts(dir / "cin.xml", {}, 1, 0);
    CHECK(load_lines(cin_census::detail::load_in_parts(dir / "cin.xml", {}, 2, 1)) == load_lines(whole));
    CHECK(where_of(whole, "element <Extra> is not part") == std::vector<std::string>{"/Message/Children/Extra @85"});
  }
}

TEST_CASE("a CIN census read a piece at a time reports a malformed element as the whole file's parse does") {
  // 2 x (what one piece holds: per) + 1 children (pieces_file), so Child per + 10, on lines
  // 2 (per + 10) + 1 and + 2, is in the second of three pieces. In one file its LAchildID is closed
  // by </LAchildId>, in another it has an attribute without quotes, in a third a NUL written as a
  // reference; a fourth file ends after its first line. The Error is the whole file's parse's,
  // naming that line.
  const fs::path dir = scratch("cin_pieces_malformed");
  const std::size_t per = cin_census::detail::piece_bytes / pieces_child(10).size();
  const std::string good = pieces_file(2 * per + 1);
  const std::string id = "<LAchildID>C" + std::to_string(per + 10) + "</LAchildID>";
  const std::size_t at = good.find(id);
  REQUIRE(at != std::string::npos);
  const std::string line = "line " + std::to_string(2 * (per + 10) + 1) + ", column";
  const auto with = [&](const std::string& bad) { return good.substr(0, at) + bad + good.substr(at + id.size()); };
  const std::string n = std::to_string(per + 10);
  struct Case {
    std::string name, xml, expected;
  };
  const std::vector<Case> cases = {
      {"mismatch", with("<LAchildID>C" + n + "</LAchildId>"), line},
      {"attribute", with("<LAchildID a=1>C" + n + "</LAchildID>"), "not well-formed XML at " + line},
      {"reference", with("<LAchildID>C&#0;" + n + "</LAchildID>"), "the character reference &#0; at " + line},
      {"cut", good.substr(0, good.find('\n', at) + 1), "the XML is not complete (truncated file?) at " + line},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    write(dir / (c.name + ".xml"), c.xml);
    const std::string pieces = error_of([&] { return cin_census::load(dir / (c.name + ".xml")); });
    const std::string whole =
        error_of([&] { return cin_census::detail::load_in_parts(dir / (c.name + ".xml"), {}, 1, 0); });
    CHECK(pieces == whole);
    CHECK(pieces.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("a CIN census of another form than Child elements side by side is parsed whole") {
  // Text, a CDATA section or another element between two Child elements, a DOCTYPE, an empty
  // <Children/>, text before the first Child, a quoted attribute value or a comment holding
  // "</Child><Child>" among the Child elements: child_layout declines, or a piece holds more than
  // Child elements; the findings are the whole file's.
  const fs::path dir = scratch("cin_pieces_other");
  const std::string head = "<Message><Children>\n";
  const std::string a = "<Child><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers></Child>\n";
  const std::string b = "<Child><ChildIdentifiers><LAchildID>B</LAchildID></ChildIdentifiers></Child>\n";
  const std::string tail = "</Children></Message>\n";
  const std::vector<std::string> files = {
      head + a + "stray text\n" + b + tail,
      head + a + "<![CDATA[cdata]]>\n" + b + tail,
      head + a + "<Other/>\n" + b + tail,
      "<!DOCTYPE Message>\n" + head + a + b + tail,
      "<Message><Children/></Message>\n",
      head + "text before " + a + b + tail,
      head + a +
          "<Child note=\"</Child><Child>\"><ChildIdentifiers><LAchildID>Q</LAchildID></ChildIdentifiers>"
          "</Child>\n" +
          b + tail,
      head + a + "<!-- </Child><Child> -->\n" + b + tail,
  };
  for (std::size_t i = 0; i < files.size(); ++i) {
    CAPTURE(i);
    write(dir / "cin.xml", files[i]);
    const auto pieces = cin_census::load(dir / "cin.xml");
    const auto whole = cin_census::detail::load_in_parts(dir / "cin.xml", {}, 1, 0);
    CHECK(load_lines(pieces) == load_lines(whole));
  }
  CHECK_FALSE(cin_census::detail::child_layout(files[3]).has_value());
  CHECK_FALSE(cin_census::detail::child_layout(files[5]).has_value());
  CHECK_FALSE(cin_census::detail::child_layout(files[6]).has_value());
  CHECK_FALSE(cin_census::detail::child_layout(files[7]).has_value());
  // Text between Child elements: found by the piece's check, reported as the whole file reports it
  // (once, at the <Children> element).
  write(dir / "cin.xml", files[0]);
  const auto stray = where_of(cin_census::load(dir / "cin.xml"), "'stray text' between elements");
  CHECK(stray.size() == 1);
}
