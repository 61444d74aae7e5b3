// The SSDA903's timeliness measures: looked-after reviews and return home interviews.
#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

#include "episodes.hpp"
#include "safeguarding/returns/ssda903/measures.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

SAFEGUARDING_FUNC Coverage coverage(const Ssda903& loaded) {
  Coverage c;
  c.what = "the collection years of the returns loaded (a return covers 1 April to 31 March of its year)";
  for (const auto& r : loaded.returns) {
    if (r.year != 0) {
      c.years.push_back(r.year);
      continue;
    }
    // Its year was neither given nor named, and its data has no date to take it from. A return
    // with none of the tables the measures count (ad1, oc2, … alone) changes no figure; one with
    // episodes, reviews or missing episodes of an unknown year makes every year's figure doubtful.
    static constexpr std::string_view counted[] = {"episodes", "reviews", "missing"};
    const bool counts = std::any_of(std::begin(counted), std::end(counted), [&](std::string_view t) {
      return std::find(r.tables.begin(), r.tables.end(), t) != r.tables.end();
    });
    if (!counts || !c.unknown.empty()) continue;
    std::string files = r.files.empty() ? std::string("no files") : r.files.front().generic_string();
    if (r.files.size() > 1) files += " and " + std::to_string(r.files.size() - 1) + " more files";
    c.unknown = "the collection year of the return of " + files +
                " is not known (no year is given or named in its file or folder names, and it has no DEC, REVIEW, "
                "MIS_START or MIS_END date); name its year (2020 or 2019-20) in a file or folder name, or give it";
  }
  if (c.years.empty() && c.unknown.empty())
    c.unknown = loaded.returns.empty() ? "no return was loaded" : "no return's collection year is known";
  std::sort(c.years.begin(), c.years.end());
  c.years.erase(std::unique(c.years.begin(), c.years.end()), c.years.end());
  return c;
}

SAFEGUARDING_FUNC TimelinessMeasure review_timeliness(const Ssda903& loaded, ReportingYear year,
                                                      const RuleCatalogue& catalogue, const Calendar& calendar) {
  // A year no return covers, or whose returns did not supply the episodes or reviews table: a
  // figure flagged as not computable, and nothing counted as held in it. A reviews file with a
  // header and no rows supplies its table: no review was held, and those due are overdue.
  std::string why = not_covered(coverage(loaded), year);
  if (why.empty()) why = detail::not_supplied(loaded, year, {"episodes", "reviews"});
  const bool computable = why.empty();
  TimelinessSpec spec{"looked-after reviews",
                      "lac.review.first",
                      "CHILD",
                      true,
                      computable ? loaded.data.table("reviews").column("REVIEW").numbers : std::vector<std::int64_t>{},
                      {"episodes", "reviews"},
                      std::move(why)};
  return measure_timeliness(loaded.data, review_events(catalogue, loaded.data), std::move(spec), year, catalogue,
                            calendar);
}

SAFEGUARDING_FUNC TimelinessMeasure return_home_interviews(const Ssda903& loaded, ReportingYear year,
                                                           std::span<const std::int64_t> offered_child,
                                                           std::span<const std::int64_t> offered_day,
                                                           const RuleCatalogue& catalogue, const Calendar& calendar) {
  std::string uncovered = not_covered(coverage(loaded), year);
  const bool covered = uncovered.empty();
  TimelinessSpec spec{
      "return home interviews offered",
      "missing.rhi.offered",
      "CHILD",
      true,
      covered ? std::vector<std::int64_t>(offered_day.begin(), offered_day.end()) : std::vector<std::int64_t>{},
      {"missing"},
      covered ? detail::not_supplied(loaded, year, {"missing"}) : std::move(uncovered)};
  return measure_timeliness(loaded.data,
                            return_home_interview_events(catalogue, loaded.data, offered_child, offered_day),
                            std::move(spec), year, catalogue, calendar);
}

}  // namespace safeguarding::inline v0::returns::ssda903
