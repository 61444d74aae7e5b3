#include <algorithm>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "catch.hpp"
#include "safeguarding/rules.hpp"

using namespace safeguarding;
using boost::gregorian::date;

namespace {

RuleCatalogue from_text(const std::string& text, const RuleCatalogue* base = &builtin_rules()) {
  return rules_from_json(text, "local.json", base);
}

}  // namespace

TEST_CASE("the built-in catalogue holds every rule of the timescales brief, each with editions and sources") {
  const RuleCatalogue& c = builtin_rules();
  // The ids of docs/timescales (shared/domain/timescales.md), plus the focused-visit plan.
  const std::set<std::string> expected = {"sin.notify_panel",
                                          "sin.rapid_review",
                                          "cspr.complete",
                                          "cspr.send_before_publication",
                                          "scr.decide",
                                          "scr.complete",
                                          "transition.scr",
                                          "transition.cdop",
                                          "partnership.yearly_report",
                                          "referral.decision",
                                          "assessment.complete",
                                          "icpc.held",
                                          "core_group.first",
                                          "rcpc.first",
                                          "rcpc.subsequent",
                                          "lac.review.first",
                                          "lac.review.second",
                                          "lac.review.subsequent",
                                          "lac.care_plan",
                                          "lac.iro.appointed",
                                          "lac.health.review",
                                          "lac.pep.start",
                                          "missing.rhi",
                                          "lado.referral",
                                          "lado.resolution",
                                          "ilacs.action_plan",
                                          "ilacs.priority_action_plan",
                                          "jtai.statement",
                                          "ilacs.cycle",
                                          "cp.visit",
                                          "lac.visit"};
  std::set<std::string> ids;
  for (const Rule& r : c.rules()) {
    ids.insert(r.id);
    CHECK_FALSE(r.title.empty());
    REQUIRE_FALSE(r.editions.empty());
    for (const RuleEdition& e : r.editions) {
      CHECK_FALSE(e.source.empty());
      CHECK_FALSE(e.name.empty());
    }
  }
  CHECK(ids == expected);
  CHECK(c.rules().size() == expected.size());

  const Rule& first = c.rule("lac.review.first");
  CHECK(first.timescale() == Timescale(20, TimeUnit::working_days));
  CHECK(first.confidence() == Confidence::confirmed);
  CHECK(first.source().find("SI 2010/959") != std::string::npos);
  CHECK(c.rule("cspr.send_before_publication").direction == Direction::backward);
  CHECK(c.rule("cspr.send_before_publication").confidence() == Confidence::check);
  CHECK(c.rule("lac.review.subsequent").recurring);
  CHECK(c.rule("icpc.held").repeat == Repeat::latest);
  // The chain of looked-after reviews, in order.
  const auto chain = c.chain_of(*c.rule_index("lac.review.subsequent"));
  REQUIRE(chain.size() == 3);
  CHECK(c.rules()[chain[0]].id == "lac.review.first");
  CHECK(c.rules()[chain[2]].id == "lac.review.subsequent");
}

TEST_CASE("editions: an event is judged by the edition in force on its start date") {
  const Rule& first = builtin_rules().rule("lac.review.first");
  // The Care Planning Regulations 2010 came into force on 1 April 2011; before, the Review of
  // Children's Cases Regulations 1991 asked for the first review within four weeks.
  REQUIRE(first.edition_on(date(2011, 3, 31)) != nullptr);
  CHECK(first.edition_on(date(2011, 3, 31))->timescale() == Timescale(4, TimeUnit::weeks));
  CHECK(first.edition_on(date(2011, 4, 1))->timescale() == Timescale(20, TimeUnit::working_days));
  CHECK(first.edition_on(date(1990, 1, 1)) == nullptr);

  // Serious case reviews (LSCB) until 28 September 2019; practice reviews from the 29th.
  const RuleCatalogue& c = builtin_rules();
  CHECK(c.rule("scr.complete").edition_on(date(2019, 9, 28)) != nullptr);
  CHECK(c.rule("scr.complete").edition_on(date(2019, 9, 29)) == nullptr);
  CHECK(c.rule("cspr.complete").edition_on(date(2019, 9, 28)) == nullptr);
  CHECK(c.rule("cspr.complete").edition_on(date(2019, 9, 29)) != nullptr);

  // The LADO bands: targets quoted from KCSIE 2018 (confirmed); no targets from KCSIE 2019 (check).
  const Rule& lado = c.rule("lado.resolution");
  const RuleEdition* e2018 = lado.edition_on(date(2019, 1, 1));
  REQUIRE(e2018 != nullptr);
  CHECK(e2018->confidence == Confidence::confirmed);
  CHECK(e2018->targets == std::vector<double>{80, 90, 100});
  CHECK(e2018->bands.back() == Timescale(12, TimeUnit::months));
  CHECK(lado.edition_on(date(2020, 1, 1))->targets.empty());
}

TEST_CASE("a local rule file adds, replaces and chooses") {
  const RuleCatalogue local = from_text(R"({
    "name": "Haringey",
    "events": [{"id": "audit.held", "title": "multi-agency audit held"},
               {"id": "audit.actions_done", "title": "audit action plan completed"}],
    "rules": [
      {"id": "audit.action_plan", "title": "Audit action plan completed", "start": ["audit.held"],
       "stop": ["audit.actions_done"],
       "editions": [{"name": "HSCP arrangements 2019", "from": "2019-09-29", "timescale": "6 months",
                     "source": "seed 003 item 9, QPO subgroup", "confidence": "confirmed"}]},
      {"id": "jtai.statement", "title": "Written statement after a JTAI", "start": ["jtai.letter_published"],
       "stop": ["jtai.statement_sent"],
       "editions": [{"name": "JTAI framework", "from": "2016-01-01", "timescale": "70 working days",
                     "source": "seed 000: due 11 May 2018 from the letter of 30 January 2018", "confidence": "secondary"}]}
    ],
    "local_choices": {"sin.rapid_review": {"start": ["sin.notified"]}}
  })");
  CHECK(local.name() == "Haringey");
  CHECK(local.rules().size() == builtin_rules().rules().size() + 1);
  CHECK(local.rule("audit.action_plan").origin == "local.json");
  CHECK(local.rule("jtai.statement").confidence() == Confidence::secondary);  // replaced
  CHECK(local.rule("sin.rapid_review").start == std::vector<std::string>{"sin.notified"});
  CHECK(local.rule("sin.rapid_review").origin == "local.json (local choice of start)");
  CHECK(local.event_index("audit.held").has_value());
  // The built-in catalogue is untouched.
  CHECK(builtin_rules().rule("sin.rapid_review").start == std::vector<std::string>{"sin.aware"});
}

TEST_CASE("every problem in a rule file is reported with its JSON pointer") {
  const std::string message = error_message([] {
    (void)from_text(R"({
      "rules": [
        {"id": "x.one", "title": "One", "start": ["lac.strat"], "stop": ["lac.review"], "colour": "red",
         "editions": [{"name": "A", "from": "2019-01-01", "timescale": "3 fortnights", "source": "s", "confidence": "sure"}]},
        {"id": "x.two", "title": "Two", "start": ["lac.start"], "stop": ["lac.review"],
         "editions": [{"name": "A", "from": "2019-01-01", "timescale": "1 month", "source": "s", "confidence": "check"},
                      {"name": "B", "from": "2018-01-01", "timescale": "2 months", "source": "s", "confidence": "check"}]}
      ],
      "local_choices": {"lac.review.first": {"start": ["sin.aware"]}, "no.such": {}}
    })");
  });
  CHECK(message.find("local.json: 7 problems") == 0);
  CHECK(
      message.find(
          "/rules/0/start/0: 'lac.strat' is not an event type of the catalogue 'built-in' (did you mean 'lac.start'") !=
      std::string::npos);
  CHECK(message.find("/rules/0/colour: unknown field 'colour'") != std::string::npos);
  CHECK(message.find("/rules/0/editions/0/timescale: '3 fortnights' is not a timescale") != std::string::npos);
  CHECK(message.find("/rules/0/editions/0/confidence: 'sure' is not one of: confirmed, secondary, check") !=
        std::string::npos);
  CHECK(message.find("/rules/1/editions/1/from: editions must be listed in date order") != std::string::npos);
  CHECK(message.find("/local_choices/lac.review.first/start: the rule 'lac.review.first' does not leave its start "
                     "event to local choice") != std::string::npos);
  CHECK(message.find("/local_choices/no.such: 'no.such' is not a rule") != std::string::npos);

  CHECK(error_message([] {
          (void)from_text(R"({"local_choices": {"sin.rapid_review": {"start": ["lac.start"]}}})");
        }).find("not one of the choices the rule 'sin.rapid_review' allows: sin.aware; sin.notified") !=
        std::string::npos);
  CHECK(error_message([] { (void)from_text("{\"rules\": [1, 2"); }).find("local.json: the JSON ends too early") == 0);
}

TEST_CASE("chains are checked as a whole") {
  CHECK(error_message([] {
          (void)from_text(
              R"({"rules": [{"id": "x.next", "title": "Next", "after": "lac.review.first", "stop": ["lac.review"],
            "editions": [{"name": "A", "from": "2019-01-01", "timescale": "1 month", "source": "s", "confidence": "check"}]}]})");
        }).find("rule 'x.next': follows 'lac.review.first', which 'lac.review.second' already follows") !=
        std::string::npos);
  CHECK(error_message([] {
          (void)from_text(
              R"({"rules": [{"id": "x.next", "title": "Next", "after": "lac.review.subsequent", "stop": ["cp_review"],
            "editions": [{"name": "A", "from": "2019-01-01", "timescale": "1 month", "source": "s", "confidence": "check"}]}]})");
        }).find("which recurs and so has no next link") != std::string::npos);
  CHECK(builtin_rules().unknown_rule_message("lac.review.frist") ==
        "'lac.review.frist' is not a rule of the catalogue 'built-in' (did you mean 'lac.review.first'?)");
  CHECK(error_message([] { (void)builtin_rules().rule("nope"); }).find("'nope' is not a rule") == 0);
}

TEST_CASE("an event type looked up by id throws for a typo, naming the nearest ids") {
  const RuleCatalogue& rules = builtin_rules();
  CHECK(rules.event("lac.review") == static_cast<std::int32_t>(*rules.event_index("lac.review")));
  try {
    (void)rules.event("lac.reveiw");
    FAIL("a misspelt event id was accepted");
  } catch (const Error& e) {
    const std::string message = e.what();
    CHECK(message.find("'lac.reveiw' is not an event type") != std::string::npos);
    CHECK(message.find("lac.review") != std::string::npos);
  }
}

// The built-in catalogue is parsed on first use. In the main run earlier tests have parsed it, so
// this test is hidden there; tests/CMakeLists.txt runs it alone in a process of its own
// (cpp_first_use_rules), where these threads are the first to ask for it, all at once.
TEST_CASE("concurrent first use of the built-in rule catalogue", "[.][first-use]") {
  constexpr int n = 8;
  std::latch start(n);
  std::vector<const RuleCatalogue*> seen(n, nullptr);
  std::vector<std::string> errors(n);
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      try {
        seen[static_cast<std::size_t>(t)] = &builtin_rules();
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(t)] = e.what();
      }
    });
  for (auto& th : threads) th.join();
  const RuleCatalogue& c = builtin_rules();
  CHECK(c.rule("lac.review.first").timescale() == Timescale(20, TimeUnit::working_days));
  for (int t = 0; t < n; ++t) {
    CHECK(errors[static_cast<std::size_t>(t)].empty());
    CHECK(seen[static_cast<std::size_t>(t)] == &c);  // one catalogue, parsed once
  }
}

TEST_CASE("the queries the Python layer delegates to: chains by id, event types, attributes") {
  const RuleCatalogue& rules = builtin_rules();
  std::vector<std::string> chain;
  for (std::size_t i : rules.chain_of("lac.review.second")) chain.push_back(rules.rules()[i].id);
  CHECK(chain == std::vector<std::string>{"lac.review.first", "lac.review.second", "lac.review.subsequent"});
  CHECK_THROWS_WITH(rules.chain_of("lac.review.frist"),
                    "'lac.review.frist' is not a rule of the catalogue 'built-in' (did you mean 'lac.review.first'?)");
  CHECK(rules.event_type("lac.start").title == "child became looked after");
  CHECK_THROWS_AS(rules.event_type("lac.strat"), Error);
  CHECK(rules.rule("lac.health.review").attributes() == std::vector<std::pair<std::string, bool>>{{"age", false}});
  CHECK(rules.rule("ilacs.cycle").attributes() == std::vector<std::pair<std::string, bool>>{{"judgement", true}});
  CHECK(rules.rule("lac.review.first").attributes().empty());
}
