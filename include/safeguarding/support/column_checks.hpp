// Checks shared by the loops over columns (the vectorised calendar functions, action plans): equal
// lengths, and the elements that could not be computed, reported together in one Error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safeguarding/error.hpp"

namespace safeguarding::inline v0::support {

/// An Error naming `what` when two columns that go together have different lengths.
inline void require_same_size(std::size_t a, std::size_t b, std::string_view what) {
  if (a != b)
    throw Error(std::string(what) + ": the arrays have different lengths (" + std::to_string(a) + " and " +
                std::to_string(b) + ")");
}

/// Collects the positions of elements that could not be computed, keeping the first few for the
/// message and counting the rest.
class Failures {
 public:
  void add(std::size_t index) {
    if (first_.size() < kept) first_.push_back(index);
    ++count_;
  }
  /// Adds `later`'s elements after this one's, as if they had been added here in turn (the
  /// failures of the second half of an array, after the first's).
  void add_all(const Failures& later) {
    for (std::size_t index : later.first_)
      if (first_.size() < kept) first_.push_back(index);
    count_ += later.count_;
  }
  [[nodiscard]] bool any() const noexcept { return count_ != 0; }

  /// One Error: "what: N of the elements could not be computed;" and each kept element described.
  template <class Describe>
  [[noreturn]] void raise(std::string_view what, Describe describe) const {
    std::vector<Problem> problems;
    for (std::size_t i : first_) problems.push_back(Problem{"element " + std::to_string(i), describe(i)});
    if (count_ > first_.size())
      problems.push_back(Problem{{}, "and " + std::to_string(count_ - first_.size()) + " more elements"});
    throw Error(std::move(problems),
                std::string(what) + ": " + std::to_string(count_) + " of the elements could not be computed;");
  }

 private:
  static constexpr std::size_t kept = 5;
  std::vector<std::size_t> first_;
  std::size_t count_ = 0;
};

}  // namespace safeguarding::inline v0::support
