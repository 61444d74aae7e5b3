// Summaries of the engine's instances: counts by rule, by the period (month, quarter, year) of a
// date per instance, and by a caller's group, with percentiles of their durations. Compiled in
// src/timeliness/summary.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/support/periods.hpp"  // the periods a summary buckets by (month numbers, first days)
#include "safeguarding/timeliness/engine.hpp"

namespace safeguarding::inline v0::timeliness {

/// The period a summary groups by: calendar months, quarters and years; or the statutory reporting
/// year, 1 April to 31 March (returns::ReportingYear), and its quarters (April–June is Q1).
enum class SummaryPeriod : std::uint8_t { month, quarter, year, all, reporting_year, reporting_quarter };
/// Which date places an instance in a period.
enum class Basis : std::uint8_t { due, completed, start };

/// Counts per (rule, period, group): one element per row of the table.
struct Summary {
  std::vector<std::int32_t> rule;
  std::vector<std::int64_t> period;  // the period's first day; `nat` for instances without the date
  std::vector<std::int64_t> group;   // the caller's group code
  std::vector<std::int64_t> instances, met, late, overdue, open, missed, ended;
  /// In timescale (met) and out of it (late + overdue + missed), and in / (in + out) × 100 (NaN
  /// when neither): see in_timescale() and out_of_timescale().
  std::vector<std::int64_t> in_timescale, out_of_timescale;
  std::vector<double> percent_in_timescale;
  std::vector<std::vector<double>> percentiles;  // one column per requested percentile (of duration)
  [[nodiscard]] std::size_t size() const noexcept { return rule.size(); }
};

/// Counts of instances by rule, by the period (month, quarter, year, reporting year or reporting
/// quarter; a row's `period` is the period's first day) of a date per instance (the
/// due, completion or start date; `nat` for none), and by a caller's group code per instance
/// (`groups`, codes 0…n_groups-1; empty for one group; a negative code leaves the instance out),
/// with percentiles of `durations` (per instance, NaN for none: usually duration_days or
/// duration_working_days) over the instances that have one. Rows come out ordered by rule,
/// period, group; only non-empty cells appear. Instances without the date have period `nat`.
/// Columns are plain spans, so a caller holding its own columns needs no `Instances`; `date` may
/// hold seconds (numpy's datetime64[s]) with `per_day` = 86400. Rule codes come in any of the
/// integer widths pandas' categorical codes take (int8 for a small catalogue).
Summary summarise(std::span<const std::int8_t> rule, std::span<const std::uint8_t> status,
                  std::span<const std::int64_t> date, SummaryPeriod period, std::span<const std::int64_t> groups = {},
                  std::int64_t n_groups = 1, std::span<const float> durations = {},
                  std::span<const double> percentiles = {}, std::int64_t per_day = 1);
Summary summarise(std::span<const std::int16_t> rule, std::span<const std::uint8_t> status,
                  std::span<const std::int64_t> date, SummaryPeriod period, std::span<const std::int64_t> groups = {},
                  std::int64_t n_groups = 1, std::span<const float> durations = {},
                  std::span<const double> percentiles = {}, std::int64_t per_day = 1);
Summary summarise(std::span<const std::int32_t> rule, std::span<const std::uint8_t> status,
                  std::span<const std::int64_t> date, SummaryPeriod period, std::span<const std::int64_t> groups = {},
                  std::int64_t n_groups = 1, std::span<const float> durations = {},
                  std::span<const double> percentiles = {}, std::int64_t per_day = 1);
Summary summarise(std::span<const std::int64_t> rule, std::span<const std::uint8_t> status,
                  std::span<const std::int64_t> date, SummaryPeriod period, std::span<const std::int64_t> groups = {},
                  std::int64_t n_groups = 1, std::span<const float> durations = {},
                  std::span<const double> percentiles = {}, std::int64_t per_day = 1);

/// The same from the engine's instances, by the period of their due, completion or start date
/// (serial days, or seconds when the engine wrote them so: Instances::dates_in_seconds).
Summary summarise(const Instances& inst, SummaryPeriod period, Basis basis, std::span<const std::int64_t> groups = {},
                  std::int64_t n_groups = 1, std::span<const float> durations = {},
                  std::span<const double> percentiles = {});

/// The duration whose percentiles a summary gives: calendar days or working days.
enum class Durations : std::uint8_t { days, working_days };

/// The table compute_summary() makes: by rule and by the period of the instances' due, completion
/// or start date, with percentiles of their durations.
struct SummaryRequest {
  SummaryPeriod period = SummaryPeriod::month;
  Basis basis = Basis::due;
  Durations durations = Durations::days;
  std::vector<double> percentiles;
};

/// What compute_summary() returns: the table, and the engine's result without its instances
/// (`result.instances` is empty; its findings, row uses and as-of date are those compute() gives).
struct EngineSummary {
  Summary table;
  EngineResult result;
};

/// The table summarise(compute(catalogue, events, options).instances, …) gives (by rule and
/// period, one group), computed without holding the instances: each worker counts its cases'
/// instances as it goes (the summary-only path, for when the table is all that is wanted). Throws
/// as compute() and summarise() do.
EngineSummary compute_summary(const RuleCatalogue& catalogue, const EventsView& events, const SummaryRequest& request,
                              const EngineOptions& options = {});
EngineSummary compute_summary(const RuleCatalogue& catalogue, const Events& events, const SummaryRequest& request,
                              const EngineOptions& options = {});

}  // namespace safeguarding::inline v0::timeliness

#if defined(SAFEGUARDING_HEADER_ONLY)
// engine.hpp's sources too (see the end of engine.hpp).
#include "src/timeliness/compile.cpp"
#include "src/timeliness/describe.cpp"
#include "src/timeliness/engine.cpp"
#include "src/timeliness/month_table.cpp"
#include "src/timeliness/summary.cpp"
#include "src/timeliness/worker.cpp"
#endif
