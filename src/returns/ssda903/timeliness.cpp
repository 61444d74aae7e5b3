// The SSDA903's timeliness measures: looked-after reviews and return home interviews.
#include <utility>

#include "safeguarding/returns/ssda903/measures.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

SAFEGUARDING_FUNC TimelinessMeasure review_timeliness(const Ssda903& loaded, ReportingYear year,
                                                      const RuleCatalogue& catalogue, const Calendar& calendar) {
  TimelinessSpec spec{"looked-after reviews", "lac.review.first", "CHILD", true,
                      loaded.data.table("reviews").column("REVIEW").numbers};
  return measure_timeliness(loaded.data, review_events(catalogue, loaded.data), std::move(spec), year, catalogue,
                            calendar);
}

SAFEGUARDING_FUNC TimelinessMeasure return_home_interviews(const Ssda903& loaded, ReportingYear year,
                                                           std::span<const std::int64_t> offered_child,
                                                           std::span<const std::int64_t> offered_day,
                                                           const RuleCatalogue& catalogue, const Calendar& calendar) {
  TimelinessSpec spec{"return home interviews offered", "missing.rhi", "CHILD", true,
                      std::vector<std::int64_t>(offered_day.begin(), offered_day.end())};
  return measure_timeliness(loaded.data,
                            return_home_interview_events(catalogue, loaded.data, offered_child, offered_day),
                            std::move(spec), year, catalogue, calendar);
}

}  // namespace safeguarding::inline v0::returns::ssda903
