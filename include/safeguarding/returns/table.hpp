// Columnar tables read from the statutory returns, the data-quality findings made while reading
// them, and the normalisation of each value (codes and ids trimmed and upper-cased, dd/mm/YYYY and
// ISO dates, flags, whole numbers). A value that cannot be read is never dropped silently: either
// the row is rejected or the value is blanked, and a Finding names the file, row and column.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"

namespace safeguarding::inline v0::returns {

/// A missing date or whole number in a column is `nat` (support/nat.hpp).
/// A missing string in a dictionary-encoded column.
inline constexpr std::int32_t missing_code = -1;

enum class ColumnType : std::uint8_t {
  id,       // an identifier: trimmed and upper-cased; one dictionary shared by every table of a load
  code,     // a code from a list: trimmed and upper-cased, checked against the list when one is given
  text,     // free text (postcodes, URNs): trimmed
  date,     // dd/mm/YYYY or YYYY-MM-DD: serial days since 1970-01-01
  integer,  // a whole number
  flag,     // 0/1, true/false, Y/N: 1, 0 or -1 when missing
};

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
enum class Action : std::uint8_t {
  rejected,  // the row is not used
  merged,    // the row duplicates another one that is kept (across returns or within a file)
  blanked,   // the row is used, this value is treated as missing
  amended,   // the row is used with a value changed by stitching (an episode's end date)
  kept,      // the row is used as it is; the finding is a warning
  ignored,   // not a row of any table (an unknown element or column, stray text): not read
};

inline std::string_view action_name(Action a) {
  switch (a) {
    case Action::rejected: return "row rejected";
    case Action::merged: return "row merged";
    case Action::blanked: return "value blanked";
    case Action::amended: return "value amended";
    case Action::kept: return "row kept";
    case Action::ignored: return "not read";
  }
  return "?";
}

/// One data-quality finding: where (file, table, row or XML element path, column), the value as
/// found, what is wrong, and what was done about it.
struct Finding {
  std::string file;
  std::string table;
  std::string child;  // the child's id as the file gives it, when the row has one
  std::int64_t row = 0;  // CSV: record number counting the header as row 1; XML: the element's line; 0: the whole file
  std::string column;
  std::string where;  // "row 12, column DECOM" or "/EXPSSDA903/CHILD[3]/EPISODE[2]/DECOM"
  std::string value;
  std::string problem;
  Action action = Action::kept;

  [[nodiscard]] std::string str() const {
    std::string out = file;
    if (!where.empty()) out += (out.empty() ? "" : ": ") + where;
    return out + ": " + problem + " (" + std::string(action_name(action)) + ")";
  }
};

/// Rows read, used, rejected and merged for one table: read = used + rejected + merged.
struct RowCounts {
  std::string table;
  std::int64_t read = 0;
  std::int64_t used = 0;
  std::int64_t rejected = 0;
  std::int64_t merged = 0;
};

/// Strings interned as small integers: a column stores the index of each value.
class Dictionary {
 public:
  std::int32_t intern(std::string_view text) {
    // Returns repeat values row after row (a child's episodes; a handful of codes): the last
    // value, then a short scan of a small dictionary, are much cheaper than hashing.
    if (last_ >= 0 && values_[static_cast<std::size_t>(last_)] == text) return last_;
    if (values_.size() <= small) {
      for (std::size_t i = 0; i < values_.size(); ++i)
        if (values_[i] == text) return last_ = static_cast<std::int32_t>(i);
      if (values_.size() < small) return last_ = append(text);
      rehash(64);  // the dictionary outgrows the scan: index every value from now on
    }
    // Open addressing with linear probing; each slot keeps 32 bits of the hash to skip most
    // string comparisons.
    const std::uint64_t h = hash(text);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot slot = slots_[i];
      if (slot.code < 0) break;
      if (slot.tag == tag && values_[static_cast<std::size_t>(slot.code)] == text) return last_ = slot.code;
    }
    const std::int32_t code = append(text);
    slots_[i] = Slot{tag, code};
    if (values_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    return last_ = code;
  }
  [[nodiscard]] const std::vector<std::string>& values() const noexcept { return values_; }
  [[nodiscard]] const std::string& operator[](std::int32_t code) const { return values_[static_cast<std::size_t>(code)]; }
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }

  /// A 64-bit hash of a short string, eight bytes at a time (multiply and fold, as in the
  /// splitmix64 finaliser): ids and codes are short, and std::hash's byte loop costs more.
  static std::uint64_t hash(std::string_view s) noexcept {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (s.size() * 0xD6E8FEB86659FD93ULL);
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
      h ^= h >> 31;
    }
    if (i < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
      h = (h ^ w) * 0x94D049BB133111EBULL;
      h ^= h >> 29;
    }
    h *= 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 33);
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;
    std::int32_t code = -1;  // -1: empty
  };
  static constexpr std::size_t small = 16;

  std::int32_t append(std::string_view text) {
    values_.emplace_back(text);
    return static_cast<std::int32_t>(values_.size() - 1);
  }
  void rehash(std::size_t size) {
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (std::size_t code = 0; code < values_.size(); ++code) {
      const std::uint64_t h = hash(values_[code]);
      std::size_t i = static_cast<std::size_t>(h) & mask_;
      while (slots_[i].code >= 0) i = (i + 1) & mask_;
      slots_[i] = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::int32_t>(code)};
    }
  }

  std::vector<std::string> values_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::int32_t last_ = -1;
};

/// A column's values: dictionary codes for id/code/text, serial days or whole numbers for
/// date/integer, 0/1/-1 for flags.
struct Column {
  std::string name;
  ColumnType type = ColumnType::text;
  std::shared_ptr<Dictionary> dictionary;  // id/code/text
  std::vector<std::int32_t> codes;         // id/code/text
  std::vector<std::int64_t> numbers;       // date/integer
  std::vector<std::int8_t> flags;          // flag

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
  void reserve(std::size_t n) {
    if (is_string()) codes.reserve(n);
    else if (is_number()) numbers.reserve(n);
    else flags.reserve(n);
  }
  /// Keeps the rows whose indices are listed, in that order.
  void select(std::span<const std::size_t> rows) {
    auto pick = [&](auto& v) {
      std::remove_reference_t<decltype(v)> out;
      out.reserve(rows.size());
      for (std::size_t r : rows) out.push_back(v[r]);
      v.swap(out);
    };
    if (is_string()) pick(codes);
    else if (is_number()) pick(numbers);
    else pick(flags);
  }
};

/// A table of one return (or of several returns stitched together): its columns in the order the
/// specification gives them, and for every row the file it came from and its row there.
struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::int32_t> file;  // index into the load's list of files
  std::vector<std::int64_t> row;   // CSV record number (header = 1) or the XML element's line

  [[nodiscard]] std::size_t size() const noexcept { return file.size(); }
  [[nodiscard]] const Column& column(std::string_view column_name) const {
    for (const auto& c : columns)
      if (c.name == column_name) return c;
    throw Error("table " + name + " has no column " + quote(column_name));
  }
  [[nodiscard]] Column& column(std::string_view column_name) {
    return const_cast<Column&>(std::as_const(*this).column(column_name));
  }
  void select(std::span<const std::size_t> rows) {
    for (auto& c : columns) c.select(rows);
    auto pick = [&](auto& v) {
      std::remove_reference_t<decltype(v)> out;
      out.reserve(rows.size());
      for (std::size_t r : rows) out.push_back(v[r]);
      v.swap(out);
    };
    pick(file);
    pick(row);
  }
};

namespace detail {

inline bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

inline char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

/// Trimmed and upper-cased (ASCII letters only); `scratch` holds the result when it differs.
inline std::string_view normalise_code(std::string_view s, std::string& scratch) {
  s = trim(s);
  bool lower = false;
  for (char c : s) lower = lower || (c >= 'a' && c <= 'z');
  if (!lower) return s;
  scratch.assign(s);
  for (char& c : scratch) c = upper(c);
  return scratch;
}

inline bool two_digits(std::string_view s, std::size_t at, unsigned& out) noexcept {
  const char a = s[at], b = s[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  out = static_cast<unsigned>((a - '0') * 10 + (b - '0'));
  return true;
}

inline bool four_digits(std::string_view s, std::size_t at, std::int64_t& out) noexcept {
  std::int64_t v = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

/// True for the time of day a date-time carries after its date: "HH:MM", "HH:MM:SS", optionally
/// with a fraction of a second and a time zone ("Z", "+01:00"), as spreadsheets and XML write them.
inline bool is_time_of_day(std::string_view t) noexcept {
  unsigned h = 0, m = 0, s = 0;
  if (t.size() < 5 || t[2] != ':' || !two_digits(t, 0, h) || !two_digits(t, 3, m) || h > 23 || m > 59) return false;
  std::size_t at = 5;
  if (at < t.size() && t[at] == ':') {
    if (t.size() < at + 3 || !two_digits(t, at + 1, s) || s > 59) return false;
    at += 3;
    if (at < t.size() && t[at] == '.') {
      std::size_t digits = 0;
      for (++at; at < t.size() && t[at] >= '0' && t[at] <= '9'; ++at) ++digits;
      if (digits == 0) return false;
    }
  }
  if (at == t.size()) return true;
  if (t[at] == 'Z') return at + 1 == t.size();
  unsigned zh = 0, zm = 0;
  return (t[at] == '+' || t[at] == '-') && t.size() == at + 6 && t[at + 3] == ':' && two_digits(t, at + 1, zh) &&
         two_digits(t, at + 4, zm) && zh <= 23 && zm <= 59;
}

/// Splits a trimmed date-time into its date and its time of day: "01/01/2018 00:00" (as Excel
/// exports dates) and "2018-01-01T00:00:00" give "01/01/2018" and "2018-01-01". The time must be a
/// time of day (see is_time_of_day); `time_ok` says whether it is. Text without a T or space
/// after a date-like start is returned whole.
inline std::string_view date_part(std::string_view t, bool& time_ok) noexcept {
  time_ok = true;
  const std::size_t at = t.find_first_of(" T");
  if (at == std::string_view::npos || at < 8) return t;
  std::string_view time = t.substr(at + 1);
  while (!time.empty() && time.front() == ' ') time.remove_prefix(1);
  time_ok = is_time_of_day(time);
  return t.substr(0, at);
}

/// Serial day of a trimmed "dd/mm/YYYY" or "YYYY-MM-DD", either followed by a time of day ("T" or
/// a space, then HH:MM[:SS]: the date part is taken), or nullopt; the fast path of the loaders,
/// which never throws.
inline std::optional<std::int64_t> quick_date(std::string_view t) noexcept {
  if (t.size() > 10) {
    bool time_ok = false;
    t = date_part(t, time_ok);
    if (!time_ok) return std::nullopt;
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  if (t.size() == 10 && t[2] == '/' && t[5] == '/') {
    if (!two_digits(t, 0, d) || !two_digits(t, 3, m) || !four_digits(t, 6, y)) return std::nullopt;
  } else if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    if (!four_digits(t, 0, y) || !two_digits(t, 5, m) || !two_digits(t, 8, d)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || y < min_year || y > max_year || d < 1 || d > support::days_in_month(y, m))
    return std::nullopt;
  return support::days_from_civil(y, m, d);
}

}  // namespace detail

/// Reads one value of a column: the result (for a key column, whether the row can be used) and,
/// when the value is bad, the problem to report.
struct ValueReader {
  /// Parses a date written "dd/mm/YYYY" (also "d/m/YYYY") or "YYYY-MM-DD", either optionally
  /// followed by a time of day ("01/01/2018 00:00", as spreadsheets export dates; the time is
  /// checked, then dropped); on failure `problem` says why, in the words of `parse_uk_date` and
  /// `parse_date`.
  static std::optional<std::int64_t> date(std::string_view text, std::string& problem) {
    const std::string_view whole = detail::trim(text);
    if (auto fast = detail::quick_date(whole)) return fast;
    bool time_ok = true;
    const std::string_view t = detail::date_part(whole, time_ok);
    if (!time_ok) {
      problem = quote(text) + " is not a date, or a date and a time of day (expected dd/mm/YYYY or YYYY-MM-DD, " +
                "optionally followed by HH:MM[:SS])";
      return std::nullopt;
    }
    try {
      if (t.find('/') != std::string_view::npos) return to_days(parse_uk_date(t));
      return to_days(parse_date(t));
    } catch (const Error& e) {
      problem = e.problems().empty() ? e.what() : e.problems().front().message;
      if (t.find('/') == std::string_view::npos && t.find('-') == std::string_view::npos)
        problem = quote(text) + " is not a date (expected dd/mm/YYYY or YYYY-MM-DD)";
      return std::nullopt;
    }
  }

  static std::optional<std::int64_t> integer(std::string_view text, std::string& problem) {
    const std::string_view t = detail::trim(text);
    std::int64_t v = 0;
    std::string_view digits = t;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative || (!digits.empty() && digits.front() == '+')) digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      problem = quote(text) + " is not a whole number";
      return std::nullopt;
    }
    for (char c : digits) v = v * 10 + (c - '0');
    return negative ? -v : v;
  }

  static std::optional<std::int8_t> flag(std::string_view text, std::string& problem) {
    std::string scratch;
    const std::string_view t = detail::normalise_code(text, scratch);
    if (t == "1" || t == "TRUE" || t == "Y" || t == "YES") return std::int8_t{1};
    if (t == "0" || t == "FALSE" || t == "N" || t == "NO") return std::int8_t{0};
    problem = quote(text) + " is not a yes/no value (expected 0, 1, true or false)";
    return std::nullopt;
  }

  static std::string describe_codes(std::span<const std::string_view> codes) {
    std::string list;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (i) list += i + 1 == codes.size() ? " or " : ", ";
      list += codes[i];
    }
    return list;
  }
};

/// Builds a table row by row: each value is parsed and normalised as its column says; a row whose
/// key value is missing or unreadable is rejected, any other bad value is blanked; every problem
/// becomes a Finding. Rows are counted as read, used and rejected.
class TableBuilder {
 public:
  TableBuilder(const TableSpec& spec, std::shared_ptr<Dictionary> ids) : spec_(&spec) {
    table_.name = std::string(spec.name);
    for (const auto& c : spec.columns) {
      Column column;
      column.name = std::string(c.name);
      column.type = c.type;
      if (column.is_string()) column.dictionary = c.type == ColumnType::id ? ids : std::make_shared<Dictionary>();
      table_.columns.push_back(std::move(column));
    }
    counts_.table = table_.name;
    pending_.resize(spec.columns.size());
  }

  [[nodiscard]] const TableSpec& spec() const noexcept { return *spec_; }
  [[nodiscard]] Table& table() noexcept { return table_; }
  [[nodiscard]] RowCounts& counts() noexcept { return counts_; }

  /// Where a row comes from, for its findings: the file's index and name, the row number, and
  /// how to name a column's position ("row 12, column DECOM" or an XML path).
  struct Origin {
    std::int32_t file = 0;
    std::string_view file_name;
    std::int64_t row = 0;
  };

  /// Adds one row. `value(i)` gives the raw text of spec column i, or nullopt when the source has
  /// no such field (the value is then missing without a finding; a missing key is a problem).
  /// `where(i)` names the position of column i (called only when there is a problem).
  template <class Value, class Where>
  bool add(const Origin& origin, Value&& value, Where&& where, std::vector<Finding>& findings) {
    ++counts_.read;
    problems_.clear();
    const auto& cols = spec_->columns;
    bool reject = false;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const ColumnSpec& c = cols[i];
      const std::optional<std::string_view> raw = value(i);
      Pending& p = pending_[i];
      p = Pending{};
      const std::string_view t = raw ? detail::trim(*raw) : std::string_view();
      if (t.empty()) {
        if (c.key) {
          problems_.push_back({i, std::string(raw ? "the value is empty" : "the value is missing") + " (" +
                                      std::string(c.name) + " is needed to use the row)"});
          reject = true;
        }
        continue;
      }
      std::string problem;
      switch (c.type) {
        case ColumnType::id:
        case ColumnType::code:
        case ColumnType::text: {
          const std::string_view s = c.type == ColumnType::text ? t : detail::normalise_code(t, scratch_);
          if (c.type == ColumnType::code && !c.codes.empty() &&
              std::find(c.codes.begin(), c.codes.end(), s) == c.codes.end()) {
            problem = quote(*raw) + " is not a known " + std::string(c.name) + " code (expected " +
                      ValueReader::describe_codes(c.codes) + ")";
            break;
          }
          p.code = table_.columns[i].dictionary->intern(s);
          p.present = true;
          break;
        }
        case ColumnType::date:
          if (auto d = ValueReader::date(*raw, problem)) p.number = *d, p.present = true;
          break;
        case ColumnType::integer:
          if (auto n = ValueReader::integer(*raw, problem)) p.number = *n, p.present = true;
          break;
        case ColumnType::flag:
          if (auto f = ValueReader::flag(*raw, problem)) p.flag = *f, p.present = true;
          break;
      }
      if (!problem.empty()) {
        problems_.push_back({i, std::move(problem)});
        reject = reject || c.key;
      }
    }
    for (const auto& [i, message] : problems_) {
      Finding f;
      f.file = std::string(origin.file_name);
      f.table = table_.name;
      f.row = origin.row;
      f.column = std::string(cols[i].name);
      f.where = where(i);
      if (auto raw = value(i)) f.value = std::string(*raw);
      if (cols.front().type == ColumnType::id)
        if (auto id = value(0)) f.child = std::string(detail::trim(*id));
      f.problem = message;
      f.action = reject ? Action::rejected : Action::blanked;
      findings.push_back(std::move(f));
    }
    if (reject) {
      ++counts_.rejected;
      return false;
    }
    commit(origin);
    return true;
  }

  /// Counts rows that could not even be split into values (a ragged CSV row): read and rejected.
  void reject_unread(std::int64_t n = 1) {
    counts_.read += n;
    counts_.rejected += n;
  }

  /// The finished table; `counts().used` is set from its size.
  Table finish() {
    counts_.used = static_cast<std::int64_t>(table_.size());
    return std::move(table_);
  }

 private:
  struct Pending {
    bool present = false;
    std::int32_t code = missing_code;
    std::int64_t number = nat;
    std::int8_t flag = -1;
  };

  void commit(const Origin& origin) {
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      Column& c = table_.columns[i];
      const Pending& p = pending_[i];
      if (c.is_string()) c.codes.push_back(p.present ? p.code : missing_code);
      else if (c.is_number()) c.numbers.push_back(p.present ? p.number : nat);
      else c.flags.push_back(p.present ? p.flag : std::int8_t{-1});
    }
    table_.file.push_back(origin.file);
    table_.row.push_back(origin.row);
  }

  const TableSpec* spec_;
  Table table_;
  RowCounts counts_;
  std::vector<Pending> pending_;
  std::vector<std::pair<std::size_t, std::string>> problems_;
  std::string scratch_;
};

/// Everything one load produced: the files read, the tables, the findings and the row counts.
struct Dataset {
  std::vector<std::string> files;
  std::vector<Table> tables;
  std::vector<Finding> findings;
  std::vector<RowCounts> counts;

  [[nodiscard]] const Table* find(std::string_view name) const {
    for (const auto& t : tables)
      if (t.name == name) return &t;
    return nullptr;
  }
  [[nodiscard]] const Table& table(std::string_view name) const {
    if (const Table* t = find(name)) return *t;
    throw Error("no table " + quote(name) + " was loaded");
  }
  [[nodiscard]] const RowCounts& count(std::string_view name) const {
    for (const auto& c : counts)
      if (c.table == name) return c;
    throw Error("no table " + quote(name) + " was loaded");
  }
};

}  // namespace safeguarding::inline v0::returns
