// The rule catalogue: every statutory or local timescale as data. A rule names the event that
// starts its clock, the event that stops it, its timescale, and the editions of the guidance in
// which it applies, each with its source and how well that source was confirmed.
//
// The built-in catalogue (src/rules/rules.json, listed in docs/rules.md) and the reader for rule
// files are declared at the end of this header and defined in src/json/rules.cpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/support/nearest.hpp"
#include "safeguarding/timescale.hpp"

namespace safeguarding::inline v0 {

/// How well a rule's figure was confirmed: read in the regulation, statute or official guidance
/// (`confirmed`); quoted by local procedures or official pages citing it (`secondary`); believed
/// but not read in the source (`check`: keep it, and override it when the source says otherwise).
enum class Confidence : std::uint8_t { confirmed, secondary, check };

inline std::string_view confidence_name(Confidence c) {
  switch (c) {
    case Confidence::confirmed:
      return "confirmed";
    case Confidence::secondary:
      return "secondary";
    case Confidence::check:
      return "check";
  }
  return "check";
}

/// `forward`: due a timescale after the clock-start event ("within 15 working days of X").
/// `backward`: due a timescale before it ("at least 7 working days before publication").
enum class Direction : std::uint8_t { forward, backward };

/// What a second clock-start event of a rule that is not a chain does while an instance is open.
///  * `each`: it opens its own instance; stop events close open instances oldest first.
///  * `latest`: it replaces the open instance (the clock restarts: a local choice for initial
///    conferences, "the last strategy discussion").
///  * `earliest`: it is not needed: the open instance keeps the start that opened it ("the strategy
///    discussion at which section 47 enquiries were initiated"); once it is closed, the next start
///    opens a new one.
///  * `first`: only the first start event of a case opens an instance ("the first placement").
enum class Repeat : std::uint8_t { each, latest, first, earliest };

inline std::string_view repeat_name(Repeat r) {
  switch (r) {
    case Repeat::each:
      return "each";
    case Repeat::latest:
      return "latest";
    case Repeat::first:
      return "first";
    case Repeat::earliest:
      return "earliest";
  }
  return "each";
}

/// What a start event does to a chain that is still running.
///  * `finding`: the chain starts afresh and the row is reported (`restart_without_end`): the data
///    lacks the end event that should have closed the previous run.
///  * `replace`: the chain starts afresh, as expected (each placement starts the visits again); the
///    running chain's open instance is closed at the new start as an end event closes it: `ended`
///    when it was not yet due, `missed` when it was already overdue.
enum class Restart : std::uint8_t { finding, replace };

/// What a condition of a timescale tests.
///  * `number`: a numeric attribute `below` and/or `at_least` bounds (the child's age);
///  * `category`: a categorical attribute `in` a list (a judgement, a visiting regime);
///  * `flag`: a true/false attribute `is` true or false (a placement intended to last until 18);
///  * `happened`: whether an event of type `event` happened in the case on or before the clock
///    start ("until the first review");
///  * `date_before`: whether the clock's start, or the due date this timescale would give, falls
///    before a date: a date attribute (the child's birth date), or the chain's start, plus a span
///    ("the 6-month due date falls before the fifth birthday", "in the first year of the placement").
enum class ConditionKind : std::uint8_t { number, category, flag, happened, date_before };

/// The row an attribute is read from: the event that started this clock (the previous visit, for
/// the next visit), or the event that started the chain (the placement).
enum class AttributeOf : std::uint8_t { clock_start, chain_start };

/// The kind of values an attribute column holds: numbers (an age; 0 and 1 for a flag), categories
/// (a judgement), or dates (serial days: a birth date).
enum class AttributeKind : std::uint8_t { number, category, date };

inline std::string_view attribute_kind_name(AttributeKind k) {
  switch (k) {
    case AttributeKind::number:
      return "number";
    case AttributeKind::category:
      return "category";
    case AttributeKind::date:
      return "date";
  }
  return "number";
}

/// A condition that chooses a timescale (see ConditionKind). A value a condition needs but the
/// row lacks is a data-quality finding (`missing_attribute`), unless `missing_not_met`: then the
/// condition simply does not hold (a visiting regime that is not recorded is the usual one).
struct Condition {
  ConditionKind kind = ConditionKind::number;
  /// number, category, flag: the attribute; date_before: the date attribute ("" for the date of
  /// the row itself: with `of` chain_start, the chain's start).
  std::string attribute;
  AttributeOf of = AttributeOf::clock_start;
  std::optional<double> below;
  std::optional<double> at_least;
  std::vector<std::string> in;
  /// flag: the value wanted; happened: true for "has happened", false for "has not happened".
  bool is = true;
  std::string event;  // happened: the event type
  /// date_before: compare the due date this timescale would give (else the clock's start).
  bool due = false;
  std::optional<Timescale> plus;  // date_before: added to the date compared with
  bool missing_not_met = false;

  [[nodiscard]] bool categorical() const noexcept { return kind == ConditionKind::category; }

  /// The kind of attribute column it reads, or nullopt when it reads none (happened; the date of
  /// the row itself).
  [[nodiscard]] std::optional<AttributeKind> attribute_kind() const {
    switch (kind) {
      case ConditionKind::number:
      case ConditionKind::flag:
        return AttributeKind::number;
      case ConditionKind::category:
        return AttributeKind::category;
      case ConditionKind::happened:
        return std::nullopt;
      case ConditionKind::date_before:
        return attribute.empty() ? std::nullopt : std::optional<AttributeKind>(AttributeKind::date);
    }
    return std::nullopt;
  }

  /// "age below 5", "judgement in outstanding, good", "long_term of the chain's start is true",
  /// "'lac.review' has not happened", "due date before birth_date + 5 years".
  [[nodiscard]] std::string str() const {
    auto number = [](double v) {
      std::string s = std::to_string(v);
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    };
    const std::string of_text = of == AttributeOf::chain_start ? " of the chain's start" : "";
    std::string out;
    switch (kind) {
      case ConditionKind::category: {
        std::string list;
        for (const auto& c : in) list += (list.empty() ? "" : ", ") + c;
        out = attribute + of_text + " in " + list;
        break;
      }
      case ConditionKind::number:
        out = attribute + of_text;
        if (at_least) out += " at least " + number(*at_least);
        if (below) out += std::string(at_least ? " and" : "") + " below " + number(*below);
        break;
      case ConditionKind::flag:
        out = attribute + of_text + (is ? " is true" : " is false");
        break;
      case ConditionKind::happened:
        out = quote(event) + (is ? " has happened" : " has not happened");
        break;
      case ConditionKind::date_before: {
        std::string target = !attribute.empty()               ? attribute + of_text
                             : of == AttributeOf::chain_start ? std::string("the chain's start")
                                                              : std::string("the clock's start");
        out = std::string(due ? "due date" : "clock start") + " before " + target + (plus ? " + " + plus->str() : "");
        break;
      }
    }
    if (missing_not_met) out += " (not met when missing)";
    return out;
  }
  friend bool operator==(const Condition&, const Condition&) = default;
};

/// A timescale, applying when all its conditions hold (always, when there are none). An edition's
/// timescales are tried in order: the first that applies is used.
struct TimescaleVariant {
  std::vector<Condition> when;
  Timescale timescale;

  /// "age below 5 and …", or "" when unconditional.
  [[nodiscard]] std::string condition_text() const {
    std::string out;
    for (const auto& c : when) out += (out.empty() ? "" : " and ") + c.str();
    return out;
  }
  friend bool operator==(const TimescaleVariant&, const TimescaleVariant&) = default;
};

/// The form of a rule in force over a span of dates. An instance is judged by the edition in force
/// on the day its clock starts.
struct RuleEdition {
  std::string name;
  Date from;                  // first day in force
  std::optional<Date> until;  // last day in force; open-ended when absent
  /// The events that start the clock under this edition, when they differ from the rule's `start`
  /// (the rapid review counts from becoming aware, later from the notification); empty: the rule's.
  std::vector<std::string> start;
  std::vector<TimescaleVariant> timescales;
  /// Outcome bands ("1 month", "3 months", "12 months") with the share expected within each, in
  /// percent. `targets` may be empty (bands reported without targets), and a band may have none
  /// (nullopt: "all but the most exceptional cases" is not a percentage). The last band is the due date.
  std::vector<Timescale> bands;
  std::vector<std::optional<double>> targets;
  std::string source;
  /// The source's own words the edition rests on (a short quotation), and where they were read (a
  /// web address or a document); empty when no wording was read (then the confidence is `check`).
  std::string wording;
  std::string address;
  Confidence confidence = Confidence::check;

  [[nodiscard]] bool in_force_on(Date d) const { return d >= from && (!until || d <= *until); }

  /// The timescale when it depends on nothing (the last band for a banded rule); nullopt when it
  /// depends on an attribute.
  [[nodiscard]] std::optional<Timescale> timescale() const {
    if (!bands.empty()) return bands.back();
    if (timescales.size() == 1 && timescales.front().when.empty()) return timescales.front().timescale;
    return std::nullopt;
  }

  /// "20 working days", or "6 months when age below 5; 12 months otherwise": the timescales in the
  /// order they are tried.
  [[nodiscard]] std::string timescale_text() const {
    if (!bands.empty()) {
      std::string out = "bands ";
      for (std::size_t i = 0; i < bands.size(); ++i) out += (i ? ", " : "") + bands[i].str();
      return out;
    }
    std::string out;
    for (const auto& v : timescales) {
      std::string when = v.condition_text();
      out += (out.empty() ? "" : "; ") + v.timescale.str() +
             (!when.empty()           ? " when " + when
              : timescales.size() > 1 ? std::string(" otherwise")
                                      : std::string());
    }
    return out;
  }
  friend bool operator==(const RuleEdition&, const RuleEdition&) = default;
};

/// A kind of event that starts or stops a clock ("lac.start": the child became looked after).
struct EventType {
  std::string id;
  std::string title;
  friend bool operator==(const EventType&, const EventType&) = default;
};

/// One timescale rule.
///
/// A rule either starts its own clock (`start` events) or, as a link in a chain, starts it at the
/// event that completed the previous link (`after`): looked-after reviews are a chain of three
/// rules (first review, second review, later reviews, the last `recurring`). `end` events close a
/// clock without completing it (the child ceased to be looked after).
struct Rule {
  std::string id;
  std::string title;
  std::string family;
  std::vector<std::string> start;  // empty for a chain link after the first
  std::vector<std::string> stop;
  std::vector<std::string> end;
  std::string after;  // the previous link of the chain, or empty
  bool recurring = false;
  Direction direction = Direction::forward;
  Repeat repeat = Repeat::each;
  /// For the first rule of a chain: what a start event does while the chain runs.
  Restart restart = Restart::finding;
  /// A stop event before the start still completes the instance ("before it or within 10 WD after").
  bool early_stop = false;
  std::vector<RuleEdition> editions;  // sorted by `from`, not overlapping
  /// The sets of start events a partnership may choose between (a local choice); empty when fixed.
  std::vector<std::vector<std::string>> start_choices;
  /// The `repeat` values a partnership may choose between (a local choice); empty when fixed.
  std::vector<Repeat> repeat_choices;
  std::string note;
  /// "built-in", or the file that added or replaced the rule.
  std::string origin = "built-in";

  /// The edition in force on `d`, or nullptr.
  [[nodiscard]] const RuleEdition* edition_on(Date d) const {
    for (const auto& e : editions)
      if (e.in_force_on(d)) return &e;
    return nullptr;
  }
  /// The latest edition.
  [[nodiscard]] const RuleEdition& current() const { return editions.back(); }
  /// The latest edition's timescale when it depends on nothing.
  [[nodiscard]] std::optional<Timescale> timescale() const { return current().timescale(); }
  /// The latest edition's source.
  [[nodiscard]] const std::string& source() const { return current().source; }
  [[nodiscard]] Confidence confidence() const { return current().confidence; }
  [[nodiscard]] bool is_link() const noexcept { return !after.empty(); }
  [[nodiscard]] bool banded() const noexcept {
    return std::any_of(editions.begin(), editions.end(), [](const RuleEdition& e) { return !e.bands.empty(); });
  }
  /// The events that start the clock under `edition` (its own, or the rule's).
  [[nodiscard]] const std::vector<std::string>& start_of(const RuleEdition& edition) const {
    return edition.start.empty() ? start : edition.start;
  }
  /// Every event that starts the clock under some edition, once each.
  [[nodiscard]] std::vector<std::string> all_starts() const {
    std::vector<std::string> out = start;
    for (const auto& e : editions)
      for (const auto& event : e.start)
        if (std::find(out.begin(), out.end(), event) == out.end()) out.push_back(event);
    return out;
  }
  /// The attribute columns its timescales read, with the kind of values each holds (an age, a
  /// judgement, a birth date), once each in the order the editions name them.
  [[nodiscard]] std::vector<std::pair<std::string, AttributeKind>> attributes() const {
    std::vector<std::pair<std::string, AttributeKind>> out;
    for (const auto& e : editions)
      for (const auto& v : e.timescales)
        for (const auto& c : v.when) {
          const auto kind = c.attribute_kind();
          if (kind && std::none_of(out.begin(), out.end(), [&](const auto& a) { return a.first == c.attribute; }))
            out.emplace_back(c.attribute, *kind);
        }
    return out;
  }
  /// The event types whose having happened its timescales test, once each.
  [[nodiscard]] std::vector<std::string> tested_events() const {
    std::vector<std::string> out;
    for (const auto& e : editions)
      for (const auto& v : e.timescales)
        for (const auto& c : v.when)
          if (c.kind == ConditionKind::happened && std::find(out.begin(), out.end(), c.event) == out.end())
            out.push_back(c.event);
    return out;
  }
  friend bool operator==(const Rule&, const Rule&) = default;
};

/// A rule id of an earlier version of the built-in catalogue that is no longer a rule, with what
/// became of it: asking for it, replacing it or making a local choice for it is an Error that says so.
struct RetiredRule {
  std::string_view id;
  std::string_view instead;  // the rule to ask for now
  std::string_view what;     // what changed
};

inline constexpr RetiredRule retired_rules[] = {
    {"lac.visit", "lac.visit.first",
     "was split in version 2 of the catalogue into 'lac.visit.first' (a visit within 1 week of the start of each "
     "placement) and 'lac.visit.subsequent' (each next visit, every 6 weeks, or 3 months after the first year of a "
     "placement intended to last until 18, or the regime of reg 28(3)-(5))"},
};

/// What became of a retired rule id, or nullptr when `id` was never retired.
inline const RetiredRule* retired_rule(std::string_view id) {
  for (const auto& r : retired_rules)
    if (r.id == id) return &r;
  return nullptr;
}

/// An immutable set of event types and rules. Build one with `builtin_rules()` or
/// `load_rules()` / `rules_from_json()` (below).
class RuleCatalogue {
 public:
  RuleCatalogue() = default;

  /// Checks the catalogue as a whole (ids unique, every event named is known, chains well formed)
  /// and throws one Error listing every problem.
  RuleCatalogue(std::string name, std::vector<EventType> events, std::vector<Rule> rules)
      : name_(std::move(name)), events_(std::move(events)), rules_(std::move(rules)) {
    index();
    Problems problems;
    check(problems);
    problems.throw_if_any(name_);
  }

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const std::vector<EventType>& events() const noexcept { return events_; }
  [[nodiscard]] const std::vector<Rule>& rules() const noexcept { return rules_; }

  [[nodiscard]] std::optional<std::size_t> event_index(std::string_view id) const {
    auto it = event_index_.find(std::string(id));
    return it == event_index_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }
  /// The event type `id` as the engine's event code (its index in events()); an Error naming the id
  /// and the nearest known ids when there is none, so that a typo cannot become another event.
  [[nodiscard]] std::int32_t event(std::string_view id) const {
    if (auto i = event_index(id)) return static_cast<std::int32_t>(*i);
    throw Error(unknown_event_message(id));
  }
  /// The event type `id`; an Error naming the id and the nearest known ids when there is none.
  [[nodiscard]] const EventType& event_type(std::string_view id) const {
    return events_[static_cast<std::size_t>(event(id))];
  }
  [[nodiscard]] std::optional<std::size_t> rule_index(std::string_view id) const {
    auto it = rule_index_.find(std::string(id));
    return it == rule_index_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }
  [[nodiscard]] const Rule* find(std::string_view id) const {
    auto i = rule_index(id);
    return i ? &rules_[*i] : nullptr;
  }
  /// The rule with this id; an Error naming the id (and the nearest known ids) when there is none.
  [[nodiscard]] const Rule& rule(std::string_view id) const {
    if (const Rule* r = find(id)) return *r;
    throw Error(unknown_rule_message(id));
  }

  [[nodiscard]] std::string unknown_rule_message(std::string_view id) const {
    if (const RetiredRule* r = retired_rule(id); r != nullptr && rule_index(r->instead).has_value())
      return quote(id) + " is not a rule of the catalogue " + quote(name_) + ": it " + std::string(r->what) +
             "; ask for " + quote(r->instead) + " (which brings its chain)";
    return quote(id) + " is not a rule of the catalogue " + quote(name_) + suggestions(id, rule_ids());
  }
  [[nodiscard]] std::string unknown_event_message(std::string_view id) const {
    std::vector<std::string> ids;
    for (const auto& e : events_) ids.push_back(e.id);
    return quote(id) + " is not an event type of the catalogue " + quote(name_) + suggestions(id, ids);
  }

  /// The rules of the chain that `id` belongs to, first link first (a single rule alone).
  [[nodiscard]] std::vector<std::size_t> chain_of(std::size_t rule) const {
    std::size_t first = rule;
    while (rules_[first].is_link()) first = *rule_index(rules_[first].after);
    std::vector<std::size_t> out{first};
    for (;;) {
      auto it = follower_.find(out.back());
      if (it == follower_.end()) break;
      out.push_back(it->second);
    }
    return out;
  }

  /// The chain of the rule `id` (its indices in rules(), first link first); an Error naming the id
  /// and the nearest known ids when there is none.
  [[nodiscard]] std::vector<std::size_t> chain_of(std::string_view id) const {
    if (auto i = rule_index(id)) return chain_of(*i);
    throw Error(unknown_rule_message(id));
  }

  [[nodiscard]] std::vector<std::string> rule_ids() const {
    std::vector<std::string> ids;
    for (const auto& r : rules_) ids.push_back(r.id);
    return ids;
  }

  friend bool operator==(const RuleCatalogue& a, const RuleCatalogue& b) {
    return a.name_ == b.name_ && a.events_ == b.events_ && a.rules_ == b.rules_;
  }

 private:
  void index() {
    for (std::size_t i = 0; i < events_.size(); ++i) event_index_.emplace(events_[i].id, i);
    for (std::size_t i = 0; i < rules_.size(); ++i) rule_index_.emplace(rules_[i].id, i);
  }

  void check(Problems& problems) {
    check_listed_once(problems);
    for (std::size_t i = 0; i < rules_.size(); ++i) check_rule(i, problems);
    check_attribute_kinds(problems);
    if (!problems.empty()) return;
    check_chain_restarts(problems);
    check_chain_links(problems);
  }

  static std::string rule_named(const Rule& r) { return "rule " + quote(r.id); }

  /// No event and no rule listed twice.
  void check_listed_once(Problems& problems) const {
    if (event_index_.size() != events_.size())
      for (std::size_t i = 0; i < events_.size(); ++i)
        if (event_index_.at(events_[i].id) != i) problems.add("event " + quote(events_[i].id), "is listed twice");
    if (rule_index_.size() != rules_.size())
      for (std::size_t i = 0; i < rules_.size(); ++i)
        if (rule_index_.at(rules_[i].id) != i) problems.add(rule_named(rules_[i]), "is listed twice");
  }

  /// One rule: the events it names are known, it stops and has an edition, its conditions are
  /// complete, and it is a well-formed link of a chain or a well-formed first rule.
  void check_rule(std::size_t i, Problems& problems) {
    const Rule& r = rules_[i];
    auto known = [&](const std::vector<std::string>& list, std::string_view what) {
      for (const auto& e : list)
        if (!event_index_.count(e)) problems.add(rule_named(r), std::string(what) + ": " + unknown_event_message(e));
    };
    known(r.start, "start");
    known(r.stop, "stop");
    known(r.end, "end");
    for (const auto& choice : r.start_choices) known(choice, "local choice of start");
    for (const auto& e : r.editions) known(e.start, "start of the edition " + quote(e.name));
    known(r.tested_events(), "a condition tests");
    if (r.stop.empty()) problems.add(rule_named(r), "has no stop event");
    if (r.editions.empty()) problems.add(rule_named(r), "has no edition");
    check_conditions(r, problems);
    if (r.is_link()) {
      check_link(i, problems);
    } else {
      if (r.start.empty() &&
          std::any_of(r.editions.begin(), r.editions.end(), [](const RuleEdition& e) { return e.start.empty(); }))
        problems.add(rule_named(r), "has no start event (and follows no rule)");
      if (r.direction == Direction::backward && r.recurring)
        problems.add(rule_named(r), "a recurring rule cannot count backwards");
    }
  }

  /// A link of a chain: it follows a known rule that no other rule follows and that does not
  /// recur; the chain's first rule alone takes start and end events and says what a new start does.
  void check_link(std::size_t i, Problems& problems) {
    const Rule& r = rules_[i];
    auto prev = rule_index_.find(r.after);
    if (prev == rule_index_.end()) {
      problems.add(rule_named(r), "follows " + unknown_rule_message(r.after));
      return;
    }
    if (!r.start.empty() ||
        std::any_of(r.editions.begin(), r.editions.end(), [](const RuleEdition& e) { return !e.start.empty(); }))
      problems.add(rule_named(r),
                   "is a link of a chain: its clock starts at the previous link's event, so it takes no start events");
    if (r.restart != Restart::finding)
      problems.add(rule_named(r),
                   "is a link of a chain: what a new start does (restart) belongs to the chain's first rule");
    if (!r.end.empty())
      problems.add(rule_named(r), "is a link of a chain: end events belong to the chain's first rule");
    if (r.direction == Direction::backward) problems.add(rule_named(r), "a chain cannot count backwards");
    auto [it, fresh] = follower_.emplace(prev->second, i);
    if (!fresh)
      problems.add(rule_named(r),
                   "follows " + quote(r.after) + ", which " + quote(rules_[it->second].id) + " already follows");
    if (rules_[prev->second].recurring)
      problems.add(rule_named(r), "follows " + quote(r.after) + ", which recurs and so has no next link");
  }

  /// A chain's first rule: what a new start does is `restart`, not `repeat` (which is for the others).
  void check_chain_restarts(Problems& problems) const {
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      const Rule& r = rules_[i];
      if (r.is_link()) continue;
      const bool chain = r.recurring || follower_.count(i) > 0;
      if (chain && r.repeat != Repeat::each)
        problems.add(rule_named(r),
                     "is the first rule of a chain: a new start while it runs is set by \"restart\", not \"repeat\"");
      if (!chain && r.restart != Restart::finding)
        problems.add(rule_named(r), "\"restart\" is for a chain (a recurring rule, or one another rule follows)");
    }
  }

  /// Chains: no cycles; every link stops on the same events as the first.
  void check_chain_links(Problems& problems) const {
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      std::size_t at = i, steps = 0;
      while (rules_[at].is_link() && steps <= rules_.size()) {
        at = rule_index_.at(rules_[at].after);
        ++steps;
      }
      if (steps > rules_.size()) {
        problems.add(rule_named(rules_[i]), "its chain of 'after' rules goes round in a circle");
        continue;
      }
      if (rules_[i].is_link()) {
        auto a = rules_[i].stop, b = rules_[at].stop;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a != b)
          problems.add(rule_named(rules_[i]),
                       "must stop on the same events as the first rule of its chain, " + quote(rules_[at].id));
      }
    }
  }

  /// Each condition complete for its kind.
  static void check_conditions(const Rule& r, Problems& problems) {
    for (const auto& e : r.editions)
      for (const auto& v : e.timescales)
        for (const auto& c : v.when) {
          const std::string where = "rule " + quote(r.id) + ", edition " + quote(e.name);
          const bool needs_attribute = c.kind != ConditionKind::happened && c.kind != ConditionKind::date_before;
          if (needs_attribute && c.attribute.empty()) problems.add(where, "a condition names no attribute");
          if (c.kind == ConditionKind::happened && c.event.empty()) problems.add(where, "a condition names no event");
          if (c.kind == ConditionKind::category && c.in.empty()) problems.add(where, "a condition lists no category");
          if (c.kind == ConditionKind::number && !c.below && !c.at_least)
            problems.add(where, "a numeric condition needs \"below\" or \"at_least\"");
          if (c.plus && c.plus->unit() == TimeUnit::hours)
            problems.add(where, "a date condition adds days, weeks, months or years, not hours");
        }
  }

  /// Each attribute holds one kind of value across the catalogue (the engine reads one column).
  void check_attribute_kinds(Problems& problems) const {
    std::unordered_map<std::string, std::pair<AttributeKind, std::string>> kinds;
    for (const auto& r : rules_)
      for (const auto& [name, kind] : r.attributes()) {
        auto [it, fresh] = kinds.emplace(name, std::make_pair(kind, r.id));
        if (!fresh && it->second.first != kind)
          problems.add("rule " + quote(r.id), "reads the attribute " + quote(name) + " as a " +
                                                  std::string(attribute_kind_name(kind)) + ", but the rule " +
                                                  quote(it->second.second) + " reads it as a " +
                                                  std::string(attribute_kind_name(it->second.first)));
      }
  }

  static std::string suggestions(std::string_view id, const std::vector<std::string>& known) {
    return support::did_you_mean(id, known, " (see docs/rules.md for the list)");
  }

  std::string name_;
  std::vector<EventType> events_;
  std::vector<Rule> rules_;
  std::unordered_map<std::string, std::size_t> event_index_;
  std::unordered_map<std::string, std::size_t> rule_index_;
  std::unordered_map<std::size_t, std::size_t> follower_;  // rule -> the link that follows it
};

/// The built-in catalogue's JSON text (src/rules/rules.json, embedded in the library).
std::string builtin_rules_json();

// Rule files (docs/timeliness.md, "Rule files"; defined in src/json/rules.cpp) -----------------

/// The built-in catalogue: every rule of docs/rules.md, embedded in the library.
const RuleCatalogue& builtin_rules();
/// Reads a rule file on top of the built-in catalogue (or on its own with "base": "none").
RuleCatalogue load_rules(const std::filesystem::path& path);
/// Reads a rule file on top of another catalogue.
RuleCatalogue load_rules(const std::filesystem::path& path, const RuleCatalogue& base);
/// Reads a rule file on top of `base`, or on its own when `base` is nullptr.
RuleCatalogue load_rules(const std::filesystem::path& path, const RuleCatalogue* base);
/// Reads a rule file's JSON text on top of `base` (none: nullptr); `source` names it in messages.
RuleCatalogue rules_from_json(std::string_view text, std::string_view source, const RuleCatalogue* base);

}  // namespace safeguarding::inline v0

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/json/rules.cpp"
#include "src/rules/builtin_rules_json.cpp"
#endif
