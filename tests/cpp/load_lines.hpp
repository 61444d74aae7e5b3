// Everything a returns load gives, as lines, for tests that compare two loads line by line: the
// findings with all their fields, the row counts, and per table its rows' files, lines and paths and
// every column's dictionary (in order) and values.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "safeguarding/returns/cin_census/load.hpp"
#include "safeguarding/returns/table.hpp"

/// The lines of `d`, but for the findings `skip` says to leave out; files are named by their
/// names, not their folders, so that loads of files of one name in two folders compare equal.
inline std::vector<std::string> load_lines(const safeguarding::returns::Dataset& d,
                                           bool (*skip)(const safeguarding::returns::ReturnFinding&) = nullptr) {
  std::vector<std::string> out;
  for (const auto& f : d.findings)
    if (skip == nullptr || !skip(f))
      out.push_back(std::filesystem::path(f.file).filename().string() + "|" + f.table + "|" + f.child + "|" +
                    std::to_string(f.row) + "|" + f.column + "|" + f.where + "|" + f.value + "|" + f.problem + "|" +
                    std::string(safeguarding::returns::finding_action_name(f.action)));
  for (const auto& c : d.counts)
    out.push_back(c.table + " " + std::to_string(c.read) + " " + std::to_string(c.used) + " " +
                  std::to_string(c.rejected) + " " + std::to_string(c.merged));
  for (const auto& t : d.tables) {
    for (std::size_t i = 0; i < t.size(); ++i)
      out.push_back(t.name + " row " + std::to_string(t.file[i]) + ":" + std::to_string(t.row[i]) + " " +
                    (t.path.empty() ? std::string() : std::string(t.path[i])));
    for (const auto& c : t.columns) {
      std::string line = t.name + "." + c.name + ":";
      if (c.is_string())
        for (const auto& v : c.dictionary->values()) line += " " + v;
      line += " |";
      for (std::size_t i = 0; i < c.size(); ++i)
        line += " " + std::to_string(c.is_string() ? c.codes[i] : c.is_number() ? c.numbers[i] : c.flags[i]);
      out.push_back(line);
    }
  }
  return out;
}

/// The same for a CIN census, with its header's collection, year and reference date.
inline std::vector<std::string> load_lines(const safeguarding::returns::cin_census::CinCensus& census,
                                           bool (*skip)(const safeguarding::returns::ReturnFinding&) = nullptr) {
  auto out = load_lines(census.data, skip);
  out.push_back("header " + census.collection + " " + census.year + " " + std::to_string(census.reference_date));
  return out;
}
