#include <algorithm>
#include <filesystem>
#include <latch>
#include <optional>
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
  // The ids of docs/timescales (shared/domain/timescales.md), the focused-visit plans, the duties
  // of issue 11 (visits, health assessments, notifications, care leavers, private fostering,
  // secure accommodation) and the first links of the recurring duties.
  const std::set<std::string> expected = {"sin.notify_panel",
                                          "sin.notify_partners",
                                          "sin.rapid_review",
                                          "cspr.complete",
                                          "cspr.send_before_publication",
                                          "scr.decide",
                                          "scr.complete",
                                          "lac.death_notification",
                                          "careleaver.death_notification",
                                          "transition.scr",
                                          "transition.cdop",
                                          "partnership.yearly_report.first",
                                          "partnership.yearly_report",
                                          "referral.decision",
                                          "assessment.complete",
                                          "icpc.held",
                                          "core_group.first",
                                          "rcpc.first",
                                          "rcpc.subsequent",
                                          "cp.visit.first",
                                          "cp.visit",
                                          "lac.review.first",
                                          "lac.review.second",
                                          "lac.review.subsequent",
                                          "lac.visit.first",
                                          "lac.visit.subsequent",
                                          "lac.placement_notification",
                                          "lac.care_plan",
                                          "lac.iro.appointed",
                                          "lac.health.initial",
                                          "lac.health.review",
                                          "lac.pep.start",
                                          "missing.rhi",
                                          "missing.rhi.offered",
                                          "secure.review.first",
                                          "secure.review.subsequent",
                                          "careleaver.pathway_review",
                                          "careleaver.pa_visit.first",
                                          "careleaver.pa_visit",
                                          "pf.visit",
                                          "lado.referral",
                                          "lado.resolution",
                                          "ilacs.action_plan",
                                          "ilacs.priority_action_plan",
                                          "ilacs.priority_final_plan",
                                          "jtai.statement",
                                          "ilacs.cycle"};
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
  CHECK(c.rule("icpc.held").repeat == Repeat::earliest);
  CHECK(c.rule("icpc.held").repeat_choices == std::vector<Repeat>{Repeat::earliest, Repeat::latest});
  CHECK(c.rule("lac.visit.first").restart == Restart::replace);
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

  // The LADO bands: targets of KCSIE 2018 as a council's report quotes them (secondary): 80% and
  // 90%, and "all but the most exceptional" within 12 months, which is no percentage; no targets
  // from KCSIE 2019 (check).
  const Rule& lado = c.rule("lado.resolution");
  const RuleEdition* e2018 = lado.edition_on(date(2019, 1, 1));
  REQUIRE(e2018 != nullptr);
  CHECK(e2018->confidence == Confidence::secondary);
  CHECK(e2018->targets == std::vector<std::optional<double>>{80, 90, std::nullopt});
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
  // The choice holds for every edition, the 2025 one (which counts from the notification) included.
  for (const RuleEdition& e : local.rule("sin.rapid_review").editions) CHECK(e.start.empty());
  CHECK(local.event_index("audit.held").has_value());
  // The built-in catalogue is untouched.
  CHECK(builtin_rules().rule("sin.rapid_review").start == std::vector<std::string>{"sin.aware"});
  CHECK(builtin_rules().rule("sin.rapid_review").editions.back().start == std::vector<std::string>{"sin.notified"});
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
  using Kinds = std::vector<std::pair<std::string, AttributeKind>>;
  CHECK(rules.rule("lac.health.review").attributes() == Kinds{{"birth_date", AttributeKind::date}});
  CHECK(rules.rule("ilacs.cycle").attributes() == Kinds{{"judgement", AttributeKind::category}});
  CHECK(rules.rule("lac.visit.subsequent").attributes() ==
        Kinds{{"regime", AttributeKind::category}, {"long_term", AttributeKind::number}});
  CHECK(rules.rule("lac.visit.subsequent").tested_events() == std::vector<std::string>{"lac.review"});
  CHECK(rules.rule("lac.review.first").attributes().empty());
}

TEST_CASE(
    "every edition rests on wording read, except those marked check; confirmed only where the source text was read") {
  // The rules whose latest edition is confirmed: each rests on the wording of the legislation or
  // official guidance itself (docs/rules.md lists it). Adding one here needs a source text read.
  const std::set<std::string> confirmed = {"sin.notify_panel", "sin.notify_partners",        "lac.death_notification",
                                           "lac.review.first", "lac.review.second",          "lac.review.subsequent",
                                           "lac.visit.first",  "lac.placement_notification", "lac.care_plan",
                                           "pf.visit"};
  std::set<std::string> got;
  for (const Rule& r : builtin_rules().rules()) {
    if (r.confidence() == Confidence::confirmed) got.insert(r.id);
    for (const RuleEdition& e : r.editions) {
      INFO(r.id << " / " << e.name);
      if (e.confidence != Confidence::check) {
        CHECK_FALSE(e.wording.empty());
        CHECK_FALSE(e.address.empty());
      }
    }
  }
  CHECK(got == confirmed);
}

TEST_CASE("the LSCB rules and the transition meet without a gap or an overlap") {
  // The last day any area's new arrangements could start is 29 September 2019: the transition
  // rules (from the area's start) are in force for starts up to that day; the LSCB rules for
  // clocks starting up to the day before it; local practice reviews from it.
  const RuleCatalogue& c = builtin_rules();
  const date last_start(2019, 9, 29);
  for (const char* id : {"transition.scr", "transition.cdop"}) {
    CHECK(c.rule(id).edition_on(last_start) != nullptr);
    CHECK(c.rule(id).edition_on(last_start + boost::gregorian::days(1)) == nullptr);
    CHECK(c.rule(id).edition_on(date(2018, 6, 29)) != nullptr);
  }
  for (const char* id : {"scr.decide", "scr.complete"}) {
    CHECK(*c.rule(id).current().until == last_start - boost::gregorian::days(1));
  }
  CHECK(c.rule("cspr.complete").editions.front().from == last_start);
}

TEST_CASE("a rule file written for version 1 of the catalogue loads, or says what changed") {
  // The Haringey rule file as it was: its local rules and its local choice of the rapid review's
  // start load unchanged.
  const RuleCatalogue haringey =
      load_rules(std::filesystem::path(SAFEGUARDING_TEST_DATA) / "rules_v1" / "haringey.json");
  CHECK(haringey.rule("hscp.audit_action_plan").timescale() == Timescale(6, TimeUnit::months));
  CHECK(haringey.rule("sin.rapid_review").start == std::vector<std::string>{"sin.aware"});
  // A file replacing rules whose shape changed: one Error, naming each rule and what changed.
  const std::string message = error_message(
      [] { (void)load_rules(std::filesystem::path(SAFEGUARDING_TEST_DATA) / "rules_v1" / "replaced_shapes.json"); });
  CHECK(message.find("4 problems") != std::string::npos);
  CHECK(message.find("/rules/0/id: 'lac.visit' was split in version 2 of the catalogue into 'lac.visit.first' (a "
                     "visit within 1 week of the start of each placement) and 'lac.visit.subsequent'") !=
        std::string::npos);
  CHECK(message.find("/rules/1/id: 'cp.visit' is a link of a chain in the catalogue it replaces: it follows "
                     "'cp.visit.first'") != std::string::npos);
  CHECK(message.find("/rules/2/id: 'lac.health.review' is a link of a chain in the catalogue it replaces: it "
                     "follows 'lac.health.initial'") != std::string::npos);
  CHECK(message.find("/local_choices/lac.visit: 'lac.visit' is not a rule of the catalogue 'built-in': it was split") !=
        std::string::npos);
  // Asking for the old id names the new ones.
  CHECK(builtin_rules().unknown_rule_message("lac.visit").find("ask for 'lac.visit.first' (which brings its chain)") !=
        std::string::npos);
  // The same rules replaced in the version 2 form load.
  const RuleCatalogue v2 = from_text(R"json({"version": 2, "rules": [
      {"id": "cp.visit.first", "title": "First visit (local: 4 weeks)", "start": ["cp_plan.start"], "stop": ["cp.visit"],
       "end": ["cp_plan.end"],
       "editions": [{"name": "Local", "from": "2013-04-15", "timescale": "4 weeks", "source": "local", "confidence": "secondary"}]},
      {"id": "cp.visit", "title": "Later visits (local: 4 weeks)", "after": "cp.visit.first", "recurring": true, "stop": ["cp.visit"],
       "editions": [{"name": "Local", "from": "2013-04-15", "timescale": "4 weeks", "source": "local", "confidence": "secondary"}]}]})json");
  CHECK(v2.rule("cp.visit").timescale() == Timescale(4, TimeUnit::weeks));
  CHECK(error_message([] {
          (void)from_text(R"({"version": 3})");
        }).find("/version: this release reads rule files of version 1 or 2, got 3") != std::string::npos);
}

TEST_CASE("conditions, edition starts, restart and repeat choices are read and checked") {
  const RuleCatalogue local = from_text(R"({"events": [{"id": "x.start", "title": "x"}, {"id": "x.done", "title": "y"}],
    "rules": [{"id": "x.rule", "title": "X", "start": ["x.start"], "stop": ["x.done"], "recurring": true, "restart": "replace",
      "editions": [{"name": "A", "from": "2019-01-01", "start": ["lac.start"], "wording": "w", "address": "a",
        "timescales": [{"when": [{"happened": "lac.review"}, {"attribute": "kind", "in": ["a"], "of": "chain_start"}], "timescale": "1 week"},
                       {"when": {"date": "due", "before": "born", "plus": "5 years"}, "timescale": "6 months"},
                       {"when": {"attribute": "flagged", "is": false, "if_missing": "not_met"}, "timescale": "2 weeks"},
                       {"timescale": "1 month"}],
        "source": "s", "confidence": "secondary"}]}]})");
  const Rule& r = local.rule("x.rule");
  CHECK(r.restart == Restart::replace);
  CHECK(r.all_starts() == std::vector<std::string>{"x.start", "lac.start"});
  CHECK(r.start_of(r.editions[0]) == std::vector<std::string>{"lac.start"});
  CHECK(r.editions[0].wording == "w");
  CHECK(r.current().timescale_text() ==
        "1 week when 'lac.review' has happened and kind of the chain's start in a; 6 months when due date before born "
        "+ 5 years; 2 weeks when flagged is false (not met when missing); 1 month otherwise");
  CHECK(r.tested_events() == std::vector<std::string>{"lac.review"});

  const std::string message = error_message([] {
    (void)from_text(
        R"({"rules": [{"id": "x.bad", "title": "Bad", "start": ["lac.start"], "stop": ["lac.review"], "repeat": "earliest",
      "recurring": true,
      "editions": [{"name": "A", "from": "2019-01-01", "source": "s", "confidence": "check",
        "timescales": [{"timescale": "1 week"},
                       {"when": {"happened": "lac.reveiw"}, "timescale": "2 weeks"},
                       {"when": {"attribute": "age", "below": 5, "in": ["x"]}, "timescale": "3 weeks"},
                       {"when": {"date": "sometime", "before": "born"}, "timescale": "4 weeks"}]}]}],
      "local_choices": {"icpc.held": {"repeat": "first"}}})");
  });
  CHECK(message.find("/rules/0/editions/0/timescales/0: the timescales are tried in order, so one without "
                     "\"when\" must come last") != std::string::npos);
  CHECK(message.find("/rules/0/editions/0/timescales/1/when/happened: 'lac.reveiw' is not an event type") !=
        std::string::npos);
  CHECK(message.find("/rules/0/editions/0/timescales/2/when: a condition tests one thing") != std::string::npos);
  CHECK(message.find("/rules/0/editions/0/timescales/3/when/date: 'sometime' is not one of: start, due") !=
        std::string::npos);
  CHECK(message.find("/local_choices/icpc.held/repeat: not one of the choices the rule 'icpc.held' allows: earliest; "
                     "latest") != std::string::npos);
  // repeat is for rules that are not chains; restart for chains.
  CHECK(
      error_message([] {
        (void)from_text(
            R"({"rules": [{"id": "x.c", "title": "C", "start": ["lac.start"], "stop": ["lac.review"], "recurring": true,
            "repeat": "latest", "editions": [{"name": "A", "from": "2019-01-01", "timescale": "1 week", "source": "s", "confidence": "check"}]},
            {"id": "x.d", "title": "D", "start": ["lac.start"], "stop": ["lac.review"], "restart": "replace",
            "editions": [{"name": "A", "from": "2019-01-01", "timescale": "1 week", "source": "s", "confidence": "check"}]}]})");
      }).find("\"restart\" is for a chain") != std::string::npos);
  // One attribute, one kind of value across the catalogue.
  CHECK(error_message([] {
          (void)from_text(R"({"rules": [{"id": "x.e", "title": "E", "start": ["lac.start"], "stop": ["lac.review"],
            "editions": [{"name": "A", "from": "2019-01-01", "source": "s", "confidence": "check",
              "timescales": [{"when": {"attribute": "birth_date", "below": 5}, "timescale": "1 week"}]}]}]})");
        }).find("reads the attribute 'birth_date' as a number, but the rule 'lac.health.review' reads it as a date") !=
        std::string::npos);
  // The local choice of repeat.
  const RuleCatalogue latest = from_text(R"({"local_choices": {"icpc.held": {"repeat": "latest"}}})");
  CHECK(latest.rule("icpc.held").repeat == Repeat::latest);
  CHECK(latest.rule("icpc.held").origin == "local.json (local choice of repeat)");
}
