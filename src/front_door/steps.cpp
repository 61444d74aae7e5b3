// Preparing the steps between levels of need: the contact each follows, its levels in the version
// in force on its date, its direction and whether the document lists it; and whether a step-down
// to early help was re-escalated within 12 months.
#include "safeguarding/front_door/prepare.hpp"

#include <algorithm>

#include "preparer.hpp"
#include "safeguarding/support/civil.hpp"

namespace safeguarding::inline v0::front_door::detail {

SAFEGUARDING_FUNC void Preparer::reset_step_columns(std::size_t m) {
  auto& t = r_.steps;
  t.use.assign(m, static_cast<std::uint8_t>(RecordUse::used));
  t.date.assign(s_.date.begin(), s_.date.end());
  t.contact_row.assign(m, -1);
  t.version.assign(m, -1);
  t.from_level.assign(m, -1);
  t.to_level.assign(m, -1);
  t.direction.assign(m, 0);
  t.allowed.assign(m, 0);
  t.to_early_help.assign(m, 0);
  t.re_escalation.assign(m, re_escalation_not_applicable);
  t.re_escalation_date.assign(m, nat);
  t.followed_up.assign(m, 0);
}

SAFEGUARDING_FUNC void Preparer::steps() {
  const std::size_t m = s_.size();
  reset_step_columns(m);
  auto& t = r_.steps;
  const LevelLookup from(s_.from_level, r_.versions, r_.levels);
  const LevelLookup to(s_.to_level, r_.versions, r_.levels);
  for (std::size_t j = 0; j < m; ++j) {
    reject_ = false;
    const std::int64_t day = s_.date[j];
    if (s_.child[j] == nat)
      finding("steps", j, "child", "", "the step names no child", returns::FindingAction::rejected);
    if (day == nat) {
      finding("steps", j, "date", "", "the step has no date", returns::FindingAction::rejected);
    } else if (!cal_.covers(day)) {
      finding("steps", j, "date", format_days(day), outside_text(day), returns::FindingAction::rejected);
    } else if (after_as_of(day) && !reject_) {
      t.use[j] = static_cast<std::uint8_t>(RecordUse::after_as_of);
      continue;
    }
    const std::int64_t contact_row = step_contact(j);
    std::optional<std::size_t> version;
    std::int8_t ranks[2] = {-1, -1};
    if (!step_levels(j, from, to, version, ranks) || reject_) {
      t.use[j] = static_cast<std::uint8_t>(RecordUse::rejected);
      continue;
    }
    t.contact_row[j] = contact_row;
    resolve_step(j, *version, ranks, from, to);
  }
  count(t.use, r_.step_counts);
}

/// The contact a step follows: the one it names, or the child's latest on or before its date.
SAFEGUARDING_FUNC std::int64_t Preparer::step_contact(std::size_t j) {
  constexpr auto rejected = returns::FindingAction::rejected;
  const std::int64_t day = s_.date[j], child = s_.child[j];
  const std::int64_t named = s_.contact.empty() ? nat : s_.contact[j];
  if (named != nat) {
    auto it = contact_by_id_.find(named);
    if (it == contact_by_id_.end()) {
      finding(
          "steps", j, "contact", "",
          "no contact in use has this id (the contact was not given, was rejected or is dated after the as-of date)",
          rejected);
    } else if (child != nat && c_.child[it->second] != child) {
      finding("steps", j, "contact", "",
              "the contact (row " + row_number("contacts", it->second) + ") is about another child", rejected);
    } else if (day != nat && c_.date[it->second] > day) {
      finding("steps", j, "contact", "",
              "the contact (row " + row_number("contacts", it->second) + ", " + format_days(c_.date[it->second]) +
                  ") is after the step",
              rejected);
    } else {
      return static_cast<std::int64_t>(it->second);
    }
    return -1;
  }
  if (child == nat || day == nat) return -1;
  auto it =
      std::upper_bound(by_child_.begin(), by_child_.end(), std::pair<std::int64_t, std::int64_t>{child, day},
                       [&](const std::pair<std::int64_t, std::int64_t>& key, std::size_t row) {
                         return key.first != c_.child[row] ? key.first < c_.child[row] : key.second < c_.date[row];
                       });
  if (it != by_child_.begin() && c_.child[*std::prev(it)] == child) return static_cast<std::int64_t>(*std::prev(it));
  finding("steps", j, "child", "", "the child has no contact on or before the step's date " + format_days(day),
          rejected);
  return -1;
}

/// The step's levels in the version in force on its date (`ranks` in that version's order); false
/// when the step cannot be used.
SAFEGUARDING_FUNC bool Preparer::step_levels(std::size_t j, const LevelLookup& from, const LevelLookup& to,
                                             std::optional<std::size_t>& version, std::int8_t (&ranks)[2]) {
  constexpr auto rejected = returns::FindingAction::rejected;
  const std::int64_t day = s_.date[j];
  if (day != nat && cal_.covers(day)) {
    version = version_on(day);
    if (!version)
      finding("steps", j, "date", format_days(day),
              "no version of the threshold document is in force on " + format_days(day), rejected);
  }
  const Codes* columns[2] = {&s_.from_level, &s_.to_level};
  const LevelLookup* lookups[2] = {&from, &to};
  const std::string_view names[2] = {"from_level", "to_level"};
  for (int side = 0; side < 2; ++side) {
    const std::int32_t code = columns[side]->at(j);
    if (code < 0) {
      finding("steps", j, names[side], "",
              side == 0 ? "the step has no level to step from" : "the step has no level to step to", rejected);
      continue;
    }
    if (!version) continue;
    const std::string& value = columns[side]->values[static_cast<std::size_t>(code)];
    ranks[side] = lookups[side]->rank[*version][static_cast<std::size_t>(code)];
    if (ranks[side] < 0)
      finding("steps", j, names[side], value,
              quote(value) + " is not a level of the threshold document in force on " + format_days(day) + " (" +
                  version_text(*version) + ")",
              rejected);
  }
  if (!reject_ && ranks[0] == ranks[1])
    finding("steps", j, "to_level", s_.to_level.values[static_cast<std::size_t>(s_.to_level.at(j))],
            "not a step: the levels are the same", rejected);
  return !reject_;
}

/// A used step: its levels, direction, whether the version lists the move (reported when not) and
/// whether it steps down from social care to early help.
SAFEGUARDING_FUNC void Preparer::resolve_step(std::size_t j, std::size_t version, const std::int8_t (&ranks)[2],
                                              const LevelLookup& from, const LevelLookup& to) {
  auto& t = r_.steps;
  const ThresholdVersion& v = r_.versions[version];
  const LevelOfNeed& a = v.levels[static_cast<std::size_t>(ranks[0])];
  const LevelOfNeed& b = v.levels[static_cast<std::size_t>(ranks[1])];
  t.version[j] = static_cast<std::int32_t>(version);
  t.from_level[j] = from.index[static_cast<std::size_t>(s_.from_level.at(j))];
  t.to_level[j] = to.index[static_cast<std::size_t>(s_.to_level.at(j))];
  t.direction[j] = ranks[1] > ranks[0] ? 1 : -1;
  t.allowed[j] = v.allows(a.id, b.id) ? 1 : 0;
  if (!t.allowed[j]) {
    const auto& list = t.direction[j] > 0 ? a.step_up : a.step_down;
    std::string listed;
    for (const auto& id : list) listed += (listed.empty() ? "" : ", ") + quote(id);
    finding("steps", j, "to_level", b.id,
            "the threshold document in force (" + quote(v.title.empty() ? v.id : v.title) + ") does not list a " +
                (t.direction[j] > 0 ? "step-up" : "step-down") + " from " + quote(a.id) + " to " + quote(b.id) + " (" +
                (listed.empty() ? "it lists none" : "it lists " + listed) + "): counted, and reported",
            returns::FindingAction::kept);
  }
  t.to_early_help[j] = t.direction[j] < 0 && a.kind == NeedKind::social_care && b.kind == NeedKind::early_help ? 1 : 0;
}

/// A step-down to early help is re-escalated when, within 12 months after it, the child is
/// referred again or stepped up to a social care level; it is followed up when those 12 months
/// have passed by the as-of date (until then, a step-down not yet re-escalated is awaiting).
SAFEGUARDING_FUNC void Preparer::re_escalations() {
  auto& t = r_.steps;
  const auto& k = r_.contacts;
  std::vector<std::pair<std::int64_t, std::int64_t>> events;  // (child, day) of referrals and step-ups into social care
  for (std::size_t i : by_child_)
    if (k.referral[i]) events.emplace_back(c_.child[i], c_.date[i]);
  for (std::size_t j = 0; j < t.use.size(); ++j)
    if (used(t.use[j]) && t.direction[j] > 0 &&
        r_.level_kinds[static_cast<std::size_t>(t.to_level[j])] == NeedKind::social_care)
      events.emplace_back(s_.child[j], s_.date[j]);
  std::sort(events.begin(), events.end());
  for (std::size_t j = 0; j < t.use.size(); ++j) {
    if (!t.to_early_help[j]) continue;
    const std::int64_t child = s_.child[j], day = s_.date[j];
    const std::int64_t limit = support::add_months_to_days(day, 12);
    const bool followed = r_.as_of != nat && limit <= r_.as_of;
    t.followed_up[j] = followed ? 1 : 0;
    auto it = std::upper_bound(events.begin(), events.end(), std::pair<std::int64_t, std::int64_t>{child, day});
    if (it != events.end() && it->first == child && it->second <= limit) {
      t.re_escalation[j] = 1;
      t.re_escalation_date[j] = it->second;
    } else {
      t.re_escalation[j] = followed ? 0 : re_escalation_awaiting;
    }
  }
}

}  // namespace safeguarding::inline v0::front_door::detail
