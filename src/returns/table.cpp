#include "safeguarding/returns/table.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "format.hpp"

namespace safeguarding::inline v0::returns {

SAFEGUARDING_FUNC std::string_view column_type_name(ColumnType type) noexcept {
  switch (type) {
    case ColumnType::id:
      return "id";
    case ColumnType::code:
      return "code";
    case ColumnType::text:
      return "text";
    case ColumnType::date:
      return "date";
    case ColumnType::integer:
      return "integer";
    case ColumnType::flag:
      return "flag";
  }
  return "?";
}

SAFEGUARDING_FUNC std::string_view finding_action_name(FindingAction action) noexcept {
  switch (action) {
    case FindingAction::rejected:
      return "row rejected";
    case FindingAction::merged:
      return "row merged";
    case FindingAction::blanked:
      return "value blanked";
    case FindingAction::amended:
      return "value amended";
    case FindingAction::kept:
      return "row kept";
    case FindingAction::ignored:
      return "not read";
  }
  return "?";
}

SAFEGUARDING_FUNC std::string ReturnFinding::str() const {
  std::string out = file;
  if (!where.empty()) out += (out.empty() ? "" : ": ") + where;
  out += ": " + problem + " (";
  if (count > 1) out += detail::grouped(count) + " rows: ";
  return out + std::string(finding_action_name(action)) + ")";
}

SAFEGUARDING_FUNC std::string summary_text(std::span<const TableRowCounts> counts,
                                           std::span<const std::int64_t> findings,
                                           std::int64_t findings_outside_tables) {
  if (findings.size() != counts.size())
    throw Error("summary_text: " + std::to_string(findings.size()) + " finding counts for " +
                std::to_string(counts.size()) + " tables");
  std::string out;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const TableRowCounts& c = counts[i];
    if (c.read == 0 && findings[i] == 0) continue;
    if (!out.empty()) out += '\n';
    out += c.table + ": " + detail::grouped(c.read) + " rows read = " + detail::grouped(c.used) + " used + " +
           detail::grouped(c.rejected) + " rejected + " + detail::grouped(c.merged) + " merged; " +
           detail::plural(findings[i], "finding");
  }
  if (findings_outside_tables > 0) {
    if (!out.empty()) out += '\n';
    out += detail::plural(findings_outside_tables, "finding") + " about files or elements outside any table";
  }
  return out;
}

SAFEGUARDING_FUNC std::int32_t Dictionary::find(std::string_view text) const noexcept {
  for (std::size_t i = 0; i < values_.size(); ++i)
    if (values_[i] == text) return static_cast<std::int32_t>(i);
  return missing_code;
}

namespace detail {
template <class V>
void pick_rows(V& values, std::span<const std::size_t> rows) {
  V out;
  out.reserve(rows.size());
  for (std::size_t r : rows) out.push_back(values[r]);
  values.swap(out);
}
}  // namespace detail

SAFEGUARDING_FUNC void Column::select(std::span<const std::size_t> rows) {
  if (is_string())
    detail::pick_rows(codes, rows);
  else if (is_number())
    detail::pick_rows(numbers, rows);
  else
    detail::pick_rows(flags, rows);
}

SAFEGUARDING_FUNC void RowPaths::add_block(std::string_view path) {
  // Blocks grow from 1 KB to 64 KB as the text does: a small table's paths take little, a large
  // one's a few hundred blocks. `path` is copied first: it may lie in a block of these paths (a
  // short block's text is inside its std::string, which moves when blocks_ grows).
  constexpr std::size_t smallest = std::size_t{1} << 10, largest = std::size_t{64} << 10;
  if (static_cast<std::uint64_t>(path.size()) > 0xFFFFFFFFU) throw Error("an element path of more than 4 GB");
  const std::string text(path);
  const std::size_t grown = blocks_.empty() ? smallest : std::clamp(2 * blocks_.back().capacity(), smallest, largest);
  std::string block;
  block.reserve(std::max(grown, text.size()));
  block.append(text);
  blocks_.push_back(std::move(block));
  at_.push_back(last_end());
}

SAFEGUARDING_FUNC void RowPaths::resize(std::size_t rows) {
  if (rows < at_.size()) {
    at_.resize(rows);
    if (rows == 0) {
      blocks_.clear();
      return;
    }
    blocks_.resize(static_cast<std::size_t>(at_.back() >> 32) + 1);
    blocks_.back().resize(static_cast<std::size_t>(at_.back() & 0xFFFFFFFFU));
    return;
  }
  if (rows == at_.size()) return;
  if (blocks_.empty()) blocks_.emplace_back();
  at_.resize(rows, last_end());
}

SAFEGUARDING_FUNC void RowPaths::select(std::span<const std::size_t> rows) {
  RowPaths out;
  std::size_t length = 0;
  for (std::size_t r : rows) length += (*this)[r].size();
  // One block when the text's size allows (each block's text stays under 4 GB).
  out.blocks_.emplace_back().reserve(std::min(length, std::size_t{1} << 30));
  out.at_.reserve(rows.size());
  for (std::size_t r : rows) out.push_back((*this)[r]);
  *this = std::move(out);
}

SAFEGUARDING_FUNC void RowPaths::append(RowPaths&& other) {
  if (other.at_.empty()) return;
  const std::uint64_t offset = static_cast<std::uint64_t>(blocks_.size()) << 32;
  blocks_.reserve(blocks_.size() + other.blocks_.size());
  for (auto& b : other.blocks_) blocks_.push_back(std::move(b));
  at_.reserve(at_.size() + other.at_.size());
  for (const std::uint64_t a : other.at_) at_.push_back(a + offset);
  other = RowPaths{};
}

SAFEGUARDING_FUNC const Column& Table::column(std::string_view column_name) const {
  for (const auto& c : columns)
    if (c.name == column_name) return c;
  throw Error("table " + name + " has no column " + quote(column_name));
}

SAFEGUARDING_FUNC void Table::select(std::span<const std::size_t> rows) {
  for (auto& c : columns) c.select(rows);
  detail::pick_rows(file, rows);
  detail::pick_rows(row, rows);
  if (!path.empty()) path.select(rows);
}

SAFEGUARDING_FUNC const Table* Dataset::find(std::string_view name) const {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

SAFEGUARDING_FUNC const Table& Dataset::table(std::string_view name) const {
  if (const Table* t = find(name)) return *t;
  throw Error("no table " + quote(name) + " was loaded");
}

SAFEGUARDING_FUNC const TableRowCounts& Dataset::count(std::string_view name) const {
  for (const auto& c : counts)
    if (c.table == name) return c;
  throw Error("no table " + quote(name) + " was loaded");
}

SAFEGUARDING_FUNC std::vector<std::int64_t> Dataset::findings_per_table() const {
  std::map<std::string_view, std::int64_t> per_table;
  for (const auto& f : findings) ++per_table[f.table];
  std::vector<std::int64_t> out;
  for (const auto& c : counts) {
    const auto it = per_table.find(c.table);
    out.push_back(it == per_table.end() ? 0 : it->second);
  }
  const auto outside = per_table.find("");
  out.push_back(outside == per_table.end() ? 0 : outside->second);
  return out;
}

SAFEGUARDING_FUNC std::string Dataset::summary_text() const {
  const auto per_table = findings_per_table();
  return returns::summary_text(counts, std::span(per_table).first(counts.size()), per_table.back());
}

}  // namespace safeguarding::inline v0::returns
