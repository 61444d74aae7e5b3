// The engine: checks the columns, compiles the rules, classifies the rows it cannot use, orders the
// rest by case and time, and runs the workers over runs of whole cases (src/timeliness/worker.cpp).
#include "safeguarding/timeliness/engine.hpp"

#include "safeguarding/timeliness/summary.hpp"

#include <algorithm>
#include <limits>
#include <string_view>
#include <thread>
#include <utility>

#include "../support/buffers.hpp"
#include "../support/threads.hpp"
#include "cells.hpp"
#include "compiled.hpp"
#include "month_table.hpp"
#include "rows.hpp"
#include "sizes.hpp"
#include "worker.hpp"

namespace safeguarding::inline v0::timeliness::detail {

class Engine {
 public:
  Engine(const RuleCatalogue& catalogue, const EventsView& events, const EngineOptions& options);
  EngineResult run() &&;
  EngineSummary run_summary(const SummaryRequest& request) &&;

 private:
  void validate() const;
  void set_as_of(const EngineOptions& options);
  void prepare();
  void order_by_case();
  void rank_and_sort(std::vector<std::uint32_t>& rank, std::size_t ranks);
  std::size_t rank_cases(std::vector<std::uint32_t>& rank) const;
  void sort_within_cases();
  [[nodiscard]] std::vector<std::size_t> split_cases() const;
  [[nodiscard]] std::vector<std::size_t> bounds(const std::vector<std::size_t>& cut) const;
  void gather(std::vector<Worker>& workers, const std::vector<std::size_t>& base);
  void gather_findings(std::vector<Worker>& workers);
  void classify_rest();

  [[nodiscard]] std::int64_t day_of(std::size_t row) const { return detail::day_of(events_, row); }
  void mark(std::int64_t row, EventRowUse use) { mark_row(result_.row_use, row, use); }

  /// Calls f on each instance column (due_time only with date-times).
  template <class F>
  void for_each_column(F&& f) {
    for_each_instance_column(result_.instances, events_.resolution, f);
  }

  const RuleCatalogue& catalogue_;
  const EventsView& events_;
  Calendar calendar_;  // keeps the table alive
  const support::CalendarTable& cal_;
  MonthTable months_;
  std::size_t n_ = 0;
  CompiledRules rules_;
  std::vector<std::uint32_t> candidates_, order_;
  std::int64_t case_lo_ = 0, case_hi_ = 0;
  std::size_t threads_ = 1;
  bool seconds_out_ = false;
  EngineResult result_;
};

SAFEGUARDING_FUNC Engine::Engine(const RuleCatalogue& catalogue, const EventsView& events, const EngineOptions& options)
    : catalogue_(catalogue), events_(events), calendar_(options.calendar), cal_(calendar_.table()), months_(cal_) {
  validate();
  rules_ = compile_rules(catalogue_, events_, options.rules);
  seconds_out_ = options.dates_as_seconds;
  threads_ = options.threads > 0 ? options.threads : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  n_ = events.case_id.size();
  result_.resolution = events.resolution;
  support::reserve_large(result_.row_use, n_);
  result_.row_use.assign(n_, unset_use);
  set_as_of(options);
  prepare();
}

SAFEGUARDING_FUNC void Engine::validate() const {
  const std::size_t n = events_.case_id.size();
  Problems problems;
  auto same = [&](std::size_t size, std::string_view column) {
    if (size != n)
      problems.add("column " + quote(column),
                   "has " + std::to_string(size) + " rows, but column 'case' has " + std::to_string(n));
  };
  same(events_.event.size(), "event");
  same(events_.time.size(), "time");
  for (const auto& a : events_.attributes) same(a.values.size(), a.name);
  problems.throw_if_any("events");
  if (n >= std::numeric_limits<std::uint32_t>::max()) throw Error("events: more than 4 billion rows");
  const auto types = static_cast<std::int32_t>(catalogue_.events().size());
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i)
    if ((events_.event[i] < 0 || events_.event[i] >= types) && ++bad <= 5)
      problems.add("column 'event', row " + std::to_string(i),
                   std::to_string(events_.event[i]) + " is not the index of an event type (the catalogue has " +
                       std::to_string(types) + ")");
  if (bad > 5) problems.add("", "and " + std::to_string(bad - 5) + " more rows");
  problems.throw_if_any("events");
}

/// The as-of date: the one given (which the calendar's tables must cover, since lateness runs to
/// it), or the latest date in the events within the calendar.
SAFEGUARDING_FUNC void Engine::set_as_of(const EngineOptions& options) {
  if (options.as_of) {
    if (!cal_.covers(*options.as_of))
      throw Error("as_of " + format_days(*options.as_of) + " is outside " + calendar_.range_text());
    result_.as_of = *options.as_of;
    return;
  }
  std::int64_t latest = nat;
  for (std::size_t i = 0; i < n_; ++i) {
    if (events_.time[i] == nat) continue;
    const std::int64_t d = day_of(i);
    if (cal_.covers(d) && d > latest) latest = d;
  }
  result_.as_of = latest;
}

/// Classifies the rows the workers will not see (no date, outside the calendar, after the as-of
/// date, no rule) and lists the others as candidates, with the range of their case ids.
SAFEGUARDING_FUNC void Engine::prepare() {
  const std::int64_t as_of = result_.as_of;
  support::reserve_large(candidates_, n_);
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  for (std::size_t i = 0; i < n_; ++i) {
    const auto row = static_cast<std::int64_t>(i);
    if (events_.time[i] == nat) {
      add_finding(result_.findings, result_.row_use, row, EventFinding::missing_date, -1, -1);
    } else if (!cal_.covers(day_of(i))) {
      add_finding(result_.findings, result_.row_use, row, EventFinding::outside_calendar, -1, -1);
    } else if (as_of != nat && day_of(i) > as_of) {
      mark(row, EventRowUse::after_as_of);
    } else if (rules_.dispatch[static_cast<std::size_t>(events_.event[i])].empty() &&
               rules_.tested[static_cast<std::size_t>(events_.event[i])] < 0) {
      mark(row, EventRowUse::no_rule);
    } else {
      candidates_.push_back(static_cast<std::uint32_t>(i));
      lo = std::min(lo, events_.case_id[i]);
      hi = std::max(hi, events_.case_id[i]);
    }
  }
  case_lo_ = lo;
  case_hi_ = hi;
}

/// Orders candidate rows by case (counting sort on the case's rank), then each case's rows by
/// time, event type and row.
SAFEGUARDING_FUNC void Engine::order_by_case() {
  const std::size_t m = candidates_.size();
  if (m == 0) return;
  const auto& case_id = events_.case_id;
  // Already in case order (a typical extract)? Then no ranks and no counting sort are needed.
  bool sorted = true;
  for (std::size_t k = 1; k < m && sorted; ++k) sorted = case_id[candidates_[k - 1]] <= case_id[candidates_[k]];
  if (sorted) {
    order_ = std::move(candidates_);
  } else {
    std::vector<std::uint32_t> rank;
    support::reserve_large(rank, n_);
    rank.resize(n_);
    rank_and_sort(rank, rank_cases(rank));
  }
  sort_within_cases();
}

/// Each candidate's case rank (by id; the ids themselves when their range is small); the number of ranks.
SAFEGUARDING_FUNC std::size_t Engine::rank_cases(std::vector<std::uint32_t>& rank) const {
  const auto& case_id = events_.case_id;
  const std::size_t m = candidates_.size();
  const auto range = static_cast<std::uint64_t>(case_hi_) - static_cast<std::uint64_t>(case_lo_);
  if (range <= 2 * static_cast<std::uint64_t>(m) + 1024) {
    for (std::uint32_t i : candidates_)
      rank[i] =
          static_cast<std::uint32_t>(static_cast<std::uint64_t>(case_id[i]) - static_cast<std::uint64_t>(case_lo_));
    return static_cast<std::size_t>(range) + 1;
  }
  std::vector<std::int64_t> ids;
  ids.reserve(m);
  for (std::uint32_t i : candidates_) ids.push_back(case_id[i]);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (std::uint32_t i : candidates_)
    rank[i] = static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), case_id[i]) - ids.begin());
  return ids.size();
}

/// The counting sort of the candidates by case rank (stable).
SAFEGUARDING_FUNC void Engine::rank_and_sort(std::vector<std::uint32_t>& rank, std::size_t ranks) {
  std::vector<std::uint32_t> count(ranks + 1, 0);
  for (std::uint32_t i : candidates_) ++count[rank[i] + 1];
  for (std::size_t k = 1; k <= ranks; ++k) count[k] += count[k - 1];
  support::reserve_large(order_, candidates_.size());
  order_.resize(candidates_.size());
  for (std::uint32_t i : candidates_) order_[count[rank[i]]++] = i;
  std::vector<std::uint32_t>().swap(candidates_);
}

/// Within each case: by time, then the event type's place in the catalogue, then row.
SAFEGUARDING_FUNC void Engine::sort_within_cases() {
  const auto& case_id = events_.case_id;
  const auto& time = events_.time;
  const auto& event = events_.event;
  auto less = [&](std::uint32_t a, std::uint32_t b) {
    if (time[a] != time[b]) return time[a] < time[b];
    if (event[a] != event[b]) return event[a] < event[b];
    return a < b;
  };
  const std::size_t m = order_.size();
  for (std::size_t b = 0, e = 0; b < m; b = e) {
    e = b + 1;
    bool in_order = true;
    for (; e < m && case_id[order_[e]] == case_id[order_[b]]; ++e)
      in_order = in_order && !less(order_[e], order_[e - 1]);
    if (in_order) continue;
    if (e - b > 24) {
      std::sort(order_.begin() + static_cast<std::ptrdiff_t>(b), order_.begin() + static_cast<std::ptrdiff_t>(e), less);
      continue;
    }
    for (std::size_t k = b + 1; k < e; ++k) {  // insertion sort for the usual few rows
      const std::uint32_t v = order_[k];
      std::size_t j = k;
      for (; j > b && less(v, order_[j - 1]); --j) order_[j] = order_[j - 1];
      order_[j] = v;
    }
  }
}

/// Cuts the ordered rows into up to `threads_` runs of whole cases of about equal size.
SAFEGUARDING_FUNC std::vector<std::size_t> Engine::split_cases() const {
  const std::size_t m = order_.size();
  const std::size_t parts = m < engine_parts_from ? 1 : threads_;
  std::vector<std::size_t> cut{0};
  for (std::size_t p = 1; p < parts; ++p) {
    std::size_t k = std::max(cut.back(), m * p / parts);
    while (k > 0 && k < m && events_.case_id[order_[k]] == events_.case_id[order_[k - 1]]) ++k;
    if (k > cut.back() && k < m) cut.push_back(k);
  }
  cut.push_back(m);
  return cut;
}

/// Each run's first instance position: each run's instances fit in the bound of one per (row, rule
/// using its type), so every worker writes into its own range.
SAFEGUARDING_FUNC std::vector<std::size_t> Engine::bounds(const std::vector<std::size_t>& cut) const {
  const std::size_t parts = cut.size() - 1;
  std::vector<std::size_t> base(parts + 1, 0);
  for (std::size_t p = 0; p < parts; ++p) {
    std::size_t bound = 0;
    for (std::size_t k = cut[p]; k < cut[p + 1]; ++k)
      bound += rules_.dispatch[static_cast<std::size_t>(events_.event[order_[k]])].size();
    base[p + 1] = base[p] + bound;
  }
  return base;
}

SAFEGUARDING_FUNC EngineResult Engine::run() && {
  order_by_case();
  const std::vector<std::size_t> cut = split_cases();
  const std::size_t parts = cut.size() - 1;
  const std::vector<std::size_t> base = bounds(cut);
  for_each_column([&](auto& column) {  // the columns' sizes track their capacity until gather() trims them
    support::reserve_large(column, base[parts]);
    column.resize(base[parts]);
  });
  const WorkerInput input{events_, cal_, months_, rules_.dispatch, rules_.tested, rules_.any_tested, order_};
  std::vector<Worker> workers;
  workers.reserve(parts);
  for (std::size_t p = 0; p < parts; ++p)
    workers.emplace_back(input, rules_.tracks,
                         WorkerOutput{result_.instances, result_.row_use, result_.as_of, base[p], base[p + 1]});
  support::in_parts(parts, [&](std::size_t p) { workers[p].run(cut[p], cut[p + 1], seconds_out_); });
  gather(workers, base);
  result_.instances.dates_in_seconds = seconds_out_;
  classify_rest();
  return std::move(result_);
}

/// The summary-only path: each worker judges its cases into small scratch columns of its own and
/// counts them into its own cells as it goes; the cells are added together and tabulated.
SAFEGUARDING_FUNC EngineSummary Engine::run_summary(const SummaryRequest& request) && {
  check_percentiles(request.percentiles);
  order_by_case();
  const std::vector<std::size_t> cut = split_cases();
  const std::size_t parts = cut.size() - 1;
  constexpr std::size_t scratch = summary_scratch;  // instances per worker between emptyings
  std::vector<Instances> columns(parts);
  std::vector<CellAccumulator> cells;
  cells.reserve(parts);
  for (std::size_t p = 0; p < parts; ++p) {
    for_each_instance_column(columns[p], events_.resolution, [&](auto& column) { column.resize(scratch); });
    cells.emplace_back(static_cast<std::int32_t>(catalogue_.rules().size()), cal_.first, cal_.last,
                       !request.percentiles.empty());
  }
  const WorkerInput input{events_, cal_, months_, rules_.dispatch, rules_.tested, rules_.any_tested, order_};
  std::vector<Worker> workers;
  workers.reserve(parts);
  for (std::size_t p = 0; p < parts; ++p)
    workers.emplace_back(input, rules_.tracks,
                         WorkerOutput{columns[p], result_.row_use, result_.as_of, 0, scratch, &cells[p], request.basis,
                                      request.durations});
  support::in_parts(parts, [&](std::size_t p) { workers[p].run(cut[p], cut[p + 1]); });
  gather_findings(workers);
  classify_rest();
  for (std::size_t p = 1; p < parts; ++p) cells[0].merge(cells[p]);
  EngineSummary out;
  out.table = cells[0].table(request.period, request.percentiles);
  out.result = std::move(result_);
  return out;
}

/// Every row left unclassified (unreachable: every path classifies its row) is said to have no rule.
SAFEGUARDING_FUNC void Engine::classify_rest() {
  for (auto& u : result_.row_use)
    if (u == unset_use) u = static_cast<std::uint8_t>(EventRowUse::no_rule);
}

/// Closes the gaps between the workers' ranges, trims the columns, and appends the workers' findings.
SAFEGUARDING_FUNC void Engine::gather(std::vector<Worker>& workers, const std::vector<std::size_t>& base) {
  std::size_t count = workers[0].end();
  for (std::size_t p = 1; p < workers.size(); ++p) {
    const std::size_t from = base[p], n = workers[p].end() - base[p];
    if (from != count)
      for_each_column([&](auto& column) {
        std::copy(column.begin() + static_cast<std::ptrdiff_t>(from),
                  column.begin() + static_cast<std::ptrdiff_t>(from + n),
                  column.begin() + static_cast<std::ptrdiff_t>(count));
      });
    count += n;
  }
  for_each_column([&](auto& column) { column.resize(count); });
  gather_findings(workers);
}

/// Appends the workers' findings, in the order of their runs of cases.
SAFEGUARDING_FUNC void Engine::gather_findings(std::vector<Worker>& workers) {
  auto& f = result_.findings;
  for (auto& w : workers) {
    f.row.insert(f.row.end(), w.findings.row.begin(), w.findings.row.end());
    f.kind.insert(f.kind.end(), w.findings.kind.begin(), w.findings.kind.end());
    f.rule.insert(f.rule.end(), w.findings.rule.begin(), w.findings.rule.end());
    f.related_row.insert(f.related_row.end(), w.findings.related_row.begin(), w.findings.related_row.end());
  }
}

}  // namespace safeguarding::inline v0::timeliness::detail

namespace safeguarding::inline v0::timeliness {

SAFEGUARDING_FUNC EngineResult compute(const RuleCatalogue& catalogue, const EventsView& events,
                                       const EngineOptions& options) {
  return detail::Engine(catalogue, events, options).run();
}

SAFEGUARDING_FUNC EngineResult compute(const RuleCatalogue& catalogue, const Events& events,
                                       const EngineOptions& options) {
  return compute(catalogue, events.view(), options);
}

SAFEGUARDING_FUNC EngineSummary compute_summary(const RuleCatalogue& catalogue, const EventsView& events,
                                                const SummaryRequest& request, const EngineOptions& options) {
  return detail::Engine(catalogue, events, options).run_summary(request);
}

SAFEGUARDING_FUNC EngineSummary compute_summary(const RuleCatalogue& catalogue, const Events& events,
                                                const SummaryRequest& request, const EngineOptions& options) {
  return compute_summary(catalogue, events.view(), request, options);
}

}  // namespace safeguarding::inline v0::timeliness
