// The threshold model as part of a partnership's data: versions, levels and moves, the JSON round
// trip, every problem at its JSON pointer, and the duty to keep the document up to date in the
// compliance report (dates worked out by hand in the comments; England and Wales bank holidays).
#include "catch.hpp"
#include "json_documents.hpp"
#include "safeguarding/compliance.hpp"
#include "threshold_fixture.hpp"

using namespace safeguarding;
using boost::gregorian::date;
using nlohmann::json;
using test_json::partnership_document;
using test_json::partnership_from_document;

namespace {

/// The fixture's partnership from 29 September 2019, with a quality subgroup that owns the
/// threshold document; four levels from 1 July 2019, five (an amber "l2plus" between early help and
/// children in need) from 1 October 2019.
json partnership_json() {
  json j = fixture::partnership("2019-09-29", "2019-07-01");
  j["groups"] = json::array({{{"id", "qpo"},
                              {"name", "Quality subgroup"},
                              {"kind", "delivery-subgroup"},
                              {"chairs", json::array()},
                              {"members", {{{"agency", "la"}}, {{"agency", "ccg"}}, {{"agency", "police"}}}},
                              {"frequency", {{"per", "quarter"}}}}});
  json& t = j["thresholds"];
  t["document"] = "Test threshold document";
  t["owner"] = "qpo";
  t["review_activity"] = "threshold-review";
  t["versions"][1]["levels"][2]["zone"] = "amber";
  return j;
}

std::vector<Problem> problems_of(const json& j) {
  try {
    partnership_from_document(j, "test.json");
  } catch (const Error& e) {
    return e.problems();
  }
  return {};
}

bool has(const std::vector<Problem>& list, const std::string& where, const std::string& part) {
  for (const auto& p : list)
    if (p.where == where && p.message.find(part) != std::string::npos) return true;
  return false;
}

std::vector<ComplianceFinding> duty_findings(const ComplianceReport& r) {
  std::vector<ComplianceFinding> out;
  for (const ComplianceFinding& f : r.findings)
    if (f.kind == ComplianceFindingKind::duty) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("the version in force on a date: boundaries are the versions' first days") {
  const Partnership p = partnership_from_document(partnership_json());
  const Thresholds& t = p.threshold_document();
  REQUIRE(t.versions.size() == 2);
  CHECK(t.in_force(date(2019, 6, 30)) == nullptr);  // before the first version
  CHECK(t.in_force(date(2019, 7, 1))->id == "2019");
  CHECK(t.in_force(date(2019, 9, 30))->id == "2019");  // the last day of the first version
  CHECK(t.in_force(date(2019, 10, 1))->id == "2019b");
  CHECK(t.in_force(date(2030, 1, 1))->id == "2019b");
  const ThresholdVersion& later = *t.in_force(date(2019, 10, 1));
  CHECK(later.rank("l2plus") == 2u);
  CHECK(later.level("l2plus")->zone == "amber");
  CHECK(later.allows("l3", "l2plus"));
  CHECK_FALSE(later.allows("l4", "l2"));  // the document steps acute need down to l3 only
  CHECK(t.in_force(date(2019, 9, 30))->rank("l2plus") == std::nullopt);
}

TEST_CASE("without a threshold document the London continuum applies at every date") {
  json j = partnership_json();
  j.erase("thresholds");
  const Partnership p = partnership_from_document(j);
  CHECK_FALSE(p.thresholds.has_value());
  const Thresholds& t = p.threshold_document();
  CHECK(t.versions.empty());
  REQUIRE(t.in_force(date(1970, 1, 1)) != nullptr);
  const ThresholdVersion& london = *t.in_force(date(2019, 5, 1));
  CHECK(london.id == "london-continuum");
  CHECK(london.level_list() == "universal, additional, complex and acute");
  CHECK(london.level("additional")->kind == NeedKind::early_help);
  CHECK(london.level("complex")->kind == NeedKind::social_care);
  Problems none;
  detail::check_thresholds(Thresholds{"", "", "threshold-review", {}, {london}}, "/thresholds", none);
  CHECK(none.empty());  // the built-in levels are themselves valid
}

TEST_CASE("a version may adopt the built-in London levels by name") {
  json j = partnership_json();
  j["thresholds"]["versions"] =
      json::array({{{"id", "london"}, {"title", "London"}, {"from", "2018-04-01"}, {"levels", "london-continuum"}}});
  const Partnership p = partnership_from_document(j);
  const ThresholdVersion& v = p.thresholds->versions.front();
  CHECK(v.builtin == "london-continuum");
  CHECK(v.levels == london_continuum_levels());
  CHECK(partnership_document(p)["thresholds"]["versions"][0]["levels"] == "london-continuum");
  j["thresholds"]["versions"][0]["levels"] = "somewhere-else";
  CHECK(has(problems_of(j), "/thresholds/versions/0/levels", "'somewhere-else' is not a built-in set of levels"));
}

TEST_CASE("the thresholds' JSON round trip is exact") {
  const Partnership p = partnership_from_document(partnership_json());
  const json written = partnership_document(p);
  const Partnership again = partnership_from_document(written);
  CHECK(again == p);
  CHECK(partnership_document(again) == written);
  // Every field survives.
  const LevelOfNeed& amber = again.thresholds->versions[1].levels[2];
  CHECK(amber.zone == "amber");
  CHECK(amber.step_down == std::vector<std::string>{"l2", "l1"});
  CHECK(again.thresholds->other_sources.front().name == "Members of the public");
  CHECK(again.thresholds->owner == "qpo");
  // A partnership without thresholds writes none.
  json j = partnership_json();
  j.erase("thresholds");
  CHECK_FALSE(partnership_document(partnership_from_document(j)).contains("thresholds"));
}

TEST_CASE("every problem in the thresholds is reported with its JSON pointer") {
  json j = partnership_json();
  auto& versions = j["thresholds"]["versions"];
  versions[1]["from"] = "2019-07-01";                         // not after the first version
  versions[1]["levels"][0]["step_up"].push_back("l9");        // unknown level
  versions[1]["levels"][3]["step_up"] = json::array({"l2"});  // a step "up" to a lower level
  versions[1]["levels"][1]["kind"] = "social-care";           // early help l2plus after a social care level
  versions[0]["levels"][1]["id"] = "l1";                      // duplicate level id
  versions[0]["levels"][0]["kind"] = "urgent";
  j["thresholds"]["owner"] = "nobody";
  j["thresholds"]["other_sources"].push_back({{"id", "police"}, {"name", "Police again"}});
  j["thresholds"]["colour"] = "blue";
  const auto problems = problems_of(j);
  CHECK(has(problems, "/thresholds/versions/1/from",
            "versions must be in order of their dates: 2019-07-01 is not after 2019-07-01"));
  CHECK(has(problems, "/thresholds/versions/1/levels/0/step_up/4", "unknown level 'l9'"));
  CHECK(has(problems, "/thresholds/versions/1/levels/3/step_up/0",
            "'l2' is not above 'l3': a step-up goes to a higher level"));
  CHECK(has(problems, "/thresholds/versions/1/levels/2/kind", "'l2plus' comes after 'l2', a level of a later kind"));
  CHECK(has(problems, "/thresholds/versions/0/levels/1/id",
            "duplicate level 'l1' (first at /thresholds/versions/0/levels/0/id)"));
  CHECK(has(problems, "/thresholds/versions/0/levels/0/kind",
            "'urgent' is not one of: universal, early-help, social-care"));
  CHECK(has(problems, "/thresholds/owner", "unknown owner (a role, group or agency) 'nobody'"));
  CHECK(has(problems, "/thresholds/other_sources/1/id", "duplicate id 'police' (first defined at /partners/2/id)"));
  CHECK(has(problems, "/thresholds/colour", "unknown field 'colour'"));
}

TEST_CASE("a duty to keep the threshold document up to date counts each version as a review") {
  // The document's versions date from 1 July 2019 and 1 October 2019; the duty (every 12 months,
  // from the partnership's start on 29 September 2019) counts from the version in force then, the
  // first: due Wednesday 1 July 2020. The second version (1 October 2019, after the start) is a
  // review: done, on time, and the next is due 12 months after it, Thursday 1 October 2020.
  json j = partnership_json();
  j["duties"] = json::array({{{"id", "threshold-review"},
                              {"title", "Threshold document reviewed"},
                              {"owner", "qpo"},
                              {"activity", "threshold-review"},
                              {"schedule", {{"kind", "interval"}, {"every", "12 months"}}},
                              {"source", "arrangements §2.16.6.2 j"}}});
  const Partnership p = partnership_from_document(j);
  {
    const auto duties = duty_findings(p.evaluate(date(2020, 10, 31)));
    REQUIRE(duties.size() == 2);
    CHECK(duties[0].status == ComplianceStatus::met);
    CHECK(duties[0].due == date(2020, 7, 1));
    CHECK(duties[0].actual == date(2019, 10, 1));
    // Overdue since 1 October 2020: October 2020 has 22 weekdays, 21 of them after the 1st, and
    // no bank holiday: 21 working days; 30 calendar days.
    CHECK(duties[1].status == ComplianceStatus::breached);
    CHECK(duties[1].due == date(2020, 10, 1));
    CHECK(duties[1].late_working_days == 21);
    CHECK(duties[1].late_calendar_days == 30);
    CHECK(
        duties[1].text ==
        "Threshold document reviewed: overdue since Thursday 1 October 2020, by 21 working days (30 calendar days) as "
        "of Saturday 31 October 2020. The version in force is 'Thresholds (October 2019)', in force since Tuesday 1 "
        "October 2019.");
  }
  // A recorded review (no new version) on 15 September 2020 meets it; the next is due 15 September 2021.
  j["activities"] = json::array({{{"id", "review-2020"}, {"type", "threshold-review"}, {"date", "2020-09-15"}}});
  {
    const auto duties = duty_findings(partnership_from_document(j).evaluate(date(2020, 10, 31)));
    REQUIRE(duties.size() == 3);
    CHECK(duties[1].status == ComplianceStatus::met);
    CHECK(duties[1].actual == date(2020, 9, 15));
    CHECK(duties[2].status == ComplianceStatus::not_yet_due);
    CHECK(duties[2].due == date(2021, 9, 15));
    CHECK(duties[2].text.find("The version in force is 'Thresholds (October 2019)'") != std::string::npos);
  }
}

TEST_CASE("a threshold document already out of date at the start is due at the start") {
  // One version from 1 March 2018: 12 months later (1 March 2019) is before the duty starts on 29
  // September 2019, so the review is due then. As of 31 December 2019 it is overdue.
  json j = partnership_json();
  j["thresholds"]["versions"].erase(1);
  j["thresholds"]["versions"][0]["from"] = "2018-03-01";
  j["duties"] = json::array({{{"id", "threshold-review"},
                              {"title", "Threshold document reviewed"},
                              {"activity", "threshold-review"},
                              {"schedule", {{"kind", "interval"}, {"every", "12 months"}}}}});
  const auto duties = duty_findings(partnership_from_document(j).evaluate(date(2019, 12, 31)));
  REQUIRE(duties.size() == 1);
  CHECK(duties[0].status == ComplianceStatus::breached);
  CHECK(duties[0].due == date(2019, 9, 29));
  CHECK(duties[0].text.find("The version in force is 'Thresholds (2019)', in force since Thursday 1 March 2018.") !=
        std::string::npos);
  // Without a duty the versions give no finding at all.
  j.erase("duties");
  CHECK(duty_findings(partnership_from_document(j).evaluate(date(2019, 12, 31))).empty());
}
