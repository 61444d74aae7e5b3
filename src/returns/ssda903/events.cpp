// Periods of care and the SSDA903's events for the timeliness engine.
#include <algorithm>
#include <numeric>

#include "../columns.hpp"
#include "episodes.hpp"
#include "safeguarding/returns/ssda903/measures.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

SAFEGUARDING_FUNC PeriodsOfCare periods_of_care(std::span<const std::int64_t> child,
                                                std::span<const std::int64_t> decom, std::span<const std::int64_t> dec,
                                                std::span<const std::uint8_t> starts_care,
                                                std::span<const std::uint8_t> short_break) {
  support::require_same_size(child.size(), decom.size(), "episodes");
  support::require_same_size(child.size(), dec.size(), "episodes");
  support::require_same_size(child.size(), starts_care.size(), "episodes");
  support::require_same_size(child.size(), short_break.size(), "episodes");
  PeriodsOfCare p;
  p.period_of.assign(child.size(), -1);
  const auto order = returns::detail::order_by(child, decom);
  std::int64_t current_child = -1, latest_end = nat;
  bool open = false, child_has_period = false;
  for (const std::size_t i : order) {
    if (decom[i] == nat) throw Error("episodes: an episode without DECOM (row position " + std::to_string(i) + ")");
    if (child[i] != current_child) {
      current_child = child[i];
      child_has_period = false;
    }
    if (short_break[i]) continue;
    const bool continues = child_has_period && (open || decom[i] <= latest_end);
    if (!continues) {
      p.child.push_back(child[i]);
      p.start.push_back(decom[i]);
      p.end.push_back(nat);
      p.first_episode.push_back(static_cast<std::int64_t>(i));
      p.last_episode.push_back(static_cast<std::int64_t>(i));
      p.start_known.push_back(child_has_period || starts_care[i] ? 1 : 0);
      child_has_period = true;
      open = false;
      latest_end = nat;
    }
    const std::size_t k = p.size() - 1;
    p.period_of[i] = static_cast<std::int64_t>(k);
    if (dec[i] == nat) {
      open = true;
      p.last_episode[k] = static_cast<std::int64_t>(i);
    } else if (!open && dec[i] >= latest_end) {
      latest_end = dec[i];
      p.last_episode[k] = static_cast<std::int64_t>(i);
    }
    p.end[k] = open ? nat : latest_end;
  }
  return p;
}

SAFEGUARDING_FUNC PeriodsOfCare periods_of_care(const Table& episodes) {
  const detail::EpisodeColumns c(episodes);
  return periods_of_care(c.child, c.decom, c.dec, c.starts_care, c.short_break);
}

namespace detail {

/// Each child's periods in start order, to find the period a review falls in; and the children
/// whose only episodes are short breaks.
struct ChildPeriods {
  std::vector<std::size_t> by_child;  // period indices, by child then start
  std::vector<std::size_t> first;     // the child's periods: by_child[first[c] .. first[c + 1])
  std::vector<std::uint8_t> breaks_only;

  ChildPeriods(const PeriodsOfCare& periods, std::span<const std::int64_t> review_child,
               std::span<const std::int64_t> episode_child, std::span<const std::uint8_t> short_break) {
    by_child = returns::detail::order_by(periods.child, periods.start);
    std::int64_t top = -1;
    for (auto c : periods.child) top = std::max(top, c);
    for (auto c : review_child) top = std::max(top, c);
    for (auto c : episode_child) top = std::max(top, c);
    first.assign(static_cast<std::size_t>(top + 2), 0);
    for (auto c : periods.child) ++first[static_cast<std::size_t>(c) + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    breaks_only.assign(static_cast<std::size_t>(top + 1), 0);
    if (short_break.empty()) return;
    support::require_same_size(episode_child.size(), short_break.size(), "episodes");
    for (std::size_t i = 0; i < episode_child.size(); ++i)
      if (short_break[i]) breaks_only[static_cast<std::size_t>(episode_child[i])] = 1;
  }

  /// The last of the child's periods starting on or before `day`; its first when `day` is before
  /// them all; periods.size() when the child has none.
  [[nodiscard]] std::size_t period_of(const PeriodsOfCare& periods, std::size_t child, std::int64_t day) const {
    const std::size_t b = first[child], e = first[child + 1];
    std::size_t in = e;
    for (std::size_t j = b; j < e && periods.start[by_child[j]] <= day; ++j) in = j;
    return in == e ? (b < e ? by_child[b] : periods.size()) : by_child[in];
  }
};

}  // namespace detail

SAFEGUARDING_FUNC EventTable review_events(const RuleCatalogue& rules, const PeriodsOfCare& periods,
                                           std::span<const std::int64_t> review_child,
                                           std::span<const std::int64_t> review_date,
                                           std::span<const std::int64_t> episode_child,
                                           std::span<const std::uint8_t> short_break) {
  support::require_same_size(review_child.size(), review_date.size(), "reviews");
  EventTable out;
  const auto episodes = out.add_source("episodes");
  const auto reviews = out.add_source("reviews");
  const std::int32_t start = rules.event("lac.start"), end = rules.event("lac.end"), review = rules.event("lac.review");
  out.reserve(2 * periods.size() + review_child.size());
  for (std::size_t k = 0; k < periods.size(); ++k) {
    if (!periods.start_known[k]) continue;
    out.add(periods.child[k], start, periods.start[k], episodes, static_cast<std::size_t>(periods.first_episode[k]));
    if (periods.end[k] != nat)
      out.add(periods.child[k], end, periods.end[k], episodes, static_cast<std::size_t>(periods.last_episode[k]));
  }
  const detail::ChildPeriods children(periods, review_child, episode_child, short_break);
  for (std::size_t i = 0; i < review_child.size(); ++i) {
    const auto c = static_cast<std::size_t>(review_child[i]);
    if (children.first[c] == children.first[c + 1] && children.breaks_only[c]) {
      out.leave_out(reviews, i, LeftOut::short_break);
      continue;
    }
    const std::size_t period = children.period_of(periods, c, review_date[i]);
    if (period < periods.size() && !periods.start_known[period]) {
      out.leave_out(reviews, i, LeftOut::care_began_earlier);
      continue;
    }
    out.add(review_child[i], review, review_date[i], reviews, i);
  }
  return out;
}

SAFEGUARDING_FUNC EventTable review_events(const RuleCatalogue& rules, const Dataset& data) {
  const Table& reviews = data.table("reviews");
  const detail::EpisodeColumns c(data.table("episodes"));
  const PeriodsOfCare periods = periods_of_care(c.child, c.decom, c.dec, c.starts_care, c.short_break);
  const std::vector<std::int64_t> child = returns::detail::widen(reviews.column("CHILD").codes);
  return review_events(rules, periods, child, reviews.column("REVIEW").numbers, c.child, c.short_break);
}

SAFEGUARDING_FUNC EventTable return_home_interview_events(const RuleCatalogue& rules, const Dataset& data,
                                                          std::span<const std::int64_t> offered_child,
                                                          std::span<const std::int64_t> offered_day) {
  support::require_same_size(offered_child.size(), offered_day.size(), "offered");
  const Table& missing = data.table("missing");
  const auto& child = missing.column("CHILD").codes;
  const auto& end = missing.column("MIS_END").numbers;
  EventTable out;
  const auto episodes = out.add_source("missing");
  const auto offers = out.add_source("offered");
  const std::int32_t returned = rules.event("missing.returned"), offered = rules.event("missing.rhi_offered");
  for (std::size_t i = 0; i < missing.size(); ++i)
    if (end[i] != nat) out.add(child[i], returned, end[i], episodes, i);
  for (std::size_t i = 0; i < offered_child.size(); ++i) out.add(offered_child[i], offered, offered_day[i], offers, i);
  return out;
}

}  // namespace safeguarding::inline v0::returns::ssda903
