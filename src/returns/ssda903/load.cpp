#include "safeguarding/returns/ssda903/load.hpp"

#include <algorithm>
#include <utility>

#include "../loading.hpp"
#include "reader.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

namespace detail {

/// The collection year (ending 31 March) that holds the latest date of a return's episodes,
/// reviews and missing episodes; 0 when it has none.
SAFEGUARDING_FUNC int year_from_data(const Dataset& data, std::int32_t first_file, std::int32_t end_file) {
  std::int64_t latest = nat;
  const std::pair<std::string_view, std::string_view> dated[] = {{"episodes", "DECOM"},
                                                                 {"episodes", "DEC"},
                                                                 {"reviews", "REVIEW"},
                                                                 {"missing", "MIS_START"},
                                                                 {"missing", "MIS_END"}};
  for (const auto& [table, column] : dated) {
    const Table* t = data.find(table);
    if (!t) continue;
    const auto& v = t->column(column).numbers;
    for (std::size_t i = 0; i < t->size(); ++i)
      if (t->file[i] >= first_file && t->file[i] < end_file && v[i] != nat) latest = std::max(latest, v[i]);
  }
  if (latest == nat) return 0;
  const auto c = support::civil_from_days(latest);
  return static_cast<int>(c.month >= 4 ? c.year + 1 : c.year);
}

/// Reads every file of the returns into the builders; an Error listing each file that cannot be
/// read at all. `file_range` gets each return's files as [first, end) indices.
SAFEGUARDING_FUNC void read_files(const std::vector<Return>& returns, Builders& builders, Dataset& data,
                                  FileYears& files, std::vector<std::pair<std::int32_t, std::int32_t>>& file_range) {
  std::int64_t unidentified = 0;
  Problems problems;
  for (const auto& r : returns) {
    const auto first = static_cast<std::int32_t>(data.files.size());
    for (const auto& path : r.files) {
      const std::string name = path.string();
      const auto index = static_cast<std::int32_t>(data.files.size());
      data.files.push_back(name);
      files.is_xml.push_back(is_xml_file(path));
      try {
        if (files.is_xml.back())
          read_xml(name, index, builders, data, unidentified);
        else
          read_csv(name, index, builders, data, unidentified);
      } catch (const Error& e) {
        problems.append(e.problems());
      }
    }
    file_range.emplace_back(first, static_cast<std::int32_t>(data.files.size()));
  }
  problems.throw_if_any("SSDA903");
  for (auto& b : builders.list) {
    data.counts.push_back(b.counts());
    data.tables.push_back(b.finish());
  }
  if (unidentified > 0) data.counts.push_back(TableRowCounts{"(unidentified)", unidentified, 0, unidentified, 0});
}

/// Each return's year as given or named, else from the data; and each file's year.
SAFEGUARDING_FUNC void resolve_years(std::vector<Return>& returns, const Dataset& data,
                                     const std::vector<std::pair<std::int32_t, std::int32_t>>& file_range,
                                     FileYears& files) {
  files.year.assign(data.files.size(), 0);
  for (std::size_t r = 0; r < returns.size(); ++r) {
    if (returns[r].year == 0) {
      returns[r].year = year_from_data(data, file_range[r].first, file_range[r].second);
      returns[r].year_source =
          returns[r].year ? "the latest date in its episodes, reviews and missing episodes" : "unknown";
    }
    for (auto f = file_range[r].first; f < file_range[r].second; ++f)
      files.year[static_cast<std::size_t>(f)] = returns[r].year;
  }
}

}  // namespace detail

SAFEGUARDING_FUNC Ssda903 load(std::vector<Return> returns) {
  Ssda903 out;
  detail::Builders builders;
  detail::FileYears files;
  std::vector<std::pair<std::int32_t, std::int32_t>> file_range;  // per return: [first, end) file index
  detail::read_files(returns, builders, out.data, files, file_range);
  detail::resolve_years(returns, out.data, file_range, files);
  detail::check_dates(out.data, files);
  detail::stitch(out.data, files, builders["episodes"].interner("REC"));
  returns::detail::finish_counts(out.data);
  out.returns = std::move(returns);
  return out;
}

SAFEGUARDING_FUNC Ssda903 load(const std::vector<std::filesystem::path>& paths) {
  return load(group_files(paths));
}

SAFEGUARDING_FUNC Ssda903 load(const std::filesystem::path& path) {
  return load(group_files(std::vector<std::filesystem::path>{path}));
}

}  // namespace safeguarding::inline v0::returns::ssda903
