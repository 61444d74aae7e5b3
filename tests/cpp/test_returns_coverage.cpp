// The years the returns loaded cover: a return covers its collection year only (the 2020 SSDA903
// return, 1 April 2019 to 31 March 2020), so a year no return loaded covers gets no figure, however
// far back the dates reach; a return whose year is not known covers none. The returns below are
// synthetic (made-up children); the figures are worked by hand in the comments.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catch.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/rules.hpp"
#include "scratch.hpp"

using namespace safeguarding;
using namespace safeguarding::returns;
namespace fs = std::filesystem;

namespace {

/// The message of the Error `f` throws ("" when it throws none).
template <class F>
std::string error_of(F&& f) {
  try {
    (void)f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

/// The 2020 return alone (folder "2020": 1 April 2019 to 31 March 2020).
///  A: in care from 1 May 2017, returned home (E4A) on 1 June 2019; reviewed 10 July 2017 (PN2),
///     a date from before the return's year, and 10 May 2019 (PN1).
///  B: in care from 15 January 2018, still at 31 March 2020; reviewed 20 February 2020 (PN2);
///     missing (M) from 10 to 12 October 2019 (2 days).
/// 2019-20: looked after at 31 March 2020: B (A left on 1 June 2019) = 1; ceased: A's E4A = 1;
/// reviews: PN1 1 (A, 10 May 2019), PN2 1 (B); missing: 1 M episode, 1 child, none open, median 2.
/// The dates reach back to 2017-18 (A's DECOM, A's review of 10 July 2017), but the return does not
/// cover 2017-18 or 2018-19: a child who left care before 1 April 2019 is in no 2020 return, so a
/// count of 31 March 2018 or 2019 from it (A and B at 31 March 2019: 2) would be made of part of
/// the year.
fs::path the_2020_return_alone(const std::string& name) {
  const fs::path dir = scratch(name) / "2020";
  write(dir / "episodes.csv",
        episode_head + "A,01/05/2017,S,C2,N1,U1,PR1,01/06/2019,E4A,,,,\n" + "B,15/01/2018,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE\nA,01/01/2008,10/07/2017,PN2\nA,01/01/2008,10/05/2019,PN1\n"
        "B,01/01/2009,20/02/2020,PN2\n");
  write(dir / "missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\nB,01/01/2009,M,10/10/2019,12/10/2019\n");
  return dir;
}

/// Every counting measure of the SSDA903 for `year`: the Error each throws ("" for a figure).
std::vector<std::string> ssda903_errors(const ssda903::Ssda903& loaded, ReportingYear year) {
  return {error_of([&] { return ssda903::participation(loaded, year); }),
          error_of([&] { return ssda903::reasons_ceased(loaded, year); }),
          error_of([&] { return ssda903::looked_after_at_31_march(loaded, year); }),
          error_of([&] { return ssda903::placements(loaded, year); }),
          error_of([&] { return ssda903::three_or_more_placements(loaded, year); }),
          error_of([&] { return ssda903::missing_episodes(loaded, year); })};
}

/// A timeliness measure's figure for a year not covered: not computable, for `why`; no count, no
/// instance, nothing held in any month, and no monthly table through months() but an Error saying why.
void check_not_covered(const TimelinessMeasure& m, const std::string& why) {
  CHECK_FALSE(m.figure.computable);
  CHECK(m.figure.not_computable == why);
  CHECK(m.instances.size() == 0);
  CHECK(m.by_month.held == std::vector<std::int64_t>(12, 0));
  CHECK_THROWS_WITH(m.months(), m.figure.measure + " by month, " + m.year.label() + ": not computable: " + why);
}

}  // namespace

TEST_CASE("SSDA903: a 2019-20 return alone gives no figure for 2017-18 or 2018-19, which it does not cover") {
  const auto loaded = ssda903::load(the_2020_return_alone("coverage_2020_alone"));
  REQUIRE(loaded.returns.size() == 1);
  CHECK(loaded.returns[0].year == 2020);
  const Coverage covered = ssda903::coverage(loaded);
  CHECK(covered.years == std::vector<int>{2020});
  for (const int ending : {2018, 2019}) {
    const ReportingYear year(ending);
    INFO(year.label());
    const std::string why =
        year.label() +
        " is outside the years the data covers (2019-20: the collection years of the returns loaded "
        "(a return covers 1 April to 31 March of its year))";
    const char* measures[] = {"ssda903.participation",   "ssda903.reasons_ceased", "ssda903.looked_after_at_31_march",
                              "ssda903.placements",
                              "ssda903.placements",  // three or more placements counts the placements
                              "ssda903.missing_episodes"};
    const auto errors = ssda903_errors(loaded, year);
    REQUIRE(errors.size() == 6);
    for (std::size_t i = 0; i < errors.size(); ++i)
      CHECK(errors[i] == std::string(measures[i]) + ": " + why + ": no figure can be given for it");
    // The timeliness measures: a figure flagged as not computable (A's review of 10 July 2017 is
    // not counted as held in 2017-18), as for a table the year's return did not supply.
    const Calendar calendar = Calendar::england_and_wales();
    check_not_covered(ssda903::review_timeliness(loaded, year, builtin_rules(), calendar), why);
    check_not_covered(ssda903::return_home_interviews(loaded, year, {}, {}, builtin_rules(), calendar), why);
  }
  // 2019-20, the year it covers, as worked above.
  const ReportingYear year(2020);
  CHECK(ssda903::looked_after_at_31_march(loaded, year) == 1);
  const auto ceased = ssda903::reasons_ceased(loaded, year);
  CHECK(ceased.codes == std::vector<std::string>{"E4A"});
  CHECK(ceased.counts == std::vector<std::int64_t>{1});
  const auto participation = ssda903::participation(loaded, year);
  CHECK(participation.count("PN1") == 1);
  CHECK(participation.count("PN2") == 1);
  CHECK(participation.total() == 2);
  const auto missing = ssda903::missing_episodes(loaded, year);
  CHECK(missing.episodes == std::vector<std::int64_t>{1, 0, 1});
  CHECK(missing.children == std::vector<std::int64_t>{1, 0, 1});
  CHECK(missing.median_days[0] == 2.0);
  // The report's year is the return's own.
  CHECK(report_year(loaded, std::nullopt).year == year);
}

TEST_CASE("SSDA903: a year between two returns loaded is not covered: the Error names the years they cover") {
  // The 2019 and 2021 returns (2018-19 and 2020-21), A in care from 1 May 2018 throughout; no 2020
  // return, so 31 March 2020 is not counted (A would be 1: whoever came and went that year is
  // unknown). 2018-19 and 2020-21 are: A, 1 each.
  const fs::path dir = scratch("coverage_gap");
  for (const char* year : {"2019", "2021"})
    write(dir / year / "episodes.csv", episode_head + "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n");
  const auto loaded = ssda903::load(dir);
  CHECK(ssda903::coverage(loaded).years == std::vector<int>{2019, 2021});
  CHECK(ssda903::looked_after_at_31_march(loaded, ReportingYear(2019)) == 1);
  CHECK(ssda903::looked_after_at_31_march(loaded, ReportingYear(2021)) == 1);
  CHECK(error_of([&] { return ssda903::looked_after_at_31_march(loaded, ReportingYear(2020)); }) ==
        "ssda903.looked_after_at_31_march: 2019-20 is outside the years the data covers (2018-19 and 2020-21: the "
        "collection years of the returns loaded (a return covers 1 April to 31 March of its year)): no figure can be "
        "given for it");
}

TEST_CASE("SSDA903: no return has a row of the table: 0 when the year's return supplied it, else not supplied") {
  // The 2019 return (2018-19) with a missing file of a header and no rows, the 2020 return with
  // none; no return has a missing episode. A in care from 1 May 2018, still at 31 March 2020.
  const fs::path dir = scratch("coverage_no_rows");
  for (const char* year : {"2019", "2020"})
    write(dir / year / "episodes.csv", episode_head + "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "2019" / "missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\n");
  const auto loaded = ssda903::load(dir);
  // 2018-19: the 2019 return said it had none: 0 of each kind.
  CHECK(ssda903::missing_episodes(loaded, ReportingYear(2019)).episodes == std::vector<std::int64_t>{0, 0, 0});
  // 2019-20: the 2020 return said nothing of missing episodes.
  CHECK(error_of([&] { return ssda903::missing_episodes(loaded, ReportingYear(2020)); }) ==
        "ssda903.missing_episodes: the 2020 return has no missing table: no figure can be given for 2019-20");
  // No return has a reviews file: the year's return did not supply it.
  CHECK(error_of([&] { return ssda903::participation(loaded, ReportingYear(2019)); }) ==
        "ssda903.participation: the 2019 return has no reviews table: no figure can be given for 2018-19");
}

TEST_CASE("SSDA903: a return whose collection year is not known covers no year: an Error, not a guess") {
  // Folder "r" names no year and the return has no DEC, REVIEW, MIS_START or MIS_END date to take
  // one from: only A's open episode from 1 May 2018. Which return it is (2019? 2024?) is not
  // known, so whether A was looked after at 31 March 2019 is not either.
  const fs::path dir = scratch("coverage_unknown") / "r";
  write(dir / "episodes.csv", episode_head + "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n");
  const auto loaded = ssda903::load(dir);
  REQUIRE(loaded.returns.size() == 1);
  CHECK(loaded.returns[0].year == 0);
  const std::string unknown = "the collection year of the return of " + (dir / "episodes.csv").generic_string() +
                              " is not known (no year is given or named in its file or folder names, and it has "
                              "no DEC, REVIEW, MIS_START or MIS_END date); name its year (2020 or 2019-20) in a "
                              "file or folder name, or give it";
  CHECK(error_of([&] { return ssda903::looked_after_at_31_march(loaded, ReportingYear(2019)); }) ==
        "ssda903.looked_after_at_31_march: 2018-19 is outside the years the data covers (none: " + unknown +
            "): no figure can be given for it");
  CHECK(error_of([&] { return report_year(loaded, std::nullopt); }) ==
        "the SSDA903 returns: " + unknown + ": no figure can be given");
  // A return of an unknown year with none of the tables the measures count (an oc3 file alone,
  // beside the 2019 return) changes no figure: 2018-19 is still covered.
  const fs::path other = scratch("coverage_unknown_other");
  write(other / "2019" / "episodes.csv", episode_head + "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n");
  write(other / "r" / "oc3.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nA,01/01/2008,YES,F1,S\n");
  const auto with_other = ssda903::load(other);
  REQUIRE(with_other.returns.size() == 2);
  CHECK(ssda903::coverage(with_other).years == std::vector<int>{2019});
  CHECK(ssda903::looked_after_at_31_march(with_other, ReportingYear(2019)) == 1);
  // Named, the same files give the figure: A was looked after at 31 March 2019.
  const auto named = ssda903::load(std::vector<ssda903::Return>{{2019, "given", {dir / "episodes.csv"}, "", {}}});
  CHECK(ssda903::looked_after_at_31_march(named, ReportingYear(2019)) == 1);
}

TEST_CASE("SSDA903 regional: each authority covers the years it has rows of in the set") {
  // Authority 201 has rows of 2019 and 2020, 202 of 2020 only; each child in care from 1 May 2018,
  // still at 31 March 2020. 201: 1 looked after at 31 March 2019 and 2020. 202: 1 at 31 March 2020;
  // 31 March 2019 is not covered by any 202 return of the set.
  const fs::path dir = scratch("coverage_regional");
  write(dir / "episodes.csv",
        "LA,YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "201,2019,A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n201,2020,A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n"
        "202,2020,B,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n");
  const auto regional = ssda903::load_regional({dir});
  REQUIRE(regional.authorities == std::vector<std::string>{"201", "202"});
  CHECK(ssda903::looked_after_at_31_march(regional.returns[0], ReportingYear(2019)) == 1);
  CHECK(ssda903::looked_after_at_31_march(regional.returns[0], ReportingYear(2020)) == 1);
  CHECK(ssda903::looked_after_at_31_march(regional.returns[1], ReportingYear(2020)) == 1);
  CHECK(error_of([&] { return ssda903::looked_after_at_31_march(regional.returns[1], ReportingYear(2019)); }) ==
        "ssda903.looked_after_at_31_march: 2018-19 is outside the years the data covers (2019-20: the collection "
        "years of the returns loaded (a return covers 1 April to 31 March of its year)): no figure can be given for "
        "it");
}

TEST_CASE("CIN census: it covers its collection year only, from its Year, else its ReferenceDate, else none") {
  // The census of 2020 (1 April 2019 to 31 March 2020). K1 was referred on 10 May 2017 and again
  // on 1 June 2019 (more than 12 months later: not a re-referral); K2 on 1 July 2019. 2019-20:
  // 0 re-referrals of 2 referrals. 2017-18 and 2018-19: not covered (children referred then and
  // no longer in need in 2019-20 are in no 2020 census), though K1's first referral is of 2017-18.
  const std::string children = R"(<Children>
<Child><ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2017-05-10</CINreferralDate><CINclosureDate>2017-09-01</CINclosureDate></CINdetails>
<CINdetails><CINreferralDate>2019-06-01</CINreferralDate></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>K2</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2019-07-01</CINreferralDate></CINdetails></Child>
</Children></Message>)";
  const fs::path dir = scratch("coverage_cin");
  write(dir / "year.xml",
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2020</Year>"
        "<ReferenceDate>2020-03-31</ReferenceDate></CollectionDetails></Header>" +
            children);
  const auto census = cin_census::load(dir / "year.xml");
  CHECK(cin_census::re_referrals(census, ReportingYear(2020)).str() == "0 of 2 (0.0%)");
  for (const int ending : {2018, 2019})
    CHECK(error_of([&] { return cin_census::referrals(census, ReportingYear(ending)); }) ==
          "cin.referrals: " + ReportingYear(ending).label() +
              " is outside the years the data covers (2019-20: the census's collection year, its Year 2020 (1 "
              "April to 31 March)): no figure can be given for it");
  check_not_covered(
      cin_census::assessment_timeliness(census, ReportingYear(2019), builtin_rules(), Calendar::england_and_wales()),
      "2018-19 is outside the years the data covers (2019-20: the census's collection year, its Year 2020 (1 April to "
      "31 March))");
  // No Year, a ReferenceDate of 31 March 2020: the same year.
  write(dir / "reference.xml",
        "<Message><Header><CollectionDetails><ReferenceDate>2020-03-31</ReferenceDate></CollectionDetails></Header>" +
            children);
  const auto by_date = cin_census::load(dir / "reference.xml");
  CHECK(cin_census::coverage(by_date).years == std::vector<int>{2020});
  const ReportYear reported = report_year(by_date, std::nullopt);
  CHECK(reported.year == ReportingYear(2020));
  CHECK(reported.why == "the census's ReferenceDate");
  // Neither: no year is covered (the dates reach from 2017 to 2019 and cannot say which census it is).
  write(dir / "none.xml", "<Message>" + children);
  const auto none = cin_census::load(dir / "none.xml");
  const std::string unknown =
      "the census's collection year is not known (its header gives no four-digit Year and no ReferenceDate)";
  // (re_referrals counts the referrals: the Error is theirs.)
  CHECK(error_of([&] { return cin_census::re_referrals(none, ReportingYear(2020)); }) ==
        "cin.referrals: 2019-20 is outside the years the data covers (none: " + unknown +
            "): no figure can be given for it");
  CHECK(error_of([&] { return report_year(none, std::nullopt); }) ==
        "the CIN census: " + unknown + ": no figure can be given");
}

TEST_CASE("SSDA903 reviews: a reviews file with a header and no rows gives a figure; a return without one, none") {
  // The 2019 return (2018-19): A in care from Monday 1 October 2018 (RNE S), still at 31 March
  // 2019; its reviews file has a header and no rows: the return says no review was held. A's first
  // review was due 20 working days on: 2-5 October (4), 8-12 (9), 15-19 (14), 22-26 (19), Monday
  // 29 October 2018 (20; no bank holiday in October): not held by 31 March 2019, so overdue.
  // 2018-19: 0 of 0 held in timescale, 1 overdue. The 2020 return has episodes and no reviews
  // file: 2019-20 is not computable (not "1 overdue": nothing says whether reviews were held).
  const fs::path dir = scratch("coverage_reviews_header_only");
  for (const char* year : {"2019", "2020"})
    write(dir / year / "episodes.csv", episode_head + "A,01/10/2018,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "2019" / "reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n");
  const auto loaded = ssda903::load(dir);
  const auto reviews =
      ssda903::review_timeliness(loaded, ReportingYear(2019), builtin_rules(), Calendar::england_and_wales());
  CHECK(reviews.figure.computable);
  CHECK(reviews.figure.str() ==
        "looked-after reviews in 2018-19: 0 of 0 in timescale (none in the year); 1 overdue at 31 March 2019, 0 "
        "missed [rules lac.review.first, lac.review.second, lac.review.subsequent]");
  REQUIRE(reviews.instances.size() == 1);
  CHECK(format_days(reviews.instances.engine.due[0]) == "2018-10-29");
  CHECK(reviews.months().held == std::vector<std::int64_t>(12, 0));  // a table of the year: none held
  // The counting measure over the same file agrees: no review held, so no participation code.
  CHECK(ssda903::participation(loaded, ReportingYear(2019)).total() == 0);
  check_not_covered(
      ssda903::review_timeliness(loaded, ReportingYear(2020), builtin_rules(), Calendar::england_and_wales()),
      "the 2020 return has no reviews table");
  // A return with header-only episodes and reviews files: nothing held, nothing due.
  const fs::path empty = scratch("coverage_reviews_none") / "2019";
  write(empty / "episodes.csv", episode_head);
  write(empty / "reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n");
  const auto none = ssda903::review_timeliness(ssda903::load(empty), ReportingYear(2019), builtin_rules(),
                                               Calendar::england_and_wales());
  CHECK(none.figure.str() ==
        "looked-after reviews in 2018-19: 0 of 0 in timescale (none in the year); 0 overdue at 31 March 2019, 0 "
        "missed [rules lac.review.first, lac.review.second, lac.review.subsequent]");
  // Neither file: both named.
  const fs::path bare = scratch("coverage_reviews_neither") / "2019";
  write(bare / "missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\nB,01/01/2009,M,10/10/2018,12/10/2018\n");
  check_not_covered(ssda903::review_timeliness(ssda903::load(bare), ReportingYear(2019), builtin_rules(),
                                               Calendar::england_and_wales()),
                    "the 2019 return has no episodes or reviews tables");
}

TEST_CASE("CIN census: a census of its year with no CINdetails gives 0 of 0 and nothing due, not no figure") {
  // The census of 2019 (1 April 2018 to 31 March 2019) with one child and no CINdetails: no
  // referral, assessment, enquiry or plan in its year. A census supplies every table (the XML has
  // no empty table), so each figure of 2018-19 is 0 (or 0 of 0); 2019-20 is still not covered.
  const fs::path dir = scratch("coverage_cin_empty");
  write(dir / "cin.xml",
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2019</Year>"
        "<ReferenceDate>2019-03-31</ReferenceDate></CollectionDetails></Header><Children>"
        "<Child><ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers></Child></Children></Message>");
  const auto census = cin_census::load(dir / "cin.xml");
  const ReportingYear year(2019);
  CHECK(cin_census::referrals(census, year).size() == 0);
  CHECK(cin_census::re_referrals(census, year).str() == "0 of 0");
  CHECK(cin_census::nfa_referrals(census, year).str() == "0 of 0");
  CHECK(cin_census::plans_lasting_two_years_or_more(census, year).str() == "0 of 0");
  CHECK(cin_census::second_or_later_plans(census, year).str() == "0 of 0");
  const auto assessments =
      cin_census::assessment_timeliness(census, year, builtin_rules(), Calendar::england_and_wales());
  CHECK(assessments.figure.str() ==
        "assessments authorised in 2018-19: 0 of 0 in timescale (none in the year); 0 overdue at 31 March 2019, 0 "
        "missed [rule assessment.complete]");
  CHECK(cin_census::initial_conference_timeliness(census, year, builtin_rules(), Calendar::england_and_wales())
            .figure.str() ==
        "initial conferences in 2018-19: 0 of 0 in timescale (none in the year); 0 overdue at 31 March 2019, 0 missed "
        "[rule icpc.held]");
  const auto reviews =
      cin_census::review_conference_timeliness(census, year, builtin_rules(), Calendar::england_and_wales());
  CHECK(reviews.figure.computable);
  CHECK((reviews.figure.done == 0 && reviews.figure.overdue == 0 && reviews.figure.missed == 0));
  check_not_covered(
      cin_census::assessment_timeliness(census, ReportingYear(2020), builtin_rules(), Calendar::england_and_wales()),
      "2019-20 is outside the years the data covers (2018-19: the census's collection year, its Year 2019 (1 April to "
      "31 March))");
}
