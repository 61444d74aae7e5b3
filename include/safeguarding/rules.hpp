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

#include "safeguarding/support/nearest.hpp"
#include "safeguarding/config.hpp"
#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
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

/// What a second clock-start event does while an instance is still open.
///  * `each`: it opens its own instance; stop events close open instances oldest first.
///  * `latest`: it replaces the open instance (the clock restarts: "the last strategy discussion").
///  * `first`: only the first start event of a case opens an instance ("the first placement").
enum class Repeat : std::uint8_t { each, latest, first };

/// A condition on an attribute of the clock-start event that chooses a timescale: a number
/// `below` or `at_least` a bound (the child's age), or a category `in` a list (a judgement).
struct Condition {
  std::string attribute;
  std::optional<double> below;
  std::optional<double> at_least;
  std::vector<std::string> in;

  [[nodiscard]] bool categorical() const noexcept { return !in.empty(); }

  /// "age below 5", "judgement in outstanding, good".
  [[nodiscard]] std::string str() const {
    auto number = [](double v) {
      std::string s = std::to_string(v);
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    };
    if (categorical()) {
      std::string list;
      for (const auto& c : in) list += (list.empty() ? "" : ", ") + c;
      return attribute + " in " + list;
    }
    std::string out = attribute;
    if (at_least) out += " at least " + number(*at_least);
    if (below) out += std::string(at_least ? " and" : "") + " below " + number(*below);
    return out;
  }
  friend bool operator==(const Condition&, const Condition&) = default;
};

/// A timescale, applying when its condition holds (always, when there is none).
struct TimescaleVariant {
  std::optional<Condition> when;
  Timescale timescale;
  friend bool operator==(const TimescaleVariant&, const TimescaleVariant&) = default;
};

/// The form of a rule in force over a span of dates. An instance is judged by the edition in force
/// on the day its clock starts.
struct RuleEdition {
  std::string name;
  Date from;                  // first day in force
  std::optional<Date> until;  // last day in force; open-ended when absent
  std::vector<TimescaleVariant> timescales;
  /// Outcome bands ("1 month", "3 months", "12 months") with the share expected within each, in
  /// percent (`targets` may be empty: bands reported without targets). The last band is the due date.
  std::vector<Timescale> bands;
  std::vector<double> targets;
  std::string source;
  Confidence confidence = Confidence::check;

  [[nodiscard]] bool in_force_on(Date d) const { return d >= from && (!until || d <= *until); }

  /// The timescale when it depends on nothing (the last band for a banded rule); nullopt when it
  /// depends on an attribute.
  [[nodiscard]] std::optional<Timescale> timescale() const {
    if (!bands.empty()) return bands.back();
    if (timescales.size() == 1 && !timescales.front().when) return timescales.front().timescale;
    return std::nullopt;
  }

  /// "20 working days", or "6 months when age below 5; 12 months when age at least 5".
  [[nodiscard]] std::string timescale_text() const {
    if (!bands.empty()) {
      std::string out = "bands ";
      for (std::size_t i = 0; i < bands.size(); ++i) out += (i ? ", " : "") + bands[i].str();
      return out;
    }
    std::string out;
    for (const auto& v : timescales)
      out += (out.empty() ? "" : "; ") + v.timescale.str() + (v.when ? " when " + v.when->str() : std::string());
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
  /// A stop event before the start still completes the instance ("before it or within 10 WD after").
  bool early_stop = false;
  std::vector<RuleEdition> editions;  // sorted by `from`, not overlapping
  /// The sets of start events a partnership may choose between (a local choice); empty when fixed.
  std::vector<std::vector<std::string>> start_choices;
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
  /// The attributes its timescales depend on, with whether each is categorical (a judgement) or a
  /// number (an age), once each in the order the editions name them.
  [[nodiscard]] std::vector<std::pair<std::string, bool>> attributes() const {
    std::vector<std::pair<std::string, bool>> out;
    for (const auto& e : editions)
      for (const auto& v : e.timescales)
        if (v.when && std::none_of(out.begin(), out.end(), [&](const auto& a) { return a.first == v.when->attribute; }))
          out.emplace_back(v.when->attribute, v.when->categorical());
    return out;
  }
  friend bool operator==(const Rule&, const Rule&) = default;
};

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
    auto where = [](const Rule& r) { return "rule " + quote(r.id); };
    if (event_index_.size() != events_.size())
      for (std::size_t i = 0; i < events_.size(); ++i)
        if (event_index_.at(events_[i].id) != i) problems.add("event " + quote(events_[i].id), "is listed twice");
    if (rule_index_.size() != rules_.size())
      for (std::size_t i = 0; i < rules_.size(); ++i)
        if (rule_index_.at(rules_[i].id) != i) problems.add(where(rules_[i]), "is listed twice");
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      const Rule& r = rules_[i];
      auto known = [&](const std::vector<std::string>& list, std::string_view what) {
        for (const auto& e : list)
          if (!event_index_.count(e)) problems.add(where(r), std::string(what) + ": " + unknown_event_message(e));
      };
      known(r.start, "start");
      known(r.stop, "stop");
      known(r.end, "end");
      for (const auto& choice : r.start_choices) known(choice, "local choice of start");
      if (r.stop.empty()) problems.add(where(r), "has no stop event");
      if (r.editions.empty()) problems.add(where(r), "has no edition");
      if (r.is_link()) {
        auto prev = rule_index_.find(r.after);
        if (prev == rule_index_.end()) {
          problems.add(where(r), "follows " + unknown_rule_message(r.after));
          continue;
        }
        if (!r.start.empty())
          problems.add(
              where(r),
              "is a link of a chain: its clock starts at the previous link's event, so it takes no start events");
        if (!r.end.empty()) problems.add(where(r), "is a link of a chain: end events belong to the chain's first rule");
        if (r.direction == Direction::backward) problems.add(where(r), "a chain cannot count backwards");
        auto [it, fresh] = follower_.emplace(prev->second, i);
        if (!fresh)
          problems.add(where(r),
                       "follows " + quote(r.after) + ", which " + quote(rules_[it->second].id) + " already follows");
        if (rules_[prev->second].recurring)
          problems.add(where(r), "follows " + quote(r.after) + ", which recurs and so has no next link");
      } else {
        if (r.start.empty()) problems.add(where(r), "has no start event (and follows no rule)");
        if (r.direction == Direction::backward && r.recurring)
          problems.add(where(r), "a recurring rule cannot count backwards");
      }
    }
    if (!problems.empty()) return;
    // Chains: no cycles; every link stops on the same events as the first.
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      std::size_t at = i, steps = 0;
      while (rules_[at].is_link() && steps <= rules_.size()) {
        at = rule_index_.at(rules_[at].after);
        ++steps;
      }
      if (steps > rules_.size()) {
        problems.add(where(rules_[i]), "its chain of 'after' rules goes round in a circle");
        continue;
      }
      if (rules_[i].is_link()) {
        auto a = rules_[i].stop, b = rules_[at].stop;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a != b)
          problems.add(where(rules_[i]),
                       "must stop on the same events as the first rule of its chain, " + quote(rules_[at].id));
      }
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
