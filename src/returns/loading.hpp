// What the returns' loaders share once a table is read: findings about a row, the checks across the
// values of a row, and the bookkeeping that keeps every row accounted for (read = used + rejected +
// merged, for every table).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::returns::detail {

/// "row 12, column DEC" (CSV) or the XML element's path, "/EXPSSDA903/CHILD[3]/EPISODE[2]/DEC":
/// how a table row's position is named in a finding ("line 3" for XML rows read without a path).
inline std::string row_where(const std::vector<bool>& is_xml, const Table& t, std::size_t i, std::string_view column) {
  if (i < t.path.size() && !t.path[i].empty()) {
    std::string where(t.path[i]);
    if (!column.empty()) where.append("/").append(column);
    return where;
  }
  const bool xml = is_xml[static_cast<std::size_t>(t.file[i])];
  std::string where = (xml ? "line " : "row ") + std::to_string(t.row[i]);
  if (!column.empty()) where += std::string(xml ? ", element " : ", column ") + std::string(column);
  return where;
}

inline ReturnFinding row_finding(const Dataset& data, const std::vector<bool>& is_xml, const Table& t, std::size_t i,
                                 std::string_view column, std::string value, std::string problem,
                                 FindingAction action) {
  ReturnFinding f;
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

/// A finding about a whole file (or a column of it).
inline ReturnFinding file_finding(const std::string& file, std::string table, std::string problem, FindingAction action,
                                  std::string column = {}) {
  ReturnFinding f;
  f.file = file;
  f.table = std::move(table);
  f.column = std::move(column);
  f.problem = std::move(problem);
  f.action = action;
  return f;
}

inline TableRowCounts& counts_of(Dataset& data, std::string_view table) {
  for (auto& c : data.counts)
    if (c.table == table) return c;
  data.counts.push_back(TableRowCounts{std::string(table)});
  return data.counts.back();
}

inline Table* find_table(Dataset& data, std::string_view name) {
  for (auto& t : data.tables)
    if (t.name == name) return &t;
  return nullptr;
}

/// Removes the rows not listed in `keep` (ascending) from a table, counting them as rejected.
inline void reject_rows(Dataset& data, Table& t, const std::vector<std::size_t>& keep) {
  if (keep.size() == t.size()) return;
  counts_of(data, t.name).rejected += static_cast<std::int64_t>(t.size() - keep.size());
  t.select(keep);
}

/// Removes the rows listed in `rejected` (ascending) from a table, counting them as rejected.
inline void reject_listed_rows(Dataset& data, Table& t, const std::vector<std::size_t>& rejected) {
  if (rejected.empty()) return;
  std::vector<std::size_t> keep;
  keep.reserve(t.size() - rejected.size());
  for (std::size_t i = 0, next = 0; i < t.size(); ++i)
    if (next < rejected.size() && rejected[next] == i)
      ++next;
    else
      keep.push_back(i);
  reject_rows(data, t, keep);
}

/// Rows whose date in `later` is before their date in `earlier` (both present): a finding each.
/// With `reject`, the rows are removed from the table and counted as rejected; otherwise they are
/// kept and the finding is a warning.
inline void check_order(Dataset& data, const std::vector<bool>& is_xml, std::string_view table_name,
                        std::string_view earlier, std::string_view later, std::string_view what, bool reject) {
  Table* t = find_table(data, table_name);
  if (t == nullptr) return;
  const auto& a = t->column(earlier).numbers;
  const auto& b = t->column(later).numbers;
  // The rows rejected, listed (most tables have none: no list of every row kept is made).
  std::vector<std::size_t> rejected;
  for (std::size_t i = 0; i < t->size(); ++i) {
    if (a[i] == nat || b[i] == nat || b[i] >= a[i]) continue;
    data.findings.push_back(row_finding(data, is_xml, *t, i, later, format_days(b[i]),
                                        std::string(later) + " " + format_days(b[i]) + " is before " +
                                            std::string(earlier) + " " + format_days(a[i]) + " (" + std::string(what) +
                                            ")",
                                        reject ? FindingAction::rejected : FindingAction::kept));
    if (reject) rejected.push_back(i);
  }
  reject_listed_rows(data, *t, rejected);
}

/// Checks the convention of every date column of every file against `dayfirst` (see
/// ReadOptions): a column read the wrong way is a problem (an Error once every file is checked); a
/// column with evidence both ways is a finding naming the values of each kind.
template <class Evidence>
void check_date_order(const std::vector<Evidence>& evidence, std::string_view table, bool dayfirst, Dataset& data,
                      Problems& problems) {
  const auto list = [](const std::vector<std::string>& examples, std::int64_t count) {
    std::string out;
    for (const auto& e : examples) out += (out.empty() ? "" : ", ") + e;
    if (count > static_cast<std::int64_t>(examples.size()))
      out += " and " + std::to_string(count - static_cast<std::int64_t>(examples.size())) + " more";
    return out;
  };
  for (const auto& e : evidence) {
    const std::int64_t stated = dayfirst ? e.day_first : e.month_first;
    const std::int64_t other = dayfirst ? e.month_first : e.day_first;
    if (other == 0) continue;
    const auto& other_examples = dayfirst ? e.month_first_examples : e.day_first_examples;
    const auto& stated_examples = dayfirst ? e.day_first_examples : e.month_first_examples;
    if (stated == 0) {
      problems.add(e.file_name,
                   "column " + e.column + " of the " + std::string(table) + " table has dates written " +
                       (dayfirst ? "month first (mm/dd/YYYY)" : "day first (dd/mm/YYYY)") + ": " +
                       list(other_examples, other) +
                       (dayfirst ? " can only be month first" : " can only be day first") + ", and none can only be " +
                       (dayfirst ? "day first" : "month first") +
                       (dayfirst ? "; its other dates would be read with day and month swapped. If the file is "
                                   "written month first, read it with dayfirst=False"
                                 : "; read it with dayfirst=True (the returns' form)"));
      continue;
    }
    data.findings.push_back(
        file_finding(e.file_name, std::string(table),
                     "column " + e.column + " mixes date conventions: " + list(stated_examples, stated) +
                         " can only be " + (dayfirst ? "day first" : "month first") + ", but " +
                         list(other_examples, other) + " can only be " + (dayfirst ? "month first" : "day first") +
                         " (those are not valid dates as read; the other dates are read " +
                         (dayfirst ? "day first" : "month first") + ")",
                     FindingAction::kept, e.column));
  }
}

/// Sets each table's `used` count from its size and checks read = used + rejected + merged.
inline void finish_counts(Dataset& data) {
  for (auto& c : data.counts) {
    const Table* t = data.find(c.table);
    c.used = t ? static_cast<std::int64_t>(t->size()) : 0;
    if (c.read != c.used + c.rejected + c.merged)
      throw Error("row accounting for " + c.table + " does not add up: read " + std::to_string(c.read) + ", used " +
                  std::to_string(c.used) + ", rejected " + std::to_string(c.rejected) + ", merged " +
                  std::to_string(c.merged) + " (a bug in the reader)");
  }
}

/// Gives the memory a load freed back to the system, where the C library would keep it (glibc: what
/// a second thread allocated and freed stays in that thread's arena, which the caller's thread does
/// not allocate from, so the caller's next allocations, such as the tables made into DataFrames,
/// would take new memory beside it). A few milliseconds; nothing elsewhere. The cost comes later:
/// a next load in the same process takes that memory from the system again (the kernel zeroing
/// its pages).
inline void release_freed_memory() noexcept {
#if defined(__GLIBC__)
  (void)malloc_trim(0);
#endif
}

}  // namespace safeguarding::inline v0::returns::detail
