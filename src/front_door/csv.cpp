// Reading the front door's CSV files: every column as text (for the caller's view of the rows),
// the id and word columns for coding, and the dates as serial days, read as the statutory returns'
// readers read dates.
#include "safeguarding/front_door/prepare.hpp"

#include <algorithm>
#include <unordered_map>

#include "../support/csv.hpp"
#include "../support/text_file.hpp"
#include "../support/values.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/support/nearest.hpp"

namespace safeguarding::inline v0::front_door {

namespace detail {

/// The columns of each table read as ids or words, and as dates.
SAFEGUARDING_FUNC bool is_date_column(std::string_view table, std::string_view column) {
  auto in = [&](const auto& names) { return std::find(names.begin(), names.end(), column) != names.end(); };
  return table == "steps" ? in(step_date_columns) : in(contact_date_columns);
}

/// How many bad values of a column are listed before "and N more".
inline constexpr std::size_t listed_bad_values = 5;

/// Parses a date column, listing the first few bad values by row in `problems`.
SAFEGUARDING_FUNC std::vector<std::int64_t> date_column(const std::vector<std::string>& text, std::string_view column,
                                                        std::int64_t first_row, Problems& problems) {
  std::vector<std::int64_t> out(text.size(), nat);
  std::size_t bad = 0;
  std::string problem;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!normalised_id(text[i])) continue;
    problem.clear();
    if (auto day = support::ValueReader::date(text[i], problem)) {
      out[i] = *day;
      continue;
    }
    if (++bad <= listed_bad_values)
      problems.add("column " + quote(column) + ", row " + std::to_string(static_cast<std::int64_t>(i) + first_row),
                   problem);
  }
  if (bad > listed_bad_values)
    problems.add("column " + quote(column),
                 "and " + std::to_string(bad - listed_bad_values) + " more rows with bad values");
  return out;
}

/// The header's names, renamed to the standard ones.
SAFEGUARDING_FUNC std::vector<std::string> header_names(
    const std::vector<std::string_view>& fields, const std::map<std::string, std::string, std::less<>>& renames) {
  std::vector<std::string> names;
  for (std::string_view f : fields) {
    auto it = renames.find(f);
    names.emplace_back(it == renames.end() ? std::string(f) : it->second);
  }
  return names;
}

/// A repeated column, or one whose name is a near miss of a column of the table the file lacks
/// ("decison_date"), is a problem: read as given, the misspelt column would be ignored and every
/// contact judged undecided. Other columns are the caller's own and are kept.
SAFEGUARDING_FUNC void check_header(const std::vector<std::string>& names, std::string_view table, Problems& problems) {
  std::vector<std::string> known;
  if (table == "steps")
    known.assign(step_columns.begin(), step_columns.end());
  else
    known.assign(contact_columns.begin(), contact_columns.end());
  std::vector<std::string> absent;
  for (const std::string& k : known)
    if (std::find(names.begin(), names.end(), k) == names.end()) absent.push_back(k);
  std::unordered_map<std::string_view, std::size_t> first;
  for (std::size_t c = 0; c < names.size(); ++c) {
    const std::string& name = names[c];
    const auto [at, inserted] = first.emplace(name, c);
    if (!inserted) {
      problems.add("column " + std::to_string(c + 1),
                   "the column " + quote(name) + " appears more than once (also column " +
                       std::to_string(at->second + 1) + "): which one holds the values is unclear");
      continue;
    }
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    for (const std::string& k : absent) {
      if (name.size() + 2 < k.size() || k.size() + 2 < name.size()) continue;
      // Distance 0 is a name that differs only in case ("Decision_Date").
      if (support::detail::name_distance(name, k) <= 2) {
        problems.add("column " + std::to_string(c + 1), "the column " + quote(name) + " is not a column of the " +
                                                            std::string(table) + " table (did you mean " + quote(k) +
                                                            "?): rename it, or map it with the columns argument");
        break;
      }
    }
  }
}

/// Every record's fields as text, one vector per column; a record longer than the header is a problem.
SAFEGUARDING_FUNC void read_records(support::CsvReader& reader, InputTable& t, Problems& problems) {
  std::vector<std::string_view> fields;
  const std::size_t width = t.file_columns.size();
  t.file_text.assign(width, {});
  while (reader.next(fields)) {
    if (fields.size() > width)
      problems.add("row " + std::to_string(reader.record_number()),
                   std::to_string(fields.size()) + " fields, but the header has " + std::to_string(width));
    for (std::size_t c = 0; c < width; ++c)
      t.file_text[c].emplace_back(c < fields.size() ? fields[c] : std::string_view());
    if (reader.unterminated_quote())
      problems.add("row " + std::to_string(reader.record_number()), "a quoted field is never closed");
  }
  t.rows = width == 0 ? 0 : t.file_text.front().size();
}

}  // namespace detail

SAFEGUARDING_FUNC InputTable read_front_door_csv(const std::filesystem::path& path, std::string_view table,
                                                 const std::map<std::string, std::string, std::less<>>& renames) {
  InputTable t;
  t.name = std::string(table);
  t.file = path.string();
  t.first_row = 2;
  const support::Text text = support::read_text(path);
  support::CsvReader reader(text.utf8);
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) throw Error(t.file, "the file is empty: expected a header row naming the columns");
  t.file_columns = detail::header_names(fields, renames);
  Problems problems;
  detail::check_header(t.file_columns, table, problems);
  detail::read_records(reader, t, problems);
  problems.throw_if_any(t.file);
  for (std::size_t c = 0; c < t.file_columns.size(); ++c) {
    const std::string& name = t.file_columns[c];
    if (t.has(name)) continue;  // a repeated column: the first counts
    if (detail::is_date_column(table, name)) {
      t.days[name] = detail::date_column(t.file_text[c], name, t.first_row, problems);
      continue;
    }
    auto& column = t.text[name];
    column.reserve(t.rows);
    for (const std::string& v : t.file_text[c]) column.emplace_back(v);
  }
  problems.throw_if_any(t.file);
  return t;
}

}  // namespace safeguarding::inline v0::front_door
