#include "safeguarding/timeliness/engine.hpp"

#include <algorithm>
#include <limits>

#include "compiled.hpp"

namespace safeguarding::inline v0::timeliness::detail {

/// The condition of a timescale variant, against the attribute columns given; `tested` gives each
/// event type tested by a "happened" condition its bit.
SAFEGUARDING_FUNC CompiledCondition compile_condition(const Condition& cond, const EventsView& events,
                                                      const RuleCatalogue& catalogue, std::vector<std::int8_t>& tested,
                                                      std::size_t& bits) {
  CompiledCondition c;
  c.kind = cond.kind;
  c.chain_row = cond.of == AttributeOf::chain_start;
  c.missing_not_met = cond.missing_not_met;
  c.want = cond.is;
  c.due = cond.due;
  if (cond.below) c.below = *cond.below;
  if (cond.at_least) c.at_least = *cond.at_least;
  if (cond.plus) {
    c.plus = cond.plus->amount();
    c.plus_unit = cond.plus->unit();
  }
  if (cond.kind == ConditionKind::happened) {
    auto& bit = tested[static_cast<std::size_t>(catalogue.event(cond.event))];
    if (bit < 0) {
      if (bits >= max_tested_events)
        throw Error("the selected rules' conditions test more than " + std::to_string(max_tested_events) +
                    " event types");
      bit = static_cast<std::int8_t>(bits++);
    }
    c.bit = bit;
    return c;
  }
  if (cond.kind == ConditionKind::date_before && cond.attribute.empty()) {
    c.column = -2;
    return c;
  }
  for (std::size_t a = 0; a < events.attributes.size(); ++a) {
    if (events.attributes[a].name != cond.attribute) continue;
    c.column = static_cast<std::int32_t>(a);
    const auto& cats = events.attributes[a].categories;
    if (cond.categorical()) {
      if (cats.empty())
        throw Error("column " + quote(cond.attribute) + " holds numbers, but a rule compares it with categories (" +
                    cond.str() + ")");
      c.accepted.assign(cats.size(), 0);
      for (std::size_t k = 0; k < cats.size(); ++k)
        c.accepted[k] = std::find(cond.in.begin(), cond.in.end(), cats[k]) != cond.in.end() ? 1 : 0;
    } else if (!cats.empty()) {
      throw Error("column " + quote(cond.attribute) + " holds categories, but a rule reads it as " +
                  (cond.kind == ConditionKind::date_before ? "dates" : "numbers") + " (" + cond.str() + ")");
    }
  }
  return c;
}

SAFEGUARDING_FUNC CompiledEdition compile_edition(const Rule& rule, const RuleEdition& e, const EventsView& events,
                                                  const RuleCatalogue& catalogue, std::vector<std::int8_t>& tested,
                                                  std::size_t& bits) {
  CompiledEdition c;
  c.from = to_days(e.from);
  c.until = e.until ? to_days(*e.until) : std::numeric_limits<std::int64_t>::max();
  for (const auto& id : rule.start_of(e)) c.starts.push_back(catalogue.event(id));
  for (const auto& b : e.bands) c.bands.emplace_back(b.amount(), b.unit());
  if (!e.bands.empty()) {
    c.variants.push_back(CompiledVariant{{}, e.bands.back().amount(), e.bands.back().unit()});
    return c;
  }
  for (const auto& v : e.timescales) {
    CompiledVariant cv;
    cv.amount = v.timescale.amount();
    cv.unit = v.timescale.unit();
    for (const auto& cond : v.when) cv.when.push_back(compile_condition(cond, events, catalogue, tested, bits));
    c.variants.push_back(std::move(cv));
  }
  return c;
}

/// The rules selected by id (every rule when none is named), each bringing its whole chain.
SAFEGUARDING_FUNC std::vector<std::uint8_t> selected_rules(const RuleCatalogue& catalogue,
                                                           const std::vector<std::string>& ids) {
  std::vector<std::uint8_t> selected(catalogue.rules().size(), ids.empty() ? 1 : 0);
  Problems problems;
  for (const auto& id : ids) {
    auto i = catalogue.rule_index(id);
    if (!i) {
      problems.add("rules", catalogue.unknown_rule_message(id));
      continue;
    }
    for (std::size_t link : catalogue.chain_of(*i)) selected[link] = 1;
  }
  problems.throw_if_any();
  return selected;
}

/// The track of the rule (or chain) whose first link is rule `first`.
SAFEGUARDING_FUNC Track compile_track(const RuleCatalogue& catalogue, std::size_t first, const EventsView& events,
                                      std::vector<std::int8_t>& tested, std::size_t& bits) {
  const auto& rules = catalogue.rules();
  const auto chain = catalogue.chain_of(first);
  const Rule& head = rules[first];
  Track t;
  t.chain = chain.size() > 1 || head.recurring;
  t.recurring_last = rules[chain.back()].recurring;
  t.repeat = head.repeat;
  t.restart = head.restart;
  t.early_stop = head.early_stop || head.direction == Direction::backward;
  for (std::size_t r : chain) {
    Link link;
    link.rule = static_cast<std::int32_t>(r);
    link.backward = rules[r].direction == Direction::backward;
    for (const auto& e : rules[r].editions) {
      link.editions.push_back(compile_edition(rules[r], e, events, catalogue, tested, bits));
      link.edition_starts = link.edition_starts || !e.start.empty();
    }
    // Only editions with their own starts are checked; the others take every start dispatched.
    if (!link.edition_starts)
      for (auto& e : link.editions) e.starts.clear();
    t.links.push_back(std::move(link));
  }
  return t;
}

SAFEGUARDING_FUNC CompiledRules compile_rules(const RuleCatalogue& catalogue, const EventsView& events,
                                              const std::vector<std::string>& ids) {
  const auto& rules = catalogue.rules();
  const auto selected = selected_rules(catalogue, ids);
  CompiledRules out;
  out.dispatch.assign(catalogue.events().size(), {});
  out.tested.assign(catalogue.events().size(), -1);
  std::size_t bits = 0;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (!selected[i] || rules[i].is_link()) continue;
    const auto track = static_cast<std::int32_t>(out.tracks.size());
    auto add = [&](const std::vector<std::string>& event_ids, Role role) {
      for (const auto& id : event_ids)
        out.dispatch[static_cast<std::size_t>(catalogue.event(id))].push_back(Dispatch{track, role});
    };
    add(rules[i].all_starts(), Role::start);
    add(rules[i].stop, Role::stop);
    add(rules[i].end, Role::end);
    out.tracks.push_back(compile_track(catalogue, i, events, out.tested, bits));
  }
  out.any_tested = bits > 0;
  return out;
}

}  // namespace safeguarding::inline v0::timeliness::detail
