// Preparing the front door's records: the input tables (CSV files read here, or a caller's columns)
// with their ids and words normalised, then every row checked against the partnership (its agencies
// and the threshold document version in force on the row's date), each problem reported as a
// data-quality finding naming the table, row and column: a row is either used, dated after the
// as-of date, or rejected (rows in = used + after as of + rejected); a bad value in a row that can
// still be used is blanked and reported. The decision's timeliness comes from the timeliness engine
// and the rule catalogue (`referral.decision`: 1 working day), never from counting working days here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/front_door/records.hpp"
#include "safeguarding/partnership.hpp"
#include "safeguarding/rules.hpp"

namespace safeguarding::inline v0::front_door {

/// The contacts table's columns (docs/thresholds.md, "The front-door tables"); the first four are required.
inline constexpr std::array<std::string_view, 11> contact_columns = {
    "contact",       "child",         "date",    "agency",          "referrer_level",    "concerns",
    "decision_date", "decided_level", "outcome", "assessment_date", "assessment_outcome"};
/// The steps table's columns; all but `contact` are required.
inline constexpr std::array<std::string_view, 5> step_columns = {"child", "date", "from_level", "to_level", "contact"};
/// The columns of each table that hold dates (the others hold ids and words).
inline constexpr std::array<std::string_view, 3> contact_date_columns = {"date", "decision_date", "assessment_date"};
inline constexpr std::array<std::string_view, 1> step_date_columns = {"date"};

/// How ids compare: surrounding spaces dropped; a blank id is missing (nullopt).
std::optional<std::string> normalised_id(std::string_view text);
/// How a word of a vocabulary (an outcome) compares: as an id, then lower-cased, with hyphens for
/// underscores and spaces ("Early help" and "early_help" are "early-help").
std::optional<std::string> normalised_word(std::string_view text);

/// One input table by the column names of docs/thresholds.md: the text of its id and word columns
/// (nullopt for a missing value) and its dates as serial days (`nat` for none). From a CSV file
/// (`read_front_door_csv`) or a caller's columns.
struct InputTable {
  std::string name;            // "contacts" or "steps"
  std::string file;            // the file it was read from; empty for a caller's columns
  std::int64_t first_row = 0;  // what findings call its first record: 2 in a CSV file (its header is row 1)
  std::size_t rows = 0;
  std::map<std::string, std::vector<std::optional<std::string>>, std::less<>> text;
  std::map<std::string, std::vector<std::int64_t>, std::less<>> days;
  /// A CSV file's columns as read (names after renaming, in the file's order, and their text).
  std::vector<std::string> file_columns;
  std::vector<std::vector<std::string>> file_text;

  [[nodiscard]] bool has(std::string_view column) const { return text.count(column) != 0 || days.count(column) != 0; }
};

/// Reads a front-door CSV file (UTF-8 or UTF-16, RFC 4180 quoting), `renames` mapping its own column
/// names to those of docs/thresholds.md. Dates are dd/mm/YYYY or YYYY-MM-DD; values that are not
/// dates, a record with more fields than the header, or a missing required column are one Error
/// naming the file, rows and columns.
InputTable read_front_door_csv(const std::filesystem::path& path, std::string_view table,
                               const std::map<std::string, std::string, std::less<>>& renames = {});

/// The tables coded for `prepare`: ids coded together across the tables (equal ids, equal codes),
/// words and levels as codes into their normalised values. Holds the columns `contacts()` and
/// `steps()` view.
class FrontDoorInput {
 public:
  /// An Error naming the table when a required column is missing.
  FrontDoorInput(InputTable contacts, InputTable steps);

  [[nodiscard]] Contacts contacts() const;
  [[nodiscard]] Steps steps() const;
  [[nodiscard]] const InputTable& contact_table() const noexcept { return contact_table_; }
  [[nodiscard]] const InputTable& step_table() const noexcept { return step_table_; }
  /// The normalised text of an id column ("child", "contact") of a table, row by row ("" for none).
  [[nodiscard]] std::vector<std::string> id_text(std::string_view table, std::string_view column) const;

 private:
  struct Coded {
    std::vector<std::int32_t> codes;
    std::vector<std::string> values;
    [[nodiscard]] Codes view() const { return Codes{codes, values}; }
  };
  static Coded code(const InputTable& t, std::string_view column, bool vocabulary);
  void code_ids();

  InputTable contact_table_, step_table_;
  std::vector<std::int64_t> contact_, child_, step_child_, step_contact_;
  std::vector<std::string> contact_ids_, child_ids_;  // the text of each id code
  Coded agency_, referrer_level_, decided_level_, outcome_, assessment_outcome_, from_level_, to_level_;
};

/// Checks and resolves the records against the partnership (its agencies and referral sources, its
/// threshold document, its calendar) and times each decision with `catalogue`'s decision rule.
/// Throws Error for columns of different lengths or codes outside their values; every problem with
/// a row is a finding in the result.
Records prepare(const Partnership& partnership, const Contacts& contacts, const Steps& steps,
                const RuleCatalogue& catalogue, const FrontDoorOptions& options = {});

/// `prepare` on coded input tables: findings name the tables' files, rows as the tables number
/// them, and the child.
Records prepare(const Partnership& partnership, const FrontDoorInput& input, const RuleCatalogue& catalogue,
                FrontDoorOptions options = {});

}  // namespace safeguarding::inline v0::front_door

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/front_door/contacts.cpp"
#include "src/front_door/csv.cpp"
#include "src/front_door/decisions.cpp"
#include "src/front_door/input.cpp"
#include "src/front_door/prepare.cpp"
#include "src/front_door/steps.cpp"
#endif
