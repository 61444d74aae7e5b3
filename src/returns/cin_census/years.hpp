// The collection year a CIN census header's Year element states, read one way wherever it is needed
// (the census year a date falls in is ReportingYear::ending_of).
// Its include guard follows its includes (header-only mode: docs/architecture.md).

#include <algorithm>
#include <string>

#include "safeguarding/returns/cin_census/load.hpp"

#ifndef SAFEGUARDING_SRC_RETURNS_CIN_CENSUS_YEARS_HPP
#define SAFEGUARDING_SRC_RETURNS_CIN_CENSUS_YEARS_HPP

namespace safeguarding::inline v0::returns::cin_census::detail {

/// The collection year the header's Year states (2024), or 0 unless it is four digits.
inline int stated_year(const CinCensus& census) {
  const std::string& y = census.year;
  if (y.size() != 4 || !std::all_of(y.begin(), y.end(), [](char d) { return d >= '0' && d <= '9'; })) return 0;
  return std::stoi(y);
}

}  // namespace safeguarding::inline v0::returns::cin_census::detail

#endif  // SAFEGUARDING_SRC_RETURNS_CIN_CENSUS_YEARS_HPP
