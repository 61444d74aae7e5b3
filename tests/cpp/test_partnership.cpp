// The partnership model and its compliance evaluation, on small hand-made partnerships whose
// expected findings are worked out by hand in the comments (England and Wales bank holidays).
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "catch.hpp"
#include "json_documents.hpp"
#include "safeguarding/compliance.hpp"
#include "scratch.hpp"

using namespace safeguarding;
using boost::gregorian::date;
using nlohmann::json;
using test_json::partnership_document;
using test_json::partnership_from_document;

// A problem prints as "where: message" when a check fails.
template <>
struct Catch::StringMaker<Problem> {
  static std::string convert(const Problem& p) { return p.str(); }
};

namespace {

SafeguardingPartner partner(std::string id, std::string name, PartnerKind kind, std::string lead,
                            std::vector<std::string> delegates = {}) {
  SafeguardingPartner x;
  x.id = std::move(id);
  x.name = std::move(name);
  x.kind = kind;
  x.lead = std::move(lead);
  x.delegates = std::move(delegates);
  return x;
}

RelevantAgency agency(std::string id, std::string name, std::string sector, bool named_in_regulations) {
  RelevantAgency x;
  x.id = std::move(id);
  x.name = std::move(name);
  x.sector = std::move(sector);
  x.named_in_regulations = named_in_regulations;
  return x;
}

Role role(std::string id, std::string title, RoleKind kind, std::string agency_id = {},
          std::optional<Post> post = std::nullopt) {
  Role x;
  x.id = std::move(id);
  x.title = std::move(title);
  x.kind = kind;
  x.agency = std::move(agency_id);
  x.post = post;
  return x;
}

Activity activity(std::string id, std::string type, Date d, std::string follows = {}, std::string title = {}) {
  Activity a;
  a.id = std::move(id);
  a.type = std::move(type);
  a.date = d;
  a.follows = std::move(follows);
  a.title = std::move(title);
  return a;
}

/// Three partners with lead roles, one relevant agency (a school), one quarterly executive group of
/// all four with Haringey's quorum rule; in force from Sunday 29 September 2019.
Partnership small() {
  Partnership p;
  p.name = "Test Partnership";
  p.area = "Testshire";
  p.start = date(2019, 9, 29);
  p.partners = {partner("la", "Test Council", PartnerKind::local_authority, "la-lead"),
                partner("ccg", "Test CCG", PartnerKind::ccg, "ccg-lead"),
                partner("police", "Test Police", PartnerKind::police, "police-lead")};
  p.agencies = {agency("school", "Test schools", "education", true)};
  p.roles = {role("la-lead", "Chief Executive", RoleKind::lead_representative, "la"),
             role("ccg-lead", "Accountable Officer", RoleKind::lead_representative, "ccg"),
             role("police-lead", "Borough Commander", RoleKind::lead_representative, "police"),
             role("chair", "Independent Chair", RoleKind::independent_chair)};
  Group g;
  g.id = "exec";
  g.name = "Executive";
  g.kind = GroupKind::executive;
  g.chairs = {"chair"};
  g.members = {{"la", ""}, {"ccg", ""}, {"police", ""}, {"school", ""}};
  g.frequency = Frequency{PeriodUnit::quarter, 1, PeriodAlignment::calendar, "§1"};
  g.quorum = QuorumRule{true, 0, true, "§2"};
  p.groups = {g};
  return p;
}

Meeting meeting(std::string id, Date d, std::vector<Attendance> attendance, std::vector<Apology> apologies = {}) {
  return Meeting{std::move(id), "exec", d, std::move(attendance), std::move(apologies), ""};
}

Attendance present(std::string agency) {
  return Attendance{std::move(agency), Capacity::member, false, ""};
}

std::vector<Attendance> everyone() {
  return {present("la"), present("ccg"), present("police"), present("school")};
}

/// Copies, so that they outlive a temporary report.
std::vector<ComplianceFinding> of_kind(const ComplianceReport& r, ComplianceFindingKind kind) {
  std::vector<ComplianceFinding> out;
  for (const ComplianceFinding& f : r.findings)
    if (f.kind == kind) out.push_back(f);
  return out;
}

Duty duty(std::string id, std::string activity, Schedule s) {
  Duty d;
  d.id = std::move(id);
  d.title = "Duty " + d.id;
  d.activity = std::move(activity);
  d.schedule = std::move(s);
  d.source = "§9";
  return d;
}

Schedule interval(const char* every, std::optional<Date> first_due = std::nullopt) {
  Schedule s;
  s.kind = ScheduleKind::interval;
  s.every = Timescale::parse(every);
  s.first_due = first_due;
  return s;
}

Schedule yearly(unsigned month, unsigned day) {
  Schedule s;
  s.kind = ScheduleKind::yearly;
  s.by_month = month;
  s.by_day = day;
  return s;
}

/// At least `at_least` a year of the partnership (April to March).
Schedule count_per_year(std::int64_t at_least) {
  Schedule s;
  s.kind = ScheduleKind::count;
  s.count = Frequency{PeriodUnit::year, at_least, PeriodAlignment::partnership_year, ""};
  return s;
}

Schedule after_each(const char* within, std::string after) {
  Schedule s;
  s.kind = ScheduleKind::after_each;
  s.within = Timescale::parse(within);
  s.after = std::move(after);
  return s;
}

}  // namespace

TEST_CASE("periods follow the calendar or the partnership's year") {
  // Calendar quarters start in January, April, July and October.
  CHECK(period_containing(date(2019, 11, 15), PeriodUnit::quarter, PeriodAlignment::calendar, 4) ==
        MeetingPeriod{date(2019, 10, 1), date(2019, 12, 31)});
  // A partnership year starting in May has quarters May-July, August-October, November-January, February-April.
  CHECK(period_containing(date(2020, 1, 10), PeriodUnit::quarter, PeriodAlignment::partnership_year, 5) ==
        MeetingPeriod{date(2019, 11, 1), date(2020, 1, 31)});
  CHECK(period_containing(date(2019, 9, 29), PeriodUnit::year, PeriodAlignment::partnership_year, 4) ==
        MeetingPeriod{date(2019, 4, 1), date(2020, 3, 31)});
  CHECK(period_containing(date(2020, 2, 29), PeriodUnit::half_year, PeriodAlignment::calendar, 4) ==
        MeetingPeriod{date(2020, 1, 1), date(2020, 6, 30)});
  CHECK(period_containing(date(2020, 2, 29), PeriodUnit::month, PeriodAlignment::partnership_year, 4) ==
        MeetingPeriod{date(2020, 2, 1), date(2020, 2, 29)});
  // From Sunday 29 September 2019 to 31 October 2020: the quarter July-September 2019 began before
  // the start, so the first assessed is October-December 2019; October-December 2020 has begun.
  const auto quarters =
      periods_between(date(2019, 9, 29), date(2020, 10, 31), PeriodUnit::quarter, PeriodAlignment::calendar, 4);
  REQUIRE(quarters.size() == 5);
  CHECK(quarters.front() == MeetingPeriod{date(2019, 10, 1), date(2019, 12, 31)});
  CHECK(quarters.back() == MeetingPeriod{date(2020, 10, 1), date(2020, 12, 31)});
  CHECK(
      periods_between(date(2019, 9, 29), date(2019, 9, 30), PeriodUnit::quarter, PeriodAlignment::calendar, 4).empty());
  CHECK(period_text(quarters.front()) == "October\u2013December 2019");
  CHECK(period_text(MeetingPeriod{date(2020, 4, 1), date(2021, 3, 31)}) == "April 2020\u2013March 2021");
  CHECK(period_text(MeetingPeriod{date(2020, 2, 1), date(2020, 2, 29)}) == "February 2020");
}

TEST_CASE("meetings per period: met, missed, due soon and not yet due") {
  Partnership p = small();
  p.meetings = {meeting("m1", date(2019, 10, 15), everyone()), meeting("m2", date(2020, 2, 1), everyone())};
  // As of 15 August 2020, calendar quarters from October 2019: Oct-Dec met (15 Oct), Jan-Mar met
  // (1 Feb), Apr-Jun missed, Jul-Sep open until 30 September, which is within 90 days of 15 August
  // (15 August + 90 days = 13 November): due soon.
  {
    const auto r = p.evaluate(date(2020, 8, 15));
    const auto f = of_kind(r, ComplianceFindingKind::meeting_frequency);
    REQUIRE(f.size() == 4);
    CHECK(f[0].status == ComplianceStatus::met);
    CHECK(f[0].actual == date(2019, 10, 15));  // the meeting that met the quarter's requirement
    CHECK(f[1].status == ComplianceStatus::met);
    CHECK(f[2].status == ComplianceStatus::breached);
    CHECK(!f[2].actual);
    CHECK(f[2].period == MeetingPeriod{date(2020, 4, 1), date(2020, 6, 30)});
    CHECK(f[2].due == date(2020, 6, 30));
    CHECK(f[2].text == "Executive did not meet in April\u2013June 2020 (it should meet at least once a quarter).");
    CHECK(f[2].source == "§1");
    CHECK(f[3].status == ComplianceStatus::due_soon);
    CHECK(f[3].text ==
          "Executive has not yet met in July\u2013September 2020; the quarter ends on Wednesday 30 September 2020.");
  }
  // A 30-day window ends on 14 September, before 30 September: not yet due.
  {
    EvaluationOptions options;
    options.due_soon = Timescale::parse("30 calendar days");
    const auto r = p.evaluate(date(2020, 8, 15), options);
    CHECK(of_kind(r, ComplianceFindingKind::meeting_frequency)[3].status == ComplianceStatus::not_yet_due);
  }
  // Quarters of a partnership year starting in May: May-Jul, Aug-Oct, Nov-Jan, Feb-Apr. The first
  // beginning on or after 29 September 2019 is November-January (no meeting: 15 October is before
  // it, 1 February after) - missed; February-April met; May-July missed; August-October open.
  {
    p.year_start = 5;
    p.groups[0].frequency.aligned_to = PeriodAlignment::partnership_year;
    const auto r = p.evaluate(date(2020, 8, 15));
    const auto f = of_kind(r, ComplianceFindingKind::meeting_frequency);
    REQUIRE(f.size() == 4);
    CHECK(f[0].period == MeetingPeriod{date(2019, 11, 1), date(2020, 1, 31)});
    CHECK(f[0].status == ComplianceStatus::breached);
    CHECK(f[1].status == ComplianceStatus::met);
    CHECK(f[2].period == MeetingPeriod{date(2020, 5, 1), date(2020, 7, 31)});
    CHECK(f[2].status == ComplianceStatus::breached);
    CHECK(f[3].status == ComplianceStatus::due_soon);
    CHECK(f[0].requirement == "meets at least once a quarter (periods from May)");
  }
  // Twice a quarter, one meeting: "met only 1 time".
  {
    Partnership q = small();
    q.groups[0].frequency.at_least = 2;
    q.meetings = {meeting("m1", date(2019, 10, 15), everyone())};
    const auto f = of_kind(q.evaluate(date(2020, 1, 15)), ComplianceFindingKind::meeting_frequency);
    REQUIRE(f.size() == 2);
    CHECK(f[0].text == "Executive met only 1 time in October\u2013December 2019 (at least 2 required).");
  }
}

TEST_CASE("quorum per meeting") {
  Partnership p = small();
  p.meetings = {
      meeting("all", date(2019, 10, 15), everyone()),
      // The police sent a deputy without delegated authority: not quorate.
      meeting("weak-deputy", date(2020, 1, 14),
              {present("la"),
               present("ccg"),
               {"police", Capacity::deputy, false, "Detective Inspector"},
               present("school")}),
      // A deputy with delegated authority counts.
      meeting("good-deputy", date(2020, 4, 14),
              {present("la"), {"ccg", Capacity::deputy, true, "Director of Quality"}, present("police")}),
      // Apologies, even with a valid reason, do not make a partner present.
      meeting("apology", date(2020, 7, 14), {present("la"), present("ccg"), present("school")},
              {{"police", true, "operational demands"}}),
  };
  const auto r = p.evaluate(date(2020, 8, 1));
  const auto q = of_kind(r, ComplianceFindingKind::quorum);
  REQUIRE(q.size() == 4);
  CHECK(q[0].status == ComplianceStatus::met);
  CHECK(q[0].subject == "all");
  CHECK(q[0].group == "exec");
  CHECK(q[0].text == "The Executive meeting on Tuesday 15 October 2019 was quorate.");
  CHECK(q[1].status == ComplianceStatus::breached);
  CHECK(q[1].text ==
        "The Executive meeting on Tuesday 14 January 2020 was not quorate: Test Police sent a deputy without delegated "
        "authority.");
  CHECK(q[1].requirement == "all three safeguarding partners present; deputies hold delegated authority");
  CHECK(q[2].status == ComplianceStatus::met);
  CHECK(q[3].status == ComplianceStatus::breached);
  CHECK(q[3].text == "The Executive meeting on Tuesday 14 July 2020 was not quorate: Test Police was not represented.");
  CHECK(r.summary.meetings_assessed == 4);
  CHECK(r.summary.meetings_quorate == 2);

  // Without the delegated-authority condition the weak deputy counts; a minimum of 4 member agencies
  // then fails "good-deputy" (the school was absent: 3 present) and "apology" (3 present).
  p.groups[0].quorum->deputies_need_delegated_authority = false;
  p.groups[0].quorum->minimum_members = 4;
  const auto q2 = of_kind(p.evaluate(date(2020, 8, 1)), ComplianceFindingKind::quorum);
  CHECK(q2[1].status == ComplianceStatus::met);
  CHECK(q2[2].status == ComplianceStatus::breached);
  CHECK(
      q2[2].text ==
      "The Executive meeting on Tuesday 14 April 2020 was not quorate: only 3 member agencies were present (at least 4 "
      "needed).");

  // An invited agency does not count towards the quorum; a group without a rule has one
  // not-applicable finding and no per-meeting findings.
  p.groups[0].quorum.reset();
  const auto q3 = of_kind(p.evaluate(date(2020, 8, 1)), ComplianceFindingKind::quorum);
  REQUIRE(q3.size() == 1);
  CHECK(q3[0].status == ComplianceStatus::not_applicable);
}

TEST_CASE("a quorum of all safeguarding partners needs every partner among the members") {
  // The police are not members of the Executive: they could attend only as "invited", which never
  // counts, so the rule could never be met and every meeting would be reported with "Test Police was
  // not represented", even one the police attended. The data is rejected instead.
  Partnership p = small();
  p.groups[0].members = {{"la", ""}, {"ccg", ""}, {"school", ""}};
  p.meetings = {meeting("m1", date(2019, 10, 15),
                        {present("la"), present("ccg"), {"police", Capacity::invited, false, ""}, present("school")})};
  const auto problems = p.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where == "/groups/0/quorum");
  CHECK(problems[0].message ==
        "the quorum rule requires all safeguarding partners, but 'police' is not a member of the group (add it to "
        "\"members\" or set \"all_safeguarding_partners\": false)");
  CHECK(error_message([&] { (void)p.evaluate(date(2020, 1, 1)); }).find("/groups/0/quorum: ") != std::string::npos);
  // Two partners missing are named together; the JSON reader reports the same pointer.
  p.groups[0].members = {{"la", ""}, {"school", ""}};
  p.meetings.clear();
  CHECK(error_message([&] { (void)partnership_from_document(partnership_document(p)); }) ==
        "/groups/0/quorum: the quorum rule requires all safeguarding partners, but 'ccg' and 'police' are not members "
        "of the group (add them to \"members\" or set \"all_safeguarding_partners\": false)");
  // A rule that does not ask for the partners, or no rule at all, is fine without them.
  p.groups[0].quorum->all_safeguarding_partners = false;
  CHECK(p.problems().empty());
  p.groups[0].quorum.reset();
  CHECK(p.problems().empty());
}

TEST_CASE("attendance rates and non-attendance without a valid reason") {
  Partnership p = small();
  p.meetings = {
      meeting("m1", date(2019, 10, 15), everyone()),
      meeting("m2", date(2020, 1, 14), {present("la"), present("ccg"), present("police")}, {{"school", true, "exams"}}),
      meeting("m3", date(2020, 4, 14), {present("la"), present("ccg"), present("police")}),
      meeting("m4", date(2020, 7, 14), {present("la"), present("ccg"), present("police")},
              {{"school", false, "diary clash"}}),
  };
  const auto r = p.evaluate(date(2020, 8, 1));
  const auto a = of_kind(r, ComplianceFindingKind::attendance);
  REQUIRE(a.size() == 4);  // one per member agency, in member order
  CHECK(a[0].subject == "la");
  CHECK(a[0].status == ComplianceStatus::met);
  CHECK(a[0].text == "Test Council attended 4 of 4 Executive meetings (100%).");
  // The school: 1 of 4 (25%) is below 75%; one valid apology (m2), two absences without a valid
  // reason (m3: no apologies; m4: apologies without a valid reason).
  CHECK(a[3].status == ComplianceStatus::breached);
  CHECK(a[3].group == "exec");
  CHECK(a[3].actual == date(2019, 10, 15));
  CHECK(a[3].text ==
        "Test schools attended 1 of 4 Executive meetings (25%, below the 75% target); 1 apology with a valid reason "
        "and 2 "
        "absences without a valid reason; last attended Tuesday 15 October 2019.");
  const auto n = of_kind(r, ComplianceFindingKind::non_attendance);
  REQUIRE(n.size() == 2);
  CHECK(n[0].actual == date(2020, 4, 14));
  CHECK(
      n[0].text ==
      "Test schools did not attend the Executive meeting on Tuesday 14 April 2020 and sent no apologies: report to the "
      "agency's line manager.");
  CHECK(n[1].text ==
        "Test schools did not attend the Executive meeting on Tuesday 14 July 2020 and its apologies gave no valid "
        "reason: "
        "report to the agency's line manager.");
  CHECK(r.summary.attendances_expected == 16);
  CHECK(r.summary.attendances == 13);
  CHECK(r.summary.absences_without_valid_reason == 2);

  // A target of 25% is met by 1 of 4 (1 x 100 >= 25 x 4).
  EvaluationOptions options;
  options.attendance_target = 25;
  CHECK(of_kind(p.evaluate(date(2020, 8, 1), options), ComplianceFindingKind::attendance)[3].status ==
        ComplianceStatus::met);
  options.attendance_target = 101;
  CHECK(error_message([&] { (void)p.evaluate(date(2020, 8, 1), options); }) ==
        "evaluate: the attendance target must be a percentage from 0 to 100, got 101");
}

TEST_CASE("interval duties: met, late, overdue, upcoming") {
  Partnership p = small();
  p.duties = {duty("report", "yearly-report", interval("12 months", date(2020, 7, 31))),
              duty("jtai", "jtai-review", interval("6 months")), duty("list", "list-review", interval("12 months"))};
  p.activities = {{"report-1", "yearly-report", date(2020, 10, 6), "", "", "", ""},
                  {"jtai-1", "jtai-review", date(2020, 3, 10), "", "", "", ""},
                  {"list-1", "list-review", date(2020, 9, 15), "", "", "", ""}};
  const auto r = p.evaluate(date(2020, 10, 31));
  const auto d = of_kind(r, ComplianceFindingKind::duty);
  REQUIRE(d.size() == 6);
  // Yearly report due 31 July 2020, published Tuesday 6 October 2020: late by
  // August 20 working days (21 weekdays less the bank holiday on 31 August) + September 22 +
  // 1, 2, 5, 6 October 4 = 46 working days; 31 + 30 + 6 = 67 calendar days.
  CHECK(d[0].status == ComplianceStatus::breached);
  CHECK(d[0].due == date(2020, 7, 31));
  CHECK(d[0].actual == date(2020, 10, 6));
  CHECK(d[0].late_working_days == 46);
  CHECK(d[0].late_calendar_days == 67);
  CHECK(d[0].text ==
        "Duty report: done on Tuesday 6 October 2020, 46 working days (67 calendar days) after it was due on Friday 31 "
        "July "
        "2020.");
  // The next is due 12 months after the last: 6 October 2021, beyond 90 days: not yet due.
  CHECK(d[1].status == ComplianceStatus::not_yet_due);
  CHECK(d[1].due == date(2021, 10, 6));
  // JTAI plan: first due 29 March 2020 (6 months after the start), revisited 10 March: met, with no
  // lateness; next due 10 September 2020, not done by 31 October: overdue by 14 working days in
  // September (11, 14-18, 21-25, 28-30) + 22 in October = 36; 20 + 31 = 51 calendar days.
  CHECK(d[2].status == ComplianceStatus::met);
  CHECK(d[2].due == date(2020, 3, 29));
  CHECK(d[2].late_working_days == 0);
  CHECK(d[3].status == ComplianceStatus::breached);
  CHECK(d[3].due == date(2020, 9, 10));
  CHECK(!d[3].actual);
  CHECK(d[3].late_working_days == 36);
  CHECK(d[3].late_calendar_days == 51);
  CHECK(d[3].text ==
        "Duty jtai: overdue since Thursday 10 September 2020, by 36 working days (51 calendar days) as of Saturday 31 "
        "October "
        "2020.");
  // List review: due 29 September 2020, done 15 September: met; next 15 September 2021.
  CHECK(d[4].status == ComplianceStatus::met);
  CHECK(d[5].due == date(2021, 9, 15));
  // Upcoming within 90 days: as of 1 August 2021 the list review due 15 September 2021 is due soon,
  // 32 working days away (August: 21 weekdays less the bank holiday on 30 August = 21 after 1
  // August... counted: 2-6, 9-13, 16-20, 23-27 = 20, 31 = 1, so 21; September 1-3, 6-10, 13-15 = 11).
  const auto later = of_kind(p.evaluate(date(2021, 8, 1)), ComplianceFindingKind::duty);
  CHECK(later[5].status == ComplianceStatus::due_soon);
  CHECK(later[5].text == "Duty list: due by Wednesday 15 September 2021, 32 working days from now.");
}

TEST_CASE("yearly duties by a day of the year") {
  Partnership p = small();
  p.duties = {duty("plan", "business-plan", yearly(4, 30))};
  // From 29 September 2019 the first due date is 30 April 2020. A plan on Tuesday 19 May 2020 is late
  // by 12 working days (1 May; 4-7 May, Friday 8 May being the VE Day bank holiday; 11-15; 18-19)
  // and 19 calendar days.
  p.activities = {{"plan-2020", "business-plan", date(2020, 5, 19), "", "", "", ""}};
  auto d = of_kind(p.evaluate(date(2021, 5, 10)), ComplianceFindingKind::duty);
  REQUIRE(d.size() == 3);
  CHECK(d[0].status == ComplianceStatus::breached);
  CHECK(d[0].late_working_days == 12);
  CHECK(d[0].late_calendar_days == 19);
  // The late 2020 plan discharges 2020 only: by 10 May 2021 the 2021 plan is overdue since 30 April;
  // the 2022 plan, due 30 April 2022, is listed as not yet due.
  CHECK(d[1].status == ComplianceStatus::breached);
  CHECK(d[1].due == date(2021, 4, 30));
  CHECK(!d[1].actual);
  CHECK(d[2].status == ComplianceStatus::not_yet_due);
  CHECK(d[2].due == date(2022, 4, 30));
  // On time: a plan on 21 April 2020 meets 2020; 2021 is due soon as of 1 March 2021.
  p.activities = {{"plan-2020", "business-plan", date(2020, 4, 21), "", "", "", ""}};
  d = of_kind(p.evaluate(date(2021, 3, 1)), ComplianceFindingKind::duty);
  REQUIRE(d.size() == 2);
  CHECK(d[0].status == ComplianceStatus::met);
  CHECK(d[1].status == ComplianceStatus::due_soon);
}

TEST_CASE("yearly duties: a missed year stays missed and the next on-time one is on time") {
  Partnership p = small();
  p.duties = {duty("plan", "business-plan", yearly(4, 30))};
  // Due 30 April 2020, 2021, 2022, ... No plan in 2020; the 2021 plan on Wednesday 21 April 2021.
  // 21 April 2021 is in 2021's window (30 April 2020, 30 April 2021], 356 days after 30 April 2020
  // and 9 days before 30 April 2021: nearer 2021, so it is 2021's plan, on time. 2020 stays missed:
  // as of Monday 10 May 2021 overdue by 365 + 10 = 375 calendar days. 2022 is not yet due.
  p.activities = {{"plan-2021", "business-plan", date(2021, 4, 21), "", "", "", ""}};
  auto d = of_kind(p.evaluate(date(2021, 5, 10)), ComplianceFindingKind::duty);
  REQUIRE(d.size() == 3);
  CHECK(d[0].status == ComplianceStatus::breached);
  CHECK(d[0].due == date(2020, 4, 30));
  CHECK(!d[0].actual);
  CHECK(d[0].late_calendar_days == 375);
  CHECK(d[1].status == ComplianceStatus::met);
  CHECK(d[1].due == date(2021, 4, 30));
  CHECK(d[1].actual == date(2021, 4, 21));
  CHECK(d[1].text == "Duty plan: done on Wednesday 21 April 2021, due by Friday 30 April 2021.");
  CHECK(d[2].status == ComplianceStatus::not_yet_due);
  CHECK(d[2].due == date(2022, 4, 30));

  // Two missed years, as of Wednesday 1 June 2022:
  // - 15 October 2020 is 168 days after 30 April 2020 (May 31 + June 30 + July 31 + August 31 +
  //   September 30 = 153, + 15) and 197 before 30 April 2021 (16 + 30 + 31 + 31 + 28 + 31 + 30):
  //   nearer 2020, which had none, so it is 2020's plan, late by 168 calendar days and 117 working
  //   days (May 2020: 21 weekdays less the bank holidays on 8 and 25 May = 19; June 22; July 23;
  //   August 21 less the bank holiday on the 31st = 20; September 22; October 1-2, 5-9, 12-15 = 11).
  // - 2 December 2021 is 216 days after 30 April 2021 (31 + 30 + 31 + 31 + 30 + 31 + 30 = 214, + 2)
  //   and 149 before 30 April 2022 (29 + 31 + 28 + 31 + 30): nearer 2022, so it is 2022's plan, on
  //   time, and 2021 stays missed.
  // - 2023 (30 April 2023) is not yet due.
  p.activities = {{"plan-a", "business-plan", date(2020, 10, 15), "", "", "", ""},
                  {"plan-b", "business-plan", date(2021, 12, 2), "", "", "", ""}};
  d = of_kind(p.evaluate(date(2022, 6, 1)), ComplianceFindingKind::duty);
  REQUIRE(d.size() == 4);
  CHECK(d[0].status == ComplianceStatus::breached);
  CHECK(d[0].actual == date(2020, 10, 15));
  CHECK(d[0].late_calendar_days == 168);
  CHECK(d[0].late_working_days == 117);
  CHECK(d[1].status == ComplianceStatus::breached);
  CHECK(d[1].due == date(2021, 4, 30));
  CHECK(!d[1].actual);
  CHECK(d[2].status == ComplianceStatus::met);
  CHECK(d[2].actual == date(2021, 12, 2));
  CHECK(d[3].status == ComplianceStatus::not_yet_due);

  // A year done on time, then the next year's plan early in its window: both on time. A second
  // plan in the same window completes nothing more. 21 April 2020 meets 2020; 1 September 2020 is
  // in 2021's window and 2020 was done, so it meets 2021; 1 October 2020 is a second plan for 2021.
  // As of 1 March 2021 the 2021 instance is already met: 2 findings.
  p.activities = {{"plan-a", "business-plan", date(2020, 4, 21), "", "", "", ""},
                  {"plan-b", "business-plan", date(2020, 9, 1), "", "", "", ""},
                  {"plan-c", "business-plan", date(2020, 10, 1), "", "", "", ""}};
  d = of_kind(p.evaluate(date(2021, 3, 1)), ComplianceFindingKind::duty);
  REQUIRE(d.size() == 2);
  CHECK(d[0].actual == date(2020, 4, 21));
  CHECK(d[1].status == ComplianceStatus::met);
  CHECK(d[1].actual == date(2020, 9, 1));
}

TEST_CASE("count duties per period and after-each duties") {
  Partnership p = small();
  p.duties = {duty("audits", "audit", count_per_year(4)),
              duty("plans", "action-plan", after_each("6 months", "audit"))};
  p.activities = {
      {"a0", "audit", date(2019, 9, 1), "", "", "", ""},  // before the start: no clock
      {"a1", "audit", date(2020, 2, 20), "", "", "", ""},
      {"a2", "audit", date(2020, 7, 16), "", "", "Deep dive into neglect", ""},
      {"a3", "audit", date(2020, 10, 8), "", "", "", ""},
      {"a4", "audit", date(2021, 1, 14), "", "", "", ""},
      {"p1", "action-plan", date(2020, 9, 10), "a1", "", "", ""},
  };
  // As of 31 October 2020: the partnership year April 2019-March 2020 began before the start (29
  // September 2019), so it is not assessed; one finding says so, counting the audits done in it from
  // the start: a1 (a0, 1 September 2019, is before the start): 1. The first assessed year is April
  // 2020-March 2021, with 2 audits (a2, a3) of 4, ending beyond 90 days: not yet due.
  // a1 20 February 2020 + 6 months = 20 August; p1 on 10 September is late by 14 working days
  // (21 August; 24-28; 1-4 September after the 31 August bank holiday; 7-10) and 21 calendar days.
  // a2 16 July + 6 months = 16 January 2021, within 90 days (29 January 2021): due soon.
  // a3 8 October + 6 months = 8 April 2021: not yet due. a4 is after the as-of date: not counted.
  auto d = of_kind(p.evaluate(date(2020, 10, 31)), ComplianceFindingKind::duty);
  REQUIRE(d.size() == 5);
  CHECK(d[0].status == ComplianceStatus::not_applicable);
  CHECK(d[0].period == MeetingPeriod{date(2019, 4, 1), date(2020, 3, 31)});
  CHECK(!d[0].due);
  CHECK(d[0].text ==
        "Duty audits: April 2019–March 2020 began before the duty started on Sunday 29 September 2019, so it is "
        "not assessed (1 done in it from that date).");
  CHECK(d[1].status == ComplianceStatus::not_yet_due);
  CHECK(d[1].text ==
        "Duty audits: 2 of 4 done so far in April 2020–March 2021, which ends on Wednesday 31 March 2021.");
  CHECK(d[2].status == ComplianceStatus::breached);
  CHECK(d[2].late_working_days == 14);
  CHECK(d[2].late_calendar_days == 21);
  CHECK(d[2].subject == "plans");
  CHECK(d[2].subject_name == "Duty plans (after a1 on 2020-02-20)");
  CHECK(d[3].status == ComplianceStatus::due_soon);
  CHECK(d[3].due == date(2021, 1, 16));
  // a2 has a title, which names it (a1, without one, is named by its id, above). 16 January 2021 is
  // 52 working days after 31 October 2020: November 21 weekdays; December 23 less Christmas Day and
  // the Boxing Day holiday on Monday 28th = 21; January 4-8, 11-15 = 10, New Year's Day a holiday.
  CHECK(d[3].text ==
        "Duty plans after 'Deep dive into neglect' (Thursday 16 July 2020): due by Saturday 16 January 2021, 52 "
        "working days from now.");
  CHECK(d[3].subject_name == "Duty plans (after 'Deep dive into neglect' on 2020-07-16)");
  CHECK(d[4].status == ComplianceStatus::not_yet_due);
  // As of 10 April 2021 the year April 2020-March 2021 has ended with 3 audits (a2, a3, a4): breached.
  d = of_kind(p.evaluate(date(2021, 4, 10)), ComplianceFindingKind::duty);
  CHECK(d[1].status == ComplianceStatus::breached);
  CHECK(d[1].text == "Duty audits: only 3 of 4 done in April 2020–March 2021 (at least 4 required).");
  CHECK(d[2].status == ComplianceStatus::not_yet_due);  // April 2021-March 2022 has begun
  // A duty from 1 April 2020 begins with a whole year: no partial-year finding.
  p.duties[0].from = date(2020, 4, 1);
  d = of_kind(p.evaluate(date(2020, 10, 31)), ComplianceFindingKind::duty);
  CHECK(d[0].period == MeetingPeriod{date(2020, 4, 1), date(2021, 3, 31)});
  CHECK(d[0].status == ComplianceStatus::not_yet_due);
}

TEST_CASE("chairs, members, partners and the arrangements' coverage") {
  Partnership p = small();
  Group empty;
  empty.id = "tf";
  empty.name = "Task group";
  empty.kind = GroupKind::task_and_finish;
  empty.parent = "exec";
  empty.frequency.unit = PeriodUnit::as_required;
  p.groups.push_back(empty);
  p.partners.pop_back();               // no police
  p.roles.erase(p.roles.begin() + 2);  // nor its lead representative
  p.groups[0].members.erase(p.groups[0].members.begin() + 2);
  for (const char* item : {"wt2018.a", "wt2018.b", "wt2018.c", "wt2018.d", "wt2018.e", "wt2018.f", "wt2018.g",
                           "wt2018.h", "wt2018.i", "wt2018.j", "wt2018.k", "wt2018.l", "wt2018.n"})
    p.arrangements.coverage.push_back({item, "§3"});
  const auto r = p.evaluate(date(2019, 10, 1));
  const auto chairs = of_kind(r, ComplianceFindingKind::group_chair);
  REQUIRE(chairs.size() == 2);
  CHECK(chairs[0].text == "Executive is chaired by Independent Chair.");
  CHECK(chairs[1].status == ComplianceStatus::breached);
  CHECK(chairs[1].text == "Task group has no chair.");
  CHECK(of_kind(r, ComplianceFindingKind::group_members)[1].text == "Task group has no members.");
  const auto partners = of_kind(r, ComplianceFindingKind::safeguarding_partners);
  REQUIRE(partners.size() == 1);
  CHECK(partners[0].status == ComplianceStatus::breached);
  CHECK(partners[0].text == "No safeguarding partner is named for the chief officer of police.");
  // 15 required items under WT2018; (m) and independent scrutiny are not covered.
  const auto coverage = of_kind(r, ComplianceFindingKind::arrangements);
  REQUIRE(coverage.size() == 15);
  CHECK(std::count_if(coverage.begin(), coverage.end(),
                      [](const ComplianceFinding& f) { return f.status == ComplianceStatus::met; }) == 13);
  CHECK(coverage[12].subject == "wt2018.m");
  CHECK(coverage[12].status == ComplianceStatus::breached);
  CHECK(coverage[14].subject == "wt2018.scrutiny");
  CHECK(coverage[14].status == ComplianceStatus::breached);
  CHECK(coverage[0].text ==
        "Covered in the arrangements at §3: how the safeguarding partners will work together to identify and respond "
        "to the "
        "needs of children in the area.");
  // Working Together 2023 has its own list (14 items), none covered here; it names the partners'
  // leads "lead safeguarding partners". A partnership under it starts on or after its publication
  // (Friday 15 December 2023); its health partner is an ICB (a CCG then is a health-partner finding).
  p.arrangements.coverage.clear();  // WT 2018's items are not WT 2023's: listing them is a problem
  p.edition = Edition::wt2023;
  p.start = date(2024, 1, 1);
  p.partners[1].kind = PartnerKind::icb;
  const auto wt2023_partners = of_kind(p.evaluate(date(2024, 1, 10)), ComplianceFindingKind::safeguarding_partners);
  CHECK(wt2023_partners[0].text == "No safeguarding partner is named for the chief officer of police.");
  CHECK(wt2023_partners[0].requirement ==
        "the three safeguarding partners (the local authority, the ICB and the police), each with a lead "
        "safeguarding partner");
  p.partners[0].lead.clear();
  CHECK(of_kind(p.evaluate(date(2024, 1, 10)), ComplianceFindingKind::safeguarding_partners)[0].text ==
        "No safeguarding partner is named for the chief officer of police. No lead safeguarding partner is named for "
        "Test Council.");
  p.partners[0].lead = "la-lead";
  const auto wt2023 = of_kind(p.evaluate(date(2024, 1, 10)), ComplianceFindingKind::arrangements);
  CHECK(wt2023.size() == 14);
  CHECK(std::all_of(wt2023.begin(), wt2023.end(),
                    [](const ComplianceFinding& f) { return f.status == ComplianceStatus::breached; }));
  // An LSCB has neither partners nor published arrangements to check.
  p.edition = Edition::lscb_wt2015;
  p.partners[1].kind = PartnerKind::ccg;
  const auto lscb = p.evaluate(date(2024, 1, 10));
  CHECK(of_kind(lscb, ComplianceFindingKind::safeguarding_partners)[0].status == ComplianceStatus::not_applicable);
  CHECK(of_kind(lscb, ComplianceFindingKind::arrangements)[0].status == ComplianceStatus::not_applicable);
}

TEST_CASE("coverage names items of the partnership's edition, each once") {
  // Entry 1 names a WT 2023 item in a WT 2018 partnership; entry 2 repeats entry 0's item; entry 3
  // names no required item at all. Each is reported at its item's pointer; entry 0 is fine.
  Partnership p = small();
  p.arrangements.coverage = {{"wt2018.a", "§3"}, {"wt2023.voice", "§4"}, {"wt2018.a", "§5"}, {"wt2018.zz", "§6"}};
  const std::vector<Problem> expected = {
      {"/arrangements/coverage/1/item",
       "'wt2023.voice' is a required item of Working Together 2023, not of Working Together 2018, the arrangements' "
       "edition"},
      {"/arrangements/coverage/2/item",
       "required item 'wt2018.a' is listed twice (first at /arrangements/coverage/0/item)"},
      {"/arrangements/coverage/3/item", "unknown required item 'wt2018.zz'"},
  };
  CHECK(p.problems() == expected);
  // The JSON reader reports the same.
  try {
    (void)partnership_from_document(partnership_document(p));
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK(e.problems() == expected);
  }
  // Under WT 2023 the WT 2023 item is fine and the WT 2018 one is not (nor the Act's, before its
  // edition); under CWSA2026 Working Together 2023's items and the Act's two are required.
  p.edition = Edition::wt2023;
  p.start = date(2024, 1, 1);
  p.arrangements.coverage = {{"wt2023.voice", "§4"}, {"wt2018.a", "§3"}, {"cwsa2026.child_protection_teams", "§5"}};
  CHECK(p.problems() ==
        std::vector<Problem>{{"/arrangements/coverage/1/item",
                              "'wt2018.a' is a required item of Working Together 2018, not of Working Together 2023, "
                              "the arrangements' edition"},
                             {"/arrangements/coverage/2/item",
                              "'cwsa2026.child_protection_teams' is a required item of Working Together 2023 with "
                              "the Children's Wellbeing and Schools Act 2026 (ss 2\u20133), not of Working Together "
                              "2023, the arrangements' edition"}});
  CHECK(required_contents(Edition::cwsa2026).size() == 16);
  p.edition_changes = {EditionChange{Edition::cwsa2026, date(2027, 10, 1), {}}};
  p.edition_changes[0].arrangements.coverage = {{"wt2023.voice", "§4"}, {"cwsa2026.child_protection_teams", "§5"}};
  p.arrangements.coverage = {{"wt2023.voice", "§4"}};
  CHECK(p.problems().empty());
  p.edition_changes.clear();
  p.start = date(2019, 9, 29);
  // An LSCB publishes no arrangements, so it has no required items to cover.
  p.edition = Edition::lscb_wt2015;
  p.arrangements.coverage = {{"wt2018.a", "§3"}};
  CHECK(p.problems() == std::vector<Problem>{{"/arrangements/coverage/0/item",
                                              "'wt2018.a' is a required item of Working Together 2018, but an LSCB "
                                              "under Working Together 2015 publishes no multi-agency safeguarding "
                                              "arrangements"}});
}

/// Partners over time: Test CCG until Tuesday 31 March 2020, then Merged CCG (which succeeds it) to
/// Thursday 30 June 2022, then Test ICB (which succeeds that) from Friday 1 July 2022. The Executive
/// lists all three among its members, and meets on Tuesdays 14 January, 14 April and 14 July 2020.
Partnership merging() {
  Partnership p = small();
  p.partners[1].until = date(2020, 3, 31);
  SafeguardingPartner merged = partner("ncl", "Merged CCG", PartnerKind::ccg, "ncl-lead");
  merged.from = date(2020, 4, 1);
  merged.until = date(2022, 6, 30);
  merged.succeeds = "ccg";
  SafeguardingPartner icb = partner("icb", "Test ICB", PartnerKind::icb, "icb-lead");
  icb.from = date(2022, 7, 1);
  icb.succeeds = "ncl";
  p.partners.insert(p.partners.begin() + 2, {merged, icb});
  p.roles.push_back(role("ncl-lead", "Accountable Officer, Merged CCG", RoleKind::lead_representative, "ncl"));
  p.roles.push_back(role("icb-lead", "Chief Executive, Test ICB", RoleKind::lead_representative, "icb"));
  p.groups[0].members = {{"la", ""}, {"ccg", ""}, {"ncl", ""}, {"icb", ""}, {"police", ""}, {"school", ""}};
  p.meetings = {meeting("m1", date(2020, 1, 14), {present("la"), present("ccg"), present("police"), present("school")}),
                meeting("m2", date(2020, 4, 14), {present("la"), present("ncl"), present("police"), present("school")}),
                meeting("m3", date(2020, 7, 14), {present("la"), present("police"), present("school")})};
  return p;
}

TEST_CASE("partners over time: each finding uses the partners in place on its date") {
  const Partnership p = merging();
  REQUIRE(p.problems().empty());
  const auto r = p.evaluate(date(2020, 10, 31));
  // The partners change on Wednesday 1 April 2020 (Test CCG's last day was the day before, Merged
  // CCG's first is that day); Merged CCG's end and Test ICB's start are after the as-of date. Two
  // periods, each with a local authority, a CCG and the police.
  const auto partners = of_kind(r, ComplianceFindingKind::safeguarding_partners);
  REQUIRE(partners.size() == 2);
  CHECK(partners[0].status == ComplianceStatus::met);
  CHECK(partners[0].period == MeetingPeriod{date(2019, 9, 29), date(2020, 3, 31)});
  CHECK(partners[0].text ==
        "From Sunday 29 September 2019 to Tuesday 31 March 2020: the safeguarding partners are Test Council, Test "
        "CCG and Test Police, each with a lead representative.");
  CHECK(partners[1].period == MeetingPeriod{date(2020, 4, 1), date(2020, 10, 31)});
  CHECK(partners[1].text ==
        "From Wednesday 1 April 2020: the safeguarding partners are Test Council, Merged CCG and Test Police, each "
        "with a lead representative.");
  // Both CCGs are partners only before 1 July 2022: met; Test ICB is not in place yet: no finding.
  const auto health = of_kind(r, ComplianceFindingKind::health_partner);
  REQUIRE(health.size() == 2);
  CHECK(health[0].subject == "ccg");
  CHECK(health[0].status == ComplianceStatus::met);
  CHECK(health[0].confidence == "confirmed");
  CHECK(health[0].text ==
        "Test CCG, a clinical commissioning group, is a safeguarding partner from Sunday 29 September 2019 to "
        "Tuesday 31 March 2020, before integrated care boards replace clinical commissioning groups on Friday 1 July "
        "2022.");
  CHECK(health[1].subject == "ncl");
  CHECK(health[1].period == MeetingPeriod{date(2020, 4, 1), date(2020, 10, 31)});
  // Quorum needs the partners in place on the meeting's date: Test CCG on 14 January, Merged CCG on
  // 14 April and 14 July (absent on 14 July: not quorate).
  const auto quorum = of_kind(r, ComplianceFindingKind::quorum);
  REQUIRE(quorum.size() == 3);
  CHECK(quorum[0].status == ComplianceStatus::met);
  CHECK(quorum[1].status == ComplianceStatus::met);
  CHECK(quorum[2].text ==
        "The Executive meeting on Tuesday 14 July 2020 was not quorate: Merged CCG was not "
        "represented.");
  // Attendance over the meetings each member was in place for: Test CCG 1 of 1 (14 January), Merged
  // CCG 1 of 2 (14 April; absent 14 July), the others 3 of 3; Test ICB is not a member yet.
  const auto attendance = of_kind(r, ComplianceFindingKind::attendance);
  REQUIRE(attendance.size() == 5);
  CHECK(attendance[1].text == "Test CCG attended 1 of 1 Executive meeting (100%).");
  CHECK(attendance[2].text ==
        "Merged CCG attended 1 of 2 Executive meetings (50%, below the 75% target); 1 absence without a valid reason; "
        "last attended Tuesday 14 April 2020.");
  CHECK(attendance[3].subject == "police");
  const auto absent = of_kind(r, ComplianceFindingKind::non_attendance);
  REQUIRE(absent.size() == 1);  // Test CCG is not absent from the meetings after its last day
  CHECK(absent[0].subject == "ncl");
  CHECK(absent[0].actual == date(2020, 7, 14));
  // Places: 4 in place at each meeting (a CCG, the council, the police, the school): 12, 11 filled.
  CHECK(r.summary.attendances_expected == 12);
  CHECK(r.summary.attendances == 11);
  CHECK(of_kind(r, ComplianceFindingKind::group_members)[0].text ==
        "Executive has 4 member agencies on Saturday 31 October 2020 (of 6 listed with their dates).");

  // As of Sunday 31 July 2022 a third period has begun (Test ICB from Friday 1 July 2022); each
  // CCG ended before that day and the ICB began on it: all met.
  const auto later = p.evaluate(date(2022, 7, 31));
  const auto later_partners = of_kind(later, ComplianceFindingKind::safeguarding_partners);
  REQUIRE(later_partners.size() == 3);
  CHECK(later_partners[1].period == MeetingPeriod{date(2020, 4, 1), date(2022, 6, 30)});
  CHECK(later_partners[2].text ==
        "From Friday 1 July 2022: the safeguarding partners are Test Council, Test ICB and Test Police, each with a "
        "lead representative.");
  const auto later_health = of_kind(later, ComplianceFindingKind::health_partner);
  REQUIRE(later_health.size() == 3);
  for (const ComplianceFinding& f : later_health) CHECK(f.status == ComplianceStatus::met);
  CHECK(later_health[1].text ==
        "Merged CCG, a clinical commissioning group, is a safeguarding partner from Wednesday 1 April 2020 to "
        "Thursday 30 June 2022, before integrated care boards replaced clinical commissioning groups on Friday 1 July "
        "2022.");
  CHECK(later_health[2].text ==
        "Test ICB, an integrated care board, is a safeguarding partner from Friday 1 July 2022, after integrated care "
        "boards replaced clinical commissioning groups on Friday 1 July 2022.");
}

TEST_CASE("a CCG on or after 1 July 2022, or an ICB before it, is a finding under any edition") {
  // small()'s Test CCG has no dates: a partner from the start (Sunday 29 September 2019) on.
  Partnership p = small();
  auto health = [&](Date as_of) { return of_kind(p.evaluate(as_of), ComplianceFindingKind::health_partner); };
  CHECK(health(date(2022, 6, 30))[0].status == ComplianceStatus::met);  // its last day as a CCG
  auto late = health(date(2022, 7, 31));
  REQUIRE(late.size() == 1);
  CHECK(late[0].status == ComplianceStatus::breached);
  CHECK(late[0].actual == date(2022, 7, 31));
  CHECK(late[0].text ==
        "Test CCG, a clinical commissioning group, is named as a safeguarding partner from Sunday 29 September 2019, "
        "but integrated care boards replaced clinical commissioning groups on Friday 1 July 2022: from that day the "
        "health partner is an ICB (give the CCG an \"until\" and add the ICB).");
  // Its last day on Thursday 30 June 2022 is right; on Friday 1 July 2022, one day too many.
  p.partners[1].until = date(2022, 6, 30);
  CHECK(health(date(2022, 7, 31))[0].status == ComplianceStatus::met);
  p.partners[1].until = date(2022, 7, 1);
  CHECK(health(date(2022, 7, 31))[0].status == ComplianceStatus::breached);
  // The same under an LSCB: the rule is the health body's, whatever the framework.
  p.edition = Edition::lscb_wt2015;
  CHECK(health(date(2022, 7, 31))[0].status == ComplianceStatus::breached);
  p.edition = Edition::wt2018;
  // An ICB named from the start in 2019 (as files written before partners had dates may say) is one
  // before ICBs existed; from Friday 1 July 2022 it is right, from Thursday 30 June 2022 a day early.
  p.partners[1] = partner("ccg", "Test ICB", PartnerKind::icb, "ccg-lead");
  auto early = health(date(2022, 7, 31));
  CHECK(early[0].status == ComplianceStatus::breached);
  CHECK(early[0].actual == date(2019, 9, 29));
  CHECK(early[0].text ==
        "Test ICB, an integrated care board, is named as a safeguarding partner from Sunday 29 September 2019, but "
        "integrated care boards were established on Friday 1 July 2022: before that day the health partner is a "
        "clinical commissioning group.");
  p.partners[1].from = date(2022, 7, 1);
  CHECK(health(date(2022, 7, 31))[0].status == ComplianceStatus::met);
  p.partners[1].from = date(2022, 6, 30);
  CHECK(health(date(2022, 7, 31))[0].status == ComplianceStatus::breached);
}

TEST_CASE("partners' dates and succession are checked, and records name the partner in place") {
  Partnership p = merging();
  // Test CCG recorded at the meeting of 14 April 2020, after its last day (31 March): the problem
  // names its successor in place then. Test ICB's apologies on 14 January 2020, before its first day.
  p.meetings[1].attendance[1].agency = "ccg";
  p.meetings[0].apologies = {{"icb", true, "leave"}};
  CHECK(
      p.problems() ==
      std::vector<Problem>{{"/meetings/0/apologies/0/agency", "'icb' was not in place on 2020-01-14 (from 2022-07-01)"},
                           {"/meetings/1/attendance/1/agency",
                            "'ccg' was not in place on 2020-04-14 (until 2020-03-31): record 'ncl' instead"}});
  // Succession: the successor needs its first day, the one it succeeds its last, before that.
  p = merging();
  p.partners[2].from.reset();
  p.partners[1].until.reset();             // Test CCG: no last day
  p.partners[3].from = date(2022, 6, 30);  // Test ICB starts on Merged CCG's last day
  p.partners[0].from = date(2019, 6, 1);
  p.partners[0].until = date(2019, 1, 1);
  p.meetings.clear();
  CHECK(p.problems() ==
        std::vector<Problem>{
            {"/partners/0/until", "2019-01-01 is before 2019-06-01, the date it is in place from"},
            {"/partners/2/from", "missing: 'ncl' succeeds 'ccg', so it needs the date it took over (\"from\")"},
            {"/partners/3/from", "2022-06-30 is not after 2022-06-30, the last day of 'ncl' which it succeeds"}});
  p = merging();
  p.partners[2].succeeds = "ghost";
  p.partners[1].until.reset();
  p.partners[3].succeeds = "ccg";
  CHECK(p.problems() == std::vector<Problem>{{"/partners/2/succeeds", "unknown partner 'ghost'"},
                                             {"/partners/3/succeeds",
                                              "'icb' succeeds 'ccg' from 2022-07-01, but 'ccg' has no "
                                              "\"until\" (give it its last day: 2022-06-30 if 'icb' took "
                                              "over the next day)"}});
  // A quorum of all partners needs each partner in place during the group's life among its members:
  // a group started on Friday 1 May 2020 need not list Test CCG (gone by then), but must list the ICB.
  p = merging();
  p.meetings.clear();
  p.groups[0].from = date(2020, 5, 1);
  p.groups[0].members = {{"la", ""}, {"ncl", ""}, {"police", ""}, {"school", ""}};
  CHECK(p.problems() ==
        std::vector<Problem>{{"/groups/0/quorum",
                              "the quorum rule requires all safeguarding partners, but 'icb' is not a member of the "
                              "group (add it to \"members\" or set \"all_safeguarding_partners\": false)"}});
  // The dates and succession are read and written.
  const Partnership q = merging();
  const json doc = partnership_document(q);
  CHECK(doc["partners"][2]["from"] == "2020-04-01");
  CHECK(doc["partners"][2]["until"] == "2022-06-30");
  CHECK(doc["partners"][2]["succeeds"] == "ccg");
  CHECK(!doc["partners"][0].contains("from"));
  CHECK(partnership_from_document(doc) == q);
}

TEST_CASE("Working Together 2023: lead and delegated safeguarding partners, the chair, sign-off") {
  // Under Working Together 2018 from Sunday 29 September 2019; moved to Working Together 2023 on
  // Saturday 1 June 2024, its arrangements published on Monday 20 May 2024. The health partner is
  // Test CCG until Thursday 30 June 2022, then Test ICB.
  Partnership p = small();
  p.partners[0].lead = "la-ce";
  p.partners[0].delegates = {"dcs"};
  p.partners[1].until = date(2022, 6, 30);
  SafeguardingPartner icb = partner("icb", "Test ICB", PartnerKind::icb, "icb-ce", {"icb-dir", "icb-nurse"});
  icb.from = date(2022, 7, 1);
  icb.succeeds = "ccg";
  p.partners.insert(p.partners.begin() + 2, icb);
  p.partners[3].lead = "bcu";
  p.partners[3].delegates = {"ds"};
  p.roles = {role("la-ce", "Chief Executive", RoleKind::lead_representative, "la", Post::chief_executive),
             role("dcs", "Director of Children's Services", RoleKind::delegated_representative, "la",
                  Post::director_of_childrens_services),
             role("ccg-lead", "Accountable Officer", RoleKind::lead_representative, "ccg", Post::accountable_officer),
             role("icb-ce", "Chief Executive, Test ICB", RoleKind::lead_representative, "icb", Post::chief_executive),
             role("icb-dir", "Director of Nursing", RoleKind::delegated_representative, "icb"),
             role("icb-nurse", "Designated Nurse", RoleKind::delegated_representative, "icb"),
             role("bcu", "Borough Commander", RoleKind::lead_representative, "police", Post::other),
             role("ds", "Detective Superintendent", RoleKind::delegated_representative, "police"),
             role("chair", "Partnership Chair", RoleKind::partnership_chair)};
  p.groups[0].chairs = {"chair"};
  p.groups[0].members = {{"la", ""}, {"ccg", ""}, {"icb", ""}, {"police", ""}, {"school", ""}};
  EditionChange wt2023{Edition::wt2023, date(2024, 6, 1), {}};
  wt2023.arrangements.published = date(2024, 5, 20);
  p.edition_changes = {wt2023};
  Duty report = duty("report", "yearly-report", interval("12 months", date(2020, 9, 30)));
  report.statutory = StatutoryDuty::yearly_report;
  p.duties = {report};
  p.activities = {activity("yr-2023", "yearly-report", date(2023, 9, 29)),
                  activity("yr-2024", "yearly-report", date(2024, 9, 30))};
  p.sign_offs = {{SignOffDocument::arrangements, "WT2023", "la", "la-ce", date(2024, 5, 10)},
                 {SignOffDocument::arrangements, "WT2023", "icb", "icb-ce", date(2024, 5, 15)},
                 {SignOffDocument::arrangements, "WT2023", "police", "", date(2024, 5, 28)},
                 {SignOffDocument::yearly_report, "yr-2024", "la", "", date(2024, 9, 20)},
                 {SignOffDocument::yearly_report, "yr-2024", "icb", "", date(2024, 9, 25)}};
  REQUIRE(p.problems().empty());
  CHECK(p.edition_on(date(2024, 5, 31)) == Edition::wt2018);
  CHECK(p.edition_on(date(2024, 6, 1)) == Edition::wt2023);

  // As of Friday 31 January 2025: the partners in place are the council, Test ICB and the police.
  const auto r = p.evaluate(date(2025, 1, 31));
  CHECK(r.edition == Edition::wt2023);
  CHECK(r.edition_from == date(2024, 6, 1));
  const auto leads = of_kind(r, ComplianceFindingKind::lead_partners);
  REQUIRE(leads.size() == 3);
  CHECK(leads[0].text ==
        "Test Council's lead safeguarding partner is 'Chief Executive', the local authority's chief executive.");
  CHECK(leads[1].status == ComplianceStatus::met);
  CHECK(leads[2].status == ComplianceStatus::breached);
  CHECK(leads[2].text ==
        "Test Police's lead, 'Borough Commander' (another post), is not the post Working Together "
        "2023 names: the chief officer of police.");
  CHECK(leads[2].confidence == "secondary");
  const auto delegated = of_kind(r, ComplianceFindingKind::delegated_partners);
  REQUIRE(delegated.size() == 3);
  CHECK(delegated[0].text == "Test Council's delegated safeguarding partner is 'Director of Children's Services'.");
  CHECK(delegated[1].status == ComplianceStatus::breached);
  CHECK(delegated[1].text ==
        "Test ICB names 2 delegated safeguarding partners ('Director of Nursing' and "
        "'Designated Nurse'): Working Together 2023 asks for exactly one for each agency.");
  CHECK(delegated[2].status == ComplianceStatus::met);
  const auto chair = of_kind(r, ComplianceFindingKind::partnership_chair);
  REQUIRE(chair.size() == 1);
  CHECK(chair[0].text == "The partnership chair is 'Partnership Chair' (independent of the partners).");
  // Republished on Monday 20 May 2024, by Tuesday 31 December 2024: met.
  const auto republished = of_kind(r, ComplianceFindingKind::republication);
  REQUIRE(republished.size() == 1);
  CHECK(republished[0].status == ComplianceStatus::met);
  CHECK(republished[0].actual == date(2024, 5, 20));
  CHECK(republished[0].confidence == "check");
  CHECK(republished[0].text ==
        "The arrangements under Working Together 2023 were published on Monday 20 May 2024, by Tuesday 31 December "
        "2024.");
  // Sign-off: the arrangements (published 20 May 2024) by the council (10 May) and the ICB (15 May),
  // the police only on 28 May; the yearly report of 30 September 2024 by the council and the ICB,
  // not the police. The report of 29 September 2023 was under Working Together 2018: none needed.
  const auto signed_off = of_kind(r, ComplianceFindingKind::sign_off);
  REQUIRE(signed_off.size() == 2);
  CHECK(signed_off[0].subject == "WT2023");
  CHECK(signed_off[0].due == date(2024, 5, 20));
  CHECK(signed_off[0].text ==
        "The arrangements under Working Together 2023, published on Monday 20 May 2024: signed off by the lead "
        "safeguarding partners of Test Council and Test ICB; only afterwards by that of Test Police (on Tuesday 28 May "
        "2024).");
  CHECK(signed_off[1].subject == "yr-2024");
  CHECK(signed_off[1].text ==
        "The yearly report 'yr-2024', published on Monday 30 September 2024: signed off by the "
        "lead safeguarding partners of Test Council and Test ICB; not by that of Test Police.");
  // The statutory duties: the yearly report is marked; independent scrutiny and sending the report
  // are not.
  const auto statutory = of_kind(r, ComplianceFindingKind::statutory_duties);
  REQUIRE(statutory.size() == 3);
  CHECK(statutory[0].status == ComplianceStatus::met);
  CHECK(statutory[0].text == "The yearly report is the duty 'Duty report' (at least every 12 months).");
  CHECK(statutory[1].subject == "statutory.independent-scrutiny");
  CHECK(statutory[1].status == ComplianceStatus::breached);
  CHECK(statutory[2].subject == "statutory.yearly-report-sent");
  CHECK(statutory[2].confidence == "check");

  // Under Working Together 2018 (as of Friday 31 May 2024) none of these apply: one not-applicable
  // finding each, saying when the file moves.
  const auto before = p.evaluate(date(2024, 5, 31));
  const auto na = of_kind(before, ComplianceFindingKind::lead_partners);
  REQUIRE(na.size() == 1);
  CHECK(na[0].status == ComplianceStatus::not_applicable);
  CHECK(na[0].text ==
        "Lead safeguarding partners are required from Working Together 2023; on Friday 31 May 2024 the partnership's "
        "arrangements follow Working Together 2018 (its file moves to Working Together 2023 on Saturday 1 June "
        "2024).");
  CHECK(of_kind(before, ComplianceFindingKind::sign_off)[0].status == ComplianceStatus::not_applicable);
  // The republication is due by 31 December 2024, 214 days on (30 + 31 + 31 + 30 + 31 + 30 + 31):
  // not yet due.
  CHECK(of_kind(before, ComplianceFindingKind::republication)[0].status == ComplianceStatus::not_yet_due);
}

TEST_CASE("republication under Working Together 2023 by 31 December 2024 (a setting)") {
  Partnership p = small();
  auto republication = [&](Date as_of) { return of_kind(p.evaluate(as_of), ComplianceFindingKind::republication)[0]; };
  // Before Working Together 2023 (Friday 15 December 2023) there is nothing to republish.
  CHECK(republication(date(2023, 12, 14)).status == ComplianceStatus::not_applicable);
  // On Monday 15 January 2024 the due date is 351 days on (2024 has 366 days; 366 - 15), beyond the
  // 90-day window: not yet due.
  CHECK(republication(date(2024, 1, 15)).status == ComplianceStatus::not_yet_due);
  // Still under Working Together 2018 on Friday 31 January 2025: overdue since Tuesday 31 December
  // 2024 by 31 calendar days and 22 working days (January 2025: 2, 3, 6-10, 13-17, 20-24, 27-31;
  // the 1st is a bank holiday).
  const auto overdue = republication(date(2025, 1, 31));
  CHECK(overdue.status == ComplianceStatus::breached);
  CHECK(overdue.due == date(2024, 12, 31));
  CHECK(overdue.late_working_days == 22);
  CHECK(overdue.late_calendar_days == 31);
  CHECK(overdue.text ==
        "The arrangements still follow Working Together 2018: their republication under Working Together 2023 is "
        "overdue since Tuesday 31 December 2024, by 22 working days (31 calendar days) as of Friday 31 January 2025.");
  // The day is a setting: by Monday 31 March 2025, 59 days after 31 January (28 + 31), within the 90-day
  // window: due soon.
  p.settings.republish_by = date(2025, 3, 31);
  CHECK(republication(date(2025, 1, 31)).status == ComplianceStatus::due_soon);
  p.settings.republish_by = PartnershipSettings{}.republish_by;
  // Moved on Monday 6 January 2025 (no publication date): 3 working days (2, 3 and 6 January) and 6
  // calendar days late.
  p.edition_changes = {EditionChange{Edition::wt2023, date(2025, 1, 6), {}}};
  const auto late = republication(date(2025, 1, 31));
  CHECK(late.status == ComplianceStatus::breached);
  CHECK(late.actual == date(2025, 1, 6));
  CHECK(late.late_working_days == 3);
  CHECK(late.late_calendar_days == 6);
  // Editions: none before Working Together 2023's publication, and only forwards.
  p.edition_changes = {EditionChange{Edition::wt2023, date(2023, 12, 14), {}}};
  CHECK(p.problems() == std::vector<Problem>{{"/editions/0/from",
                                              "2023-12-14 is before Working Together 2023 was "
                                              "published (2023-12-15)"}});
  p.edition_changes = {EditionChange{Edition::wt2023, date(2024, 6, 1), {}},
                       EditionChange{Edition::wt2018, date(2024, 7, 1), {}}};
  CHECK(p.problems() == std::vector<Problem>{{"/editions/1/edition",
                                              "'WT2018' does not follow 'WT2023': editions move forwards "
                                              "(LSCB-WT2015, WT2018, WT2023, CWSA2026)"}});
  // A file written before editions could change, naming WT2023 from a 2019 start, is an Error that
  // says what to do.
  p.edition_changes.clear();
  p.edition = Edition::wt2023;
  CHECK(p.problems() ==
        std::vector<Problem>{{"/edition",
                              "\"WT2023\" from 2019-09-29 is before Working Together 2023 was published "
                              "(2023-12-15): a partnership that moved to it later keeps its first edition "
                              "in \"edition\" and gives the move in \"editions\""}});
}

TEST_CASE("the yearly report sent within the partnership's timescale, and independent scrutiny with evidence") {
  Partnership p = small();
  Duty report = duty("report", "yearly-report", interval("12 months", date(2020, 7, 31)));
  report.statutory = StatutoryDuty::yearly_report;
  Duty sent = duty("sent", "yearly-report-sent", after_each("7 calendar days", "yearly-report"));
  sent.statutory = StatutoryDuty::yearly_report_sent;
  Duty scrutiny = duty("scrutiny", "scrutiny", interval("12 months", date(2020, 7, 31)));
  scrutiny.owner = "scrutineer";
  scrutiny.statutory = StatutoryDuty::independent_scrutiny;
  p.roles.push_back(role("scrutineer", "Independent Scrutineer", RoleKind::scrutineer));
  p.duties = {report, sent, scrutiny};
  // The report on Tuesday 6 October 2020 is due to be sent by Tuesday 13 October (7 calendar days);
  // it is sent on Friday 16 October: 3 working days (14, 15, 16) and 3 calendar days late. The
  // scrutineer's session of Tuesday 11 February 2020 has no evidence and does not count; the
  // assessment of Tuesday 14 July 2020 has, and meets the first due date, Friday 31 July 2020.
  p.activities = {activity("r1", "yearly-report", date(2020, 10, 6)),
                  activity("s1", "yearly-report-sent", date(2020, 10, 16), "r1"),
                  activity("c1", "scrutiny", date(2020, 2, 11)), activity("c2", "scrutiny", date(2020, 7, 14))};
  p.activities[3].evidence = "the scrutineer's report to the Executive";
  REQUIRE(p.problems().empty());
  const auto r = p.evaluate(date(2020, 10, 31));
  const auto statutory = of_kind(r, ComplianceFindingKind::statutory_duties);
  REQUIRE(statutory.size() == 3);
  CHECK(statutory[0].status == ComplianceStatus::met);
  CHECK(statutory[1].subject == "scrutiny");
  CHECK(statutory[1].status == ComplianceStatus::breached);
  CHECK(statutory[1].text ==
        "Independent scrutiny is the duty 'Duty scrutiny', owned by 'Independent Scrutineer', independent of the "
        "partners; 1 activity has no evidence recorded and is not counted: 'c1' (Tuesday 11 February 2020).");
  CHECK(statutory[2].status == ComplianceStatus::met);
  CHECK(statutory[2].text ==
        "Sending the yearly report is the duty 'Duty sent' (within 7 calendar days of each "
        "yearly-report; Working Together's 7 days is not confirmed: check).");
  const auto duties = of_kind(r, ComplianceFindingKind::duty);
  // report: late, next; sent: late; scrutiny: met (14 July), next due 14 July 2021.
  REQUIRE(duties.size() == 5);
  CHECK(duties[2].subject == "sent");
  CHECK(duties[2].status == ComplianceStatus::breached);
  CHECK(duties[2].due == date(2020, 10, 13));
  CHECK(duties[2].late_working_days == 3);
  CHECK(duties[2].late_calendar_days == 3);
  CHECK(duties[3].subject == "scrutiny");
  CHECK(duties[3].status == ComplianceStatus::met);
  CHECK(duties[3].actual == date(2020, 7, 14));
  CHECK(duties[3].text ==
        "Duty scrutiny: done on Tuesday 14 July 2020, due by Friday 31 July 2020. Evidence: the "
        "scrutineer's report to the Executive.");
  CHECK(duties[4].due == date(2021, 7, 14));
  // With its evidence recorded, the February session counts: done before the first due date, it
  // discharges it; the next is due 12 months after it, on Thursday 11 February 2021, and the July
  // assessment discharges that one.
  p.activities[2].evidence = "the Leadership group's minutes";
  const auto all = p.evaluate(date(2020, 10, 31));
  CHECK(of_kind(all, ComplianceFindingKind::statutory_duties)[1].status == ComplianceStatus::met);
  CHECK(of_kind(all, ComplianceFindingKind::duty)[3].actual == date(2020, 2, 11));
  // A scrutiny duty owned by a role a partner hosts is not independent.
  p.duties[2].owner = "la-lead";
  CHECK(of_kind(p.evaluate(date(2020, 10, 31)), ComplianceFindingKind::statutory_duties)[1].text ==
        "Independent scrutiny is the duty 'Duty scrutiny', owned by 'Chief Executive', hosted by Test Council, so not "
        "independent of the partners; each of its activities has its evidence recorded.");
  // Sending must start its clock at each yearly report; a second duty for the same requirement is a
  // problem.
  p.duties[1].schedule.after = "annual-report";
  CHECK(of_kind(p.evaluate(date(2020, 10, 31)), ComplianceFindingKind::statutory_duties)[2].status ==
        ComplianceStatus::breached);
  p.duties[1].statutory = StatutoryDuty::yearly_report;
  CHECK(p.problems() == std::vector<Problem>{{"/duties/1/statutory",
                                              "'yearly-report' is already the duty 'report' "
                                              "(/duties/0)"}});
  // A yearly report due less often than every 12 months does not discharge the law's.
  p.duties[1].statutory.reset();
  p.duties[0].schedule.every = Timescale::parse("24 months");
  CHECK(of_kind(p.evaluate(date(2020, 10, 31)), ComplianceFindingKind::statutory_duties)[0].text ==
        "The duty 'Duty report' marked as the yearly report is due at least every 24 months, which is not at least "
        "once in every 12 months.");
}

/// Under Working Together 2023 from Monday 1 January 2024; the Children's Wellbeing and Schools Act
/// 2026 ss 2-3 from Friday 1 October 2027 (the day this file sets: commencement is by regulations).
Partnership cwsa() {
  Partnership p = small();
  p.edition = Edition::wt2023;
  p.start = date(2024, 1, 1);
  p.partners[1] = partner("icb", "Test ICB", PartnerKind::icb, "ccg-lead");
  p.groups[0].members[1].agency = "icb";
  p.roles[1].agency = "icb";
  p.edition_changes = {EditionChange{Edition::cwsa2026, date(2027, 10, 1), {}}};
  p.designated_agencies = {{"schools", "Schools in the area", "the designation regulations"},
                           {"early-years", "Registered early years providers", "the designation regulations"}};
  p.agencies[0].designations = {"schools"};
  ChildProtectionTeam north{"north", "North team", std::nullopt, std::nullopt, {}, ""};
  north.members = {{TeamRole::education, "la", "Education safeguarding lead"},
                   {TeamRole::social_worker, "la", "Advanced practitioner"},
                   {TeamRole::health_professional, "la", "School nurse"},
                   {TeamRole::police_officer, "police", "Detective Sergeant"}};
  ChildProtectionTeam south{"south", "South team", std::nullopt, std::nullopt, {}, ""};
  south.members = {{TeamRole::education, "la", "Education safeguarding lead"},
                   {TeamRole::social_worker, "la", "Senior social worker"},
                   {TeamRole::health_professional, "icb", "Named nurse"},
                   {TeamRole::police_officer, "police", "Detective Constable"},
                   {TeamRole::other, "", "Team administrator"}};
  p.child_protection_teams = {north, south};
  return p;
}

TEST_CASE("the Children's Wellbeing and Schools Act 2026: designated agencies and child protection teams") {
  Partnership p = cwsa();
  REQUIRE(p.problems().empty());
  // Before the file's day for the Act (Thursday 30 September 2027) neither applies.
  const auto before = p.evaluate(date(2027, 9, 30));
  const auto na = of_kind(before, ComplianceFindingKind::designated_agencies);
  REQUIRE(na.size() == 1);
  CHECK(na[0].status == ComplianceStatus::not_applicable);
  CHECK(na[0].text ==
        "Designated childcare and education agencies are required by the Children's Wellbeing and Schools Act 2026 "
        "s2; on Thursday 30 September 2027 the partnership's arrangements follow Working Together 2023 (its file "
        "moves to Working Together 2023 with the Children's Wellbeing and Schools Act 2026 (ss 2\u20133) on Friday 1 "
        "October 2027).");
  CHECK(of_kind(before, ComplianceFindingKind::child_protection_teams)[0].status == ComplianceStatus::not_applicable);
  // From it (as of Sunday 31 October 2027): the schools are included (Test schools); no relevant
  // agency is a registered early years provider. The North team's health professional is nominated
  // by the council, not an ICB: it lacks one; the South team has all four.
  const auto r = p.evaluate(date(2027, 10, 31));
  const auto designated = of_kind(r, ComplianceFindingKind::designated_agencies);
  REQUIRE(designated.size() == 2);
  CHECK(designated[0].status == ComplianceStatus::met);
  CHECK(designated[0].text == "The designated Schools in the area are included in the arrangements: Test schools.");
  CHECK(designated[1].status == ComplianceStatus::breached);
  CHECK(designated[1].text ==
        "The designated Registered early years providers are not included in the "
        "arrangements: no relevant agency in place on Sunday 31 October 2027 is one.");
  CHECK(designated[1].confidence == "confirmed");
  const auto teams = of_kind(r, ComplianceFindingKind::child_protection_teams);
  REQUIRE(teams.size() == 2);
  CHECK(teams[0].status == ComplianceStatus::breached);
  CHECK(teams[0].text ==
        "North team lacks a core member: a registered health professional (it has a registered "
        "health professional nominated by Test Council, not an integrated care board).");
  CHECK(teams[0].confidence == "secondary");
  CHECK(teams[1].status == ComplianceStatus::met);
  // A team without a social worker or a police officer names both.
  p.child_protection_teams[1].members.erase(p.child_protection_teams[1].members.begin() + 1,
                                            p.child_protection_teams[1].members.begin() + 4);
  CHECK(of_kind(p.evaluate(date(2027, 10, 31)), ComplianceFindingKind::child_protection_teams)[1].text ==
        "South team lacks core members: a social worker, a registered health professional and a police officer.");
  // No team in place (the South team ended on 30 October): one finding that there is none.
  p.child_protection_teams.erase(p.child_protection_teams.begin());
  p.child_protection_teams[0].until = date(2027, 10, 30);
  const auto none = of_kind(p.evaluate(date(2027, 10, 31)), ComplianceFindingKind::child_protection_teams);
  REQUIRE(none.size() == 1);
  CHECK(none[0].status == ComplianceStatus::breached);
  CHECK(none[0].text ==
        "The arrangements set up no multi-agency child protection team in place on Sunday 31 October 2027: the Act "
        "asks for one or more.");
  // No designated agencies listed at all: one finding asking for them.
  p.designated_agencies.clear();
  p.agencies[0].designations.clear();
  CHECK(of_kind(p.evaluate(date(2027, 10, 31)), ComplianceFindingKind::designated_agencies)[0].status ==
        ComplianceStatus::breached);
  // The file's day cannot be before the Act was passed (Wednesday 29 April 2026); references are checked.
  p = cwsa();
  p.edition_changes[0].from = date(2026, 4, 28);
  p.agencies[0].designations = {"nursery"};
  p.child_protection_teams[0].members[0].nominated_by = "council";
  CHECK(p.problems() ==
        std::vector<Problem>{
            {"/agencies/0/designations/0", "unknown designated agency (see \"designated_agencies\") 'nursery'"},
            {"/editions/0/from",
             "2026-04-28 is before the Children's Wellbeing and Schools Act 2026 was passed (2026-04-29)"},
            {"/child_protection_teams/0/members/0/nominated_by", "unknown safeguarding partner 'council'"}});
  // The whole model reads back from its JSON.
  const Partnership q = cwsa();
  CHECK(partnership_from_document(partnership_document(q)) == q);
}

TEST_CASE("a partnership with no meetings or activities evaluates cleanly") {
  Partnership p = small();
  p.duties = {duty("report", "yearly-report", interval("12 months")), duty("audits", "audit", count_per_year(4)),
              duty("plans", "action-plan", after_each("6 months", "audit")),
              duty("business", "business-plan", yearly(4, 30))};
  // On its first day, Sunday 29 September 2019, every group and duty has a finding, and nothing is
  // breached except the arrangements' coverage (none is given):
  // - the Executive's first quarter, October-December 2019, has not begun; it ends on 31 December,
  //   93 days away (1 + 31 + 30 + 31), beyond the 90-day window: not yet due;
  // - the yearly report is due 12 months after the start, 29 September 2020: not yet due;
  // - the audits' year April 2019-March 2020 began before the start: not assessed (not applicable);
  //   the first assessed year, April 2020-March 2021, has not begun: not yet due;
  // - no audit has started an action plan's clock: not yet due;
  // - the business plan is due by 30 April 2020: not yet due;
  // - each member's attendance: the group has not met, not yet due.
  auto r = p.evaluate(date(2019, 9, 29));
  const auto frequency = of_kind(r, ComplianceFindingKind::meeting_frequency);
  REQUIRE(frequency.size() == 1);
  CHECK(frequency[0].status == ComplianceStatus::not_yet_due);
  CHECK(frequency[0].period == MeetingPeriod{date(2019, 10, 1), date(2019, 12, 31)});
  CHECK(frequency[0].due == date(2019, 12, 31));
  CHECK(frequency[0].text ==
        "Executive is first assessed in October–December 2019 (it should meet at least once a quarter); the "
        "quarter begins on Tuesday 1 October 2019.");
  CHECK(of_kind(r, ComplianceFindingKind::quorum).empty());
  const auto attendance = of_kind(r, ComplianceFindingKind::attendance);
  REQUIRE(attendance.size() == 4);  // one per member agency
  for (const ComplianceFinding& f : attendance) CHECK(f.status == ComplianceStatus::not_yet_due);
  const auto duties = of_kind(r, ComplianceFindingKind::duty);
  REQUIRE(duties.size() == 5);
  CHECK(duties[0].subject == "report");
  CHECK(duties[0].status == ComplianceStatus::not_yet_due);
  CHECK(duties[0].due == date(2020, 9, 29));
  CHECK(duties[1].subject == "audits");
  CHECK(duties[1].status == ComplianceStatus::not_applicable);
  CHECK(duties[1].text ==
        "Duty audits: April 2019–March 2020 began before the duty started on Sunday 29 September 2019, so it is "
        "not assessed (none done in it from that date).");
  CHECK(duties[2].subject == "audits");
  CHECK(duties[2].status == ComplianceStatus::not_yet_due);
  CHECK(duties[2].period == MeetingPeriod{date(2020, 4, 1), date(2021, 3, 31)});
  CHECK(duties[2].text ==
        "Duty audits: first assessed in April 2020–March 2021 (at least 4 required); the year begins on "
        "Wednesday 1 April 2020.");
  CHECK(duties[3].subject == "plans");
  CHECK(duties[3].status == ComplianceStatus::not_yet_due);
  CHECK(duties[3].text == "Duty plans: nothing is due yet (no audit since Sunday 29 September 2019).");
  CHECK(duties[4].subject == "business");
  CHECK(duties[4].status == ComplianceStatus::not_yet_due);
  // Nor the statutory duties the file does not mark (the yearly report, independent scrutiny, its
  // sending), which the partners owe from the first day.
  for (const ComplianceFinding& f : r.findings)
    if (f.kind != ComplianceFindingKind::arrangements && f.kind != ComplianceFindingKind::statutory_duties)
      CHECK(f.status != ComplianceStatus::breached);
  CHECK(of_kind(r, ComplianceFindingKind::statutory_duties).size() == 3);
  CHECK(r.summary.meetings_held == 0);
  // A monthly group's first month, October 2019, ends within 90 days (on 31 October): due soon.
  p.groups[0].frequency.unit = PeriodUnit::month;
  CHECK(of_kind(p.evaluate(date(2019, 9, 29)), ComplianceFindingKind::meeting_frequency)[0].status ==
        ComplianceStatus::due_soon);
  p.groups[0].frequency.unit = PeriodUnit::quarter;
  // A year later every ended quarter is missed and the report is overdue; nothing crashes.
  r = p.evaluate(date(2020, 10, 31));
  const auto f = of_kind(r, ComplianceFindingKind::meeting_frequency);
  REQUIRE(f.size() == 5);
  CHECK(std::count_if(f.begin(), f.end(),
                      [](const ComplianceFinding& x) { return x.status == ComplianceStatus::breached; }) == 4);
  CHECK(of_kind(r, ComplianceFindingKind::duty)[0].status == ComplianceStatus::breached);
  CHECK(!r.to_text().empty());
}

TEST_CASE("findings come in a fixed order and the summary adds up") {
  const Partnership p = load_partnership(SAFEGUARDING_EXAMPLES "/haringey/partnership.json");
  const auto r = p.evaluate(date(2020, 10, 31));
  CHECK(std::is_sorted(r.findings.begin(), r.findings.end(),
                       [](const ComplianceFinding& a, const ComplianceFinding& b) { return a.kind < b.kind; }));
  CHECK(r == p.evaluate(date(2020, 10, 31)));
  CHECK(r.summary.total() == static_cast<std::int64_t>(r.findings.size()));
  std::int64_t by_kind = 0;
  for (const auto& row : r.summary.by_kind_status)
    for (auto n : row) by_kind += n;
  CHECK(by_kind == r.summary.total());
}

TEST_CASE("the Haringey example end to end") {
  const Partnership p = load_partnership(SAFEGUARDING_EXAMPLES "/haringey/partnership.json");
  // The health partner's three successive bodies (Haringey CCG, NHS North Central London CCG from
  // 1 April 2020, NHS North Central London ICB from 1 July 2022), the council and the police.
  CHECK(p.partners.size() == 5);
  CHECK(p.groups.size() == 5);
  CHECK(p.group("qpo")->parent == "leadership");
  const auto r = p.evaluate(date(2020, 10, 31));
  const auto& s = r.summary;
  // Worked out by hand from the records (examples/haringey/make_example.py), as of Saturday 31
  // October 2020. The partnership started on Sunday 29 September 2019; "due soon" is within 90
  // calendar days, to Friday 29 January 2021 (30 in November + 31 in December + 29 in January).
  //
  // Partners: 2, met: the council, Haringey CCG and the police, each with a lead, from 29 September
  // 2019 to 31 March 2020; then the council, NHS North Central London CCG and the police from 1 April
  // 2020 (the ICB, from 1 July 2022, is after the as-of date).
  // Health partner: Haringey CCG (to 31 March 2020) and North Central London CCG (from 1 April 2020),
  // both CCGs before 1 July 2022: 2 met.
  // Working Together 2023 and the 2026 Act: lead partners, delegated partners, partnership chair,
  // designated agencies, child protection teams, republication (from 15 December 2023), sign-off:
  // the file follows Working Together 2018 on 31 October 2020, so 7 not applicable. Arrangements: 15 WT 2018 items, all
  // covered: 15 met. Chairs: 5 groups, the Learning Review group has none: 4 met, 1 breached.
  // Members: 5 met.
  //
  // Meetings: the 4 quarterly groups are assessed in October-December 2019, January-March,
  // April-June, July-September and October-December 2020 (5 each); the Learning Review group meets
  // as required (1 not applicable). Executive 15 Oct, 21 Jan, 21 Apr, 14 Jul, 13 Oct: 5 met.
  // Leadership 12 Nov, 11 Feb, none in April-June (breached), 21 Jul, 20 Oct: 4 met. QPO 24 Oct, 23
  // Jan, 14 May, 30 Jul, 22 Oct: 5 met. PLWD 28 Nov, 27 Feb, 25 Jun, 24 Sep: 4 met, and none yet in
  // October-December 2020, which ends on 31 December, within the window: due soon.
  // 21 findings: 18 met, 1 breached, 1 due soon, 1 not applicable.
  //
  // Quorum: 19 meetings, each group with the rule "all three partners, deputies with delegated
  // authority". Not quorate: Executive 21 April (police deputy without authority), QPO 14 May
  // (police absent), PLWD 25 June (police deputy without authority); the CCG's deputy at the
  // Executive on 21 January held authority. 16 met, 3 breached.
  //
  // Attendance (target 75%): 3 + 10 + 8 + 7 + 3 = 31 member places per group. Executive: all 5 of 5
  // (deputies attend). Leadership (4 meetings): Whittington, NPS and NMUH missed one each (3 of 4,
  // 75%: met); the secondary schools missed July and October (2 of 4, 50%): breached. QPO (5
  // meetings): CAFCASS, the police, HEP and BEH-MH missed one each (4 of 5). PLWD (4 meetings):
  // HAVCO missed one (3 of 4). Learning Review: 1 of 1 each. 30 met, 1 breached. The health seat is
  // held by Haringey CCG until 31 March 2020 and by North Central London CCG from 1 April 2020, each a
  // member for its own dates: North Central London CCG attended all of its meetings at the Executive
  // (21 April, 14 July, 13 October: 3 of 3), Leadership (21 July, 20 October: 2 of 2), QPO (14 May,
  // 30 July, 22 October: 3 of 3) and PLWD (25 June, 24 September: 2 of 2): 4 more met; the Learning
  // Review group has not met since 1 April 2020: 1 not yet due. 34 met, 1 breached, 1 not yet due.
  // Non-attendance without a valid reason: NPS (Leadership, 11 February, "diary clash"), the
  // secondary schools (Leadership, 21 July and 20 October, no apologies), HEP (QPO, 14 May, "no
  // reason given"), HAVCO (PLWD, 27 February, no apologies): 5 breached.
  //
  // Duties, one by one (activities from make_example.py; interval duties are due `every` after the
  // start, 29 September 2019, unless first_due is given, then `every` after each completion):
  // - business-plan, yearly by 30 April: 2020 done 21 April 2020 (met); 2021 due 30 April 2021,
  //   after 29 January: not yet due.
  // - yearly-report, 12 months, first due 31 July 2020: done 6 October 2020 (breached, late); next
  //   due 6 October 2021: not yet due.
  // - yearly-report-sent, within 7 calendar days after each yearly report: the report of Tuesday 6
  //   October 2020 was due to be sent by Tuesday 13 October, sent Friday 16 October: breached.
  // - independent-scrutiny, 12 months, first due 31 July 2020: the challenge session of 11 February
  //   2020 has no evidence and does not count; the assessment of 14 July 2020 has: met; next due 14
  //   July 2021: not yet due.
  // - performance-data, 1 a calendar quarter: July-September 2019 began before the start (not
  //   applicable, none done in it); October-December 2019 (12 November), January-March 2020 (11
  //   February), July-September (21 July), October-December (20 October): met; April-June 2020:
  //   none (breached). 4 met, 1 breached, 1 not applicable.
  // - deep-dive-audits, 4 a partnership year: April 2019-March 2020 began before the start (not
  //   applicable; 7 November and 20 February done in it); April 2020-March 2021: 2 so far (16 July,
  //   8 October), ends 31 March 2021: not yet due.
  // - audit-action-plans, within 6 months of each audit: neglect (7 November 2019, due 7 May 2020,
  //   done 30 April: met); exploitation (20 February, due 20 August, done 10 September: breached);
  //   mental health (16 July, due 16 January 2021, within the window: due soon); early help (8
  //   October, due 8 April 2021: not yet due).
  // - qpo-work-plan, 12 months: due 29 September 2020, done 24 October 2019 (met); next due 24
  //   October 2020, not done by 31 October: breached.
  // - plwd-work-plan, 12 months: due 29 September 2020, done 28 November 2019 (met); next due 28
  //   November 2020, within the window: due soon.
  // - training-report, 12 months: due 29 September 2020, done 24 September 2020 (met); next 24
  //   September 2021: not yet due.
  // - learning-event, 1 a partnership year: April 2019-March 2020 not assessed (4 March 2020 done in
  //   it); April 2020-March 2021: none yet, not yet due.
  // - practice-weeks, 2 a partnership year: April 2019-March 2020 not assessed (none in it);
  //   April 2020-March 2021: 1 (21 September), not yet due.
  // - jtai-plan, 6 months: due 29 March 2020, done 10 March (met); next due 10 September 2020, not
  //   done: breached.
  // - relevant-agencies-review, 12 months: due 29 September 2020, done 15 September (met); next 15
  //   September 2021: not yet due.
  // - governance-review, 24 months, first due 31 August 2020: done 14 July 2020 (met); next 14 July
  //   2022: not yet due.
  // - chair-review, 12 months, first due 30 September 2020: done 22 September (met); next 22
  //   September 2021: not yet due.
  // - boards-meeting, 12 months: due 29 September 2020, done 30 June 2020 (met); next 30 June 2021:
  //   not yet due.
  // - section-11, yearly by 31 March: 2020 done 28 February 2020 (met); 2021 due 31 March 2021:
  //   not yet due.
  // - threshold-review, 12 months, counted from the threshold document version in force at the
  //   start (the 2019 document, from Monday 1 July 2019): due Wednesday 1 July 2020; no review and
  //   no later version: breached.
  // Met: 1 + 4 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 = 15 (business plan, performance data 4,
  // action plans, QPO, PLWD, training, JTAI, relevant agencies, governance, chair, boards, section
  // 11). Breached: yearly report, performance data April-June, exploitation action plan, QPO work
  // plan, JTAI plan, threshold review = 6. Due soon: mental health action plan, PLWD work plan = 2. Not yet due:
  // business plan, yearly report, audits, early help action plan, training, learning event,
  // practice weeks, relevant agencies, governance, chair, boards, section 11 = 12. Not applicable:
  // performance data, audits, learning event, practice weeks = 4. 39 findings.
  //
  // With yearly-report-sent (1 breached) and independent-scrutiny (1 met, 1 not yet due): duties
  // 16 met, 7 breached, 2 due soon, 13 not yet due, 4 not applicable = 42 findings.
  //
  // Statutory duties: the yearly report is the duty 'yearly-report' (every 12 months: met); sending
  // it is 'yearly-report-sent' (after each yearly report: met); independent scrutiny is owned by the
  // independent scrutineer, but the 11 February 2020 session has no evidence: breached. 2 met, 1
  // breached.
  //
  // Totals: 2 + 2 + 7 + 15 + 5 + 5 + 21 + 19 + 36 + 5 + 3 + 42 = 162 findings.
  // Met 2 + 2 + 15 + 4 + 5 + 18 + 16 + 34 + 2 + 16 = 114; breached 1 chair + 1 meeting + 3 quorum + 1
  // attendance + 5 non-attendance + 1 statutory + 7 duties = 19; due soon 1 + 2 = 3; not yet due
  // 1 attendance + 13 duties = 14; not applicable 7 + 1 + 4 = 12.
  CHECK(s.total() == 162);
  CHECK(s.count(ComplianceFindingKind::safeguarding_partners, ComplianceStatus::met) == 2);
  CHECK(s.count(ComplianceFindingKind::health_partner, ComplianceStatus::met) == 2);
  CHECK(s.count(ComplianceFindingKind::statutory_duties, ComplianceStatus::breached) == 1);
  CHECK(s.count(ComplianceFindingKind::attendance, ComplianceStatus::not_yet_due) == 1);
  CHECK(s.count(ComplianceFindingKind::group_chair, ComplianceStatus::breached) == 1);
  CHECK(s.count(ComplianceFindingKind::meeting_frequency, ComplianceStatus::met) == 18);
  CHECK(s.count(ComplianceFindingKind::meeting_frequency, ComplianceStatus::breached) ==
        1);  // Leadership, April-June 2020
  CHECK(s.count(ComplianceFindingKind::meeting_frequency, ComplianceStatus::due_soon) ==
        1);  // PLWD, October-December 2020
  CHECK(s.count(ComplianceFindingKind::quorum, ComplianceStatus::breached) == 3);
  CHECK(s.count(ComplianceFindingKind::attendance, ComplianceStatus::met) == 34);
  CHECK(s.count(ComplianceFindingKind::non_attendance, ComplianceStatus::breached) == 5);
  CHECK(s.count(ComplianceFindingKind::duty, ComplianceStatus::met) == 16);
  CHECK(s.count(ComplianceFindingKind::duty, ComplianceStatus::breached) == 7);
  CHECK(s.count(ComplianceFindingKind::duty, ComplianceStatus::due_soon) == 2);
  CHECK(s.count(ComplianceFindingKind::duty, ComplianceStatus::not_yet_due) == 13);
  CHECK(s.count(ComplianceFindingKind::duty, ComplianceStatus::not_applicable) == 4);
  CHECK(s.meetings_held == 19);
  CHECK(s.meetings_quorate == 16);
  // Places: Executive 5 x 3 = 15, Leadership 4 x 10 = 40, QPO 5 x 8 = 40, PLWD 4 x 7 = 28, rapid
  // review 1 x 3 = 3: 126; absent 0 + 5 + 4 + 1 + 0 = 10.
  CHECK(s.attendances_expected == 126);
  CHECK(s.attendances == 116);
  CHECK(s.absences_without_valid_reason == 5);
  CHECK(s.count(ComplianceStatus::met) == 114);
  CHECK(s.count(ComplianceStatus::breached) == 19);
  CHECK(s.count(ComplianceStatus::due_soon) == 3);
  CHECK(s.count(ComplianceStatus::not_yet_due) == 14);
  CHECK(s.count(ComplianceStatus::not_applicable) == 12);
  // The duties' findings in order, as worked out above: each duty's statuses on one line.
  std::string duties;
  std::string last;
  for (const ComplianceFinding& f : r.findings) {
    if (f.kind != ComplianceFindingKind::duty) continue;
    duties += (f.subject == last ? ", " : (last.empty() ? "" : "\n") + f.subject + ": ") +
              std::string(compliance_status_names[static_cast<std::size_t>(f.status)]);
    last = f.subject;
  }
  CHECK(duties ==
        "business-plan: met, not-yet-due\n"
        "yearly-report: breached, not-yet-due\n"
        "yearly-report-sent: breached\n"
        "independent-scrutiny: met, not-yet-due\n"
        "performance-data: not-applicable, met, met, breached, met, met\n"
        "deep-dive-audits: not-applicable, not-yet-due\n"
        "audit-action-plans: met, breached, due-soon, not-yet-due\n"
        "qpo-work-plan: met, breached\n"
        "plwd-work-plan: met, due-soon\n"
        "training-report: met, not-yet-due\n"
        "learning-event: not-applicable, not-yet-due\n"
        "practice-weeks: not-applicable, not-yet-due\n"
        "jtai-plan: met, breached\n"
        "relevant-agencies-review: met, not-yet-due\n"
        "governance-review: met, not-yet-due\n"
        "chair-review: met, not-yet-due\n"
        "boards-meeting: met, not-yet-due\n"
        "section-11: met, not-yet-due\n"
        "threshold-review: breached");
  std::string text;  // every sentence, one a line (to_text wraps them)
  for (const ComplianceFinding& f : r.findings) text += f.text + "\n";
  CHECK(r.to_text().find("162 findings: 114 met, 19 breached, 3 due soon, 14 not yet due, 12 not applicable\n") !=
        std::string::npos);
  // The not-applicable sentences are wrapped at 100 characters like the others (the partial
  // periods' sentences are longer than that): "  - Quarterly ... before the duty" is 97 characters
  // and adding " started" would make 105 (Python's textwrap, indents 2 and 4, agrees).
  CHECK(r.to_text().find(
            "\n    31 October 2020 the partnership's arrangements follow Working Together 2018.\n"
            "  - Learning Review and Rapid Review Group meets as required: there is no frequency to check.\n"
            "  - Quarterly performance data to the Leadership group: July\u2013September 2019 began before the duty\n"
            "    started on Sunday 29 September 2019, so it is not assessed (none done in it from that date).\n") !=
        std::string::npos);
  CHECK(text.find("Leadership Group did not meet in April\u2013June 2020") != std::string::npos);
  CHECK(
      text.find(
          "Haringey secondary schools (head teacher representative) attended 2 of 4 Leadership Group meetings (50%") !=
      std::string::npos);
  CHECK(text.find("Yearly report published: done on Tuesday 6 October 2020, 46 working days (67 calendar days)") !=
        std::string::npos);
}

TEST_CASE("the JSON round trip is exact") {
  const std::string path = SAFEGUARDING_EXAMPLES "/haringey/partnership.json";
  const json file = json::parse(std::ifstream(path));
  const Partnership p = load_partnership(path);
  CHECK(partnership_document(p) == file);
  CHECK(partnership_from_document(partnership_document(p)) == p);
  // The type's own loaders and writer, symmetric.
  CHECK(Partnership::load(path) == p);
  CHECK(Partnership::from_json(p.to_json()) == p);
  CHECK(Partnership::from_json(p.to_json(-1)) == p);

  // A programmatic partnership with every optional field set reads back equal.
  Partnership q = small();
  q.description = "d";
  q.year_start = 1;
  q.settings.due_soon = Timescale::parse("30 working days");
  q.groups[0].from = date(2019, 10, 1);
  q.duties = {duty("a", "x", interval("6 months", date(2020, 1, 1)))};
  q.duties[0].from = date(2019, 10, 1);
  q.arrangements = {date(2019, 6, 28), "doc", {{"wt2018.a", "§1"}}};
  q.meetings = {meeting("m", date(2019, 10, 15),
                        {{"la", Capacity::deputy, true, "AD"}, {"ccg", Capacity::member, true, ""}},
                        {{"police", true, "leave"}})};
  q.activities = {activity("x1", "x", date(2019, 11, 1), "", "First x"), activity("x2", "x", date(2019, 12, 1), "x1")};
  q.activities[0].note = "n";
  q.calendar =
      Calendar::england_and_wales().with_holidays({Holiday{date(2019, 12, 24), "Council closure"}}, "Test Council");
  const Partnership back = partnership_from_document(partnership_document(q));
  CHECK(back == q);
  CHECK(partnership_document(back) == partnership_document(q));

  // An as-required frequency keeps a count and alignment that are not the defaults.
  Partnership r = small();
  r.groups[0].frequency = Frequency{PeriodUnit::as_required, 2, PeriodAlignment::partnership_year, "§7"};
  CHECK(partnership_from_document(partnership_document(r)) == r);
  // Its count must still be at least 1, as the schema says ("minimum": 1) for every frequency: 0
  // and -3 are rejected by validation and by the reader, at the count's pointer.
  for (std::int64_t n : {0, -3}) {
    r.groups[0].frequency.at_least = n;
    const std::string expected = "/groups/0/frequency/at_least: must be at least 1, got " + std::to_string(n);
    CHECK(error_message([&] { r.validate(); }) == expected);
    CHECK(error_message([&] { (void)partnership_from_document(partnership_document(r)); }) == expected);
  }
}

TEST_CASE("a relevant agency's sector is checked by validation as by the reader") {
  // Built in C++ with an empty sector (the field's default) and one capitalised: the JSON reader
  // rejects both (sector is one of the 13 names, all lower case), so validation does too, with the
  // same pointers and messages; the partnership's JSON does not read back.
  const std::string names =
      "local-authority, health, police, probation, education, early-years, justice, housing, ambulance, voluntary, "
      "faith, sport, other";
  Partnership p = small();
  p.agencies = {agency("school", "Test schools", "", true), agency("nursery", "Test nursery", "Early-years", false)};
  const auto problems = p.problems();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == Problem{"/agencies/0/sector", "'' is not one of: " + names});
  CHECK(problems[1] == Problem{"/agencies/1/sector", "'Early-years' is not one of: " + names});
  CHECK(error_message([&] { (void)partnership_from_document(partnership_document(p)); }) ==
        "2 problems\n  /agencies/0/sector: '' is not one of: " + names +
            "\n  /agencies/1/sector: 'Early-years' is not one of: " + names);
  // Every name in the vocabulary is accepted by both.
  for (std::string_view sector : sector_names) {
    p.agencies = {agency("school", "Test schools", std::string(sector), true)};
    CHECK(p.problems().empty());
    CHECK(partnership_from_document(partnership_document(p)) == p);
  }
}

TEST_CASE("a calendar inline or in a file beside the partnership") {
  json doc = partnership_document(small());
  doc["calendar"] = json::parse(R"({"name": "Test Council", "base": "england-and-wales",
                                    "holidays": [{"date": "2019-12-24", "name": "Council closure"}]})");
  const Partnership inline_cal = partnership_from_document(doc);
  CHECK(!inline_cal.calendar.is_working_day(date(2019, 12, 24)));
  CHECK(partnership_document(inline_cal)["calendar"] == doc["calendar"]);  // the short form is kept

  const auto dir = scratch_path("partnership_calendar");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "council.json") << doc["calendar"].dump();
  doc["calendar"] = "council.json";
  std::ofstream(dir / "partnership.json") << doc.dump();
  const Partnership from_file = load_partnership(dir / "partnership.json");
  CHECK(!from_file.calendar.is_working_day(date(2019, 12, 24)));
  CHECK(partnership_document(from_file)["calendar"] == "council.json");

  doc["calendar"] = "missing.json";
  std::ofstream(dir / "partnership.json") << doc.dump();
  const auto message = error_message([&] { (void)load_partnership(dir / "partnership.json"); });
  CHECK(message.find("/calendar: ") != std::string::npos);
  CHECK(message.find("missing.json: cannot open the file") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("every problem in a partnership file is reported with its JSON pointer") {
  json doc = partnership_document(small());
  doc["start"] = "2019-02-30";                  // impossible date
  doc["groups"][0]["frequency"] = "quarterly";  // wrong type
  doc["groups"].push_back({{"id", "sub"},
                           {"name", "Sub"},
                           {"kind", "forum"},
                           {"parent", "sub2"},
                           {"chairs", json::array()},
                           {"members", json::array({{{"agency", "school"}}})},
                           {"frequency", {{"per", "quarter"}, {"at_least", 1}}}});
  doc["groups"].push_back({{"id", "sub2"},
                           {"name", "Sub 2"},
                           {"kind", "forum"},
                           {"parent", "sub"},
                           {"chairs", json::array()},
                           {"members", json::array()},
                           {"frequency", {{"per", "quarter"}, {"at_least", 1}}}});        // a cycle
  doc["agencies"].push_back({{"id", "la"}, {"name", "Again"}, {"sector", "education"}});  // duplicate id
  doc["meetings"] = json::array({
      {{"id", "m1"}, {"group", "nowhere"}, {"date", "2019-10-15"}, {"attendance", json::array()}},  // unknown group
      {{"id", "m2"},
       {"group", "sub"},
       {"date", "2019-10-16"},
       {"attendance", json::array({{{"agency", "police"}}, {{"agency", "ghost"}}})}},  // not a member; unknown agency
      {{"id", "m3"}, {"group", "sub"}, {"date", 20191017}},                            // wrong type
  });
  doc["duties"] = json::array({{{"id", "d"},
                                {"title", "D"},
                                {"activity", "x"},
                                {"owner", "nobody"},
                                {"schedule", {{"kind", "interval"}, {"every", "12 fortnights"}}}}});
  doc["colour"] = "red";  // unknown field
  const std::string message = error_message([&] { (void)partnership_from_document(doc, "haringey.json"); });
  CHECK(
      message ==
      "haringey.json: 11 problems\n"
      "  /colour: unknown field 'colour' (expected one of: $schema, name, area, edition, start, year_start, calendar, "
      "description, settings, partners, agencies, roles, groups, duties, arrangements, meetings, activities, "
      "thresholds, editions, designated_agencies, child_protection_teams, sign_offs)\n"
      "  /start: '2019-02-30' is not a valid date: February 2019 has 28 days\n"
      "  /groups/0/frequency: expected an object, got the string 'quarterly'\n"
      "  /duties/0/schedule/every: '12 fortnights' is not a timescale: unknown unit 'fortnights' (expected working "
      "days, "
      "calendar days, weeks, months, years or hours)\n"
      "  /meetings/2/date: expected a date string such as \"2019-09-29\", got the number 20191017\n"
      "  /agencies/1/id: duplicate id 'la' (first defined at /partners/0/id)\n"
      "  /groups/1/parent: the accountability tree has a cycle: sub \u2192 sub2 \u2192 sub\n"
      "  /duties/0/owner: unknown owner (a role, group or agency) 'nobody'\n"
      "  /meetings/0/group: unknown group 'nowhere'\n"
      "  /meetings/1/attendance/0/agency: agency 'police' is not a member of group 'sub' (record an invited agency "
      "with "
      "\"capacity\": \"invited\")\n"
      "  /meetings/1/attendance/1/agency: unknown agency 'ghost'");
}

TEST_CASE("more bad input: elements of the wrong type, references and truncated files") {
  json doc = partnership_document(small());
  doc["partners"][1] = 7;  // a placeholder keeps /partners/2 at its place
  doc["partners"][2]["lead"] = "nobody";
  doc["activities"] = json::array({{{"id", "a"}, {"type", "audit"}, {"date", "2020-01-10"}},
                                   {{"id", "b"}, {"type", "plan"}, {"date", "2020-01-01"}, {"follows", "a"}},
                                   {{"id", "c"}, {"type", "plan"}, {"date", "2020-01-01"}, {"follows", "zz"}}});
  doc["meetings"] = json::array({{{"id", "m"},
                                  {"group", "exec"},
                                  {"date", "2020-01-01"},
                                  {"attendance", json::array({{{"agency", "la"}}, {{"agency", "la"}}})},
                                  {"apologies", json::array({{{"agency", "ccg"}, {"valid_reason", true}}})}}});
  const std::string message = error_message([&] { (void)partnership_from_document(doc); });
  CHECK(message ==
        "8 problems\n"
        "  /partners/1: expected an object, got the number 7\n"
        "  /partners/2/lead: unknown role 'nobody'\n"
        "  /roles/1/agency: unknown agency 'ccg'\n"
        "  /groups/0/members/1/agency: unknown agency 'ccg'\n"
        "  /meetings/0/attendance/1/agency: agency 'la' is recorded twice at this meeting\n"
        "  /meetings/0/apologies/0/agency: unknown agency 'ccg'\n"
        "  /activities/1/date: 2020-01-01 is before 2020-01-10, the date of 'a' which it follows\n"
        "  /activities/2/follows: unknown activity 'zz'");

  const auto dir = scratch_path("partnership_truncated");
  std::filesystem::create_directories(dir);
  const std::string text = partnership_document(small()).dump(2);
  std::ofstream(dir / "cut.json") << text.substr(0, text.size() / 2);
  const auto truncated = error_message([&] { (void)load_partnership(dir / "cut.json"); });
  CHECK(truncated.find("cut.json: the JSON ends too early (truncated file?) at line ") != std::string::npos);
  std::filesystem::remove_all(dir);

  // Evaluation outside the calendar is an error, not a guess.
  CHECK(error_message([] { (void)small().evaluate(date(2101, 1, 1)); }) ==
        "evaluate: the as-of date 2101-01-01 is outside the england-and-wales calendar's range (1970-01-01 to "
        "2100-12-31)");
}

TEST_CASE("activities that follow themselves or each other in a cycle are problems naming them") {
  Partnership p = small();
  p.activities = {activity("a", "audit", date(2020, 1, 6), "c"), activity("b", "plan", date(2020, 1, 6), "a"),
                  activity("c", "plan", date(2020, 1, 6), "b"), activity("d", "plan", date(2020, 1, 6), "d"),
                  activity("e", "plan", date(2020, 1, 7), "a")};
  const auto problems = p.problems();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].str() ==
        "/activities/0/follows: the activities follow each other in a cycle: a \u2192 c \u2192 b \u2192 a");
  CHECK(problems[1].str() == "/activities/3/follows: the activity 'd' follows itself");
  CHECK(error_message([&] { (void)p.evaluate(date(2020, 2, 1)); }).find("follows itself") != std::string::npos);
}

TEST_CASE("a chain of 32,000 groups and of 32,000 activities is checked, and a cycle through it found once") {
  // A chain of 32,000 groups, each reporting to the one before, and 32,000 activities each following
  // the one before. Its time is not asserted (a wall-clock limit fails on a loaded machine); quadratic
  // look-ups made this test take minutes, which the C++ tests' step stamp in ./dev test shows.
  Partnership p = small();
  const std::size_t n = 32'000;
  for (std::size_t i = 1; i < n; ++i) {
    Group g = p.groups.front();
    g.id = "g" + std::to_string(i);
    g.parent = i == 1 ? "exec" : "g" + std::to_string(i - 1);
    p.groups.push_back(std::move(g));
  }
  for (std::size_t i = 0; i < n; ++i)
    p.activities.push_back(
        activity("a" + std::to_string(i), "audit", date(2020, 1, 6), i == 0 ? "" : "a" + std::to_string(i - 1)));
  CHECK(p.problems().empty());
  // Closing the chain into a circle is found, once.
  p.groups.front().parent = "g" + std::to_string(n - 1);
  const auto problems = p.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where == "/groups/0/parent");
  CHECK(problems[0].message.starts_with("the accountability tree has a cycle: exec \u2192 g31999 \u2192 g31998"));
  CHECK(problems[0].message.ends_with("g1 \u2192 exec"));
}
