// The collection year a CIN census header's Year element states, read one way wherever it is needed
// (the census year a date falls in is ReportingYear::ending_of).
#pragma once

#include <algorithm>
#include <string>

#include "safeguarding/returns/cin_census/load.hpp"

namespace safeguarding::inline v0::returns::cin_census::detail {

/// The collection year the header's Year states (2024), or 0 unless it is four digits.
inline int stated_year(const CinCensus& census) {
  const std::string& y = census.year;
  if (y.size() != 4 || !std::all_of(y.begin(), y.end(), [](char d) { return d >= '0' && d <= '9'; })) return 0;
  return std::stoi(y);
}

}  // namespace safeguarding::inline v0::returns::cin_census::detail
