// The front door's measures: each counted per cell of a grouping, then its derived columns.
#include "safeguarding/front_door/measures.hpp"

#include <cmath>

#include "safeguarding/support/names.hpp"
#include "tally.hpp"

namespace safeguarding::inline v0::front_door {

namespace detail {

SAFEGUARDING_FUNC Keys::Keys(const Records& r, const Grouping& g, bool steps) {
  if (steps) {
    const auto& t = r.steps;
    if (g.agency) {
      agency.resize(t.use.size(), -1);
      for (std::size_t j = 0; j < t.use.size(); ++j)
        if (t.contact_row[j] >= 0) agency[j] = r.contacts.agency[static_cast<std::size_t>(t.contact_row[j])];
    }
    if (g.level != LevelKey::none) level = g.level == LevelKey::decided ? t.from_level : t.to_level;
    if (g.version) version = t.version;
  } else {
    const auto& k = r.contacts;
    if (g.agency) agency = k.agency;
    if (g.level != LevelKey::none) level = g.level == LevelKey::decided ? k.decided_level : k.referrer_level;
    if (g.version) version = k.version;
  }
  if (g.agency) columns.push_back({"agency", &agency, static_cast<std::int32_t>(r.sources.size())});
  if (g.level != LevelKey::none)
    columns.push_back({steps ? (g.level == LevelKey::decided ? "from_level" : "to_level")
                             : (g.level == LevelKey::decided ? "level" : "referrer_level"),
                       &level, static_cast<std::int32_t>(r.levels.size())});
  if (g.version) columns.push_back({"version", &version, static_cast<std::int32_t>(r.versions.size())});
}

SAFEGUARDING_FUNC std::vector<std::uint8_t> used_rows(const std::vector<std::uint8_t>& use) {
  std::vector<std::uint8_t> out(use.size());
  for (std::size_t i = 0; i < use.size(); ++i) out[i] = use[i] == static_cast<std::uint8_t>(RecordUse::used) ? 1 : 0;
  return out;
}

/// A derived column: the sum of the `part` counts, as a whole number (no `whole`) or as a
/// percentage of the sum of the `whole` counts (NaN when that is 0).
struct Derived {
  std::string_view name;
  std::vector<std::string_view> part, whole;
};

SAFEGUARDING_FUNC std::vector<Derived> derived_of(Measure m) {
  switch (m) {
    case Measure::decisions:
      return {{"in_timescale", {"met"}, {}},
              {"out_of_timescale", {"late", "overdue"}, {}},
              {"percent_in_timescale", {"met"}, {"met", "late", "overdue"}}};
    case Measure::volumes:
      return {{"percent_re_referrals", {"re_referrals"}, {"referrals"}}};
    case Measure::conversion:
      return {{"percent_referred", {"referrals"}, {"contacts"}},
              {"percent_assessed", {"assessments"}, {"referrals"}},
              {"percent_to_plan", {"plans"}, {"assessments"}}};
    case Measure::assessment_outcomes:
      return {{"percent_nfa", {"nfa"}, {"assessments"}}};
    case Measure::agreement:
      return {{"percent_agree", {"agree"}, {"rated"}},
              {"percent_over", {"over"}, {"rated"}},
              {"percent_under", {"under"}, {"rated"}}};
    case Measure::reliance:
      return {{"percent_resolved_below", {"resolved_below"}, {"decided"}}};
    case Measure::steps:
      return {{"percent_re_escalated", {"re_escalated_followed_up"}, {"followed_up"}}};
  }
  return {};
}

SAFEGUARDING_FUNC std::int64_t sum_of(const MeasureTable& t, const std::vector<std::string_view>& names,
                                      std::size_t row) {
  std::int64_t n = 0;
  for (std::string_view name : names) n += t.count(name)[row];
  return n;
}

/// Adds the measure's derived columns to its table.
SAFEGUARDING_FUNC void add_derived(MeasureTable& t, Measure m) {
  for (const Derived& d : derived_of(m)) {
    const bool percent = !d.whole.empty();
    std::vector<std::int64_t> whole_numbers;
    std::vector<double> percents;
    for (std::size_t row = 0; row < t.size(); ++row) {
      const std::int64_t part = sum_of(t, d.part, row);
      if (!percent) {
        whole_numbers.push_back(part);
        continue;
      }
      const std::int64_t whole = sum_of(t, d.whole, row);
      percents.push_back(whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole)
                                   : std::numeric_limits<double>::quiet_NaN());
    }
    (percent ? t.value_names : t.count_names).emplace_back(d.name);
    if (percent)
      t.values.push_back(std::move(percents));
    else
      t.counts.push_back(std::move(whole_numbers));
  }
}

/// The counts of one measure for one row (`c`: the row's cell's counters).
SAFEGUARDING_FUNC void count_contact(const Records& r, Measure m, std::size_t i, std::int64_t* c) {
  const auto& k = r.contacts;
  auto assessment_is = [&](AssessmentOutcome a) { return k.assessment_outcome[i] == static_cast<std::int8_t>(a); };
  auto outcome_is = [&](Outcome o) { return k.outcome[i] == static_cast<std::int8_t>(o); };
  switch (m) {
    case Measure::decisions: {
      ++c[0];
      if (k.decision_date[i] != nat) ++c[1];
      const std::int8_t status = k.decision_status[i];
      ++c[status >= 0 && status <= 3 ? 2 + status : 6];
      return;
    }
    case Measure::volumes:
      ++c[0];
      c[1] += k.referral[i];
      c[2] += k.re_referral[i];
      return;
    case Measure::conversion: {
      ++c[0];
      c[1] += k.referral[i];
      if (k.assessment_date[i] == nat) return;
      ++c[2];
      const bool cin = assessment_is(AssessmentOutcome::cin), cp = assessment_is(AssessmentOutcome::cp);
      c[3] += cin || cp ? 1 : 0;
      c[4] += cin ? 1 : 0;
      c[5] += cp ? 1 : 0;
      return;
    }
    case Measure::assessment_outcomes:
      if (k.assessment_date[i] == nat) return;
      ++c[0];
      ++c[k.assessment_outcome[i] >= 0 ? 1 + k.assessment_outcome[i] : 7];
      return;
    case Measure::agreement: {
      ++c[0];
      const std::int8_t a = k.referrer_rank[i], b = k.decided_rank[i];
      if (a < 0 || b < 0) return;
      ++c[1];
      ++c[a == b ? 2 : a > b ? 3 : 4];
      return;
    }
    case Measure::reliance: {
      ++c[0];
      if (k.decision_date[i] == nat) return;
      ++c[1];
      if (k.outcome[i] < 0) return void(++c[7]);
      const bool nfa = outcome_is(Outcome::nfa), advice = outcome_is(Outcome::advice),
                 early = outcome_is(Outcome::early_help);
      c[2] += nfa ? 1 : 0;
      c[3] += advice ? 1 : 0;
      c[4] += early ? 1 : 0;
      c[5] += nfa || advice || early ? 1 : 0;
      c[6] += k.referral[i];
      return;
    }
    case Measure::steps:
      return;
  }
}

SAFEGUARDING_FUNC void count_step(const Records& r, std::size_t j, std::int64_t* c) {
  const auto& t = r.steps;
  ++c[0];
  ++c[t.direction[j] > 0 ? 1 : 2];
  c[3] += t.allowed[j] ? 0 : 1;
  if (!t.to_early_help[j]) return;
  ++c[4];
  const std::int8_t e = t.re_escalation[j];
  c[5] += e == 1 ? 1 : 0;
  c[6] += e == re_escalation_awaiting ? 1 : 0;
  if (!t.followed_up[j]) return;
  ++c[7];
  c[8] += e == 1 ? 1 : 0;
}

}  // namespace detail

SAFEGUARDING_FUNC const std::vector<double>& MeasureTable::value(std::string_view name) const {
  for (std::size_t c = 0; c < value_names.size(); ++c)
    if (value_names[c] == name) return values[c];
  std::string list;
  for (const auto& n : value_names) list += (list.empty() ? "" : ", ") + n;
  throw Error("no value " + quote(name) + " in the table (its values: " + (list.empty() ? "none" : list) + ")");
}

SAFEGUARDING_FUNC std::vector<std::string> measure_columns(Measure m) {
  switch (m) {
    case Measure::decisions:
      return {"contacts", "decided", "met", "late", "overdue", "open", "not_judged"};
    case Measure::volumes:
      return {"contacts", "referrals", "re_referrals"};
    case Measure::conversion:
      return {"contacts", "referrals", "assessments", "plans", "cin", "cp"};
    case Measure::assessment_outcomes:
      return {"assessments", "nfa", "early_help", "cin", "cp", "looked_after", "other", "not_recorded"};
    case Measure::agreement:
      return {"contacts", "rated", "agree", "over", "under"};
    case Measure::reliance:
      return {"contacts", "decided", "nfa", "advice", "early_help", "resolved_below", "referred", "no_outcome"};
    case Measure::steps:
      return {"steps",       "step_ups",      "step_downs",
              "not_allowed", "to_early_help", "re_escalated",
              "awaiting",    "followed_up",   "re_escalated_followed_up"};
  }
  return {};
}

SAFEGUARDING_FUNC std::vector<std::string> measure_derived_columns(Measure m) {
  std::vector<std::string> out;
  if (m == Measure::agreement) out.emplace_back("kappa");
  for (const auto& d : detail::derived_of(m)) out.emplace_back(d.name);
  return out;
}

SAFEGUARDING_FUNC Measure measure_of(std::string_view name) {
  if (auto m = support::enum_from_name<Measure>(name, measure_names)) return *m;
  throw Error(support::not_one_of(name, measure_names));
}

SAFEGUARDING_FUNC MeasureTable tabulate(const Records& r, Measure m, const Grouping& g) {
  const bool on_steps = m == Measure::steps;
  const detail::Keys keys(r, g, on_steps);
  const auto include = detail::used_rows(on_steps ? r.steps.use : r.contacts.use);
  const std::span<const std::int64_t> dates = on_steps ? r.steps.date : r.contacts.date;
  MeasureTable out = on_steps
                         ? detail::tally(dates, include, g.period, keys.columns, measure_columns(m),
                                         [&](std::size_t j, std::int64_t* c) { detail::count_step(r, j, c); })
                         : detail::tally(dates, include, g.period, keys.columns, measure_columns(m),
                                         [&](std::size_t i, std::int64_t* c) { detail::count_contact(r, m, i, c); });
  if (m == Measure::agreement) {
    out.value_names = {"kappa"};
    out.values.assign(1, detail::kappa_per_cell(r, g, out, keys.columns.size()));
  }
  detail::add_derived(out, m);
  return out;
}

SAFEGUARDING_FUNC Grouping grouping_of(const std::vector<std::string>& by, bool steps) {
  static constexpr std::array<std::string_view, 6> contact_keys = {"month",  "quarter", "year",
                                                                   "agency", "level",   "referrer_level"};
  static constexpr std::array<std::string_view, 7> step_keys = {"month", "quarter",    "year",    "agency",
                                                                "level", "from_level", "to_level"};
  Grouping g;
  std::vector<std::string> unknown;
  int periods = 0, levels = 0;
  for (const std::string& key : by) {
    const bool known = steps ? support::enum_from_name<std::size_t>(key, step_keys).has_value()
                             : support::enum_from_name<std::size_t>(key, contact_keys).has_value();
    if (key == "version") {
      g.version = true;
    } else if (!known) {
      unknown.push_back(quote(key));
    } else if (key == "month" || key == "quarter" || key == "year") {
      ++periods;
      g.period = key == "month"     ? timeliness::SummaryPeriod::month
                 : key == "quarter" ? timeliness::SummaryPeriod::quarter
                                    : timeliness::SummaryPeriod::year;
    } else if (key == "agency") {
      g.agency = true;
    } else {
      ++levels;
      g.level = key == "level" || key == "from_level" ? LevelKey::decided : LevelKey::referrer;
    }
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& k : unknown) list += (list.empty() ? "" : ", ") + k;
    throw Error("by: " + list + " is not one of: " +
                (steps ? support::name_list(step_keys) : support::name_list(contact_keys)) + ", version");
  }
  if (periods > 1 || levels > 1) {
    std::string list;
    for (const auto& k : by) list += (list.empty() ? "" : ", ") + k;
    throw Error("by: group by one period and one level at most, got " + list);
  }
  return g;
}

}  // namespace safeguarding::inline v0::front_door
