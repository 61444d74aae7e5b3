// The browser's entry points (Emscripten, embind): the returns read and measured by the library's C++
// core, written as the JSON the `safeguarding returns --format json` command writes: each return's part
// and the report around them are the library's own (returns/report_json.hpp), the functions the command
// calls through the Python bindings, so the page's JSON is the command's by construction. The page
// writes the files it is given into Emscripten's in-memory file system and passes their names, so that
// the readers, their findings and the file names they give are those of the command. Nothing here
// computes a figure or arranges one.
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

const sg::Calendar& calendar() {
  static const sg::Calendar cal = sg::Calendar::england_and_wales();
  return cal;
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
      const r::ssda903::Ssda903 data = r::ssda903::load(files);
      return ordered_json::parse(
          r::ssda903_report_json(data, r::report_year(data, chosen), sg::builtin_rules(), calendar()));
    }
    const std::string file = given.at("cin_census").get<std::string>();
    const r::cin_census::CinCensus census = r::cin_census::load(file);
    return ordered_json::parse(
        r::cin_census_report_json(census, file, r::report_year(census, chosen), sg::builtin_rules(), calendar()));
  });
}

// The returns' JSON, as the command writes it, from the parts returns_part gave: {"parts": […],
// "target": 0.9}. The report's date is the latest of the returns' year ends.
std::string returns_json(const std::string& request) {
  return answer([&] {
    const ordered_json given = ordered_json::parse(request);
    std::int64_t as_of = sg::nat;
    std::vector<std::string> parts;
    for (const auto& p : given.at("parts")) {
      as_of = std::max(as_of, r::ReportingYear::parse(p.at("year").get<std::string>()).last_day());
      parts.push_back(dump(p));
    }
    const auto target = given.value("target", ordered_json(nullptr));
    return ordered_json::parse(
        r::report_json(parts, as_of, calendar().name(),
                       target.is_number() ? std::optional<double>(target.get<double>()) : std::optional<double>(), {}));
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
