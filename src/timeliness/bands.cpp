#include "safeguarding/timeliness/bands.hpp"

#include <limits>
#include <string>

#include "safeguarding/error.hpp"

namespace safeguarding::inline v0::timeliness {

namespace detail {

/// Instances of the rule per (edition, group), by band: counts[(edition * n_groups + group) *
/// (bands + 2) + k], k = band index, `bands` for beyond the last, `bands + 1` for not concluded.
struct BandCounts {
  std::size_t slots = 0;
  std::vector<std::int64_t> counts;
};

SAFEGUARDING_FUNC BandCounts count_bands(const Rule& r, std::int32_t rule, std::span<const std::int32_t> instance_rule,
                                         std::span<const std::int32_t> instance_edition,
                                         std::span<const std::int8_t> instance_band,
                                         std::span<const std::int64_t> groups, std::int64_t n_groups) {
  std::size_t most_bands = 0;
  for (const RuleEdition& e : r.editions) most_bands = std::max(most_bands, e.bands.size());
  BandCounts c;
  c.slots = most_bands + 2;
  c.counts.assign(r.editions.size() * static_cast<std::size_t>(n_groups) * c.slots, 0);
  for (std::size_t i = 0; i < instance_rule.size(); ++i) {
    if (instance_rule[i] != rule) continue;
    const std::int64_t g = groups.empty() ? 0 : groups[i];
    if (g < 0) continue;
    if (g >= n_groups)
      throw Error("bands: group code " + std::to_string(g) + " is not below n_groups " + std::to_string(n_groups));
    const auto e = static_cast<std::size_t>(instance_edition[i]);
    if (e >= r.editions.size())
      throw Error("bands: edition " + std::to_string(e) + " of rule " + quote(r.id) + " does not exist");
    const std::int8_t b = instance_band[i];
    const std::size_t k = b < 0 ? c.slots - 1 : std::min<std::size_t>(static_cast<std::size_t>(b), c.slots - 2);
    ++c.counts[(e * static_cast<std::size_t>(n_groups) + static_cast<std::size_t>(g)) * c.slots + k];
  }
  return c;
}

}  // namespace detail

SAFEGUARDING_FUNC BandTable bands(const RuleCatalogue& catalogue, std::int32_t rule,
                                  std::span<const std::int32_t> instance_rule,
                                  std::span<const std::int32_t> instance_edition,
                                  std::span<const std::int8_t> instance_band, std::span<const std::int64_t> groups,
                                  std::int64_t n_groups) {
  if (rule < 0 || static_cast<std::size_t>(rule) >= catalogue.rules().size())
    throw Error("bands: rule " + std::to_string(rule) + " is not a rule of the catalogue");
  const Rule& r = catalogue.rules()[static_cast<std::size_t>(rule)];
  if (!r.banded()) throw Error("bands: the rule " + quote(r.id) + " has no outcome bands");
  if (instance_edition.size() != instance_rule.size() || instance_band.size() != instance_rule.size() ||
      (!groups.empty() && groups.size() != instance_rule.size()))
    throw Error("bands: the rule, edition, band and group columns have different lengths");
  if (n_groups < 1) n_groups = 1;
  const detail::BandCounts c =
      detail::count_bands(r, rule, instance_rule, instance_edition, instance_band, groups, n_groups);
  constexpr double none = std::numeric_limits<double>::quiet_NaN();
  BandTable out;
  for (std::size_t e = 0; e < r.editions.size(); ++e) {
    const RuleEdition& edition = r.editions[e];
    for (std::int64_t g = 0; g < n_groups; ++g) {
      const std::int64_t* k =
          c.counts.data() + (e * static_cast<std::size_t>(n_groups) + static_cast<std::size_t>(g)) * c.slots;
      std::int64_t concluded = 0, total = 0;
      for (std::size_t j = 0; j < c.slots; ++j) total += k[j];
      if (total == 0) continue;
      concluded = total - k[c.slots - 1];
      std::int64_t within = 0;
      for (std::size_t b = 0; b < edition.bands.size(); ++b) {
        within += k[b];
        const double percent = concluded ? 100.0 * static_cast<double>(within) / static_cast<double>(concluded) : none;
        const double target = b < edition.targets.size() ? edition.targets[b] : none;
        out.edition.push_back(static_cast<std::int32_t>(e));
        out.group.push_back(g);
        out.band.push_back(static_cast<std::int32_t>(b));
        out.concluded.push_back(concluded);
        out.within.push_back(within);
        out.open.push_back(k[c.slots - 1]);
        out.percent_within.push_back(percent);
        out.target.push_back(target);
        out.meets_target.push_back(target == target && concluded ? (percent >= target ? 1 : 0) : -1);
      }
    }
  }
  return out;
}

SAFEGUARDING_FUNC BandTable bands(const RuleCatalogue& catalogue, std::int32_t rule, const Instances& instances,
                                  std::span<const std::int64_t> groups, std::int64_t n_groups) {
  return bands(catalogue, rule, std::span<const std::int32_t>(instances.rule),
               std::span<const std::int32_t>(instances.edition), std::span<const std::int8_t>(instances.band), groups,
               n_groups);
}

}  // namespace safeguarding::inline v0::timeliness
