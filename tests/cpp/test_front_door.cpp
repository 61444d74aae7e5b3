// The front door: contacts, decisions, assessments and steps checked against the partnership and
// its threshold document, and every measure on a small hand-made set of records whose expected
// figures are worked out in the comments (England and Wales bank holidays; no bank holiday falls
// between 26 August and 25 December 2019).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "json_documents.hpp"
#include "safeguarding/compliance.hpp"
#include "safeguarding/front_door.hpp"
#include "safeguarding/re_referrals.hpp"
#include "safeguarding/rules.hpp"
#include "scratch.hpp"
#include "threshold_fixture.hpp"

using namespace safeguarding;
using boost::gregorian::date;
using nlohmann::json;
using test_json::partnership_document;
using test_json::partnership_from_document;
namespace fd = safeguarding::front_door;

namespace {

/// The fixture's partnership from 1 April 2019; its four levels in force from then, five from 1
/// October 2019.
Partnership partnership() {
  return partnership_from_document(fixture::partnership("2019-04-01", "2019-04-01"));
}

std::int64_t day(int y, int m, int d) {
  return to_days(date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d)));
}
constexpr std::int64_t none = nat;

/// A text column as codes, "" for a missing value.
struct TextColumn {
  std::vector<std::int32_t> codes;
  std::vector<std::string> values;
  explicit TextColumn(const std::vector<std::string>& texts) {
    for (const auto& t : texts) {
      if (t.empty()) {
        codes.push_back(-1);
        continue;
      }
      auto it = std::find(values.begin(), values.end(), t);
      if (it == values.end()) it = values.insert(values.end(), t);
      codes.push_back(static_cast<std::int32_t>(it - values.begin()));
    }
  }
  fd::Codes view() const { return fd::Codes{codes, values}; }
};

/// The contacts of the hand-made year. Rows (id, child, date, agency, referrer's level, decision
/// date, decided level, outcome, assessment date, assessment outcome):
///   0  1 A Mon 30 Sep 2019 police l3     | same day  l3 assessment | 1 Nov cin
///   1  2 B Tue  1 Oct      police l4     | Wed 2 Oct l3 social-care
///   2  3 C Fri  4 Oct      school l2plus | Tue 8 Oct l2 early-help    (due Mon 7 Oct: late)
///   3  4 D Fri  4 Oct      school l2     | Mon 7 Oct l3 s47         | 30 Oct cp
///   4  5 A Thu 10 Oct      gp     l2     | same day  l1 nfa
///   5  6 E Mon 14 Oct      public -      | Tue 15 Oct l2 advice
///   6  7 B Mon 21 Oct      police l3     | not decided (due Tue 22 Oct: overdue as of 30 Nov)
///   7  8 A Thu 31 Oct      police l4     | same day  l4 s47         | 20 Nov nfa
///   8  9 F Mon 16 Sep      school l2plus (not a level before October) | same day l2 early-help
///   9 10 G Tue 15 Oct      church (unknown agency: rejected)
///  10 11 G Wed 16 Oct      police, decided Mon 14 Oct (before the contact: rejected)
///  11  3 C Sun 20 Oct      school (repeats contact 3: rejected)
///  12 12 H Mon  2 Dec      police (after the as-of date, Saturday 30 November 2019)
///  13 13 I Fri 29 Nov      police l3     | decided Tue 3 Dec (after the as-of date: not yet decided;
///                                          due Mon 2 Dec: open)
struct Year {
  std::vector<std::int64_t> contact{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 3, 12, 13};
  std::vector<std::int64_t> child{1, 2, 3, 4, 1, 5, 2, 1, 6, 7, 7, 3, 8, 9};  // A=1 B=2 C=3 D=4 E=5 F=6 G=7 H=8 I=9
  std::vector<std::int64_t> date{day(2019, 9, 30),  day(2019, 10, 1),  day(2019, 10, 4),  day(2019, 10, 4),
                                 day(2019, 10, 10), day(2019, 10, 14), day(2019, 10, 21), day(2019, 10, 31),
                                 day(2019, 9, 16),  day(2019, 10, 15), day(2019, 10, 16), day(2019, 10, 20),
                                 day(2019, 12, 2),  day(2019, 11, 29)};
  TextColumn agency{{"police", "police", "school", "school", "gp", "public", "police", "police", "school", "church",
                     "police", "school", "police", "police"}};
  TextColumn referrer{{"l3", "l4", "l2plus", "l2", "l2", "", "l3", "l4", "l2plus", "", "l3", "", "", "l3"}};
  std::vector<std::int64_t> decision{day(2019, 9, 30),
                                     day(2019, 10, 2),
                                     day(2019, 10, 8),
                                     day(2019, 10, 7),
                                     day(2019, 10, 10),
                                     day(2019, 10, 15),
                                     none,
                                     day(2019, 10, 31),
                                     day(2019, 9, 16),
                                     none,
                                     day(2019, 10, 14),
                                     none,
                                     none,
                                     day(2019, 12, 3)};
  TextColumn decided{{"l3", "l3", "l2", "l3", "l1", "l2", "", "l4", "l2", "", "", "", "", "l3"}};
  TextColumn outcome{{"assessment", "social-care", "early-help", "s47", "nfa", "advice", "", "s47", "early-help", "",
                      "", "", "", "assessment"}};
  std::vector<std::int64_t> assessed{day(2019, 11, 1),
                                     none,
                                     none,
                                     day(2019, 10, 30),
                                     none,
                                     none,
                                     none,
                                     day(2019, 11, 20),
                                     none,
                                     none,
                                     none,
                                     none,
                                     none,
                                     none};
  TextColumn assessment{{"cin", "", "", "cp", "", "", "", "nfa", "", "", "", "", "", ""}};

  /// Steps (child, date, from, to):
  ///   0 A Tue  5 Nov l3 -> l2      a step-down to early help (after contact 8); 12 months not passed
  ///   1 D Fri  1 Nov l4 -> l2      not listed by the document (l4 steps down to l3 only): kept
  ///   2 D Wed 20 Nov l2 -> l3      a step-up into social care: re-escalates step 1
  ///   3 B Fri 25 Oct l3 -> l3      not a step: rejected
  ///   4 Z Fri 25 Oct l3 -> l2      no contact for the child: rejected
  ///   5 F Fri 20 Sep l2plus -> l1  l2plus is not a level before October: rejected
  ///   6 B Thu  5 Dec l3 -> l2      after the as-of date
  std::vector<std::int64_t> step_child{1, 4, 4, 2, 99, 6, 2};
  std::vector<std::int64_t> step_date{day(2019, 11, 5),  day(2019, 11, 1), day(2019, 11, 20), day(2019, 10, 25),
                                      day(2019, 10, 25), day(2019, 9, 20), day(2019, 12, 5)};
  TextColumn step_from{{"l3", "l4", "l2", "l3", "l3", "l2plus", "l3"}};
  TextColumn step_to{{"l2", "l2", "l3", "l3", "l2", "l1", "l2"}};

  fd::Contacts contacts() const {
    return fd::Contacts{contact,  child,          date,           agency.view(), referrer.view(),
                        decision, decided.view(), outcome.view(), assessed,      assessment.view()};
  }
  fd::Steps steps() const { return fd::Steps{step_child, step_date, {}, step_from.view(), step_to.view()}; }
};

fd::Records prepare(const Year& y, fd::Grouping = {}) {
  fd::FrontDoorOptions options;
  options.as_of = day(2019, 11, 30);
  return fd::prepare(partnership(), y.contacts(), y.steps(), builtin_rules(), options);
}

/// The single row of an ungrouped table, as name -> count.
std::map<std::string, std::int64_t> totals(const fd::MeasureTable& t) {
  REQUIRE(t.size() == 1);
  std::map<std::string, std::int64_t> out;
  for (std::size_t c = 0; c < t.count_names.size(); ++c) out[t.count_names[c]] = t.counts[c][0];
  return out;
}

/// Rows of a table grouped by agency only: agency id -> counts.
std::map<std::string, std::map<std::string, std::int64_t>> by_agency(const fd::Records& r, const fd::MeasureTable& t) {
  std::map<std::string, std::map<std::string, std::int64_t>> out;
  for (std::size_t row = 0; row < t.size(); ++row) {
    auto& counts = out[r.sources[static_cast<std::size_t>(t.keys[0][row])]];
    for (std::size_t c = 0; c < t.count_names.size(); ++c) counts[t.count_names[c]] = t.counts[c][row];
  }
  return out;
}

bool has_finding(const fd::Records& r, const std::string& table, std::int64_t row, const std::string& column,
                 const std::string& part, returns::FindingAction action) {
  for (const auto& f : r.findings)
    if (f.table == table && f.row == row && f.column == column && f.action == action &&
        f.problem.find(part) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("front door rows: used, after the as-of date or rejected, every problem named") {
  const Year y;
  const fd::Records r = prepare(y);
  // Contacts: 14 read; rows 9, 10 and 11 rejected; row 12 after 30 November; 10 used.
  CHECK(r.contact_counts.read == 14);
  CHECK(r.contact_counts.used == 10);
  CHECK(r.contact_counts.after_as_of == 1);
  CHECK(r.contact_counts.rejected == 3);
  CHECK(r.contact_counts.read == r.contact_counts.used + r.contact_counts.after_as_of + r.contact_counts.rejected);
  using Action = returns::FindingAction;
  CHECK(has_finding(r, "contacts", 9, "agency", "unknown agency 'church'", Action::rejected));
  CHECK(has_finding(r, "contacts", 10, "decision_date", "decided on 2019-10-14, before the contact on 2019-10-16",
                    Action::rejected));
  CHECK(has_finding(r, "contacts", 11, "contact", "the contact id repeats that of row 2", Action::rejected));
  // Row 8 is dated 16 September, when the first version (four levels) is in force: its referrer's
  // level is blanked, the row used.
  CHECK(
      has_finding(r, "contacts", 8, "referrer_level",
                  "'l2plus' is not a level of the threshold document in force on 2019-09-16 ('Thresholds (2019)': l1, "
                  "l2, l3 and l4)",
                  Action::blanked));
  CHECK(r.contacts.use[8] == static_cast<std::uint8_t>(fd::RecordUse::used));
  CHECK(r.contacts.referrer_level[8] == -1);
  CHECK(r.contacts.version[8] == 0);
  CHECK(r.contacts.version[0] == 0);  // Monday 30 September: the last day of the first version
  CHECK(r.contacts.version[1] == 1);  // Tuesday 1 October: the second
  // Row 13's decision on 3 December is after the as-of date: not yet made, nothing reported.
  CHECK(r.contacts.decision_date[13] == nat);
  CHECK(r.contacts.outcome[13] == -1);
  for (const auto& f : r.findings) CHECK(f.row != 13);
  // Steps: 7 read; rows 3, 4 and 5 rejected; row 6 after the as-of date; row 1 kept with a finding.
  CHECK(r.step_counts.read == 7);
  CHECK(r.step_counts.used == 3);
  CHECK(r.step_counts.after_as_of == 1);
  CHECK(r.step_counts.rejected == 3);
  CHECK(has_finding(r, "steps", 3, "to_level", "not a step: the levels are the same", Action::rejected));
  CHECK(has_finding(r, "steps", 4, "child", "the child has no contact on or before the step's date 2019-10-25",
                    Action::rejected));
  CHECK(has_finding(r, "steps", 5, "from_level",
                    "'l2plus' is not a level of the threshold document in force on 2019-09-20", Action::rejected));
  CHECK(has_finding(r, "steps", 1, "to_level",
                    "the threshold document in force ('Thresholds (October 2019)') does not list a step-down from 'l4' "
                    "to 'l2' (it lists 'l3')",
                    Action::kept));
  // Levels of both versions in one order; l2plus where the later version has it.
  CHECK(r.levels == std::vector<std::string>{"l1", "l2", "l2plus", "l3", "l4"});
  CHECK(r.sources == std::vector<std::string>{"la", "ccg", "police", "school", "gp", "public"});
}

TEST_CASE("findings name records as the caller numbers them; ComplianceFinding::row stays the position") {
  const Year y;
  fd::FrontDoorOptions options;
  options.as_of = day(2019, 11, 30);
  options.first_contact_row = 2;  // a CSV file: the header is row 1, the first record row 2
  options.first_step_row = 2;
  const fd::Records r = fd::prepare(partnership(), y.contacts(), y.steps(), builtin_rules(), options);
  auto find = [&](const std::string& table, std::int64_t position,
                  const std::string& column) -> const returns::ReturnFinding* {
    for (const auto& f : r.findings)
      if (f.table == table && f.row == position && f.column == column) return &f;
    return nullptr;
  };
  // Contact at position 11 repeats the id of position 2: records 13 and 4 of the file.
  const returns::ReturnFinding* repeated = find("contacts", 11, "contact");
  REQUIRE(repeated != nullptr);
  CHECK(repeated->where == "row 13, column 'contact'");
  CHECK(repeated->problem == "the contact id repeats that of row 4");
  // Step at position 3: record 5 of its file.
  const returns::ReturnFinding* same = find("steps", 3, "to_level");
  REQUIRE(same != nullptr);
  CHECK(same->where == "row 5, column 'to_level'");
  // By default records are named by position.
  const fd::Records by_position = prepare(y);
  bool found = false;
  for (const auto& f : by_position.findings)
    if (f.table == "contacts" && f.row == 11 && f.column == "contact") {
      found = true;
      CHECK(f.where == "row 11, column 'contact'");
      CHECK(f.problem == "the contact id repeats that of row 2");
    }
  CHECK(found);
}

TEST_CASE("decisions within 1 working day, through the rule catalogue's referral.decision") {
  const Year y;
  const fd::Records r = prepare(y);
  CHECK(r.decision_timescale == "1 working day");
  // Due the next working day: rows 0 (same day), 1 (Tue -> Wed), 3 (Fri -> Mon), 4, 5, 7, 8 met;
  // row 2 (Fri 4 Oct, decided Tue 8 Oct; due Mon 7 Oct) late; row 6 (Mon 21 Oct, due Tue 22 Oct,
  // not decided by 30 Nov) overdue; row 13 (Fri 29 Nov, due Mon 2 Dec) open.
  const auto all = totals(fd::tabulate(r, fd::Measure::decisions, {}));
  CHECK(all.at("contacts") == 10);
  CHECK(all.at("decided") == 8);
  CHECK(all.at("met") == 7);
  CHECK(all.at("late") == 1);
  CHECK(all.at("overdue") == 1);
  CHECK(all.at("open") == 1);
  CHECK(all.at("not_judged") == 0);
  CHECK(r.contacts.decision_working_days[2] == 2.0f);  // Friday to Tuesday: Monday and Tuesday
  CHECK(r.contacts.decision_status[13] == static_cast<std::int8_t>(timeliness::InstanceStatus::open));
  // By month of the contact: September rows 0 and 8 (met); October rows 1-7; November row 13.
  fd::Grouping monthly;
  monthly.period = timeliness::SummaryPeriod::month;
  const fd::MeasureTable t = fd::tabulate(r, fd::Measure::decisions, monthly);
  REQUIRE(t.size() == 3);
  CHECK(t.period == std::vector<std::int64_t>{day(2019, 9, 1), day(2019, 10, 1), day(2019, 11, 1)});
  CHECK(t.count("contacts") == std::vector<std::int64_t>{2, 7, 1});
  CHECK(t.count("met") == std::vector<std::int64_t>{2, 5, 0});
  CHECK(t.count("late") == std::vector<std::int64_t>{0, 1, 0});
  CHECK(t.count("overdue") == std::vector<std::int64_t>{0, 1, 0});
  CHECK(t.count("open") == std::vector<std::int64_t>{0, 0, 1});
  // Derived: in and out of timescale, and the percentage in timescale of those judged.
  CHECK(t.count("in_timescale") == std::vector<std::int64_t>{2, 5, 0});
  CHECK(t.count("out_of_timescale") == std::vector<std::int64_t>{0, 2, 0});
  CHECK(t.value("percent_in_timescale")[0] == 100.0);
  CHECK(t.value("percent_in_timescale")[1] == Approx(100.0 * 5 / 7));
  CHECK(std::isnan(t.value("percent_in_timescale")[2]));
  CHECK_THROWS_WITH(t.value("kappa"), "no value 'kappa' in the table (its values: percent_in_timescale)");
  // By quarter: July-September rows 0 and 8; October-December the other eight.
  fd::Grouping quarterly;
  quarterly.period = timeliness::SummaryPeriod::quarter;
  const fd::MeasureTable q = fd::tabulate(r, fd::Measure::decisions, quarterly);
  CHECK(q.period == std::vector<std::int64_t>{day(2019, 7, 1), day(2019, 10, 1)});
  CHECK(q.count("contacts") == std::vector<std::int64_t>{2, 8});
}

TEST_CASE("a decision across the Christmas bank holidays") {
  // Contacts on Tuesday 24 December 2019: the next working day is Friday 27 December (25 and 26
  // are bank holidays). Decided on the 27th: met; on Monday 30 December: late by 1 working day.
  Year y;
  y.contact = {1, 2};
  y.child = {1, 2};
  y.date = {day(2019, 12, 24), day(2019, 12, 24)};
  y.agency = TextColumn({"police", "police"});
  y.referrer = TextColumn({"", ""});
  y.decision = {day(2019, 12, 27), day(2019, 12, 30)};
  y.decided = TextColumn({"", ""});
  y.outcome = TextColumn({"nfa", "nfa"});
  y.assessed = {none, none};
  y.assessment = TextColumn({"", ""});
  y.step_child.clear();
  y.step_date.clear();
  y.step_from = TextColumn({});
  y.step_to = TextColumn({});
  const fd::Records r = fd::prepare(partnership(), y.contacts(), y.steps(), builtin_rules());
  CHECK(r.as_of == day(2019, 12, 30));  // the latest date in the records
  const auto all = totals(fd::tabulate(r, fd::Measure::decisions, {}));
  CHECK(all.at("met") == 1);
  CHECK(all.at("late") == 1);
  CHECK(r.contacts.decision_working_days[0] == 1.0f);
  CHECK(r.contacts.decision_working_days[1] == 2.0f);
}

TEST_CASE("contacts, referrals and re-referrals within 12 months") {
  const fd::Records r = prepare(Year{});
  // Referrals (social-care, assessment, s47): rows 0, 1, 3 and 7. Row 7 (child A, 31 October) is a
  // re-referral: A's referral of 30 September is within the 12 months before. Row 4 (A, 10 October)
  // was not a referral (no further action), so it neither is one nor counts as the previous one.
  const auto all = totals(fd::tabulate(r, fd::Measure::volumes, {}));
  CHECK(all.at("contacts") == 10);
  CHECK(all.at("referrals") == 4);
  CHECK(all.at("re_referrals") == 1);
  CHECK(r.contacts.previous_referral[7] == 0);
  // By agency: police rows 0, 1, 6, 7, 13 (referrals 0, 1, 7; re-referral 7); school 2, 3, 8
  // (referral 3); gp 4; public 5.
  fd::Grouping g;
  g.agency = true;
  const auto agencies = by_agency(r, fd::tabulate(r, fd::Measure::volumes, g));
  CHECK(agencies.at("police") ==
        std::map<std::string, std::int64_t>{{"contacts", 5}, {"referrals", 3}, {"re_referrals", 1}});
  CHECK(agencies.at("school") ==
        std::map<std::string, std::int64_t>{{"contacts", 3}, {"referrals", 1}, {"re_referrals", 0}});
  CHECK(agencies.at("gp").at("contacts") == 1);
  CHECK(agencies.at("public").at("contacts") == 1);
  CHECK(agencies.count("la") == 0);  // no contacts: no row
}

TEST_CASE("re-referrals: exactly 12 months before counts, months clamped, same-day referrals") {
  // Child 1: referred 29 February 2020, then 28 February 2021 (12 months before is 28 February
  // 2020, clamped: the 29th is within) and again 1 March 2022 (12 months before is 1 March 2021:
  // 28 February 2021 is not within). Child 2: two referrals on 1 July 2020, neither a re-referral.
  Year y;
  y.contact = {1, 2, 3, 4, 5};
  y.child = {1, 1, 1, 2, 2};
  y.date = {day(2020, 2, 29), day(2021, 2, 28), day(2022, 3, 1), day(2020, 7, 1), day(2020, 7, 1)};
  y.agency = TextColumn({"police", "police", "police", "gp", "gp"});
  y.referrer = TextColumn({"", "", "", "", ""});
  y.decision = y.date;
  y.decided = TextColumn({"", "", "", "", ""});
  y.outcome = TextColumn({"social-care", "social-care", "social-care", "assessment", "assessment"});
  y.assessed = {none, none, none, none, none};
  y.assessment = TextColumn({"", "", "", "", ""});
  y.step_child.clear();
  y.step_date.clear();
  y.step_from = TextColumn({});
  y.step_to = TextColumn({});
  const fd::Records r = fd::prepare(partnership(), y.contacts(), y.steps(), builtin_rules());
  CHECK(r.contacts.re_referral == std::vector<std::uint8_t>{0, 1, 0, 0, 0});
}

TEST_CASE("conversion from contact to referral, assessment and plan; no further action after assessment") {
  const fd::Records r = prepare(Year{});
  // Assessments: rows 0 (cin), 3 (cp) and 7 (nfa). Plans (child in need or child protection): 2.
  const auto all = totals(fd::tabulate(r, fd::Measure::conversion, {}));
  CHECK(all == std::map<std::string, std::int64_t>{
                   {"contacts", 10}, {"referrals", 4}, {"assessments", 3}, {"plans", 2}, {"cin", 1}, {"cp", 1}});
  const auto outcomes = totals(fd::tabulate(r, fd::Measure::assessment_outcomes, {}));
  CHECK(outcomes.at("assessments") == 3);
  CHECK(outcomes.at("nfa") == 1);
  CHECK(outcomes.at("cin") == 1);
  CHECK(outcomes.at("cp") == 1);
  CHECK(outcomes.at("not_recorded") == 0);
}

TEST_CASE("agreement between the referrer's level and the decided level, with Cohen's kappa") {
  const fd::Records r = prepare(Year{});
  // Rated (both levels known): rows 0 (l3, l3), 1 (l4, l3), 2 (l2plus, l2), 3 (l2, l3), 4 (l2, l1)
  // and 7 (l4, l4). Agree: 0 and 7; the referrer higher (over-referral): 1, 2 and 4; lower: 3.
  // Kappa: p_o = 2/6. Referrer totals l2 2, l2plus 1, l3 1, l4 2; decided l1 1, l2 1, l3 3, l4 1;
  // p_e = (2*1 + 1*0 + 1*3 + 2*1) / 36 = 7/36; kappa = (12/36 - 7/36) / (29/36) = 5/29.
  const fd::MeasureTable all = fd::tabulate(r, fd::Measure::agreement, {});
  const auto counts = totals(all);
  CHECK(counts ==
        std::map<std::string, std::int64_t>{{"contacts", 10}, {"rated", 6}, {"agree", 2}, {"over", 3}, {"under", 1}});
  CHECK(all.value_names == std::vector<std::string>{"kappa", "percent_agree", "percent_over", "percent_under"});
  CHECK(all.values[0][0] == Approx(5.0 / 29.0));
  // The derived percentages are of the rated contacts.
  CHECK(all.value("percent_agree")[0] == Approx(100.0 * 2 / 6));
  CHECK(all.value("percent_over")[0] == Approx(100.0 * 3 / 6));
  CHECK(all.value("percent_under")[0] == Approx(100.0 * 1 / 6));
  CHECK(fd::measure_derived_columns(fd::Measure::agreement) == all.value_names);
  // By agency. Police: (l3, l3), (l4, l3), (l4, l4): p_o = 2/3; referrer l3 1, l4 2; decided l3 2,
  // l4 1; p_e = (1*2 + 2*1)/9 = 4/9; kappa = (6/9 - 4/9)/(5/9) = 2/5. School: (l2plus, l2),
  // (l2, l3): p_o = 0; p_e = (l2: 1*1)/4 = 1/4; kappa = (0 - 1/4)/(3/4) = -1/3. GP: (l2, l1):
  // p_o = 0, p_e = 0, kappa 0. The public: nothing rated, kappa NaN.
  fd::Grouping g;
  g.agency = true;
  const fd::MeasureTable t = fd::tabulate(r, fd::Measure::agreement, g);
  std::map<std::string, double> kappa;
  for (std::size_t row = 0; row < t.size(); ++row)
    kappa[r.sources[static_cast<std::size_t>(t.keys[0][row])]] = t.values[0][row];
  CHECK(kappa.at("police") == Approx(0.4));
  CHECK(kappa.at("school") == Approx(-1.0 / 3.0));
  CHECK(kappa.at("gp") == Approx(0.0));
  CHECK(std::isnan(kappa.at("public")));
  const auto agencies = by_agency(r, t);
  CHECK(agencies.at("police") ==
        std::map<std::string, std::int64_t>{{"contacts", 5}, {"rated", 3}, {"agree", 2}, {"over", 1}, {"under", 0}});
  CHECK(agencies.at("school") ==
        std::map<std::string, std::int64_t>{{"contacts", 3}, {"rated", 2}, {"agree", 0}, {"over", 1}, {"under", 1}});
  // The confusion table: referrer's level by decided level.
  const fd::MeasureTable c = fd::confusion(r, {});
  std::map<std::pair<std::string, std::string>, std::int64_t> cells;
  for (std::size_t row = 0; row < c.size(); ++row)
    cells[{r.levels[static_cast<std::size_t>(c.keys[0][row])], r.levels[static_cast<std::size_t>(c.keys[1][row])]}] =
        c.counts[0][row];
  CHECK(cells == std::map<std::pair<std::string, std::string>, std::int64_t>{{{"l3", "l3"}, 1},
                                                                             {{"l4", "l3"}, 1},
                                                                             {{"l2plus", "l2"}, 1},
                                                                             {{"l2", "l3"}, 1},
                                                                             {{"l2", "l1"}, 1},
                                                                             {{"l4", "l4"}, 1}});
}

TEST_CASE("reliance on children's social care: contacts resolved at early help or below") {
  const fd::Records r = prepare(Year{});
  // Decided: rows 0, 1, 2, 3, 4, 5, 7, 8. No further action: 4; advice: 5; early help: 2 and 8;
  // referred: 0, 1, 3, 7. Resolved at early help or below: 4 of 8.
  const auto all = totals(fd::tabulate(r, fd::Measure::reliance, {}));
  CHECK(all == std::map<std::string, std::int64_t>{{"contacts", 10},
                                                   {"decided", 8},
                                                   {"nfa", 1},
                                                   {"advice", 1},
                                                   {"early_help", 2},
                                                   {"resolved_below", 4},
                                                   {"referred", 4},
                                                   {"no_outcome", 0}});
  fd::Grouping g;
  g.agency = true;
  const auto agencies = by_agency(r, fd::tabulate(r, fd::Measure::reliance, g));
  CHECK(agencies.at("school").at("decided") == 3);
  CHECK(agencies.at("school").at("resolved_below") == 2);  // rows 2 and 8, early help
  CHECK(agencies.at("police").at("resolved_below") == 0);
  CHECK(agencies.at("gp").at("nfa") == 1);
  // By decided level: l2 has rows 2, 5 and 8 (all resolved below); none for the undecided rows.
  fd::Grouping levels;
  levels.level = fd::LevelKey::decided;
  const fd::MeasureTable t = fd::tabulate(r, fd::Measure::reliance, levels);
  std::map<std::int32_t, std::int64_t> resolved;
  for (std::size_t row = 0; row < t.size(); ++row) resolved[t.keys[0][row]] = t.count("resolved_below")[row];
  CHECK(resolved.at(1) == 3);   // l2
  CHECK(resolved.at(-1) == 0);  // rows 6 and 13: no decided level
}

TEST_CASE("step-downs to early help and re-escalations within 12 months") {
  const fd::Records r = prepare(Year{});
  // Used steps 0, 1, 2: step-downs 0 and 1 (both social care to early help), step-up 2. Step 1 is
  // re-escalated by step 2 (20 November, within 12 months); step 0's 12 months (to 5 November
  // 2020) have not passed by 30 November 2019 and nothing has re-escalated it: awaiting. Neither
  // has been followed up for 12 months.
  const auto all = totals(fd::tabulate(r, fd::Measure::steps, {}));
  CHECK(all == std::map<std::string, std::int64_t>{{"steps", 3},
                                                   {"step_ups", 1},
                                                   {"step_downs", 2},
                                                   {"not_allowed", 1},
                                                   {"to_early_help", 2},
                                                   {"re_escalated", 1},
                                                   {"awaiting", 1},
                                                   {"followed_up", 0},
                                                   {"re_escalated_followed_up", 0}});
  CHECK(r.steps.re_escalation_date[1] == day(2019, 11, 20));
  CHECK(r.steps.contact_row[0] == 7);  // child A's latest contact on or before 5 November
  // By agency of the contact each step follows: step 0 police (row 7); steps 1 and 2 school (row 3).
  fd::Grouping g;
  g.agency = true;
  const auto agencies = by_agency(r, fd::tabulate(r, fd::Measure::steps, g));
  CHECK(agencies.at("police").at("steps") == 1);
  CHECK(agencies.at("school").at("steps") == 2);
  // A year later (as of 30 November 2020) the 12 months after steps 0 (to 5 November 2020) and 1
  // (to 1 November 2020) have passed: both followed up, step 0 not re-escalated, step 1 re-escalated:
  // 1 of 2. Step 6 (Thursday 5 December 2019, child B, l3 -> l2) is now known: awaiting.
  fd::FrontDoorOptions later;
  later.as_of = day(2020, 11, 30);
  Year y;
  const fd::Records r2 = fd::prepare(partnership(), y.contacts(), y.steps(), builtin_rules(), later);
  CHECK(r2.steps.re_escalation[0] == 0);
  const auto year_later = totals(fd::tabulate(r2, fd::Measure::steps, {}));
  CHECK(year_later.at("to_early_help") == 3);
  CHECK(year_later.at("re_escalated") == 1);
  CHECK(year_later.at("awaiting") == 1);
  CHECK(year_later.at("followed_up") == 2);
  CHECK(year_later.at("re_escalated_followed_up") == 1);
}

TEST_CASE("re-escalation by a new referral, on the last day of the 12 months") {
  // Child 1: referred 1 March 2019 (version 2019: l3), stepped down l3 -> l2 on 15 April 2019,
  // referred again on 15 April 2020, exactly 12 months later: re-escalated.
  Year y;
  y.contact = {1, 2};
  y.child = {1, 1};
  y.date = {day(2019, 4, 1), day(2020, 4, 15)};
  y.agency = TextColumn({"police", "police"});
  y.referrer = TextColumn({"", ""});
  y.decision = y.date;
  y.decided = TextColumn({"", ""});
  y.outcome = TextColumn({"assessment", "s47"});
  y.assessed = {none, none};
  y.assessment = TextColumn({"", ""});
  y.step_child = {1};
  y.step_date = {day(2019, 4, 15)};
  y.step_from = TextColumn({"l3"});
  y.step_to = TextColumn({"l2"});
  const fd::Records r = fd::prepare(partnership(), y.contacts(), y.steps(), builtin_rules());
  CHECK(r.steps.re_escalation[0] == 1);
  CHECK(r.steps.re_escalation_date[0] == day(2020, 4, 15));
  CHECK(r.steps.followed_up[0] == 1);  // the as-of date is the last day of the 12 months
}

TEST_CASE("referrals per 10,000 children: the seed's 379, 539, 643 and 733, and 93%") {
  // Seed 000: referral rates of 379 (year ended March 2015), 539 (2016), 643 (2017) and 733 (2018,
  // "the current rate for the year to date"), an increase of 93%. A 0-17 population and referral
  // counts that give them (our choice; the seed gives neither):
  //   2015: 2,191 / 57,800 x 10,000 = 379.07 -> 379
  //   2016: 3,137 / 58,200 x 10,000 = 539.00 -> 539
  //   2017: 3,774 / 58,700 x 10,000 = 642.93 -> 643
  //   2018: 4,332 / 59,100 x 10,000 = 732.99 -> 733
  //   733.00 / 379.07 = 1.9337: an increase of 93.4% -> 93%.
  // Each year's referrals are spread over its days, the first on 1 April and the last on 31 March,
  // with one contact that was not a referral per 10 referrals (not counted).
  const std::vector<std::pair<int, int>> years = {{2015, 2191}, {2016, 3137}, {2017, 3774}, {2018, 4332}};
  std::vector<std::int64_t> contact, child, dates, decision;
  std::vector<std::string> outcome;
  for (const auto& [year, referrals] : years) {
    const std::int64_t first = day(year - 1, 4, 1), last = day(year, 3, 31);
    for (int k = 0; k < referrals + referrals / 10; ++k) {
      const std::int64_t d = k == 0 ? first : k == referrals - 1 ? last : first + k % (last - first + 1);
      contact.push_back(static_cast<std::int64_t>(contact.size()));
      child.push_back(static_cast<std::int64_t>(child.size()));
      dates.push_back(d);
      decision.push_back(d);
      outcome.push_back(k < referrals ? "assessment" : "advice");
    }
  }
  TextColumn agency(std::vector<std::string>(contact.size(), "police"));
  TextColumn outcomes(outcome);
  const fd::Contacts contacts{contact, child, dates, agency.view(), {}, decision, {}, outcomes.view(), {}, {}};
  const fd::Records r = fd::prepare(partnership(), contacts, fd::Steps{}, builtin_rules());
  const std::vector<fd::Population> population = {{2015, 57'800}, {2016, 58'200}, {2017, 58'700}, {2018, 59'100}};
  const auto rates = fd::referral_rates(r, 4, population);
  REQUIRE(rates.size() == 4);
  CHECK(rates[0].first == date(2014, 4, 1));
  CHECK(rates[0].last == date(2015, 3, 31));
  const std::vector<std::int64_t> referrals = {rates[0].referrals, rates[1].referrals, rates[2].referrals,
                                               rates[3].referrals};
  CHECK(referrals == std::vector<std::int64_t>{2191, 3137, 3774, 4332});
  CHECK(std::lround(rates[0].rate) == 379);
  CHECK(std::lround(rates[1].rate) == 539);
  CHECK(std::lround(rates[2].rate) == 643);
  CHECK(std::lround(rates[3].rate) == 733);
  CHECK(rates[3].rate == Approx(4332.0 * 10000 / 59100));
  CHECK(rates[0].change_since_first == 0.0);
  CHECK(std::lround(rates[3].change_since_first) == 93);
  CHECK(rates[3].change_since_first == Approx((4332.0 / 59100) / (2191.0 / 57800) * 100 - 100));
  // Year on year: 539.00 / 379.07 = +42.2%.
  CHECK(rates[1].change_on_previous == Approx((3137.0 / 58200) / (2191.0 / 57800) * 100 - 100));
  CHECK(std::lround(rates[1].change_on_previous) == 42);
  CHECK(rates[3].complete);  // the as-of date is the last contact, 31 March 2018
  // Calendar years instead (January starts): 1 April 2014 to 31 December 2014 is 2014's.
  const auto calendar = fd::referral_rates(r, 1, {});
  CHECK(calendar.front().year == 2014);
  CHECK(std::isnan(calendar.front().rate));
  CHECK_THROWS_WITH(fd::referral_rates(r, 4, std::vector<fd::Population>{{2015, 0}}),
                    Catch::Contains("population of 2015: the number of children must be positive, got 0"));
}

TEST_CASE("by threshold version and level: the boundary of 1 October 2019") {
  const fd::Records r = prepare(Year{});
  fd::Grouping g;
  g.version = true;
  g.level = fd::LevelKey::decided;
  const fd::MeasureTable t = fd::tabulate(r, fd::Measure::volumes, g);
  // Version 2019 (index 0): rows 0 (l3) and 8 (l2). Version 2019b: rows 1 (l3), 2 (l2), 3 (l3),
  // 4 (l1), 5 (l2), 7 (l4), and 6 and 13 with no decided level.
  std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t> contacts;
  for (std::size_t row = 0; row < t.size(); ++row)
    contacts[{t.keys[1][row], t.keys[0][row]}] = t.count("contacts")[row];
  CHECK(t.key_names == std::vector<std::string>{"level", "version"});
  CHECK(contacts == std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t>{
                        {{0, 3}, 1}, {{0, 1}, 1}, {{1, 3}, 2}, {{1, 1}, 2}, {{1, 0}, 1}, {{1, 4}, 1}, {{1, -1}, 2}});
}

TEST_CASE("bad columns are errors naming the column") {
  Year y;
  y.child.pop_back();
  CHECK_THROWS_WITH(prepare(y), Catch::Contains("contacts column 'child': has 13 rows, but the table has 14"));
  Year z;
  z.agency.codes[0] = 7;
  CHECK_THROWS_WITH(prepare(z),
                    Catch::Contains("contacts column 'agency': code 7 is not -1 or the index of one of its"));
  fd::FrontDoorOptions options;
  options.decision_rule = "referral.decisoin";
  const Year w;
  CHECK_THROWS_WITH(fd::prepare(partnership(), w.contacts(), w.steps(), builtin_rules(), options),
                    Catch::Contains("'referral.decisoin' is not a rule of the catalogue"));
}

TEST_CASE("previous_referrals: a referral within 12 months of the child's latest referral on an earlier day") {
  using safeguarding::previous_referrals;
  const auto d = [](const char* iso) { return to_days(parse_date(iso)); };
  // Child 1: 29 Feb 2020 looks back to 28 Feb 2019 (months clamped), so 28 Feb 2019 counts and
  // 27 Feb 2019 would not; two referrals on 1 Jun 2020 share the referral before that day.
  // Child 2: 1 Jan 2021 is 12 months and a day after 31 Dec 2019: not a re-referral.
  const std::vector<std::int64_t> child{1, 1, 1, 1, 2, 2, 3};
  const std::vector<std::int64_t> day{
      d("2020-02-29"), d("2019-02-28"), d("2020-06-01"), d("2020-06-01"), d("2019-12-31"), d("2021-01-01"), nat};
  const std::vector<std::int64_t> previous = previous_referrals(child, day);
  CHECK(previous == std::vector<std::int64_t>{1, -1, 0, 0, -1, -1, -1});
  CHECK_THROWS_AS(previous_referrals(child, std::vector<std::int64_t>{1}), Error);
}

namespace {

std::filesystem::path write_file(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

}  // namespace

TEST_CASE("front-door CSV files are read, and their ids and words compared, in C++") {
  const auto dir = scratch_path("front_door_csv");
  const auto contacts = write_file(dir, "contacts.csv",
                                   "Contact ID,child,date,agency,outcome,decision_date,concerns\n"
                                   "1, A ,30/09/2019,police,Early help,2019-09-30,\"neglect, \"\"home\"\"\"\n"
                                   "2,A,2019-10-01,school,NFA,,\n");
  const auto steps = write_file(dir, "steps.csv", "child,date,from_level,to_level\n A,2019-10-02,l3,l2\n");
  const fd::FrontDoorInput input(fd::read_front_door_csv(contacts, "contacts", {{"Contact ID", "contact"}}),
                                 fd::read_front_door_csv(steps, "steps"));
  CHECK(input.contact_table().first_row == 2);
  CHECK(input.contact_table().file_columns ==
        std::vector<std::string>{"contact", "child", "date", "agency", "outcome", "decision_date", "concerns"});
  CHECK(input.contact_table().file_text[6][0] == "neglect, \"home\"");
  const fd::Contacts c = input.contacts();
  CHECK(c.child[0] == c.child[1]);  // " A " and "A" are one child
  CHECK(input.steps().child[0] == c.child[0]);
  CHECK(c.date[0] == day(2019, 9, 30));
  CHECK(c.decision_date[1] == nat);
  CHECK(c.outcome.values == std::vector<std::string>{"early-help", "nfa"});
  CHECK(input.id_text("contacts", "child") == std::vector<std::string>{"A", "A"});
  const fd::Records r = fd::prepare(partnership(), input, builtin_rules());
  REQUIRE_FALSE(r.findings.empty());
  CHECK(r.findings.front().file == contacts.string());
  CHECK(r.findings.front().child == "A");

  const auto bad =
      write_file(dir, "bad.csv", "contact,child,date,agency\n1,A,2019-02-30,police\n2,A,15th October,police\n");
  const std::string message = error_message([&] { (void)fd::read_front_door_csv(bad, "contacts"); });
  CHECK(message.starts_with(bad.string() + ": 2 problems\n  column 'date', row 2: '2019-02-30' is not a valid date"));
  CHECK(message.find("column 'date', row 3: '15th October' is not a date") != std::string::npos);
  const auto short_of = write_file(dir, "short.csv", "contact,child,date\n1,A,2019-10-01\n");
  CHECK(error_message([&] {
          (void)fd::FrontDoorInput(fd::read_front_door_csv(short_of, "contacts"),
                                   fd::read_front_door_csv(steps, "steps"));
        }) == short_of.string() +
                  ": missing required column 'agency' (columns: 'contact', 'child', 'date'; see docs/thresholds.md)");
  CHECK(error_message([&] { (void)fd::read_front_door_csv(dir, "contacts"); }) ==
        dir.string() + ": is a folder, not a file");
  std::filesystem::remove_all(dir);
}

TEST_CASE("the Haringey front door from its CSV files") {
  const Partnership haringey = Partnership::load(SAFEGUARDING_TEST_DATA "/../../examples/haringey/partnership.json");
  const fd::FrontDoorInput input(
      fd::read_front_door_csv(SAFEGUARDING_TEST_DATA "/../../examples/haringey/contacts.csv", "contacts"),
      fd::read_front_door_csv(SAFEGUARDING_TEST_DATA "/../../examples/haringey/steps.csv", "steps"));
  const fd::Records r = fd::prepare(haringey, input, builtin_rules());
  CHECK(r.contact_counts.read == 4875);
  CHECK(r.contact_counts.used == 4869);
  CHECK(r.contact_counts.rejected == 6);
  CHECK(r.step_counts.read == 435);
  CHECK(r.step_counts.used == 433);
  const fd::MeasureTable c = fd::tabulate(r, fd::Measure::conversion, {});
  CHECK(c.count("referrals")[0] == 2045);
  CHECK(c.count("assessments")[0] == 1832);
  CHECK(std::lround(c.value("percent_referred")[0]) == 42);
}
