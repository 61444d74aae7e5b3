// The timeliness engine at scale, without Python: synthetic looked-after events (no real child's
// data; the shape of benchmarks/timeliness_data.py: one 'lac.start' then reviews about on time),
// timed through compute() + summarise() and through the summary-only path, best of N runs: the
// wall clock, and the process's CPU time (user + system, both threads; the steadier figure on a
// shared machine). With `summary`, the calling thread's CPU time too: the engine's single-threaded
// steps run there and its two-thread steps give it half their work, so it approaches the time the
// call would take on two idle cores whatever else the machine runs. The summary-only path's first
// call is also given alone: the later calls reuse the engine's scratch buffers
// (timeliness::set_scratch_limit), the first has fresh memory zeroed.
//   timeliness_benchmark [children] [events_per_child] [runs] [order 0|1|2] [summary]
// order: 1 (the default, as timeliness_data.py) the rows shuffled; 0 in case order, each child's
// rows in time order (the engine's already-sorted shortcut); 2 whole children in random order,
// each child's rows together and in time order.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>

#include <sys/resource.h>

#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"

namespace sg = safeguarding;
namespace tl = safeguarding::timeliness;

/// Equal, NaN equal to NaN (a cell without durations has no percentile).
static bool same_values(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t q = 0; q < a.size(); ++q) {
    if (a[q].size() != b[q].size()) return false;
    for (std::size_t i = 0; i < a[q].size(); ++i)
      if (!(a[q][i] == b[q][i] || (std::isnan(a[q][i]) && std::isnan(b[q][i])))) return false;
  }
  return true;
}

/// The process's CPU time so far (user + system, every thread), in milliseconds; with `thread`,
/// the calling thread's alone.
static double cpu_ms(bool thread = false) {
  rusage u{};
  getrusage(thread ? RUSAGE_THREAD : RUSAGE_SELF, &u);
  return (static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3) +
         (static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3);
}

int main(int argc, char** argv) {
  const std::size_t children = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::size_t per_child = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  const int order = argc > 4 ? std::atoi(argv[4]) : 1;
  const bool only_summary = argc > 5 && std::string(argv[5]) == "summary";  // for profiling the summary-only path
  const auto& catalogue = sg::builtin_rules();
  const std::int32_t start = catalogue.event("lac.start"), review = catalogue.event("lac.review");
  tl::Events events;
  const std::size_t n = children * per_child;
  events.case_id.resize(n);
  events.event.resize(n);
  events.time.resize(n);
  std::mt19937_64 rng(20190919);
  const std::int64_t first = 15340, last = 17895;  // 2012-01-01 .. 2018-12-31
  for (std::size_t c = 0; c < children; ++c) {
    std::int64_t day = first + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(last - first));
    for (std::size_t k = 0; k < per_child; ++k) {
      const std::size_t i = c * per_child + k;
      if (k == 1) day += 14 + static_cast<std::int64_t>(rng() % 20);
      if (k == 2) day += 70 + static_cast<std::int64_t>(rng() % 27);
      if (k > 2) day += 150 + static_cast<std::int64_t>(rng() % 40);
      events.case_id[i] = static_cast<std::int64_t>(c + 1) * 7 + 1000;
      events.event[i] = k == 0 ? start : review;
      events.time[i] = day;
    }
  }
  if (order == 1 || order == 2) {
    std::vector<std::size_t> p(n);
    if (order == 1) {
      std::iota(p.begin(), p.end(), std::size_t{0});
      std::shuffle(p.begin(), p.end(), rng);
    } else {
      std::vector<std::size_t> child(children);
      std::iota(child.begin(), child.end(), std::size_t{0});
      std::shuffle(child.begin(), child.end(), rng);
      for (std::size_t c = 0; c < children; ++c)
        for (std::size_t k = 0; k < per_child; ++k) p[c * per_child + k] = child[c] * per_child + k;
    }
    tl::Events s;
    s.case_id.resize(n), s.event.resize(n), s.time.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      s.case_id[i] = events.case_id[p[i]], s.event[i] = events.event[p[i]], s.time[i] = events.time[p[i]];
    events = std::move(s);
  }
  const std::int64_t as_of = *std::max_element(events.time.begin(), events.time.end());
  tl::EngineOptions options;
  options.as_of = as_of;
  options.rules = {"lac.review.first"};
  options.dates_as_seconds = true;
  const std::vector<double> percentiles{50};
  using clock = std::chrono::steady_clock;
  auto ms = [](clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  double best_compute = 1e18, best_summary = 1e18, best_only = 1e18;
  double cpu_compute = 1e18, cpu_summary = 1e18, cpu_only = 1e18, first_cpu_only = 0, main_only = 1e18;
  std::size_t instances = 0;
  tl::Summary table, only;
  tl::SummaryRequest request;
  request.period = tl::SummaryPeriod::month;
  request.basis = tl::Basis::completed;
  request.percentiles = percentiles;
  for (int r = 0; r < runs; ++r) {
    if (!only_summary) {
      const double c0 = cpu_ms();
      const auto t0 = clock::now();
      tl::EngineResult result = tl::compute(catalogue, events, options);
      const auto t1 = clock::now();
      const double c1 = cpu_ms();
      table = tl::summarise(result.instances, tl::SummaryPeriod::month, tl::Basis::completed, {}, 1,
                            result.instances.duration_days, percentiles);
      const auto t2 = clock::now();
      const double c2 = cpu_ms();
      best_compute = std::min(best_compute, ms(t1 - t0));
      best_summary = std::min(best_summary, ms(t2 - t1));
      cpu_compute = std::min(cpu_compute, c1 - c0);
      cpu_summary = std::min(cpu_summary, c2 - c1);
      instances = result.instances.size();
    }
    const double c3 = cpu_ms(), m3 = cpu_ms(true);
    const auto t3 = clock::now();
    only = tl::compute_summary(catalogue, events, request, options).table;
    best_only = std::min(best_only, ms(clock::now() - t3));
    cpu_only = std::min(cpu_only, cpu_ms() - c3);
    main_only = std::min(main_only, cpu_ms(true) - m3);
    if (r == 0) first_cpu_only = cpu_ms() - c3;
  }
  if (only_summary) {
    std::printf(
        "summary_only_ms %.1f\nsummary_only_cpu_ms %.1f (first call %.1f)\nsummary_only_main_thread_cpu_ms %.1f\n"
        "scratch_kept_mb %.0f\n",
        best_only, cpu_only, first_cpu_only, main_only, static_cast<double>(tl::scratch_kept()) / 1e6);
    return 0;
  }
  const bool same = table.rule == only.rule && table.period == only.period && table.instances == only.instances &&
                    table.met == only.met && table.late == only.late && table.overdue == only.overdue &&
                    table.open == only.open && table.missed == only.missed && table.ended == only.ended &&
                    same_values(table.percentiles, only.percentiles);
  std::printf(
      "events %zu%s\ninstances %zu\ntable_rows %zu\ncompute_ms %.1f\nsummarise_ms %.1f\ntotal_ms %.1f\n"
      "summary_only_ms %.1f\ncpu_ms: compute %.1f summarise %.1f total %.1f summary_only %.1f\nsame_table %s\n",
      n,
      order == 1   ? " (rows shuffled)"
      : order == 2 ? " (children shuffled)"
                   : " (case order)",
      instances, table.size(), best_compute, best_summary, best_compute + best_summary, best_only, cpu_compute,
      cpu_summary, cpu_compute + cpu_summary, cpu_only, same ? "yes" : "NO");
  if (!same) {
    std::printf("rows %zu vs %zu\n", table.size(), only.size());
    for (std::size_t i = 0; i < std::min(table.size(), only.size()); ++i)
      if (table.rule[i] != only.rule[i] || table.period[i] != only.period[i] ||
          table.instances[i] != only.instances[i] || table.percentiles[0][i] != only.percentiles[0][i]) {
        std::printf("row %zu: %d %lld %lld %g | %d %lld %lld %g\n", i, table.rule[i], (long long)table.period[i],
                    (long long)table.instances[i], table.percentiles[0][i], only.rule[i], (long long)only.period[i],
                    (long long)only.instances[i], only.percentiles[0][i]);
        break;
      }
  }
  return same ? 0 : 1;
}
