// Private: the sizes from which the timeliness engine and the summaries split their work between
// threads (divided by support::split_scale, which is 1 except in the sanitised test build).
#pragma once

#include <cstddef>

#include "safeguarding/support/split_scale.hpp"

namespace safeguarding::inline v0::timeliness::detail {

/// Candidate rows from which the engine gathers its columns and cuts the cases into one run per
/// thread, each taking whole cases.
inline constexpr std::size_t engine_parts_from = 200'000 / support::split_scale;
/// Instances from which a summary's passes run in two halves on two threads.
inline constexpr std::size_t summary_halves_from = 1'000'000 / support::split_scale;
/// The summary-only path's instances per worker between emptyings of its scratch columns (a few
/// hundred KB).
inline constexpr std::size_t summary_scratch = (std::size_t{1} << 14) / support::split_scale;

/// The summary-only path judges rows not in case order inside the radix sort, in runs of whole cases
/// of about this many rows (a bucket holds some 40,000 rows at 10 million), so that a run's columns
/// stay in the first-level cache beside the sorted bucket in the second.
inline constexpr std::size_t judge_run_rows = 2048 / support::split_scale;

/// The most bits the radix sort's narrow records (8 bytes) may pack (a case's rank within its bucket,
/// the time, the event type and the row), beyond which they take 16 bytes: 63, and 48 in the
/// sanitised test build, whose small inputs would otherwise fit in 8 bytes with times in seconds.
inline constexpr unsigned narrow_record_bits = support::split_scale > 1 ? 48 : 63;

}  // namespace safeguarding::inline v0::timeliness::detail
