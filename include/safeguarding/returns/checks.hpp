// Checks across the values of a row once a table is read, and the bookkeeping that keeps every
// row accounted for: read = used + rejected + merged, for every table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/date.hpp"
#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::returns {

namespace detail {

/// "row 12" (CSV) or "line 3" (XML): how a table row's position is named in a finding.
inline std::string row_where(const std::vector<bool>& is_xml, const Table& t, std::size_t i, std::string_view column) {
  const bool xml = is_xml[static_cast<std::size_t>(t.file[i])];
  std::string where = (xml ? "line " : "row ") + std::to_string(t.row[i]);
  if (!column.empty()) where += std::string(xml ? ", element " : ", column ") + std::string(column);
  return where;
}

inline Finding row_finding(const Dataset& data, const std::vector<bool>& is_xml, const Table& t, std::size_t i,
                           std::string_view column, std::string value, std::string problem, Action action) {
  Finding f;
  f.file = data.files[static_cast<std::size_t>(t.file[i])];
  f.table = t.name;
  f.row = t.row[i];
  if (!t.columns.empty() && t.columns.front().type == ColumnType::id) f.child = std::string(t.columns.front().text(i));
  f.column = std::string(column);
  f.where = row_where(is_xml, t, i, column);
  f.value = std::move(value);
  f.problem = std::move(problem);
  f.action = action;
  return f;
}

inline RowCounts& counts_of(Dataset& data, std::string_view table) {
  for (auto& c : data.counts)
    if (c.table == table) return c;
  data.counts.push_back(RowCounts{std::string(table)});
  return data.counts.back();
}

}  // namespace detail

/// Rows whose date in `later` is before their date in `earlier` (both present): a finding each.
/// With `reject`, the rows are removed from the table and counted as rejected; otherwise they are
/// kept and the finding is a warning.
inline void check_order(Dataset& data, const std::vector<bool>& is_xml, std::string_view table_name,
                        std::string_view earlier, std::string_view later, std::string_view what, bool reject) {
  Table* t = nullptr;
  for (auto& candidate : data.tables)
    if (candidate.name == table_name) t = &candidate;
  if (t == nullptr) return;
  const auto& a = t->column(earlier).numbers;
  const auto& b = t->column(later).numbers;
  std::vector<std::size_t> keep;
  keep.reserve(t->size());
  for (std::size_t i = 0; i < t->size(); ++i) {
    if (a[i] == nat || b[i] == nat || b[i] >= a[i]) {
      keep.push_back(i);
      continue;
    }
    data.findings.push_back(detail::row_finding(
        data, is_xml, *t, i, later, format_days(b[i]),
        std::string(later) + " " + format_days(b[i]) + " is before " + std::string(earlier) + " " + format_days(a[i]) +
            " (" + std::string(what) + ")",
        reject ? Action::rejected : Action::kept));
    if (!reject) keep.push_back(i);
  }
  if (keep.size() == t->size()) return;
  detail::counts_of(data, table_name).rejected += static_cast<std::int64_t>(t->size() - keep.size());
  t->select(keep);
}

/// Sets each table's `used` count from its size and checks read = used + rejected + merged.
inline void finish_counts(Dataset& data) {
  for (auto& c : data.counts) {
    const Table* t = data.find(c.table);
    c.used = t ? static_cast<std::int64_t>(t->size()) : 0;
    if (c.read != c.used + c.rejected + c.merged)
      throw std::logic_error("row accounting for " + c.table + " does not add up: read " + std::to_string(c.read) +
                             ", used " + std::to_string(c.used) + ", rejected " + std::to_string(c.rejected) +
                             ", merged " + std::to_string(c.merged));
  }
}

}  // namespace safeguarding::inline v0::returns
