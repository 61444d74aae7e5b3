// Reading the SSDA903 return (children looked after): its CSV tables, identified by their columns,
// and its XML form, for one year or several years at once. Across years a child's episodes, reviews
// and other records are stitched: a record found in more than one return is kept once (the later
// return's values win) and an episode left open in an earlier return is closed where the later
// return's next episode begins. Each merge and amendment is reported as a finding.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "safeguarding/config.hpp"
#include "safeguarding/returns/ssda903/tables.hpp"
#include "safeguarding/returns/table.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

/// One year's return: its collection year (the year whose 31 March ends it; 0 until known), how
/// the year was found, and its files.
struct Return {
  int year = 0;
  std::string year_from;  // "given", "the file name ...", "the folder name ...", "the latest date ..."
  std::vector<std::filesystem::path> files;
  /// A regional collection's authority (the LA column): only the files' rows whose LA is this and
  /// whose YEAR is `year` are read. Empty for an authority's own return.
  std::string authority;
  /// The tables the return supplied (sorted, each once), filled in by load: a CSV file's table as
  /// its header identifies it (a header with no rows supplies its table: none that year, a figure
  /// of 0); not a file that cannot be identified or lacks its table's key columns (a finding says
  /// so). An XML file supplies every table: the schema has no empty table, so a child without
  /// <AMISSING> elements had no missing episode. A counting measure for a year gives no figure
  /// when that year's return did not supply its table (a figure of 0 would be made of nothing).
  /// Tables named here by the caller are kept: the regional reader names every table of the
  /// regional set for each authority-year in it, rows or none.
  std::vector<std::string> tables = {};
};

/// Groups files into returns: files in one folder form one return, unless their names carry
/// different years; a folder holding no return files but folders that do gives one return per
/// folder. The year comes from the file name, else the folder name, else (later) the data. A path
/// that is neither a file nor a folder, or a folder that cannot be read, is an Error.
std::vector<Return> group_files(const std::vector<std::filesystem::path>& paths);

/// Everything read from one or more SSDA903 returns.
struct Ssda903 {
  Dataset data;
  std::vector<Return> returns;  // in the order they were stitched (oldest first), years resolved
};

/// Reads the returns (each a year's files, CSV tables or an XML file) and stitches them. Files
/// that cannot be read at all (missing, malformed XML, bad UTF-16, a folder given as a file) are an
/// Error listing every such file; everything else is a finding.
/// Dates are read as `options` say (ReadOptions: day or month first, checked per file and column).
/// A return whose year is neither given nor named takes the year holding most of its DEC, REVIEW,
/// MIS_START and MIS_END dates (`year_from` says how); a date after its return's year or after
/// today is reported.
Ssda903 load(std::vector<Return> returns, const ReadOptions& options = {});
/// Reads files or folders (see group_files) as SSDA903 returns.
Ssda903 load(const std::vector<std::filesystem::path>& paths, const ReadOptions& options = {});
/// Reads one folder (of CSV tables, or of one folder per year) or one file.
Ssda903 load(const std::filesystem::path& path, const ReadOptions& options = {});

/// A regional collection: many authorities' returns in one set of CSV tables, each row naming its
/// authority (column LA) and collection year (column YEAR, "2019" or "2018-19"). Each authority is
/// read as its own returns, one per YEAR, stitched as ssda903::load stitches an authority's
/// returns: children are keyed by (LA, CHILD), so nothing is mixed across authorities. A table
/// whose file is in the regional set counts as supplied by every authority-year (Return::tables),
/// whether or not it has rows of that authority and year.
struct Regional {
  std::vector<std::string> authorities;  // sorted
  std::vector<Ssda903> returns;          // per authority
};
/// Reads regional CSV tables (files or folders). A file without an LA or YEAR column, or rows
/// whose LA is blank or whose YEAR is not a collection year, are an Error listing each.
Regional load_regional(const std::vector<std::filesystem::path>& paths, const ReadOptions& options = {});

}  // namespace safeguarding::inline v0::returns::ssda903

#if defined(SAFEGUARDING_HEADER_ONLY)
#include "src/returns/ssda903/files.cpp"
#include "src/returns/ssda903/load.cpp"
#include "src/returns/ssda903/read_csv.cpp"
#include "src/returns/ssda903/read_xml.cpp"
#include "src/returns/ssda903/stitch.cpp"
#endif
