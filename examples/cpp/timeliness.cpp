// Looked-after reviews of two (synthetic) children computed from plain columns, as a reader of the
// SSDA903 return would call the engine, and the month-by-month table of reviews held in timescale.
#include <iostream>
#include <safeguarding/safeguarding.hpp>

int main() {
  using namespace safeguarding;
  const RuleCatalogue& rules = builtin_rules();
  const auto type = [&](const char* id) { return rules.event(id); };
  const auto day = [](const char* iso) { return to_days(parse_date(iso)); };

  // One row per event: case, event type, date (serial days).
  const std::vector<std::int64_t> child{101, 101, 101, 102};
  const std::vector<std::int32_t> event{type("lac.start"), type("lac.review"), type("lac.review"), type("lac.start")};
  const std::vector<std::int64_t> date{day("2019-12-16"), day("2020-01-16"), day("2020-04-30"), day("2020-05-01")};

  timeliness::EventsView events{child, event, date, timeliness::Resolution::days, {}};
  timeliness::EngineOptions options;
  options.rules = {"lac.review.first"};  // the whole chain: first, second, later reviews
  options.as_of = day("2020-06-10");
  const timeliness::EngineResult result = timeliness::compute(rules, events, options);

  const auto& in = result.instances;
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::cout << in.case_id[i] << ' ' << rules.rules()[static_cast<std::size_t>(in.rule[i])].id << " due "
              << format_days(in.due[i]) << ' ' << timeliness::instance_status_names[in.status[i]];
    if (in.completed[i] != nat) std::cout << " (held " << format_days(in.completed[i]) << ')';
    if (!std::isnan(in.late_working_days[i]) && in.late_working_days[i] > 0)
      std::cout << ", " << in.late_working_days[i] << " working days late";
    std::cout << '\n';
  }

  // Reviews held each month: in timescale (met) and not (late).
  const auto table = timeliness::summarise(in, timeliness::SummaryPeriod::month, timeliness::Basis::completed);
  for (std::size_t r = 0; r < table.size(); ++r)
    if (table.period[r] != nat)
      std::cout << format_days(table.period[r]).substr(0, 7) << ' '
                << rules.rules()[static_cast<std::size_t>(table.rule[r])].id << ": " << table.met[r]
                << " in timescale, " << table.late[r] << " not\n";
  const auto counts = result.row_counts();
  std::cout << "rows: " << child.size() << " in, " << counts[0] << " used\n";
}
