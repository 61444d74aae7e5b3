// Rule files: the built-in catalogue (embedded, so C++ users need no file at run time) and the
// reader for a partnership's own file, which adds event types and rules, replaces built-in rules
// and makes the local choices the catalogue allows. Format: docs/timeliness.md, "Rule files".
#include "safeguarding/rules.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "reader.hpp"

namespace safeguarding::inline v0 {

namespace json::detail {

using EventIds = std::unordered_set<std::string>;

SAFEGUARDING_FUNC std::vector<std::string> read_event_ids(const Cursor& list, const EventIds& known,
                                                          const RuleCatalogue* base, bool required) {
  std::vector<std::string> out;
  if (!list.present()) {
    if (required) list.problem("missing: expected a list of event types");
    return out;
  }
  list.for_each(
      [&](const Cursor& item) {
        auto id = item.string();
        if (!id) return;
        if (!known.count(*id)) {
          item.problem(base ? base->unknown_event_message(*id)
                            : quote(*id) + " is not an event type listed in \"events\"");
          return;
        }
        out.push_back(*id);
      },
      true);
  if (list.is_array() && list.size() == 0) list.problem("the list is empty");
  return out;
}

SAFEGUARDING_FUNC std::optional<Condition> read_condition(const Cursor& c) {
  if (!c.expect_object()) return std::nullopt;
  c.reject_unknown_keys({"attribute", "below", "at_least", "in"});
  Condition out;
  auto attribute = c["attribute"].string();
  if (attribute) out.attribute = *attribute;
  if (c["below"].present()) out.below = c["below"].number();
  if (c["at_least"].present()) out.at_least = c["at_least"].number();
  if (c["in"].present())
    c["in"].for_each(
        [&](const Cursor& v) {
          if (auto s = v.string()) out.in.push_back(*s);
        },
        true);
  const bool numeric = c["below"].present() || c["at_least"].present();
  if (numeric && c["in"].present())
    c.problem("a condition is either numeric (below, at_least) or a list of categories (in), not both");
  if (!numeric && !c["in"].present()) c.problem("a condition needs \"below\", \"at_least\" or \"in\"");
  if (!attribute) return std::nullopt;
  return out;
}

/// A list that must not be empty; false (and a problem) when it is.
SAFEGUARDING_FUNC bool not_empty(const Cursor& list) {
  if (!list.is_array() || list.size() != 0) return true;
  list.problem("the list is empty");
  return false;
}

/// "timescales": [{"when": …, "timescale": …}]; false when any is bad.
SAFEGUARDING_FUNC bool read_timescale_variants(const Cursor& list, RuleEdition& e) {
  bool ok = true;
  list.for_each(
      [&](const Cursor& v) {
        if (!v.expect_object()) return void(ok = false);
        v.reject_unknown_keys({"when", "timescale"});
        auto t = v["timescale"].timescale();
        std::optional<Condition> when;
        if (v["when"].present()) {
          when = read_condition(v["when"]);
          if (!when) ok = false;
        }
        if (t)
          e.timescales.push_back(TimescaleVariant{when, *t});
        else
          ok = false;
      },
      true);
  return not_empty(list) && ok;
}

/// "bands" and their "targets"; false when any is bad.
SAFEGUARDING_FUNC bool read_bands(const Cursor& c, RuleEdition& e) {
  bool ok = true;
  c["bands"].for_each(
      [&](const Cursor& b) {
        if (auto t = b.timescale())
          e.bands.push_back(*t);
        else
          ok = false;
      },
      true);
  ok = not_empty(c["bands"]) && ok;
  if (!c["targets"].present()) return ok;
  c["targets"].for_each(
      [&](const Cursor& t) {
        auto v = t.number();
        if (v && (*v < 0 || *v > 100)) t.problem("a target is a percentage from 0 to 100, got " + t.value()->dump());
        if (v)
          e.targets.push_back(*v);
        else
          ok = false;
      },
      true);
  if (c["bands"].is_array() && c["targets"].is_array() && c["targets"].size() != c["bands"].size()) {
    c["targets"].problem("give one target per band (" + std::to_string(c["bands"].size()) + ")");
    ok = false;
  }
  return ok;
}

/// The edition's timescale, timescales or bands; false when any is bad.
SAFEGUARDING_FUNC bool read_edition_timescales(const Cursor& c, RuleEdition& e) {
  const int forms =
      (c["timescale"].present() ? 1 : 0) + (c["timescales"].present() ? 1 : 0) + (c["bands"].present() ? 1 : 0);
  bool ok = true;
  if (forms != 1) {
    c.problem(forms == 0 ? "missing: expected \"timescale\", \"timescales\" or \"bands\""
                         : "give only one of \"timescale\", \"timescales\" and \"bands\"");
    ok = false;
  }
  if (c["timescale"].present()) {
    if (auto t = c["timescale"].timescale())
      e.timescales.push_back(TimescaleVariant{std::nullopt, *t});
    else
      ok = false;
  }
  if (c["timescales"].present()) ok = read_timescale_variants(c["timescales"], e) && ok;
  if (c["bands"].present()) {
    ok = read_bands(c, e) && ok;
  } else if (c["targets"].present()) {
    c["targets"].problem("targets go with \"bands\"");
    ok = false;
  }
  return ok;
}

SAFEGUARDING_FUNC std::optional<RuleEdition> read_edition(const Cursor& c) {
  if (!c.expect_object()) return std::nullopt;
  c.reject_unknown_keys(
      {"name", "from", "until", "timescale", "timescales", "bands", "targets", "source", "confidence"});
  RuleEdition e;
  auto name = c["name"].string();
  auto from = c["from"].date();
  auto until = c["until"].present() ? c["until"].date() : std::nullopt;
  auto source = c["source"].string();
  auto confidence = c["confidence"].one_of({"confirmed", "secondary", "check"});
  bool ok = name && from && source && confidence && (!c["until"].present() || until);
  if (from && until && *until < *from) {
    c["until"].problem(to_iso(*until) + " is before the edition's first day " + to_iso(*from));
    ok = false;
  }
  ok = read_edition_timescales(c, e) && ok;
  if (!ok) return std::nullopt;
  e.name = *name;
  e.from = *from;
  e.until = until;
  e.source = *source;
  e.confidence = *confidence == "confirmed"   ? Confidence::confirmed
                 : *confidence == "secondary" ? Confidence::secondary
                                              : Confidence::check;
  return e;
}

/// Editions in date order, each ending before the next starts.
SAFEGUARDING_FUNC void check_edition_order(const Cursor& c, const std::vector<RuleEdition>& editions) {
  for (std::size_t i = 1; i < editions.size(); ++i) {
    const RuleEdition& prev = editions[i - 1];
    const RuleEdition& e = editions[i];
    if (e.from <= prev.from)
      c["editions"][i]["from"].problem("editions must be listed in date order: " + to_iso(e.from) + " is not after " +
                                       to_iso(prev.from));
    else if (!prev.until || *prev.until >= e.from)
      c["editions"][i - 1]["until"].problem("this edition must end before the next starts on " + to_iso(e.from));
  }
}

/// The fields of a rule that say when its clock runs (start, stop, end, after, direction, …).
SAFEGUARDING_FUNC void read_rule_clock(const Cursor& c, Rule& r, const EventIds& events, const RuleCatalogue* base) {
  if (c["after"].present()) {
    if (auto after = c["after"].string()) r.after = *after;
    if (c["start"].present())
      c["start"].problem(
          "a rule that follows another (\"after\") starts its clock at that rule's event; remove \"start\"");
  } else {
    r.start = read_event_ids(c["start"], events, base, true);
  }
  r.stop = read_event_ids(c["stop"], events, base, true);
  if (c["end"].present()) r.end = read_event_ids(c["end"], events, base, false);
  r.recurring = c["recurring"].boolean_or(false);
  r.early_stop = c["early_stop"].boolean_or(false);
  if (c["direction"].present())
    if (auto d = c["direction"].one_of({"forward", "backward"}))
      r.direction = *d == "backward" ? Direction::backward : Direction::forward;
  if (c["repeat"].present())
    if (auto d = c["repeat"].one_of({"each", "latest", "first"}))
      r.repeat = *d == "latest" ? Repeat::latest : *d == "first" ? Repeat::first : Repeat::each;
}

SAFEGUARDING_FUNC std::optional<Rule> read_rule(const Cursor& c, const EventIds& events, const RuleCatalogue* base,
                                                const std::string& origin) {
  if (!c.expect_object()) return std::nullopt;
  c.reject_unknown_keys({"id", "title", "family", "start", "stop", "end", "after", "recurring", "direction", "repeat",
                         "early_stop", "editions", "local_choices", "note"});
  Rule r;
  auto id = c["id"].string();
  auto title = c["title"].string();
  r.family = c["family"].string_or("local");
  read_rule_clock(c, r, events, base);
  r.note = c["note"].string_or("");
  bool ok = id && title;
  c["editions"].for_each(
      [&](const Cursor& e) {
        if (auto edition = read_edition(e))
          r.editions.push_back(std::move(*edition));
        else
          ok = false;
      },
      true);
  if (c["editions"].is_array() && c["editions"].size() == 0) c["editions"].problem("a rule needs at least one edition");
  check_edition_order(c, r.editions);
  if (c["local_choices"].present() && c["local_choices"].expect_object()) {
    c["local_choices"].reject_unknown_keys({"start"});
    c["local_choices"]["start"].for_each(
        [&](const Cursor& choice) { r.start_choices.push_back(read_event_ids(choice, events, base, true)); }, true);
  }
  if (!ok) return std::nullopt;
  r.id = *id;
  r.title = *title;
  r.origin = origin;
  return r;
}

SAFEGUARDING_FUNC bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

/// The base's event types and the file's; `known` gets every id.
SAFEGUARDING_FUNC std::vector<EventType> read_events(const Cursor& root, const RuleCatalogue* base, EventIds& known) {
  std::vector<EventType> events = base ? base->events() : std::vector<EventType>{};
  for (const auto& e : events) known.insert(e.id);
  root["events"].for_each([&](const Cursor& item) {
    if (!item.expect_object()) return;
    item.reject_unknown_keys({"id", "title"});
    auto id = item["id"].string();
    auto title = item["title"].string();
    if (!id || !title) return;
    if (!known.insert(*id).second) {
      item["id"].problem("the event type " + quote(*id) + " is already defined");
      return;
    }
    events.push_back(EventType{*id, *title});
  });
  if (!base && !root["events"].present())
    root["events"].problem("missing: a catalogue without a base lists its event types");
  return events;
}

/// The base's rules with the file's added, or replacing those of the same id.
SAFEGUARDING_FUNC std::vector<Rule> read_rules(const Cursor& root, const RuleCatalogue* base, const EventIds& known,
                                               const std::string& origin) {
  std::vector<Rule> rules = base ? base->rules() : std::vector<Rule>{};
  std::unordered_set<std::string> seen;
  root["rules"].for_each([&](const Cursor& item) {
    auto rule = read_rule(item, known, base, origin);
    if (!rule) return;
    if (!seen.insert(rule->id).second) {
      item["id"].problem("the rule " + quote(rule->id) + " is listed twice in this file");
      return;
    }
    auto existing = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == rule->id; });
    if (existing != rules.end())
      *existing = std::move(*rule);
    else
      rules.push_back(std::move(*rule));
  });
  return rules;
}

SAFEGUARDING_FUNC std::string choices_text(const Rule& rule) {
  std::string list;
  for (const auto& c : rule.start_choices) {
    std::string one;
    for (const auto& e : c) one += (one.empty() ? "" : " or ") + e;
    list += (list.empty() ? "" : "; ") + one;
  }
  return list;
}

/// One "local_choices" entry: the start the rule allows, chosen.
SAFEGUARDING_FUNC void apply_local_choice(const std::string& id, const Cursor& choice, std::vector<Rule>& rules,
                                          const RuleCatalogue* base, const EventIds& known, const std::string& origin) {
  auto rule = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == id; });
  if (rule == rules.end()) {
    choice.problem(base ? base->unknown_rule_message(id) : quote(id) + " is not a rule of this file");
    return;
  }
  if (!choice.expect_object()) return;
  choice.reject_unknown_keys({"start"});
  if (!choice["start"].present()) return;
  auto start = read_event_ids(choice["start"], known, base, true);
  if (start.empty()) return;
  if (rule->start_choices.empty()) {
    choice["start"].problem("the rule " + quote(id) + " does not leave its start event to local choice");
    return;
  }
  const bool allowed = std::any_of(rule->start_choices.begin(), rule->start_choices.end(),
                                   [&](const std::vector<std::string>& c) { return same_set(c, start); });
  if (!allowed) {
    choice["start"].problem("not one of the choices the rule " + quote(id) + " allows: " + choices_text(*rule));
    return;
  }
  rule->start = std::move(start);
  rule->origin = origin + " (local choice of start)";
}

/// Reads a rule file. With a `base` catalogue (unless the file says `"base": "none"`), the file's
/// event types are added to the base's, each of its rules is added or, when its id is already
/// there, replaces the base's rule, and `local_choices` picks among the alternatives a rule allows.
SAFEGUARDING_FUNC RuleCatalogue rules_from_document(const Document& document, std::string_view source,
                                                    const RuleCatalogue* base) {
  Problems problems;
  const Cursor root(document, problems);
  if (!root.expect_object()) problems.throw_if_any(source);
  root.reject_unknown_keys({"$comment", "$schema", "version", "name", "base", "events", "rules", "local_choices"});
  if (root["version"].present()) {
    auto v = root["version"].integer();
    if (v && *v != 1) root["version"].problem("this release reads rule files of version 1, got " + std::to_string(*v));
  }
  if (root["base"].present()) {
    auto b = root["base"].one_of({"builtin", "none"});
    if (b && *b == "none") base = nullptr;
  }
  const std::string name = root["name"].string_or(base ? base->name() : std::string(source));
  const std::string origin(source.empty() ? std::string("built-in") : std::string(source));
  EventIds known;
  std::vector<EventType> events = read_events(root, base, known);
  std::vector<Rule> rules = read_rules(root, base, known, origin);
  root["local_choices"].for_each_member(
      [&](const std::string& id, const Cursor& choice) { apply_local_choice(id, choice, rules, base, known, origin); });
  problems.throw_if_any(source);
  try {
    return RuleCatalogue(name, std::move(events), std::move(rules));
  } catch (const Error& e) {
    throw Error(e.problems(), source);
  }
}

}  // namespace json::detail

SAFEGUARDING_FUNC RuleCatalogue rules_from_json(std::string_view text, std::string_view source,
                                                const RuleCatalogue* base) {
  return json::detail::rules_from_document(json::parse_text(text, source), source, base);
}

SAFEGUARDING_FUNC const RuleCatalogue& builtin_rules() {
  static const RuleCatalogue catalogue = [] {
    const std::string text = builtin_rules_json();
    return json::detail::rules_from_document(json::parse_text(text, "the built-in rule catalogue"), "", nullptr);
  }();
  return catalogue;
}

SAFEGUARDING_FUNC RuleCatalogue load_rules(const std::filesystem::path& path) {
  return json::detail::rules_from_document(json::parse_file(path), path.string(), &builtin_rules());
}

SAFEGUARDING_FUNC RuleCatalogue load_rules(const std::filesystem::path& path, const RuleCatalogue& base) {
  return load_rules(path, &base);
}

SAFEGUARDING_FUNC RuleCatalogue load_rules(const std::filesystem::path& path, const RuleCatalogue* base) {
  return json::detail::rules_from_document(json::parse_file(path), path.string(), base);
}

}  // namespace safeguarding::inline v0
