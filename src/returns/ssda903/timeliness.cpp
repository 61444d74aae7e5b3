// The SSDA903's timeliness measures: looked-after reviews and return home interviews.
#include <algorithm>
#include <string_view>
#include <utility>

#include "episodes.hpp"
#include "safeguarding/returns/ssda903/measures.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

SAFEGUARDING_FUNC Coverage coverage(const Ssda903& loaded) {
  static constexpr std::pair<std::string_view, std::string_view> dated[] = {
      {"episodes", "DECOM"}, {"episodes", "DEC"}, {"reviews", "REVIEW"}, {"missing", "MIS_START"}};
  const auto [first, last] = years_of_dates(loaded.data, dated);
  int latest = 0;
  for (const auto& r : loaded.returns) latest = std::max(latest, r.year);
  if (first == 0 && latest == 0) return {};
  Coverage c;
  c.last = latest ? latest : last;
  c.first = first ? std::min(first, c.last) : c.last;
  c.what = latest ? "the " + std::to_string(latest) + " return" : "its latest date";
  return c;
}

SAFEGUARDING_FUNC TimelinessMeasure review_timeliness(const Ssda903& loaded, ReportingYear year,
                                                      const RuleCatalogue& catalogue, const Calendar& calendar) {
  require_covered(coverage(loaded), year, "looked-after reviews");
  TimelinessSpec spec{
      "looked-after reviews", "lac.review.first", "CHILD", true, loaded.data.table("reviews").column("REVIEW").numbers,
      {"episodes", "reviews"}};
  return measure_timeliness(loaded.data, review_events(catalogue, loaded.data), std::move(spec), year, catalogue,
                            calendar);
}

SAFEGUARDING_FUNC TimelinessMeasure return_home_interviews(const Ssda903& loaded, ReportingYear year,
                                                           std::span<const std::int64_t> offered_child,
                                                           std::span<const std::int64_t> offered_day,
                                                           const RuleCatalogue& catalogue, const Calendar& calendar) {
  require_covered(coverage(loaded), year, "return home interviews");
  TimelinessSpec spec{"return home interviews offered",
                      "missing.rhi.offered",
                      "CHILD",
                      true,
                      std::vector<std::int64_t>(offered_day.begin(), offered_day.end()),
                      {"missing"},
                      detail::not_supplied(loaded, year, "missing")};
  return measure_timeliness(loaded.data,
                            return_home_interview_events(catalogue, loaded.data, offered_child, offered_day),
                            std::move(spec), year, catalogue, calendar);
}

}  // namespace safeguarding::inline v0::returns::ssda903
