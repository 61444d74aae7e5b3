// The returns' timeliness measures: small synthetic returns written by hand, their rows turned into
// events, the engine run over them, and each instance checked against dates counted by hand in the
// comments (England and Wales calendar).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "catch.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"
#include "scratch.hpp"
#include "support/values.hpp"

using namespace safeguarding;
using namespace safeguarding::returns;
namespace fs = std::filesystem;

namespace {

std::int64_t day(const char* iso) {
  return support::detail::quick_day(iso);
}

/// One line per instance: "case rule status start due completed".
std::vector<std::string> lines(const timeliness::EngineResult& r, const RuleCatalogue& rules,
                               const std::vector<std::string>& case_names) {
  std::vector<std::string> out;
  const auto& in = r.instances;
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto date = [](std::int64_t d) { return d == nat ? std::string("-") : format_days(d); };
    out.push_back(case_names[static_cast<std::size_t>(in.case_id[i])] + " " +
                  rules.rules()[static_cast<std::size_t>(in.rule[i])].id + " " +
                  std::string(timeliness::instance_status_names[in.status[i]]) + " " + date(in.start[i]) + " " +
                  date(in.due[i]) + " " + date(in.completed[i]));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("periods of care: consecutive episodes merge, a gap of a day or more starts a new period") {
  // Child 0: 1 Jan-1 Jun, 1 Jun-31 Aug (same day: one period); 1 Sep open (a day's gap: a new one).
  // Child 1: first episode RNE P (care began earlier); an overlapping episode; a V3 short break.
  // Rows out of order on purpose.
  const std::vector<std::int64_t> child = {0, 1, 0, 0, 1, 1};
  const std::vector<std::int64_t> decom = {day("2018-06-01"), day("2018-03-01"), day("2018-01-01"),
                                           day("2018-09-01"), day("2018-01-01"), day("2019-01-01")};
  const std::vector<std::int64_t> dec = {day("2018-08-31"), day("2018-04-01"), day("2018-06-01"), nat,
                                         day("2018-05-01"), day("2019-01-02")};
  const std::vector<std::uint8_t> starts = {0, 0, 1, 1, 0, 1};
  const std::vector<std::uint8_t> breaks = {0, 0, 0, 0, 0, 1};
  const auto p = ssda903::periods_of_care(child, decom, dec, starts, breaks);
  REQUIRE(p.size() == 3);
  // Ordered by child, then start.
  CHECK(p.child == std::vector<std::int64_t>{0, 0, 1});
  CHECK(p.start == std::vector<std::int64_t>{day("2018-01-01"), day("2018-09-01"), day("2018-01-01")});
  CHECK(p.end == std::vector<std::int64_t>{day("2018-08-31"), nat, day("2018-05-01")});
  CHECK(p.first_episode == std::vector<std::int64_t>{2, 3, 4});
  CHECK(p.last_episode == std::vector<std::int64_t>{0, 3, 4});  // child 1: the episode ending latest (1 May)
  CHECK(p.start_known == std::vector<std::uint8_t>{1, 1, 0});
  CHECK(p.period_of == std::vector<std::int64_t>{0, 2, 0, 1, 2, -1});
}

TEST_CASE("looked-after reviews from a hand-made SSDA903 return, through the engine") {
  const fs::path dir = scratch("measures_reviews");
  write(dir / "episodes.csv", episode_head +
                                  // A: period 1 from Monday 2 April 2018 (Easter Monday, a bank holiday: day 0) to 31
                                  // August; 1 June continues it. Period 2 from Saturday 1 September (a day after).
                                  "A,02/04/2018,S,C2,N1,U1,PR1,01/06/2018,X1,,,,\n"
                                  "A,01/06/2018,P,C2,N1,U4,PR1,31/08/2018,E4A,,,,\n"
                                  "A,01/09/2018,S,C2,N1,U1,PR1,,,,,,\n"
                                  // B: care began before this return (first episode RNE P).
                                  "B,01/01/2018,P,C2,N1,U1,PR1,,,,,,\n"
                                  // C: short breaks only.
                                  "C,01/05/2018,S,V3,N1,U1,PR1,02/05/2018,E8,,,,\n"
                                  // D: looked after from Monday 1 October 2018.
                                  "D,01/10/2018,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE\n"
        "A,01/01/2010,27/04/2018,PN1\n"  // A's first: due 20 WD after 2 Apr = 30 Apr (3-6, 9-13, 16-20, 23-27 Apr: 19;
                                         // 30 Apr: 20): met
        "A,01/01/2010,10/08/2018,PN1\n"  // second: due 3 months after 27 Apr = 27 Jul: late by 10 WD (30 Jul-3 Aug,
                                         // 6-10 Aug)
        "A,01/01/2010,28/09/2018,PN1\n"  // period 2's first: due 20 WD after Sat 1 Sep = Fri 28 Sep (3 Sep-28 Sep): met
        "B,01/01/2010,15/05/2018,PN1\n"  // left out: care began before the return
        "C,01/01/2010,01/06/2018,PN1\n"  // left out: short breaks
        "D,01/01/2010,01/09/2018,PN1\n");  // before D's period began: a stop before its start (a finding)
  const auto loaded = ssda903::load({dir});
  const RuleCatalogue& rules = builtin_rules();
  const EventTable events = ssda903::review_events(rules, loaded.data);
  // Events: A's two starts and one end, D's start; reviews of A (3) and D (1).
  CHECK(events.size() == 8);
  REQUIRE(events.left_row.size() == 2);
  CHECK(static_cast<LeftOut>(events.left_reason[0]) == LeftOut::care_began_earlier);
  CHECK(static_cast<LeftOut>(events.left_reason[1]) == LeftOut::short_break);
  CHECK(events.sources[static_cast<std::size_t>(events.left_source[0])] == "reviews");

  timeliness::EngineOptions options;
  options.as_of = day("2019-03-31");
  options.rules = {"lac.review.first"};
  const auto result = timeliness::compute(rules, events.events(), options);
  const auto& ids = *loaded.data.table("episodes").column("CHILD").dictionary;
  std::vector<std::string> names(ids.values().begin(), ids.values().end());
  CHECK(lines(result, rules, names) ==
        std::vector<std::string>{
            "A lac.review.first met 2018-04-02 2018-04-30 2018-04-27",
            "A lac.review.first met 2018-09-01 2018-09-28 2018-09-28",
            "A lac.review.second late 2018-04-27 2018-07-27 2018-08-10",
            // Period 2's second review: 3 months after 28 September, not held by 31 March.
            "A lac.review.second overdue 2018-09-28 2018-12-28 -",
            // Period 1's next review would be due 10 February 2019; the period ended on 31 August.
            "A lac.review.subsequent ended 2018-08-10 2019-02-10 -",
            // D: 20 WD after Monday 1 October = 29 October (2-5, 8-12, 15-19, 22-26, 29 Oct).
            "D lac.review.first overdue 2018-10-01 2018-10-29 -",
        });
  // A's second review, the one late instance, was 10 working days late.
  int late = 0;
  for (std::size_t i = 0; i < result.instances.size(); ++i)
    if (result.instances.status[i] == static_cast<std::uint8_t>(timeliness::InstanceStatus::late)) {
      ++late;
      CHECK(result.instances.late_working_days[i] == 10.0f);
    }
  CHECK(late == 1);
  // D's review before its period is a finding, not dropped.
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings.kind[0] == static_cast<std::uint8_t>(timeliness::EventFinding::stop_before_start));
  const auto row = static_cast<std::size_t>(result.findings.row[0]);
  CHECK(events.sources[static_cast<std::size_t>(events.source[row])] == "reviews");
  CHECK(loaded.data.table("reviews").row[static_cast<std::size_t>(events.source_row[row])] ==
        7);  // D's review: file row 7
}

TEST_CASE("CIN census measures: assessments, initial and review conferences, through the engine") {
  const fs::path dir = scratch("measures_cin");
  write(dir / "cin.xml", R"(<Message><Children>
<Child><ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2018-09-03</CINreferralDate>
<Assessments><AssessmentActualStartDate>2018-09-04</AssessmentActualStartDate><AssessmentAuthorisationDate>2018-11-05</AssessmentAuthorisationDate></Assessments>
<Assessments><AssessmentActualStartDate>2018-11-06</AssessmentActualStartDate><AssessmentAuthorisationDate>2018-11-06</AssessmentAuthorisationDate></Assessments>
<Section47><S47ActualStartDate>2018-09-10</S47ActualStartDate><ICPCnotRequired>true</ICPCnotRequired></Section47>
<Section47><S47ActualStartDate>2018-09-17</S47ActualStartDate><DateOfInitialCPC>2018-10-08</DateOfInitialCPC></Section47>
<ChildProtectionPlans><CPPstartDate>2018-10-08</CPPstartDate><CPPendDate>2019-06-01</CPPendDate>
<Reviews><CPPreviewDate>2019-01-08</CPPreviewDate><CPPreviewDate>2019-07-10</CPPreviewDate></Reviews></ChildProtectionPlans>
</CINdetails></Child>
</Children></Message>)");
  const auto census = cin_census::load(dir / "cin.xml");
  const RuleCatalogue& rules = builtin_rules();
  timeliness::EngineOptions options;
  options.as_of = day("2019-03-31");
  const std::vector<std::string> assessment_names = {"", "assessment 1", "assessment 2"};

  // Referral Monday 3 September 2018: 45 working days end Monday 5 November (September 4-28: 19;
  // October: 23 -> 42; 1, 2, 5 November -> 45). The first assessment, authorised on 5 November, is
  // on time; the second, authorised on 6 November, a day late, also counts from the referral.
  const EventTable assessments = cin_census::assessment_events(rules, census.data);
  options.rules = {"assessment.complete"};
  CHECK(lines(timeliness::compute(rules, assessments.events(), options), rules, assessment_names) ==
        std::vector<std::string>{"assessment 1 assessment.complete met 2018-09-03 2018-11-05 2018-11-05",
                                 "assessment 2 assessment.complete late 2018-09-03 2018-11-05 2018-11-06"});

  // The enquiry of 10 September needed no conference (left out); the conference of Monday 8
  // October is 15 working days after Monday 17 September (18-21: 4, 24-28: 9, 1-5 Oct: 14, 8 Oct: 15).
  const EventTable icpc = cin_census::icpc_events(rules, census.data);
  REQUIRE(icpc.left_reason.size() == 1);
  CHECK(static_cast<LeftOut>(icpc.left_reason[0]) == LeftOut::not_required);
  options.rules = {"icpc.held"};
  CHECK(lines(timeliness::compute(rules, icpc.events(), options), rules, {"", "referral 1"}) ==
        std::vector<std::string>{"referral 1 icpc.held met 2018-09-17 2018-10-08 2018-10-08"});

  // Plan from 8 October 2018: first review due 8 January 2019 (held that day: met); the next 6
  // months later, 8 July 2019, after the as-of date: open. (The 10 July review and the 1 June end
  // are after 31 March 2019: not yet known.)
  const EventTable conferences = cin_census::review_conference_events(rules, census.data);
  options.rules = {"rcpc.first"};
  const auto result = timeliness::compute(rules, conferences.events(), options);
  CHECK(lines(result, rules, {"", "plan 1"}) ==
        std::vector<std::string>{"plan 1 rcpc.first met 2018-10-08 2019-01-08 2019-01-08",
                                 "plan 1 rcpc.subsequent open 2019-01-08 2019-07-08 -"});
  CHECK(result.row_counts()[static_cast<std::size_t>(timeliness::EventRowUse::after_as_of)] == 2);
}

namespace {

/// The hand-made SSDA903 return of tests/python/test_returns_measures.py (reporting year 2018-19).
fs::path reviews_return() {
  const fs::path dir = scratch("measures_year");
  write(dir / "episodes.csv", episode_head +
                                  "A,02/04/2018,S,C2,N1,U1,PR1,01/06/2018,X1,,,,\n"
                                  "A,01/06/2018,P,C2,N1,U1,PR1,31/08/2018,E4A,,,,\n"
                                  "A,01/09/2018,S,C2,N1,U1,PR1,,,,,,\n"
                                  "B,01/01/2018,P,C2,N1,U1,PR1,,,,,,\n"
                                  "C,01/05/2018,S,V3,N1,U1,PR1,02/05/2018,E8,,,,\n"
                                  "D,01/10/2018,S,C2,N1,U1,PR1,,,,,,\n"
                                  "E,01/03/2018,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE\n"
        "A,01/01/2010,27/04/2018,PN1\nA,01/01/2010,10/08/2018,PN1\nA,01/01/2010,28/09/2018,PN1\n"
        "B,01/01/2010,15/05/2018,PN1\nC,01/01/2010,01/06/2018,PN1\nD,01/01/2010,01/09/2018,PN1\n"
        "E,01/01/2010,29/03/2018,PN1\nE,01/01/2010,29/06/2018,PN1\nE,01/01/2010,02/01/2019,PN1\n"
        "E,01/01/2010,05/04/2019,PN1\n");
  return dir;
}

}  // namespace

TEST_CASE("the looked-after review measure: figure, trace, rows not judged and the monthly table, in C++") {
  const auto loaded = ssda903::load(reviews_return());
  const RuleCatalogue& rules = builtin_rules();
  const auto result = ssda903::review_timeliness(loaded, ReportingYear(2019), rules, Calendar::england_and_wales());
  // Held and judged: A 27/04 (in), A 10/08 (out), A 28/09 (in), E 29/06 (in), E 02/01 (out); overdue
  // at 31 March: A's period-2 second review and D's first (the Python tests work the dates out).
  const TimelinessFigure& f = result.figure;
  CHECK(std::vector<std::int64_t>{f.in_timescale, f.out_of_timescale, f.done, f.overdue, f.missed} ==
        std::vector<std::int64_t>{3, 2, 5, 2, 0});
  // Held in the year and judged by no instance: B's of 15 May (care began earlier), C's of 1 June (a
  // short break) and D's of 1 September (before its period began).
  CHECK(f.not_judged == 3);
  CHECK(f.str() ==
        "looked-after reviews in 2018-19: 3 of 5 in timescale (60.0%); 3 done in the year not judged; 2 overdue at 31 "
        "March 2019, 0 missed [rules lac.review.first, lac.review.second, lac.review.subsequent]");
  CHECK(f.rules == std::vector<std::string>{"lac.review.first", "lac.review.second", "lac.review.subsequent"});
  CHECK(f.source.find("reg 33(2)") != std::string::npos);
  CHECK(result.as_of == day("2019-03-31"));
  REQUIRE(result.instances.size() == 9);
  // Each instance traced to its rows: A's first review started at the episode on file row 2 and was
  // held on the reviews' row 2.
  const auto& ids = *loaded.data.table("episodes").column("CHILD").dictionary;
  bool traced = false;
  for (std::size_t i = 0; i < result.instances.size(); ++i) {
    const auto& in = result.instances;
    if (ids[in.child[i]] != "A" ||
        rules.rules()[static_cast<std::size_t>(in.engine.rule[i])].id != "lac.review.first" ||
        in.engine.completed[i] != day("2018-04-27"))
      continue;
    traced = result.tables[static_cast<std::size_t>(in.start_table[i])] == "episodes" && in.start_file_row[i] == 2 &&
             result.tables[static_cast<std::size_t>(in.stop_table[i])] == "reviews" && in.stop_file_row[i] == 2 &&
             result.files[static_cast<std::size_t>(in.stop_file[i])].ends_with("reviews.csv") &&
             result.citations[static_cast<std::size_t>(in.citation[i])].confidence == Confidence::confirmed;
  }
  CHECK(traced);
  // The rows not judged, with the reason: B's (care began earlier), C's (short breaks), D's (a
  // review before its period: a problem) and E's of April 2019 (after the year).
  std::vector<std::string> not_judged;
  for (std::size_t k = 0; k < result.not_judged.size(); ++k)
    if (result.tables[static_cast<std::size_t>(result.not_judged.table[k])] == "reviews")
      not_judged.push_back(ids[result.not_judged.child[k]] + " " + std::to_string(result.not_judged.row[k]) + " " +
                           std::string(not_judged_reason_name(result.not_judged.reason[k])));
  std::sort(not_judged.begin(), not_judged.end());
  CHECK(not_judged ==
        std::vector<std::string>{"B 5 care_began_earlier", "C 6 short_break", "D 7 problem", "E 11 after_as_of"});
  // Month by month: held = in + out + not judged.
  const MonthlyTable& m = result.by_month;
  REQUIRE(m.month.size() == 12);
  CHECK(m.month.front() == day("2018-04-01"));
  CHECK(m.held == std::vector<std::int64_t>{1, 1, 2, 0, 1, 2, 0, 0, 0, 1, 0, 0});
  CHECK(m.in_timescale == std::vector<std::int64_t>{1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
  CHECK(m.out_of_timescale == std::vector<std::int64_t>{0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0});
  CHECK(m.not_judged == std::vector<std::int64_t>{0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
  CHECK(m.percent_in_timescale[2] == 100.0);
  CHECK(std::isnan(m.percent_in_timescale[1]));
}

TEST_CASE("the SSDA903 counting measures, in C++") {
  const fs::path dir = scratch("measures_counting");
  // The small return of tests/python/test_returns_ssda903.py, reporting year 2018-19.
  write(dir / "episodes.csv", episode_head +
                                  "A,01/01/2018,S,C2,N1,U1,PR1,01/06/2018,X1,,,,\n"
                                  "A,01/06/2018,P,C2,N1,U1,PR1,01/09/2018,X1,,,,\n"
                                  "A,01/09/2018,L,C1,N1,U1,PR1,01/12/2018,X1,,,,\n"
                                  "A,01/12/2018,P,C1,N1,U1,PR1,,,,,,\n"
                                  "B,01/05/2018,S,C2,N1,U1,PR1,01/08/2018,E4A,,,,\n"
                                  "C,01/02/2019,S,V3,N1,U1,PR1,,,,,,\n"
                                  "D,10/03/2019,S,C2,N1,U1,PR1,31/03/2019,E11,,,,\n"
                                  "H,01/01/2019,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE\nA,01/01/2005,15/04/2018,PN1\nA,01/01/2005,15/10/2018,pn5\n"
        "H,01/01/2010,20/01/2019,\nB,01/01/2012,10/06/2018,PN9\n");
  write(dir / "missing.csv",
        "CHILD,DOB,MISSING,MIS_START,MIS_END\nA,01/01/2005,M,01/05/2018,03/05/2018\n"
        "A,01/01/2005,M,10/06/2018,20/06/2018\nB,01/01/2005,A,01/07/2018,02/07/2018\n"
        "B,01/01/2005,M,30/03/2019,\n");
  const auto loaded = ssda903::load(dir);
  const ReportingYear year = ReportingYear::parse("2018-19");
  const CodeCounts p = ssda903::participation(loaded, year);
  CHECK(p.codes.back() == "not recorded");
  CHECK(p.count("PN1") == 1);
  CHECK(p.count("PN5") == 1);
  CHECK(p.count("not recorded") == 2);
  CHECK(p.total() == 4);
  const CodeCounts ceased = ssda903::reasons_ceased(loaded, year);
  CHECK(ceased.codes == std::vector<std::string>{"E11", "E4A"});
  CHECK(ssda903::looked_after_at_31_march(loaded, year) == 2);  // A and H; D ceased on 31 March; C short breaks
  CHECK(ssda903::looked_after_at_31_march(loaded, year, true) == 3);
  const auto placements = ssda903::placements(loaded, year);
  CHECK(placements.placements == std::vector<std::int64_t>{3, 1, 1, 1});  // A, B, D, H
  CHECK(placements.counts() == std::vector<std::pair<std::int64_t, std::int64_t>>{{1, 3}, {3, 1}});
  const Proportion stability = ssda903::three_or_more_placements(loaded, year);
  CHECK(stability.str() == "1 of 2 (50.0%)");
  CHECK(stability.source().find("placement stability") != std::string_view::npos);
  const auto missing = ssda903::missing_episodes(loaded, year);
  CHECK(missing.kind == std::vector<std::string>{"M", "A", "all"});
  CHECK(missing.episodes == std::vector<std::int64_t>{3, 1, 4});
  CHECK(missing.still_open == std::vector<std::int64_t>{1, 0, 1});
  CHECK(missing.median_days == std::vector<double>{6.0, 1.0, 2.0});
}

TEST_CASE("the CIN census measures, in C++: timeliness figures and counts") {
  const fs::path dir = scratch("measures_cin_year");
  write(dir / "cin.xml", R"(<Message><Header><CollectionDetails><Year>2019</Year></CollectionDetails></Header><Children>
<Child><ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2017-06-15</CINreferralDate><ReferralNFA>false</ReferralNFA></CINdetails>
<CINdetails><CINreferralDate>2018-06-15</CINreferralDate><ReferralNFA>true</ReferralNFA>
<Assessments><AssessmentActualStartDate>2018-06-16</AssessmentActualStartDate><AssessmentAuthorisationDate>2018-07-02</AssessmentAuthorisationDate></Assessments>
<ChildProtectionPlans><CPPstartDate>2016-05-10</CPPstartDate><CPPendDate>2018-05-10</CPPendDate></ChildProtectionPlans>
<ChildProtectionPlans><CPPstartDate>2018-09-01</CPPstartDate></ChildProtectionPlans></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>K2</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2018-06-01</CINreferralDate>
<ChildProtectionPlans><CPPstartDate>2016-05-11</CPPstartDate><CPPendDate>2018-05-10</CPPendDate></ChildProtectionPlans></CINdetails></Child>
</Children></Message>)");
  const auto census = cin_census::load(dir / "cin.xml");
  const ReportingYear year(2019);
  // K1's referral of 15 June 2018 comes exactly 12 months after the one of 15 June 2017.
  CHECK(cin_census::re_referrals(census, year).str() == "1 of 2 (50.0%)");
  CHECK(cin_census::nfa_referrals(census, year).str() == "1 of 2 (50.0%)");
  CHECK(cin_census::plans_lasting_two_years_or_more(census, year).str() == "1 of 2 (50.0%)");
  CHECK(cin_census::second_or_later_plans(census, year).str() == "1 of 1 (100.0%)");
  // The assessment authorised 2 July 2018, 12 working days after the referral: in timescale.
  const auto assessments =
      cin_census::assessment_timeliness(census, year, builtin_rules(), Calendar::england_and_wales());
  CHECK(assessments.figure.str() ==
        "assessments authorised in 2018-19: 1 of 1 in timescale (100.0%); 0 overdue at 31 March 2019, 0 missed [rule "
        "assessment.complete]");
  CHECK(!assessments.spec.case_is_child);
}

TEST_CASE("CIN census: a case closed ends the clocks of what it never did (ended, missed), an open one is overdue") {
  // The hand case of issue 11: referral Monday 2 October 2023, assessment started the same day and
  // never authorised. 45 working days: 3-6 Oct (4), 9-13 (9), 16-20 (14), 23-27 (19), 30-31 (21),
  // 1-3 Nov (24), 6-10 (29), 13-17 (34), 20-24 (39), 27-30 (43), 1 Dec (44), 4 Dec (45): due
  // Monday 4 December 2023. H1 closed 20 October 2023 (ended: neither in nor out of timescale);
  // H2 closed 31 January 2024 (missed); H3 still open at 31 March 2024 (overdue by 80 working
  // days). H4's enquiry from a strategy discussion on 2 October had no conference by the closure on
  // 30 November: due 23 October (3-6 (4), 9-13 (9), 16-20 (14), 23 (15)), missed. H5: a referral
  // with no further action and an assessment never authorised: ended at the referral.
  const fs::path dir = scratch("measures_cin_closure");
  write(dir / "cin.xml", R"(<Message><Header><CollectionDetails><Year>2024</Year></CollectionDetails></Header><Children>
<Child><ChildIdentifiers><LAchildID>H1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-10-02</CINreferralDate><CINclosureDate>2023-10-20</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>
<Assessments><AssessmentActualStartDate>2023-10-02</AssessmentActualStartDate></Assessments></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>H2</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-10-02</CINreferralDate><CINclosureDate>2024-01-31</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>
<Assessments><AssessmentActualStartDate>2023-10-02</AssessmentActualStartDate></Assessments></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>H3</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-10-02</CINreferralDate>
<Assessments><AssessmentActualStartDate>2023-10-02</AssessmentActualStartDate></Assessments></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>H4</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-10-02</CINreferralDate><CINclosureDate>2023-11-30</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>
<Section47><S47ActualStartDate>2023-10-02</S47ActualStartDate></Section47></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>H5</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-10-02</CINreferralDate><ReferralNFA>true</ReferralNFA>
<Assessments><AssessmentActualStartDate>2023-10-02</AssessmentActualStartDate></Assessments></CINdetails></Child>
</Children></Message>)");
  const auto census = cin_census::load(dir / "cin.xml");
  const ReportingYear year(2024);
  const auto assessments =
      cin_census::assessment_timeliness(census, year, builtin_rules(), Calendar::england_and_wales());
  CHECK(assessments.figure.str() ==
        "assessments authorised in 2023-24: 0 of 0 in timescale (none in the year); 1 overdue at 31 March 2024, 1 "
        "missed [rule "
        "assessment.complete]");
  const auto& in = assessments.instances.engine;
  REQUIRE(in.size() == 4);
  std::vector<std::string> statuses;
  for (std::size_t i = 0; i < in.size(); ++i)
    statuses.push_back(std::string(timeliness::instance_status_names[in.status[i]]) + " " + format_days(in.due[i]));
  CHECK(statuses ==
        std::vector<std::string>{"ended 2023-12-04", "missed 2023-12-04", "overdue 2023-12-04", "ended 2023-12-04"});
  CHECK(in.late_working_days[2] == 80.0f);
  const auto conferences =
      cin_census::initial_conference_timeliness(census, year, builtin_rules(), Calendar::england_and_wales());
  CHECK(conferences.figure.str() ==
        "initial conferences in 2023-24: 0 of 0 in timescale (none in the year); 0 overdue at 31 March 2024, 1 missed "
        "[rule icpc.held]");
}

TEST_CASE("reporting years: 2019, \"2018-19\" and \"2018/2019\" are one year; bad text is an Error") {
  CHECK(ReportingYear::parse("2018-19") == ReportingYear(2019));
  CHECK(ReportingYear::parse(" 2018/2019 ") == ReportingYear(2019));
  CHECK(ReportingYear::parse("2019") == ReportingYear(2019));
  CHECK(ReportingYear(2019).first_day() == day("2018-04-01"));
  CHECK(ReportingYear(2019).last_day() == day("2019-03-31"));
  CHECK(ReportingYear(2001).label() == "2000-01");
  CHECK(error_message([] { (void)ReportingYear::parse("2018-20"); }) ==
        "reporting year: '2018-20' does not name consecutive years");
  CHECK(error_message([] { (void)ReportingYear::parse("last year"); }) ==
        "reporting year: 'last year' is not a year such as 2019 or '2018-19'");
  CHECK(error_message([] { (void)ReportingYear(1900); }) == "reporting year: 1900 is out of range");
}

TEST_CASE("a reporting year knows its days: contains() is a constant expression, and the year is cheap to copy") {
  // The measures test every row against the year (contains): its first and last days are worked
  // out when the year is made, not at each call, so that contains() needs no function call and
  // can be evaluated at compile time. 2018-19: 1 April 2018 is day 17,622 since 1970-01-01 (48
  // years of 365 days and 12 leap days, 1972 to 2016: 17,532, then January to March 2018, 90 days);
  // 31 March 2019 is day 17,986 (17,622 + 365 - 1, 2019 not a leap year).
  static constexpr ReportingYear year(2019);
  static_assert(year.first_day() == 17622 && year.last_day() == 17986);
  static_assert(!year.contains(17621) && year.contains(17622) && year.contains(17986) && !year.contains(17987));
  static_assert(!year.contains(nat));
  static_assert(std::is_trivially_copyable_v<ReportingYear> && sizeof(ReportingYear) <= 16);
  CHECK(year.first_day() == day("2018-04-01"));
  CHECK(year.last_day() == day("2019-03-31"));
  CHECK(error_message([] { (void)ReportingYear(10000); }) == "reporting year: 10000 is out of range");
  CHECK(error_message([] { (void)ReportingYear(std::numeric_limits<int>::min()); }) ==
        "reporting year: -2147483648 is out of range");
}

TEST_CASE("the reporting year and quarter a day falls in: April to June is Q1, January to March Q4") {
  // 31 March 2019 ends 2018-19 (its Q4); 1 April 2019 begins 2019-20 (Q1); 30 June is still Q1,
  // 1 July Q2; 31 December Q3; 1 January 2020 is Q4 of 2019-20.
  CHECK(ReportingYear::ending_of(day("2019-03-31")) == 2019);
  CHECK(ReportingYear::quarter_of(day("2019-03-31")) == 4);
  CHECK(ReportingYear::ending_of(day("2019-04-01")) == 2020);
  CHECK(ReportingYear::quarter_of(day("2019-04-01")) == 1);
  CHECK(ReportingYear::quarter_of(day("2019-06-30")) == 1);
  CHECK(ReportingYear::quarter_of(day("2019-07-01")) == 2);
  CHECK(ReportingYear::quarter_of(day("2019-12-31")) == 3);
  CHECK(ReportingYear::ending_of(day("2020-01-01")) == 2020);
  CHECK(ReportingYear::quarter_of(day("2020-01-01")) == 4);
}

TEST_CASE("Annex A checks: each child's latest record judged as of the list date") {
  const RuleCatalogue& rules = builtin_rules();
  const auto cal = Calendar::england_and_wales();
  // List 8, latest statutory review (see tests/python/test_returns_annex_a.py): L1 none since 1
  // March 2021 (due 29 March: overdue); L2 a first review on 15 February (the second due 15 May);
  // L3 looked after since 2015, a later review on 15 September 2020 (next due 15 March 2021).
  const annex_a::Check& reviews = annex_a::checks()[0];
  annex_a::CheckColumns columns;
  columns.last = {nat, day("2021-02-15"), day("2020-09-15")};
  columns.started = {day("2021-03-01"), day("2021-02-01"), day("2015-06-01")};
  const auto r = annex_a::judge(reviews, columns, day("2021-03-31"), rules, cal);
  CHECK(r.rule == std::vector<std::string>{"lac.review.first", "lac.review.second", "lac.review.subsequent"});
  CHECK(r.due == std::vector<std::int64_t>{day("2021-03-29"), day("2021-05-15"), day("2021-03-15")});
  CHECK(annex_a::status_name(r.status[0]) == "overdue");
  CHECK(annex_a::status_name(r.status[1]) == "open");
  CHECK(r.overdue_working_days[2] == 12.0);
  CHECK(r.judged() == 3);
  CHECK(r.overdue() == 2);
  CHECK(r.rules_text() == "lac.review.first, lac.review.second, lac.review.subsequent");
  CHECK(annex_a::list_date({{day("2021-03-01"), nat}, {day("2021-03-30")}}) == day("2021-03-30"));
  CHECK(annex_a::list_date({{nat}}) == nat);
}

TEST_CASE("a loaded return is a value: copies share nothing mutable") {
  const auto loaded = ssda903::load(reviews_return());
  ssda903::Ssda903 copy = loaded;
  // The string dictionaries are shared read-only: a copy's columns can change without touching
  // the original's, and nothing can add to a dictionary once loaded.
  static_assert(std::is_same_v<decltype(copy.data.tables[0].columns[0].dictionary), std::shared_ptr<const Dictionary>>);
  Table& episodes = copy.data.tables[1];
  REQUIRE(episodes.name == "episodes");
  episodes.column("CHILD").codes[0] = episodes.column("CHILD").codes[3];
  CHECK(loaded.data.table("episodes").column("CHILD").text(0) == "A");
  CHECK(copy.data.table("episodes").column("CHILD").text(0) != "A");
}

TEST_CASE("ssda903::load takes one folder or one file; a folder where a file is expected is an Error") {
  const fs::path dir = reviews_return();
  CHECK(ssda903::load(dir).data.table("reviews").size() == 10);
  CHECK(ssda903::load(dir / "reviews.csv").data.table("reviews").size() == 10);
  CHECK(ssda903::load(std::vector<fs::path>{dir}).data.table("episodes").size() == 7);
  const fs::path folder = scratch("folder_as_file") / "cin.xml";
  fs::create_directories(folder);
  CHECK(error_message([&] { (void)cin_census::load(folder); }) == folder.string() + ": is a folder, not a file");
  CHECK(error_message([&] {
          (void)ssda903::load(std::vector<ssda903::Return>{{2019, "given", {folder}, {}}});
        }).find("is a folder, not a file") != std::string::npos);
}

namespace {

/// Two annual returns of one synthetic child A, in folders named by their years: the 2019 return
/// (1 April 2018 to 31 March 2019) with its missing file, the 2020 return (2019-20) with
/// `missing_2020` as its missing file ("" for none). A is in care from 1 May 2018, still at
/// 31 March 2020. Missing in 2018-19: M from 1 Jun to 5 Jun 2018 (4 days) and A (away) from
/// 10 Jan to 11 Jan 2019 (1 day): 1 M, 1 A, 2 in all, one child, none open; median 4, 1 and 2.5.
fs::path two_annual_returns(const std::string& name, const std::string& missing_2020) {
  const fs::path dir = scratch(name);
  for (const char* year : {"2019", "2020"}) {
    write(dir / year / "episodes.csv", episode_head + "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n");
    write(dir / year / "reviews.csv",
          std::string("CHILD,DOB,REVIEW,REVIEW_CODE\n") +
              (std::string(year) == "2019" ? "A,01/01/2008,10/05/2018,PN1\n" : "A,01/01/2008,10/05/2019,PN2\n"));
  }
  write(dir / "2019" / "missing.csv",
        "CHILD,DOB,MISSING,MIS_START,MIS_END\nA,01/01/2008,M,01/06/2018,05/06/2018\n"
        "A,01/01/2008,A,10/01/2019,11/01/2019\n");
  if (!missing_2020.empty()) write(dir / "2020" / "missing.csv", missing_2020);
  return dir;
}

}  // namespace

TEST_CASE("SSDA903: a year whose return has no missing table gives no missing figure, not 0") {
  const auto loaded = ssda903::load(two_annual_returns("table_presence_without", ""));
  REQUIRE(loaded.returns.size() == 2);
  CHECK(loaded.returns[0].year == 2019);
  CHECK(loaded.returns[0].tables == std::vector<std::string>{"episodes", "missing", "reviews"});
  CHECK(loaded.returns[1].tables == std::vector<std::string>{"episodes", "reviews"});
  // 2018-19 is still computed from the 2019 return's missing file (worked above).
  const auto earlier = ssda903::missing_episodes(loaded, ReportingYear(2019));
  CHECK(earlier.kind == std::vector<std::string>{"M", "A", "all"});
  CHECK(earlier.episodes == std::vector<std::int64_t>{1, 1, 2});
  CHECK(earlier.children == std::vector<std::int64_t>{1, 1, 1});
  CHECK(earlier.still_open == std::vector<std::int64_t>{0, 0, 0});
  CHECK(earlier.median_days == std::vector<double>{4.0, 1.0, 2.5});
  // 2019-20: the stitched missing table has the 2019 return's rows, but the 2020 return sent none.
  try {
    (void)ssda903::missing_episodes(loaded, ReportingYear(2020));
    FAIL("no Error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("ssda903.missing_episodes: the 2020 return has no missing table: no figure "
                                     "can be given for 2019-20") != std::string::npos);
  }
  // The return home interviews of 2019-20 are not computable for the same reason.
  const auto rhi = ssda903::return_home_interviews(loaded, ReportingYear(2020), {}, {}, builtin_rules(),
                                                   Calendar::england_and_wales());
  CHECK_FALSE(rhi.figure.computable);
  CHECK(rhi.figure.not_computable == "the 2020 return has no missing table");
  // The other tables of 2019-20 are there: A looked after at 31 March 2020; A's one review (PN2).
  CHECK(ssda903::looked_after_at_31_march(loaded, ReportingYear(2020)) == 1);
  CHECK(ssda903::participation(loaded, ReportingYear(2020)).count("PN2") == 1);
}

TEST_CASE("SSDA903: a return whose missing file has a header and no rows gives 0 missing episodes") {
  const auto loaded =
      ssda903::load(two_annual_returns("table_presence_header_only", "CHILD,DOB,MISSING,MIS_START,MIS_END\n"));
  CHECK(loaded.returns[1].tables == std::vector<std::string>{"episodes", "missing", "reviews"});
  // 2019-20: no episode started in the year (the 2019 return's started in 2018-19): 0 of each.
  const auto m = ssda903::missing_episodes(loaded, ReportingYear(2020));
  CHECK(m.kind == std::vector<std::string>{"M", "A", "all"});
  CHECK(m.episodes == std::vector<std::int64_t>{0, 0, 0});
  CHECK(m.children == std::vector<std::int64_t>{0, 0, 0});
  CHECK(m.still_open == std::vector<std::int64_t>{0, 0, 0});
  CHECK(std::isnan(m.median_days[2]));  // no ended episode: no median, not 0 days
  // Return home interviews: none offered of none: 0 held, and no percentage (NaN, not 0 %).
  const auto rhi = ssda903::return_home_interviews(loaded, ReportingYear(2020), {}, {}, builtin_rules(),
                                                   Calendar::england_and_wales());
  CHECK(rhi.figure.not_computable.find("2020 return") == std::string::npos);
  CHECK(ssda903::missing_episodes(loaded, ReportingYear(2019)).episodes == std::vector<std::int64_t>{1, 1, 2});
}

TEST_CASE("SSDA903: one return, its year from its dates: a header-only missing file gives 0, none no figure") {
  const fs::path dir = scratch("table_presence_single");
  write(dir / "episodes.csv", episode_head + "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nA,01/01/2008,10/05/2018,PN1\n");
  write(dir / "missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\n");
  const auto loaded = ssda903::load(dir);
  CHECK(loaded.returns[0].year == 2019);  // the review of 10 May 2018, in 2018-19
  CHECK(loaded.returns[0].tables == std::vector<std::string>{"episodes", "missing", "reviews"});
  CHECK(ssda903::missing_episodes(loaded, ReportingYear(2019)).episodes == std::vector<std::int64_t>{0, 0, 0});
  // Without the file: the 2019 return did not supply the table (no row in any return changes nothing).
  fs::remove(dir / "missing.csv");
  CHECK_THROWS_WITH(ssda903::missing_episodes(ssda903::load(dir), ReportingYear(2019)),
                    "ssda903.missing_episodes: the 2019 return has no missing table: no figure can be given for "
                    "2018-19");
}

TEST_CASE("SSDA903 regional: a table whose file is in the set is supplied by every authority-year in it") {
  const fs::path dir = scratch("table_presence_regional");
  // Authorities 201 and 202, both 2019; only 201 has a missing episode (M, 1 to 3 Jun 2018).
  write(dir / "episodes.csv",
        "LA,YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
        "HOME_POST,PL_POST,URN\n201,2019,A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n"
        "202,2019,B,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n");
  write(dir / "missing.csv",
        "LA,YEAR,CHILD,DOB,MISSING,MIS_START,MIS_END\n201,2019,A,01/01/2008,M,01/06/2018,03/06/2018\n");
  const auto regional = ssda903::load_regional({dir});
  REQUIRE(regional.authorities == std::vector<std::string>{"201", "202"});
  CHECK(ssda903::missing_episodes(regional.returns[0], ReportingYear(2019)).episodes ==
        std::vector<std::int64_t>{1, 0, 1});
  CHECK(regional.returns[1].returns[0].tables == std::vector<std::string>{"episodes", "missing"});
  CHECK(ssda903::missing_episodes(regional.returns[1], ReportingYear(2019)).episodes ==
        std::vector<std::int64_t>{0, 0, 0});
}
