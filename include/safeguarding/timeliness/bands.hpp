// Outcome bands of a banded rule (allegations against people who work with children: concluded
// within 1, 3 and 12 months, against the edition's targets): the one definition of the shares
// within each band, used by sg.bands and the reports. Compiled in src/timeliness/bands.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness/engine.hpp"

namespace safeguarding::inline v0::timeliness {

/// One row per (edition, group, band), in that order, for the editions and groups that have
/// instances of the rule:
///  * concluded: the group's instances with a completion;
///  * within: those concluded within the band or an earlier one (cumulative);
///  * percent_within: within / concluded × 100 (NaN when none concluded);
///  * target: the edition's target for the band, in percent (NaN when it sets none);
///  * meets_target: 1 when percent_within >= target, 0 when below, -1 when there is no target or
///    nothing concluded;
///  * open: the group's instances not concluded (still open, overdue, or closed unfinished).
struct BandTable {
  std::vector<std::int32_t> edition;  // index into the rule's editions
  std::vector<std::int64_t> group;    // the caller's group code
  std::vector<std::int32_t> band;     // index into the edition's bands
  std::vector<std::int64_t> concluded, within, open;
  std::vector<double> percent_within, target;
  std::vector<std::int8_t> meets_target;
  [[nodiscard]] std::size_t size() const noexcept { return edition.size(); }
};

/// The bands of rule `rule` (an index into the catalogue's rules) over instances given as columns:
/// each instance's rule and edition (as the engine numbers them), its band (Instances::band: the
/// first band its completion falls within, the number of bands beyond the last, -1 when not
/// completed) and a group code (`groups`, 0…n_groups-1; empty for one group; a negative code leaves
/// the instance out). An Error when the rule has no bands.
BandTable bands(const RuleCatalogue& catalogue, std::int32_t rule, std::span<const std::int32_t> instance_rule,
                std::span<const std::int32_t> instance_edition, std::span<const std::int8_t> instance_band,
                std::span<const std::int64_t> groups = {}, std::int64_t n_groups = 1);

/// The same over the engine's instances.
BandTable bands(const RuleCatalogue& catalogue, std::int32_t rule, const Instances& instances,
                std::span<const std::int64_t> groups = {}, std::int64_t n_groups = 1);

}  // namespace safeguarding::inline v0::timeliness

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/timeliness/bands.cpp"
#endif
