#include "safeguarding/returns/annex_a/checks.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "../../support/values.hpp"
#include "safeguarding/support/civil.hpp"

namespace safeguarding::inline v0::returns::annex_a {

namespace detail {
inline constexpr Check check_list[] = {
    {8, "latest statutory review", "date_of_latest_statutory_review", "lac.review.first",
     "date_ceased_to_be_looked_after", "date_started_to_be_looked_after"},
    {8, "last social work visit", "date_of_last_social_work_visit", "lac.visit", "date_ceased_to_be_looked_after", ""},
    {8, "last health assessment", "date_of_last_health_assessment", "lac.health.review",
     "date_ceased_to_be_looked_after", ""},
    {7, "last statutory visit", "date_of_last_statutory_visit", "cp.visit", "cpp_end_date", ""},
    {7, "latest review conference", "date_of_latest_review_conference", "rcpc.first", "cpp_end_date", "cpp_start_date"},
};
}  // namespace detail

SAFEGUARDING_FUNC std::span<const Check> checks() noexcept {
  return detail::check_list;
}

SAFEGUARDING_FUNC std::int64_t list_date(const std::vector<std::vector<std::int64_t>>& date_columns) {
  std::int64_t latest = nat;
  for (const auto& column : date_columns)
    for (const auto day : column) latest = std::max(latest, day);
  return latest;
}

SAFEGUARDING_FUNC ListDate choose_list_date(const std::vector<std::vector<std::int64_t>>& date_columns,
                                            std::int64_t today, std::int64_t gap_days) {
  struct At {
    std::int64_t day;
    std::int32_t column;
    std::int64_t position;
  };
  std::vector<At> dates;
  ListDate out;
  for (std::size_t c = 0; c < date_columns.size(); ++c)
    for (std::size_t i = 0; i < date_columns[c].size(); ++i) {
      const std::int64_t d = date_columns[c][i];
      if (d == nat) continue;
      if (d > today) {
        out.excluded.emplace_back(static_cast<std::int32_t>(c), static_cast<std::int64_t>(i));
        out.why.push_back(format_days(d) + " is after today (" + format_days(today) +
                          "): a mistyped date? It is not used to choose the list date");
        continue;
      }
      dates.push_back(At{d, static_cast<std::int32_t>(c), static_cast<std::int64_t>(i)});
    }
  std::sort(dates.begin(), dates.end(), [](const At& a, const At& b) { return a.day > b.day; });
  std::size_t top = 0;
  while (top + 1 < dates.size() && dates[top].day - dates[top + 1].day > gap_days) {
    out.excluded.emplace_back(dates[top].column, dates[top].position);
    out.why.push_back(format_days(dates[top].day) + " is " + std::to_string(dates[top].day - dates[top + 1].day) +
                      " days after the next latest date of the lists (" + format_days(dates[top + 1].day) +
                      "): a mistyped date? It is not used to choose the list date");
    ++top;
  }
  if (top >= dates.size()) {
    out.reason = "the lists hold no date on or before today";
    return out;
  }
  out.day = dates[top].day;
  out.reason = "the latest of the lists' " + std::to_string(dates.size() - top) + " dates on or before today (" +
               format_days(today) + ")";
  if (!out.excluded.empty())
    out.reason += ", leaving out " + std::to_string(out.excluded.size()) + " date" +
                  (out.excluded.size() == 1 ? "" : "s") + " after today or far after all others (see findings)";
  return out;
}

SAFEGUARDING_FUNC TextDates read_text_dates(const std::vector<std::string>& texts, bool dayfirst) {
  TextDates out;
  out.days.reserve(texts.size());
  out.problems.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string_view t = support::detail::trim(texts[i]);
    std::string problem;
    std::int64_t day = nat;
    if (!t.empty()) {
      if (const auto parts = support::slash_parts(t)) {
        if (parts->first > 12 && parts->second <= 12) out.day_first.push_back(static_cast<std::int64_t>(i));
        if (parts->second > 12 && parts->first <= 12) out.month_first.push_back(static_cast<std::int64_t>(i));
      }
      if (const auto d = support::ValueReader::date(t, problem, dayfirst)) day = *d;
    }
    out.days.push_back(day);
    out.problems.push_back(std::move(problem));
  }
  return out;
}

SAFEGUARDING_FUNC std::string_view status_name(std::uint8_t status) noexcept {
  if (status < timeliness::instance_status_names.size()) return timeliness::instance_status_names[status];
  return "not recorded";
}

SAFEGUARDING_FUNC std::int64_t CheckResult::judged() const noexcept {
  return static_cast<std::int64_t>(
      std::count_if(status.begin(), status.end(), [](auto s) { return s != not_recorded; }));
}

SAFEGUARDING_FUNC std::int64_t CheckResult::overdue() const noexcept {
  const auto code = static_cast<std::uint8_t>(timeliness::InstanceStatus::overdue);
  return static_cast<std::int64_t>(std::count(status.begin(), status.end(), code));
}

SAFEGUARDING_FUNC double CheckResult::percent_overdue() const noexcept {
  const std::int64_t n = judged();
  return n ? 100.0 * static_cast<double>(overdue()) / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

namespace detail {

/// Each value once, in order of first use, `between` them.
template <class Text>
std::string distinct_text(const CheckResult& r, Text&& text, const char* between) {
  std::vector<std::string> seen;
  std::string out;
  for (std::size_t i = 0; i < r.children(); ++i) {
    if (r.status[i] == not_recorded) continue;
    std::string value = text(i);
    if (std::find(seen.begin(), seen.end(), value) != seen.end()) continue;
    out += (seen.empty() ? "" : between) + value;
    seen.push_back(std::move(value));
  }
  return out;
}

}  // namespace detail

SAFEGUARDING_FUNC std::string CheckResult::rules_text() const {
  return detail::distinct_text(
      *this, [&](std::size_t i) { return rule[i]; }, ", ");
}

SAFEGUARDING_FUNC std::string CheckResult::sources_text() const {
  return detail::distinct_text(
      *this,
      [&](std::size_t i) {
        return citation[i] < 0 ? std::string() : citations[static_cast<std::size_t>(citation[i])].text();
      },
      "; ");
}

namespace detail {

/// The events of a check: what starts the first clock (none for a visit), each record, what ends it.
struct CheckEvents {
  std::string_view start, record, end;
};

SAFEGUARDING_FUNC CheckEvents events_of(std::string_view rule) {
  if (rule == "lac.review.first") return {"lac.start", "lac.review", "lac.end"};
  if (rule == "lac.visit") return {"", "lac.visit", "lac.end"};
  if (rule == "lac.health.review") return {"", "lac.health_assessment", "lac.end"};
  if (rule == "cp.visit") return {"", "cp.visit", "cp_plan.end"};
  if (rule == "rcpc.first") return {"cp_plan.start", "cp_review", "cp_plan.end"};
  throw Error("Annex A: no check is judged by rule " + quote(rule));
}

/// Age in whole years on `day` of a child born on `born`; nat when either is missing.
SAFEGUARDING_FUNC std::int64_t age_on(std::int64_t day, std::int64_t born) {
  if (day == nat || born == nat) return nat;
  const auto at = support::civil_from_days(day), dob = support::civil_from_days(born);
  const bool before_birthday = at.month < dob.month || (at.month == dob.month && at.day < dob.day);
  return at.year - dob.year - (before_birthday ? 1 : 0);
}

/// What one check reads, per child (the case is the child's position in the list).
class Judging {
 public:
  Judging(const Check& check, const CheckColumns& in, std::int64_t as_of)
      : in_(in), as_of_(as_of), kinds_(events_of(check.rule)), health_(check.rule == "lac.health.review") {
    n_ = in.last.size();
    // A record before the start (an earlier period of care or plan) says nothing of this one.
    for (std::size_t i = 0; i < n_; ++i) {
      const std::int64_t last = in.last[i], started = at(in.started, i);
      record_.push_back(started != nat && last != nat && last < started ? nat : last);
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] std::int64_t record(std::size_t i) const { return record_[i]; }
  [[nodiscard]] std::int64_t started(std::size_t i) const { return at(in_.started, i); }
  [[nodiscard]] std::int64_t ended(std::size_t i) const { return at(in_.ended, i); }
  /// Closed on or before the as-of date.
  [[nodiscard]] bool closed(std::size_t i) const { return ended(i) != nat && ended(i) <= as_of_; }

  /// The events of the children in `rows`: the starts (with `with_start`), then the records, then
  /// the ends on or before the as-of date.
  [[nodiscard]] timeliness::Events events(const std::vector<std::uint8_t>& rows, bool with_start,
                                          const RuleCatalogue& catalogue) const {
    timeliness::Events e;
    std::vector<std::int64_t> age;
    const auto add = [&](std::size_t i, std::string_view event, std::int64_t day, std::int64_t years) {
      e.case_id.push_back(static_cast<std::int64_t>(i));
      e.event.push_back(catalogue.event(event));
      e.time.push_back(day);
      age.push_back(years);
    };
    if (with_start && !kinds_.start.empty())
      for (std::size_t i = 0; i < n_; ++i)
        if (rows[i] && started(i) != nat) add(i, kinds_.start, started(i), nat);
    for (std::size_t i = 0; i < n_; ++i)
      if (rows[i] && record(i) != nat)
        add(i, kinds_.record, record(i), health_ ? age_on(record(i), at(in_.born, i)) : nat);
    for (std::size_t i = 0; i < n_; ++i)
      if (rows[i] && closed(i)) add(i, kinds_.end, ended(i), nat);
    if (health_) e.attributes.push_back(timeliness::Attribute{"age", std::move(age), {}});
    return e;
  }

 private:
  static std::int64_t at(const std::vector<std::int64_t>& column, std::size_t i) {
    return column.empty() ? nat : column[i];
  }

  const CheckColumns& in_;
  std::int64_t as_of_;
  CheckEvents kinds_;
  bool health_;
  std::size_t n_ = 0;
  std::vector<std::int64_t> record_;
};

/// Each case's last instance (by sequence, then start; the engine's last of equals): the one the
/// list date judges. -1 for a case without instances.
SAFEGUARDING_FUNC std::vector<std::int64_t> latest(const timeliness::Instances& in, std::size_t cases) {
  std::vector<std::int64_t> chosen(cases, -1);
  for (std::size_t k = 0; k < in.size(); ++k) {
    auto& c = chosen[static_cast<std::size_t>(in.case_id[k])];
    const auto best = static_cast<std::size_t>(c);
    if (c < 0 || std::tie(in.sequence[k], in.start[k]) >= std::tie(in.sequence[best], in.start[best]))
      c = static_cast<std::int64_t>(k);
  }
  return chosen;
}

/// The catalogue with `rule_id` (a later link of a chain) made a rule of its own whose clock starts
/// at `event`: for a list that gives only the latest review, whose place in the chain is unknown.
/// Its editions, timescales and sources are the catalogue's.
SAFEGUARDING_FUNC RuleCatalogue standalone(const RuleCatalogue& catalogue, std::string_view rule_id,
                                           std::string_view event, std::string_view end) {
  std::vector<Rule> rules = catalogue.rules();
  for (Rule& r : rules) {
    if (r.id != rule_id) continue;
    r.start = {std::string(event)};
    r.stop = {std::string(event)};
    r.end = {std::string(end)};
    r.after.clear();
    r.recurring = true;
  }
  return RuleCatalogue(catalogue.name() + " (" + std::string(rule_id) + " from the latest " + std::string(event) + ")",
                       catalogue.events(), std::move(rules));
}

/// One engine run and the instance it chose for each case.
struct Run {
  const RuleCatalogue* catalogue = nullptr;
  timeliness::EngineResult result;
  std::vector<std::int64_t> chosen;
};

SAFEGUARDING_FUNC Run run(const Judging& j, const std::vector<std::uint8_t>& rows, bool with_start,
                          std::string_view rule, const RuleCatalogue& catalogue, const Calendar& calendar,
                          std::int64_t as_of) {
  const timeliness::Events events = j.events(rows, with_start, catalogue);
  timeliness::EngineOptions options;
  options.calendar = calendar;
  options.as_of = as_of;
  options.rules = {std::string(rule)};
  Run r{&catalogue, timeliness::compute(catalogue, events, options), {}};
  r.chosen = latest(r.result.instances, j.size());
  return r;
}

/// The latest statutory review: the chain from the start for a child whose latest review met the
/// first review's 20 working days (it was the first) or whose first review is not done; any other
/// latest review is taken as a later one (lac.review.subsequent from it).
SAFEGUARDING_FUNC std::vector<Run> judge_reviews(const Judging& j, const Check& check, const RuleCatalogue& catalogue,
                                                 const RuleCatalogue& later, const Calendar& calendar,
                                                 std::int64_t as_of) {
  std::vector<std::uint8_t> with_start(j.size(), 0);
  for (std::size_t i = 0; i < j.size(); ++i) with_start[i] = j.started(i) != nat ? 1 : 0;
  std::vector<Run> runs;
  runs.push_back(run(j, with_start, true, check.rule, catalogue, calendar, as_of));
  const auto& in = runs[0].result.instances;
  std::vector<std::uint8_t> first_done_late(j.size(), 0);
  for (std::size_t k = 0; k < in.size(); ++k)
    if (in.sequence[k] == 1 && in.completed[k] != nat &&
        in.status[k] != static_cast<std::uint8_t>(timeliness::InstanceStatus::met))
      first_done_late[static_cast<std::size_t>(in.case_id[k])] = 1;
  std::vector<std::uint8_t> rest(j.size(), 0);
  bool any = false;
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (first_done_late[i]) runs[0].chosen[i] = -1;
    rest[i] = j.record(i) != nat && runs[0].chosen[i] < 0 ? 1 : 0;
    any = any || rest[i];
  }
  if (any) runs.push_back(run(j, rest, false, "lac.review.subsequent", later, calendar, as_of));
  return runs;
}

/// The index of a rule's edition in the result's citations, added when new.
SAFEGUARDING_FUNC std::int32_t cite(CheckResult& r, const Rule& rule, const RuleEdition& edition) {
  for (std::size_t k = 0; k < r.citations.size(); ++k)
    if (r.citations[k].rule == rule.id && r.citations[k].edition == edition.name) return static_cast<std::int32_t>(k);
  r.citations.push_back(
      RuleCitation{rule.id, edition.name, edition.timescale_text(), edition.source, edition.confidence});
  return static_cast<std::int32_t>(r.citations.size() - 1);
}

/// Fills child i of the result from its chosen instance k of run `from`.
SAFEGUARDING_FUNC void fill(CheckResult& r, std::size_t i, const Run& from, std::size_t k) {
  const auto& in = from.result.instances;
  const Rule& rule = from.catalogue->rules()[static_cast<std::size_t>(in.rule[k])];
  r.rule[i] = rule.id;
  r.citation[i] = cite(r, rule, rule.editions[static_cast<std::size_t>(in.edition[k])]);
  r.due[i] = in.due[k];
  r.status[i] = in.status[k];
  if (in.status[k] == static_cast<std::uint8_t>(timeliness::InstanceStatus::overdue)) {
    r.overdue_days[i] = static_cast<double>(in.late_days[k]);
    r.overdue_working_days[i] = static_cast<double>(in.late_working_days[k]);
  }
}

}  // namespace detail

SAFEGUARDING_FUNC CheckResult judge(const Check& check, const CheckColumns& columns, std::int64_t as_of,
                                    const RuleCatalogue& catalogue, const Calendar& calendar) {
  const detail::Judging j(check, columns, as_of);
  const std::size_t n = j.size();
  for (const auto* c : {&columns.started, &columns.ended, &columns.born})
    if (!c->empty() && c->size() != n) throw Error("Annex A: the columns of one list differ in length");
  std::vector<detail::Run> runs;
  std::optional<RuleCatalogue> later;
  if (check.rule == "lac.review.first") {
    later = detail::standalone(catalogue, "lac.review.subsequent", "lac.review", "lac.end");
    runs = detail::judge_reviews(j, check, catalogue, *later, calendar, as_of);
  } else {
    runs.push_back(detail::run(j, std::vector<std::uint8_t>(n, 1), check.rule == "rcpc.first", check.rule, catalogue,
                               calendar, as_of));
  }
  const double none = std::numeric_limits<double>::quiet_NaN();
  CheckResult r{check,
                as_of,
                {},
                std::vector<std::string>(n),
                std::vector<std::int32_t>(n, -1),
                std::vector<std::int64_t>(n, nat),
                std::vector<std::uint8_t>(n, not_recorded),
                std::vector<double>(n, none),
                std::vector<double>(n, none)};
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& from : runs)
      if (from.chosen[i] >= 0) detail::fill(r, i, from, static_cast<std::size_t>(from.chosen[i]));
    // A record after the child ceased to be looked after, or after the plan ended, on or before the
    // list date: nothing more is due.
    if (j.closed(i) && j.record(i) != nat && j.record(i) > j.ended(i)) {
      r.status[i] = static_cast<std::uint8_t>(timeliness::InstanceStatus::ended);
      r.due[i] = nat;
      r.overdue_days[i] = r.overdue_working_days[i] = none;
    }
  }
  return r;
}

}  // namespace safeguarding::inline v0::returns::annex_a
