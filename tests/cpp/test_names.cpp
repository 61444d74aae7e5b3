// Every public name means one thing: the namespaces an application is likely to open together
// leave no name ambiguous (this file only has to compile).
#include <cstdint>
#include <limits>

#include "catch.hpp"
#include "safeguarding/safeguarding.hpp"

TEST_CASE("using namespace safeguarding and safeguarding::timeliness together leaves the names unambiguous") {
  using namespace safeguarding;
  using namespace safeguarding::timeliness;
  const Calendar cal = Calendar::england_and_wales();
  PlanAction action;
  action.target = parse_date("2019-10-01");
  const RagRating rating = action.rating(parse_date("2019-09-27"), cal);
  Events events;
  EngineOptions options;
  const EngineResult result = compute(builtin_rules(), events, options);
  const Summary summary = summarise(result.instances, SummaryPeriod::month, Basis::due);
  const ResultColumn<std::int64_t> column;
  const Attribute attribute{};
  const AttributeView attribute_view{};
  const Resolution resolution = Resolution::days;
  const InstanceStatus status = InstanceStatus::met;
  const EventFinding finding = EventFinding::duplicate;
  const EventRowUse use = EventRowUse::used;
  const Timescale timescale = Timescale::parse("15 working days");
  const Rule* rule = builtin_rules().find("lac.review.first");
  CHECK(rating.rag == Rag::amber);
  CHECK(summary.size() == 0);
  CHECK(column.empty());
  CHECK(attribute.values.empty());
  CHECK(attribute_view.values.empty());
  CHECK(resolution == Resolution::days);
  CHECK(instance_status_names[static_cast<std::size_t>(status)] == "met");
  CHECK(event_finding_names[static_cast<std::size_t>(finding)] == "duplicate");
  CHECK(event_row_use_names[static_cast<std::size_t>(use)] == "used");
  CHECK(timescale.needs_calendar());
  CHECK(rule != nullptr);
}

TEST_CASE("the four namespaces an application opens together leave the library's names unambiguous") {
  using namespace safeguarding;
  using namespace safeguarding::timeliness;
  using namespace safeguarding::front_door;
  using namespace safeguarding::returns;
  // The names that meant different things in different headers before (Status, Finding, RowUse,
  // Options, Table, Column, Period, Action, RowCounts, missing, T): each now names one thing.
  const std::int64_t no_date = nat;
  const InstanceStatus instance_status = InstanceStatus::late;
  const ComplianceStatus compliance_status = ComplianceStatus::breached;
  const EventFinding event_finding = EventFinding::missing_date;
  const ComplianceFinding compliance_finding{};
  const ReturnFinding return_finding{};
  const FindingAction finding_action = FindingAction::rejected;
  const PlanAction plan_action{};
  const EventRowUse event_row_use = EventRowUse::problem;
  const RecordUse record_use = RecordUse::rejected;
  const EngineOptions engine_options{};
  const FrontDoorOptions front_door_options{};
  const MeasureTable measure_table{};
  const Table return_table{};
  const Column return_column{};
  const ResultColumn<float> result_column;
  const SummaryPeriod summary_period = SummaryPeriod::quarter;
  const MeetingPeriod meeting_period{};
  const RecordCounts record_counts{};
  const TableRowCounts table_row_counts{};
  CHECK(no_date == std::numeric_limits<std::int64_t>::min());
  CHECK(instance_status != InstanceStatus::met);
  CHECK(compliance_status != ComplianceStatus::met);
  CHECK(event_finding != EventFinding::duplicate);
  CHECK(compliance_finding.text.empty());
  CHECK(return_finding.problem.empty());
  CHECK(finding_action != FindingAction::kept);
  CHECK(plan_action.progress == Progress::unknown);
  CHECK(event_row_use != EventRowUse::used);
  CHECK(record_use != RecordUse::used);
  CHECK(engine_options.threads == 0);
  CHECK(front_door_options.decision_rule.empty() == false);
  CHECK(measure_table.count_names.empty());
  CHECK(return_table.size() == 0);
  CHECK(return_column.size() == 0);
  CHECK(result_column.empty());
  CHECK(summary_period != SummaryPeriod::month);
  CHECK(meeting_period.first == Date());
  CHECK(record_counts.read == 0);
  CHECK(table_row_counts.read == 0);
}
