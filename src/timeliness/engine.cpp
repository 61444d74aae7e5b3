// The engine: checks the columns, compiles the rules, classifies the rows it cannot use, orders the
// rest by case and time, gathers their columns into that order, and runs the workers over runs of
// whole cases of the gathered columns (src/timeliness/worker.cpp), which report rows by the
// caller's row numbers.
#include "safeguarding/timeliness/engine.hpp"

#include "safeguarding/timeliness/summary.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>

#if defined(__x86_64__)
#include <emmintrin.h>  // SSE2, which every x86-64 processor has
#endif

#include "../support/buffers.hpp"
#include "../support/threads.hpp"
#include "cells.hpp"
#include "compiled.hpp"
#include "month_table.hpp"
#include "rows.hpp"
#include "sizes.hpp"
#include "worker.hpp"

namespace safeguarding::inline v0::timeliness::detail {

class SAFEGUARDING_INTERNAL Engine {
  /// The engine's own buffers: their large blocks are kept between calls (support::ScratchPool).
  template <class T>
  using Column = support::ScratchColumn<T>;

 public:
  Engine(const RuleCatalogue& catalogue, const EventsView& events, const EngineOptions& options);
  EngineResult run() &&;
  EngineSummary run_summary(const SummaryRequest& request) &&;

 private:
  void validate() const;
  void set_as_of(const EngineOptions& options);
  void prepare();
  void order_by_case();
  /// One candidate on its way into the engine's order by the radix sort: what the workers read of
  /// it, in 16 bytes: its time (from the calendar's first day) and event type packed into one key
  /// that orders as (time, event type) do.
  struct Record {
    std::uint32_t rank, row;
    std::uint64_t key;
  };
  /// The radix sort's records in this form (any input): `make` builds one, `local` is its case's rank
  /// within its bucket, `same_case` whether two of a bucket are of one case, `key` orders a case's
  /// records (stably: ties keep the bucket's order, the candidates'), and the others read it back.
  struct Wide {
    using Rec = Record;
    std::int64_t base;  // the calendar's first day, in the time's unit
    unsigned event_bits;
    std::uint32_t mask;  // of a rank's bits within its bucket
    [[nodiscard]] Rec make(std::uint32_t rank, std::uint32_t row, std::int64_t time, std::int32_t event) const {
      return Rec{rank, row,
                 (static_cast<std::uint64_t>(time - base) << event_bits) |
                     static_cast<std::uint64_t>(static_cast<std::uint32_t>(event))};
    }
    [[nodiscard]] std::uint32_t local(const Rec& x) const { return x.rank & mask; }
    [[nodiscard]] static bool same_case(const Rec& x, const Rec& y) { return x.rank == y.rank; }
    [[nodiscard]] static std::uint64_t key(const Rec& x) { return x.key; }
    [[nodiscard]] static std::uint32_t rank(const Rec& x, std::uint32_t) { return x.rank; }
    [[nodiscard]] static std::uint32_t row(const Rec& x) { return x.row; }
    [[nodiscard]] std::int64_t time(const Rec& x) const {
      return base + static_cast<std::int64_t>(x.key >> event_bits);
    }
    [[nodiscard]] std::int32_t event(const Rec& x) const {
      return static_cast<std::int32_t>(x.key & ((std::uint64_t{1} << event_bits) - 1));
    }
  };
  /// The records in 8 bytes when their parts fit in 63 bits: from the top, the case's rank within
  /// its bucket, the time from the calendar's first day, the event type and the row, so that one
  /// number orders as the engine's order does (case, time, event type, row), and every key differs.
  struct Narrow {
    using Rec = std::uint64_t;
    std::int64_t base;
    unsigned event_at, time_at, rank_at;  // the lowest bit of each part (the row's is 0)
    std::uint32_t mask;                   // of a rank's bits within its bucket
    [[nodiscard]] Rec make(std::uint32_t rank, std::uint32_t row, std::int64_t time, std::int32_t event) const {
      return (static_cast<std::uint64_t>(rank & mask) << rank_at) |
             (static_cast<std::uint64_t>(time - base) << time_at) |
             (static_cast<std::uint64_t>(static_cast<std::uint32_t>(event)) << event_at) | row;
    }
    [[nodiscard]] std::uint32_t local(Rec x) const { return static_cast<std::uint32_t>(x >> rank_at); }
    [[nodiscard]] bool same_case(Rec x, Rec y) const { return ((x ^ y) >> rank_at) == 0; }
    [[nodiscard]] static std::uint64_t key(Rec x) { return x; }
    [[nodiscard]] std::uint32_t rank(Rec x, std::uint32_t bucket_rank) const { return bucket_rank | local(x); }
    [[nodiscard]] std::uint32_t row(Rec x) const {
      return static_cast<std::uint32_t>(x & ((std::uint64_t{1} << event_at) - 1));
    }
    [[nodiscard]] std::int64_t time(Rec x) const {
      return base + static_cast<std::int64_t>((x & ((std::uint64_t{1} << rank_at) - 1)) >> time_at);
    }
    [[nodiscard]] std::int32_t event(Rec x) const {
      return static_cast<std::int32_t>((x & ((std::uint64_t{1} << time_at) - 1)) >> event_at);
    }
  };
  template <class Rank, class Id>
  void radix_sort(Rank rank, std::size_t ranks, Id id_of);
  /// The summary-only path's workers when they run inside the radix sort: each thread judges the
  /// cases of each bucket it sorts there and then, from small columns of its own that stay in its
  /// cache, rather than the sort writing the gathered columns and the workers reading them back.
  struct SAFEGUARDING_INTERNAL Judge {
    const SummaryRequest& request;
    std::vector<Instances>& columns;      // each part's scratch instances
    std::vector<CellAccumulator>& cells;  // each part's cells
    std::vector<EventFindings> findings;  // each bucket's, appended in bucket order (the cases' order)
    bool used = false;                    // whether the radix sort judged the cases
  };
  /// A thread's columns of a run of whole cases of a bucket, in the engine's order: each position's
  /// row in the caller's events, and its use.
  struct SAFEGUARDING_INTERNAL JudgeRun {
    Column<std::int64_t> case_id, time;
    Column<std::int32_t> event;
    Column<std::uint32_t> rows;
    std::vector<std::uint8_t> use;
    std::vector<std::vector<std::int64_t>> attributes;  // those a condition reads; the others empty
    EventsView view;
  };
  void judge_run(Worker& worker, JudgeRun& run, std::size_t bucket, const std::vector<std::size_t>& attributes);
  Judge* judge_ = nullptr;  // set by run_summary() while order_by_case() runs
  [[nodiscard]] std::vector<std::size_t> read_attributes() const;
  std::vector<std::int64_t> rank_cases(Column<std::uint32_t>& rank) const;
  [[nodiscard]] bool cases_in_time_order() const;
  [[nodiscard]] std::vector<std::size_t> allocate_columns(std::size_t m);
  void gather_columns();
  void finish_columns();
  void gather_part(std::size_t b, std::size_t e, const std::vector<std::size_t>& attributes, bool core = true);
  void sort_within_cases(std::size_t b, std::size_t e);
  [[nodiscard]] WorkerInput worker_input() const;
  void give_back_row_uses();
  [[nodiscard]] std::vector<std::size_t> split_cases() const;
  [[nodiscard]] std::vector<std::size_t> bounds(const std::vector<std::size_t>& cut) const;
  void gather(std::vector<Worker>& workers, const std::vector<std::size_t>& base);
  void gather_findings(std::vector<Worker>& workers);
  /// Whether a pass over `n` rows runs in two halves on two threads.
  [[nodiscard]] bool in_two(std::size_t n) const noexcept { return n >= engine_parts_from && threads_ > 1; }

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
  Column<std::uint32_t> candidates_;
  // The candidate rows in the engine's order (by case, then time, event type and row): order_[k]
  // is the caller's row at position k, and sorted_ views the columns gathered into that order
  // (the attributes a condition reads; the others are left empty), which the workers read in turn
  // rather than the caller's columns through the order (a cache miss a column a row when the rows
  // are not in case order). The workers write positions, mapped back to rows through order_, and
  // each position's use into use_, given back to the caller's rows at the end. When every row is a
  // candidate and already in that order, nothing is copied: sorted_ views the caller's columns.
  Column<std::uint32_t> order_;
  Column<std::int64_t> case_id_, time_;
  Column<std::int32_t> event_;
  std::vector<Column<std::int64_t>> attributes_;
  EventsView sorted_;
  std::vector<std::uint8_t> use_;
  bool in_place_ = false;  // every row a candidate, already in the engine's order: sorted_ views the caller's columns
  std::int64_t case_lo_ = 0, case_hi_ = 0;
  std::size_t threads_ = 1;
  bool seconds_out_ = false;
  EngineResult result_;
};

SAFEGUARDING_FUNC Engine::Engine(const RuleCatalogue& catalogue, const EventsView& events, const EngineOptions& options)
    : catalogue_(catalogue), events_(events), calendar_(options.calendar), cal_(calendar_.table()), months_(cal_) {
  threads_ = options.threads > 0 ? options.threads : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  validate();
  rules_ = compile_rules(catalogue_, events_, options.rules);
  seconds_out_ = options.dates_as_seconds;
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
  // Each part counts its bad rows and keeps its first five (in row order), on both threads for large inputs.
  constexpr std::size_t shown = 5;
  std::size_t bad[2] = {0, 0};
  std::vector<std::size_t> first[2];
  support::in_halves(n, in_two(n), [&](std::size_t b, std::size_t e, std::size_t p) {
    const std::int32_t* event = events_.event.data();
    std::size_t count = 0;
    for (std::size_t i = b; i < e; ++i)
      if ((event[i] < 0 || event[i] >= types) && ++count <= shown) first[p].push_back(i);
    bad[p] = count;
  });
  std::size_t listed = 0, total = 0;
  for (std::size_t p = 0; p < 2; ++p) {
    total += bad[p];
    for (std::size_t i : first[p])
      if (++listed <= shown)
        problems.add("column 'event', row " + std::to_string(i),
                     std::to_string(events_.event[i]) + " is not the index of an event type (the catalogue has " +
                         std::to_string(types) + ")");
  }
  if (total > shown) problems.add("", "and " + std::to_string(total - shown) + " more rows");
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
  std::int64_t latest[2] = {nat, nat};
  support::in_halves(n_, in_two(n_), [&](std::size_t b, std::size_t e, std::size_t p) {
    std::int64_t l = nat;
    for (std::size_t i = b; i < e; ++i) {
      if (events_.time[i] == nat) continue;
      const std::int64_t d = day_of(i);
      if (cal_.covers(d) && d > l) l = d;
    }
    latest[p] = l;
  });
  result_.as_of = std::max(latest[0], latest[1]);
}

/// Classifies the rows the workers will not see (no date, outside the calendar, after the as-of
/// date, no rule) and lists the others as candidates, with the range of their case ids.
SAFEGUARDING_FUNC void Engine::prepare() {
  const std::int64_t as_of = result_.as_of;
  // In parts on both threads for large inputs: each part lists its candidates in its own range of
  // candidates_ and its findings apart; the ranges are then closed up and the findings appended in
  // part order, so both stay in row order as one pass would leave them.
  support::reserve_large(candidates_, n_);
  candidates_.resize(n_);
  std::size_t begin[2] = {0, 0}, count[2] = {0, 0};
  std::int64_t lo[2] = {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max()},
               hi[2] = {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::min()};
  EventFindings found[2];
  support::in_halves(n_, in_two(n_), [&](std::size_t b, std::size_t e, std::size_t p) {
    begin[p] = b;
    std::uint32_t* out = candidates_.data() + b;
    std::size_t c = 0;
    std::int64_t l = lo[p], h = hi[p];
    for (std::size_t i = b; i < e; ++i) {
      const auto row = static_cast<std::int64_t>(i);
      const std::int64_t t = events_.time[i];
      if (t == nat) {
        add_finding(found[p], result_.row_use, row, EventFinding::missing_date, -1, -1);
        continue;
      }
      const std::int64_t d = day_of(i);
      if (!cal_.covers(d)) {
        add_finding(found[p], result_.row_use, row, EventFinding::outside_calendar, -1, -1);
      } else if (as_of != nat && d > as_of) {
        mark(row, EventRowUse::after_as_of);
      } else if (rules_.dispatch[static_cast<std::size_t>(events_.event[i])].empty() &&
                 rules_.tested[static_cast<std::size_t>(events_.event[i])] < 0) {
        mark(row, EventRowUse::no_rule);
      } else {
        out[c++] = static_cast<std::uint32_t>(i);
        const std::int64_t id = events_.case_id[i];
        l = std::min(l, id);
        h = std::max(h, id);
      }
    }
    count[p] = c, lo[p] = l, hi[p] = h;
  });
  // The second half's candidates move down to follow the first's (or stay): never overlapping wrongly.
  const std::uint32_t* second = candidates_.data() + begin[1];
  std::copy(second, second + count[1], candidates_.data() + count[0]);
  candidates_.resize(count[0] + count[1]);
  for (const auto& f : found) append_findings(result_.findings, f);
  case_lo_ = std::min(lo[0], lo[1]);
  case_hi_ = std::max(hi[0], hi[1]);
}

/// Orders candidate rows by case, then by time, event type and row, into the gathered columns:
/// rows already in case order are gathered and each case's rows sorted; others go through the
/// radix sort on the case's rank.
SAFEGUARDING_FUNC void Engine::order_by_case() {
  const std::size_t m = candidates_.size();
  const auto& case_id = events_.case_id;
  // Already in case order (a typical extract)? Then no ranks and no counting sort are needed.
  bool sorted = true;
  for (std::size_t k = 1; k < m && sorted; ++k) sorted = case_id[candidates_[k - 1]] <= case_id[candidates_[k]];
  const auto range = static_cast<std::uint64_t>(case_hi_) - static_cast<std::uint64_t>(case_lo_);
  if (sorted) {
    order_ = std::move(candidates_);
    if (m == n_ && cases_in_time_order()) {  // every row, in order: nothing to gather, positions are rows
      in_place_ = true;
      sorted_ = events_;
      use_.swap(result_.row_use);  // every row's use is unset
      return;
    }
    gather_columns();
  } else if (range <= 2 * static_cast<std::uint64_t>(m) + 1024) {  // ids in a modest range are their own ranks
    const auto lo = static_cast<std::uint64_t>(case_lo_);
    const std::int64_t* ids = case_id.data();  // captured by value, so that no store can alias them
    radix_sort(
        [ids, lo](std::uint32_t i) { return static_cast<std::uint32_t>(static_cast<std::uint64_t>(ids[i]) - lo); },
        static_cast<std::size_t>(range) + 1, [lo](std::uint32_t r) { return static_cast<std::int64_t>(lo + r); });
  } else {
    Column<std::uint32_t> rank;
    support::reserve_large(rank, n_);
    rank.resize(n_);
    const std::vector<std::int64_t> ids = rank_cases(rank);
    radix_sort([&](std::uint32_t i) { return rank[i]; }, ids.size(), [&](std::uint32_t r) { return ids[r]; });
  }
}

/// The radix sort of the candidates into the engine's order (by case rank, then time, event type
/// and row), written into the gathered columns. Every read of the caller's columns and every write
/// is in sequence, where a counting sort of row numbers and a gather through them would read and
/// write at random: (1) each part of the candidates counts its rows per bucket of ranks (the rank's
/// high bits, a bucket's records about the size of a core's cache); (2) each part copies its rows
/// as records into their buckets, part 0's first, so that each bucket keeps the candidates' order;
/// (3) each bucket, taken in turn by the threads, is sorted by rank (a counting sort on the low
/// bits) and each case's rows by time and event type (stable, so rows keep their order), then
/// written out into the columns. The attributes a condition reads are then gathered through order_.
template <class Rank, class Id>
void Engine::radix_sort(Rank rank, std::size_t ranks, Id id_of) {
  const std::size_t m = candidates_.size();
  // Few buckets make the scatter (2) cheap: each part writes to every bucket at once, and 256
  // streams of records fit a core's first-level cache where 1,024 did not (10 million shuffled
  // events: the scatter's CPU time 83 ms then, 57 now). But a bucket's records, and their sorted
  // copy, should stay within a core's second-level cache for step (3): from about 1 MiB of records
  // a bucket, the buckets double (256 up to some 16 million candidates, 1,024 beyond 33 million).
  const std::size_t max_buckets =
      std::clamp<std::size_t>(std::bit_ceil(m * sizeof(Record) / (std::size_t{1} << 20) + 1), 256, 1024);
  unsigned shift = 0;
  while (((ranks - 1) >> shift) >= max_buckets) ++shift;
  const std::size_t buckets = ((ranks - 1) >> shift) + 1;
  const std::size_t parts = m >= engine_parts_from ? std::max<std::size_t>(threads_, 1) : 1;
  const std::uint32_t* candidates = candidates_.data();
  // Every row a candidate (the usual case): candidates_ is 0, 1, 2 ..., and the passes below read
  // the rows themselves rather than through it.
  const bool every = m == n_;
  auto part_begin = [&](std::size_t p) { return m * p / parts; };
  // Calls f(row) for the candidates [b, e).
  auto each_candidate = [every, candidates](std::size_t b, std::size_t e, auto&& f) {
    if (every)
      for (std::size_t k = b; k < e; ++k) f(static_cast<std::uint32_t>(k));
    else
      for (std::size_t k = b; k < e; ++k) f(candidates[k]);
  };
  std::vector<std::size_t> next(parts * buckets, 0);  // part p's next place in bucket b: next[p * buckets + b]
  support::in_parts(parts, [&](std::size_t p) {
    std::size_t* count = next.data() + p * buckets;
    const unsigned by = shift;
    each_candidate(part_begin(p), part_begin(p + 1), [&](std::uint32_t i) { ++count[rank(i) >> by]; });
  });
  // The key: the time from the calendar's first day (every candidate's day is within the calendar),
  // shifted above the event type's bits.
  const std::int64_t per_day = events_.resolution == Resolution::days ? 1 : seconds_per_day;
  const std::int64_t time_base = cal_.first * per_day;
  const auto span = static_cast<std::uint64_t>((cal_.last - cal_.first + 1) * per_day);
  const auto types = static_cast<std::uint64_t>(std::max<std::size_t>(catalogue_.events().size(), 1));
  const auto event_bits = static_cast<unsigned>(std::bit_width(types - 1));
  if (event_bits >= 64 || ((span - 1) >> (64 - event_bits)) != 0)
    throw Error("timeliness: the calendar's range and the catalogue's " + std::to_string(types) +
                " event types are too large to order the events together");
  std::vector<std::size_t> bucket_begin(buckets + 1, 0);
  for (std::size_t b = 0, at = 0; b < buckets; ++b) {
    bucket_begin[b] = at;
    for (std::size_t p = 0; p < parts; ++p) {
      const std::size_t c = next[p * buckets + b];
      next[p * buckets + b] = at;
      at += c;
    }
    bucket_begin[b + 1] = at;
  }
  const std::size_t local = std::min<std::size_t>(std::size_t{1} << shift, ranks);  // ranks in a bucket
  const auto local_mask = static_cast<std::uint32_t>(local - 1);
  const bool judging = judge_ != nullptr;
  std::vector<std::size_t> attributes;
  // Steps (2) and (3) with records of either form.
  auto place = [&](const auto& codec) {
    using Codec = std::remove_cvref_t<decltype(codec)>;
    using Rec = typename Codec::Rec;
    // Wide records come in two blocks, the buckets before `split` in the first and the others in
    // the second, each about half: blocks of the size of the gathered columns (8 bytes a
    // candidate), which the scratch pool may hold from an earlier call of either path, where one
    // block of 16 bytes a candidate would be fresh memory for the system to zero after a call of
    // the instances path. Narrow records are one such block.
    const std::size_t split =
        sizeof(Rec) <= 8
            ? buckets
            : static_cast<std::size_t>(std::upper_bound(bucket_begin.begin(), bucket_begin.end() - 1, m / 2) -
                                       bucket_begin.begin() - 1);
    Column<Rec> low, high;
    support::reserve_large(low, bucket_begin[split]);
    low.resize(bucket_begin[split]);
    support::reserve_large(high, m - bucket_begin[split]);
    high.resize(m - bucket_begin[split]);
    // The records of bucket b from its place `first` on.
    auto records_of = [&, split_at = bucket_begin[split]](std::size_t b, std::size_t first) {
      return b < split ? low.data() + first : high.data() + (first - split_at);
    };
    support::in_parts(parts, [&](std::size_t p) {
      std::vector<Rec*> out(buckets);  // the part's next record in each bucket
      for (std::size_t b = 0; b < buckets; ++b) out[b] = records_of(b, next[p * buckets + b]);
      Rec** to = out.data();
      const std::int64_t* time = events_.time.data();
      const std::int32_t* event = events_.event.data();
      const Codec c = codec;  // locals, which the stores through `to` cannot alias
      const unsigned by = shift;
      each_candidate(part_begin(p), part_begin(p + 1), [&](std::uint32_t i) {
        const std::uint32_t r = rank(i);
        *to[r >> by]++ = c.make(r, i, time[i], event[i]);
      });
    });
    Column<std::uint32_t>().swap(candidates_);
    attributes = judging ? read_attributes() : allocate_columns(m);
    if (judging) {
      judge_->used = true;
      judge_->findings.resize(buckets);
    } else {
      support::reserve_large(order_, m);
      order_.resize(m);
    }
    constexpr std::size_t few = 16;  // cases of up to this many rows are ordered by counting (below)
    std::atomic<std::size_t> taken{0};
    support::in_parts(parts, [&](std::size_t part) {
      std::vector<std::uint32_t> count;
      std::vector<Rec> sorted;
      std::optional<JudgeRun> run;
      std::optional<Worker> worker;
      if (judging) {
        run.emplace();
        run->view.resolution = events_.resolution;
        run->attributes.resize(events_.attributes.size());
        for (const auto& a : events_.attributes)
          run->view.attributes.push_back(AttributeView{a.name, {}, a.categories});
        Instances& columns = judge_->columns[part];
        worker.emplace(WorkerInput{run->view, cal_, months_, rules_.dispatch, rules_.tested, rules_.any_tested, {}},
                       rules_.tracks,
                       WorkerOutput{columns,
                                    {},
                                    result_.as_of,
                                    0,
                                    columns.rule.size(),
                                    &judge_->cells[part],
                                    judge_->request.basis,
                                    judge_->request.durations});
      }
      const Codec c = codec;  // a local, which the stores cannot alias
      auto earlier = [c](const Rec& x, const Rec& y) { return c.key(x) < c.key(y); };
      for (std::size_t b; (b = taken.fetch_add(1)) < buckets;) {
        const std::size_t first = bucket_begin[b], last = bucket_begin[b + 1];
        if (first == last) continue;
        count.assign(local + 1, 0);
        const Rec* records = records_of(b, first);  // the bucket's
        const std::size_t size = last - first;
        for (std::size_t k = 0; k < size; ++k) ++count[c.local(records[k]) + 1];
        for (std::size_t r = 1; r <= local; ++r) count[r] += count[r - 1];
        sorted.resize(size);
        for (std::size_t k = 0; k < size; ++k) sorted[count[c.local(records[k])]++] = records[k];
        for (std::size_t i = 0, i_end = 0; i < size; i = i_end) {  // each case's rows
          i_end = i + 1;
          bool in_order = true;
          for (; i_end < size && c.same_case(sorted[i_end], sorted[i]); ++i_end)
            in_order = in_order && !earlier(sorted[i_end], sorted[i_end - 1]);
          if (in_order) continue;
          const auto from = sorted.begin() + static_cast<std::ptrdiff_t>(i),
                     to = sorted.begin() + static_cast<std::ptrdiff_t>(i_end);
          const std::size_t rows = i_end - i;
          if (rows > 24) {
            std::stable_sort(from, to, earlier);
          } else if (rows <= few) {
            // Each row's place is the count of the case's rows before it in the engine's order (those
            // with a smaller key, and those with the same key earlier in the bucket, so stable): no
            // branch, where the insertion sort's were a coin toss on shuffled rows.
            std::array<std::uint64_t, few> key;
            std::array<Rec, few> was;
            for (std::size_t j = 0; j < rows; ++j) was[j] = sorted[i + j], key[j] = c.key(was[j]);
            for (std::size_t j = 0; j < rows; ++j) {
              std::size_t at = 0;
              for (std::size_t q = 0; q < j; ++q) at += key[q] <= key[j] ? 1 : 0;
              for (std::size_t q = j + 1; q < rows; ++q) at += key[q] < key[j] ? 1 : 0;
              sorted[i + at] = was[j];
            }
          } else {
            for (auto k = from + 1; k != to; ++k) {  // insertion sort (stable) for the usual few rows
              const Rec v = *k;
              auto j = k;
              for (; j != from && earlier(v, *(j - 1)); --j) *j = *(j - 1);
              *j = v;
            }
          }
        }
        const auto bucket_rank = static_cast<std::uint32_t>(b << shift);  // the bucket's first rank
        if (judging) {  // runs of whole cases into the thread's columns, each judged at once
          const std::uint8_t* row_use = result_.row_use.data();
          for (std::size_t i = 0, e = 0; i < size; i = e) {
            e = std::min(size, i + judge_run_rows);
            while (e < size && c.same_case(sorted[e], sorted[e - 1])) ++e;
            run->case_id.resize(e - i), run->time.resize(e - i), run->event.resize(e - i), run->rows.resize(e - i);
            std::int64_t *case_id = run->case_id.data(), *time = run->time.data();
            std::int32_t* event = run->event.data();
            std::uint32_t* rows = run->rows.data();
            const Rec* x = sorted.data() + i;
            for (std::size_t k = 0; k < e - i; ++k, ++x) {
              const std::uint32_t row = c.row(*x);
#if defined(__GNUC__)
              // The row's use, written once its case is judged (judge_run): asked for now, so that
              // the writes to the caller's rows, at random, find their lines in the cache.
              __builtin_prefetch(row_use + row, 1, 3);
#endif
              rows[k] = row;
              case_id[k] = id_of(c.rank(*x, bucket_rank));
              time[k] = c.time(*x);
              event[k] = c.event(*x);
            }
            judge_run(*worker, *run, b, attributes);
          }
          continue;
        }
        std::uint32_t* order = order_.data();
        std::int64_t *case_id = case_id_.data(), *time = time_.data();
        std::int32_t* event = event_.data();
        const Rec* x = sorted.data();
        for (std::size_t k = first; k < last; ++k, ++x) {
          order[k] = c.row(*x);
          case_id[k] = id_of(c.rank(*x, bucket_rank));
          time[k] = c.time(*x);
          event[k] = c.event(*x);
        }
      }
    });
  };
  // Narrow records when the case's rank within its bucket, the time, the event type and the row fit
  // in 63 bits together (10 million rows of days within the built-in calendar take 62; date-times
  // in seconds, whose time alone takes 32, fit only for small inputs).
  const auto row_bits = static_cast<unsigned>(std::bit_width(static_cast<std::uint64_t>(n_)));
  const auto time_bits = static_cast<unsigned>(std::bit_width(span - 1));
  if (shift + time_bits + event_bits + row_bits <= narrow_record_bits)
    place(Narrow{time_base, row_bits, row_bits + event_bits, row_bits + event_bits + time_bits, local_mask});
  else
    place(Wide{time_base, event_bits, local_mask});
  if (judging) return;
  if (!attributes.empty())
    support::in_halves(m, in_two(m),
                       [&](std::size_t b, std::size_t e, std::size_t) { gather_part(b, e, attributes, false); });
  finish_columns();
}

/// The summary-only path: judges the cases of a run of whole cases whose columns the radix sort has
/// just written into `run` (the attributes a condition reads are read here, from the caller's
/// rows), with the thread's worker; their rows' uses go to the caller's rows, and their findings to
/// their bucket's.
SAFEGUARDING_FUNC void Engine::judge_run(Worker& worker, JudgeRun& run, std::size_t bucket,
                                         const std::vector<std::size_t>& attributes) {
  const std::size_t n = run.case_id.size();
  const std::uint32_t* order = run.rows.data();
  for (std::size_t a : attributes) {
    const std::int64_t* values = events_.attributes[a].values.data();
    auto& out = run.attributes[a];
    out.resize(n);
    for (std::size_t k = 0; k < n; ++k) out[k] = values[order[k]];
    run.view.attributes[a].values = out;
  }
  run.view.case_id = run.case_id;
  run.view.time = run.time;
  run.view.event = run.event;
  run.use.assign(n, unset_use);
  worker.move_to(run.rows, run.use);
  worker.run(0, n);
  // Each row's use, final once its case is judged; a candidate left unclassified (unreachable: every
  // path classifies its row) is said to have no rule, as give_back_row_uses() says.
  constexpr auto no_rule = static_cast<std::uint8_t>(EventRowUse::no_rule);
  std::uint8_t* use = result_.row_use.data();
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint8_t u = run.use[k];
    use[order[k]] = u == unset_use ? no_rule : u;
  }
  EventFindings& found = worker.findings;
  if (!found.row.empty()) {
    append_findings(judge_->findings[bucket], found);
    found = EventFindings{};
  }
}

/// Each candidate's case rank, by id, when the ids span too wide a range to be their own; the ids
/// in order, one a rank.
SAFEGUARDING_FUNC std::vector<std::int64_t> Engine::rank_cases(Column<std::uint32_t>& rank) const {
  const auto& case_id = events_.case_id;
  std::vector<std::int64_t> ids;
  ids.reserve(candidates_.size());
  for (std::uint32_t i : candidates_) ids.push_back(case_id[i]);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (std::uint32_t i : candidates_)
    rank[i] = static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), case_id[i]) - ids.begin());
  return ids;
}

/// Whether each case's rows (the caller's, every row a candidate in case order) are in the
/// engine's order already: by time, then event type (then row).
SAFEGUARDING_FUNC bool Engine::cases_in_time_order() const {
  const auto& case_id = events_.case_id;
  const auto& time = events_.time;
  const auto& event = events_.event;
  for (std::size_t k = 1; k < n_; ++k)
    if (case_id[k] == case_id[k - 1] && (time[k] < time[k - 1] || (time[k] == time[k - 1] && event[k] < event[k - 1])))
      return false;
  return true;
}

/// Copies the candidates' columns into the engine's order (case_id_, event_, time_ and the
/// attributes a condition reads), each case's rows then ordered by time: on two threads for large
/// inputs, each taking whole cases.
SAFEGUARDING_FUNC void Engine::gather_columns() {
  const std::size_t m = order_.size();
  const std::vector<std::size_t> attributes = allocate_columns(m);
  // Two parts of whole cases: the first ends at the first change of case from the middle on.
  std::size_t half = m;
  if (in_two(m)) {
    half = m / 2;
    while (half < m && events_.case_id[order_[half]] == events_.case_id[order_[half - 1]]) ++half;
  }
  support::in_parts(half < m ? 2 : 1, [&](std::size_t part) {
    const std::size_t b = part == 0 ? 0 : half, e = part == 0 ? half : m;
    gather_part(b, e, attributes);
    sort_within_cases(b, e);
  });
  finish_columns();
}

/// Sizes the gathered columns for m candidates (the attributes a condition reads; the others
/// left empty) and returns those attributes.
SAFEGUARDING_FUNC std::vector<std::size_t> Engine::allocate_columns(std::size_t m) {
  std::vector<std::size_t> attributes = read_attributes();
  attributes_.resize(events_.attributes.size());
  for (std::size_t a : attributes) {
    support::reserve_large(attributes_[a], m);
    attributes_[a].resize(m);
  }
  support::reserve_large(case_id_, m);
  support::reserve_large(event_, m);
  support::reserve_large(time_, m);
  case_id_.resize(m), event_.resize(m), time_.resize(m);
  return attributes;
}

/// The attributes a condition reads.
SAFEGUARDING_FUNC std::vector<std::size_t> Engine::read_attributes() const {
  std::vector<bool> read(events_.attributes.size(), false);
  for (const Track& t : rules_.tracks)
    for (const Link& link : t.links)
      for (const CompiledEdition& edition : link.editions)
        for (const CompiledVariant& variant : edition.variants)
          for (const CompiledCondition& c : variant.when)
            if (c.column >= 0) read[static_cast<std::size_t>(c.column)] = true;
  std::vector<std::size_t> attributes;
  for (std::size_t a = 0; a < read.size(); ++a)
    if (read[a]) attributes.push_back(a);
  return attributes;
}

/// The view of the gathered columns the workers read, and the uses of their positions.
SAFEGUARDING_FUNC void Engine::finish_columns() {
  const std::size_t m = order_.size();
  sorted_ = EventsView{case_id_, event_, time_, events_.resolution, {}};
  for (std::size_t a = 0; a < events_.attributes.size(); ++a)
    sorted_.attributes.push_back(
        AttributeView{events_.attributes[a].name, attributes_[a], events_.attributes[a].categories});
  support::reserve_large(use_, m);
  use_.assign(m, unset_use);
}

/// Positions [b, e) of the gathered columns (without `core`, of the attributes alone), each read
/// from the caller's row order_[k]; the rows `ahead` positions on are asked for first, so that the
/// reads of many rows are under way at once.
SAFEGUARDING_FUNC void Engine::gather_part(std::size_t b, std::size_t e, const std::vector<std::size_t>& attributes,
                                           bool core) {
  constexpr std::size_t ahead = 16;
  const std::uint32_t* order = order_.data();
  const std::int64_t* case_id = events_.case_id.data();
  const std::int32_t* event = events_.event.data();
  const std::int64_t* time = events_.time.data();
  for (std::size_t k = b; k < (core ? e : b); ++k) {
#if defined(__GNUC__)
    if (k + ahead < e) {
      const std::size_t r = order[k + ahead];
      __builtin_prefetch(case_id + r, 0, 0);
      __builtin_prefetch(event + r, 0, 0);
      __builtin_prefetch(time + r, 0, 0);
    }
#endif
    const std::size_t r = order[k];
    case_id_[k] = case_id[r];
    event_[k] = event[r];
    time_[k] = time[r];
  }
  for (std::size_t a : attributes) {
    const std::int64_t* values = events_.attributes[a].values.data();
    auto& out = attributes_[a];
    for (std::size_t k = b; k < e; ++k) {
#if defined(__GNUC__)
      if (k + ahead < e) __builtin_prefetch(values + order[k + ahead], 0, 0);
#endif
      out[k] = values[order[k]];
    }
  }
}

/// Within each case of positions [b, e) (whole cases): by time, then the event type's place in the
/// catalogue, then row (the order of positions within a case, as both the counting sort and the
/// already-sorted input keep the caller's order). The gathered columns and order_ move together.
SAFEGUARDING_FUNC void Engine::sort_within_cases(std::size_t b, std::size_t e) {
  auto less = [&](std::size_t x, std::size_t y) {
    if (time_[x] != time_[y]) return time_[x] < time_[y];
    if (event_[x] != event_[y]) return event_[x] < event_[y];
    return x < y;
  };
  std::vector<std::uint32_t> by;  // a case's positions in order
  std::vector<std::int64_t> wide;
  std::vector<std::uint32_t> narrow;
  // Puts column[first + j] = old column[by[j]] for the case's positions.
  auto permute = [&](auto& column, auto& scratch, std::size_t first) {
    scratch.resize(by.size());
    for (std::size_t j = 0; j < by.size(); ++j)
      scratch[j] = static_cast<std::remove_cvref_t<decltype(scratch[0])>>(column[by[j]]);
    for (std::size_t j = 0; j < by.size(); ++j)
      column[first + j] = static_cast<std::remove_cvref_t<decltype(column[0])>>(scratch[j]);
  };
  for (std::size_t first = b, last = b; first < e; first = last) {
    last = first + 1;
    bool in_order = true;
    for (; last < e && case_id_[last] == case_id_[first]; ++last) in_order = in_order && !less(last, last - 1);
    if (in_order) continue;
    by.resize(last - first);
    for (std::size_t j = 0; j < by.size(); ++j) by[j] = static_cast<std::uint32_t>(first + j);
    if (by.size() > 24) {
      std::sort(by.begin(), by.end(), less);
    } else {
      for (std::size_t k = 1; k < by.size(); ++k) {  // insertion sort for the usual few rows
        const std::uint32_t v = by[k];
        std::size_t j = k;
        for (; j > 0 && less(v, by[j - 1]); --j) by[j] = by[j - 1];
        by[j] = v;
      }
    }
    permute(time_, wide, first);
    permute(event_, narrow, first);
    permute(order_, narrow, first);
    for (auto& column : attributes_)
      if (!column.empty()) permute(column, wide, first);
  }
}

/// Cuts the ordered rows into up to `threads_` runs of whole cases of about equal size.
SAFEGUARDING_FUNC std::vector<std::size_t> Engine::split_cases() const {
  const std::size_t m = order_.size();
  const std::size_t parts = m < engine_parts_from ? 1 : threads_;
  std::vector<std::size_t> cut{0};
  for (std::size_t p = 1; p < parts; ++p) {
    std::size_t k = std::max(cut.back(), m * p / parts);
    while (k > 0 && k < m && sorted_.case_id[k] == sorted_.case_id[k - 1]) ++k;
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
      bound += rules_.dispatch[static_cast<std::size_t>(sorted_.event[k])].size();
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
  const WorkerInput input = worker_input();
  std::vector<Worker> workers;
  workers.reserve(parts);
  for (std::size_t p = 0; p < parts; ++p)
    workers.emplace_back(input, rules_.tracks,
                         WorkerOutput{result_.instances, use_, result_.as_of, base[p], base[p + 1]});
  support::in_parts(parts, [&](std::size_t p) { workers[p].run(cut[p], cut[p + 1], seconds_out_); });
  give_back_row_uses();
  gather(workers, base);
  result_.instances.dates_in_seconds = seconds_out_;
  return std::move(result_);
}

/// The summary-only path: each worker judges its cases into small scratch columns of its own and
/// counts them into its own cells as it goes; the cells are added together and tabulated. Rows not
/// in case order are judged inside the radix sort, bucket by bucket (Judge).
SAFEGUARDING_FUNC EngineSummary Engine::run_summary(const SummaryRequest& request) && {
  check_percentiles(request.percentiles);
  const std::size_t most = std::max<std::size_t>(threads_, 1);  // parts of either way of running the workers
  constexpr std::size_t scratch = summary_scratch;              // instances per worker between emptyings
  std::vector<Instances> columns(most);
  std::vector<std::int32_t> computed;  // the rules the tracks compute: the only ones with instances
  for (const Track& t : rules_.tracks)
    for (const Link& link : t.links) computed.push_back(link.rule);
  std::vector<CellAccumulator> cells;
  cells.reserve(most);
  for (std::size_t p = 0; p < most; ++p) {
    for_each_instance_column(columns[p], events_.resolution, [&](auto& column) { column.resize(scratch); });
    cells.emplace_back(computed, months_, !request.percentiles.empty());
  }
  Judge judge{request, columns, cells, {}, false};
  judge_ = &judge;
  order_by_case();
  judge_ = nullptr;
  if (judge.used) {  // the rows' uses given back as their cases were judged
    for (const auto& f : judge.findings) append_findings(result_.findings, f);
  } else {
    const std::vector<std::size_t> cut = split_cases();
    const std::size_t parts = cut.size() - 1;
    const WorkerInput input = worker_input();
    std::vector<Worker> workers;
    workers.reserve(parts);
    for (std::size_t p = 0; p < parts; ++p)
      workers.emplace_back(
          input, rules_.tracks,
          WorkerOutput{columns[p], use_, result_.as_of, 0, scratch, &cells[p], request.basis, request.durations});
    support::in_parts(parts, [&](std::size_t p) { workers[p].run(cut[p], cut[p + 1]); });
    give_back_row_uses();
    gather_findings(workers);
  }
  for (std::size_t p = 1; p < most; ++p) cells[0].merge(cells[p]);
  EngineSummary out;
  out.table = cells[0].table(request.period, request.percentiles);
  out.result = std::move(result_);
  return out;
}

SAFEGUARDING_FUNC WorkerInput Engine::worker_input() const {
  return WorkerInput{sorted_, cal_, months_, rules_.dispatch, rules_.tested, rules_.any_tested, order_};
}

/// Each position's use to its row (the workers wrote the uses of positions), and the gathered
/// columns freed.
SAFEGUARDING_FUNC void Engine::give_back_row_uses() {
  constexpr auto no_rule = static_cast<std::uint8_t>(EventRowUse::no_rule);
  const bool two = in_two(n_);
  if (in_place_) {  // positions are rows
    use_.swap(result_.row_use);
    sorted_ = EventsView{};
    auto& use = result_.row_use;
    support::in_halves(use.size(), two, [&](std::size_t b, std::size_t e, std::size_t) {
      for (std::size_t k = b; k < e; ++k)
        if (use[k] == unset_use) use[k] = no_rule;
    });
    return;
  }
  // The other rows were classified by prepare(); a candidate left unclassified (unreachable: every
  // path classifies its row) is said to have no rule.
  const std::size_t m = order_.size();
  auto& use = result_.row_use;
  support::in_halves(m, two, [&](std::size_t b, std::size_t e, std::size_t) {
    constexpr std::size_t ahead = 16;
    for (std::size_t k = b; k < e; ++k) {
#if defined(__GNUC__)
      if (k + ahead < e) __builtin_prefetch(use.data() + order_[k + ahead], 1, 0);
#endif
      const std::uint8_t u = use_[k];
      use[order_[k]] = u == unset_use ? no_rule : u;
    }
  });
  std::vector<std::uint8_t>().swap(use_);
  Column<std::int64_t>().swap(case_id_);
  Column<std::int64_t>().swap(time_);
  Column<std::int32_t>().swap(event_);
  std::vector<Column<std::int64_t>>().swap(attributes_);
  sorted_ = EventsView{};
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
  for (const auto& w : workers) append_findings(result_.findings, w.findings);
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

SAFEGUARDING_FUNC std::array<std::int64_t, event_row_use_names.size()> EngineResult::row_counts() const {
  constexpr std::size_t uses = event_row_use_names.size();
  std::array<std::int64_t, uses> out{};
  const std::uint8_t* use = row_use.data();
  const std::size_t n = row_use.size();
  std::size_t i = 0;
#if defined(__x86_64__)
  // 16 rows at a time, a byte-wide count per use and lane (of up to 255 blocks of 16 rows, then
  // added up): some 20 times faster than counting row by row on 10 million rows.
  constexpr std::size_t block = 255 * 16;
  const __m128i zero = _mm_setzero_si128();
  for (; i + block <= n; i += block) {
    __m128i count[uses], value[uses];  // NOLINT: std::array would drop __m128i's alignment attribute
    for (std::size_t u = 0; u < uses; ++u) count[u] = zero, value[u] = _mm_set1_epi8(static_cast<char>(u));
    for (std::size_t k = i; k < i + block; k += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(use + k));
      for (std::size_t u = 0; u < uses; ++u) count[u] = _mm_sub_epi8(count[u], _mm_cmpeq_epi8(x, value[u]));
    }
    for (std::size_t u = 0; u < uses; ++u) {
      const __m128i sums = _mm_sad_epu8(count[u], zero);  // the lanes' bytes added up, in two halves
      out[u] += _mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
    }
  }
#endif
  for (; i < n; ++i)
    if (use[i] < uses) ++out[use[i]];
  return out;
}

SAFEGUARDING_FUNC std::size_t set_scratch_limit(std::size_t bytes) {
  return support::ScratchPool::shared().set_limit(bytes);
}

SAFEGUARDING_FUNC std::size_t release_scratch() {
  return support::ScratchPool::shared().release();
}

SAFEGUARDING_FUNC std::size_t scratch_kept() {
  return support::ScratchPool::shared().kept();
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
