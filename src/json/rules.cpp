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

/// The event type of a "happened" condition: a known one.
SAFEGUARDING_FUNC std::optional<std::string> read_event_id(const Cursor& c, const EventIds& known,
                                                           const RuleCatalogue* base) {
  auto id = c.string();
  if (!id) return std::nullopt;
  if (!known.count(*id)) {
    c.problem(base ? base->unknown_event_message(*id) : quote(*id) + " is not an event type listed in \"events\"");
    return std::nullopt;
  }
  return id;
}

/// One condition (docs/timeliness.md, "Rule files"): its kind is given by its keys.
SAFEGUARDING_FUNC std::optional<Condition> read_condition(const Cursor& c, const EventIds& known,
                                                          const RuleCatalogue* base) {
  if (!c.expect_object()) return std::nullopt;
  c.reject_unknown_keys({"attribute", "below", "at_least", "in", "is", "happened", "not_happened", "date", "before",
                         "plus", "of", "if_missing"});
  Condition out;
  bool ok = true;
  const bool numeric = c["below"].present() || c["at_least"].present();
  const bool happened = c["happened"].present() || c["not_happened"].present();
  const bool dated = c["date"].present() || c["before"].present() || c["plus"].present();
  const int forms = (numeric ? 1 : 0) + (c["in"].present() ? 1 : 0) + (c["is"].present() ? 1 : 0) + (happened ? 1 : 0) +
                    (dated ? 1 : 0);
  if (forms != 1) {
    c.problem(forms == 0 ? "a condition needs one of: \"below\"/\"at_least\", \"in\", \"is\", \"happened\", "
                           "\"not_happened\", or \"date\" with \"before\""
                         : "a condition tests one thing: give only one of \"below\"/\"at_least\", \"in\", \"is\", "
                           "\"happened\"/\"not_happened\" and \"date\"/\"before\"/\"plus\"");
    return std::nullopt;
  }
  if (c["of"].present())
    if (auto of = c["of"].one_of({"clock_start", "chain_start"}))
      out.of = *of == "chain_start" ? AttributeOf::chain_start : AttributeOf::clock_start;
  if (c["if_missing"].present())
    if (auto m = c["if_missing"].one_of({"finding", "not_met"})) out.missing_not_met = *m == "not_met";
  if (happened) {
    out.kind = ConditionKind::happened;
    if (c["happened"].present() && c["not_happened"].present()) {
      c.problem("give \"happened\" or \"not_happened\", not both");
      return std::nullopt;
    }
    out.is = c["happened"].present();
    auto id = read_event_id(out.is ? c["happened"] : c["not_happened"], known, base);
    if (c["attribute"].present()) c["attribute"].problem("a \"happened\" condition reads no attribute");
    if (c["of"].present()) c["of"].problem("a \"happened\" condition reads no row's attribute");
    if (!id) return std::nullopt;
    out.event = *id;
    return out;
  }
  if (dated) {
    out.kind = ConditionKind::date_before;
    auto date = c["date"].one_of({"start", "due"});
    auto before = c["before"].string();
    if (c["attribute"].present()) c["attribute"].problem("a date condition names its date in \"before\"");
    if (c["plus"].present()) {
      out.plus = c["plus"].timescale();
      ok = out.plus.has_value() && ok;
    }
    if (!date || !before || !ok) return std::nullopt;
    out.due = *date == "due";
    if (*before == "chain_start") {
      if (c["of"].present()) c["of"].problem("\"before\": \"chain_start\" already names the chain's start");
      out.of = AttributeOf::chain_start;
    } else if (before->empty()) {
      c["before"].problem("name a date attribute, or \"chain_start\"");
      return std::nullopt;
    } else {
      out.attribute = *before;
    }
    return out;
  }
  auto attribute = c["attribute"].string();
  if (numeric) {
    out.kind = ConditionKind::number;
    if (c["below"].present()) out.below = c["below"].number();
    if (c["at_least"].present()) out.at_least = c["at_least"].number();
  } else if (c["in"].present()) {
    out.kind = ConditionKind::category;
    c["in"].for_each(
        [&](const Cursor& v) {
          if (auto s = v.string()) out.in.push_back(*s);
        },
        true);
  } else {
    out.kind = ConditionKind::flag;
    auto is = c["is"].boolean();
    if (!is) return std::nullopt;
    out.is = *is;
  }
  if (!attribute) return std::nullopt;
  out.attribute = *attribute;
  return out;
}

/// "when": one condition, or a list of conditions that must all hold.
SAFEGUARDING_FUNC std::optional<std::vector<Condition>> read_when(const Cursor& c, const EventIds& known,
                                                                  const RuleCatalogue* base) {
  std::vector<Condition> out;
  bool ok = true;
  auto one = [&](const Cursor& item) {
    if (auto cond = read_condition(item, known, base))
      out.push_back(std::move(*cond));
    else
      ok = false;
  };
  if (c.is_array()) {
    c.for_each(one);
    if (c.size() == 0) {
      c.problem("the list is empty: leave \"when\" out for a timescale that always applies");
      ok = false;
    }
  } else {
    one(c);
  }
  if (!ok) return std::nullopt;
  return out;
}

/// A list that must not be empty; false (and a problem) when it is.
SAFEGUARDING_FUNC bool not_empty(const Cursor& list) {
  if (!list.is_array() || list.size() != 0) return true;
  list.problem("the list is empty");
  return false;
}

/// "timescales": [{"when": …, "timescale": …}], tried in order; false when any is bad.
SAFEGUARDING_FUNC bool read_timescale_variants(const Cursor& list, RuleEdition& e, const EventIds& known,
                                               const RuleCatalogue* base) {
  bool ok = true;
  list.for_each(
      [&](const Cursor& v) {
        if (!v.expect_object()) return void(ok = false);
        v.reject_unknown_keys({"when", "timescale"});
        auto t = v["timescale"].timescale();
        std::vector<Condition> when;
        if (v["when"].present()) {
          auto read = read_when(v["when"], known, base);
          if (read)
            when = std::move(*read);
          else
            ok = false;
        }
        if (t)
          e.timescales.push_back(TimescaleVariant{std::move(when), *t});
        else
          ok = false;
      },
      true);
  for (std::size_t i = 0; i + 1 < list.size() && list.is_array(); ++i)
    if (list[i].is_object() && !list[i]["when"].present()) {
      list[i].problem("the timescales are tried in order, so one without \"when\" must come last");
      ok = false;
    }
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
        if (t.value() != nullptr && t.value()->is_null()) {
          e.targets.emplace_back(std::nullopt);  // a band with no percentage target
          return;
        }
        auto v = t.number();
        if (v && (*v < 0 || *v > 100)) t.problem("a target is a percentage from 0 to 100, got " + t.value()->dump());
        if (v)
          e.targets.emplace_back(*v);
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
SAFEGUARDING_FUNC bool read_edition_timescales(const Cursor& c, RuleEdition& e, const EventIds& known,
                                               const RuleCatalogue* base) {
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
      e.timescales.push_back(TimescaleVariant{{}, *t});
    else
      ok = false;
  }
  if (c["timescales"].present()) ok = read_timescale_variants(c["timescales"], e, known, base) && ok;
  if (c["bands"].present()) {
    ok = read_bands(c, e) && ok;
  } else if (c["targets"].present()) {
    c["targets"].problem("targets go with \"bands\"");
    ok = false;
  }
  return ok;
}

SAFEGUARDING_FUNC std::optional<RuleEdition> read_edition(const Cursor& c, const EventIds& known,
                                                          const RuleCatalogue* base) {
  if (!c.expect_object()) return std::nullopt;
  c.reject_unknown_keys({"name", "from", "until", "start", "timescale", "timescales", "bands", "targets", "source",
                         "wording", "address", "confidence"});
  RuleEdition e;
  if (c["start"].present()) e.start = read_event_ids(c["start"], known, base, true);
  e.wording = c["wording"].string_or("");
  e.address = c["address"].string_or("");
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
  ok = read_edition_timescales(c, e, known, base) && ok;
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

SAFEGUARDING_FUNC std::optional<Repeat> repeat_from_name(std::string_view name) {
  for (Repeat r : {Repeat::each, Repeat::latest, Repeat::first, Repeat::earliest})
    if (repeat_name(r) == name) return r;
  return std::nullopt;
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
    if (auto d = c["repeat"].one_of({"each", "latest", "first", "earliest"})) r.repeat = *repeat_from_name(*d);
  if (c["restart"].present())
    if (auto d = c["restart"].one_of({"finding", "replace"}))
      r.restart = *d == "replace" ? Restart::replace : Restart::finding;
}

SAFEGUARDING_FUNC std::optional<Rule> read_rule(const Cursor& c, const EventIds& events, const RuleCatalogue* base,
                                                const std::string& origin) {
  if (!c.expect_object()) return std::nullopt;
  c.reject_unknown_keys({"id", "title", "family", "start", "stop", "end", "after", "recurring", "direction", "repeat",
                         "restart", "early_stop", "editions", "local_choices", "note"});
  Rule r;
  auto id = c["id"].string();
  auto title = c["title"].string();
  r.family = c["family"].string_or("local");
  read_rule_clock(c, r, events, base);
  r.note = c["note"].string_or("");
  bool ok = id && title;
  c["editions"].for_each(
      [&](const Cursor& e) {
        if (auto edition = read_edition(e, events, base))
          r.editions.push_back(std::move(*edition));
        else
          ok = false;
      },
      true);
  if (c["editions"].is_array() && c["editions"].size() == 0) c["editions"].problem("a rule needs at least one edition");
  check_edition_order(c, r.editions);
  if (c["local_choices"].present() && c["local_choices"].expect_object()) {
    const Cursor choices = c["local_choices"];
    choices.reject_unknown_keys({"start", "repeat"});
    if (choices["start"].present())
      choices["start"].for_each(
          [&](const Cursor& choice) { r.start_choices.push_back(read_event_ids(choice, events, base, true)); }, true);
    if (choices["repeat"].present())
      choices["repeat"].for_each(
          [&](const Cursor& choice) {
            if (auto d = choice.one_of({"each", "latest", "first", "earliest"}))
              r.repeat_choices.push_back(*repeat_from_name(*d));
          },
          true);
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
    if (const RetiredRule* retired = retired_rule(rule->id); retired != nullptr && base != nullptr) {
      item["id"].problem(quote(rule->id) + " " + std::string(retired->what) +
                         ": replace those rules instead, or give a rule of your own another id");
      return;
    }
    auto existing = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == rule->id; });
    if (existing != rules.end() && existing->is_link() && rule->after != existing->after) {
      item["id"].problem(quote(rule->id) + " is a link of a chain in the catalogue it replaces: it follows " +
                         quote(existing->after) +
                         " (its clock starts at the event that completed that rule); a rule "
                         "replacing it must say \"after\": " +
                         quote(existing->after) + " (and take no \"start\"), or take another id");
      return;
    }
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

/// The local choice of a rule's start events: one of those it allows, for every edition.
SAFEGUARDING_FUNC void choose_start(Rule& rule, const Cursor& c, const RuleCatalogue* base, const EventIds& known,
                                    const std::string& origin) {
  auto start = read_event_ids(c, known, base, true);
  if (start.empty()) return;
  if (rule.start_choices.empty()) {
    c.problem("the rule " + quote(rule.id) + " does not leave its start event to local choice");
    return;
  }
  const bool allowed = std::any_of(rule.start_choices.begin(), rule.start_choices.end(),
                                   [&](const std::vector<std::string>& choice) { return same_set(choice, start); });
  if (!allowed) {
    c.problem("not one of the choices the rule " + quote(rule.id) + " allows: " + choices_text(rule));
    return;
  }
  rule.start = std::move(start);
  for (auto& e : rule.editions) e.start.clear();  // the partnership's choice holds whatever the edition
  rule.origin = origin + " (local choice of start)";
}

/// The local choice of what a repeated start does: one of the values the rule allows.
SAFEGUARDING_FUNC void choose_repeat(Rule& rule, const Cursor& c, const std::string& origin) {
  auto name = c.one_of({"each", "latest", "first", "earliest"});
  if (!name) return;
  const Repeat repeat = *repeat_from_name(*name);
  if (rule.repeat_choices.empty()) {
    c.problem("the rule " + quote(rule.id) + " does not leave \"repeat\" to local choice");
    return;
  }
  if (std::find(rule.repeat_choices.begin(), rule.repeat_choices.end(), repeat) == rule.repeat_choices.end()) {
    std::string list;
    for (Repeat r : rule.repeat_choices) list += (list.empty() ? "" : "; ") + std::string(repeat_name(r));
    c.problem("not one of the choices the rule " + quote(rule.id) + " allows: " + list);
    return;
  }
  rule.repeat = repeat;
  rule.origin = origin + " (local choice of repeat)";
}

/// One "local_choices" entry: the start events or the repeat the rule allows, chosen.
SAFEGUARDING_FUNC void apply_local_choice(const std::string& id, const Cursor& choice, std::vector<Rule>& rules,
                                          const RuleCatalogue* base, const EventIds& known, const std::string& origin) {
  auto rule = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == id; });
  if (rule == rules.end()) {
    choice.problem(base ? base->unknown_rule_message(id) : quote(id) + " is not a rule of this file");
    return;
  }
  if (!choice.expect_object()) return;
  choice.reject_unknown_keys({"start", "repeat"});
  if (choice["start"].present()) choose_start(*rule, choice["start"], base, known, origin);
  if (choice["repeat"].present()) choose_repeat(*rule, choice["repeat"], origin);
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
    // Version 2 (this release) added editions' own start events, conditions on events and dates,
    // "restart", "earliest" and source wording; a version 1 file reads unchanged, except where it
    // names a rule that changed shape (an Error says what changed: see retired_rules).
    auto v = root["version"].integer();
    if (v && *v != 1 && *v != 2)
      root["version"].problem("this release reads rule files of version 1 or 2, got " + std::to_string(*v));
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
