// Reading an SSDA903 CSV table: identified by its columns, then row by row into its table builder.
#include "safeguarding/returns/ssda903/load.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "../../support/bytes.hpp"
#include "../../support/csv.hpp"
#include "../../support/text_file.hpp"
#include "../format.hpp"
#include "../loading.hpp"
#include "reader.hpp"
#include "safeguarding/returns/reporting_year.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

namespace detail {

using returns::detail::file_finding;

SAFEGUARDING_FUNC bool table_has(const TableSpec& t, std::string_view column) {
  return std::any_of(t.columns.begin(), t.columns.end(), [&](const ColumnSpec& c) { return c.name == column; });
}

/// Whether any SSDA903 table has the column: one look-up, so that a header of many unknown columns
/// (a hostile file has a million) is not compared with every column of every table for each.
SAFEGUARDING_FUNC bool any_table_has(std::string_view column) {
  static const std::unordered_set<std::string_view> known = [] {
    std::unordered_set<std::string_view> names;
    for (const auto& t : tables)
      for (const auto& c : t.columns) names.insert(c.name);
    return names;
  }();
  return known.contains(column);
}

/// The columns that belong to only one table: a CSV file is identified by them.
SAFEGUARDING_FUNC bool is_distinctive(std::string_view column) {
  int n = 0;
  for (const auto& t : tables) n += table_has(t, column) ? 1 : 0;
  return n == 1;
}

/// The table a header identifies (see Header), or nullptr with the reason in `why`.
SAFEGUARDING_FUNC const TableSpec* identify(const std::vector<std::string>& header, std::string& why) {
  const TableSpec* best = nullptr;
  int best_score = 0;
  bool tie = false;
  // The names some table has: the others score for none.
  std::vector<std::string_view> known;
  for (const auto& name : header)
    if (any_table_has(name)) known.push_back(name);
  for (const auto& t : tables) {
    int score = 0;
    for (const auto name : known) score += table_has(t, name) && is_distinctive(name) ? 1 : 0;
    if (score > best_score)
      best = &t, best_score = score, tie = false;
    else if (score == best_score && score > 0)
      tie = true;
  }
  if (best != nullptr && !tie) return best;
  std::string columns;
  for (std::size_t i = 0; i < header.size() && i < 20; ++i) columns += (columns.empty() ? "" : ", ") + header[i];
  if (header.size() > 20)
    columns += " and " + returns::detail::grouped(static_cast<std::int64_t>(header.size() - 20)) + " more";
  why = tie ? "its columns (" + columns + ") fit more than one SSDA903 table equally well"
            : "its columns (" + columns + ") match no SSDA903 table";
  return nullptr;
}

SAFEGUARDING_FUNC Header normalised_header(const std::vector<std::string_view>& fields) {
  Header h;
  std::string scratch;
  h.names.reserve(fields.size());
  for (const auto f : fields) h.names.emplace_back(support::detail::normalise_code(f, scratch));
  h.table = identify(h.names, h.why);
  return h;
}

SAFEGUARDING_FUNC std::ptrdiff_t Header::at(std::string_view column) const {
  const auto it = std::find(names.begin(), names.end(), column);
  return it == names.end() ? std::ptrdiff_t{-1} : it - names.begin();
}

/// Where each of the table's columns is in the file (-1: absent), reporting repeated, missing and
/// unknown columns; the key columns missing are listed in `missing_keys`.
SAFEGUARDING_FUNC int year_of_value(std::string_view text) {
  const std::string_view t = support::detail::trim(text);
  if (t.size() == 4) {
    const int y = year_in_name(t);
    return y;
  }
  try {
    return ReportingYear::parse(t).ending();
  } catch (const Error&) {
    return 0;
  }
}

SAFEGUARDING_FUNC std::vector<std::ptrdiff_t> column_positions(const std::string& name, const TableSpec& spec,
                                                               const std::vector<std::string>& header, Dataset& data,
                                                               std::vector<std::string>& missing_keys,
                                                               bool regional = false) {
  const std::string table(spec.name);
  std::vector<std::ptrdiff_t> position(spec.columns.size(), -1);
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    const std::string column(spec.columns[i].name);
    const auto it = std::find(header.begin(), header.end(), column);
    if (it != header.end()) {
      position[i] = it - header.begin();
      if (std::find(it + 1, header.end(), column) != header.end())
        data.findings.push_back(file_finding(name, table,
                                             "column " + column + " appears more than once; the first is read",
                                             FindingAction::ignored, column));
    } else if (spec.columns[i].key) {
      missing_keys.push_back(column);
    } else {
      data.findings.push_back(file_finding(name, table,
                                           "column " + column + " is missing: its values are treated as blank",
                                           FindingAction::kept, column));
    }
  }
  std::int64_t unknown = 0;
  for (const auto& h : header)
    // spec is one of `tables` (identify's): a name no table has is not its.
    if ((!any_table_has(h) || !table_has(spec, h)) && !(regional && (h == "LA" || h == "YEAR")) &&
        ++unknown <= returns::detail::max_listed_findings)
      data.findings.push_back(file_finding(
          name, table, "column " + quote(h) + " is not part of the " + table + " table: its values are not read",
          FindingAction::ignored, h));
  if (unknown > returns::detail::max_listed_findings)
    data.findings.push_back(file_finding(name, table,
                                         "and " +
                                             returns::detail::grouped(unknown - returns::detail::max_listed_findings) +
                                             " more columns that are not part of the " + table +
                                             " table: their values are not read (not listed one by one)",
                                         FindingAction::ignored));
  return position;
}

/// The rows left in the file, counted without reading them.
SAFEGUARDING_FUNC std::int64_t count_rows(support::CsvReader& reader) {
  std::int64_t rows = 0;
  while (reader.next()) ++rows;
  return rows;
}

SAFEGUARDING_FUNC void reject_for_missing_keys(const std::string& name, const TableSpec& spec,
                                               const std::vector<std::string>& missing_keys, std::int64_t rows,
                                               TableBuilder& builder, Dataset& data) {
  builder.reject_unread(rows);
  std::string list;
  for (const auto& k : missing_keys) list += (list.empty() ? "" : ", ") + k;
  const bool several = missing_keys.size() > 1;
  data.findings.push_back(file_finding(name, std::string(spec.name),
                                       "the " + std::string(spec.name) + " table needs column" +
                                           (several ? "s " : " ") + list + ", which " + (several ? "are" : "is") +
                                           " missing; its " + std::to_string(rows) + " rows are not used",
                                       FindingAction::rejected, list));
}

/// Reads the data rows into the builder: a ragged row or an unclosed quote rejects the row.
SAFEGUARDING_FUNC void read_rows(const std::string& name, std::int32_t file_index, support::CsvReader& reader,
                                 std::size_t width, const std::vector<std::ptrdiff_t>& position, TableBuilder& builder,
                                 Dataset& data, const Partition* partition = nullptr, std::ptrdiff_t la_at = -1,
                                 std::ptrdiff_t year_at = -1) {
  const TableSpec& spec = builder.spec();
  std::string scratch;
  while (reader.next()) {
    const std::span<const std::string_view> fields = reader.fields();
    const std::int64_t row = reader.record_number();
    if (partition != nullptr) {
      // Another authority's or year's row (load_regional has checked every row has both).
      if (static_cast<std::ptrdiff_t>(fields.size()) <= std::max(la_at, year_at)) continue;
      if (support::detail::normalise_code(fields[static_cast<std::size_t>(la_at)], scratch) != partition->authority ||
          year_of_value(fields[static_cast<std::size_t>(year_at)]) != partition->year)
        continue;
    }
    if (fields.size() != width || reader.unterminated_quote()) {
      builder.reject_unread();
      ReturnFinding f = file_finding(
          name, std::string(spec.name),
          reader.unterminated_quote() ? "a quoted value is never closed: the rest of the file is one row"
                                      : "the row has " + std::to_string(fields.size()) + " values but the header has " +
                                            std::to_string(width) + " columns (ragged row)",
          FindingAction::rejected);
      f.row = row;
      f.where = "row " + std::to_string(row);
      data.findings.push_back(std::move(f));
      continue;
    }
    builder.add(
        TableBuilder::Origin{file_index, name, row},
        [&](std::size_t i) -> std::optional<std::string_view> {
          if (position[i] < 0) return std::nullopt;
          return fields[static_cast<std::size_t>(position[i])];
        },
        [&](std::size_t i) { return "row " + std::to_string(row) + ", column " + std::string(spec.columns[i].name); },
        data.findings);
  }
}

SAFEGUARDING_FUNC const TableSpec* read_csv(const std::string& name, std::int32_t file_index, Builders& builders,
                                            Dataset& data, std::int64_t& unidentified_rows, support::TextBuffer& text,
                                            const Partition* partition) {
  support::read_text(name, text);
  support::CsvReader reader(text.utf8);
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) {
    data.findings.push_back(
        file_finding(name, "", "the file is empty (not even a header row): nothing to read", FindingAction::ignored));
    return nullptr;
  }
  const Header header = normalised_header(fields);
  const TableSpec* spec = header.table;
  if (spec == nullptr) {
    const std::int64_t rows = count_rows(reader);
    unidentified_rows += rows;
    data.findings.push_back(file_finding(
        name, "",
        "the table cannot be identified: " + header.why + "; its " + std::to_string(rows) + " rows are not used",
        FindingAction::rejected));
    return nullptr;
  }
  TableBuilder& builder = builders[spec->name];
  std::vector<std::string> missing_keys;
  const auto position = column_positions(name, *spec, header.names, data, missing_keys, partition != nullptr);
  if (!missing_keys.empty()) {
    reject_for_missing_keys(name, *spec, missing_keys, count_rows(reader), builder, data);
    return nullptr;
  }
  const std::ptrdiff_t la = header.at("LA"), year = header.at("YEAR");
  if (partition != nullptr && (la < 0 || year < 0)) throw Error(name, "a regional file needs columns LA and YEAR");
  // Room for a row per line (fewer when a quoted value spans lines): the file's columns are
  // allocated once, not grown by doubling. A regional file's lines are mostly other returns' rows.
  // The file's ids likewise: at most one a row.
  if (partition == nullptr) {
    const std::size_t lines = support::detail::count_byte(text.utf8, '\n') + 1;
    builder.reserve(lines);
    builders.ids->reserve(lines);
  }
  read_rows(name, file_index, reader, header.names.size(), position, builder, data, partition, la, year);
  return spec;
}

}  // namespace detail

}  // namespace safeguarding::inline v0::returns::ssda903
