// Private: running a loop's parts on threads, every exception carried back to the caller.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace safeguarding::inline v0::support {

/// Runs body(begin, end, part) over [0, n) in one part, or in two halves on two threads.
template <class Body>
void in_halves(std::size_t n, bool two, Body&& body) {
  if (!two) {
    body(std::size_t{0}, n, std::size_t{0});
    return;
  }
  std::exception_ptr error;
  std::thread other([&] {
    try {
      body(n / 2, n, std::size_t{1});
    } catch (...) {
      error = std::current_exception();
    }
  });
  body(std::size_t{0}, n / 2, std::size_t{0});
  other.join();
  if (error) std::rethrow_exception(error);
}

/// Runs body(part) for each part in [0, parts): part 0 on this thread, the others on their own;
/// rethrows the first part's exception (in part order) once all have finished.
template <class Body>
void in_parts(std::size_t parts, Body&& body) {
  if (parts == 1) {
    body(std::size_t{0});
    return;
  }
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(parts);
  for (std::size_t p = 1; p < parts; ++p)
    threads.emplace_back([&, p] {
      try {
        body(p);
      } catch (...) {
        errors[p] = std::current_exception();
      }
    });
  try {
    body(std::size_t{0});
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
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
