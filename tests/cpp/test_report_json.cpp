// The returns report's JSON (returns/report_json.hpp), which the command and the browser page both
// write: a small synthetic SSDA903 return written by hand (three made-up children) without its
// missing file. The missing episodes are not computable (no figure made of nothing) and every other
// figure is given; the figures are worked by hand in the comments (reporting year 2017-18).
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/rules.hpp"
#include "scratch.hpp"

using namespace safeguarding;
using namespace safeguarding::returns;

namespace {

/// 1001: in care from 1 Feb 2017, moves on 1 Jun and 1 Oct 2017 (RNE P), still there at 31 March:
/// three placements. 1002: 10 May to 20 Dec 2017, leaving with REC E13. 1003: in care from 1 Jan
/// 2016, a change of legal status only on 1 Sep 2017 (RNE L), still there. Looked after at 31 March
/// 2018: 1001 and 1003 (2); three or more placements: 1 of 2.
std::filesystem::path small_return() {
  const auto dir = scratch("report_json");
  write(dir / "header.csv",
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1001,1,01/05/2010,WBRI,A123456789012,,\n"
        "1002,2,01/06/2011,WBRI,B123456789012,,\n1003,1,01/07/2012,WBRI,C123456789012,,\n");
  write(dir / "episodes.csv",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "1001,01/02/2017,S,C2,N1,U1,PR1,01/06/2017,X1,,,,\n1001,01/06/2017,P,C2,N1,U1,PR1,01/10/2017,X1,CARPL,,,\n"
        "1001,01/10/2017,P,C2,N1,U1,PR1,,,CARPL,,,\n1002,10/05/2017,S,C2,N1,U1,PR1,20/12/2017,E13,,,,\n"
        "1003,01/01/2016,S,C2,N1,U1,PR1,01/09/2017,X1,,,,\n1003,01/09/2017,L,C1,N1,U1,PR1,,,,,,\n");
  write(dir / "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE\n1001,01/05/2010,20/07/2017,PN1\n1001,01/05/2010,15/01/2018,PN3\n"
        "1002,01/06/2011,01/06/2017,PN0\n1003,01/07/2012,10/01/2017,PN2\n1003,01/07/2012,10/06/2017,PN1\n");
  return dir;
}

}  // namespace

TEST_CASE("report_json: a return without missing episodes names that measure not computable, and gives the rest") {
  const auto loaded = ssda903::load(small_return());
  const ReportYear year = report_year(loaded, ReportingYear(2018));
  CHECK(year.why == "given");
  const std::string part = ssda903_report_json(loaded, year, builtin_rules(), Calendar::england_and_wales());
  CHECK(part.find("\"missing_episodes\":{\"measure\":\"ssda903.missing_episodes\"") != std::string::npos);
  // The return's year, 2018, is taken from its dates (DEC and REVIEW in 2017-18); it sent no missing file.
  CHECK(part.find("\"rows\":null,\"not_computable\":\"ssda903.missing_episodes: the 2018 return has no missing "
                  "table: no figure can be given for 2017-18\"}") != std::string::npos);
  CHECK(part.find("\"looked_after_at_31_march\":{\"measure\":\"ssda903.looked_after_at_31_march\",\"year\":\"2017-"
                  "18\",\"children\":2}") != std::string::npos);
  CHECK(part.find("\"count\":1,\"total\":2,\"share\":0.5}") != std::string::npos);
  CHECK(part.find("\"rows\":[{\"placements\":1,\"children\":2},{\"placements\":3,\"children\":1}]") !=
        std::string::npos);
  CHECK(part.find("\"rows\":[{\"REC\":\"E13\",\"episodes\":1}]") != std::string::npos);
  // The latest return's year by default: most of the return's dates fall in 2017-18.
  const ReportYear latest = report_year(loaded, std::nullopt);
  CHECK(latest.year.label() == "2017-18");
  CHECK(latest.why.rfind("the latest return's year, from ", 0) == 0);
}

TEST_CASE("report_json: the report around its parts") {
  const std::vector<std::string> parts{"{\"a\":1}", "{\"b\":[0.5,null]}"};
  const std::vector<std::pair<std::string, std::string>> not_read{{"notes.txt", "an empty file"}};
  // 31 March 2018 is serial day 17621 (days since 1 January 1970).
  CHECK(
      report_json(parts, 17621, "england-and-wales", 0.9, not_read) ==
      "{\"as_of\":\"2018-03-31\",\"calendar\":\"england-and-wales\",\"target\":0.9,\"returns\":[{\"a\":1},{\"b\":[0.5,"
      "null]}],\"files_not_read\":[{\"file\":\"notes.txt\",\"reason\":\"an empty file\"}]}");
  CHECK(report_json({}, nat, "x", std::nullopt, {}) ==
        "{\"as_of\":null,\"calendar\":\"x\",\"target\":null,\"returns\":[],\"files_not_read\":[]}");
}
