// Helpers of the event builders over a return's columns: the order of rows by case and date, rows by
// id. (Length checks: support::require_same_size.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/error.hpp"
#include "safeguarding/support/column_checks.hpp"

namespace safeguarding::inline v0::returns::detail {

/// Row positions ordered by (key, date), stable: a counting sort by key (codes 0..n-1) then, where
/// a key's dates are out of order, a sort of that key's rows.
inline std::vector<std::size_t> order_by(std::span<const std::int64_t> key, std::span<const std::int64_t> date) {
  const std::size_t n = key.size();
  std::int64_t top = -1;
  for (auto k : key) {
    if (k < 0) throw Error("a case code is negative");
    top = std::max(top, k);
  }
  std::vector<std::size_t> start(static_cast<std::size_t>(top + 2), 0);
  for (auto k : key) ++start[static_cast<std::size_t>(k) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::size_t> order(n);
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) order[next[static_cast<std::size_t>(key[i])]++] = i;
  }
  for (std::size_t g = 0; g + 1 < start.size(); ++g) {
    auto first = order.begin() + static_cast<std::ptrdiff_t>(start[g]);
    auto last = order.begin() + static_cast<std::ptrdiff_t>(start[g + 1]);
    const auto by_date = [&](std::size_t a, std::size_t b) { return date[a] < date[b]; };
    if (!std::is_sorted(first, last, by_date)) std::stable_sort(first, last, by_date);
  }
  return order;
}

/// The row holding each id of a column of small non-negative ids (the ids the CIN census reader
/// numbers 1, 2, … in file order): -1 for an id no row holds (or a negative one).
class RowsById {
 public:
  explicit RowsById(std::span<const std::int64_t> ids) {
    std::int64_t top = -1;
    for (auto id : ids) top = std::max(top, id);
    row_.assign(static_cast<std::size_t>(top + 1), -1);
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (ids[i] >= 0) row_[static_cast<std::size_t>(ids[i])] = static_cast<std::int64_t>(i);
  }
  [[nodiscard]] std::int64_t operator()(std::int64_t id) const {
    return id >= 0 && static_cast<std::size_t>(id) < row_.size() ? row_[static_cast<std::size_t>(id)] : -1;
  }

 private:
  std::vector<std::int64_t> row_;
};

/// A column of dictionary codes widened to int64 (the case codes the builders take).
inline std::vector<std::int64_t> widen(const std::vector<std::int32_t>& codes) {
  return std::vector<std::int64_t>(codes.begin(), codes.end());
}

}  // namespace safeguarding::inline v0::returns::detail
