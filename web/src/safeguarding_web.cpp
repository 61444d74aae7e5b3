// The browser's entry points (Emscripten, embind): the returns read and measured by the library's C++
// core, written as the JSON the `safeguarding returns --format json` command writes (the same keys and
// values, for the figures the page shows). The page writes the files it is given into Emscripten's
// in-memory file system and passes their names, so that the readers, their findings and the file names
// they give are those of the command. Nothing here computes a figure: each value is one the library's
// results hold; this file only arranges them (as src/safeguarding/reports/_json.py does in Python).
//
// Built by `./dev web` (web/build.sh) with the library in header-only mode.
#define SAFEGUARDING_HEADER_ONLY 1

#if defined(__EMSCRIPTEN__)
#include <emscripten/bind.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "safeguarding/calendar.hpp"
#include "safeguarding/compliance.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/partnership.hpp"
#include "safeguarding/returns.hpp"
#include "safeguarding/rules.hpp"
#include "safeguarding/timeliness.hpp"
#include "safeguarding/version.hpp"

namespace sg = safeguarding;
namespace r = safeguarding::returns;
using nlohmann::json;
using nlohmann::ordered_json;

namespace safeguarding_web {

ordered_json number(double v) {
  return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr);
}

ordered_json day(std::int64_t d) {
  return d == sg::nat ? ordered_json(nullptr) : ordered_json(sg::format_days(d));
}

ordered_json quality(const r::Dataset& data) {
  ordered_json rows = ordered_json::array();
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
  ordered_json findings = ordered_json::array();
  for (const auto& f : data.findings)
    findings.push_back({{"file", f.file},
                        {"table", f.table},
                        {"child", f.child},
                        {"row", f.row == 0 ? ordered_json(nullptr) : ordered_json(f.row)},
                        {"column", f.column},
                        {"where", f.where},
                        {"value", f.value},
                        {"problem", f.problem},
                        {"action", std::string(r::finding_action_name(f.action))}});
  return {{"rows", rows}, {"finding_count", data.findings.size()}, {"findings", findings}};
}

ordered_json figure(const r::TimelinessFigure& f) {
  const auto count = [&](std::int64_t v) { return f.computable ? ordered_json(v) : ordered_json(nullptr); };
  return {{"measure", f.measure},
          {"rule", f.rule},
          {"rules", f.rules},
          {"source", f.source},
          {"year", f.year.label()},
          {"done", count(f.done)},
          {"in_timescale", count(f.in_timescale)},
          {"out_of_timescale", count(f.out_of_timescale)},
          {"overdue", count(f.overdue)},
          {"missed", count(f.missed)},
          {"share", f.computable ? number(f.share()) : ordered_json(nullptr)},
          {"not_computable", f.not_computable.empty() ? ordered_json(nullptr) : ordered_json(f.not_computable)}};
}

// The instances overdue at the year's end, as the command lists them (each child named by the id the
// return gives: the caller's own data).
ordered_json overdue_instances(const r::TimelinessMeasure& m, const r::Dictionary& ids) {
  ordered_json out = ordered_json::array();
  const auto& t = m.instances;
  const auto& e = t.engine;
  const auto& rules = sg::builtin_rules().rules();
  const auto id = [&](std::int32_t code) {
    return code == r::missing_code ? ordered_json(nullptr) : ordered_json(ids[code]);
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (e.status[i] != static_cast<std::uint8_t>(sg::timeliness::InstanceStatus::overdue)) continue;
    const auto& citation = m.citations[static_cast<std::size_t>(t.citation[i])];
    out.push_back(
        {{"child", id(t.child[i])},
         {"case", m.spec.case_is_child ? id(static_cast<std::int32_t>(e.case_id[i])) : ordered_json(e.case_id[i])},
         {"rule", rules[static_cast<std::size_t>(e.rule[i])].id},
         {"edition", citation.edition},
         {"start", day(e.start[i])},
         {"due", day(e.due[i])},
         {"late_working_days", number(e.late_working_days[i])},
         {"late_days", number(e.late_days[i])},
         {"start_file", t.start_file[i] < 0 ? ordered_json(nullptr)
                                            : ordered_json(m.files[static_cast<std::size_t>(t.start_file[i])])},
         {"start_file_row",
          t.start_file_row[i] == sg::nat ? ordered_json(nullptr) : ordered_json(t.start_file_row[i])}});
  }
  return out;
}

ordered_json timeliness(const r::TimelinessMeasure& m, const r::Dictionary& ids) {
  ordered_json out = figure(m.figure);
  ordered_json citations = ordered_json::array();
  for (const auto& c : m.citations)
    citations.push_back({{"rule", c.rule},
                         {"edition", c.edition},
                         {"timescale", c.timescale},
                         {"source", c.source},
                         {"confidence", std::string(sg::confidence_name(c.confidence))},
                         {"text", c.text()}});
  out["citations"] = citations;
  ordered_json months = ordered_json::array();
  const auto& b = m.by_month;
  for (std::size_t i = 0; i < b.month.size(); ++i)
    months.push_back({{"month", sg::format_days(b.month[i]).substr(0, 7)},
                      {"held", b.held[i]},
                      {"in_timescale", b.in_timescale[i]},
                      {"out_of_timescale", b.out_of_timescale[i]},
                      {"percent_in_timescale", number(b.percent_in_timescale[i])},
                      {"not_judged", b.not_judged[i]}});
  out["by_month"] = months;
  out["overdue_instances"] = overdue_instances(m, ids);
  return out;
}

ordered_json proportion(const r::Proportion& p) {
  return {{"measure", p.measure},
          {"source", std::string(p.source())},
          {"count", p.count},
          {"total", p.total},
          {"share", number(p.share())}};
}

// A count the data cannot give (the library raised: a table it needs is empty), as the command shows it.
template <class F>
ordered_json counted(const std::string& measure, F&& f) {
  try {
    return proportion(f());
  } catch (const sg::Error& e) {
    return {{"measure", measure}, {"source", std::string(r::counting_measure(measure).source)},
            {"count", nullptr},   {"total", nullptr},
            {"share", nullptr},   {"not_computable", e.what()}};
  }
}

ordered_json table_measure(const std::string& id, const r::ReportingYear& year, ordered_json rows) {
  return {{"measure", id},          {"source", std::string(r::counting_measure(id).source)},
          {"year", year.label()},   {"as_of", nullptr},
          {"rule", nullptr},        {"rules", ordered_json::array()},
          {"rows", std::move(rows)}};
}

// A measure table the data cannot give (the library raised: the table it counts has no rows): its
// keys, no rows (null) and why, as the command shows it; every other figure of the return is given.
template <class F>
ordered_json tabled(const std::string& measure, const r::ReportingYear& year, F&& f) {
  try {
    return f();
  } catch (const sg::Error& e) {
    ordered_json out = table_measure(measure, year, nullptr);
    out["not_computable"] = e.what();
    return out;
  }
}

ordered_json codes(const r::CodeCounts& c, const char* column, const char* counted, bool shares) {
  ordered_json rows = ordered_json::array();
  const auto s = shares ? c.shares() : std::vector<double>{};
  for (std::size_t i = 0; i < c.codes.size(); ++i) {
    ordered_json row = {{column, c.codes[i]}, {counted, c.counts[i]}};
    if (shares) row["share"] = number(s[i]);
    rows.push_back(row);
  }
  return table_measure(c.measure, c.year, rows);
}

const sg::Calendar& calendar() {
  static const sg::Calendar cal = sg::Calendar::england_and_wales();
  return cal;
}

ordered_json ssda903(const std::vector<std::filesystem::path>& files, const std::optional<r::ReportingYear>& chosen) {
  namespace s = r::ssda903;
  const s::Ssda903 data = s::load(files);
  ordered_json loaded = ordered_json::array();
  const s::Return* latest = nullptr;
  for (const auto& ret : data.returns) {
    std::vector<std::string> names;
    for (const auto& f : ret.files) names.push_back(f.generic_string());
    loaded.push_back({{"year", ret.year}, {"year_from", ret.year_from}, {"files", names}});
    if (latest == nullptr || ret.year >= latest->year) latest = &ret;
  }
  r::ReportingYear year = chosen ? *chosen : r::ReportingYear(latest->year);
  const std::string why = chosen ? std::string("given") : "the latest return's year, from " + latest->year_from;
  const auto& rules = sg::builtin_rules();
  ordered_json out = {{"return", "ssda903"}, {"returns_loaded", loaded}, {"year", year.label()}, {"year_from", why}};
  out.update(quality(data.data));
  ordered_json measures;
  const r::Dictionary& ids = *data.data.table("episodes").column("CHILD").dictionary;
  measures["reviews"] = timeliness(s::review_timeliness(data, year, rules, calendar()), ids);
  measures["participation"] = tabled("ssda903.participation", year, [&] {
    return codes(s::participation(data, year), "REVIEW_CODE", "reviews", true);
  });
  {
    ordered_json looked_after = {{"measure", "ssda903.looked_after_at_31_march"}, {"year", year.label()}};
    try {
      looked_after["children"] = s::looked_after_at_31_march(data, year);
    } catch (const sg::Error& e) {
      looked_after["children"] = nullptr;
      looked_after["not_computable"] = e.what();
    }
    measures["looked_after_at_31_march"] = looked_after;
  }
  measures["three_or_more_placements"] =
      counted("ssda903.three_or_more_placements", [&] { return s::three_or_more_placements(data, year); });
  measures["placement_counts"] = tabled("ssda903.placements", year, [&] {
    const auto p = s::placements(data, year);
    ordered_json rows = ordered_json::array();
    for (const auto& [n, children] : p.counts()) rows.push_back({{"placements", n}, {"children", children}});
    return table_measure(p.measure, year, rows);
  });
  measures["reasons_ceased"] = tabled("ssda903.reasons_ceased", year,
                                      [&] { return codes(s::reasons_ceased(data, year), "REC", "episodes", false); });
  measures["missing_episodes"] = tabled("ssda903.missing_episodes", year, [&] {
    const auto m = s::missing_episodes(data, year);
    ordered_json rows = ordered_json::array();
    for (std::size_t i = 0; i < m.kind.size(); ++i)
      rows.push_back({{"MISSING", m.kind[i]},
                      {"episodes", m.episodes[i]},
                      {"children", m.children[i]},
                      {"still_open", m.still_open[i]},
                      {"median_days", number(m.median_days[i])}});
    return table_measure(m.measure, year, rows);
  });
  out["measures"] = measures;
  return out;
}

ordered_json cin(const std::string& file, const std::optional<r::ReportingYear>& chosen) {
  namespace c = r::cin_census;
  const c::CinCensus census = c::load(file);
  const r::ReportingYear year = chosen ? *chosen : r::ReportingYear::parse(census.year);
  const auto& rules = sg::builtin_rules();
  ordered_json out = {
      {"return", "cin_census"},     {"file", file},         {"collection", census.collection},
      {"census_year", census.year}, {"year", year.label()}, {"year_from", chosen ? "given" : "the census's Year"}};
  out.update(quality(census.data));
  ordered_json measures;
  const r::Dictionary& ids = *census.data.table("cin_details").column("LAchildID").dictionary;
  measures["assessments"] = timeliness(c::assessment_timeliness(census, year, rules, calendar()), ids);
  measures["initial_conferences"] = timeliness(c::initial_conference_timeliness(census, year, rules, calendar()), ids);
  measures["review_conferences"] = timeliness(c::review_conference_timeliness(census, year, rules, calendar()), ids);
  measures["re_referrals"] = counted("cin.re_referrals", [&] { return c::re_referrals(census, year); });
  measures["nfa_referrals"] = counted("cin.nfa_referrals", [&] { return c::nfa_referrals(census, year); });
  measures["plans_lasting_two_years_or_more"] =
      counted("cin.plans_lasting_two_years_or_more", [&] { return c::plans_lasting_two_years_or_more(census, year); });
  measures["second_or_later_plans"] =
      counted("cin.second_or_later_plans", [&] { return c::second_or_later_plans(census, year); });
  out["measures"] = measures;
  return out;
}

ordered_json error_json(const sg::Error& e) {
  ordered_json problems = ordered_json::array();
  for (const auto& p : e.problems()) problems.push_back({{"where", p.where}, {"message", p.message}});
  return {{"error", e.what()}, {"problems", problems}};
}

std::string dump(const ordered_json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <class F>
std::string answer(F&& f) {
  try {
    return dump(f());
  } catch (const sg::Error& e) {
    return dump(error_json(e));
  } catch (const std::exception& e) {
    return dump(ordered_json{{"error", e.what()}, {"problems", ordered_json::array()}});
  }
}

std::optional<r::ReportingYear> chosen_year(const ordered_json& given) {
  const std::string text = given.value("year", "");
  if (text.empty()) return std::nullopt;
  return r::ReportingYear::parse(text);
}

// One return read and measured: {"ssda903": [file names], "year": "2019-20" or ""} (the files of one
// SSDA903 history, stitched) or {"cin_census": file name, "year": …}. The names are of files the page
// wrote into the in-memory file system's working folder.
std::string returns_part(const std::string& request) {
  return answer([&] {
    const ordered_json given = ordered_json::parse(request);
    const auto chosen = chosen_year(given);
    if (given.contains("ssda903")) {
      std::vector<std::filesystem::path> files;
      for (const auto& name : given["ssda903"].get<std::vector<std::string>>()) files.emplace_back(name);
      return ssda903(files, chosen);
    }
    return cin(given.at("cin_census").get<std::string>(), chosen);
  });
}

// The returns' JSON, as the command writes it, from the parts returns_part gave: {"parts": […],
// "target": 0.9}. The report's date is the latest of the returns' year ends.
std::string returns_json(const std::string& request) {
  return answer([&] {
    const ordered_json given = ordered_json::parse(request);
    std::int64_t as_of = sg::nat;
    ordered_json parts = ordered_json::array();
    for (const auto& p : given.at("parts")) {
      as_of = std::max(as_of, r::ReportingYear::parse(p.at("year").get<std::string>()).last_day());
      parts.push_back(p);
    }
    const auto target = given.value("target", ordered_json(nullptr));
    return ordered_json{{"as_of", day(as_of)},
                        {"calendar", calendar().name()},
                        {"target", target.is_number() ? ordered_json(target.get<double>()) : ordered_json(nullptr)},
                        {"returns", parts},
                        {"files_not_read", ordered_json::array()}};
  });
}

// The governance compliance report of a partnership, as `safeguarding report PARTNERSHIP.json --as-of
// DATE --format json` writes it (the library's own JSON): {"partnership": file name, "as_of": "YYYY-MM-DD"}.
std::string report_json(const std::string& request) {
  try {
    const ordered_json given = ordered_json::parse(request);
    const sg::Date as_of = sg::parse_date(given.at("as_of").get<std::string>(), "--as-of");
    const sg::Partnership partnership = sg::load_partnership(given.at("partnership").get<std::string>());
    return sg::report_to_json(partnership.evaluate(as_of), 2);
  } catch (const sg::Error& e) {
    return dump(error_json(e));
  } catch (const std::exception& e) {
    return dump(ordered_json{{"error", e.what()}, {"problems", ordered_json::array()}});
  }
}

std::string version() {
  return std::string(sg::version_string);
}

}  // namespace safeguarding_web

#if defined(__EMSCRIPTEN__)
EMSCRIPTEN_BINDINGS(safeguarding) {
  emscripten::function("returnsPart", &safeguarding_web::returns_part);
  emscripten::function("returnsJson", &safeguarding_web::returns_json);
  emscripten::function("reportJson", &safeguarding_web::report_json);
  emscripten::function("version", &safeguarding_web::version);
}
#else
// Built natively by benchmarks/web.py, to time the same calls as the page makes, on the same files:
//   safeguarding_web_native PART_REQUEST… (each a JSON request for returns_part), then the whole.
#include <chrono>
#include <iostream>

int main(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  nlohmann::ordered_json parts = nlohmann::ordered_json::array();
  for (int i = 1; i < argc; ++i) {
    auto part = nlohmann::ordered_json::parse(safeguarding_web::returns_part(argv[i]));
    if (part.contains("error")) {
      std::cout << part.dump() << "\n";
      return 2;
    }
    parts.push_back(std::move(part));
  }
  const std::string out =
      safeguarding_web::returns_json(nlohmann::ordered_json{{"parts", parts}, {"target", 0.9}}.dump());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << out << "\n";
  std::cerr << "seconds " << seconds << "\n";
  return out.rfind("{\"error\"", 0) == 0 ? 2 : 0;
}
#endif
