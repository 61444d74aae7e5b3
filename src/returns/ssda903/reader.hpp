// The SSDA903 reader's parts: finding the returns' files and their years, reading CSV tables and
// the XML form into table builders, and stitching several years together. Private to the returns
// library (see include/safeguarding/returns/ssda903/load.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// Not ssda903/load.hpp: in header-only mode it includes the reader's sources at its end, and they
// need this header's declarations, which a file including this header first would not yet have.
#include "../table_builder.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/returns/ssda903/tables.hpp"
#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::support {
struct TextBuffer;
}  // namespace safeguarding::inline v0::support

namespace safeguarding::inline v0::returns::ssda903 {

namespace detail {

/// A collection year in a file or folder name: "2019", or "2018-19" / "2018_19" / "201819" for
/// the year ending in 2019. 0 when there is none.
int year_in_name(std::string_view name);
bool is_xml_file(const std::filesystem::path& p);

/// One table builder per SSDA903 table, their id columns sharing one dictionary.
struct Builders {
  std::shared_ptr<returns::detail::Interner> ids = std::make_shared<returns::detail::Interner>();
  std::vector<TableBuilder> list;
  Builders() {
    for (const auto& t : tables) list.emplace_back(t, ids);
  }
  TableBuilder& operator[](std::string_view name) {
    for (auto& b : list)
      if (b.spec().name == name) return b;
    throw Error("no SSDA903 table " + quote(name));
  }
};

/// A CSV file's header row: its column names normalised as codes are (trimmed, upper case), and
/// the table they identify: the table with the most of its distinctive columns present, or
/// nullptr (with the reason in `why`) when none or a tie.
struct Header {
  std::vector<std::string> names;
  const TableSpec* table = nullptr;
  std::string why;
  /// Where a column is (its first occurrence), or -1.
  [[nodiscard]] std::ptrdiff_t at(std::string_view column) const;
};
Header normalised_header(const std::vector<std::string_view>& fields);

/// The rows of a regional file that belong to one return: its authority (LA) and year (YEAR).
struct Partition {
  std::string authority;
  int year = 0;
};
/// The collection year a YEAR value names ("2019", "2018-19"), or 0.
int year_of_value(std::string_view text);

/// Reads one CSV file into the builder of the table its columns identify; with a partition, only
/// the rows of its authority and year (the LA and YEAR columns are then not reported as unknown).
/// Returns the table the file supplied (see Return::tables), or nullptr. The file is read into
/// `text` (a buffer kept from file to file).
const TableSpec* read_csv(const std::string& name, std::int32_t file_index, Builders& builders, Dataset& data,
                          std::int64_t& unidentified_rows, support::TextBuffer& text,
                          const Partition* partition = nullptr);
/// Reads one SSDA903 XML file: each CHILD's HEADER, its reviews, missing episodes, outcomes and
/// adoption records, and its EPISODEs.
void read_xml(const std::string& name, std::int32_t file_index, Builders& builders, Dataset& data,
              std::int64_t& unidentified_rows);

/// The return each file belongs to, and whether it is XML (to name positions as lines).
struct FileYears {
  std::vector<int> year;     // per file: its return's collection year
  std::vector<bool> is_xml;  // per file
};

/// Rows whose dates contradict each other within a row, or a review dated before the birth date in
/// the header of the latest return giving one: reported, and the reviews rejected.
void check_dates(Dataset& data, const FileYears& files);
/// Row ranges as text: "rows 2-14, 17, 20-31" (XML: "lines"), at most `shown` ranges, then "and N
/// more ranges" (the `where` of a finding about many merged rows).
std::string ranges_text(const std::vector<RowRange>& rows, bool xml, std::size_t shown = 3);
/// Each id's rank in the text order of the ids (by code): the order of the children in the
/// stitched tables.
std::vector<std::int32_t> id_ranks(const Dictionary& ids);
/// Merges the records found more than once (across returns or within a file) and closes episodes
/// left open by an earlier return; then sorts every table by child (`rank`: id_ranks of the ids),
/// then by its date.
void stitch(Dataset& data, const FileYears& files, returns::detail::Interner& rec_codes,
            const std::vector<std::int32_t>& rank);
/// The table a CSV file holds by its header row, read from the file's first 4 KB alone; nullptr
/// when they do not tell it plainly (no line break, a NUL byte, a quote in the header). A guess
/// for allocating a load's columns, never a finding (load.cpp).
const TableSpec* table_by_first_line(const std::filesystem::path& path);

}  // namespace detail

}  // namespace safeguarding::inline v0::returns::ssda903
