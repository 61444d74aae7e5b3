// Private: running a loop's parts on threads, every exception carried back to the caller.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace safeguarding::inline v0::support {

/// Runs body(part) for each part in [0, parts): part 0 on this thread, the others on their own;
/// rethrows the first part's exception (in part order) once all have finished. Every thread started
/// is joined whatever throws, the starting of a thread included (its part is then run here).
template <class Body>
void in_parts(std::size_t parts, Body&& body) {
  std::vector<std::exception_ptr> errors(parts);
  const auto run = [&](std::size_t p) {
    try {
      body(p);
    } catch (...) {
      errors[p] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  std::size_t here = 1;  // the parts from here on run on this thread (all of them if none could start)
  try {
    threads.reserve(parts > 1 ? parts - 1 : 0);
    for (; here < parts; ++here) threads.emplace_back(run, here);
  } catch (...) {  // no thread could be started: run the rest on this one
  }
  run(0);
  for (std::size_t p = here; p < parts; ++p) run(p);
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

/// Runs body(begin, end, part) over [0, n) in one part, or in two halves on two threads; an
/// exception in either half reaches the caller (the first half's first) once both have finished.
template <class Body>
void in_halves(std::size_t n, bool two, Body&& body) {
  const std::size_t half = two ? n / 2 : n;
  in_parts(two ? 2 : 1, [&](std::size_t part) {
    if (part == 0)
      body(std::size_t{0}, half, std::size_t{0});
    else
      body(half, n, std::size_t{1});
  });
}

/// Runs body(i) for each i in [0, n) on this thread and, with `two`, one other: each thread takes
/// the next i (in increasing order) when it has finished its last.
template <class Body>
void each_shared(std::size_t n, bool two, Body&& body) {
  std::atomic<std::size_t> next{0};
  in_parts(two && n > 1 ? 2 : 1, [&](std::size_t) {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) body(i);
  });
}

}  // namespace safeguarding::inline v0::support
