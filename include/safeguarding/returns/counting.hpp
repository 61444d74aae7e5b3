// The counting measures of the returns: each result names the definition it counts by (its id, and
// where the definition comes from with the confidence in reading it so). The timeliness measures
// name the rules of the rule catalogue that judged them instead (timeliness_measure.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/returns/reporting_year.hpp"

namespace safeguarding::inline v0::returns {

/// A counting measure's definition.
struct CountingMeasure {
  std::string_view id;      // "ssda903.participation"
  std::string_view source;  // where it is defined, and the confidence
};

/// Every counting measure of the returns, by id.
std::span<const CountingMeasure> counting_measures() noexcept;
/// The definition of a counting measure; an Error naming the known ids when there is none.
const CountingMeasure& counting_measure(std::string_view id);

/// `count` of `total`, for a named counting measure (or none: `measure` empty).
struct Proportion {
  std::string measure;
  std::int64_t count = 0;
  std::int64_t total = 0;

  /// count / total; NaN when the total is 0.
  [[nodiscard]] double share() const noexcept;
  /// Where the measure is defined (empty for a proportion of no named measure).
  [[nodiscard]] std::string_view source() const noexcept;
  /// "45 of 429 (10.5%)", or "0 of 0".
  [[nodiscard]] std::string str() const;
};

/// Rows counted by a code (participation codes, reasons ceased, kinds of missing episode), in the
/// order the measure gives them, with each one's share of the total.
struct CodeCounts {
  std::string measure;
  ReportingYear year;
  std::vector<std::string> codes;
  std::vector<std::int64_t> counts;

  [[nodiscard]] std::int64_t total() const noexcept;
  /// Each code's count / total (NaN when the total is 0).
  [[nodiscard]] std::vector<double> shares() const;
  /// The count of one code; 0 when it is not listed.
  [[nodiscard]] std::int64_t count(std::string_view code) const noexcept;
};

}  // namespace safeguarding::inline v0::returns

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/counting.cpp"
#endif
