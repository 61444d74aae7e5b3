// Working-day and month arithmetic over arrays of serial days (days since 1970-01-01, the integer
// inside numpy's datetime64[D]). `nat` (numpy's NaT) in gives `nat` out. Elements outside
// the calendar's range are collected and reported together in one Error after the loop.
//
// Each working-day function makes a first pass of two lookups in the calendar's tables and an add
// per element, whose only branches are taken by elements it cannot answer (`nat`, a date or an
// answer outside the calendar's range) and which notes whether there were any; only then does a
// second pass over that part of the array, element by element, write `nat` and collect the
// elements that could not be computed, as the scalar calls would. add_working_days with one n
// over a large array first makes a table of every covered day's answer for that n, so that its
// first pass makes one lookup per element (detail::shift_table). Arrays of `two_threads_from`
// elements or more are computed on two threads (on a machine with more than one hardware thread),
// in chunks that the calling thread takes from the front of the array and the other thread from
// the back until they meet: a thread that the system starts late or stops for a while leaves its
// share to the other instead of holding up the call. The results, and the Error, are the same as
// from one thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/support/column_checks.hpp"
#include "safeguarding/support/pages.hpp"
#include "safeguarding/support/split_scale.hpp"

#if defined(__x86_64__)
#include <emmintrin.h>  // _mm_stream_si64, _mm_sfence: SSE2, which every x86-64 processor has
#endif

namespace safeguarding::inline v0::vectorised {

/// Arrays of at least this many elements are computed on two threads. Below it, starting a
/// thread (about 20 microseconds) and bringing the calendar's tables into the other core's cache
/// cost about as much as the share they save (measured on 2 cores: two threads were no faster at
/// 400,000 elements, and nearly twice as fast at 1,000,000).
inline constexpr std::size_t two_threads_from = 500'000 / support::split_scale;

}  // namespace safeguarding::inline v0::vectorised

namespace safeguarding::inline v0::detail {

/// The machine's hardware threads, asked once.
inline unsigned hardware_threads() noexcept {
  static const unsigned threads = std::thread::hardware_concurrency();
  return threads;
}

/// The elements of a chunk that two threads claim at a time: 256 KB of each int64 array, small
/// enough that the two threads finish within about a chunk's time of each other however the
/// system schedules them (a 10 million element array has 306), large enough that claiming one
/// (an atomic compare-and-swap) costs nothing measurable.
inline constexpr std::size_t chunk_elements = (std::size_t{1} << 15) / support::split_scale;

/// The chunks of [0, n) not yet claimed, taken from the front by one thread and from the back by
/// the other, so that each thread writes one contiguous run of the output (the pages it faults
/// in are its own) and the two runs meet wherever the threads' speeds put the meeting.
class Chunks {
 public:
  Chunks(std::size_t n, std::size_t size) noexcept
      : n_(n),
        size_(size < n / max_chunks + 1 ? n / max_chunks + 1 : size),
        state_(std::uint64_t{(n + size_ - 1) / size_} << 32) {}

  /// Claims the first unclaimed chunk: its [begin, end), or false when every chunk is claimed.
  bool front(std::size_t& begin, std::size_t& end) noexcept { return claim(true, begin, end); }
  /// Claims the last unclaimed chunk: its [begin, end), or false when every chunk is claimed.
  bool back(std::size_t& begin, std::size_t& end) noexcept { return claim(false, begin, end); }

 private:
  static constexpr std::size_t max_chunks = std::size_t{1} << 31;

  // state_: the low 32 bits are the first unclaimed chunk, the high 32 bits one past the last.
  bool claim(bool from_front, std::size_t& begin, std::size_t& end) noexcept {
    std::uint64_t state = state_.load(std::memory_order_relaxed);
    std::uint64_t chunk = 0;
    do {
      const std::uint64_t low = state & 0xffff'ffffU;
      const std::uint64_t high = state >> 32;
      if (low >= high) return false;
      chunk = from_front ? low : high - 1;
      const std::uint64_t next = from_front ? (high << 32) | (low + 1) : ((high - 1) << 32) | low;
      if (state_.compare_exchange_weak(state, next, std::memory_order_relaxed)) break;
    } while (true);
    begin = static_cast<std::size_t>(chunk) * size_;
    end = begin + size_ < n_ ? begin + size_ : n_;
    return true;
  }

  std::size_t n_;
  std::size_t size_;
  std::atomic<std::uint64_t> state_;
};

/// Runs part(begin, end, failures) over [0, n): in one part, or from vectorised::two_threads_from
/// elements in Chunks shared by this thread (from the front) and another (from the back). Then
/// raises one Error for every element a part could not compute, in order ("what: N of the
/// elements could not be computed;", each named by `describe(i)`), as one pass over the whole
/// array would: every chunk of the front run comes before every chunk of the back run.
///
/// On two threads, this one first faults in the pages of `output` (the `output_bytes` the parts
/// write) from the back, ahead of the other thread, and only then takes its chunks: every fresh
/// page then comes to the process on the calling thread, as it does to a copy made on one thread.
/// Faulted in on the other thread instead, the pages of a fresh output made some calls twice as slow
/// on the 2-core virtual machine of benchmarks/README.md (working_days_between of 10 million
/// elements: 11 to 25 ms, in two modes, where a copy took 7.3 ms; 13 to 14 ms with every page
/// faulted in first on the calling thread).
template <class Part, class Describe>
void in_chunks_checked(std::size_t n, void* output, std::size_t output_bytes, std::string_view what, Part&& part,
                       Describe&& describe) {
  support::Failures failures;
  if (n < vectorised::two_threads_from || hardware_threads() < 2) {
    part(std::size_t{0}, n, failures);
  } else {
    Chunks chunks(n, chunk_elements);
    std::vector<support::Failures> back_failures;  // the back run's, a chunk's at a time, last chunk first
    std::exception_ptr error;
    std::thread other([&] {
      try {
        std::size_t begin = 0, end = 0;
        while (chunks.back(begin, end)) {
          support::Failures chunk_failures;
          part(begin, end, chunk_failures);
          if (chunk_failures.any()) back_failures.push_back(std::move(chunk_failures));
        }
      } catch (...) {
        error = std::current_exception();
      }
    });
    support::fault_in_backwards(output, output_bytes);
    try {
      std::size_t begin = 0, end = 0;
      while (chunks.front(begin, end)) part(begin, end, failures);
    } catch (...) {
      other.join();
      throw;
    }
    other.join();
    if (error) std::rethrow_exception(error);
    for (auto it = back_failures.rbegin(); it != back_failures.rend(); ++it) failures.add_all(*it);
  }
  if (failures.any()) failures.raise(what, describe);
}

/// Asks for the line `prefetch_distance` elements ahead of element i of an array read in order,
/// for one use (non-temporal), so that it is in the cache when the loop reaches it without
/// pushing the calendar's tables out of the cache: the lookups into the tables otherwise wait on
/// both (measured, one thread, 3 million elements: add_working_days with an array of n 3.4
/// against 2.0 ns an element). Called once per block of 8 elements (one cache line). GCC and
/// Clang; elsewhere nothing.
inline constexpr std::size_t prefetch_distance = 256;

inline void prefetch_ahead(const std::int64_t* values, std::size_t i, std::size_t end) noexcept {
#if defined(__GNUC__)
  if (values != nullptr && end - i > prefetch_distance) __builtin_prefetch(values + i + prefetch_distance, 0, 0);
#else
  (void)values, (void)i, (void)end;
#endif
}

/// An array of at least this many elements has its results written by non-temporal stores, which
/// go to memory without first reading the line they fill and without evicting the calendar's
/// tables from the cache: 2 MB of output, twice a core's L2 cache here, which a smaller output may
/// still be in when the caller reads it (measured, 1 million elements on two threads,
/// CPU time: add_working_days with n = 15 1.25 against 1.7 ns an element, working_days_between
/// 1.4 to 1.6 against 2.0 to 2.1).
inline constexpr std::size_t stream_from = (std::size_t{1} << 18) / support::split_scale;

/// *out = value, by a non-temporal store where `streaming` and the compiler offers one (GCC on x86-64:
/// movnti; Clang: __builtin_nontemporal_store); otherwise an ordinary store. streaming_done()
/// must follow the last one, before the array is read or handed to another thread.
template <bool streaming>
inline void store(std::int64_t* out, std::int64_t value) noexcept {
  if constexpr (streaming) {
#if defined(__clang__)
    __builtin_nontemporal_store(value, out);
#elif defined(__x86_64__)
    _mm_stream_si64(reinterpret_cast<long long*>(out), static_cast<long long>(value));
#else
    *out = value;
#endif
  } else {
    *out = value;
  }
}

/// Orders the non-temporal stores before every later store (sfence), where store() made any.
template <bool streaming>
inline void streaming_done() noexcept {
#if defined(__x86_64__)
  if constexpr (streaming) _mm_sfence();
#endif
}

/// The calendar's two tables as the first passes read them, with entries of type T: the 16-bit
/// copies when the calendar has them (every built-in one), the 32-bit tables otherwise.
template <class T>
struct TableView {
  const T* cumulative;
  const T* working_day;
  std::uint64_t count;  // working days in the table
  std::int64_t first;
  std::uint64_t span;  // last - first
};

/// fn(view) with the smaller view of `table`'s tables that it has.
template <class Fn>
decltype(auto) with_view(const support::CalendarTable& table, Fn&& fn) {
  const auto count = static_cast<std::uint64_t>(table.working_day.size());
  const auto span = static_cast<std::uint64_t>(table.last - table.first);
  if (!table.cumulative16.empty())
    return fn(
        TableView<std::uint16_t>{table.cumulative16.data(), table.working_day16.data(), count, table.first, span});
  return fn(TableView<std::int32_t>{table.cumulative.data(), table.working_day.data(), count, table.first, span});
}

/// Runs element(i) for every i in [begin, end), in blocks of 8 (one cache line of each array)
/// that prefetch `a` and `b` (either may be null) ahead once each; true when some element(i)
/// returned true (it could not be answered by the first pass). `element` is taken by value and
/// captures by value, so that its constants stay in registers: a store through the output could
/// otherwise, as far as the compiler knows, change them.
template <class Element>
bool in_blocks(const std::int64_t* a, const std::int64_t* b, std::size_t begin, std::size_t end,
               Element element) noexcept {
  bool again = false;
  std::size_t i = begin;
  for (; end - i >= 8; i += 8) {
    prefetch_ahead(a, i, end);
    prefetch_ahead(b, i, end);
    for (std::size_t j = i; j < i + 8; ++j) again |= element(j);
  }
  for (; i < end; ++i) again |= element(i);
  return again;
}

/// First pass of add_working_days over [begin, end): out[i] = the n_at(i)-th working day from
/// days[i], for every element inside the calendar whose answer is inside it. Returns true when
/// some element was not (a date outside the range or `nat`, or an answer outside the range): its
/// out[i] is then left for the second pass. No branch depends on the data but those two, which
/// are taken only for such elements: the direction of the shift is arithmetic, not a branch.
/// `shifts`: the array n_at reads, if any (to prefetch it).
template <bool streaming, class T, class Shift>
bool add_working_days_first_pass(const TableView<T>& table, const std::int64_t* days, Shift n_at,
                                 const std::int64_t* shifts, std::int64_t* out, std::size_t begin,
                                 std::size_t end) noexcept {
  if (table.count == 0) return begin != end;
  // Copied out of the view: `out` could alias it as far as the compiler knows.
  const std::int64_t base = table.first;
  const auto first = static_cast<std::uint64_t>(table.first);
  const std::uint64_t span = table.span;
  const std::uint64_t count = table.count;
  const T* cumulative = table.cumulative;
  const T* working_day = table.working_day;
  const bool again = in_blocks(days, shifts, begin, end, [=](std::size_t i) noexcept {
    const std::int64_t day = days[i];
    const std::int64_t n = n_at(i);
    // Unsigned: `nat` and every day before `first` wrap to beyond `span`.
    const std::uint64_t offset = static_cast<std::uint64_t>(day) - first;
    if (offset > span) [[unlikely]]
      return true;
    // The answer is the k-th working day (from 0): for n > 0, the working days up to and including
    // `day` (cumulative[offset + 1]) plus n - 1; for n < 0, those before `day` (cumulative[offset])
    // plus n. In unsigned arithmetic every k outside [0, count), negative ones too, whatever n,
    // is k >= count.
    const std::uint64_t forward = n > 0 ? 1 : 0;
    const std::uint64_t k =
        static_cast<std::uint64_t>(cumulative[offset + forward]) + static_cast<std::uint64_t>(n) - forward;
    if (k >= count) [[unlikely]] {
      store<streaming>(out + i, day);  // the answer for n = 0
      return n != 0;
    }
    // Looked up whatever n, so that n = 0 is a conditional move rather than a branch.
    const std::int64_t moved = base + static_cast<std::int64_t>(working_day[k]);
    store<streaming>(out + i, n == 0 ? day : moved);
    return false;
  });
  streaming_done<streaming>();
  return again;
}

/// out[i] = add_working_days(days[i], n_at(i)) over the whole array, on one thread or two:
/// `first_pass(begin, end)` computes what it can of [begin, end) and returns true when it left
/// some element (`nat`, or a date or an answer outside the range), whereupon that part is done
/// again element by element by the scalar arithmetic, which writes `nat` and collects the elements
/// that could not be computed.
template <class Shift, class FirstPass>
void add_working_days_checked(const Calendar& cal, std::span<const std::int64_t> days, std::span<std::int64_t> out,
                              Shift n_at, FirstPass first_pass) {
  support::require_same_size(days.size(), out.size(), "add_working_days");
  const auto& table = cal.table();
  in_chunks_checked(
      days.size(), out.data(), out.size_bytes(), "add_working_days",
      [&](std::size_t begin, std::size_t end, support::Failures& failures) {
        if (!first_pass(begin, end)) return;
        for (std::size_t i = begin; i < end; ++i) {
          if (days[i] == nat) {
            out[i] = nat;
            continue;
          }
          out[i] = table.add(days[i], n_at(i));
          if (out[i] == nat) failures.add(i);
        }
      },
      [&](std::size_t i) { return cal.shift_outside_text(days[i], n_at(i)); });
}

/// out[i] = add_working_days(days[i], n_at(i)) by the two lookups of
/// add_working_days_first_pass: the loop of the array form, and of one n where no shift table is
/// built (`n_at` gives each element's shift, from an array or one value).
template <class Shift>
void add_working_days_each(const Calendar& cal, std::span<const std::int64_t> days, std::span<std::int64_t> out,
                           Shift n_at, const std::int64_t* shifts) {
  const auto& table = cal.table();
  const bool streaming = days.size() >= stream_from;
  add_working_days_checked(cal, days, out, n_at, [&](std::size_t begin, std::size_t end) {
    return with_view(table, [&](const auto& view) {
      return streaming ? add_working_days_first_pass<true>(view, days.data(), n_at, shifts, out.data(), begin, end)
                       : add_working_days_first_pass<false>(view, days.data(), n_at, shifts, out.data(), begin, end);
    });
  });
}

/// With one n, an array of at least this many elements per day the calendar covers (from
/// 191,392 elements with a built-in calendar's 47,848 days) is computed through a shift table:
/// building it costs about two lookups a day (some 0.1 ms for a built-in calendar), and it saves
/// one lookup of every element.
inline constexpr std::size_t shift_table_per_day = 4;

/// For one shift n, the shift table: delta[o] = add_working_days(first + o, n) - (first + o) for
/// every day the calendar covers, first + o, as numbers of type D, and D's lowest value where the
/// answer lies outside the range (the second pass then computes and reports that element). Empty
/// when some answer lies further from its day than D holds: each working day counted moves the
/// answer at least a day, so a shift of D's largest value or more is never tried.
template <class D>
std::vector<D> shift_table(const support::CalendarTable& table, std::int64_t n) {
  constexpr std::int64_t lowest = std::numeric_limits<D>::min();
  constexpr std::int64_t highest = std::numeric_limits<D>::max();
  if (n >= highest || n <= -highest) return {};
  const auto days = static_cast<std::size_t>(table.last - table.first) + 1;
  std::vector<D> delta(days);
  for (std::size_t o = 0; o < days; ++o) {
    const std::int64_t day = table.first + static_cast<std::int64_t>(o);
    const std::int64_t answer = table.add(day, n);
    if (answer == support::CalendarTable::invalid) {
      delta[o] = static_cast<D>(lowest);
      continue;
    }
    const std::int64_t moved = answer - day;
    if (moved <= lowest || moved > highest) return {};
    delta[o] = static_cast<D>(moved);
  }
  return delta;
}

/// First pass of add_working_days with one n over [begin, end), through its shift table: one
/// lookup and an add per element. Returns true when some element was `nat`, outside the range or
/// had its answer outside it (its out[i] left for the second pass).
template <bool streaming, class D>
bool shift_table_first_pass(const D* delta, std::int64_t first, std::uint64_t span, const std::int64_t* days,
                            std::int64_t* out, std::size_t begin, std::size_t end) noexcept {
  const auto start = static_cast<std::uint64_t>(first);
  const bool again = in_blocks(days, nullptr, begin, end, [=](std::size_t i) noexcept {
    const std::int64_t day = days[i];
    // Unsigned: `nat` and every day before `first` wrap to beyond `span`.
    const std::uint64_t offset = static_cast<std::uint64_t>(day) - start;
    if (offset > span) [[unlikely]]
      return true;
    const D moved = delta[offset];
    if (moved == std::numeric_limits<D>::min()) [[unlikely]]
      return true;
    store<streaming>(out + i, day + moved);
    return false;
  });
  streaming_done<streaming>();
  return again;
}

/// add_working_days of one n through a shift table of D; false (and nothing written) when the
/// shifts do not fit in D.
template <class D>
bool add_working_days_by_table(const Calendar& cal, std::span<const std::int64_t> days, std::int64_t n,
                               std::span<std::int64_t> out) {
  const auto& table = cal.table();
  const std::vector<D> delta = shift_table<D>(table, n);
  if (delta.empty()) return false;
  const bool streaming = days.size() >= stream_from;
  const auto span = static_cast<std::uint64_t>(table.last - table.first);
  add_working_days_checked(
      cal, days, out, [n](std::size_t) { return n; },
      [&](std::size_t begin, std::size_t end) {
        return streaming
                   ? shift_table_first_pass<true>(delta.data(), table.first, span, days.data(), out.data(), begin, end)
                   : shift_table_first_pass<false>(delta.data(), table.first, span, days.data(), out.data(), begin,
                                                   end);
      });
  return true;
}

/// First pass of working_days_between over [begin, end); true when some date was outside the
/// calendar's range or `nat` (its out[i] left for the second pass). Which of a and b comes first
/// is arithmetic, not a branch.
template <bool streaming, class T>
bool working_days_between_first_pass(const TableView<T>& table, const std::int64_t* a, const std::int64_t* b,
                                     std::int64_t* out, std::size_t begin, std::size_t end) noexcept {
  const auto first = static_cast<std::uint64_t>(table.first);
  const std::uint64_t span = table.span;
  const T* cumulative = table.cumulative;
  const bool again = in_blocks(a, b, begin, end, [=](std::size_t i) noexcept {
    const std::uint64_t from = static_cast<std::uint64_t>(a[i]) - first;
    const std::uint64_t to = static_cast<std::uint64_t>(b[i]) - first;
    if (from > span || to > span) [[unlikely]]
      return true;
    // b >= a: the working days in (a, b], cumulative[b + 1] - cumulative[a + 1];
    // b < a: minus those in [b, a), cumulative[b] - cumulative[a].
    const std::uint64_t after = to >= from ? 1 : 0;
    store<streaming>(out + i, static_cast<std::int64_t>(cumulative[to + after]) -
                                  static_cast<std::int64_t>(cumulative[from + after]));
    return false;
  });
  streaming_done<streaming>();
  return again;
}

/// First pass of is_working_day over [begin, end); true when some date was outside the
/// calendar's range or `nat` (its out[i] left for the second pass).
template <class T>
bool is_working_day_first_pass(const TableView<T>& table, const std::int64_t* days, std::uint8_t* out,
                               std::size_t begin, std::size_t end) noexcept {
  const auto first = static_cast<std::uint64_t>(table.first);
  const std::uint64_t span = table.span;
  const T* cumulative = table.cumulative;
  return in_blocks(days, nullptr, begin, end, [=](std::size_t i) noexcept {
    const std::uint64_t offset = static_cast<std::uint64_t>(days[i]) - first;
    if (offset > span) [[unlikely]]
      return true;
    out[i] = cumulative[offset + 1] != cumulative[offset] ? 1 : 0;
    return false;
  });
}

}  // namespace safeguarding::inline v0::detail

namespace safeguarding::inline v0::vectorised {

/// out[i] = add_working_days(days[i], n[i]).
inline void add_working_days(const Calendar& cal, std::span<const std::int64_t> days, std::span<const std::int64_t> n,
                             std::span<std::int64_t> out) {
  support::require_same_size(days.size(), n.size(), "add_working_days");
  detail::add_working_days_each(
      cal, days, out, [n](std::size_t i) { return n[i]; }, n.data());
}

/// out[i] = add_working_days(days[i], n) for one n. From detail::shift_table_per_day elements per
/// day the calendar covers, through a table of each day's answer for this n (one lookup an element
/// instead of two), of 8-bit or 16-bit differences, whichever holds them; otherwise, for n = 0
/// and for a larger shift, by the two lookups of the array form.
inline void add_working_days(const Calendar& cal, std::span<const std::int64_t> days, std::int64_t n,
                             std::span<std::int64_t> out) {
  support::require_same_size(days.size(), out.size(), "add_working_days");
  const auto& table = cal.table();
  const auto covered = static_cast<std::size_t>(table.last - table.first) + 1;
  if (n != 0 && days.size() * support::split_scale >= detail::shift_table_per_day * covered &&
      (detail::add_working_days_by_table<std::int8_t>(cal, days, n, out) ||
       detail::add_working_days_by_table<std::int16_t>(cal, days, n, out)))
    return;
  detail::add_working_days_each(
      cal, days, out, [n](std::size_t) { return n; }, nullptr);
}

/// out[i] = working_days_between(a[i], b[i]); `nat` where either date is `nat`. Returns how many
/// elements are `nat`.
inline std::size_t working_days_between(const Calendar& cal, std::span<const std::int64_t> a,
                                        std::span<const std::int64_t> b, std::span<std::int64_t> out) {
  support::require_same_size(a.size(), b.size(), "working_days_between");
  support::require_same_size(a.size(), out.size(), "working_days_between");
  const auto& table = cal.table();
  const bool streaming = a.size() >= detail::stream_from;
  std::atomic<std::size_t> missing{0};
  detail::in_chunks_checked(
      a.size(), out.data(), out.size_bytes(), "working_days_between",
      [&](std::size_t begin, std::size_t end, support::Failures& failures) {
        const bool again = detail::with_view(table, [&](const auto& view) {
          return streaming
                     ? detail::working_days_between_first_pass<true>(view, a.data(), b.data(), out.data(), begin, end)
                     : detail::working_days_between_first_pass<false>(view, a.data(), b.data(), out.data(), begin, end);
        });
        if (!again) return;
        std::size_t nats = 0;
        for (std::size_t i = begin; i < end; ++i) {
          if (a[i] == nat || b[i] == nat) {
            out[i] = nat;
            ++nats;
            continue;
          }
          out[i] = table.between(a[i], b[i]);
          if (out[i] == nat) failures.add(i);
        }
        missing.fetch_add(nats, std::memory_order_relaxed);
      },
      [&](std::size_t i) {
        const std::int64_t bad = table.covers(a[i]) ? b[i] : a[i];
        return format_days(bad) + " is outside " + cal.range_text();
      });
  return missing.load();
}

/// out[i] = is_working_day(days[i]); false where the date is missing.
inline void is_working_day(const Calendar& cal, std::span<const std::int64_t> days, std::span<std::uint8_t> out) {
  support::require_same_size(days.size(), out.size(), "is_working_day");
  const auto& table = cal.table();
  detail::in_chunks_checked(
      days.size(), out.data(), out.size_bytes(), "is_working_day",
      [&](std::size_t begin, std::size_t end, support::Failures& failures) {
        if (!detail::with_view(table, [&](const auto& view) {
              return detail::is_working_day_first_pass(view, days.data(), out.data(), begin, end);
            }))
          return;
        for (std::size_t i = begin; i < end; ++i) {
          if (days[i] == nat) {
            out[i] = 0;
          } else if (!table.covers(days[i])) {
            out[i] = 0;
            failures.add(i);
          } else {
            out[i] = table.is_working(days[i]) ? 1 : 0;
          }
        }
      },
      [&](std::size_t i) { return format_days(days[i]) + " is outside " + cal.range_text(); });
}

/// out[i] = add_months(days[i], n[i]), clamped to the end of shorter months. Any date numpy can
/// hold is accepted; no calendar is needed.
inline void add_months(std::span<const std::int64_t> days, std::span<const std::int64_t> n,
                       std::span<std::int64_t> out) {
  support::require_same_size(days.size(), n.size(), "add_months");
  support::require_same_size(days.size(), out.size(), "add_months");
  // Keep within +-25 million years so that the month count cannot overflow.
  constexpr std::int64_t limit = 9'000'000'000LL;
  support::Failures failures;
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (days[i] == nat) {
      out[i] = nat;
    } else if (days[i] > limit || days[i] < -limit || n[i] > limit || n[i] < -limit) {
      out[i] = nat;
      failures.add(i);
    } else {
      out[i] = support::add_months_to_days(days[i], n[i]);
    }
  }
  if (failures.any())
    failures.raise("add_months", [&](std::size_t i) {
      return std::to_string(days[i]) + " days + " + std::to_string(n[i]) + " months is out of range";
    });
}

}  // namespace safeguarding::inline v0::vectorised
