// Summaries: counts of instances per (rule, period, group) cell, with percentiles of durations.
// One template over the rule code's width, compiled here for the four widths the header declares.
#include "safeguarding/timeliness/summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <type_traits>

#include "../support/buffers.hpp"
#include "../support/threads.hpp"
#include "cells.hpp"
#include "safeguarding/support/periods.hpp"
#include "sizes.hpp"

namespace safeguarding::inline v0::timeliness::detail {

SAFEGUARDING_FUNC void check_percentiles(std::span<const double> percentiles) {
  for (double q : percentiles)
    if (!(q >= 0 && q <= 100))
      throw Error("summarise: a percentile must be between 0 and 100, got " + std::to_string(q));
}

/// numpy's default ("linear") percentile of `values[b..e)`, which it reorders.
SAFEGUARDING_FUNC double percentile(std::vector<double>& values, std::size_t b, std::size_t e, double q) {
  const std::size_t n = e - b;
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const double pos = (static_cast<double>(n) - 1) * q / 100.0;
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const double frac = pos - static_cast<double>(lo);
  auto first = values.begin() + static_cast<std::ptrdiff_t>(b);
  auto last = values.begin() + static_cast<std::ptrdiff_t>(e);
  std::nth_element(first, first + static_cast<std::ptrdiff_t>(lo), last);
  const double a = *(first + static_cast<std::ptrdiff_t>(lo));
  if (frac == 0 || lo + 1 >= n) return a;
  const double next = *std::min_element(first + static_cast<std::ptrdiff_t>(lo) + 1, last);
  return a + (next - a) * frac;
}

/// The arguments of summarise(), and its steps.
template <class RuleCode>
class Summariser {
 public:
  using Counts = std::array<std::int64_t, 6>;  // per status

  Summariser(std::span<const RuleCode> rule, std::span<const std::uint8_t> status, std::span<const std::int64_t> date,
             SummaryPeriod period, std::span<const std::int64_t> groups, std::int64_t n_groups,
             std::span<const float> durations, std::span<const double> percentiles, std::int64_t per_day)
      : rule_(rule),
        status_(status),
        date_(date),
        period_(period),
        groups_(groups),
        n_groups_(n_groups),
        durations_(durations),
        percentiles_(percentiles),
        per_day_(per_day),
        n_(rule.size()) {}

  Summary run() {
    check();
    lay_out_cells();
    count_durations_range();
    count();
    gather_values();
    return table();
  }

 private:
  void check();
  void lay_out_cells();
  void count_durations_range();
  void count();
  void gather_values();
  [[nodiscard]] double cell_percentile(std::size_t c, double q);
  [[nodiscard]] double order_statistic(std::size_t c, std::int64_t k) const;
  Summary table();

  /// A date's serial day (a constant divisor for the common case, seconds, compiles to a multiplication).
  [[nodiscard]] std::int64_t day_at(std::size_t i) const {
    return per_day_ == 1       ? date_[i]
           : per_day_ == 86400 ? support::floor_div(date_[i], std::int64_t{86400})
                               : support::floor_div(date_[i], per_day_);
  }
  /// The cell of instance i; -1 when its group leaves it out.
  [[nodiscard]] std::int64_t cell_of(std::size_t i) const;
  template <class Body>
  void in_halves(Body&& body) const {
    support::in_halves(n_, halves_ == 2, body);
  }

  std::span<const RuleCode> rule_;
  std::span<const std::uint8_t> status_;
  std::span<const std::int64_t> date_;
  SummaryPeriod period_;
  std::span<const std::int64_t> groups_;
  std::int64_t n_groups_;
  std::span<const float> durations_;
  std::span<const double> percentiles_;
  std::int64_t per_day_;
  std::size_t n_;
  // The dense cell index: (rule, period slot, group), slots numbered from the earliest month present.
  std::int32_t rules_ = 0;
  std::int64_t lo_ = std::numeric_limits<std::int64_t>::max(), hi_ = std::numeric_limits<std::int64_t>::min();
  std::int64_t first_slot_ = 0, step_ = 1, slots_ = 0;
  std::size_t cells_ = 0;
  std::vector<std::int32_t> slot_of_day_;  // each day's slot by table lookup when the span of days is modest
  // The passes over the instances run in two halves on two threads for large inputs.
  std::size_t halves_ = 1;
  bool with_values_ = false, any_value_ = false, histogram_ = false;
  double vmin_ = 0, vmax_ = 0;
  std::size_t bins_ = 0;
  std::vector<Counts> counts_;
  std::vector<std::int64_t> completed_;  // cumulative: instances with a duration in cells before c
  std::vector<std::uint32_t> hist_;      // per cell, one bin per whole-number duration
  std::vector<double> values_;           // otherwise the durations gathered per cell
};

template <class RuleCode>
void Summariser<RuleCode>::check() {
  if (status_.size() != n_ || date_.size() != n_)
    throw Error("summarise: the rule, status and date columns have different lengths");
  for (std::uint8_t st : status_)
    if (st >= instance_status_names.size()) throw Error("summarise: " + std::to_string(st) + " is not a status code");
  if (!groups_.empty() && groups_.size() != n_)
    throw Error("summarise: " + std::to_string(groups_.size()) + " group codes for " + std::to_string(n_) +
                " instances");
  if (!durations_.empty() && durations_.size() != n_)
    throw Error("summarise: " + std::to_string(durations_.size()) + " durations for " + std::to_string(n_) +
                " instances");
  if (n_groups_ < 1) n_groups_ = 1;
  check_percentiles(percentiles_);
  if (per_day_ < 1) throw Error("summarise: per_day must be positive");
  for (std::size_t i = 0; i < n_; ++i) {
    if (rule_[i] < 0) throw Error("summarise: rule codes must not be negative");
    rules_ = std::max(rules_, static_cast<std::int32_t>(rule_[i]) + 1);
    if (date_[i] != nat) {
      const std::int64_t d = day_at(i);
      lo_ = std::min(lo_, d);
      hi_ = std::max(hi_, d);
    }
  }
}

template <class RuleCode>
void Summariser<RuleCode>::lay_out_cells() {
  using support::month_number;
  const std::int64_t first_month = lo_ <= hi_ ? month_number(lo_) : 0;
  const std::int64_t months = lo_ <= hi_ ? month_number(hi_) - first_month + 1 : 0;
  step_ = period_ == SummaryPeriod::month                                                    ? 1
          : period_ == SummaryPeriod::quarter || period_ == SummaryPeriod::reporting_quarter ? 3
          : period_ == SummaryPeriod::year || period_ == SummaryPeriod::reporting_year       ? 12
                                                                                             : months + 1;
  // Reporting years begin in April (three months after January); their quarters are the calendar's.
  const std::int64_t offset = period_ == SummaryPeriod::reporting_year ? 3 : 0;
  first_slot_ = period_ == SummaryPeriod::month || period_ == SummaryPeriod::all
                    ? first_month
                    : support::period_first_month(first_month, step_, offset);
  slots_ =
      period_ == SummaryPeriod::all ? 2 : (months + (first_month - first_slot_)) / step_ + 2;  // + the "no date" slot
  // rules × slots × n_groups, checked factor by factor so that the product cannot overflow.
  constexpr std::int64_t max_cells = 200'000'000;
  if (n_groups_ > max_cells || slots_ > max_cells / n_groups_ || rules_ > max_cells / (slots_ * n_groups_))
    throw Error("summarise: too many cells (" + std::to_string(rules_) + " rules × " + std::to_string(slots_) +
                " periods × " + std::to_string(n_groups_) + " groups); group more coarsely");
  cells_ = static_cast<std::size_t>(static_cast<std::int64_t>(rules_) * slots_ * n_groups_);
  if (lo_ <= hi_ && hi_ - lo_ < 400'000 && period_ != SummaryPeriod::all) {
    slot_of_day_.resize(static_cast<std::size_t>(hi_ - lo_ + 1));
    for (std::int64_t d = lo_; d <= hi_; ++d)
      slot_of_day_[static_cast<std::size_t>(d - lo_)] =
          static_cast<std::int32_t>((month_number(d) - first_slot_) / step_);
  }
  for (std::size_t i = 0; i < (groups_.empty() ? 0 : n_); ++i)
    if (groups_[i] >= n_groups_)
      throw Error("summarise: group code " + std::to_string(groups_[i]) + " is not below n_groups " +
                  std::to_string(n_groups_));
}

template <class RuleCode>
std::int64_t Summariser<RuleCode>::cell_of(std::size_t i) const {
  const std::int64_t g = groups_.empty() ? 0 : groups_[i];
  if (g < 0) return -1;
  std::int64_t s = 0;
  if (period_ != SummaryPeriod::all) {
    if (date_[i] == nat) {
      s = slots_ - 1;
    } else {
      const std::int64_t d = day_at(i);
      s = slot_of_day_.empty() ? (support::month_number(d) - first_slot_) / step_
                               : slot_of_day_[static_cast<std::size_t>(d - lo_)];
    }
  }
  return (static_cast<std::int64_t>(rule_[i]) * slots_ + s) * n_groups_ + g;
}

/// The durations' range, and whether all are whole numbers: whole-number durations in a modest
/// range (days always are) go into one histogram per cell, so the percentiles need no sort.
template <class RuleCode>
void Summariser<RuleCode>::count_durations_range() {
  halves_ = n_ >= summary_halves_from && std::thread::hardware_concurrency() > 1 ? 2 : 1;
  with_values_ = !percentiles_.empty() && !durations_.empty();
  std::array<double, 2> lo{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  std::array<double, 2> hi{-lo[0], -lo[0]};
  std::array<bool, 2> whole{true, true};
  if (with_values_)
    in_halves([&](std::size_t b, std::size_t e, std::size_t h) {
      double mn = lo[h], mx = hi[h];
      bool w = true;
      for (std::size_t i = b; i < e; ++i) {
        const double v = durations_[i];
        if (std::isnan(v)) continue;
        mn = std::min(mn, v);
        mx = std::max(mx, v);
        w = w && v == std::floor(v);
      }
      lo[h] = mn, hi[h] = mx, whole[h] = w;
    });
  vmin_ = std::min(lo[0], lo[1]);
  vmax_ = std::max(hi[0], hi[1]);
  any_value_ = with_values_ && vmin_ <= vmax_;
  bins_ = any_value_ ? static_cast<std::size_t>(vmax_ - vmin_) + 1 : 0;
  histogram_ = any_value_ && whole[0] && whole[1] && vmax_ - vmin_ < 1e6 && bins_ * cells_ <= 64'000'000 / halves_;
}

/// The counts per cell and status (and the histograms); each half keeps its own, added together after.
template <class RuleCode>
void Summariser<RuleCode>::count() {
  counts_.assign(cells_, Counts{});
  completed_.assign(percentiles_.empty() ? 0 : cells_ + 1, 0);
  hist_.assign(histogram_ ? bins_ * cells_ : 0, 0);
  std::vector<Counts> counts_2(halves_ == 2 ? cells_ : 0, Counts{});
  std::vector<std::int64_t> completed_2(halves_ == 2 && with_values_ ? cells_ + 1 : 0, 0);
  std::vector<std::uint32_t> hist_2(halves_ == 2 && histogram_ ? bins_ * cells_ : 0, 0);
  in_halves([&](std::size_t b, std::size_t e, std::size_t h) {
    auto& count = h == 0 ? counts_ : counts_2;
    auto& done = h == 0 ? completed_ : completed_2;
    auto& histo = h == 0 ? hist_ : hist_2;
    for (std::size_t i = b; i < e; ++i) {
      const std::int64_t c = cell_of(i);
      if (c < 0) continue;
      ++count[static_cast<std::size_t>(c)][status_[i]];
      if (with_values_ && !std::isnan(durations_[i])) {
        ++done[static_cast<std::size_t>(c) + 1];
        if (histogram_) ++histo[static_cast<std::size_t>(c) * bins_ + static_cast<std::size_t>(durations_[i] - vmin_)];
      }
    }
  });
  if (halves_ == 2) {
    for (std::size_t c = 0; c < cells_; ++c)
      for (std::size_t k = 0; k < 6; ++k) counts_[c][k] += counts_2[c][k];
    for (std::size_t c = 0; c < completed_2.size(); ++c) completed_[c] += completed_2[c];
    for (std::size_t k = 0; k < hist_2.size(); ++k) hist_[k] += hist_2[k];
  }
  if (with_values_)
    for (std::size_t c = 1; c <= cells_; ++c) completed_[c] += completed_[c - 1];
}

/// Without a histogram, the durations of each cell gathered together (a counting sort) for nth_element.
template <class RuleCode>
void Summariser<RuleCode>::gather_values() {
  if (!any_value_ || histogram_) return;
  support::reserve_large(values_, static_cast<std::size_t>(completed_[cells_]));
  values_.resize(static_cast<std::size_t>(completed_[cells_]));
  std::vector<std::int64_t> fill(completed_.begin(), completed_.end() - 1);
  for (std::size_t i = 0; i < n_; ++i) {
    if (std::isnan(durations_[i])) continue;
    const std::int64_t c = cell_of(i);
    if (c >= 0)
      values_[static_cast<std::size_t>(fill[static_cast<std::size_t>(c)]++)] = static_cast<double>(durations_[i]);
  }
}

/// The k-th smallest duration of a cell (0-based), from its histogram.
template <class RuleCode>
double Summariser<RuleCode>::order_statistic(std::size_t c, std::int64_t k) const {
  std::int64_t seen = 0;
  for (std::size_t b = 0; b < bins_; ++b) {
    seen += hist_[c * bins_ + b];
    if (seen > k) return vmin_ + static_cast<double>(b);
  }
  return vmax_;
}

template <class RuleCode>
double Summariser<RuleCode>::cell_percentile(std::size_t c, double q) {
  const std::int64_t count = completed_[c + 1] - completed_[c];
  if (count == 0) return std::numeric_limits<double>::quiet_NaN();
  if (!histogram_)
    return percentile(values_, static_cast<std::size_t>(completed_[c]), static_cast<std::size_t>(completed_[c + 1]), q);
  const double pos = (static_cast<double>(count) - 1) * q / 100.0;
  const auto lo_k = static_cast<std::int64_t>(std::floor(pos));
  const double a = order_statistic(c, lo_k);
  const double frac = pos - static_cast<double>(lo_k);
  if (frac == 0 || lo_k + 1 >= count) return a;
  return a + (order_statistic(c, lo_k + 1) - a) * frac;
}

/// One row per non-empty cell, ordered by rule, period, group.
template <class RuleCode>
Summary Summariser<RuleCode>::table() {
  Summary out;
  out.percentiles.assign(percentiles_.size(), {});
  for (std::size_t c = 0; c < cells_; ++c) {
    const Counts& k = counts_[c];
    if (k == Counts{}) continue;
    const auto ci = static_cast<std::int64_t>(c);
    const std::int64_t s = (ci / n_groups_) % slots_;
    append_summary_row(
        out, static_cast<std::int32_t>(ci / n_groups_ / slots_),
        period_ == SummaryPeriod::all || s == slots_ - 1 ? nat : support::first_day_of_month(first_slot_ + s * step_),
        ci % n_groups_, k);
    for (std::size_t q = 0; q < percentiles_.size(); ++q)
      out.percentiles[q].push_back(with_values_ ? cell_percentile(c, percentiles_[q])
                                                : std::numeric_limits<double>::quiet_NaN());
  }
  return out;
}

SAFEGUARDING_FUNC void append_summary_row(Summary& out, std::int32_t rule, std::int64_t period, std::int64_t group,
                                          const StatusCounts& k) {
  std::int64_t total = 0, in = 0, outside = 0;
  for (std::size_t st = 0; st < k.size(); ++st) {
    total += k[st];
    if (in_timescale(static_cast<InstanceStatus>(st))) in += k[st];
    if (out_of_timescale(static_cast<InstanceStatus>(st))) outside += k[st];
  }
  out.rule.push_back(rule);
  out.period.push_back(period);
  out.group.push_back(group);
  out.instances.push_back(total);
  out.met.push_back(k[0]);
  out.late.push_back(k[1]);
  out.overdue.push_back(k[2]);
  out.open.push_back(k[3]);
  out.missed.push_back(k[4]);
  out.ended.push_back(k[5]);
  out.in_timescale.push_back(in);
  out.out_of_timescale.push_back(outside);
  out.percent_in_timescale.push_back(percent_in_timescale(in, outside));
}

// ---- the cells of the summary-only path ----------------------------------------------------

/// Makes room in the histogram for x; false (and nothing changed) when the span would grow beyond
/// what a histogram is worth.
SAFEGUARDING_FUNC bool DurationBag::widen(std::int64_t x) {
  constexpr std::int64_t max_bins = 1 << 16;
  if (hist_.empty()) {
    lo_ = x;
    hist_.assign(1, 0);
    return true;
  }
  const std::int64_t hi = lo_ + static_cast<std::int64_t>(hist_.size()) - 1;
  const std::int64_t new_lo = std::min(lo_, x), new_hi = std::max(hi, x);
  if (new_hi - new_lo >= max_bins) return false;
  // Grow by half again at least, so that values widening the range one by one cost linear time.
  const std::int64_t size =
      std::min(std::max(new_hi - new_lo + 1, static_cast<std::int64_t>(hist_.size()) * 3 / 2), max_bins);
  const std::int64_t from = x < lo_ ? new_hi - size + 1 : new_lo;
  std::vector<std::uint32_t> grown(static_cast<std::size_t>(size), 0);
  std::copy(hist_.begin(), hist_.end(), grown.begin() + (lo_ - from));
  hist_ = std::move(grown);
  lo_ = from;
  return true;
}

SAFEGUARDING_FUNC void DurationBag::to_values() {
  raw_ = true;
  for (std::size_t b = 0; b < hist_.size(); ++b)
    values_.insert(values_.end(), hist_[b], static_cast<double>(lo_ + static_cast<std::int64_t>(b)));
  std::vector<std::uint32_t>().swap(hist_);
}

SAFEGUARDING_FUNC void DurationBag::merge(const DurationBag& other) {
  if (other.raw_) {
    for (double v : other.values_) add(v);
    return;
  }
  for (std::size_t b = 0; b < other.hist_.size(); ++b) {
    const std::uint32_t n = other.hist_[b];
    if (n == 0) continue;
    const std::int64_t x = other.lo_ + static_cast<std::int64_t>(b);
    count_ += n;
    if (!raw_ && (fits(x) || widen(x))) {
      hist_[static_cast<std::size_t>(x - lo_)] += n;
    } else {
      if (!raw_) to_values();
      values_.insert(values_.end(), n, static_cast<double>(x));
    }
  }
}

SAFEGUARDING_FUNC double DurationBag::order_statistic(std::int64_t k) const {
  std::int64_t seen = 0;
  for (std::size_t b = 0; b < hist_.size(); ++b) {
    seen += hist_[b];
    if (seen > k) return static_cast<double>(lo_ + static_cast<std::int64_t>(b));
  }
  return static_cast<double>(lo_ + static_cast<std::int64_t>(hist_.size()) - 1);
}

SAFEGUARDING_FUNC double DurationBag::percentile(double q) {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (raw_) return detail::percentile(values_, 0, values_.size(), q);
  // As Summariser::cell_percentile: the same order statistics and the same interpolation.
  const double pos = (static_cast<double>(count_) - 1) * q / 100.0;
  const auto lo_k = static_cast<std::int64_t>(std::floor(pos));
  const double a = order_statistic(lo_k);
  const double frac = pos - static_cast<double>(lo_k);
  if (frac == 0 || lo_k + 1 >= count_) return a;
  return a + (order_statistic(lo_k + 1) - a) * frac;
}

SAFEGUARDING_FUNC CellAccumulator::CellAccumulator(std::span<const std::int32_t> computed, const MonthTable& months,
                                                   bool with_durations)
    : month_table_(months),
      rules_(computed.begin(), computed.end()),
      first_month_(support::month_number(months.first_month_start())),
      months_(months.months()),
      slots_(months_ + 1),
      with_durations_(with_durations) {
  std::sort(rules_.begin(), rules_.end());
  rules_.erase(std::unique(rules_.begin(), rules_.end()), rules_.end());
  dense_.assign(rules_.empty() ? 0 : static_cast<std::size_t>(rules_.back()) + 1, -1);
  for (std::size_t r = 0; r < rules_.size(); ++r)
    dense_[static_cast<std::size_t>(rules_[r])] = static_cast<std::int32_t>(r);
  counts_.assign(rules_.size() * slots_, StatusCounts{});
  bags_.resize(with_durations ? counts_.size() : 0);
}

SAFEGUARDING_FUNC void CellAccumulator::add(const std::int32_t* rule, const std::int64_t* day,
                                            const std::uint8_t* status, const float* duration, std::size_t n) {
  // As add() for one instance, with the tables' pointers held in locals: the counts and durations
  // stored may alias the members' own pointers otherwise, which would be read again each time.
  const std::int32_t* dense = dense_.data();
  StatusCounts* counts = counts_.data();
  DurationBag* bags = bags_.data();
  const std::size_t slots = slots_;
  const bool with_durations = with_durations_;
  for (std::size_t u = 0; u < n; ++u) {
    const std::size_t c = static_cast<std::size_t>(dense[static_cast<std::size_t>(rule[u])]) * slots + slot(day[u]);
    ++counts[c][status[u]];
    if (with_durations && !std::isnan(duration[u])) bags[c].add(static_cast<double>(duration[u]));
  }
}

SAFEGUARDING_FUNC void CellAccumulator::merge(const CellAccumulator& other) {
  for (std::size_t c = 0; c < counts_.size(); ++c)
    for (std::size_t k = 0; k < counts_[c].size(); ++k) counts_[c][k] += other.counts_[c][k];
  for (std::size_t c = 0; c < bags_.size(); ++c) bags_[c].merge(other.bags_[c]);
}

SAFEGUARDING_FUNC Summary CellAccumulator::table(SummaryPeriod period, std::span<const double> percentiles) {
  const std::int64_t step = period == SummaryPeriod::month                                                   ? 1
                            : period == SummaryPeriod::quarter || period == SummaryPeriod::reporting_quarter ? 3
                                                                                                             : 12;
  const std::int64_t offset = period == SummaryPeriod::reporting_year ? 3 : 0;
  Summary out;
  out.percentiles.assign(percentiles.size(), {});
  auto emit = [&](std::int32_t rule, std::int64_t first_day, std::size_t b, std::size_t e) {
    StatusCounts k{};
    DurationBag bag;
    for (std::size_t c = b; c < e; ++c) {
      for (std::size_t s = 0; s < k.size(); ++s) k[s] += counts_[c][s];
      if (with_durations_) bag.merge(bags_[c]);
    }
    if (k == StatusCounts{}) return;
    append_summary_row(out, rule, first_day, 0, k);
    for (std::size_t q = 0; q < percentiles.size(); ++q)
      out.percentiles[q].push_back(with_durations_ ? bag.percentile(percentiles[q])
                                                   : std::numeric_limits<double>::quiet_NaN());
  };
  for (std::size_t k = 0; k < rules_.size(); ++k) {
    const std::int32_t r = rules_[k];
    const std::size_t base = k * slots_;
    if (period == SummaryPeriod::all) {
      emit(r, nat, base, base + slots_);
      continue;
    }
    for (std::size_t m = 0; m < months_;) {
      const std::int64_t first = support::period_first_month(first_month_ + static_cast<std::int64_t>(m), step, offset);
      std::size_t e = m + 1;
      while (e < months_ &&
             support::period_first_month(first_month_ + static_cast<std::int64_t>(e), step, offset) == first)
        ++e;
      emit(r, support::first_day_of_month(first), base + m, base + e);
      m = e;
    }
    emit(r, nat, base + months_, base + slots_);
  }
  return out;
}

}  // namespace safeguarding::inline v0::timeliness::detail

namespace safeguarding::inline v0::timeliness {

#define SAFEGUARDING_SUMMARISE(CODE)                                                                               \
  SAFEGUARDING_FUNC Summary summarise(                                                                             \
      std::span<const CODE> rule, std::span<const std::uint8_t> status, std::span<const std::int64_t> date,        \
      SummaryPeriod period, std::span<const std::int64_t> groups, std::int64_t n_groups,                           \
      std::span<const float> durations, std::span<const double> percentiles, std::int64_t per_day) {               \
    return detail::Summariser<CODE>(rule, status, date, period, groups, n_groups, durations, percentiles, per_day) \
        .run();                                                                                                    \
  }
SAFEGUARDING_SUMMARISE(std::int8_t)
SAFEGUARDING_SUMMARISE(std::int16_t)
SAFEGUARDING_SUMMARISE(std::int32_t)
SAFEGUARDING_SUMMARISE(std::int64_t)
#undef SAFEGUARDING_SUMMARISE

SAFEGUARDING_FUNC Summary summarise(const Instances& inst, SummaryPeriod period, Basis basis,
                                    std::span<const std::int64_t> groups, std::int64_t n_groups,
                                    std::span<const float> durations, std::span<const double> percentiles) {
  const ResultColumn<std::int64_t>& date = basis == Basis::due         ? inst.due
                                           : basis == Basis::completed ? inst.completed
                                                                       : inst.start;
  return summarise(std::span<const std::int32_t>(inst.rule), std::span<const std::uint8_t>(inst.status), date, period,
                   groups, n_groups, durations, percentiles, inst.dates_in_seconds ? 86400 : 1);
}

}  // namespace safeguarding::inline v0::timeliness
