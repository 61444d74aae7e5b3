// Columnar tables read from the statutory returns, and the data-quality findings made while reading
// them. A value that cannot be read is never dropped silently: either the row is rejected or the
// value is blanked, and a ReturnFinding names the file, row and column.
//
// A loaded return is a value: copying it copies its columns; the string dictionaries its columns
// share are immutable once the return is loaded, so copies never share anything mutable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/support/nat.hpp"

namespace safeguarding::inline v0::returns {

/// A missing date or whole number in a column is `nat` (support/nat.hpp).
/// A missing string in a dictionary-encoded column.
inline constexpr std::int32_t missing_code = -1;

enum class ColumnType : std::uint8_t {
  id,       // an identifier: trimmed and upper-cased; the child's (a table's first column) in one
            // dictionary shared by every table of a load, any other (UPN, SW_ID) in one of its own
  code,     // a code from a list: trimmed and upper-cased, checked against the list when one is given
  text,     // free text (postcodes, URNs): trimmed
  date,     // dd/mm/YYYY or YYYY-MM-DD: serial days since 1970-01-01
  integer,  // a whole number
  flag,     // 0/1, true/false, Y/N: 1, 0 or -1 when missing
};

/// "id", "code", "text", "date", "integer", "flag".
std::string_view column_type_name(ColumnType type) noexcept;

/// One column of a table as the return defines it.
struct ColumnSpec {
  std::string_view name;
  ColumnType type;
  /// Allowed codes (code columns only); empty means the column is normalised but not checked.
  std::span<const std::string_view> codes = {};
  /// A key column: a row without a readable value here cannot be used and is rejected.
  bool key = false;
};

struct TableSpec {
  std::string_view name;
  std::span<const ColumnSpec> columns;
};

/// What happened to the row or value a finding is about.
enum class FindingAction : std::uint8_t {
  rejected,  // the row is not used
  merged,    // the row duplicates another one that is kept (across returns or within a file)
  blanked,   // the row is used, this value is treated as missing
  amended,   // the row is used with a value changed by stitching (an episode's end date)
  kept,      // the row is used as it is; the finding is a warning
  ignored,   // not a row of any table (an unknown element or column, stray text): not read
};

/// "row rejected", "row merged", "value blanked", "value amended", "row kept", "not read".
std::string_view finding_action_name(FindingAction action) noexcept;

/// Rows `first` to `last` (both included) of a CSV file (record numbers, the header being row 1).
struct RowRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
  friend bool operator==(const RowRange&, const RowRange&) = default;
};

/// One data-quality finding: where (file, table, row or XML element path, column), the value as
/// found, what is wrong, and what was done about it.
///
/// Identical findings about many rows are stored once: when SSDA903 returns are stitched, the rows
/// of one CSV file merged into the rows of one other file, differing from them in the same columns
/// (each row into the row of the same child and key date that is kept), are one finding with
/// `count` the number of rows and `rows` their row numbers as ranges; `row` is then the first of
/// them, `child` and `value` are empty, and `where` names the ranges ("rows 2-14, 17 and 3 more
/// ranges, column DECOM"); `kept_file` and `kept_rows` name the row each was merged into.
struct ReturnFinding {
  std::string file;
  std::string table;
  std::string child;     // the child's id as the file gives it, when the row has one
  std::int64_t row = 0;  // CSV: record number counting the header as row 1; XML: the element's line; 0: the whole file
  std::string column;
  std::string where;  // "row 12, column DECOM" or "/EXPSSDA903/CHILD[3]/EPISODE[2]/DECOM"
  std::string value;
  std::string problem;
  FindingAction action = FindingAction::kept;
  /// How many rows (or values, files, elements) the finding is about: 1 unless identical findings
  /// about several rows are stored once.
  std::int64_t count = 1;
  /// When `count` > 1: the rows of `file` the finding is about, in increasing order, their sizes
  /// adding up to `count`; empty otherwise.
  std::vector<RowRange> rows = {};
  /// For SSDA903 rows merged when returns are stitched: the file of the rows kept, and the row
  /// kept for each row of `rows`, in the same order (the rows of `rows` taken one by one: the nth
  /// merged row went into the nth row of `kept_rows`), as ranges of consecutive rows; for one row
  /// merged (`count` 1, `rows` empty), the one range {k, k} of the row kept, k counted as `row` is
  /// (the CSV record number, or the XML element's line: the problem names its element path).
  /// Empty for every other finding.
  std::string kept_file = {};
  std::vector<RowRange> kept_rows = {};

  /// "file: where: problem (action)"; "(N rows: action)" when `count` > 1.
  [[nodiscard]] std::string str() const;
};

/// How a return's files are read.
struct ReadOptions {
  /// Dates written with slashes are day first, "dd/mm/YYYY" (the returns' form); false reads them
  /// month first, "mm/dd/YYYY". Each file's date columns are checked against it: a column whose
  /// values can only be read the other way (a part above 12 where the month should be), and none
  /// the stated way, is an Error naming the file, the column and those values; a column with
  /// values of both kinds is a finding naming them.
  bool dayfirst = true;
  /// The day the files are read (serial day; `nat`: today by the system clock): a date after it,
  /// or after the end of its return's year, is reported; such dates never choose a return's year.
  std::int64_t today = nat;
};

/// Rows read, used, rejected and merged for one table: read = used + rejected + merged.
struct TableRowCounts {
  std::string table;
  std::int64_t read = 0;
  std::int64_t used = 0;
  std::int64_t rejected = 0;
  std::int64_t merged = 0;
};

/// The row accounting in words, one line per table with rows or findings ("episodes: 5,050 rows read
/// = 5,050 used + 0 rejected + 0 merged; 72 findings"), then the findings about files or elements
/// outside any table. `findings[i]` is the number of findings about `counts[i].table`.
std::string summary_text(std::span<const TableRowCounts> counts, std::span<const std::int64_t> findings,
                         std::int64_t findings_outside_tables);

namespace detail {
class Interner;
}  // namespace detail

/// Strings interned as small integers: a column stores the index of each value. Built while a return
/// is read (detail::Interner); read-only afterwards.
class Dictionary {
 public:
  Dictionary() = default;
  explicit Dictionary(std::vector<std::string> values) : values_(std::move(values)) {}

  [[nodiscard]] const std::vector<std::string>& values() const noexcept { return values_; }
  [[nodiscard]] const std::string& operator[](std::int32_t code) const {
    return values_[static_cast<std::size_t>(code)];
  }
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
  /// The code of `text`, or missing_code when the dictionary does not hold it (a linear search).
  [[nodiscard]] std::int32_t find(std::string_view text) const noexcept;

 private:
  friend class detail::Interner;
  std::vector<std::string> values_;
};

/// A column's values: dictionary codes for id/code/text, serial days or whole numbers for
/// date/integer, 0/1/-1 for flags.
struct Column {
  std::string name;
  ColumnType type = ColumnType::text;
  std::shared_ptr<const Dictionary> dictionary;  // id/code/text
  std::vector<std::int32_t> codes;               // id/code/text
  std::vector<std::int64_t> numbers;             // date/integer
  std::vector<std::int8_t> flags;                // flag

  [[nodiscard]] bool is_string() const noexcept {
    return type == ColumnType::id || type == ColumnType::code || type == ColumnType::text;
  }
  [[nodiscard]] bool is_number() const noexcept { return type == ColumnType::date || type == ColumnType::integer; }
  [[nodiscard]] std::size_t size() const noexcept {
    return is_string() ? codes.size() : is_number() ? numbers.size() : flags.size();
  }
  /// The string at row `i`, or "" when missing (string columns only).
  [[nodiscard]] std::string_view text(std::size_t i) const {
    const auto c = codes[i];
    return c == missing_code ? std::string_view() : std::string_view((*dictionary)[c]);
  }
  [[nodiscard]] bool is_missing(std::size_t i) const {
    if (is_string()) return codes[i] == missing_code;
    if (is_number()) return numbers[i] == nat;
    return flags[i] < 0;
  }
  /// Keeps the rows whose indices are listed, in that order.
  void select(std::span<const std::size_t> rows);
};

/// Each row's XML element path ("/Message/Children/Child[17]/CINdetails[1]"; "" for a CSV row), held
/// in blocks of text that are never moved: a million rows' paths are a few hundred allocations, not
/// a million, and adding rows (or another RowPaths' rows, by `append`) never copies the text there
/// is, so a table's paths take the size of their text and little more.
class RowPaths {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return at_.size(); }
  [[nodiscard]] bool empty() const noexcept { return at_.empty(); }
  /// The path of row `i` (valid while the paths are not changed).
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept {
    const std::uint64_t at = at_[i], block = at >> 32, end = at & 0xFFFFFFFFU;
    const std::uint64_t begin = i > 0 && (at_[i - 1] >> 32) == block ? at_[i - 1] & 0xFFFFFFFFU : 0;
    return std::string_view(blocks_[static_cast<std::size_t>(block)])
        .substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
  }
  void push_back(std::string_view path) {
    if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < path.size()) {
      add_block(path);
      return;
    }
    blocks_.back().append(path);
    at_.push_back(last_end());
  }
  /// Keeps the first `rows` paths, or adds empty ones up to `rows`.
  void resize(std::size_t rows);
  /// Keeps the rows whose indices are listed, in that order.
  void select(std::span<const std::size_t> rows);
  /// Adds the rows of `other` after these, moving its text here (not copied); `other` is left empty.
  void append(RowPaths&& other);

 private:
  /// Adds `path` as the next row's in a new block.
  void add_block(std::string_view path);
  /// The place of the end of the last block's text.
  [[nodiscard]] std::uint64_t last_end() const noexcept {
    return (static_cast<std::uint64_t>(blocks_.size() - 1) << 32) | blocks_.back().size();
  }

  std::vector<std::string> blocks_;  // the text, row after row; a block's text is never reallocated
  std::vector<std::uint64_t> at_;    // per row: its block (high 32 bits) and where its path ends there
};

/// A table of one return (or of several returns stitched together): its columns in the order the
/// specification gives them, and for every row the file it came from and its row there.
struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::int32_t> file;  // index into the load's list of files
  std::vector<std::int64_t> row;   // CSV record number (header = 1) or the XML element's line
  /// Each row's XML element path ("/Message/Children/Child[17]/CINdetails[1]"; "" for a CSV row);
  /// empty when no row of the table came from XML.
  RowPaths path;

  [[nodiscard]] std::size_t size() const noexcept { return file.size(); }
  /// The column of that name; an Error naming the table's columns when there is none.
  [[nodiscard]] const Column& column(std::string_view column_name) const;
  [[nodiscard]] Column& column(std::string_view column_name) {
    return const_cast<Column&>(std::as_const(*this).column(column_name));
  }
  /// Keeps the rows whose indices are listed, in that order.
  void select(std::span<const std::size_t> rows);
};

/// Everything one load produced: the files read, the tables, the findings and the row counts.
struct Dataset {
  std::vector<std::string> files;
  std::vector<Table> tables;
  std::vector<ReturnFinding> findings;
  std::vector<TableRowCounts> counts;

  [[nodiscard]] const Table* find(std::string_view name) const;
  /// The table of that name; an Error when it was not loaded.
  [[nodiscard]] const Table& table(std::string_view name) const;
  [[nodiscard]] const TableRowCounts& count(std::string_view name) const;
  /// The number of findings about each table of `counts` (in its order), and last, those about
  /// files or elements outside any table.
  [[nodiscard]] std::vector<std::int64_t> findings_per_table() const;
  /// The row accounting in words (see returns::summary_text).
  [[nodiscard]] std::string summary_text() const;
};

}  // namespace safeguarding::inline v0::returns

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/table.cpp"
#endif
