// Findings of kind meeting_frequency: a group met as often as its frequency in each period.
#include "safeguarding/compliance.hpp"

#include "../support/text_format.hpp"
#include "evaluator.hpp"

namespace safeguarding::inline v0::detail {

SAFEGUARDING_FUNC void Evaluator::meeting_frequency(const Group& g) {
  const Frequency& f = g.frequency;
  if (f.unit == PeriodUnit::as_required) {
    add(ComplianceFindingKind::meeting_frequency, ComplianceStatus::not_applicable, "meets as required", f.source,
        "group", g.id, g.name)
        .text = g.name + " meets as required: there is no frequency to check.";
    return;
  }
  const std::string requirement = "meets at least " + frequency_text(f, p_.year_start);
  std::vector<Date> dates;
  for (std::size_t i : meetings_of(g)) dates.push_back(p_.meetings[i].date);
  per_period(f, group_start(g), dates, [&](const MeetingPeriod& period, std::int64_t n, std::size_t first) {
    ComplianceFinding& x = add(ComplianceFindingKind::meeting_frequency, period_status(period, n, f.at_least),
                               requirement, f.source, "group", g.id, g.name);
    x.period = period;
    x.due = period.last;
    if (n >= f.at_least) x.actual = dates[first + static_cast<std::size_t>(f.at_least) - 1];  // when it was met
    x.text = frequency_sentence(g, period, n, x.status);
  });
}

SAFEGUARDING_FUNC std::string Evaluator::frequency_sentence(const Group& g, const MeetingPeriod& period, std::int64_t n,
                                                            ComplianceStatus status) const {
  const Frequency& f = g.frequency;
  const std::string when = period_text(period);
  const std::string unit_word(period_unit_names[static_cast<std::size_t>(f.unit)]);
  switch (status) {
    case ComplianceStatus::met:
      return g.name + " met in " + when + " (" + support::plural(n, "meeting", "meetings") + ").";
    case ComplianceStatus::breached:
      return n == 0 ? g.name + " did not meet in " + when + " (it should meet at least " +
                          frequency_text(f, p_.year_start) + ")."
                    : g.name + " met only " + std::to_string(n) + " time" + (n == 1 ? "" : "s") + " in " + when +
                          " (at least " + std::to_string(f.at_least) + " required).";
    default:
      break;
  }
  if (period.first > as_of_)
    return g.name + " is first assessed in " + when + " (it should meet at least " + frequency_text(f, p_.year_start) +
           "); the " + unit_word + " begins on " + to_long_text(period.first) + ".";
  return g.name + " has " +
         (n == 0 ? "not yet met" : "met " + std::to_string(n) + " of " + std::to_string(f.at_least) + " times") +
         " in " + when + "; the " + unit_word + " ends on " + to_long_text(period.last) + ".";
}

}  // namespace safeguarding::inline v0::detail
