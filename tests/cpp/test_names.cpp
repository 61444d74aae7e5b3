// Every public name means one thing: the namespaces an application is likely to open together
// leave no name ambiguous (this file only has to compile).
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
