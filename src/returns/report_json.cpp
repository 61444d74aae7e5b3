// The statutory returns report's JSON (see the header): the measures' results arranged as the
// command's and the browser page's JSON, written once.
#include "safeguarding/returns/report_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "cin_census/years.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/returns/cin_census/measures.hpp"
#include "safeguarding/returns/counting.hpp"
#include "safeguarding/returns/ssda903/measures.hpp"

namespace safeguarding::inline v0::returns {

namespace detail {

using report_json_value = nlohmann::ordered_json;

/// A number, or null when it is not finite (NaN: no share of nothing, no median of none).
SAFEGUARDING_FUNC report_json_value json_number(double v) {
  return std::isfinite(v) ? report_json_value(v) : report_json_value(nullptr);
}

/// A serial day as ISO text, or null for nat.
SAFEGUARDING_FUNC report_json_value json_day(std::int64_t d) {
  return d == nat ? report_json_value(nullptr) : report_json_value(format_days(d));
}

/// The rows read, used, rejected and merged per table, and every finding.
SAFEGUARDING_FUNC report_json_value json_quality(const Dataset& data) {
  report_json_value rows = report_json_value::array();
  const auto per_table = data.findings_per_table();
  for (std::size_t i = 0; i < data.counts.size(); ++i) {
    const auto& c = data.counts[i];
    rows.push_back({{"table", c.table},
                    {"read", c.read},
                    {"used", c.used},
                    {"rejected", c.rejected},
                    {"merged", c.merged},
                    {"findings", i < per_table.size() ? per_table[i] : 0}});
  }
  report_json_value findings = report_json_value::array();
  for (const auto& f : data.findings) {
    // A finding standing for several rows: [[first, last], ...], and the rows kept (merged rows).
    const auto ranges = [](const std::vector<RowRange>& given) {
      report_json_value out = nullptr;
      if (!given.empty()) {
        out = report_json_value::array();
        for (const auto& g : given) out.push_back({g.first, g.last});
      }
      return out;
    };
    findings.push_back(
        {{"file", f.file},
         {"table", f.table},
         {"child", f.child},
         {"row", f.row == 0 ? report_json_value(nullptr) : report_json_value(f.row)},
         {"column", f.column},
         {"where", f.where},
         {"value", f.value},
         {"problem", f.problem},
         {"action", std::string(finding_action_name(f.action))},
         {"count", f.count},
         {"rows", ranges(f.rows)},
         {"kept_file", f.kept_rows.empty() ? report_json_value(nullptr) : report_json_value(f.kept_file)},
         {"kept_rows", ranges(f.kept_rows)}});
  }
  return {{"rows", rows}, {"finding_count", data.findings.size()}, {"findings", findings}};
}

/// A timeliness figure: its counts (null when not computable) and why not.
SAFEGUARDING_FUNC report_json_value json_figure(const TimelinessFigure& f) {
  const auto count = [&](std::int64_t v) { return f.computable ? report_json_value(v) : report_json_value(nullptr); };
  return {
      {"measure", f.measure},
      {"rule", f.rule},
      {"rules", f.rules},
      {"source", f.source},
      {"year", f.year.label()},
      {"done", count(f.done)},
      {"in_timescale", count(f.in_timescale)},
      {"out_of_timescale", count(f.out_of_timescale)},
      {"overdue", count(f.overdue)},
      {"missed", count(f.missed)},
      {"not_judged", count(f.not_judged)},
      {"share", f.computable ? json_number(f.share()) : report_json_value(nullptr)},
      {"not_computable", f.not_computable.empty() ? report_json_value(nullptr) : report_json_value(f.not_computable)}};
}

/// The instances overdue at the year's end, each child named by the id the return gives (the
/// caller's own data).
SAFEGUARDING_FUNC report_json_value json_overdue_instances(const TimelinessMeasure& m, const Dictionary& ids,
                                                           const RuleCatalogue& catalogue) {
  report_json_value out = report_json_value::array();
  const auto& t = m.instances;
  const auto& e = t.engine;
  const auto& rules = catalogue.rules();
  const auto id = [&](std::int32_t code) {
    return code == missing_code ? report_json_value(nullptr) : report_json_value(ids[code]);
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (e.status[i] != static_cast<std::uint8_t>(timeliness::InstanceStatus::overdue)) continue;
    const auto& citation = m.citations[static_cast<std::size_t>(t.citation[i])];
    out.push_back(
        {{"child", id(t.child[i])},
         {"case", m.spec.case_is_child ? id(static_cast<std::int32_t>(e.case_id[i])) : report_json_value(e.case_id[i])},
         {"rule", rules[static_cast<std::size_t>(e.rule[i])].id},
         {"edition", citation.edition},
         {"start", json_day(e.start[i])},
         {"due", json_day(e.due[i])},
         {"late_working_days", json_number(e.late_working_days[i])},
         {"late_days", json_number(e.late_days[i])},
         {"start_file", t.start_file[i] < 0 ? report_json_value(nullptr)
                                            : report_json_value(m.files[static_cast<std::size_t>(t.start_file[i])])},
         {"start_file_row",
          t.start_file_row[i] == nat ? report_json_value(nullptr) : report_json_value(t.start_file_row[i])}});
  }
  return out;
}

/// A timeliness measure: its figure, the editions that judged it, its months and what is overdue.
SAFEGUARDING_FUNC report_json_value json_timeliness(const TimelinessMeasure& m, const Dictionary& ids,
                                                    const RuleCatalogue& catalogue) {
  report_json_value out = json_figure(m.figure);
  report_json_value citations = report_json_value::array();
  for (const auto& c : m.citations)
    citations.push_back({{"rule", c.rule},
                         {"edition", c.edition},
                         {"timescale", c.timescale},
                         {"source", c.source},
                         {"confidence", std::string(confidence_name(c.confidence))},
                         {"text", c.text()}});
  out["citations"] = citations;
  // A figure that is not computable has no months: its table of zeros would read as a year with
  // nothing done.
  report_json_value months = report_json_value::array();
  const auto& b = m.by_month;
  for (std::size_t i = 0; m.figure.computable && i < b.month.size(); ++i)
    months.push_back({{"month", format_days(b.month[i]).substr(0, 7)},
                      {"held", b.held[i]},
                      {"in_timescale", b.in_timescale[i]},
                      {"out_of_timescale", b.out_of_timescale[i]},
                      {"percent_in_timescale", json_number(b.percent_in_timescale[i])},
                      {"not_judged", b.not_judged[i]}});
  out["by_month"] = months;
  out["overdue_instances"] = json_overdue_instances(m, ids, catalogue);
  return out;
}

/// A count of a counting measure, or (when the library gives no figure: a year not covered, a table
/// the year's return did not supply) the measure, its source, null counts and why.
template <class F>
report_json_value json_proportion(const std::string& measure, F&& f) {
  try {
    const Proportion p = f();
    return {{"measure", p.measure},
            {"source", std::string(p.source())},
            {"count", p.count},
            {"total", p.total},
            {"share", json_number(p.share())}};
  } catch (const Error& e) {
    return {{"measure", measure}, {"source", std::string(counting_measure(measure).source)},
            {"count", nullptr},   {"total", nullptr},
            {"share", nullptr},   {"not_computable", e.what()}};
  }
}

SAFEGUARDING_FUNC report_json_value json_table(const std::string& id, const ReportingYear& year,
                                               report_json_value rows) {
  return {{"measure", id},          {"source", std::string(counting_measure(id).source)},
          {"year", year.label()},   {"as_of", nullptr},
          {"rule", nullptr},        {"rules", report_json_value::array()},
          {"rows", std::move(rows)}};
}

/// A measure table, or (when the library gives no figure) its keys with null rows and why.
template <class F>
report_json_value json_tabled(const std::string& measure, const ReportingYear& year, F&& f) {
  try {
    return f();
  } catch (const Error& e) {
    report_json_value out = json_table(measure, year, nullptr);
    out["not_computable"] = e.what();
    return out;
  }
}

SAFEGUARDING_FUNC report_json_value json_codes(const CodeCounts& c, const char* column, const char* counted,
                                               bool shares) {
  report_json_value rows = report_json_value::array();
  const auto s = shares ? c.shares() : std::vector<double>{};
  for (std::size_t i = 0; i < c.codes.size(); ++i) {
    report_json_value row = {{column, c.codes[i]}, {counted, c.counts[i]}};
    if (shares) row["share"] = json_number(s[i]);
    rows.push_back(row);
  }
  return json_table(c.measure, c.year, rows);
}

SAFEGUARDING_FUNC std::string json_text(const report_json_value& value, int indent = -1) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

SAFEGUARDING_FUNC report_json_value ssda903_measures(const ssda903::Ssda903& data, const ReportingYear& year,
                                                     const RuleCatalogue& catalogue, const Calendar& calendar) {
  namespace s = ssda903;
  report_json_value measures;
  const Dictionary& ids = *data.data.table("episodes").column("CHILD").dictionary;
  measures["reviews"] = json_timeliness(s::review_timeliness(data, year, catalogue, calendar), ids, catalogue);
  measures["participation"] = json_tabled("ssda903.participation", year, [&] {
    return json_codes(s::participation(data, year), "REVIEW_CODE", "reviews", true);
  });
  report_json_value looked_after = {{"measure", "ssda903.looked_after_at_31_march"}, {"year", year.label()}};
  try {
    looked_after["children"] = s::looked_after_at_31_march(data, year);
  } catch (const Error& e) {
    looked_after["children"] = nullptr;
    looked_after["not_computable"] = e.what();
  }
  measures["looked_after_at_31_march"] = looked_after;
  measures["three_or_more_placements"] =
      json_proportion("ssda903.three_or_more_placements", [&] { return s::three_or_more_placements(data, year); });
  measures["placement_counts"] = json_tabled("ssda903.placements", year, [&] {
    const auto p = s::placements(data, year);
    report_json_value rows = report_json_value::array();
    for (const auto& [n, children] : p.counts()) rows.push_back({{"placements", n}, {"children", children}});
    return json_table(p.measure, year, rows);
  });
  measures["reasons_ceased"] = json_tabled("ssda903.reasons_ceased", year, [&] {
    return json_codes(s::reasons_ceased(data, year), "REC", "episodes", false);
  });
  measures["missing_episodes"] = json_tabled("ssda903.missing_episodes", year, [&] {
    const auto m = s::missing_episodes(data, year);
    report_json_value rows = report_json_value::array();
    for (std::size_t i = 0; i < m.kind.size(); ++i)
      rows.push_back({{"MISSING", m.kind[i]},
                      {"episodes", m.episodes[i]},
                      {"children", m.children[i]},
                      {"still_open", m.still_open[i]},
                      {"median_days", json_number(m.median_days[i])}});
    return json_table(m.measure, year, rows);
  });
  return measures;
}

}  // namespace detail

SAFEGUARDING_FUNC ReportYear report_year(const ssda903::Ssda903& loaded, const std::optional<ReportingYear>& given) {
  if (given) return {*given, "given"};
  const ssda903::Return* latest = nullptr;
  for (const auto& ret : loaded.returns)
    if (latest == nullptr || ret.year >= latest->year) latest = &ret;
  if (latest == nullptr) throw Error("the SSDA903 files hold no return: give the reporting year (--year)");
  // The latest return's year, unless a return's year is not known: then no year's figure is given.
  const Coverage covered = ssda903::coverage(loaded);
  if (!covered.unknown.empty()) throw Error("the SSDA903 returns: " + covered.unknown + ": no figure can be given");
  return {ReportingYear(latest->year), "the latest return's year, from " + latest->year_from};
}

SAFEGUARDING_FUNC ReportYear report_year(const cin_census::CinCensus& census,
                                         const std::optional<ReportingYear>& given) {
  if (given) return {*given, "given"};
  const Coverage covered = cin_census::coverage(census);
  if (!covered.unknown.empty()) throw Error("the CIN census: " + covered.unknown + ": no figure can be given");
  return {ReportingYear(covered.years.front()),
          cin_census::detail::stated_year(census) ? "the census's Year" : "the census's ReferenceDate"};
}

SAFEGUARDING_FUNC std::string ssda903_report_json(const ssda903::Ssda903& loaded, const ReportYear& year,
                                                  const RuleCatalogue& catalogue, const Calendar& calendar) {
  using detail::report_json_value;
  report_json_value returns_loaded = report_json_value::array();
  for (const auto& ret : loaded.returns) {
    std::vector<std::string> names;
    for (const auto& f : ret.files) names.push_back(f.generic_string());
    returns_loaded.push_back({{"year", ret.year}, {"year_from", ret.year_from}, {"files", names}});
  }
  report_json_value out = {
      {"return", "ssda903"}, {"returns_loaded", returns_loaded}, {"year", year.year.label()}, {"year_from", year.why}};
  out.update(detail::json_quality(loaded.data));
  out["measures"] = detail::ssda903_measures(loaded, year.year, catalogue, calendar);
  return detail::json_text(out);
}

SAFEGUARDING_FUNC std::string cin_census_report_json(const cin_census::CinCensus& census, std::string_view file,
                                                     const ReportYear& year, const RuleCatalogue& catalogue,
                                                     const Calendar& calendar) {
  namespace c = cin_census;
  using detail::report_json_value;
  const ReportingYear y = year.year;
  report_json_value out = {{"return", "cin_census"},     {"file", std::string(file)}, {"collection", census.collection},
                           {"census_year", census.year}, {"year", y.label()},         {"year_from", year.why}};
  out.update(detail::json_quality(census.data));
  report_json_value measures;
  const Dictionary& ids = *census.data.table("cin_details").column("LAchildID").dictionary;
  measures["assessments"] =
      detail::json_timeliness(c::assessment_timeliness(census, y, catalogue, calendar), ids, catalogue);
  measures["initial_conferences"] =
      detail::json_timeliness(c::initial_conference_timeliness(census, y, catalogue, calendar), ids, catalogue);
  measures["review_conferences"] =
      detail::json_timeliness(c::review_conference_timeliness(census, y, catalogue, calendar), ids, catalogue);
  measures["re_referrals"] = detail::json_proportion("cin.re_referrals", [&] { return c::re_referrals(census, y); });
  measures["nfa_referrals"] = detail::json_proportion("cin.nfa_referrals", [&] { return c::nfa_referrals(census, y); });
  measures["plans_lasting_two_years_or_more"] = detail::json_proportion(
      "cin.plans_lasting_two_years_or_more", [&] { return c::plans_lasting_two_years_or_more(census, y); });
  measures["second_or_later_plans"] =
      detail::json_proportion("cin.second_or_later_plans", [&] { return c::second_or_later_plans(census, y); });
  out["measures"] = measures;
  return detail::json_text(out);
}

SAFEGUARDING_FUNC std::string report_json(std::span<const std::string> parts, std::int64_t as_of,
                                          std::string_view calendar, std::optional<double> target,
                                          std::span<const std::pair<std::string, std::string>> files_not_read,
                                          int indent) {
  using detail::report_json_value;
  report_json_value returns = report_json_value::array();
  for (const auto& p : parts) returns.push_back(report_json_value::parse(p));
  report_json_value not_read = report_json_value::array();
  for (const auto& [file, why] : files_not_read) not_read.push_back({{"file", file}, {"reason", why}});
  return detail::json_text({{"as_of", detail::json_day(as_of)},
                            {"calendar", std::string(calendar)},
                            {"target", target ? report_json_value(*target) : report_json_value(nullptr)},
                            {"returns", returns},
                            {"files_not_read", not_read}},
                           indent);
}

}  // namespace safeguarding::inline v0::returns
