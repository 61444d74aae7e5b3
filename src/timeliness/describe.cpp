// The sentence describing each data-quality finding of the engine.
#include "safeguarding/timeliness/engine.hpp"

#include "rows.hpp"

namespace safeguarding::inline v0::timeliness {

SAFEGUARDING_FUNC std::string describe(const EngineResult& result, std::size_t finding, const RuleCatalogue& catalogue,
                                       const EventsView& events) {
  const auto& f = result.findings;
  const auto row = static_cast<std::size_t>(f.row[finding]);
  const auto& types = catalogue.events();
  auto event_text = [&](std::size_t r) {
    const std::int64_t t = events.time[r];
    const std::string when = t == nat ? std::string("no date") : format_days(detail::day_of(events, r));
    return quote(types[static_cast<std::size_t>(events.event[r])].id) + " on " + when;
  };
  const std::string rule =
      f.rule[finding] >= 0 ? quote(catalogue.rules()[static_cast<std::size_t>(f.rule[finding])].id) : "";
  const std::int64_t rel = f.related_row[finding];
  const std::string related =
      rel >= 0 ? " (row " + std::to_string(rel) + ", " + event_text(static_cast<std::size_t>(rel)) + ")" : "";
  switch (static_cast<EventFinding>(f.kind[finding])) {
    case EventFinding::missing_date:
      return quote(types[static_cast<std::size_t>(events.event[row])].id) + " has no date";
    case EventFinding::outside_calendar:
      return event_text(row) + (rule.empty()
                                    ? " is outside the calendar's range"
                                    : ": the due date under rule " + rule + " falls outside the calendar's range");
    case EventFinding::duplicate:
      return event_text(row) + " repeats an earlier row" + related;
    case EventFinding::stop_before_start:
      return event_text(row) + " is dated before the event that starts the clock of rule " + rule + related;
    case EventFinding::stop_without_start:
      return event_text(row) + " has no earlier event to start the clock of rule " + rule +
             (rel >= 0 ? " (the last clock ended after row " + std::to_string(rel) + ")" : "");
    case EventFinding::restart_without_end:
      return event_text(row) + " starts rule " + rule + " again with no end event since the last start" + related;
    case EventFinding::missing_attribute:
      return rel >= 0 ? event_text(row) + ": rule " + rule +
                            " needs an attribute to choose its timescale that the row starting its chain" + related +
                            " does not have"
                      : event_text(row) + ": rule " + rule +
                            " needs an attribute this row does not have to choose its timescale";
  }
  return event_text(row);
}

}  // namespace safeguarding::inline v0::timeliness
