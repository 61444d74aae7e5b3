// Builds a table row by row: each value is parsed and normalised as its column says; a row whose
// key value is missing or unreadable is rejected, any other bad value is blanked; every problem
// becomes a ReturnFinding. Rows are counted as read, used and rejected.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../support/values.hpp"
#include "interner.hpp"
#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::returns {

class TableBuilder {
 public:
  /// `ids`: the interner the child's id (a table's first column, when it is an id) shares with
  /// every table of the load. Any other id column (a UPN, a social worker's id) has one of its own,
  /// as a code column has: its values are not children, and in the children's dictionary they made
  /// it twice as large (the categories of every table's id column, and their codes twice as wide).
  TableBuilder(const TableSpec& spec, std::shared_ptr<detail::Interner> ids) : spec_(&spec) {
    table_.name = std::string(spec.name);
    for (const auto& c : spec.columns) {
      Column column;
      column.name = std::string(c.name);
      column.type = c.type;
      std::shared_ptr<detail::Interner> interner;
      if (column.is_string()) {
        interner = shares_ids(table_.columns.size()) ? ids : std::make_shared<detail::Interner>();
        column.dictionary = interner->dictionary();
      }
      interners_.push_back(std::move(interner));
      table_.columns.push_back(std::move(column));
    }
    counts_.table = table_.name;
    pending_.resize(spec.columns.size());
  }

  [[nodiscard]] const TableSpec& spec() const noexcept { return *spec_; }
  [[nodiscard]] Table& table() noexcept { return table_; }
  [[nodiscard]] TableRowCounts& counts() noexcept { return counts_; }
  /// The interner of a string column (by name), to add a value after the rows are read; shared,
  /// so that it can be kept past the builder's end (see ssda903::load).
  [[nodiscard]] std::shared_ptr<detail::Interner> shared_interner(std::string_view column) {
    for (std::size_t i = 0; i < spec_->columns.size(); ++i)
      if (spec_->columns[i].name == column && interners_[i]) return interners_[i];
    throw Error("table " + table_.name + " has no string column " + quote(column));
  }

  /// Where a row comes from, for its findings: the file's index and name, and the row number.
  struct Origin {
    std::int32_t file = 0;
    std::string_view file_name;
    std::int64_t row = 0;
    std::string_view path = {};  // the XML element's path; empty for a CSV row
  };

  /// Dates written with slashes are read day first ("dd/mm/YYYY", the return's form) unless
  /// `dayfirst` is false (month first, "mm/dd/YYYY").
  void set_dayfirst(bool dayfirst) noexcept { dayfirst_ = dayfirst; }

  /// The evidence of the convention of a date column in one file: values whose first part is above
  /// 12 (so written day first) and values whose second part is above 12 (month first); the first
  /// few of each, named as where(i) names them, with their text.
  struct DateEvidence {
    std::int32_t file = 0;
    std::string file_name;
    std::string column;
    std::int64_t day_first = 0, month_first = 0;
    std::vector<std::string> day_first_examples, month_first_examples;
  };
  [[nodiscard]] const std::vector<DateEvidence>& date_evidence() const noexcept { return evidence_; }

  /// Adds one row. `value(i)` gives the raw text of spec column i, or nullopt when the source has
  /// no such field (the value is then missing without a finding; a missing key is a problem).
  /// `where(i)` names the position of column i (called only when there is a problem).
  template <class Value, class Where>
  bool add(const Origin& origin, Value&& value, Where&& where, std::vector<ReturnFinding>& findings) {
    ++counts_.read;
    problems_.clear();
    ordered_ = false;
    bool reject = false;
    for (std::size_t i = 0; i < spec_->columns.size(); ++i) reject = read(i, value(i)) || reject;
    if (ordered_)
      for (std::size_t i = 0; i < pending_.size(); ++i)
        if (pending_[i].order != 0) note_order(origin, i, value, where);
    if (!problems_.empty()) report(origin, value, where, reject, findings);
    if (reject) {
      ++counts_.rejected;
      return false;
    }
    commit(origin);
    return true;
  }

  /// Makes room for `rows` rows in every column (no more than a hint: a row past them is added as
  /// any other), so that a table whose size can be foreseen is not copied as it grows.
  void reserve(std::size_t rows) {
    for (auto& c : table_.columns) {
      if (c.is_string())
        c.codes.reserve(rows);
      else if (c.is_number())
        c.numbers.reserve(rows);
      else
        c.flags.reserve(rows);
    }
    table_.file.reserve(rows);
    table_.row.reserve(rows);
  }

  /// Counts rows that could not even be split into values (a ragged CSV row): read and rejected.
  void reject_unread(std::int64_t n = 1) {
    counts_.read += n;
    counts_.rejected += n;
  }

  /// Appends what `part` (a builder of the same table, which read the rows of later files) read, as
  /// if this builder had read those rows itself: the rows, their counts and the evidence of their
  /// dates' convention. The values of each of its string columns are interned here in the order
  /// `part` first met them (the order this builder would have met them in), except the child's id,
  /// whose codes are mapped by `ids` (part's id dictionary interned into this load's).
  void append(TableBuilder& part, const std::vector<std::int32_t>& ids) {
    counts_.read += part.counts_.read;
    counts_.rejected += part.counts_.rejected;
    // A column of a file this builder has evidence for too (one file's rows read in two parts)
    // adds to it, as one builder reading both parts would have.
    for (auto& e : part.evidence_) {
      const auto same = std::find_if(evidence_.begin(), evidence_.end(),
                                     [&](const DateEvidence& d) { return d.file == e.file && d.column == e.column; });
      if (same == evidence_.end()) {
        evidence_.push_back(std::move(e));
        continue;
      }
      same->day_first += e.day_first;
      same->month_first += e.month_first;
      for (auto& x : e.day_first_examples)
        if (same->day_first_examples.size() < max_examples) same->day_first_examples.push_back(std::move(x));
      for (auto& x : e.month_first_examples)
        if (same->month_first_examples.size() < max_examples) same->month_first_examples.push_back(std::move(x));
    }
    part.evidence_.clear();
    evidence_file_ = -1;
    Table& from = part.table_;
    const std::size_t before = table_.size(), rows = from.size();
    std::vector<std::int32_t> own;
    for (std::size_t i = 0; i < table_.columns.size(); ++i) {
      Column& to = table_.columns[i];
      Column& src = from.columns[i];
      if (to.is_string()) {
        const std::vector<std::int32_t>* map = &ids;
        if (!shares_ids(i)) {
          own = interners_[i]->intern_all(*part.interners_[i]);
          map = &own;
        }
        // Grown by doubling as insert would: reserving exactly each part's rows would move the
        // whole column again at every file appended.
        if (to.codes.capacity() < before + rows) to.codes.reserve(std::max(before + rows, 2 * to.codes.capacity()));
        for (const std::int32_t c : src.codes)
          to.codes.push_back(c == missing_code ? missing_code : (*map)[static_cast<std::size_t>(c)]);
      } else if (to.is_number()) {
        to.numbers.insert(to.numbers.end(), src.numbers.begin(), src.numbers.end());
      } else {
        to.flags.insert(to.flags.end(), src.flags.begin(), src.flags.end());
      }
    }
    table_.file.insert(table_.file.end(), from.file.begin(), from.file.end());
    table_.row.insert(table_.row.end(), from.row.begin(), from.row.end());
    if (!from.path.empty() || !table_.path.empty()) {
      table_.path.resize(before);
      from.path.resize(rows);
      table_.path.append(std::move(from.path));
    }
    part.table_ = Table{};
  }

  /// The finished table; `counts().used` is set from its size, and its dictionaries take the size
  /// of their values.
  Table finish() {
    for (const auto& interner : interners_)
      if (interner) interner->shrink_to_fit();
    if (!table_.path.empty()) table_.path.resize(table_.file.size());
    counts_.used = static_cast<std::int64_t>(table_.size());
    return std::move(table_);
  }

 private:
  /// A value read, until its row is committed: missing_code, nat or -1 when there is none.
  struct Pending {
    std::int32_t code = missing_code;
    std::int64_t number = nat;
    std::int8_t flag = -1;
    std::int8_t order = 0;  // a date with slashes: 1 when it can only be day first, 2 month first
  };

  /// Whether column i is the child's id, whose dictionary every table of the load shares.
  [[nodiscard]] bool shares_ids(std::size_t i) const noexcept {
    return i == 0 && !spec_->columns.empty() && spec_->columns.front().type == ColumnType::id;
  }

  /// Records the evidence of row's value of date column i (see DateEvidence).
  template <class Value, class Where>
  void note_order(const Origin& origin, std::size_t i, Value& value, Where& where) {
    if (origin.file != evidence_file_) {
      evidence_file_ = origin.file;
      evidence_slot_.assign(pending_.size(), -1);
    }
    auto& slot = evidence_slot_[i];
    if (slot < 0) {
      slot = static_cast<std::int32_t>(evidence_.size());
      evidence_.push_back(
          DateEvidence{origin.file, std::string(origin.file_name), std::string(spec_->columns[i].name), 0, 0, {}, {}});
    }
    DateEvidence& e = evidence_[static_cast<std::size_t>(slot)];
    const bool day = pending_[i].order == 1;
    auto& count = day ? e.day_first : e.month_first;
    auto& examples = day ? e.day_first_examples : e.month_first_examples;
    ++count;
    if (examples.size() < max_examples)
      examples.push_back(where(i) + " (" + quote(support::detail::trim(value(i).value_or(""))) + ")");
  }

  /// Reads value `raw` of column i into pending_[i]; a problem goes to problems_. True when the
  /// row must be rejected for it (a key column without a readable value). A value read as most are
  /// (a known code, an id, a date written as the return writes it) returns before any text is made.
  bool read(std::size_t i, std::optional<std::string_view> raw) {
    const ColumnSpec& c = spec_->columns[i];
    Pending& p = pending_[i];
    p = Pending{};
    // Trimmed by a call only when an end is a space or below (trim's own test, here inline: the
    // compiler keeps trim, with its loops, out of line).
    std::string_view t = raw ? *raw : std::string_view();
    if (!t.empty() && (static_cast<unsigned char>(t.front()) <= ' ' || static_cast<unsigned char>(t.back()) <= ' '))
      t = support::detail::trim(t);
    if (t.empty()) {
      if (!c.key) return false;
      return fail(i, std::string(raw ? "the value is empty" : "the value is missing") + " (" + std::string(c.name) +
                         " is needed to use the row)");
    }
    switch (c.type) {
      case ColumnType::id:
      case ColumnType::code:
      case ColumnType::text: {
        // A code as written that its dictionary holds is normalised already (the dictionary holds
        // normalised values alone), and known: most codes of a return, found without upper-casing.
        if (c.type == ColumnType::code && (p.code = interners_[i]->lookup(t)) >= 0) return false;
        const std::string_view s = c.type == ColumnType::text ? t : support::detail::upper_code(t, scratch_);
        // Only known codes are interned: a value the dictionary holds needs no check (a code
        // upper-cased here may be; as written, it was not found above).
        if (c.type == ColumnType::code && !c.codes.empty() && s.data() != t.data() &&
            (p.code = interners_[i]->lookup(s)) >= 0)
          return false;
        if (c.type == ColumnType::code && !c.codes.empty() &&
            std::find(c.codes.begin(), c.codes.end(), s) == c.codes.end()) {
          p.code = missing_code;
          return fail(i, quote(*raw) + " is not a known " + std::string(c.name) + " code (expected " +
                             support::ValueReader::describe_codes(c.codes) + ")");
        }
        p.code = interners_[i]->intern(s);
        return false;
      }
      case ColumnType::date: {
        // The convention's evidence: "dd/mm/YYYY" is checked from its fixed positions, other
        // slashed forms ("d/m/YYYY") through slash_parts.
        unsigned first = 0, second = 0;
        const bool fixed = t.size() >= 10 && t[2] == '/' && t[5] == '/' && support::detail::two_digits(t, 0, first) &&
                           support::detail::two_digits(t, 3, second);
        if (!fixed && t.find('/') != std::string_view::npos)
          if (const auto parts = support::slash_parts(t)) first = parts->first, second = parts->second;
        p.order = first > 12 && second <= 12 ? 1 : second > 12 && first <= 12 ? 2 : 0;
        ordered_ = ordered_ || p.order != 0;
        // ValueReader::date's own first try, on the text trimmed already; a return's own form,
        // "dd/mm/YYYY", from the day and month read already, as quick_day would read them.
        std::int64_t year = 0;
        if (dayfirst_)
          p.number = fixed && t.size() == 10 && support::detail::four_digits(t, 6, year)
                         ? support::detail::civil_day(year, second, first)
                         : support::detail::quick_day(t);
        if (p.number != nat) return false;
        std::string problem;
        if (auto d = support::ValueReader::date(*raw, problem, dayfirst_)) p.number = *d;
        return problem.empty() ? false : fail(i, std::move(problem));
      }
      case ColumnType::integer: {
        std::string problem;
        if (auto n = support::ValueReader::integer(*raw, problem)) p.number = *n;
        return problem.empty() ? false : fail(i, std::move(problem));
      }
      case ColumnType::flag: {
        std::string problem;
        if (auto f = support::ValueReader::flag(*raw, problem)) p.flag = *f;
        return problem.empty() ? false : fail(i, std::move(problem));
      }
    }
    return false;
  }

  /// A problem with column i's value: noted for the row's findings; true when the row must be
  /// rejected for it (a key column).
  bool fail(std::size_t i, std::string problem) {
    problems_.push_back({i, std::move(problem)});
    return spec_->columns[i].key;
  }

  template <class Value, class Where>
  void report(const Origin& origin, Value& value, Where& where, bool reject, std::vector<ReturnFinding>& findings) {
    const auto& cols = spec_->columns;
    for (const auto& [i, message] : problems_) {
      ReturnFinding f;
      f.file = std::string(origin.file_name);
      f.table = table_.name;
      f.row = origin.row;
      f.column = std::string(cols[i].name);
      f.where = where(i);
      if (auto raw = value(i)) f.value = std::string(*raw);
      if (cols.front().type == ColumnType::id)
        if (auto id = value(0)) f.child = std::string(support::detail::trim(*id));
      f.problem = message;
      f.action = reject ? FindingAction::rejected : FindingAction::blanked;
      findings.push_back(std::move(f));
    }
  }

  void commit(const Origin& origin) {
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      Column& c = table_.columns[i];
      const Pending& p = pending_[i];
      if (c.is_string())
        c.codes.push_back(p.code);
      else if (c.is_number())
        c.numbers.push_back(p.number);
      else
        c.flags.push_back(p.flag);
    }
    table_.file.push_back(origin.file);
    table_.row.push_back(origin.row);
    if (!origin.path.empty() && table_.path.size() + 1 < table_.file.size()) table_.path.resize(table_.file.size() - 1);
    if (!origin.path.empty() || !table_.path.empty()) table_.path.push_back(origin.path);
  }

  static constexpr std::size_t max_examples = 5;  // of each kind of date evidence, per column and file

  const TableSpec* spec_;
  Table table_;
  TableRowCounts counts_;
  std::vector<std::shared_ptr<detail::Interner>> interners_;  // per column: its interner (string columns)
  std::vector<Pending> pending_;
  std::vector<std::pair<std::size_t, std::string>> problems_;
  bool ordered_ = false;  // whether a date of the row being read tells its convention (Pending::order)
  std::string scratch_;
  bool dayfirst_ = true;
  std::vector<DateEvidence> evidence_;
  std::int32_t evidence_file_ = -1;
  std::vector<std::int32_t> evidence_slot_;  // per column: its evidence in the current file, or -1
};

}  // namespace safeguarding::inline v0::returns
