// The private helpers that run a loop's parts on threads (src/support/threads.hpp): every part runs
// once, and an exception in any part reaches the caller after every thread has been joined (an
// exception leaving a thread that is not joined would end the program instead).
#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/threads.hpp"

using safeguarding::support::each_shared;
using safeguarding::support::in_halves;
using safeguarding::support::in_parts;

TEST_CASE("in_halves covers [0, n) once, in one part or two", "[threads]") {
  for (const bool two : {false, true}) {
    std::vector<int> seen(11, 0);
    std::vector<std::size_t> parts;
    in_halves(seen.size(), two, [&](std::size_t b, std::size_t e, std::size_t part) {
      for (std::size_t i = b; i < e; ++i) ++seen[i];
      if (part == 0) CHECK(b == 0);
      if (part == 1) CHECK(e == seen.size());
    });
    CHECK(seen == std::vector<int>(11, 1));
  }
}

TEST_CASE("an exception in either half reaches the caller once both halves have run", "[threads]") {
  // The first half (part 0, this thread) throws: the second half still runs to its end and the
  // first half's exception is the one given (11 elements: halves [0, 5) and [5, 11)).
  std::atomic<int> second_done{0};
  CHECK_THROWS_WITH(in_halves(11, true,
                              [&](std::size_t b, std::size_t e, std::size_t part) {
                                if (part == 0)
                                  throw std::runtime_error("first half " + std::to_string(b) + "-" + std::to_string(e));
                                second_done = static_cast<int>(e - b);
                              }),
                    "first half 0-5");
  CHECK(second_done == 6);
  // Only the second half throws.
  CHECK_THROWS_WITH(in_halves(11, true,
                              [&](std::size_t b, std::size_t, std::size_t part) {
                                if (part == 1) throw std::runtime_error("second half from " + std::to_string(b));
                              }),
                    "second half from 5");
  // Both throw: the first half's, in part order.
  CHECK_THROWS_WITH(in_halves(4, true,
                              [&](std::size_t, std::size_t, std::size_t part) {
                                throw std::runtime_error("part " + std::to_string(part));
                              }),
                    "part 0");
}

TEST_CASE("in_parts and each_shared run every part once and give the first part's exception", "[threads]") {
  std::vector<std::atomic<int>> runs(5);
  CHECK_THROWS_WITH(in_parts(5,
                             [&](std::size_t p) {
                               ++runs[p];
                               if (p == 2 || p == 4) throw std::runtime_error("part " + std::to_string(p));
                             }),
                    "part 2");
  for (const auto& r : runs) CHECK(r == 1);
  std::vector<std::atomic<int>> items(100);
  each_shared(items.size(), true, [&](std::size_t i) { ++items[i]; });
  for (const auto& r : items) CHECK(r == 1);
}
