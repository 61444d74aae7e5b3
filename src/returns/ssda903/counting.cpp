// The SSDA903's counting measures.
#include <algorithm>
#include <initializer_list>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "episodes.hpp"
#include "safeguarding/returns/ssda903/measures.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

namespace detail {

/// The text of a code, or "not recorded" when it is blank.
SAFEGUARDING_FUNC std::string recorded(const Column& c, std::size_t i) {
  return c.is_missing(i) ? std::string("not recorded") : std::string(c.text(i));
}

/// The episodes the care measures count: all of them, or all but short breaks.
SAFEGUARDING_FUNC std::vector<std::size_t> care_episodes(const Table& episodes, bool short_breaks) {
  const Column& ls = episodes.column("LS");
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < episodes.size(); ++i)
    if (short_breaks || !is_short_break(ls, i)) rows.push_back(i);
  return rows;
}

/// The median of some values (the mean of the middle two for an even count); NaN for none.
SAFEGUARDING_FUNC double median(std::vector<double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// Whether one of the returns of `year`'s collection year supplied `table` (Return::tables).
SAFEGUARDING_FUNC bool year_supplied(const Ssda903& loaded, ReportingYear year, std::string_view table) {
  for (const auto& r : loaded.returns)
    if (r.year == year.ending() && std::find(r.tables.begin(), r.tables.end(), table) != r.tables.end()) return true;
  return false;
}

/// Why no figure can be given: "the 2020 return has no missing table".
SAFEGUARDING_FUNC std::string not_supplied_reason(ReportingYear year, std::string_view table) {
  return "the " + std::to_string(year.ending()) + " return has no " + std::string(table) + " table";
}

/// A return of that collection year was loaded and none of that year's returns supplied one of the
/// tables: the reason, naming each such table ("the 2020 return has no episodes or reviews table"),
/// else empty. A table supplied with no rows that year gives a figure (0, or 0 of 0).
SAFEGUARDING_FUNC std::string not_supplied(const Ssda903& loaded, ReportingYear year,
                                           std::initializer_list<std::string_view> tables) {
  if (!coverage(loaded).covers(year)) return {};
  std::string missing;
  std::size_t count = 0;
  for (const std::string_view table : tables) {
    if (year_supplied(loaded, year, table)) continue;
    missing += std::string(count ? " or " : "") + std::string(table);
    ++count;
  }
  return count ? not_supplied_reason(year, missing) + (count > 1 ? "s" : "") : std::string();
}

/// The checks every counting measure makes first: a return loaded covers the year (its
/// collection year: require_covered), and one of the year's returns supplied the table it counts
/// (Return::tables), else an Error: no number made of nothing, or of part of the year. A table
/// supplied with no rows gives a figure of 0, whether or not other years' returns have rows.
SAFEGUARDING_FUNC const Table& counted_table(const Ssda903& loaded, ReportingYear year, std::string_view table,
                                             std::string_view measure) {
  require_covered(coverage(loaded), year, measure);
  const Table* t = loaded.data.find(table);
  if (t == nullptr || !year_supplied(loaded, year, table))
    throw Error(std::string(measure) + ": " + not_supplied_reason(year, table) + ": no figure can be given for " +
                year.label());
  return *t;
}

}  // namespace detail

SAFEGUARDING_FUNC CodeCounts participation(const Ssda903& loaded, ReportingYear year) {
  const Table& reviews = detail::counted_table(loaded, year, "reviews", "ssda903.participation");
  const auto& held = reviews.column("REVIEW").numbers;
  const Column& code = reviews.column("REVIEW_CODE");
  CodeCounts out{"ssda903.participation", year, {}, {}};
  for (const auto c : review_codes) out.codes.emplace_back(c);
  out.counts.assign(out.codes.size(), 0);
  std::int64_t not_recorded = 0;
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    if (!year.contains(held[i])) continue;
    const auto at = std::find(out.codes.begin(), out.codes.end(), detail::recorded(code, i));
    if (at == out.codes.end())
      ++not_recorded;
    else
      ++out.counts[static_cast<std::size_t>(at - out.codes.begin())];
  }
  if (not_recorded > 0) out.codes.emplace_back("not recorded"), out.counts.push_back(not_recorded);
  return out;
}

SAFEGUARDING_FUNC CodeCounts reasons_ceased(const Ssda903& loaded, ReportingYear year) {
  const Table& episodes = detail::counted_table(loaded, year, "episodes", "ssda903.reasons_ceased");
  const auto& dec = episodes.column("DEC").numbers;
  const Column& rec = episodes.column("REC");
  std::map<std::string, std::int64_t> counts;
  for (std::size_t i = 0; i < episodes.size(); ++i) {
    if (!year.contains(dec[i])) continue;
    std::string reason = detail::recorded(rec, i);
    if (reason != "X1") ++counts[std::move(reason)];
  }
  CodeCounts out{"ssda903.reasons_ceased", year, {}, {}};
  for (auto& [reason, n] : counts) out.codes.push_back(reason), out.counts.push_back(n);
  return out;
}

SAFEGUARDING_FUNC LookedAfter looked_after_on(const Ssda903& loaded, std::int64_t day, bool short_breaks) {
  const Table& episodes = detail::counted_table(loaded, ReportingYear(ReportingYear::ending_of(day)), "episodes",
                                                "ssda903.looked_after_at_31_march");
  const auto& child = episodes.column("CHILD").codes;
  const auto& decom = episodes.column("DECOM").numbers;
  const auto& dec = episodes.column("DEC").numbers;
  LookedAfter out{"ssda903.looked_after_at_31_march", day, {}};
  // The child's last open episode in table order (rows are sorted by child, then DECOM).
  std::map<std::int32_t, std::size_t> last;
  for (const std::size_t i : detail::care_episodes(episodes, short_breaks))
    if (decom[i] <= day && (dec[i] == nat || dec[i] > day)) last[child[i]] = i;
  for (const auto& [c, i] : last) out.episodes.push_back(static_cast<std::int64_t>(i));
  std::sort(out.episodes.begin(), out.episodes.end());
  return out;
}

SAFEGUARDING_FUNC std::int64_t looked_after_at_31_march(const Ssda903& loaded, ReportingYear year, bool short_breaks) {
  return static_cast<std::int64_t>(looked_after_on(loaded, year.last_day(), short_breaks).children());
}

SAFEGUARDING_FUNC std::vector<std::pair<std::int64_t, std::int64_t>> Placements::counts() const {
  std::map<std::int64_t, std::int64_t> per_number;
  for (auto n : placements) ++per_number[n];
  return {per_number.begin(), per_number.end()};
}

SAFEGUARDING_FUNC Placements placements(const Ssda903& loaded, ReportingYear year, bool short_breaks) {
  const Table& episodes = detail::counted_table(loaded, year, "episodes", "ssda903.placements");
  const Column& child = episodes.column("CHILD");
  const auto& decom = episodes.column("DECOM").numbers;
  const auto& dec = episodes.column("DEC").numbers;
  const Column& rne = episodes.column("RNE");
  // Per child (by code): placements; the first episode of the year counts whatever its RNE.
  std::map<std::int32_t, std::int64_t> per_child;
  for (const std::size_t i : detail::care_episodes(episodes, short_breaks)) {
    if (decom[i] > year.last_day() || (dec[i] != nat && dec[i] < year.first_day())) continue;
    const auto [it, first] = per_child.emplace(child.codes[i], 0);
    it->second += first || rne.text(i) != "L" ? 1 : 0;
  }
  std::set<std::int32_t> at_end;
  for (const auto i : looked_after_on(loaded, year.last_day(), short_breaks).episodes)
    at_end.insert(child.codes[static_cast<std::size_t>(i)]);
  Placements out{"ssda903.placements", year, {}, {}, {}};
  for (const auto& [c, n] : per_child) out.child.push_back(c);
  // In the order of the children's ids.
  std::sort(out.child.begin(), out.child.end(),
            [&](std::int32_t a, std::int32_t b) { return (*child.dictionary)[a] < (*child.dictionary)[b]; });
  for (const auto c : out.child) {
    out.placements.push_back(per_child[c]);
    out.looked_after_at_31_march.push_back(at_end.count(c) ? 1 : 0);
  }
  return out;
}

SAFEGUARDING_FUNC Proportion three_or_more_placements(const Ssda903& loaded, ReportingYear year, bool short_breaks) {
  const Placements p = placements(loaded, year, short_breaks);
  Proportion out{"ssda903.three_or_more_placements", 0, 0};
  for (std::size_t i = 0; i < p.child.size(); ++i) {
    if (!p.looked_after_at_31_march[i]) continue;
    ++out.total;
    out.count += p.placements[i] >= 3 ? 1 : 0;
  }
  return out;
}

SAFEGUARDING_FUNC MissingEpisodes missing_episodes(const Ssda903& loaded, ReportingYear year) {
  const Table& missing = detail::counted_table(loaded, year, "missing", "ssda903.missing_episodes");
  const auto& child = missing.column("CHILD").codes;
  const auto& start = missing.column("MIS_START").numbers;
  const auto& end = missing.column("MIS_END").numbers;
  const Column& kind = missing.column("MISSING");
  std::vector<std::size_t> started;
  bool unrecorded = false;
  for (std::size_t i = 0; i < missing.size(); ++i)
    if (year.contains(start[i])) started.push_back(i), unrecorded = unrecorded || kind.is_missing(i);
  MissingEpisodes out{"ssda903.missing_episodes", year, {"M", "A"}, {}, {}, {}, {}};
  if (unrecorded) out.kind.emplace_back("not recorded");
  out.kind.emplace_back("all");
  for (const auto& label : out.kind) {
    std::set<std::int32_t> children;
    std::int64_t episodes = 0, open = 0;
    std::vector<double> days;
    for (const std::size_t i : started) {
      if (label != "all" && detail::recorded(kind, i) != label) continue;
      ++episodes;
      children.insert(child[i]);
      const bool ended = end[i] != nat && end[i] <= year.last_day();
      if (ended)
        days.push_back(static_cast<double>(end[i] - start[i]));
      else
        ++open;
    }
    out.episodes.push_back(episodes);
    out.children.push_back(static_cast<std::int64_t>(children.size()));
    out.still_open.push_back(open);
    out.median_days.push_back(detail::median(std::move(days)));
  }
  return out;
}

}  // namespace safeguarding::inline v0::returns::ssda903
