#include "safeguarding/returns/timeliness_measure.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <set>
#include <tuple>
#include <utility>

#include "format.hpp"
#include "safeguarding/support/periods.hpp"

namespace safeguarding::inline v0::returns {

SAFEGUARDING_FUNC std::string RuleCitation::text() const {
  return rule + " (" + edition + ", " + timescale + "): " + source;
}

SAFEGUARDING_FUNC double TimelinessFigure::share() const noexcept {
  return done ? static_cast<double>(in_timescale) / static_cast<double>(done)
              : std::numeric_limits<double>::quiet_NaN();
}

SAFEGUARDING_FUNC std::string TimelinessFigure::str() const {
  if (!computable) return measure + " in " + year.label() + ": not computable (" + not_computable + ")";
  std::string rule_text = rules.size() > 1 ? "rules " : "rule ";
  for (std::size_t i = 0; i < rules.size(); ++i) rule_text += (i ? ", " : "") + rules[i];
  if (rules.empty()) rule_text += rule;
  // 0 of 0: nothing was done in the year, said in words rather than left to a bare "0 of 0".
  // Things done but not judged are said beside it, so that 0 of 0 never reads as nothing done.
  const std::string share_text = done         ? " (" + detail::fixed(100.0 * share(), 1) + "%)"
                                 : not_judged ? " (none judged in the year)"
                                              : " (none in the year)";
  const std::string unjudged = not_judged ? "; " + std::to_string(not_judged) + " done in the year not judged" : "";
  return measure + " in " + year.label() + ": " + std::to_string(in_timescale) + " of " + std::to_string(done) +
         " in timescale" + share_text + unjudged + "; " + std::to_string(overdue) + " overdue at " +
         detail::long_date(year.last_day()) + ", " + std::to_string(missed) + " missed [" + rule_text + "]";
}

SAFEGUARDING_FUNC std::string year_list(std::span<const int> years) {
  std::string out;
  for (std::size_t i = 0; i < years.size(); ++i)
    out += (i == 0 ? "" : i + 1 == years.size() ? " and " : ", ") + ReportingYear(years[i]).label();
  return out;
}

SAFEGUARDING_FUNC std::string not_covered(const Coverage& coverage, ReportingYear year) {
  if (coverage.covers(year)) return {};
  const std::string why =
      coverage.years.empty() || !coverage.unknown.empty()
          ? "none: " + (coverage.unknown.empty() ? std::string("no return was loaded") : coverage.unknown)
          : year_list(coverage.years) + ": " + coverage.what;
  return year.label() + " is outside the years the data covers (" + why + ")";
}

SAFEGUARDING_FUNC void require_covered(const Coverage& coverage, ReportingYear year, std::string_view measure) {
  const std::string why = not_covered(coverage, year);
  if (!why.empty()) throw Error(std::string(measure) + ": " + why + ": no figure can be given for it");
}

SAFEGUARDING_FUNC std::string_view not_judged_reason_name(std::uint8_t reason) noexcept {
  if (reason < left_out_names.size()) return left_out_names[reason];
  const std::size_t use = reason - left_out_names.size() + 1;  // the engine's row uses, less `used`
  return use < timeliness::event_row_use_names.size() ? timeliness::event_row_use_names[use] : "?";
}

namespace detail {

/// Every edition of every rule of `rule`'s chain, and where each rule's editions begin in that list.
SAFEGUARDING_FUNC std::vector<RuleCitation> chain_citations(const RuleCatalogue& catalogue, std::string_view rule,
                                                            std::vector<std::int32_t>& first_of_rule) {
  std::vector<RuleCitation> out;
  first_of_rule.assign(catalogue.rules().size(), -1);
  const auto index = catalogue.rule_index(rule);
  if (!index) throw Error(catalogue.unknown_rule_message(rule));
  for (const std::size_t r : catalogue.chain_of(*index)) {
    const Rule& x = catalogue.rules()[r];
    first_of_rule[r] = static_cast<std::int32_t>(out.size());
    for (const auto& e : x.editions)
      out.push_back(RuleCitation{x.id, e.name, e.timescale_text(), e.source, e.confidence});
  }
  return out;
}

/// The instances the year keeps: done in it; still outstanding at its end; or closed unfinished in it.
SAFEGUARDING_FUNC std::vector<std::size_t> year_instances(const timeliness::Instances& in, const EventTable& events,
                                                          const ReportingYear& year) {
  using timeliness::InstanceStatus;
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto status = static_cast<InstanceStatus>(in.status[i]);
    const std::int64_t stop = in.stop_row[i];
    const std::int64_t closed = stop >= 0 ? events.time[static_cast<std::size_t>(stop)] : nat;
    const bool outstanding = status == InstanceStatus::overdue || status == InstanceStatus::open;
    const bool closed_in_year =
        (status == InstanceStatus::missed || status == InstanceStatus::ended) && year.contains(closed);
    if (year.contains(in.completed[i]) || outstanding || closed_in_year) keep.push_back(i);
  }
  return keep;
}

template <class Column>
void keep_rows(Column& column, const std::vector<std::size_t>& keep) {
  Column out(keep.size());
  for (std::size_t k = 0; k < keep.size(); ++k) out[k] = column[keep[k]];
  column.swap(out);
}

SAFEGUARDING_FUNC void keep_instances(timeliness::Instances& in, const std::vector<std::size_t>& keep) {
  const bool due_times = in.due_time.size() == in.size();
  const bool bands = in.band.size() == in.size();
  keep_rows(in.rule, keep), keep_rows(in.edition, keep), keep_rows(in.case_id, keep), keep_rows(in.sequence, keep);
  keep_rows(in.start_row, keep), keep_rows(in.stop_row, keep);
  keep_rows(in.start, keep), keep_rows(in.due, keep), keep_rows(in.completed, keep);
  if (due_times) keep_rows(in.due_time, keep);
  keep_rows(in.status, keep);
  keep_rows(in.late_working_days, keep), keep_rows(in.late_days, keep);
  keep_rows(in.duration_working_days, keep), keep_rows(in.duration_days, keep);
  if (bands) keep_rows(in.band, keep);
}

/// Where an event row came from: its table, file, file row and child.
struct RowTrace {
  std::int8_t table = -1;
  std::int32_t file = -1;
  std::int64_t file_row = nat;
  std::int32_t child = missing_code;
  std::string_view path;  // the XML element's path, when the row has one
};

/// Traces event rows and table rows back to the load's files.
class Tracer {
 public:
  Tracer(const Dataset& data, const EventTable& events, const TimelinessSpec& spec) : events_(events) {
    for (const auto& name : events.sources) {
      const Table* t = data.find(name);
      tables_.push_back(t);
      ids_.push_back(t != nullptr && !spec.id_column.empty() ? &t->column(spec.id_column).codes : nullptr);
    }
    case_is_child_ = spec.case_is_child;
  }

  /// Row `position` of source table `table` (its element's path only when `with_path`).
  [[nodiscard]] RowTrace table_row(std::int8_t table, std::int64_t position, bool with_path = false) const {
    RowTrace t;
    t.table = table;
    const Table* source = tables_[static_cast<std::size_t>(table)];
    if (source == nullptr) return t;
    const auto at = static_cast<std::size_t>(position);
    t.file = source->file[at];
    t.file_row = source->row[at];
    if (with_path && at < source->path.size() && !source->path[at].empty()) t.path = source->path[at];
    if (ids_[static_cast<std::size_t>(table)] != nullptr) t.child = (*ids_[static_cast<std::size_t>(table)])[at];
    return t;
  }

  /// Event row `row` (the table row it came from; the case as the child when there is no table).
  [[nodiscard]] RowTrace event_row(std::int64_t row, bool with_path = false) const {
    if (row < 0) return RowTrace{};
    const auto r = static_cast<std::size_t>(row);
    RowTrace t = table_row(events_.source[r], events_.source_row[r], with_path);
    if (t.child == missing_code && case_is_child_) t.child = static_cast<std::int32_t>(events_.case_id[r]);
    return t;
  }

 private:
  const EventTable& events_;
  std::vector<const Table*> tables_;
  std::vector<const std::vector<std::int32_t>*> ids_;
  bool case_is_child_ = true;
};

SAFEGUARDING_FUNC TracedInstances trace_instances(timeliness::Instances&& engine, const Tracer& tracer,
                                                  const std::vector<std::int32_t>& first_citation) {
  TracedInstances out;
  out.engine = std::move(engine);
  const auto& in = out.engine;
  const std::size_t n = in.size();
  out.citation.reserve(n), out.child.reserve(n);
  out.start_table.reserve(n), out.start_file.reserve(n), out.start_file_row.reserve(n);
  out.stop_table.reserve(n), out.stop_file.reserve(n), out.stop_file_row.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    out.citation.push_back(first_citation[static_cast<std::size_t>(in.rule[i])] + in.edition[i]);
    const RowTrace start = tracer.event_row(in.start_row[i]);
    const RowTrace stop = tracer.event_row(in.stop_row[i]);
    out.child.push_back(start.child);
    out.start_table.push_back(start.table), out.start_file.push_back(start.file);
    out.start_file_row.push_back(start.file_row);
    out.stop_table.push_back(stop.table), out.stop_file.push_back(stop.file);
    out.stop_file_row.push_back(stop.file_row);
  }
  return out;
}

/// The rows no instance used: those the builders left out (with their reason), then the event rows
/// the engine did not use (with their use), each table's rows together in the order of the tables.
SAFEGUARDING_FUNC NotJudged not_judged(const EventTable& events, const std::vector<std::uint8_t>& row_use,
                                       const Tracer& tracer) {
  struct Part {
    std::vector<std::int8_t> table;
    std::vector<std::int64_t> position;
    std::vector<std::uint8_t> reason;
  };
  Part left{events.left_source, events.left_row, events.left_reason}, unused;
  for (std::size_t r = 0; r < row_use.size(); ++r) {
    if (row_use[r] == static_cast<std::uint8_t>(timeliness::EventRowUse::used)) continue;
    unused.table.push_back(events.source[r]);
    unused.position.push_back(events.source_row[r]);
    unused.reason.push_back(static_cast<std::uint8_t>(left_out_names.size() + row_use[r] - 1));
  }
  NotJudged out;
  // A row met again with the same reason is listed once: per table, a bit per reason for each
  // position (the positions are the table's rows), or a set when a position or reason falls
  // outside that.
  std::vector<std::vector<std::uint32_t>> seen_bits(events.sources.size());
  std::set<std::tuple<std::int8_t, std::int64_t, std::uint8_t>> seen;
  for (std::size_t k = 0; k < events.sources.size(); ++k) {
    std::int64_t last = -1;
    bool flat = true;
    for (const Part* part : {&left, &unused})
      for (std::size_t i = 0; i < part->table.size(); ++i)
        if (part->table[i] == static_cast<std::int8_t>(k)) {
          flat = flat && part->position[i] >= 0 && part->reason[i] < 32;
          last = std::max(last, part->position[i]);
        }
    if (flat && last >= 0 && last < std::int64_t{1} << 32) seen_bits[k].assign(static_cast<std::size_t>(last) + 1, 0);
  }
  const auto first_time = [&](std::int8_t table, std::int64_t position, std::uint8_t reason) {
    auto& bits = seen_bits[static_cast<std::size_t>(table)];
    if (bits.empty()) return seen.emplace(table, position, reason).second;
    std::uint32_t& b = bits[static_cast<std::size_t>(position)];
    const std::uint32_t bit = std::uint32_t{1} << reason;
    if (b & bit) return false;
    b |= bit;
    return true;
  };
  for (const Part* part : {&left, &unused})
    for (std::size_t k = 0; k < events.sources.size(); ++k)
      for (std::size_t i = 0; i < part->table.size(); ++i) {
        if (part->table[i] != static_cast<std::int8_t>(k)) continue;
        if (!first_time(part->table[i], part->position[i], part->reason[i])) continue;
        const RowTrace t = tracer.table_row(part->table[i], part->position[i]);
        out.table.push_back(t.table), out.position.push_back(part->position[i]);
        out.file.push_back(t.file), out.row.push_back(t.file_row), out.child.push_back(t.child);
        out.reason.push_back(part->reason[i]);
      }
  return out;
}

/// Appends each value once, in the order first met.
SAFEGUARDING_FUNC void add_once(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

SAFEGUARDING_FUNC std::string joined(const std::vector<std::string>& parts, const char* between) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : between) + p;
  return out;
}

SAFEGUARDING_FUNC TimelinessFigure figure_of(const TimelinessSpec& spec, ReportingYear year,
                                             const TracedInstances& instances,
                                             const std::vector<RuleCitation>& citations,
                                             const RuleCatalogue& catalogue) {
  using timeliness::InstanceStatus;
  TimelinessFigure f{spec.measure, year, spec.rule, {}, {}};
  for (const auto& c : citations) add_once(f.rules, c.rule);
  const auto& in = instances.engine;
  std::vector<std::string> cited;
  std::vector<bool> met(citations.size(), false);  // the citations whose text is in `cited`
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto status = static_cast<InstanceStatus>(in.status[i]);
    const bool done = year.contains(in.completed[i]);
    f.in_timescale += done && status == InstanceStatus::met ? 1 : 0;
    f.out_of_timescale += done && status == InstanceStatus::late ? 1 : 0;
    f.overdue += status == InstanceStatus::overdue ? 1 : 0;
    f.missed += status == InstanceStatus::missed ? 1 : 0;
    const auto c = static_cast<std::size_t>(instances.citation[i]);
    if (!met[c]) {
      met[c] = true;
      add_once(cited, citations[c].text());
    }
  }
  f.done = f.in_timescale + f.out_of_timescale;
  if (f.rules.empty()) f.rules.push_back(spec.rule);
  (void)catalogue;
  if (cited.empty()) {
    // No instance: the latest edition of each rule of the chain.
    for (std::size_t k = 0; k < citations.size(); ++k)
      if (k + 1 == citations.size() || citations[k + 1].rule != citations[k].rule) cited.push_back(citations[k].text());
  }
  f.source = joined(cited, "; ");
  return f;
}

SAFEGUARDING_FUNC MonthlyTable monthly(const TimelinessSpec& spec, ReportingYear year,
                                       const timeliness::Instances& in) {
  MonthlyTable t;
  const std::int64_t first_month = support::month_number(year.first_day());
  for (std::int64_t m = 0; m < 12; ++m) t.month.push_back(support::first_day_of_month(first_month + m));
  t.held.assign(12, 0), t.in_timescale.assign(12, 0), t.out_of_timescale.assign(12, 0);
  const auto month_of = [&](std::int64_t day) {
    return static_cast<std::size_t>(support::month_number(day) - first_month);
  };
  for (const std::int64_t day : spec.held)
    if (year.contains(day)) ++t.held[month_of(day)];
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!year.contains(in.completed[i])) continue;
    const auto status = static_cast<timeliness::InstanceStatus>(in.status[i]);
    if (status == timeliness::InstanceStatus::met) ++t.in_timescale[month_of(in.completed[i])];
    if (status == timeliness::InstanceStatus::late) ++t.out_of_timescale[month_of(in.completed[i])];
  }
  for (std::size_t m = 0; m < 12; ++m) {
    const std::int64_t judged = t.in_timescale[m] + t.out_of_timescale[m];
    t.percent_in_timescale.push_back(judged > 0
                                         ? 100.0 * static_cast<double>(t.in_timescale[m]) / static_cast<double>(judged)
                                         : std::numeric_limits<double>::quiet_NaN());
    t.not_judged.push_back(t.held[m] - judged);
    if (t.not_judged.back() < 0)
      throw Error(spec.measure + ": more judged than held in a month (a bug in the measure's definition)");
  }
  return t;
}

}  // namespace detail

SAFEGUARDING_FUNC const MonthlyTable& TimelinessMeasure::months() const {
  if (!figure.computable)
    throw Error(figure.measure + " by month, " + year.label() + ": not computable: " + figure.not_computable);
  return by_month;
}

SAFEGUARDING_FUNC TimelinessMeasure measure_timeliness(const Dataset& data, EventTable events, TimelinessSpec spec,
                                                       ReportingYear year, const RuleCatalogue& catalogue,
                                                       const Calendar& calendar) {
  std::vector<std::int32_t> first_citation;
  std::vector<RuleCitation> citations = detail::chain_citations(catalogue, spec.rule, first_citation);
  // A table the data does not have at all gives no figure; one read with no rows does (nothing was
  // done, and what fell due from the other tables is overdue): whether the year's return supplied
  // it is the caller's to say (not_supplied).
  std::string missing;
  for (const auto& t : spec.needs)
    if (data.find(t) == nullptr) missing += (missing.empty() ? "" : ", ") + t;
  if (!missing.empty() || !spec.not_supplied.empty()) {
    // No table to judge from: no instance, no event, and a figure that says so.
    TimelinessFigure figure{spec.measure, year, spec.rule, {}, {}};
    for (const auto& c : citations) detail::add_once(figure.rules, c.rule);
    figure.computable = false;
    figure.not_computable = !spec.not_supplied.empty() ? spec.not_supplied
                                                       : "the data loaded has no " + missing + " table" +
                                                             (missing.find(',') != std::string::npos ? "s" : "");
    MonthlyTable by_month = detail::monthly(spec, year, timeliness::Instances{});
    std::vector<std::string> tables = events.sources;
    EventTable no_events;
    no_events.sources = events.sources;
    return TimelinessMeasure{std::move(spec),
                             year,
                             year.last_day(),
                             calendar.name(),
                             std::move(tables),
                             data.files,
                             std::move(citations),
                             TracedInstances{},
                             NotJudged{},
                             std::move(figure),
                             std::move(by_month),
                             std::move(no_events),
                             {},
                             {},
                             {},
                             {}};
  }
  timeliness::EngineOptions options;
  options.calendar = calendar;
  options.as_of = year.last_day();
  options.rules = {spec.rule};
  timeliness::EngineResult engine = timeliness::compute(catalogue, events.events(), options);
  std::vector<std::string> messages;
  for (std::size_t k = 0; k < engine.findings.size(); ++k)
    messages.push_back(timeliness::describe(engine, k, catalogue, events.events()));
  std::vector<std::string> where;
  {
    const detail::Tracer trace(data, events, spec);
    for (std::size_t k = 0; k < engine.findings.size(); ++k) {
      const detail::RowTrace t = trace.event_row(engine.findings.row[k], true);
      if (!t.path.empty())
        where.emplace_back(t.path);
      else if (t.file >= 0)
        where.push_back(data.files[static_cast<std::size_t>(t.file)] + ", row " + std::to_string(t.file_row));
      else
        where.emplace_back();
    }
  }
  detail::keep_instances(engine.instances, detail::year_instances(engine.instances, events, year));
  const detail::Tracer tracer(data, events, spec);
  TracedInstances instances = detail::trace_instances(std::move(engine.instances), tracer, first_citation);
  NotJudged not_judged = detail::not_judged(events, engine.row_use, tracer);
  TimelinessFigure figure = detail::figure_of(spec, year, instances, citations, catalogue);
  MonthlyTable by_month = detail::monthly(spec, year, instances.engine);
  for (const std::int64_t n : by_month.not_judged) figure.not_judged += n;
  std::vector<std::string> tables = events.sources;
  return TimelinessMeasure{std::move(spec),           year,
                           year.last_day(),           calendar.name(),
                           std::move(tables),         data.files,
                           std::move(citations),      std::move(instances),
                           std::move(not_judged),     std::move(figure),
                           std::move(by_month),       std::move(events),
                           std::move(engine.row_use), std::move(engine.findings),
                           std::move(messages),       std::move(where)};
}

}  // namespace safeguarding::inline v0::returns
