// The returns' timeliness measures: small synthetic returns written by hand, their rows turned into
// events, the engine run over them, and each instance checked against dates counted by hand in the
// comments (England and Wales calendar).
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "scratch.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/timeliness.hpp"

using namespace safeguarding;
using namespace safeguarding::returns;
namespace fs = std::filesystem;

namespace {

std::int64_t day(const char* iso) { return *returns::detail::quick_date(iso); }

const std::string episode_head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";

/// One line per instance: "case rule status start due completed".
std::vector<std::string> lines(const timeliness::EngineResult& r, const RuleCatalogue& rules,
                               const std::vector<std::string>& case_names) {
  std::vector<std::string> out;
  const auto& in = r.instances;
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto date = [](std::int64_t d) { return d == nat ? std::string("-") : format_days(d); };
    out.push_back(case_names[static_cast<std::size_t>(in.case_id[i])] + " " +
                  rules.rules()[static_cast<std::size_t>(in.rule[i])].id + " " +
                  std::string(timeliness::instance_status_names[in.status[i]]) + " " + date(in.start[i]) + " " + date(in.due[i]) +
                  " " + date(in.completed[i]));
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
  const std::vector<std::int64_t> decom = {day("2018-06-01"), day("2018-03-01"), day("2018-01-01"), day("2018-09-01"),
                                           day("2018-01-01"), day("2019-01-01")};
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
  write(dir / "episodes.csv",
        episode_head +
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
        "A,01/01/2010,27/04/2018,PN1\n"   // A's first: due 20 WD after 2 Apr = 30 Apr (3-6, 9-13, 16-20, 23-27 Apr: 19; 30 Apr: 20): met
        "A,01/01/2010,10/08/2018,PN1\n"   // second: due 3 months after 27 Apr = 27 Jul: late by 10 WD (30 Jul-3 Aug, 6-10 Aug)
        "A,01/01/2010,28/09/2018,PN1\n"   // period 2's first: due 20 WD after Sat 1 Sep = Fri 28 Sep (3 Sep-28 Sep): met
        "B,01/01/2010,15/05/2018,PN1\n"   // left out: care began before the return
        "C,01/01/2010,01/06/2018,PN1\n"   // left out: short breaks
        "D,01/01/2010,01/09/2018,PN1\n"); // before D's period began: a stop before its start (a finding)
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
  CHECK(loaded.data.table("reviews").row[static_cast<std::size_t>(events.source_row[row])] == 7);  // D's review: file row 7
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
