// Worked examples of the recurring duties and the clocks that start, stop and end as the
// regulations say: visits (reg 28 of the Care Planning Regulations 2010), health assessments, the
// yearly report, child protection visits, closures that end clocks, the initiating strategy
// discussion, the rapid review's edition-dependent start, notifications. Every expected date is
// counted by hand in the comments (England and Wales bank holidays).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"

using namespace safeguarding;
using namespace safeguarding::timeliness;

namespace {

std::int64_t day(const char* iso) {
  return to_days(parse_date(iso));
}
std::string iso(std::int64_t d) {
  return d == nat ? "-" : format_days(d);
}

/// An event table with attribute columns: numbers (and dates, as serial days) and categories,
/// `nat` (or -1) where a row does not give them.
struct Rows {
  std::vector<std::int64_t> cases, times;
  std::vector<std::int32_t> events;
  std::map<std::string, std::vector<std::int64_t>> numbers;
  std::map<std::string, std::vector<std::int64_t>> codes;
  std::map<std::string, std::vector<std::string>> categories;

  Rows& add(std::int64_t c, const char* event, const char* when,
            std::initializer_list<std::pair<const char*, std::int64_t>> nums = {},
            std::initializer_list<std::pair<const char*, const char*>> cats = {}) {
    const std::size_t n = cases.size();
    cases.push_back(c);
    events.push_back(builtin_rules().event(event));
    times.push_back(day(when));
    for (auto& [name, column] : numbers) column.push_back(nat);
    for (auto& [name, column] : codes) column.push_back(-1);
    for (const auto& [name, value] : nums) {
      auto& column = numbers.try_emplace(name, std::vector<std::int64_t>(n, nat)).first->second;
      if (column.size() == n) column.push_back(nat);
      column.back() = value;
    }
    for (const auto& [name, value] : cats) {
      auto& column = codes.try_emplace(name, std::vector<std::int64_t>(n, -1)).first->second;
      if (column.size() == n) column.push_back(-1);
      auto& list = categories[name];
      auto it = std::find(list.begin(), list.end(), value);
      if (it == list.end()) it = list.insert(list.end(), value);
      column.back() = it - list.begin();
    }
    return *this;
  }

  [[nodiscard]] EventsView view() const {
    EventsView e{cases, events, times, Resolution::days, {}};
    for (const auto& [name, column] : numbers) e.attributes.push_back(AttributeView{name, column, {}});
    for (const auto& [name, column] : codes) e.attributes.push_back(AttributeView{name, column, categories.at(name)});
    return e;
  }
};

struct Run {
  EngineResult r;
  const RuleCatalogue* catalogue;

  [[nodiscard]] std::size_t size() const { return r.instances.size(); }
  [[nodiscard]] std::string rule(std::size_t i) const {
    return catalogue->rules()[static_cast<std::size_t>(r.instances.rule[i])].id;
  }
  [[nodiscard]] std::string status(std::size_t i) const {
    return std::string(instance_status_names[r.instances.status[i]]);
  }
  [[nodiscard]] std::string start(std::size_t i) const { return iso(r.instances.start[i]); }
  [[nodiscard]] std::string due(std::size_t i) const { return iso(r.instances.due[i]); }
  /// "rule start due status" per instance, in the engine's order.
  [[nodiscard]] std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < size(); ++i) out.push_back(rule(i) + " " + start(i) + " " + due(i) + " " + status(i));
    return out;
  }
  [[nodiscard]] std::size_t findings(EventFinding kind) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < r.findings.size(); ++i) n += static_cast<EventFinding>(r.findings.kind[i]) == kind;
    return n;
  }
};

Run run(const Rows& rows, std::vector<std::string> rules, const char* as_of,
        const RuleCatalogue& catalogue = builtin_rules()) {
  EngineOptions o;
  o.rules = std::move(rules);
  o.as_of = day(as_of);
  return Run{compute(catalogue, rows.view(), o), &catalogue};
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("visits (reg 28(2)): within a week of every placement, then every 6 weeks; a new placement restarts them") {
  Rows t;
  // Child 1. Placed Monday 6 January 2020: first visit within 1 week, by 13 January; visited on
  // 10 January (met). The next within 6 weeks of that visit: 21 February; visited 28 February
  // (late). The next clock runs from 28 February, due 10 April; a new placement on 2 March ends
  // it before it was due (ended, no finding) and starts the visits again: due 9 March. Never
  // visited: overdue at 31 March by 10-13 (4), 16-20 (9), 23-27 (14), 30-31 (16) working days.
  t.add(1, "lac.placement_start", "2020-01-06")
      .add(1, "lac.visit", "2020-01-10")
      .add(1, "lac.visit", "2020-02-28")
      .add(1, "lac.placement_start", "2020-03-02");
  // Child 2. Placed 6 January 2020 and never visited; moved on 20 January: the first placement's
  // visit, due 13 January, was missed (5 working days after it: 14-17, 20); the second's, due 27
  // January, is overdue.
  t.add(2, "lac.placement_start", "2020-01-06").add(2, "lac.placement_start", "2020-01-20");
  const Run r = run(t, {"lac.visit.first"}, "2020-03-31");
  CHECK(r.lines() ==
        Lines{"lac.visit.first 2020-01-06 2020-01-13 met", "lac.visit.subsequent 2020-01-10 2020-02-21 late",
              "lac.visit.subsequent 2020-02-28 2020-04-10 ended", "lac.visit.first 2020-03-02 2020-03-09 overdue",
              "lac.visit.first 2020-01-06 2020-01-13 missed", "lac.visit.first 2020-01-20 2020-01-27 overdue"});
  CHECK(r.r.instances.late_working_days[3] == 16.0f);
  CHECK(r.r.instances.late_working_days[4] == 5.0f);
  // The closed instances point at the placement that closed them.
  CHECK(r.r.instances.stop_row[2] == 3);
  CHECK(r.r.instances.stop_row[4] == 5);
  CHECK(r.findings(EventFinding::restart_without_end) == 0);
  CHECK(r.r.findings.size() == 0);
  CHECK(r.r.row_counts()[static_cast<std::size_t>(EventRowUse::used)] == 6);
}

TEST_CASE("visits after the first year of a placement: 3 months when it is intended to last until 18") {
  Rows t;
  // Placed Monday 1 April 2019, intended to last until the child is 18 (long_term 1); the first
  // anniversary is 1 April 2020. Visited 5 April 2019 (met, due 8 April). The clock from 5 April is
  // in the first year: 6 weeks, 17 May 2019; the next visit is on 10 March 2020 (late). The clock
  // from 10 March 2020 starts before the anniversary: 6 weeks, 21 April 2020; visited 20 April
  // (met). The clock from 20 April 2020 starts after it: 3 months, 20 July 2020 (open).
  t.add(1, "lac.placement_start", "2019-04-01", {{"long_term", 1}})
      .add(1, "lac.visit", "2019-04-05")
      .add(1, "lac.visit", "2020-03-10")
      .add(1, "lac.visit", "2020-04-20");
  // The same visits for a placement not intended to last until 18 (long_term 0): 6 weeks after the
  // first year too, 1 June 2020; and with the column missing for the row, the same (a placement
  // not recorded as long-term has the usual timescale).
  t.add(2, "lac.placement_start", "2019-04-01", {{"long_term", 0}})
      .add(2, "lac.visit", "2019-04-05")
      .add(2, "lac.visit", "2020-03-10")
      .add(2, "lac.visit", "2020-04-20");
  t.add(3, "lac.placement_start", "2019-04-01")
      .add(3, "lac.visit", "2019-04-05")
      .add(3, "lac.visit", "2020-03-10")
      .add(3, "lac.visit", "2020-04-20");
  const Run r = run(t, {"lac.visit.subsequent"}, "2020-05-01");
  REQUIRE(r.size() == 12);
  const Lines lines = r.lines();
  CHECK(Lines(lines.begin(), lines.begin() + 4) ==
        Lines{"lac.visit.first 2019-04-01 2019-04-08 met", "lac.visit.subsequent 2019-04-05 2019-05-17 late",
              "lac.visit.subsequent 2020-03-10 2020-04-21 met", "lac.visit.subsequent 2020-04-20 2020-07-20 open"});
  CHECK(r.due(7) == "2020-06-01");
  CHECK(r.due(11) == "2020-06-01");
  CHECK(r.r.findings.size() == 0);
}

TEST_CASE("visits under reg 28(3)-(5) and (3A): regimes of the placement, and 'until the first review'") {
  Rows t;
  // reg 28(3), placed with a parent before the assessment (reg 19) on Monday 6 January 2020:
  // weekly until the first review, then every 6 weeks. Visits 10 January (first, due 13: met); from
  // 10 January no review yet: 1 week, 17 January (met); the first review on 20 January; from
  // 17 January (before it): 1 week, 24 January, visited 24 January (met); from 24 January, after
  // the review: 6 weeks, 6 March.
  t.add(1, "lac.placement_start", "2020-01-06", {}, {{"regime", "parent_before_assessment"}})
      .add(1, "lac.visit", "2020-01-10")
      .add(1, "lac.visit", "2020-01-17")
      .add(1, "lac.review", "2020-01-20")
      .add(1, "lac.visit", "2020-01-24");
  // reg 28(4), a connected person temporarily approved (reg 24): the same, then every 4 weeks: from
  // 24 January, 21 February.
  t.add(2, "lac.placement_start", "2020-01-06", {}, {{"regime", "connected_person_or_interim_order"}})
      .add(2, "lac.visit", "2020-01-10")
      .add(2, "lac.visit", "2020-01-17")
      .add(2, "lac.review", "2020-01-20")
      .add(2, "lac.visit", "2020-01-24");
  // reg 28(5): in foster care from 6 January; a care order made on Monday 3 February while the
  // child lives with a parent starts the visits again: within 1 week of it (10 February), then every
  // 6 weeks. The foster placement's visit clock from 10 January (due 21 February) ends.
  t.add(3, "lac.placement_start", "2020-01-06")
      .add(3, "lac.visit", "2020-01-10")
      .add(3, "lac.care_order", "2020-02-03", {}, {{"regime", "care_order_with_parent"}})
      .add(3, "lac.visit", "2020-02-07");
  // reg 28(3A) (from 1 April 2015): a long-term foster placement from 2 January 2018, the child
  // agreeing: after the first year every 6 months. Visits 5 January 2018, 12 February 2018 (due
  // 16 February: met), then 7 January 2019 (from 12 February 2018, due 26 March 2018: late); the
  // clock from 7 January 2019 starts after the first anniversary (2 January 2019): 6 months, 7 July
  // 2019, overdue at 10 February 2020.
  t.add(4, "lac.placement_start", "2018-01-02", {{"long_term", 1}}, {{"regime", "long_term_foster_agreed"}})
      .add(4, "lac.visit", "2018-01-05")
      .add(4, "lac.visit", "2018-02-12")
      .add(4, "lac.visit", "2019-01-07");
  const Run r = run(t, {"lac.visit.first"}, "2020-02-10");
  const Lines lines = r.lines();
  CHECK(Lines(lines.begin(), lines.begin() + 4) ==
        Lines{"lac.visit.first 2020-01-06 2020-01-13 met", "lac.visit.subsequent 2020-01-10 2020-01-17 met",
              "lac.visit.subsequent 2020-01-17 2020-01-24 met", "lac.visit.subsequent 2020-01-24 2020-03-06 open"});
  CHECK(lines[7] == "lac.visit.subsequent 2020-01-24 2020-02-21 open");
  CHECK(Lines(lines.begin() + 8, lines.begin() + 12) ==
        Lines{"lac.visit.first 2020-01-06 2020-01-13 met", "lac.visit.subsequent 2020-01-10 2020-02-21 ended",
              "lac.visit.first 2020-02-03 2020-02-10 met", "lac.visit.subsequent 2020-02-07 2020-03-20 open"});
  CHECK(Lines(lines.begin() + 12, lines.end()) ==
        Lines{"lac.visit.first 2018-01-02 2018-01-09 met", "lac.visit.subsequent 2018-01-05 2018-02-16 met",
              "lac.visit.subsequent 2018-02-12 2018-03-26 late", "lac.visit.subsequent 2019-01-07 2019-07-07 overdue"});
  // The reviews were read by the condition, though no review rule was asked for: used.
  CHECK(r.r.row_use[3] == static_cast<std::uint8_t>(EventRowUse::used));
  CHECK(r.r.findings.size() == 0);
}

TEST_CASE("child protection visits: the first from the plan's start; a plan ended before it was due ends it") {
  Rows t;
  // Plan started Monday 6 January 2020: the first visit within 10 working days, 7-10 (4), 13-17
  // (9), 20 (10): 20 January. Never visited: overdue at 31 January by 21-24 (4), 27-31 (9).
  t.add(1, "cp_plan.start", "2020-01-06");
  // Visited 9 January (met), then within 10 working days of that: 23 January (10-17: 6, 20-23: 10);
  // the plan ended on 15 January: the awaited visit is no longer needed (ended).
  t.add(2, "cp_plan.start", "2020-01-06").add(2, "cp.visit", "2020-01-09").add(2, "cp_plan.end", "2020-01-15");
  const Run r = run(t, {"cp.visit"}, "2020-01-31");
  CHECK(r.lines() == Lines{"cp.visit.first 2020-01-06 2020-01-20 overdue", "cp.visit.first 2020-01-06 2020-01-20 met",
                           "cp.visit 2020-01-09 2020-01-23 ended"});
  CHECK(r.r.instances.late_working_days[0] == 9.0f);
}

TEST_CASE("health assessments: the initial within 20 working days, reviews switching at the fifth birthday") {
  const std::int64_t born = day("2016-06-10");  // fifth birthday: 10 June 2021
  Rows t;
  // Looked after from Wednesday 1 April 2020: the initial assessment within 20 working days: 2-3
  // April (2), 6-9 (6), Good Friday 10 and Easter Monday 13 April, 14-17 (10), 20-24 (15), 27-30
  // (19), 1 May (20): due Friday 1 May; held 1 October 2020 (late). From 1 October 2020, 6 months
  // is 1 April 2021, before the fifth birthday: due 1 April 2021; held 1 March 2021 (met). From
  // 1 March 2021, 6 months is 1 September 2021, after the birthday: 12 months, due 1 March 2022
  // (although the child was 4 at that assessment).
  t.add(1, "lac.start", "2020-04-01", {{"birth_date", born}})
      .add(1, "lac.health_assessment", "2020-10-01")
      .add(1, "lac.health_assessment", "2021-03-01");
  // Never assessed: overdue at 31 May 2020 by 4-7 May (4), the 8 May holiday, 11-15 (9), 18-22 (14),
  // the 25 May holiday, 26-29 (18).
  t.add(2, "lac.start", "2020-04-01", {{"birth_date", born}});
  // No birth date where the chain started: the review's timescale cannot be chosen (a finding
  // naming the row that started the chain).
  t.add(3, "lac.start", "2020-04-01").add(3, "lac.health_assessment", "2020-04-20");
  const Run r = run(t, {"lac.health.review"}, "2021-04-30");
  CHECK(r.lines() ==
        Lines{"lac.health.initial 2020-04-01 2020-05-01 late", "lac.health.review 2020-10-01 2021-04-01 met",
              "lac.health.review 2021-03-01 2022-03-01 open", "lac.health.initial 2020-04-01 2020-05-01 overdue",
              "lac.health.initial 2020-04-01 2020-05-01 met"});
  REQUIRE(r.r.findings.size() == 1);
  CHECK(static_cast<EventFinding>(r.r.findings.kind[0]) == EventFinding::missing_attribute);
  CHECK(r.r.findings.row[0] == 5);
  CHECK(r.r.findings.related_row[0] == 4);
  CHECK(describe(r.r, 0, builtin_rules(), t.view()) ==
        "'lac.health_assessment' on 2020-04-20: rule 'lac.health.review' needs an attribute to choose its timescale "
        "that the row starting its chain (row 4, 'lac.start' on 2020-04-01) does not have");
  const Run may = run(t, {"lac.health.initial"}, "2020-05-31");
  REQUIRE(may.size() == 3);  // the assessments after 31 May 2020 are not yet known
  CHECK(may.status(1) == "overdue");
  CHECK(may.r.instances.late_working_days[1] == 18.0f);
}

TEST_CASE("the yearly report: the first within 12 months of the arrangements' start, then every 12 months") {
  Rows t;
  // Arrangements from Sunday 29 September 2019: the first report by 29 September 2020; published
  // 30 October 2020 (late); the next by 30 October 2021 (open at 31 March 2021). A partnership that
  // never publishes is overdue from 30 September 2020.
  t.add(1, "arrangements.start", "2019-09-29").add(1, "partnership.report_published", "2020-10-30");
  t.add(2, "arrangements.start", "2019-09-29");
  const Run r = run(t, {"partnership.yearly_report"}, "2021-03-31");
  CHECK(r.lines() == Lines{"partnership.yearly_report.first 2019-09-29 2020-09-29 late",
                           "partnership.yearly_report 2020-10-30 2021-10-30 open",
                           "partnership.yearly_report.first 2019-09-29 2020-09-29 overdue"});
}

TEST_CASE("a case closed ends its clocks: ended before the due date, missed after it, overdue while open") {
  // Referral Monday 2 October 2023; an assessment started the same day and never authorised. 45
  // working days: 3-6 Oct (4), 9-13 (9), 16-20 (14), 23-27 (19), 30-31 (21), 1-3 Nov (24), 6-10
  // (29), 13-17 (34), 20-24 (39), 27-30 (43), 1 Dec (44), 4 Dec (45): due Monday 4 December 2023.
  Rows t;
  t.add(1, "referral", "2023-10-02").add(1, "referral.closed", "2023-10-20");  // closed before it was due
  t.add(2, "referral", "2023-10-02").add(2, "referral.closed", "2024-01-31");  // closed after, never done
  t.add(3, "referral", "2023-10-02");                                          // still open
  t.add(4, "referral", "2023-10-02").add(4, "referral.nfa", "2023-10-02");     // no further action
  const Run r = run(t, {"assessment.complete"}, "2024-03-31");
  REQUIRE(r.size() == 4);
  CHECK(r.due(0) == "2023-12-04");
  CHECK(r.status(0) == "ended");
  CHECK(std::isnan(r.r.instances.late_working_days[0]));
  CHECK(r.status(1) == "missed");
  // 5-8 Dec (4), 11-15 (9), 18-22 (14), 25-26 holidays, 27-29 (17), 1 Jan holiday, 2-5 (21), 8-12
  // (26), 15-19 (31), 22-26 (36), 29-31 (39).
  CHECK(r.r.instances.late_working_days[1] == 39.0f);
  CHECK(r.status(2) == "overdue");
  // ... to 31 March 2024: February 1-2 (41), 5-29 (60), March 1 (61), 4-28 (80); Good Friday 29 March.
  CHECK(r.r.instances.late_working_days[2] == 80.0f);
  CHECK(r.status(3) == "ended");
}

TEST_CASE("an initial conference's clock: from the initiating discussion, ended by an enquiry without a conference") {
  Rows t;
  // Strategy discussion Monday 6 January 2020: conference due 27 January (7-10 (4), 13-17 (9),
  // 20-24 (14), 27 (15)). Case 1: the enquiry concluded on 20 January without a conference (ended).
  // Case 2: concluded on 3 February without one (missed). Case 3: the case closed on 31 January
  // (missed). Case 4: a conference without a plan starts no core group clock.
  t.add(1, "strategy_discussion", "2020-01-06").add(1, "s47.no_conference", "2020-01-20");
  t.add(2, "strategy_discussion", "2020-01-06").add(2, "s47.no_conference", "2020-02-03");
  t.add(3, "strategy_discussion", "2020-01-06").add(3, "referral.closed", "2020-01-31");
  t.add(4, "strategy_discussion", "2020-01-06").add(4, "icpc", "2020-01-20");
  // Case 5: a plan made at the conference on 20 January: the first core group within 10 working
  // days of the plan: 21-24 (4), 27-31 (9), 3 February (10).
  t.add(5, "icpc", "2020-01-20").add(5, "cp_plan.start", "2020-01-20");
  const Run r = run(t, {"icpc.held", "core_group.first"}, "2020-02-28");
  CHECK(r.lines() == Lines{"icpc.held 2020-01-06 2020-01-27 ended", "icpc.held 2020-01-06 2020-01-27 missed",
                           "icpc.held 2020-01-06 2020-01-27 missed", "icpc.held 2020-01-06 2020-01-27 met",
                           "core_group.first 2020-01-20 2020-02-03 overdue"});
  // The conference of case 5 has no strategy discussion before it: a finding for icpc.held.
  CHECK(r.findings(EventFinding::stop_without_start) == 1);
}

TEST_CASE("the rapid review counts from becoming aware, and from June 2025 from the notification to the Panel") {
  Rows t;
  // Aware Monday 2 December 2024 (the 2019 practice guidance): 15 working days, 3-6 Dec (4), 9-13
  // (9), 16-20 (14), 23 (15): due 23 December 2024.
  t.add(1, "sin.aware", "2024-12-02").add(1, "sin.notified", "2024-12-04");
  // Aware Monday 2 June 2025, notified Wednesday 4 June (the 2025 Panel guidance): from the
  // notification, 5-6 (2), 9-13 (7), 16-20 (12), 23-25 (15): due 25 June. The awareness starts no
  // clock under that edition.
  t.add(2, "sin.aware", "2025-06-02").add(2, "sin.notified", "2025-06-04");
  // Aware Friday 30 May 2025 (the old edition starts the clock: 2-6 June (5), 9-13 (10), 16-20 (15):
  // 20 June), notified 2 June (one rapid review per incident: not needed).
  t.add(3, "sin.aware", "2025-05-30").add(3, "sin.notified", "2025-06-02");
  const Run r = run(t, {"sin.rapid_review"}, "2025-07-31");
  CHECK(r.lines() == Lines{"sin.rapid_review 2024-12-02 2024-12-23 overdue",
                           "sin.rapid_review 2025-06-04 2025-06-25 overdue",
                           "sin.rapid_review 2025-05-30 2025-06-20 overdue"});
  CHECK(r.r.row_use[2] == static_cast<std::uint8_t>(EventRowUse::not_in_force));
  CHECK(r.r.row_use[5] == static_cast<std::uint8_t>(EventRowUse::not_needed));
  // A partnership's local choice of start holds whatever the edition: from becoming aware, 2 June
  // 2025: 3-6 (4), 9-13 (9), 16-20 (14), 23 (15).
  const RuleCatalogue aware =
      rules_from_json(R"({"local_choices": {"sin.rapid_review": {"start": ["sin.aware"]}}})", "l", &builtin_rules());
  CHECK(run(t, {"sin.rapid_review"}, "2025-07-31", aware).due(1) == "2025-06-23");
}

TEST_CASE("placement notifications (reg 13): before the placement, or within 5 working days in an emergency") {
  Rows t;
  // Emergency placement Monday 6 January 2020: notified by 13 January (7-10, 13); notified 10 January
  // (met). A planned placement on 2 March notified 28 February, before it (met; duration -3 days).
  // A planned placement on 6 April notified 7 April: due 6 April, late by one working day.
  t.add(1, "lac.placement_start", "2020-01-06", {{"emergency", 1}})
      .add(1, "lac.placement_notified", "2020-01-10")
      .add(1, "lac.placement_notified", "2020-02-28")
      .add(1, "lac.placement_start", "2020-03-02", {{"emergency", 0}})
      .add(1, "lac.placement_start", "2020-04-06", {{"emergency", 0}})
      .add(1, "lac.placement_notified", "2020-04-07");
  // Whether it was an emergency is not recorded: a finding, no guess.
  t.add(2, "lac.placement_start", "2020-01-06");
  const Run r = run(t, {"lac.placement_notification"}, "2020-04-30");
  CHECK(r.lines() == Lines{"lac.placement_notification 2020-01-06 2020-01-13 met",
                           "lac.placement_notification 2020-03-02 2020-03-02 met",
                           "lac.placement_notification 2020-04-06 2020-04-06 late"});
  CHECK(r.r.instances.duration_days[1] == -3.0f);
  CHECK(r.r.instances.late_working_days[2] == 1.0f);
  CHECK(r.findings(EventFinding::missing_attribute) == 1);
}

TEST_CASE("personal education plans, private fostering, care leavers and notifications") {
  Rows t;
  // PEP: planned entry on 6 January 2020 with the plan started on 2 January (met); an emergency
  // entry on 6 January: 10 working days, 20 January; started 21 January (late).
  t.add(1, "lac.pep_started", "2020-01-02").add(1, "lac.start", "2020-01-06", {{"emergency", 0}});
  t.add(2, "lac.start", "2020-01-06", {{"emergency", 1}}).add(2, "lac.pep_started", "2020-01-21");
  // Private fostering: the authority aware on 1 April 2020 (reg 8(6)); first visit within 6 weeks,
  // 13 May (visited 10 May: met); visits every 6 weeks in the first year: the clock from a visit on
  // 25 March 2021 (before the anniversary) is due 6 May 2021; from a visit on 6 May 2021 (after it),
  // 12 weeks: 29 July 2021.
  t.add(3, "pf.aware", "2020-04-01")
      .add(3, "pf.visit", "2020-05-10")
      .add(3, "pf.visit", "2021-03-25")
      .add(3, "pf.visit", "2021-05-06");
  // A care leaver moved into accommodation on Monday 6 January 2020: the personal adviser's visit
  // within a week (13 January; visited 10 January), then every 2 calendar months: 10 March.
  t.add(4, "careleaver.accommodation_start", "2020-01-06").add(4, "careleaver.pa_visit", "2020-01-10");
  // The death of a looked-after child: the authority aware on Friday 3 January 2020, the Panel told
  // within 5 working days: 6-10 January.
  t.add(5, "lac.death_aware", "2020-01-03").add(5, "lac.death_notified", "2020-01-13");
  const Run r = run(t, {"lac.pep.start", "pf.visit", "careleaver.pa_visit", "lac.death_notification"}, "2021-06-30");
  CHECK(r.lines() == Lines{"lac.pep.start 2020-01-06 2020-01-06 met", "lac.pep.start 2020-01-06 2020-01-20 late",
                           "pf.visit 2020-04-01 2020-05-13 met", "pf.visit 2020-05-10 2020-06-21 late",
                           "pf.visit 2021-03-25 2021-05-06 met", "pf.visit 2021-05-06 2021-07-29 open",
                           "careleaver.pa_visit.first 2020-01-06 2020-01-13 met",
                           "careleaver.pa_visit 2020-01-10 2020-03-10 overdue",
                           "lac.death_notification 2020-01-03 2020-01-10 late"});
}
