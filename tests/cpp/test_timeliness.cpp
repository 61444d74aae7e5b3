// Worked examples for each rule family; every expected date is counted by hand in the comments
// (England and Wales bank holidays).
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "catch.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"
#include "support/buffers.hpp"
#include "timeliness/cells.hpp"
#include "timeliness/sizes.hpp"

using namespace safeguarding;
using namespace safeguarding::timeliness;

namespace {

/// Whether two columns hold the same values, NaN equal to NaN; compared element by element, so
/// that a failed CHECK does not print whole columns.
template <class X, class Y>
bool same_values(const X& x, const Y& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!(x[i] == y[i] || (x[i] != x[i] && y[i] != y[i]))) return false;
  return true;
}

std::int64_t day(const char* iso) {
  return to_days(parse_date(iso));
}

/// A small event table built row by row.
struct Table {
  std::vector<std::int64_t> cases, times;
  std::vector<std::int32_t> events;
  std::vector<std::int64_t> age;
  std::vector<std::int64_t> judgement;
  Resolution resolution = Resolution::days;

  Table& add(std::int64_t c, const char* event, const char* when, std::int64_t age_value = nat) {
    cases.push_back(c);
    events.push_back(builtin_rules().event(event));
    if (resolution == Resolution::days)
      times.push_back(std::string(when).empty() ? nat : day(when));
    else
      times.push_back(to_days(parse_date(std::string(when).substr(0, 10))) * 86400 +
                      std::stoll(std::string(when).substr(11, 2)) * 3600 +
                      std::stoll(std::string(when).substr(14, 2)) * 60);
    age.push_back(age_value);
    return *this;
  }

  EventsView view(bool with_age = false) const {
    EventsView e{cases, events, times, resolution, {}};
    if (with_age) e.attributes.push_back(AttributeView{"age", age, {}});
    return e;
  }
};

EngineResult run(const Table& t, std::vector<std::string> rules, std::optional<const char*> as_of = std::nullopt,
                 bool with_age = false) {
  EngineOptions o;
  o.rules = std::move(rules);
  if (as_of) o.as_of = day(*as_of);
  return compute(builtin_rules(), t.view(with_age), o);
}

std::string rule_of(const EngineResult& r, std::size_t i) {
  return builtin_rules().rules()[static_cast<std::size_t>(r.instances.rule[i])].id;
}
std::string status_of(const EngineResult& r, std::size_t i) {
  return std::string(instance_status_names[r.instances.status[i]]);
}
std::string iso(std::int64_t d) {
  return d == nat ? "-" : format_days(d);
}

std::int64_t total(const std::array<std::int64_t, event_row_use_names.size()>& counts) {
  std::int64_t n = 0;
  for (auto c : counts) n += c;
  return n;
}

}  // namespace

TEST_CASE("looked-after reviews: a chain whose next clock starts at the previous review") {
  Table t;
  t.add(1, "lac.start", "2019-12-16")
      .add(1, "lac.review", "2020-01-16")
      .add(1, "lac.review", "2020-04-30")
      .add(1, "lac.review", "2020-10-30");
  const EngineResult r = run(t, {"lac.review.first"}, "2021-01-31");
  REQUIRE(r.instances.size() == 4);
  // First: 20 working days from Monday 16 December 2019. 17-20 Dec (4), 23-24 (6), 25 and 26 are
  // bank holidays, 27 (7), 30-31 (9), 1 January a holiday, 2-3 (11), 6-10 (16), 13-16 (20).
  CHECK(rule_of(r, 0) == "lac.review.first");
  CHECK(iso(r.instances.due[0]) == "2020-01-16");
  CHECK(status_of(r, 0) == "met");
  CHECK(r.instances.late_working_days[0] == 0.0f);
  // Second: 3 months from the first review actually held: 16 April 2020; held 30 April, late by
  // 17 (1), 20-24 (6), 27-30 (10) working days and 14 calendar days.
  CHECK(rule_of(r, 1) == "lac.review.second");
  CHECK(iso(r.instances.start[1]) == "2020-01-16");
  CHECK(iso(r.instances.due[1]) == "2020-04-16");
  CHECK(status_of(r, 1) == "late");
  CHECK(r.instances.late_working_days[1] == 10.0f);
  CHECK(r.instances.late_days[1] == 14.0f);
  CHECK(r.instances.duration_days[1] == 105.0f);  // 16 Jan to 30 Apr 2020: 15 + 29 + 31 + 30
  // Then every 6 months from the previous review: 30 October 2020 (met), then 30 April 2021,
  // still open on 31 January 2021.
  CHECK(rule_of(r, 2) == "lac.review.subsequent");
  CHECK(iso(r.instances.due[2]) == "2020-10-30");
  CHECK(status_of(r, 2) == "met");
  CHECK(iso(r.instances.due[3]) == "2021-04-30");
  CHECK(status_of(r, 3) == "open");
  CHECK(r.instances.sequence[3] == 4);
  CHECK(std::isnan(r.instances.late_days[3]));
  // As of 3 May 2021 the same review is overdue by 1 working day (Monday 3 May is a bank holiday,
  // so (30 Apr, 3 May] holds no working day: 0) ... and as of 4 May by 1.
  const EngineResult later = run(t, {"lac.review.first"}, "2021-05-04");
  CHECK(status_of(later, 3) == "overdue");
  CHECK(later.instances.late_working_days[3] == 1.0f);
  CHECK(later.instances.late_days[3] == 4.0f);
  CHECK(later.row_counts()[0] == 4);  // every row used
}

TEST_CASE("months clamp to the end of a shorter month") {
  Table t;
  // First review on 30 April 2019: the second is due 30 July (not 31 July).
  t.add(1, "lac.start", "2019-04-08").add(1, "lac.review", "2019-04-30").add(1, "lac.review", "2019-08-31");
  const EngineResult r = run(t, {"lac.review.first"}, "2019-09-01");
  REQUIRE(r.instances.size() == 3);
  CHECK(iso(r.instances.due[1]) == "2019-07-30");
  CHECK(status_of(r, 1) == "late");
  // Second review on 31 August 2019: the next is due 29 February 2020 (a leap year).
  CHECK(iso(r.instances.due[2]) == "2020-02-29");
}

TEST_CASE("weekend starts and bank holidays inside the window") {
  Table t;
  // Aware on Saturday 21 December 2019: day 1 is Monday 23, 24 (2), 25-26 holidays, 27 (3), 30 (4),
  // 31 (5): notify the Panel by Tuesday 31 December. Notified Thursday 2 January 2020: 1 January is
  // a holiday, so 1 working day (and 2 calendar days) late.
  t.add(7, "sin.aware", "2019-12-21").add(7, "sin.notified", "2020-01-02");
  const EngineResult r = run(t, {"sin.notify_panel"});
  REQUIRE(r.instances.size() == 1);
  CHECK(iso(r.instances.due[0]) == "2019-12-31");
  CHECK(status_of(r, 0) == "late");
  CHECK(r.instances.late_working_days[0] == 1.0f);
  CHECK(r.instances.late_days[0] == 2.0f);
  CHECK(r.instances.duration_working_days[0] == 6.0f);  // 23, 24, 27, 30, 31 Dec and 2 Jan
}

TEST_CASE("edition boundaries: April 2011 for looked-after reviews") {
  Table t;
  // Looked after on Thursday 31 March 2011: the 1991 regulations, four weeks: 28 April.
  t.add(1, "lac.start", "2011-03-31");
  // Looked after on Friday 1 April 2011: 20 working days under the 2010 regulations. April: 4-8
  // (5), 11-15 (10), 18-21 (14); Good Friday 22, Easter Monday 25; 26-28 (17); the royal wedding
  // holiday 29 April and the early May holiday 2 May; 3-5 May (20): Thursday 5 May.
  t.add(2, "lac.start", "2011-04-01");
  const EngineResult r = run(t, {"lac.review.first"}, "2011-06-01");
  REQUIRE(r.instances.size() == 2);
  CHECK(iso(r.instances.due[0]) == "2011-04-28");
  CHECK(builtin_rules().rule("lac.review.first").editions[static_cast<std::size_t>(r.instances.edition[0])].name ==
        "Review of Children's Cases Regulations 1991");
  CHECK(iso(r.instances.due[1]) == "2011-05-05");
  CHECK(builtin_rules().rule("lac.review.first").editions[static_cast<std::size_t>(r.instances.edition[1])].name ==
        "Care Planning Regulations 2010");
  CHECK(status_of(r, 0) == "overdue");
}

TEST_CASE("edition boundaries: September 2019, serious case reviews to practice reviews") {
  Table t;
  // Decided on Friday 27 September 2019: a serious case review (WT2015), 6 months: 27 March 2020.
  t.add(1, "review.decided_local", "2019-09-27").add(1, "review.completed", "2020-03-20");
  // Decided on Monday 30 September 2019: a practice review (WT2018), completed and published
  // within 6 months: 30 March 2020.
  t.add(2, "review.decided_local", "2019-09-30").add(2, "review.published", "2020-04-02");
  const EngineResult r = run(t, {"scr.complete", "cspr.complete"}, "2020-06-01");
  REQUIRE(r.instances.size() == 2);
  CHECK(rule_of(r, 0) == "scr.complete");
  CHECK(iso(r.instances.due[0]) == "2020-03-27");
  CHECK(status_of(r, 0) == "met");
  CHECK(rule_of(r, 1) == "cspr.complete");
  CHECK(iso(r.instances.due[1]) == "2020-03-30");
  CHECK(status_of(r, 1) == "late");
  // Each decision row is used by the rule in force; the other rule was not in force on its date.
  CHECK(r.row_counts()[0] == 4);
}

TEST_CASE("serious incident: the backward rule counts back from publication") {
  Table t;
  // Published Monday 6 January 2020: at least 7 working days before is 3 Jan (1), 2 (2), 1 Jan a
  // holiday, 31 Dec (3), 30 (4), 27 (5), 25-26 holidays, 24 (6), 23 (7): Monday 23 December 2019.
  t.add(1, "review.sent_to_panel", "2019-12-20").add(1, "review.published", "2020-01-06");
  t.add(2, "review.sent_to_panel", "2019-12-24").add(2, "review.published", "2020-01-06");
  t.add(3, "review.published", "2020-01-06");
  const EngineResult r = run(t, {"cspr.send_before_publication"}, "2020-01-10");
  REQUIRE(r.instances.size() == 3);
  CHECK(iso(r.instances.due[0]) == "2019-12-23");
  CHECK(status_of(r, 0) == "met");
  CHECK(r.instances.late_working_days[0] == -1.0f);  // one working day to spare
  CHECK(status_of(r, 1) == "late");
  CHECK(r.instances.late_working_days[1] == 1.0f);
  CHECK(status_of(r, 2) == "overdue");  // published with nothing sent
}

TEST_CASE("transition grace periods run from the arrangements' start") {
  Table t;
  // Haringey's arrangements started on Sunday 29 September 2019: 4 months for the child death
  // review arrangements (29 January 2020), 12 for outstanding serious case reviews (29 September 2020).
  t.add(1, "arrangements.start", "2019-09-29").add(1, "transition.cdop_ready", "2020-01-31");
  const EngineResult r = run(t, {"transition.cdop", "transition.scr"}, "2020-02-01");
  REQUIRE(r.instances.size() == 2);
  CHECK(rule_of(r, 0) == "transition.scr");
  CHECK(iso(r.instances.due[0]) == "2020-09-29");
  CHECK(status_of(r, 0) == "open");
  CHECK(rule_of(r, 1) == "transition.cdop");
  CHECK(iso(r.instances.due[1]) == "2020-01-29");
  CHECK(status_of(r, 1) == "late");
}

TEST_CASE("the chain's end event: missed when overdue, ended when not yet due") {
  Table t;
  // Child 1 ceases to be looked after before the first review is due (16 January 2020): ended.
  t.add(1, "lac.start", "2019-12-16").add(1, "lac.end", "2020-01-06");
  // Child 2 ceases after the due date with no review: missed, 2 working days after it (17, 20 Jan).
  t.add(2, "lac.start", "2019-12-16").add(2, "lac.end", "2020-01-20");
  const EngineResult r = run(t, {"lac.review.first"}, "2020-02-01");
  REQUIRE(r.instances.size() == 2);
  CHECK(status_of(r, 0) == "ended");
  CHECK(status_of(r, 1) == "missed");
  CHECK(r.instances.late_working_days[1] == 2.0f);
  CHECK(r.instances.stop_row[1] == 3);
}

TEST_CASE("repeated starts: the initiating strategy discussion, the first placement, a plan made early") {
  Table t;
  // Two strategy discussions: the conference is due 15 working days after the one that initiated
  // the section 47 enquiry (Monday 28 October 2019): 29-31 Oct (3), 1 Nov (4), 4-8 (9), 11-15 (14),
  // 18 (15): Monday 18 November. Held on 25 November: late by 19-22 (4) and 25 (5) working days.
  t.add(1, "strategy_discussion", "2019-10-28")
      .add(1, "strategy_discussion", "2019-11-04")
      .add(1, "icpc", "2019-11-25");
  // A care plan made before the first placement is on time; the second placement starts nothing.
  t.add(2, "lac.care_plan", "2019-11-01")
      .add(2, "lac.placement_start", "2019-11-04")
      .add(2, "lac.placement_start", "2019-12-02");
  const EngineResult r = run(t, {"icpc.held", "lac.care_plan"}, "2019-12-31");
  REQUIRE(r.instances.size() == 2);
  CHECK(rule_of(r, 0) == "icpc.held");
  CHECK(iso(r.instances.start[0]) == "2019-10-28");
  CHECK(iso(r.instances.due[0]) == "2019-11-18");
  CHECK(status_of(r, 0) == "late");
  CHECK(r.instances.late_working_days[0] == 5.0f);
  CHECK(rule_of(r, 1) == "lac.care_plan");
  CHECK(status_of(r, 1) == "met");
  CHECK(r.instances.duration_days[1] == -3.0f);
  const auto counts = r.row_counts();
  CHECK(counts[static_cast<std::size_t>(EventRowUse::superseded)] == 0);
  CHECK(counts[static_cast<std::size_t>(EventRowUse::not_needed)] == 2);  // the second discussion and placement
  CHECK(total(counts) == 6);

  // "The latest" is a local choice: the clock runs from Monday 4 November, due 25 November (5-8
  // Nov (4), 11-15 (9), 18-22 (14), 25 (15)): met; the first discussion is superseded.
  const RuleCatalogue latest =
      rules_from_json(R"({"local_choices": {"icpc.held": {"repeat": "latest"}}})", "local.json", &builtin_rules());
  EngineOptions o;
  o.rules = {"icpc.held"};
  o.as_of = day("2019-12-31");
  const EngineResult l = compute(latest, t.view(), o);
  REQUIRE(l.instances.size() == 1);
  CHECK(iso(l.instances.start[0]) == "2019-11-04");
  CHECK(iso(l.instances.due[0]) == "2019-11-25");
  CHECK(instance_status_names[l.instances.status[0]] == "met");
  CHECK(l.row_counts()[static_cast<std::size_t>(EventRowUse::superseded)] == 1);
}

TEST_CASE("hours: exact with date-times, the third day with dates") {
  Table t;
  t.resolution = Resolution::seconds;
  // Returned Friday 3 May 2019 at 10:00: 72 hours end Monday 6 May at 10:00.
  t.add(1, "missing.returned", "2019-05-03T10:00").add(1, "missing.rhi_held", "2019-05-06T09:30");
  t.add(2, "missing.returned", "2019-05-03T10:00").add(2, "missing.rhi_held", "2019-05-06T10:30");
  const EngineResult r = run(t, {"missing.rhi"}, "2019-06-01");
  REQUIRE(r.instances.size() == 2);
  CHECK(status_of(r, 0) == "met");
  CHECK(status_of(r, 1) == "late");
  CHECK(r.instances.due_time[0] == day("2019-05-06") * 86400 + 10 * 3600);

  Table d;
  d.add(1, "missing.returned", "2019-05-03").add(1, "missing.rhi_held", "2019-05-06");
  const EngineResult rd = run(d, {"missing.rhi"}, "2019-06-01");
  CHECK(iso(rd.instances.due[0]) == "2019-05-06");
  CHECK(status_of(rd, 0) == "met");
}

TEST_CASE("a timescale chosen by an attribute: the judgement chooses the next inspection") {
  // ILACS: good, 3 years; requires improvement, 3 years; inadequate, no timescale (not in force);
  // no judgement recorded: a finding.
  const RuleCatalogue& c = builtin_rules();
  std::vector<std::int64_t> cases{1, 2, 3, 4}, times(4, day("2019-03-15")), judgement{0, 1, 2, -1};
  std::vector<std::int32_t> events(4, c.event("ilacs.judgement"));
  EventsView e{cases, events, times, Resolution::days, {}};
  e.attributes.push_back(AttributeView{"judgement", judgement, {"good", "requires_improvement", "inadequate"}});
  EngineOptions o;
  o.rules = {"ilacs.cycle"};
  const EngineResult r = compute(c, e, o);
  REQUIRE(r.instances.size() == 2);
  CHECK(iso(r.instances.due[0]) == "2022-03-15");
  CHECK(iso(r.instances.due[1]) == "2022-03-15");
  REQUIRE(r.findings.size() == 1);
  CHECK(static_cast<EventFinding>(r.findings.kind[0]) == EventFinding::missing_attribute);
  CHECK(r.findings.row[0] == 3);
  CHECK(r.row_use[2] == static_cast<std::uint8_t>(EventRowUse::not_in_force));
}

TEST_CASE("allegations: bands of 1, 3 and 12 months") {
  Table t;
  // Referred 1 October 2018 (KCSIE 2018): within a month is up to 1 November, three months 1 January
  // 2019, twelve months 1 October 2019.
  t.add(1, "lado.referred", "2018-10-01").add(1, "lado.concluded", "2018-11-01");
  t.add(2, "lado.referred", "2018-10-01").add(2, "lado.concluded", "2018-11-02");
  t.add(3, "lado.referred", "2018-10-01").add(3, "lado.concluded", "2019-06-01");
  t.add(4, "lado.referred", "2018-10-01").add(4, "lado.concluded", "2019-10-02");
  t.add(5, "lado.referred", "2018-10-01");
  const EngineResult r = run(t, {"lado.resolution"}, "2019-12-31");
  REQUIRE(r.instances.size() == 5);
  CHECK(r.instances.band[0] == 0);
  CHECK(r.instances.band[1] == 1);
  CHECK(r.instances.band[2] == 2);
  CHECK(r.instances.band[3] == 3);  // beyond 12 months
  CHECK(r.instances.band[4] == -1);
  CHECK(iso(r.instances.due[0]) == "2019-10-01");
  CHECK(status_of(r, 3) == "late");
  CHECK(status_of(r, 4) == "overdue");

  // The bands against KCSIE 2018's targets: 4 concluded (case 5 is open); within a month 1 (25%,
  // target 80%: not met), within three months 2 (50%, target 90%: not met), within twelve months 3
  // (75%); case 4 concluded beyond twelve months.
  const auto rule = static_cast<std::int32_t>(*builtin_rules().rule_index("lado.resolution"));
  const BandTable b = bands(builtin_rules(), rule, r.instances);
  REQUIRE(b.size() == 3);
  CHECK(builtin_rules().rules()[static_cast<std::size_t>(rule)].editions[static_cast<std::size_t>(b.edition[0])].name ==
        "Keeping Children Safe in Education 2018");
  CHECK(b.concluded == std::vector<std::int64_t>{4, 4, 4});
  CHECK(b.within == std::vector<std::int64_t>{1, 2, 3});
  CHECK(b.open == std::vector<std::int64_t>{1, 1, 1});
  CHECK(b.percent_within == std::vector<double>{25.0, 50.0, 75.0});
  CHECK(b.target[0] == 80.0);
  CHECK(b.target[1] == 90.0);
  CHECK(b.meets_target[0] == 0);
  CHECK(b.meets_target[1] == 0);
  // Two groups: cases 1-2 in group 0, 3-5 in group 1 (a group with no conclusion has no percentage).
  const std::vector<std::int64_t> groups{0, 0, 1, 1, 1};
  const BandTable g = bands(builtin_rules(), rule, r.instances, groups, 2);
  REQUIRE(g.size() == 6);
  CHECK(g.within == std::vector<std::int64_t>{1, 2, 2, 0, 0, 1});
  CHECK(g.concluded == std::vector<std::int64_t>{2, 2, 2, 2, 2, 2});
  CHECK(g.percent_within[2] == 100.0);
  CHECK(g.meets_target[1] == 1);  // 100% within three months against 90%
  CHECK_THROWS_AS(
      bands(builtin_rules(), static_cast<std::int32_t>(*builtin_rules().rule_index("lac.review.first")), r.instances),
      Error);
}

TEST_CASE("data-quality findings: every row used or reported, counts add up") {
  Table t;
  t.add(1, "lac.start", "2019-12-16");
  t.add(1, "lac.review", "2020-01-16");
  t.add(1, "lac.review", "2020-01-16");  // duplicate of row 1
  t.add(2, "lac.review", "2019-11-01");  // before its case's start: stop before start
  t.add(2, "lac.start", "2019-12-02");
  t.add(3, "lac.review", "2019-11-01");                                   // no start at all
  t.add(4, "lac.start", "");                                              // no date
  t.add(5, "lac.start", "2150-01-01");                                    // outside the calendar
  t.add(6, "lac.start", "2019-05-01").add(6, "lac.start", "2019-09-02");  // started again without an end
  t.add(7, "sin.aware", "2019-12-02");                                    // not a rule asked for
  t.add(8, "lac.start", "2021-01-01");                                    // after the as-of date
  const EngineResult r = run(t, {"lac.review.first"}, "2020-12-31");
  auto kinds = [&](EventFinding k) {
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < r.findings.size(); ++i)
      if (static_cast<EventFinding>(r.findings.kind[i]) == k) rows.push_back(r.findings.row[i]);
    return rows;
  };
  CHECK(kinds(EventFinding::duplicate) == std::vector<std::int64_t>{2});
  CHECK(kinds(EventFinding::stop_before_start) == std::vector<std::int64_t>{3});
  CHECK(kinds(EventFinding::stop_without_start) == std::vector<std::int64_t>{5});
  CHECK(kinds(EventFinding::missing_date) == std::vector<std::int64_t>{6});
  CHECK(kinds(EventFinding::outside_calendar) == std::vector<std::int64_t>{7});
  CHECK(kinds(EventFinding::restart_without_end) == std::vector<std::int64_t>{9});
  const auto counts = r.row_counts();
  CHECK(total(counts) == 12);
  CHECK(counts[static_cast<std::size_t>(EventRowUse::used)] == 5);  // rows 0, 1, 4, 8, 9
  CHECK(counts[static_cast<std::size_t>(EventRowUse::problem)] == 5);
  CHECK(counts[static_cast<std::size_t>(EventRowUse::no_rule)] == 1);
  CHECK(counts[static_cast<std::size_t>(EventRowUse::after_as_of)] == 1);
  CHECK(describe(r, 0, builtin_rules(), t.view()).find("has no date") != std::string::npos);
  for (std::size_t i = 0; i < r.findings.size(); ++i) CHECK_FALSE(describe(r, i, builtin_rules(), t.view()).empty());
}

TEST_CASE("bad columns are errors naming the column and rows") {
  Table t;
  t.add(1, "lac.start", "2019-12-16");
  std::vector<std::int32_t> bad_events{999};
  EventsView e{t.cases, bad_events, t.times, Resolution::days, {}};
  CHECK(error_message([&] { (void)compute(builtin_rules(), e); }) ==
        "events: 1 problem\n  column 'event', row 0: 999 is not the index of an event type (the catalogue has 68)");
  std::vector<std::int64_t> short_times;
  EventsView e2{t.cases, t.events, short_times, Resolution::days, {}};
  CHECK(error_message([&] { (void)compute(builtin_rules(), e2); }) ==
        "events: 1 problem\n  column 'time': has 0 rows, but column 'case' has 1");
  EngineOptions o;
  o.rules = {"lac.reveiw.first"};
  CHECK(error_message([&] { (void)compute(builtin_rules(), t.view(), o); }).find("'lac.reveiw.first' is not a rule") !=
        std::string::npos);
}

TEST_CASE("threads give the same result as one thread, in any input order") {
  // 5 events for each of 0.3 × engine_parts_from children (60,000 in a release build, 600 in the
  // sanitised test build): 1.5 × as many rows as the engine needs to split them between workers.
  const auto children = static_cast<std::int64_t>(timeliness::detail::engine_parts_from * 3 / 10);
  std::mt19937_64 rng(11);
  std::vector<std::int64_t> cases, times;
  std::vector<std::int32_t> events;
  const auto start = builtin_rules().event("lac.start");
  const auto review = builtin_rules().event("lac.review");
  for (std::int64_t c = 0; c < children; ++c) {
    std::int64_t d = day("2015-01-01") + static_cast<std::int64_t>(rng() % 1500);
    for (int k = 0; k < 5; ++k) {
      cases.push_back(c * 3 + 5);
      events.push_back(k == 0 ? start : review);
      times.push_back(d);
      d += 20 + static_cast<std::int64_t>(rng() % 200);
    }
  }
  std::vector<std::size_t> perm(cases.size());
  for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
  std::shuffle(perm.begin(), perm.end(), rng);
  std::vector<std::int64_t> c2, t2;
  std::vector<std::int32_t> e2;
  for (std::size_t i : perm) {
    c2.push_back(cases[i]);
    e2.push_back(events[i]);
    t2.push_back(times[i]);
  }
  EngineOptions one, two;
  one.threads = 1;
  two.threads = 2;
  one.rules = two.rules = {"lac.review.first"};
  const EngineResult a = compute(builtin_rules(), EventsView{c2, e2, t2, Resolution::days, {}}, one);
  const EngineResult b = compute(builtin_rules(), EventsView{c2, e2, t2, Resolution::days, {}}, two);
  const EngineResult sorted = compute(builtin_rules(), EventsView{cases, events, times, Resolution::days, {}}, two);
  REQUIRE(a.instances.size() == static_cast<std::size_t>(5 * children));  // 5 per child: four completed and one open
  CHECK(same_values(a.instances.due, b.instances.due));
  CHECK(same_values(a.instances.status, b.instances.status));
  CHECK(same_values(a.instances.case_id, b.instances.case_id));
  CHECK(same_values(a.instances.late_working_days, b.instances.late_working_days));
  CHECK(same_values(a.instances.start_row, b.instances.start_row));
  CHECK(same_values(a.row_use, b.row_use));
  CHECK(same_values(a.instances.due, sorted.instances.due));
  CHECK(same_values(a.instances.status, sorted.instances.status));
}

namespace {

/// The same events with their rows in another order: row i of the result is row perm[i] of `e`.
Events permuted(const Events& e, const std::vector<std::size_t>& perm) {
  Events out;
  out.resolution = e.resolution;
  for (std::size_t i : perm) {
    out.case_id.push_back(e.case_id[i]);
    out.event.push_back(e.event[i]);
    out.time.push_back(e.time[i]);
  }
  for (const Attribute& a : e.attributes) {
    Attribute b{a.name, {}, a.categories};
    for (std::size_t i : perm) b.values.push_back(a.values[i]);
    out.attributes.push_back(std::move(b));
  }
  return out;
}

/// The rows of `e` shuffled, rows of a case with the same time and event type (duplicates) keeping
/// their relative order (the engine reports the first of them as the one repeated); perm[i] is the
/// row of `e` at row i.
std::vector<std::size_t> shuffle_keeping_ties(const Events& e, std::uint64_t seed) {
  const std::size_t n = e.case_id.size();
  std::vector<std::size_t> perm(n);
  for (std::size_t i = 0; i < n; ++i) perm[i] = i;
  std::mt19937_64 rng(seed);
  std::shuffle(perm.begin(), perm.end(), rng);
  std::map<std::tuple<std::int64_t, std::int32_t, std::int64_t>, std::vector<std::size_t>> ties;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = perm[i];
    if (e.time[r] != nat) ties[{e.case_id[r], e.event[r], e.time[r]}].push_back(i);
  }
  for (auto& [key, at] : ties) {
    if (at.size() < 2) continue;
    std::vector<std::size_t> rows;
    for (std::size_t i : at) rows.push_back(perm[i]);
    std::sort(rows.begin(), rows.end());
    for (std::size_t j = 0; j < at.size(); ++j) perm[at[j]] = rows[j];
  }
  return perm;
}

/// A finding with its rows, for comparing findings as a multiset.
using FindingTuple = std::tuple<std::int64_t, std::uint8_t, std::int32_t, std::int64_t>;

std::vector<FindingTuple> finding_tuples(const EventFindings& f, const std::vector<std::int64_t>& row_map) {
  std::vector<FindingTuple> out;
  auto map = [&](std::int64_t r) { return r < 0 || row_map.empty() ? r : row_map[static_cast<std::size_t>(r)]; };
  for (std::size_t i = 0; i < f.size(); ++i)
    out.emplace_back(map(f.row[i]), f.kind[i], f.rule[i], map(f.related_row[i]));
  std::sort(out.begin(), out.end());
  return out;
}

/// What differs between two results once the rows of `a` are renumbered by `to_b`: the names of
/// the instance columns that differ, "instance rows" (start_row, stop_row), "findings" and
/// "row uses"; empty when they are the same.
std::vector<std::string> differences(const EngineResult& a, const EngineResult& b,
                                     const std::vector<std::int64_t>& to_b) {
  std::vector<std::string> out;
  const Instances &x = a.instances, &y = b.instances;
  auto column = [&](const char* name, const auto& cx, const auto& cy) {
    if (!same_values(cx, cy)) out.emplace_back(name);
  };
  column("rule", x.rule, y.rule);
  column("edition", x.edition, y.edition);
  column("case_id", x.case_id, y.case_id);
  column("sequence", x.sequence, y.sequence);
  column("start", x.start, y.start);
  column("due", x.due, y.due);
  column("completed", x.completed, y.completed);
  column("status", x.status, y.status);
  column("late_days", x.late_days, y.late_days);
  column("late_working_days", x.late_working_days, y.late_working_days);
  column("duration_days", x.duration_days, y.duration_days);
  column("duration_working_days", x.duration_working_days, y.duration_working_days);
  column("band", x.band, y.band);
  bool rows_same = x.size() == y.size();
  for (std::size_t u = 0; rows_same && u < x.size(); ++u)
    rows_same = y.start_row[u] == to_b[static_cast<std::size_t>(x.start_row[u])] &&
                y.stop_row[u] == (x.stop_row[u] < 0 ? x.stop_row[u] : to_b[static_cast<std::size_t>(x.stop_row[u])]);
  if (!rows_same) out.emplace_back("instance rows");
  if (finding_tuples(a.findings, to_b) != finding_tuples(b.findings, {})) out.emplace_back("findings");
  bool uses_same = a.row_use.size() == b.row_use.size();
  for (std::size_t i = 0; uses_same && i < a.row_use.size(); ++i)
    uses_same = b.row_use[static_cast<std::size_t>(to_b[i])] == a.row_use[i];
  if (!uses_same) out.emplace_back("row uses");
  return out;
}

}  // namespace

TEST_CASE("rows in any order: the findings, row uses and instances of the case-ordered rows, by the caller's rows") {
  // 0.15 × engine_parts_from synthetic children (30,000 in a release build, 300 in the sanitised
  // test build) in case order (rows within a case not always in time order), each with a start, a
  // placement (its 'emergency' flag sometimes missing), a notification, a visit, a health
  // assessment and reviews; some with a review duplicated, a row without a date, a review before
  // the start, an end. Then the same rows shuffled (not only the cases): about 9 rows a child, more
  // than engine_parts_from, so split between two threads. Every output must be the case-ordered
  // one with its rows renumbered.
  std::mt19937_64 rng(2026);
  const auto& cat = builtin_rules();
  Events ordered;
  Attribute emergency{"emergency", {}, {}}, birth{"birth_date", {}, {}};
  auto add = [&](std::int64_t c, const char* event, std::int64_t when, std::int64_t flag = nat,
                 std::int64_t born = nat) {
    ordered.case_id.push_back(c);
    ordered.event.push_back(cat.event(event));
    ordered.time.push_back(when);
    emergency.values.push_back(flag);
    birth.values.push_back(born);
  };
  const auto children = static_cast<std::int64_t>(timeliness::detail::engine_parts_from * 3 / 20);
  for (std::int64_t c = 0; c < children; ++c) {
    const std::int64_t id = 9 * c + 4, d0 = day("2014-01-01") + static_cast<std::int64_t>(rng() % 2000);
    const std::size_t first = ordered.case_id.size();
    add(id, "lac.start", d0, nat, rng() % 10 == 0 ? nat : d0 - static_cast<std::int64_t>(rng() % 6000));
    const auto flag = static_cast<std::int64_t>(rng() % 3);
    add(id, "lac.placement_start", d0, flag == 2 ? nat : flag);
    add(id, "lac.placement_notified", d0 + static_cast<std::int64_t>(rng() % 10));
    add(id, "lac.visit", d0 + 3 + static_cast<std::int64_t>(rng() % 10));
    add(id, "lac.health_assessment", d0 + 10 + static_cast<std::int64_t>(rng() % 30));
    std::int64_t d = d0 + 14 + static_cast<std::int64_t>(rng() % 20);
    for (int k = 0; k < 3; ++k, d += 60 + static_cast<std::int64_t>(rng() % 150)) {
      add(id, "lac.review", d);
      if (rng() % 12 == 0) add(id, "lac.review", d);  // a duplicate
    }
    if (rng() % 20 == 0) add(id, "lac.review", nat);     // no date
    if (rng() % 15 == 0) add(id, "lac.review", d0 - 5);  // before the start
    if (rng() % 4 == 0) add(id, "lac.end", d);
    if (rng() % 3 == 0) {  // the case's rows in reverse, so out of time order
      const auto from = static_cast<std::ptrdiff_t>(first);
      std::reverse(ordered.time.begin() + from, ordered.time.end());
      std::reverse(ordered.event.begin() + from, ordered.event.end());
      std::reverse(emergency.values.begin() + from, emergency.values.end());
      std::reverse(birth.values.begin() + from, birth.values.end());
    }
  }
  ordered.attributes = {emergency, birth};
  const std::size_t n = ordered.case_id.size();
  const std::vector<std::size_t> perm = shuffle_keeping_ties(ordered, rng());
  const Events shuffled = permuted(ordered, perm);
  std::vector<std::int64_t> to_shuffled(n);  // the case-ordered row i is row to_shuffled[i] of the shuffled events
  for (std::size_t i = 0; i < n; ++i) to_shuffled[perm[i]] = static_cast<std::int64_t>(i);
  EngineOptions o;
  o.threads = 2;
  o.as_of = day("2020-06-30");
  const EngineResult a = compute(cat, ordered, o);
  const EngineResult b = compute(cat, shuffled, o);
  REQUIRE(n > timeliness::detail::engine_parts_from);
  // Findings of every kind the events were made to have.
  std::map<std::uint8_t, std::size_t> kinds;
  for (std::uint8_t k : a.findings.kind) ++kinds[k];
  for (auto k : {EventFinding::missing_date, EventFinding::duplicate, EventFinding::stop_before_start,
                 EventFinding::stop_without_start, EventFinding::missing_attribute})
    CHECK(kinds[static_cast<std::uint8_t>(k)] > 0);
  REQUIRE(a.row_use.size() == n);
  REQUIRE(a.instances.size() == b.instances.size());
  REQUIRE(a.instances.size() > n / 2);
  // Every instance column, the instances' rows, the findings and the row uses, by the shuffled rows.
  CHECK(differences(a, b, to_shuffled) == std::vector<std::string>{});
  // The summary-only path on the shuffled rows: the same findings, row uses and table.
  SummaryRequest request;
  request.percentiles = {50};
  const EngineSummary s = compute_summary(cat, shuffled, request, o);
  CHECK(finding_tuples(s.result.findings, {}) == finding_tuples(b.findings, {}));
  CHECK(s.result.row_use == b.row_use);
  const Summary t = summarise(b.instances, SummaryPeriod::month, Basis::due, {}, 1, b.instances.duration_days,
                              std::vector<double>{50.0});
  CHECK(s.table.rule == t.rule);
  CHECK(s.table.period == t.period);
  CHECK(s.table.instances == t.instances);
  CHECK(s.table.met == t.met);
  CHECK(s.table.overdue == t.overdue);
  CHECK(same_values(s.table.percentiles[0], t.percentiles[0]));
}

TEST_CASE("summaries: totals add up, percentiles as numpy's linear method") {
  Table t;
  t.add(1, "lac.start", "2019-12-16").add(1, "lac.review", "2020-01-16").add(1, "lac.review", "2020-04-30");
  t.add(2, "lac.start", "2019-12-20").add(2, "lac.review", "2020-01-31");
  const EngineResult r = run(t, {"lac.review.first"}, "2020-05-31");
  // Instances: child 1: first (met, due 16 Jan), second (late, completed 30 Apr), third (open,
  // due 30 Oct); child 2: first due 24 Jan (20 working days from Friday 20 December: 23-24 (2),
  // 27 (3), 30-31 (5), 2-3 Jan (7), 6-10 (12), 13-17 (17), 20-22 (20): Wednesday 22 January),
  // held 31 January: late; second due 30 April 2020, open... overdue as of 31 May.
  REQUIRE(r.instances.size() == 5);
  CHECK(iso(r.instances.due[3]) == "2020-01-22");
  const Summary s = summarise(r.instances, SummaryPeriod::month, Basis::completed, {}, 1, r.instances.duration_days,
                              std::vector<double>{50.0});
  std::int64_t instances = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    instances += s.instances[i];
    CHECK(s.instances[i] == s.met[i] + s.late[i] + s.overdue[i] + s.open[i] + s.missed[i] + s.ended[i]);
  }
  CHECK(instances == 5);
  // Rows: first review in January 2020 (2: met and late; durations 31 and 42 days, median 36.5);
  // first review with no completion: none; second review in April (1 late), and not completed (2:
  // one open, one overdue); subsequent... the third of child 1 is 'lac.review.subsequent'.
  REQUIRE(s.size() == 4);
  CHECK(format_days(s.period[0]) == "2020-01-01");
  CHECK(s.met[0] == 1);
  CHECK(s.late[0] == 1);
  CHECK(s.percentiles[0][0] == 36.5);
  CHECK(s.period[2] == nat);
  CHECK(s.overdue[2] == 1);
  // In timescale = met; out = late + overdue + missed; open and ended in neither.
  CHECK(s.in_timescale == std::vector<std::int64_t>{1, 0, 0, 0});
  CHECK(s.out_of_timescale == std::vector<std::int64_t>{1, 1, 1, 0});
  CHECK(s.percent_in_timescale[0] == 50.0);
  CHECK(s.percent_in_timescale[1] == 0.0);
  CHECK(std::isnan(s.percent_in_timescale[3]));  // the open subsequent review: in neither
}

TEST_CASE("summary percentiles agree with sorting each cell, whole-number durations or not") {
  // Random small tables checked against a plain sort: whole-number durations take the histogram
  // path, fractional ones the nth_element path.
  std::mt19937 rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 1 + rng() % 50;
    std::vector<std::int32_t> rule(n);
    std::vector<std::uint8_t> status(n);
    std::vector<std::int64_t> when(n);
    std::vector<float> duration(n);
    for (std::size_t i = 0; i < n; ++i) {
      rule[i] = static_cast<std::int32_t>(rng() % 2);
      status[i] = static_cast<std::uint8_t>(rng() % 6);
      when[i] = 18000 + static_cast<std::int64_t>(rng() % 100);
      duration[i] = rng() % 5 == 0 ? std::numeric_limits<float>::quiet_NaN()
                                   : static_cast<float>(rng() % 40) - (trial % 2 ? 0.5f : 0.0f);
    }
    const std::vector<double> qs{0, 25, 50, 90, 100};
    const Summary s =
        summarise(std::span<const std::int32_t>(rule), status, when, SummaryPeriod::month, {}, 1, duration, qs);
    for (std::size_t row = 0; row < s.size(); ++row) {
      std::vector<double> values;
      for (std::size_t i = 0; i < n; ++i) {
        const auto c = support::civil_from_days(when[i]);
        if (rule[i] == s.rule[row] && support::days_from_civil(c.year, c.month, 1) == s.period[row] &&
            !std::isnan(duration[i]))
          values.push_back(duration[i]);
      }
      std::sort(values.begin(), values.end());
      for (std::size_t q = 0; q < qs.size(); ++q) {
        const double got = s.percentiles[q][row];
        if (values.empty()) {
          CHECK(std::isnan(got));
          continue;
        }
        const double pos = static_cast<double>(values.size() - 1) * qs[q] / 100;
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const double want = lo + 1 < values.size()
                                ? values[lo] + (values[lo + 1] - values[lo]) * (pos - static_cast<double>(lo))
                                : values[lo];
        CHECK(got == Approx(want));
      }
    }
  }
}

TEST_CASE("large summaries, counted in two halves, agree with a plain count") {
  // 1.2 × summary_halves_from instances (1.2 million in a release build, 12,000 in the sanitised
  // test build): enough for the two-thread path; compared with counts and sorted durations per cell
  // kept in plain maps.
  std::mt19937 rng(5);
  const std::size_t n = timeliness::detail::summary_halves_from * 6 / 5;
  std::vector<std::int32_t> rule(n);
  std::vector<std::uint8_t> status(n);
  std::vector<std::int64_t> when(n);
  std::vector<float> duration(n);
  std::map<std::pair<std::int32_t, std::int64_t>, std::array<std::int64_t, 6>> counts;
  std::map<std::pair<std::int32_t, std::int64_t>, std::vector<float>> values;
  for (std::size_t i = 0; i < n; ++i) {
    rule[i] = static_cast<std::int32_t>(rng() % 3);
    status[i] = static_cast<std::uint8_t>(rng() % 6);
    when[i] = rng() % 50 == 0 ? nat : 17000 + static_cast<std::int64_t>(rng() % 700);
    duration[i] = rng() % 4 == 0 ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(rng() % 400);
    std::int64_t month = nat;
    if (when[i] != nat) {
      const auto c = support::civil_from_days(when[i]);
      month = support::days_from_civil(c.year, c.month, 1);
    }
    ++counts[{rule[i], month}][status[i]];
    if (!std::isnan(duration[i])) values[{rule[i], month}].push_back(duration[i]);
  }
  const std::vector<double> median{50.0};
  const Summary s =
      summarise(std::span<const std::int32_t>(rule), status, when, SummaryPeriod::month, {}, 1, duration, median);
  REQUIRE(s.size() == counts.size());
  std::size_t mismatches = 0;
  for (std::size_t row = 0; row < s.size(); ++row) {
    const auto key = std::make_pair(s.rule[row], s.period[row]);
    const auto& k = counts.at(key);
    if (s.met[row] != k[0] || s.late[row] != k[1] || s.overdue[row] != k[2] || s.open[row] != k[3] ||
        s.missed[row] != k[4] || s.ended[row] != k[5])
      ++mismatches;
    auto v = values[key];
    std::sort(v.begin(), v.end());
    const double pos = static_cast<double>(v.size() - 1) / 2;
    const auto lo = static_cast<std::size_t>(pos);
    const double want = lo + 1 < v.size() ? v[lo] + (v[lo + 1] - v[lo]) * (pos - static_cast<double>(lo)) : v[lo];
    if (s.percentiles[0][row] != want) ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("a finding about an absurd date is described without overflowing") {
  // The largest serial day (not NaT) is outside every calendar; describing it must not overflow
  // the civil-date arithmetic (the sanitizer build aborts on signed overflow).
  const auto start = builtin_rules().event("lac.start");
  std::vector<std::int64_t> cases{1}, times{std::numeric_limits<std::int64_t>::max()};
  std::vector<std::int32_t> events{start};
  const EventsView e{cases, events, times, Resolution::days, {}};
  const EngineResult r = compute(builtin_rules(), e);
  REQUIRE(r.findings.size() == 1);
  CHECK(static_cast<EventFinding>(r.findings.kind[0]) == EventFinding::outside_calendar);
  CHECK(describe(r, 0, builtin_rules(), e) == "'lac.start' on day 9223372036854775807 is outside the calendar's range");
}

TEST_CASE("an as-of date outside the calendar is an error, not a lateness of -2^63 working days") {
  Table t;
  t.add(1, "lac.start", "2020-01-06");
  CHECK(error_message([&] { (void)run(t, {"lac.review.first"}, "2150-01-01"); }) ==
        "as_of 2150-01-01 is outside the england-and-wales calendar's range (1970-01-01 to 2100-12-31)");
  EngineOptions o;
  o.as_of = std::numeric_limits<std::int64_t>::max();
  CHECK(error_message([&] {
          (void)compute(builtin_rules(), t.view(), o);
        }).find("as_of day 9223372036854775807 is outside") == 0);
}

TEST_CASE("a stop on the day its clock starts completes it, whatever the event types' order in the catalogue") {
  // A partnership's own start events come after the built-in ones in the catalogue, which orders
  // one case's events on one day; a built-in stop on the start's own day is still after it: met
  // on day 0, not a stop before its start.
  const RuleCatalogue local = rules_from_json(R"({
    "events": [{"id": "x.start", "title": "local clock start"}, {"id": "y.start", "title": "local chain start"}],
    "rules": [
      {"id": "x.once", "title": "Once", "start": ["x.start"], "stop": ["lac.review"],
       "editions": [{"name": "A", "from": "2010-01-01", "timescale": "10 working days", "source": "s", "confidence": "check"}]},
      {"id": "x.chain", "title": "Chain", "start": ["y.start"], "stop": ["cp_review"], "recurring": true,
       "editions": [{"name": "A", "from": "2010-01-01", "timescale": "1 month", "source": "s", "confidence": "check"}]}
    ]})",
                                              "local.json", &builtin_rules());
  const auto x = local.event("x.start");
  const auto y = local.event("y.start");
  const auto review = local.event("lac.review");
  const auto cp = local.event("cp_review");
  // Case 1: started and stopped on Monday 6 January 2020; a stray stop on Friday 3 January before it.
  // Case 2: the chain starts and its first clock is stopped on 6 January; the next is due a month
  // later, 6 February.
  std::vector<std::int64_t> cases{1, 1, 1, 2, 2};
  std::vector<std::int32_t> events{review, x, review, y, cp};
  std::vector<std::int64_t> times{day("2020-01-03"), day("2020-01-06"), day("2020-01-06"), day("2020-01-06"),
                                  day("2020-01-06")};
  EngineOptions o;
  o.as_of = day("2020-02-01");
  o.rules = {"x.once", "x.chain"};
  const EngineResult r = compute(local, EventsView{cases, events, times, Resolution::days, {}}, o);
  REQUIRE(r.instances.size() == 3);
  auto id = [&](std::size_t i) { return local.rules()[static_cast<std::size_t>(r.instances.rule[i])].id; };
  CHECK(id(0) == "x.once");
  CHECK(instance_status_names[r.instances.status[0]] == "met");
  CHECK(r.instances.stop_row[0] == 2);
  CHECK(r.instances.duration_days[0] == 0.0f);
  CHECK(id(1) == "x.chain");
  CHECK(instance_status_names[r.instances.status[1]] == "met");
  CHECK(r.instances.stop_row[1] == 4);
  CHECK(iso(r.instances.start[2]) == "2020-01-06");
  CHECK(iso(r.instances.due[2]) == "2020-02-06");
  CHECK(instance_status_names[r.instances.status[2]] == "open");
  // Only the stop three days before the start is a finding.
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings.row[0] == 0);
  CHECK(static_cast<EventFinding>(r.findings.kind[0]) == EventFinding::stop_before_start);
  CHECK(r.row_counts()[static_cast<std::size_t>(EventRowUse::used)] == 4);
}

TEST_CASE("summaries refuse a number of cells too large to count, even when the product overflows") {
  // 4 rules (codes up to 3) × 2 periods (all, and no date) × (2^61 + 1) groups = 2^64 + 8 cells:
  // the product wraps to 8 in 64 bits, which must not pass for a small table.
  const std::vector<std::int32_t> rule{0, 3};
  const std::vector<std::uint8_t> status{0, 0};
  const std::vector<std::int64_t> when{18000, 18001};
  const std::vector<std::int64_t> groups{1'000'000, 0};
  const std::int64_t n_groups = (std::int64_t{1} << 61) + 1;
  CHECK(error_message([&] {
          (void)summarise(std::span<const std::int32_t>(rule), status, when, SummaryPeriod::all, groups, n_groups);
        }) == "summarise: too many cells (4 rules × 2 periods × 2305843009213693953 groups); group more coarsely");
}

TEST_CASE("summaries take rule codes of every integer width and agree") {
  const std::vector<std::int32_t> wide{0, 2, 1, 2, 0};
  const std::vector<std::int8_t> codes8(wide.begin(), wide.end());
  const std::vector<std::int16_t> codes16(wide.begin(), wide.end());
  const std::vector<std::int64_t> codes64(wide.begin(), wide.end());
  const std::vector<std::uint8_t> status{0, 1, 2, 0, 5};
  const std::vector<std::int64_t> when{18000, 18040, nat, 18100, 18001};
  const std::vector<float> duration{3, 4, std::numeric_limits<float>::quiet_NaN(), 8, 1};
  const std::vector<double> qs{50};
  auto lines = [](const Summary& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size(); ++i)
      out.push_back(std::to_string(s.rule[i]) + " " + (s.period[i] == nat ? "-" : format_days(s.period[i])) + " " +
                    std::to_string(s.instances[i]) + " " + std::to_string(s.met[i]) + " " +
                    std::to_string(s.percentiles[0][i]));
    return out;
  };
  const auto want =
      lines(summarise(std::span<const std::int32_t>(wide), status, when, SummaryPeriod::quarter, {}, 1, duration, qs));
  CHECK(want.size() == 4);
  CHECK(lines(summarise(std::span<const std::int8_t>(codes8), status, when, SummaryPeriod::quarter, {}, 1, duration,
                        qs)) == want);
  CHECK(lines(summarise(std::span<const std::int16_t>(codes16), status, when, SummaryPeriod::quarter, {}, 1, duration,
                        qs)) == want);
  CHECK(lines(summarise(std::span<const std::int64_t>(codes64), status, when, SummaryPeriod::quarter, {}, 1, duration,
                        qs)) == want);
  // A vector of codes converts to the span of its own width.
  CHECK(lines(summarise(wide, status, when, SummaryPeriod::quarter, {}, 1, duration, qs)) == want);
}

TEST_CASE("result columns are usable as std::span and copy into std::vector") {
  Table t;
  t.add(1, "lac.start", "2019-12-16").add(1, "lac.review", "2020-01-16");
  const EngineResult r = run(t, {"lac.review.first"}, "2020-05-31");
  REQUIRE(r.instances.size() == 2);
  const std::span<const std::int64_t> due = r.instances.due;
  const std::vector<std::int64_t> copy(due.begin(), due.end());
  CHECK(copy.size() == 2);
  CHECK(iso(copy[0]) == "2020-01-16");  // 20 working days from 16 December 2019 (see the summary test)
  const std::span<const std::uint8_t> status = r.instances.status;
  CHECK(std::vector<std::uint8_t>(status.begin(), status.end()) ==
        std::vector<std::uint8_t>{static_cast<std::uint8_t>(InstanceStatus::met),
                                  static_cast<std::uint8_t>(InstanceStatus::overdue)});
}

/// Whether two summaries are the same table (NaN equal to NaN in the percentiles).
bool same_table(const Summary& a, const Summary& b) {
  if (a.rule != b.rule || a.period != b.period || a.group != b.group || a.instances != b.instances || a.met != b.met ||
      a.late != b.late || a.overdue != b.overdue || a.open != b.open || a.missed != b.missed || a.ended != b.ended ||
      a.in_timescale != b.in_timescale || a.out_of_timescale != b.out_of_timescale ||
      a.percentiles.size() != b.percentiles.size())
    return false;
  auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a.percent_in_timescale[i], b.percent_in_timescale[i])) return false;
  for (std::size_t q = 0; q < a.percentiles.size(); ++q)
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(a.percentiles[q][i], b.percentiles[q][i])) return false;
  return true;
}

TEST_CASE("the summary-only path: the worked table, without the instances") {
  Table t;
  t.add(1, "lac.start", "2019-12-16").add(1, "lac.review", "2020-01-16").add(1, "lac.review", "2020-04-30");
  t.add(2, "lac.start", "2019-12-20").add(2, "lac.review", "2020-01-31");
  t.add(3, "lac.review", "2019-11-01");  // a review without a start: a finding, as compute() reports it
  EngineOptions o;
  o.rules = {"lac.review.first"};
  o.as_of = day("2020-05-31");
  SummaryRequest request;
  request.period = SummaryPeriod::month;
  request.basis = Basis::completed;
  request.percentiles = {50.0};
  const EngineSummary only = compute_summary(builtin_rules(), t.view(), request, o);
  // As in "summaries: totals add up…": January 2020, first reviews met (child 1, 31 days) and late
  // (child 2, 42 days), median 36.5; April, the second review late; not completed: one overdue
  // (child 2's second, due 30 April) and one open (child 1's third, due 30 October).
  const Summary& s = only.table;
  REQUIRE(s.size() == 4);
  CHECK(format_days(s.period[0]) == "2020-01-01");
  CHECK((s.met[0] == 1 && s.late[0] == 1 && s.percentiles[0][0] == 36.5 && s.percent_in_timescale[0] == 50.0));
  CHECK(format_days(s.period[1]) == "2020-04-01");
  CHECK((s.late[1] == 1 && s.percentiles[0][1] == 105.0));  // 16 January to 30 April
  CHECK((s.period[2] == nat && s.overdue[2] == 1 && s.open[2] == 0));
  CHECK((s.period[3] == nat && s.open[3] == 1));
  CHECK(only.result.instances.size() == 0);
  const EngineResult full = compute(builtin_rules(), t.view(), o);
  CHECK(same_table(s, summarise(full.instances, SummaryPeriod::month, Basis::completed, {}, 1,
                                full.instances.duration_days, request.percentiles)));
  CHECK(only.result.row_use == full.row_use);
  CHECK(only.result.findings.row == full.findings.row);
  CHECK(only.result.findings.kind == full.findings.kind);
  CHECK(only.result.as_of == full.as_of);
  CHECK(total(only.result.row_counts()) == 6);
}

TEST_CASE("row_counts: every row counted once by its use, the rows beyond a multiple of four too") {
  // 1,003 rows (three beyond a multiple of four): 500 used, then uses 1 to 6 in turn over the other
  // 503 = 6 × 83 + 5 rows: uses 1 to 5 on 84 rows each, use 6 (problem) on 83.
  EngineResult r;
  for (int i = 0; i < 500; ++i) r.row_use.push_back(0);
  for (int i = 0; i < 503; ++i) r.row_use.push_back(static_cast<std::uint8_t>(1 + i % 6));
  const auto counts = r.row_counts();
  CHECK(counts[0] == 500);
  for (std::size_t u = 1; u <= 5; ++u) CHECK(counts[u] == 84);
  CHECK(counts[static_cast<std::size_t>(EventRowUse::problem)] == 83);
  CHECK(total(counts) == 1003);
}

TEST_CASE("the summary-only path equals summarise(compute()) on large shuffled input, for every period and date") {
  // 0.3 × engine_parts_from children (60,000 in a release build, 600 in the sanitised test build)
  // × 5 events in random order: split between two threads, and each worker's scratch columns
  // (summary_scratch instances) emptied about 9 times. Dates as seconds in the full path, to check
  // that summarise() reads them as such.
  static_assert(timeliness::detail::engine_parts_from * 3 / 10 * 5 / 2 > 8 * timeliness::detail::summary_scratch);
  const auto children = static_cast<std::int64_t>(timeliness::detail::engine_parts_from * 3 / 10);
  std::mt19937_64 rng(11);
  std::vector<std::int64_t> cases, times;
  std::vector<std::int32_t> events;
  const std::int32_t start = builtin_rules().event("lac.start"), review = builtin_rules().event("lac.review");
  for (std::int64_t c = 0; c < children; ++c) {
    std::int64_t d = day("2012-01-01") + static_cast<std::int64_t>(rng() % 2500);
    for (int k = 0; k < 5; ++k) {
      d += k == 0   ? 0
           : k == 1 ? 10 + static_cast<std::int64_t>(rng() % 30)
                    : 60 + static_cast<std::int64_t>(rng() % 150);
      cases.push_back(c * 13 + 5);
      events.push_back(k == 0 ? start : review);
      times.push_back(d);
    }
  }
  std::vector<std::size_t> p(cases.size());
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = i;
  std::shuffle(p.begin(), p.end(), rng);
  Events e;
  for (std::size_t i : p) e.case_id.push_back(cases[i]), e.event.push_back(events[i]), e.time.push_back(times[i]);
  EngineOptions o;
  o.rules = {"lac.review.first"};
  o.as_of = day("2019-06-30");
  o.threads = 2;
  o.dates_as_seconds = true;
  const EngineResult full = compute(builtin_rules(), e, o);
  REQUIRE(full.instances.dates_in_seconds);
  for (auto period : {SummaryPeriod::month, SummaryPeriod::quarter, SummaryPeriod::year, SummaryPeriod::all,
                      SummaryPeriod::reporting_year, SummaryPeriod::reporting_quarter})
    for (auto basis : {Basis::due, Basis::completed, Basis::start})
      for (auto durations : {Durations::days, Durations::working_days}) {
        SummaryRequest request{period, basis, durations, {0, 10, 50, 90, 100}};
        const Summary want = summarise(
            full.instances, period, basis, {}, 1,
            durations == Durations::days ? full.instances.duration_days : full.instances.duration_working_days,
            request.percentiles);
        const EngineSummary got = compute_summary(builtin_rules(), e, request, o);
        CHECK(same_table(got.table, want));
        CHECK(got.result.row_use == full.row_use);
      }
  // Months of due dates from 2012 on: a summary read as serial days would place them near the year 2,000,000.
  const Summary by_month = summarise(full.instances, SummaryPeriod::month, Basis::due);
  CHECK(format_days(by_month.period[0]).substr(0, 4) == "2012");
}

TEST_CASE("a cell's durations: a histogram of whole numbers, the values themselves beyond it") {
  // Numbers worked by hand: numpy.percentile([1, 2, 3, 4], 50) = 2.5; of [0, 100000, 7.5]: 7.5;
  // the 25th of [-3, 5, 5, 70000] at position 0.75: -3 + 0.75 × 8 = 3.
  timeliness::detail::DurationBag a;
  for (double v : {3.0, 1.0, 4.0, 2.0}) a.add(v);
  CHECK(a.percentile(50) == 2.5);
  timeliness::detail::DurationBag wide;  // a span beyond the histogram's, then a fraction
  for (double v : {0.0, 100000.0, 7.5}) wide.add(v);
  CHECK(wide.percentile(50) == 7.5);
  CHECK(wide.percentile(100) == 100000.0);
  timeliness::detail::DurationBag left, right;  // merged, one side outgrowing the histogram
  left.add(5), left.add(-3);
  right.add(70000), right.add(5);
  left.merge(right);
  CHECK(left.count() == 4);
  CHECK(left.percentile(25) == 3.0);
  CHECK(left.percentile(0) == -3.0);
  timeliness::detail::DurationBag none;
  CHECK(std::isnan(none.percentile(50)));
}

namespace {

/// Synthetic looked-after events for `children` children (no real child's data) in case order, each
/// case's rows in time order but for every third case reversed: a start, reviews (some repeated, one
/// sometimes without a date), a placement with its 'emergency' flag; case ids `stride` apart from
/// `first_id`. Case 0 has 40 reviews, many on the same days, so that its rows take the sort for long cases.
Events many_cases(std::int64_t children, std::int64_t first_id, std::int64_t stride, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto& cat = builtin_rules();
  Events e;
  Attribute emergency{"emergency", {}, {}};
  auto add = [&](std::int64_t c, const char* event, std::int64_t when, std::int64_t flag = nat) {
    e.case_id.push_back(c);
    e.event.push_back(cat.event(event));
    e.time.push_back(when);
    emergency.values.push_back(flag);
  };
  for (std::int64_t c = 0; c < children; ++c) {
    const std::int64_t id = first_id + stride * c, d0 = day("2014-01-01") + static_cast<std::int64_t>(rng() % 2000);
    const std::size_t first = e.case_id.size();
    add(id, "lac.start", d0);
    add(id, "lac.placement_start", d0, static_cast<std::int64_t>(rng() % 2));
    add(id, "lac.placement_notified", d0 + static_cast<std::int64_t>(rng() % 10));
    const int reviews = c == 0 ? 40 : 3;
    std::int64_t d = d0 + 14 + static_cast<std::int64_t>(rng() % 20);
    for (int k = 0; k < reviews; ++k, d += c == 0 ? static_cast<std::int64_t>(rng() % 3) * 40 : 120) {
      add(id, "lac.review", d);
      if (rng() % 10 == 0) add(id, "lac.review", d);  // a duplicate
    }
    if (rng() % 20 == 0) add(id, "lac.review", nat);  // no date
    if (c % 3 == 0) {
      const auto from = static_cast<std::ptrdiff_t>(first);
      std::reverse(e.time.begin() + from, e.time.end());
      std::reverse(e.event.begin() + from, e.event.end());
      std::reverse(emergency.values.begin() + from, emergency.values.end());
    }
  }
  e.attributes = {emergency};
  return e;
}

}  // namespace

TEST_CASE("rows in any order: case ids spread wide or close, many rows in a case, the same results as in case order") {
  // 0.2 × engine_parts_from synthetic children (40,000 in a release build, 400 in the sanitised
  // build), about 6 rows each (case 0: about 85), so more than engine_parts_from rows on two threads,
  // shuffled: with ids 7 apart (their own ranks in the radix sort) and with ids about 10^12 apart
  // from a negative one (ranked by sorting the ids), and ids 7 apart with times in seconds (whose
  // radix records take 16 bytes, where days take 8). The results must be the case-ordered ones with
  // the rows renumbered, on both paths.
  const auto children = static_cast<std::int64_t>(timeliness::detail::engine_parts_from / 5);
  const auto& cat = builtin_rules();
  for (const auto& [first_id, stride, seconds] : {std::tuple<std::int64_t, std::int64_t, bool>{5, 7, false},
                                                  {-4'000'000'000'000'000, 999'999'999'989, false},
                                                  {5, 7, true}}) {
    CAPTURE(stride);
    CAPTURE(seconds);
    Events ordered = many_cases(children, first_id, stride, 7);
    if (seconds) {  // each row at 10:00 on its day
      ordered.resolution = Resolution::seconds;
      for (std::int64_t& t : ordered.time)
        if (t != nat) t = t * 86'400 + 36'000;
    }
    const std::vector<std::size_t> perm = shuffle_keeping_ties(ordered, 8);
    const Events shuffled = permuted(ordered, perm);
    const std::size_t n = ordered.case_id.size();
    REQUIRE(n > timeliness::detail::engine_parts_from);
    std::vector<std::int64_t> to_shuffled(n);
    for (std::size_t i = 0; i < n; ++i) to_shuffled[perm[i]] = static_cast<std::int64_t>(i);
    EngineOptions o;
    o.threads = 2;
    o.as_of = day("2020-06-30");
    const EngineResult a = compute(cat, ordered, o);
    const EngineResult b = compute(cat, shuffled, o);
    REQUIRE(a.instances.size() > n / 3);
    CHECK(a.findings.size() > 0);
    CHECK(differences(a, b, to_shuffled) == std::vector<std::string>{});
    SummaryRequest request;
    request.percentiles = {50};
    const EngineSummary s = compute_summary(cat, shuffled, request, o);
    CHECK(finding_tuples(s.result.findings, {}) == finding_tuples(b.findings, {}));
    // In the same order too: the summary-only path judges these shuffled rows bucket by bucket
    // inside the radix sort, and gives each bucket's findings in the cases' order.
    CHECK(s.result.findings.row == b.findings.row);
    CHECK(s.result.findings.related_row == b.findings.related_row);
    CHECK(s.result.row_use == b.row_use);
    CHECK(same_table(s.table, summarise(b.instances, SummaryPeriod::month, Basis::due, {}, 1, b.instances.duration_days,
                                        std::vector<double>{50.0})));
  }
}

TEST_CASE("scratch buffers: kept between calls of different sizes, shared by two threads at once, released") {
  // Shuffled synthetic events of 0.2 and 0.13 × engine_parts_from children (about 6 rows each: the
  // large input above engine_parts_from rows, on two threads, the small one below, on one; each
  // call's scratch blocks above the pool's smallest, ScratchPool::block_from): the large input, the
  // small one, then both at once from two threads, twice; every result the same as the one computed
  // with nothing kept.
  const auto& cat = builtin_rules();
  const auto children = static_cast<std::int64_t>(timeliness::detail::engine_parts_from / 5);
  const Events big_ordered = many_cases(children, 11, 3, 21), small_ordered = many_cases(children * 2 / 3, 2, 5, 22);
  const Events big = permuted(big_ordered, shuffle_keeping_ties(big_ordered, 23));
  const Events small = permuted(small_ordered, shuffle_keeping_ties(small_ordered, 24));
  REQUIRE(big.case_id.size() > timeliness::detail::engine_parts_from);
  REQUIRE(small.case_id.size() < timeliness::detail::engine_parts_from);
  REQUIRE(small.case_id.size() * sizeof(std::int64_t) > support::ScratchPool::block_from);
  EngineOptions o;
  o.threads = 2;
  o.as_of = day("2020-06-30");
  SummaryRequest request;
  request.percentiles = {50};
  const std::size_t limit = set_scratch_limit(0);  // nothing kept for the references
  CHECK(limit == support::ScratchPool::default_limit);
  CHECK(scratch_kept() == 0);
  const EngineResult big_ref = compute(cat, big, o), small_ref = compute(cat, small, o);
  const Summary big_table = compute_summary(cat, big, request, o).table;
  const Summary small_table = compute_summary(cat, small, request, o).table;
  CHECK(scratch_kept() == 0);
  std::vector<std::int64_t> identity(big.case_id.size());
  for (std::size_t i = 0; i < identity.size(); ++i) identity[i] = static_cast<std::int64_t>(i);
  set_scratch_limit(limit);
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    CHECK(differences(big_ref, compute(cat, big, o), identity) == std::vector<std::string>{});
    CHECK(scratch_kept() > 0);  // the large call's blocks, kept
    CHECK(differences(small_ref, compute(cat, small, o), identity) == std::vector<std::string>{});
    CHECK(same_table(big_table, compute_summary(cat, big, request, o).table));
    CHECK(same_table(small_table, compute_summary(cat, small, request, o).table));
    // Both at once, from two threads (each call splitting its work on two more).
    EngineResult from_thread;
    Summary table_from_thread;
    std::thread other([&] {
      from_thread = compute(cat, big, o);
      table_from_thread = compute_summary(cat, small, request, o).table;
    });
    const EngineResult here = compute(cat, small, o);
    const Summary table_here = compute_summary(cat, big, request, o).table;
    other.join();
    CHECK(differences(big_ref, from_thread, identity) == std::vector<std::string>{});
    CHECK(differences(small_ref, here, identity) == std::vector<std::string>{});
    CHECK(same_table(small_table, table_from_thread));
    CHECK(same_table(big_table, table_here));
  }
  // A limit below what is kept frees the oldest blocks; release frees the rest.
  const std::size_t kept = scratch_kept();
  REQUIRE(kept > 0);
  set_scratch_limit(kept / 2);
  CHECK(scratch_kept() <= kept / 2);
  CHECK(release_scratch() <= kept / 2);
  CHECK(scratch_kept() == 0);
  set_scratch_limit(limit);
  CHECK(differences(big_ref, compute(cat, big, o), identity) == std::vector<std::string>{});
}
