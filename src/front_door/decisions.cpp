// Referrals, re-referrals and the decision's timeliness of the used contacts.
#include "safeguarding/front_door/prepare.hpp"

#include <algorithm>

#include "preparer.hpp"
#include "safeguarding/re_referrals.hpp"
#include "safeguarding/timeliness.hpp"

namespace safeguarding::inline v0::front_door::detail {

/// Used contacts in order of (child, date, row), and by id.
SAFEGUARDING_FUNC void Preparer::index_children() {
  const auto& k = r_.contacts;
  by_child_.clear();
  for (std::size_t i = 0; i < k.use.size(); ++i)
    if (used(k.use[i])) by_child_.push_back(i);
  std::sort(by_child_.begin(), by_child_.end(), [&](std::size_t a, std::size_t b) {
    if (c_.child[a] != c_.child[b]) return c_.child[a] < c_.child[b];
    if (c_.date[a] != c_.date[b]) return c_.date[a] < c_.date[b];
    return a < b;
  });
  contact_by_id_.clear();
  for (std::size_t i : by_child_) contact_by_id_.emplace(c_.contact[i], i);
}

/// Re-referrals as the CIN census counts them (previous_referrals, re_referrals.hpp), among the
/// used contacts that are referrals.
SAFEGUARDING_FUNC void Preparer::re_referrals() {
  auto& k = r_.contacts;
  std::vector<std::size_t> rows;
  std::vector<std::int64_t> child, day;
  for (std::size_t i = 0; i < k.use.size(); ++i)
    if (used(k.use[i]) && k.referral[i]) {
      rows.push_back(i);
      child.push_back(c_.child[i]);
      day.push_back(c_.date[i]);
    }
  const std::vector<std::int64_t> previous = previous_referrals(child, day);
  for (std::size_t j = 0; j < rows.size(); ++j)
    if (previous[j] >= 0) {
      k.re_referral[rows[j]] = 1;
      k.previous_referral[rows[j]] = static_cast<std::int64_t>(rows[static_cast<std::size_t>(previous[j])]);
    }
}

/// The decision's timeliness from the engine: a clock-start event on the contact's date and a
/// stop event on the decision's, one case per contact.
SAFEGUARDING_FUNC void Preparer::decisions() {
  const Rule& rule = catalogue_.rule(options_.decision_rule);
  if (rule.start.empty() || rule.stop.empty())
    throw Error("front door: the decision rule " + quote(rule.id) + " needs a start and a stop event");
  const auto start = static_cast<std::int32_t>(*catalogue_.event_index(rule.start.front()));
  const auto stop = static_cast<std::int32_t>(*catalogue_.event_index(rule.stop.front()));
  auto& k = r_.contacts;
  std::vector<std::int64_t> case_id, time;
  std::vector<std::int32_t> event;
  for (std::size_t i = 0; i < k.use.size(); ++i) {
    if (!used(k.use[i])) continue;
    case_id.push_back(static_cast<std::int64_t>(i));
    event.push_back(start);
    time.push_back(c_.date[i]);
    if (k.decision_date[i] != nat) {
      case_id.push_back(static_cast<std::int64_t>(i));
      event.push_back(stop);
      time.push_back(k.decision_date[i]);
    }
  }
  if (r_.as_of != nat)
    if (const RuleEdition* e = rule.edition_on(from_days(r_.as_of)); e != nullptr)
      r_.decision_timescale = e->timescale_text();
  if (case_id.empty()) return;
  const timeliness::EventsView events{case_id, event, time, {}, {}};
  timeliness::EngineOptions options;
  options.calendar = p_.calendar;
  options.as_of = r_.as_of == nat ? std::nullopt : std::optional<std::int64_t>(r_.as_of);
  options.rules = {rule.id};
  options.threads = 1;
  const timeliness::EngineResult result = timeliness::compute(catalogue_, events, options);
  const auto rule_index = static_cast<std::int32_t>(*catalogue_.rule_index(rule.id));
  const auto& in = result.instances;
  for (std::size_t x = 0; x < in.size(); ++x) {
    if (in.rule[x] != rule_index || in.sequence[x] != 1) continue;
    // Each event's case is its contact's row.
    const auto row = static_cast<std::size_t>(case_id[static_cast<std::size_t>(in.start_row[x])]);
    k.decision_status[row] = static_cast<std::int8_t>(in.status[x]);
    k.decision_working_days[row] = in.duration_working_days[x];
  }
}

}  // namespace safeguarding::inline v0::front_door::detail
