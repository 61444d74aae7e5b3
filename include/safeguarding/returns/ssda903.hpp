// The SSDA903 return (children looked after): its CSV tables, identified by their columns, and its
// XML form, for one year or several years at once. Across years a child's episodes, reviews and
// other records are stitched: a record found in more than one return is kept once (the later
// return's values win) and an episode left open in an earlier return is closed where the later
// return's next episode begins. Each merge and amendment is reported as a finding.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "safeguarding/date.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/returns/checks.hpp"
#include "safeguarding/returns/csv.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/returns/xml.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

// Code lists (DfE SSDA903 guidance; see docs/returns.md). Columns without a list here are
// normalised but not checked.
inline constexpr std::string_view sex_codes[] = {"1", "2"};
inline constexpr std::string_view rne_codes[] = {"S", "L", "P", "T", "U", "B"};
inline constexpr std::string_view ls_codes[] = {"C1", "C2", "D1", "E1", "V2", "V3", "V4",
                                                "J1", "J2", "J3", "L1", "L2", "L3"};
inline constexpr std::string_view cin_codes[] = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};
inline constexpr std::string_view provider_codes[] = {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"};
inline constexpr std::string_view rec_codes[] = {"X1",  "E11", "E12", "E2",  "E3",  "E4A", "E4B", "E13",
                                                 "E41", "E45", "E46", "E47", "E48", "E5",  "E6",  "E7",
                                                 "E8",  "E9",  "E14", "E15", "E16", "E17", "E43", "E44"};
inline constexpr std::string_view review_codes[] = {"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};
inline constexpr std::string_view missing_codes[] = {"M", "A"};
inline constexpr std::string_view placed_ceased_codes[] = {"E11", "E12", "RD1", "RD2", "RD3", "RD4"};

using T = ColumnType;

inline constexpr ColumnSpec header_columns[] = {
    {"CHILD", T::id, {}, true}, {"SEX", T::code, sex_codes}, {"DOB", T::date}, {"ETHNIC", T::code},
    {"UPN", T::id},           {"MOTHER", T::flag},          {"MC_DOB", T::date}};
inline constexpr ColumnSpec episodes_columns[] = {
    {"CHILD", T::id, {}, true},       {"DECOM", T::date, {}, true}, {"RNE", T::code, rne_codes},
    {"LS", T::code, ls_codes},        {"CIN", T::code, cin_codes},  {"PLACE", T::code},
    {"PLACE_PROVIDER", T::code, provider_codes},                    {"DEC", T::date},
    {"REC", T::code, rec_codes},      {"REASON_PLACE_CHANGE", T::code},
    {"HOME_POST", T::text},           {"PL_POST", T::text},         {"URN", T::text}};
inline constexpr ColumnSpec reviews_columns[] = {
    {"CHILD", T::id, {}, true}, {"DOB", T::date}, {"REVIEW", T::date, {}, true}, {"REVIEW_CODE", T::code, review_codes}};
inline constexpr ColumnSpec uasc_columns[] = {
    {"CHILD", T::id, {}, true}, {"SEX", T::code, sex_codes}, {"DOB", T::date}, {"DUC", T::date}};
inline constexpr ColumnSpec oc2_columns[] = {
    {"CHILD", T::id, {}, true},     {"DOB", T::date},           {"SDQ_SCORE", T::integer},
    {"SDQ_REASON", T::code},        {"CONVICTED", T::flag},     {"HEALTH_CHECK", T::flag},
    {"IMMUNISATIONS", T::flag},     {"TEETH_CHECK", T::flag},   {"HEALTH_ASSESSMENT", T::flag},
    {"SUBSTANCE_MISUSE", T::flag},  {"INTERVENTION_RECEIVED", T::flag}, {"INTERVENTION_OFFERED", T::flag}};
inline constexpr ColumnSpec oc3_columns[] = {
    {"CHILD", T::id, {}, true}, {"DOB", T::date}, {"IN_TOUCH", T::code}, {"ACTIV", T::code}, {"ACCOM", T::code}};
inline constexpr ColumnSpec ad1_columns[] = {
    {"CHILD", T::id, {}, true}, {"DOB", T::date},         {"DATE_INT", T::date},   {"DATE_MATCH", T::date},
    {"FOSTER_CARE", T::flag},   {"NB_ADOPTR", T::integer}, {"SEX_ADOPTR", T::code}, {"LS_ADOPTR", T::code}};
inline constexpr ColumnSpec placed_for_adoption_columns[] = {
    {"CHILD", T::id, {}, true}, {"DOB", T::date}, {"DATE_PLACED", T::date, {}, true},
    {"DATE_PLACED_CEASED", T::date}, {"REASON_PLACED_CEASED", T::code, placed_ceased_codes}};
// DATE_PERM may be recorded with unknown parts ("zz/zz/2015"), so it is kept as text.
inline constexpr ColumnSpec previous_permanence_columns[] = {
    {"CHILD", T::id, {}, true}, {"DOB", T::date}, {"PREV_PERM", T::code}, {"LA_PERM", T::code}, {"DATE_PERM", T::text}};
inline constexpr ColumnSpec missing_columns[] = {
    {"CHILD", T::id, {}, true}, {"DOB", T::date}, {"MISSING", T::code, missing_codes},
    {"MIS_START", T::date, {}, true}, {"MIS_END", T::date}};
inline constexpr ColumnSpec sw_episodes_columns[] = {
    {"CHILD", T::id, {}, true}, {"DOB", T::date},    {"SW_ID", T::id},
    {"SW_DECOM", T::date, {}, true}, {"SW_DEC", T::date}, {"SW_REASON", T::code}};

inline constexpr TableSpec tables[] = {
    {"header", header_columns},
    {"episodes", episodes_columns},
    {"reviews", reviews_columns},
    {"uasc", uasc_columns},
    {"oc2", oc2_columns},
    {"oc3", oc3_columns},
    {"ad1", ad1_columns},
    {"placed_for_adoption", placed_for_adoption_columns},
    {"previous_permanence", previous_permanence_columns},
    {"missing", missing_columns},
    {"sw_episodes", sw_episodes_columns},
};

inline const TableSpec& table_spec(std::string_view name) {
  for (const auto& t : tables)
    if (t.name == name) return t;
  throw Error("no SSDA903 table " + quote(name));
}

inline bool table_has(const TableSpec& t, std::string_view column) {
  return std::any_of(t.columns.begin(), t.columns.end(), [&](const ColumnSpec& c) { return c.name == column; });
}

/// The columns that belong to only one table: a CSV file is identified by them.
inline bool is_distinctive(std::string_view column) {
  int n = 0;
  for (const auto& t : tables) n += table_has(t, column) ? 1 : 0;
  return n == 1;
}

/// Which table a CSV header (normalised column names) belongs to: the table with the most of its
/// distinctive columns present, or nullptr (with the reason in `why`) when none or a tie.
inline const TableSpec* identify(const std::vector<std::string>& header, std::string& why) {
  const TableSpec* best = nullptr;
  int best_score = 0;
  bool tie = false;
  for (const auto& t : tables) {
    int score = 0;
    for (const auto& name : header) score += table_has(t, name) && is_distinctive(name) ? 1 : 0;
    if (score > best_score) best = &t, best_score = score, tie = false;
    else if (score == best_score && score > 0) tie = true;
  }
  if (best != nullptr && !tie) return best;
  std::string columns;
  for (const auto& h : header) columns += (columns.empty() ? "" : ", ") + h;
  why = tie ? "its columns (" + columns + ") fit more than one SSDA903 table equally well"
            : "its columns (" + columns + ") match no SSDA903 table";
  return nullptr;
}

/// One year's return: its collection year (the year whose 31 March ends it; 0 until known), how
/// the year was found, and its files.
struct Return {
  int year = 0;
  std::string year_source;  // "given", "the name ...", "the latest date in the data"
  std::vector<std::filesystem::path> files;
};

namespace detail {

/// A collection year in a file or folder name: "2019", or "2018-19" / "2018_19" / "201819" for
/// the year ending in 2019. 0 when there is none.
inline int year_in_name(std::string_view name) {
  for (std::size_t i = 0; i + 4 <= name.size(); ++i) {
    auto digit = [&](std::size_t k) { return k < name.size() && name[k] >= '0' && name[k] <= '9'; };
    if ((i > 0 && digit(i - 1)) || !digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3)) continue;
    const int y = std::stoi(std::string(name.substr(i, 4)));
    if (y < 1990 || y > 2099) continue;
    std::size_t k = i + 4;
    if (k < name.size() && (name[k] == '-' || name[k] == '_' || name[k] == '/')) ++k;
    if (digit(k) && digit(k + 1) && !digit(k + 2) && std::stoi(std::string(name.substr(k, 2))) == (y + 1) % 100)
      return y + 1;
    if (digit(i + 4)) continue;
    return y;
  }
  return 0;
}

inline std::string lower_extension(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}
inline bool is_xml_file(const std::filesystem::path& p) { return lower_extension(p) == ".xml"; }
inline bool is_return_file(const std::filesystem::path& p) {
  const std::string ext = lower_extension(p);
  return ext == ".csv" || ext == ".xml";
}

}  // namespace detail

/// Groups files into returns: files in one folder form one return, unless their names carry
/// different years; a folder holding no return files but folders that do gives one return per
/// folder. The year comes from the file name, else the folder name, else (later) the data.
inline std::vector<Return> group_files(const std::vector<std::filesystem::path>& paths) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  Problems problems;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> direct, nested;
      for (const auto& entry : fs::directory_iterator(p)) {
        if (entry.is_regular_file() && detail::is_return_file(entry.path())) direct.push_back(entry.path());
        else if (entry.is_directory())
          for (const auto& inner : fs::directory_iterator(entry.path()))
            if (inner.is_regular_file() && detail::is_return_file(inner.path())) nested.push_back(inner.path());
      }
      std::sort(direct.begin(), direct.end());
      std::sort(nested.begin(), nested.end());
      if (direct.empty() && nested.empty()) problems.add(p.string(), "the folder holds no .csv or .xml files");
      files.insert(files.end(), direct.begin(), direct.end());
      files.insert(files.end(), nested.begin(), nested.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      problems.add(p.string(), "no such file or folder");
    }
  }
  problems.throw_if_any();
  std::vector<Return> returns;
  std::map<std::pair<std::string, int>, std::size_t> index;
  for (const auto& f : files) {
    int year = detail::year_in_name(f.filename().string());
    std::string source = year ? "the file name " + quote(f.filename().string()) : "";
    if (!year) {
      year = detail::year_in_name(f.parent_path().filename().string());
      if (year) source = "the folder name " + quote(f.parent_path().filename().string());
    }
    // CSV tables and an XML file are two forms of a return: never one return together.
    const auto key = std::make_pair(f.parent_path().string() + (detail::is_xml_file(f) ? "|xml" : "|csv"), year);
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, returns.size()).first;
      returns.push_back(Return{year, source, {}});
    }
    returns[it->second].files.push_back(f);
  }
  return returns;
}

namespace detail {

struct Builders {
  std::shared_ptr<Dictionary> ids = std::make_shared<Dictionary>();
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

inline Finding file_finding(const std::string& file, std::string table, std::string problem, Action action,
                            std::string column = {}) {
  Finding f;
  f.file = file;
  f.table = std::move(table);
  f.column = std::move(column);
  f.problem = std::move(problem);
  f.action = action;
  return f;
}

/// Reads one CSV file into the builder of the table its columns identify.
inline void read_csv(const std::string& name, std::int32_t file_index, Builders& builders, Dataset& data,
                     std::int64_t& unidentified_rows) {
  const Text text = read_text(name);
  CsvReader reader(text.utf8);
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) {
    data.findings.push_back(file_finding(name, "", "the file is empty (not even a header row): nothing to read", Action::ignored));
    return;
  }
  std::vector<std::string> header;
  for (auto f : fields) {
    std::string scratch;
    header.emplace_back(returns::detail::normalise_code(f, scratch));
  }
  std::string why;
  const TableSpec* spec = identify(header, why);
  if (spec == nullptr) {
    std::int64_t rows = 0;
    while (reader.next(fields)) ++rows;
    unidentified_rows += rows;
    data.findings.push_back(file_finding(name, "", "the table cannot be identified: " + why + "; its " +
                                                       std::to_string(rows) + " rows are not used",
                                         Action::rejected));
    return;
  }
  TableBuilder& builder = builders[spec->name];
  // Where each of the table's columns is in the file.
  std::vector<std::ptrdiff_t> position(spec->columns.size(), -1);
  std::vector<std::string> missing_keys;
  for (std::size_t i = 0; i < spec->columns.size(); ++i) {
    const auto it = std::find(header.begin(), header.end(), spec->columns[i].name);
    if (it != header.end()) {
      position[i] = it - header.begin();
      if (std::find(it + 1, header.end(), spec->columns[i].name) != header.end())
        data.findings.push_back(file_finding(name, std::string(spec->name),
                                             "column " + std::string(spec->columns[i].name) +
                                                 " appears more than once; the first is read",
                                             Action::ignored, std::string(spec->columns[i].name)));
    } else if (spec->columns[i].key) {
      missing_keys.emplace_back(spec->columns[i].name);
    } else {
      data.findings.push_back(file_finding(name, std::string(spec->name),
                                           "column " + std::string(spec->columns[i].name) +
                                               " is missing: its values are treated as blank",
                                           Action::kept, std::string(spec->columns[i].name)));
    }
  }
  for (const auto& h : header)
    if (!table_has(*spec, h))
      data.findings.push_back(file_finding(name, std::string(spec->name),
                                           "column " + quote(h) + " is not part of the " + std::string(spec->name) +
                                               " table: its values are not read",
                                           Action::ignored, h));
  if (!missing_keys.empty()) {
    std::int64_t rows = 0;
    while (reader.next(fields)) ++rows;
    builder.reject_unread(rows);
    std::string list;
    for (const auto& k : missing_keys) list += (list.empty() ? "" : ", ") + k;
    data.findings.push_back(file_finding(name, std::string(spec->name),
                                         "the " + std::string(spec->name) + " table needs column" +
                                             (missing_keys.size() > 1 ? "s " : " ") + list + ", which " +
                                             (missing_keys.size() > 1 ? "are" : "is") + " missing; its " +
                                             std::to_string(rows) + " rows are not used",
                                         Action::rejected, list));
    return;
  }
  const std::size_t width = header.size();
  while (reader.next(fields)) {
    const std::int64_t row = reader.record_number();
    if (fields.size() != width || reader.unterminated_quote()) {
      builder.reject_unread();
      Finding f = file_finding(name, std::string(spec->name),
                               reader.unterminated_quote()
                                   ? "a quoted value is never closed: the rest of the file is one row"
                                   : "the row has " + std::to_string(fields.size()) + " values but the header has " +
                                         std::to_string(width) + " columns (ragged row)",
                               Action::rejected);
      f.row = row;
      f.where = "row " + std::to_string(row);
      data.findings.push_back(std::move(f));
      continue;
    }
    builder.add(
        TableBuilder::Origin{file_index, name, row},
        [&](std::size_t i) -> std::optional<std::string_view> {
          if (position[i] < 0) return std::nullopt;
          return fields[static_cast<std::size_t>(position[i])];
        },
        [&](std::size_t i) { return "row " + std::to_string(row) + ", column " + std::string(spec->columns[i].name); },
        data.findings);
  }
}

/// The XML element names of a table's own columns (CHILD and DOB come from the HEADER).
inline std::vector<std::string_view> element_names(std::string_view table) {
  std::vector<std::string_view> names;
  for (const auto& c : table_spec(table).columns)
    if (c.name != "CHILD" && c.name != "DOB") names.push_back(c.name == "PLACE" ? std::string_view("PL") : c.name);
  return names;
}

/// Reads one SSDA903 XML file: each CHILD's HEADER, its reviews, missing episodes, outcomes and
/// adoption records, and its EPISODEs.
inline void read_xml(const std::string& name, std::int32_t file_index, Builders& builders, Dataset& data,
                     std::int64_t& unidentified_rows) {
  XmlFile xml(read_text(name), name);
  const pugi::xml_node root = xml.root();
  if (std::string_view(root.name()) != "EXPSSDA903") {
    std::int64_t rows = 0;
    for (auto c = root.first_child(); c; c = c.next_sibling()) rows += c.type() == pugi::node_element ? 1 : 0;
    unidentified_rows += rows;
    data.findings.push_back(file_finding(name, "",
                                         "the root element is <" + std::string(root.name()) +
                                             ">, not <EXPSSDA903>: not an SSDA903 XML file; its " +
                                             std::to_string(rows) + " elements are not used",
                                         Action::rejected));
    return;
  }
  const std::string root_path = "/EXPSSDA903";
  report_unknown_children(xml, root, root_path, {"CHILD"}, "", data.findings, {"CHILD"});
  std::size_t child_index = 0;
  for (pugi::xml_node child = root.child("CHILD"); child; child = child.next_sibling("CHILD")) {
    const std::string child_path = returns::detail::child_path(root_path, child, ++child_index);
    const pugi::xml_node header = child.child("HEADER");
    const std::string header_path = child_path + "/HEADER";
    report_unknown_children(xml, child, child_path, {"HEADER", "EPISODE"}, "", data.findings, {"EPISODE"});
    report_unknown_children(xml, header, header_path,
                            {"CHILDID", "UPN", "SEX", "DOB", "ETHNIC", "UASC", "DUC", "MOTHER", "MC_DOB", "AREVIEW",
                             "AMISSING", "OC2", "PERMANENCE", "AD_PLACED", "IN_TOUCH", "ACTIV", "ACCOM", "DATE_INT",
                             "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
                            "header", data.findings, {"AREVIEW", "AMISSING", "OC2", "PERMANENCE", "AD_PLACED"});
    const auto header_text = [&](std::string_view column) -> std::optional<std::string_view> {
      if (column == "CHILD") column = "CHILDID";
      return returns::detail::child_text(header, std::string(column).c_str());
    };
    // A row of `table` from element `node` at `path`: its own values first, then the HEADER's.
    auto add_row = [&](std::string_view table, pugi::xml_node node, const std::string& path) {
      TableBuilder& b = builders[table];
      const auto& cols = b.spec().columns;
      b.add(
          TableBuilder::Origin{file_index, name, xml.line_of(node ? node : child)},
          [&](std::size_t i) -> std::optional<std::string_view> {
            std::string_view column = cols[i].name;
            if (node && node != header) {
              const std::string element = column == "PLACE" ? "PL" : std::string(column);
              if (auto v = returns::detail::child_text(node, element.c_str())) return v;
            }
            return header_text(column);
          },
          [&](std::size_t i) {
            std::string_view column = cols[i].name;
            const bool own = node && node != header && (column != "CHILD" && column != "DOB");
            if (own) return path + "/" + (column == "PLACE" ? std::string("PL") : std::string(column));
            return header_path + "/" + (column == "CHILD" ? std::string("CHILDID") : std::string(column));
          },
          data.findings);
    };
    add_row("header", header, header_path);
    const auto present = [&](std::initializer_list<const char*> names) {
      for (const char* n : names)
        if (auto v = returns::detail::child_text(header, n); v && !returns::detail::trim(*v).empty()) return true;
      return false;
    };
    // A uasc row comes from a UASC flag that says yes (1, true, Y) or from a DUC; a UASC of 0,
    // false or N says the child is not an unaccompanied asylum-seeking child.
    bool uasc_yes = false;
    if (const auto uasc = returns::detail::child_text(header, "UASC"); uasc && !returns::detail::trim(*uasc).empty()) {
      std::string problem;
      if (const auto flag = ValueReader::flag(*uasc, problem)) {
        uasc_yes = *flag == 1;
      } else {
        Finding f = file_finding(name, "uasc", problem, Action::blanked, "UASC");
        f.row = xml.line_of(header.child("UASC"));
        f.where = header_path + "/UASC";
        f.child = std::string(returns::detail::trim(header_text("CHILD").value_or("")));
        f.value = std::string(*uasc);
        data.findings.push_back(std::move(f));
      }
    }
    if (uasc_yes || present({"DUC"})) add_row("uasc", header, header_path);
    if (present({"IN_TOUCH", "ACTIV", "ACCOM"})) add_row("oc3", header, header_path);
    if (present({"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}))
      add_row("ad1", header, header_path);
    const std::pair<const char*, std::string_view> nested[] = {{"AREVIEW", "reviews"},
                                                               {"AMISSING", "missing"},
                                                               {"OC2", "oc2"},
                                                               {"PERMANENCE", "previous_permanence"},
                                                               {"AD_PLACED", "placed_for_adoption"}};
    for (const auto& [element, table] : nested) {
      std::size_t k = 0;
      for (pugi::xml_node n = header.child(element); n; n = n.next_sibling(element)) {
        const std::string path = returns::detail::child_path(header_path, n, ++k);
        report_unknown_children(xml, n, path, element_names(table), table, data.findings);
        add_row(table, n, path);
      }
    }
    std::size_t k = 0;
    for (pugi::xml_node e = child.child("EPISODE"); e; e = e.next_sibling("EPISODE")) {
      const std::string path = returns::detail::child_path(child_path, e, ++k);
      report_unknown_children(xml, e, path, element_names("episodes"), "episodes", data.findings);
      add_row("episodes", e, path);
    }
  }
}


/// Concatenates the builders' tables (all returns) into the dataset.
inline void finish_tables(Builders& builders, Dataset& data) {
  for (auto& b : builders.list) {
    data.counts.push_back(b.counts());
    data.tables.push_back(b.finish());
  }
}

/// The key a table's rows are stitched on: rows with the same child and the same key date are
/// one record. Tables of yearly outcomes (oc2, oc3, ad1, previous_permanence) are per return.
struct StitchKey {
  std::string_view table;
  std::string_view date;  // empty: the child alone
  bool per_return;
};
inline constexpr StitchKey stitch_keys[] = {
    {"header", "", false},         {"episodes", "DECOM", false},   {"reviews", "REVIEW", false},
    {"uasc", "", false},           {"missing", "MIS_START", false}, {"placed_for_adoption", "DATE_PLACED", false},
    {"sw_episodes", "SW_DECOM", false}, {"oc2", "", true},          {"oc3", "", true},
    {"ad1", "", true},             {"previous_permanence", "", true}};

/// Whether rows i and j hold the same value in a column (string columns share their dictionary,
/// so equal codes are equal text).
inline bool same_value(const Column& c, std::size_t i, std::size_t j) {
  if (c.is_string()) return c.codes[i] == c.codes[j];
  if (c.is_number()) return c.numbers[i] == c.numbers[j];
  return c.flags[i] == c.flags[j];
}

/// Keeps one row per record: the last in return order (then file order); the others are merged
/// into it, each with a finding naming the columns that differ.
inline void deduplicate(Dataset& data, const std::vector<bool>& is_xml, Table& t, const StitchKey& key,
                        const std::vector<int>& year_of_file) {
  const auto& child = t.column("CHILD").codes;
  const std::vector<std::int64_t>* date = key.date.empty() ? nullptr : &t.column(key.date).numbers;
  const auto year = [&](std::size_t i) { return year_of_file[static_cast<std::size_t>(t.file[i])]; };
  const auto record = [&](std::size_t i) {
    return std::make_tuple(child[i], date ? (*date)[i] : 0, key.per_return ? year(i) : 0);
  };
  // Sorted by record, then year, then position: the last of each record's group is kept.
  struct Key {
    std::int32_t child;
    std::int64_t date;
    int group_year, year;
    std::size_t index;
    bool operator<(const Key& o) const {
      return std::tie(child, date, group_year, year, index) < std::tie(o.child, o.date, o.group_year, o.year, o.index);
    }
  };
  std::vector<Key> keys(t.size());
  for (std::size_t i = 0; i < t.size(); ++i)
    keys[i] = Key{child[i], date ? (*date)[i] : 0, key.per_return ? year(i) : 0, year(i), i};
  std::sort(keys.begin(), keys.end());
  std::vector<std::size_t> order(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) order[i] = keys[i].index;
  keys.clear();
  keys.shrink_to_fit();
  // The last of each record's group (the row kept) and how many rows merge into another.
  std::vector<std::size_t> group_end(order.size());
  std::size_t duplicates = 0;
  for (std::size_t k = order.size(); k-- > 0;) {
    const bool same_as_next = k + 1 < order.size() && record(order[k + 1]) == record(order[k]);
    group_end[k] = same_as_next ? group_end[k + 1] : k;
    duplicates += same_as_next ? 1 : 0;
  }
  data.findings.reserve(data.findings.size() + duplicates);
  std::vector<std::size_t> keep;
  keep.reserve(t.size() - duplicates);
  std::int64_t merged = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (group_end[k] == k) {
      keep.push_back(i);
      continue;
    }
    const std::size_t kept = order[group_end[k]];
    std::string differs;
    for (const auto& c : t.columns)
      if (!same_value(c, i, kept)) (differs.empty() ? differs : differs.append(", ")).append(c.name);
    const bool same_file = t.file[i] == t.file[kept];
    std::string problem;
    problem.reserve(160);
    if (same_file)
      problem.append("duplicate of ").append(returns::detail::row_where(is_xml, t, kept, "")).append(" in the same file");
    else
      problem.append("also in ").append(data.files[static_cast<std::size_t>(t.file[kept])]).append(" (")
          .append(returns::detail::row_where(is_xml, t, kept, "")).append(")");
    if (!same_file && year(kept) != year(i))
      problem.append(", the ").append(std::to_string(year(kept))).append(" return, whose row is kept");
    else
      problem.append(", whose row is kept");
    if (differs.empty())
      problem.append(" (identical)");
    else
      problem.append(" (differs in ").append(differs).append(")");
    data.findings.push_back(returns::detail::row_finding(data, is_xml, t, i, key.date, date ? format_days((*date)[i]) : "",
                                                         std::move(problem), Action::merged));
    ++merged;
  }
  if (merged == 0) return;
  std::sort(keep.begin(), keep.end());
  returns::detail::counts_of(data, t.name).merged += merged;
  t.select(keep);
}

/// Episodes of one child that overlap: an episode from an earlier return still open (or ending
/// later) when the next episode from a later return begins is closed on that day (DEC amended, REC
/// X1 when blank); an earlier return's episode starting inside a later return's episode is
/// superseded (merged); overlaps within one return are kept and reported.
inline void stitch_episodes(Dataset& data, const std::vector<bool>& is_xml, Table& t, const std::vector<int>& year_of_file) {
  const auto& child = t.column("CHILD").codes;
  const auto& decom = t.column("DECOM").numbers;
  auto& dec = t.column("DEC").numbers;
  Column& rec = t.column("REC");
  const auto year = [&](std::size_t i) { return year_of_file[static_cast<std::size_t>(t.file[i])]; };
  std::vector<std::size_t> order(t.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return std::tie(child[a], decom[a]) < std::tie(child[b], decom[b]); });
  std::vector<bool> drop(t.size(), false);
  std::int64_t dropped = 0;
  std::size_t previous = t.size();  // the last kept episode of the current child
  for (std::size_t i : order) {
    if (previous == t.size() || child[previous] != child[i]) {
      previous = i;
      continue;
    }
    const std::size_t e = previous;
    const bool overlaps = dec[e] == nat || dec[e] > decom[i];
    if (!overlaps) {
      previous = i;
      continue;
    }
    const std::string open = dec[e] == nat ? "open (no DEC)" : "ending " + format_days(dec[e]);
    if (year(e) < year(i)) {
      data.findings.push_back(returns::detail::row_finding(
          data, is_xml, t, e, "DEC", dec[e] == nat ? "" : format_days(dec[e]),
          "episode starting " + format_days(decom[e]) + " in the " + std::to_string(year(e)) + " return is " + open +
              " but the " + std::to_string(year(i)) + " return has the next episode starting " + format_days(decom[i]) +
              ": DEC set to " + format_days(decom[i]),
          Action::amended));
      dec[e] = decom[i];
      if (rec.codes[e] == missing_code) rec.codes[e] = rec.dictionary->intern("X1");
      previous = i;
    } else if (year(e) > year(i)) {
      data.findings.push_back(returns::detail::row_finding(
          data, is_xml, t, i, "DECOM", format_days(decom[i]),
          "episode from the " + std::to_string(year(i)) + " return starts inside the " + std::to_string(year(e)) +
              " return's episode starting " + format_days(decom[e]) + " (" + open + "), which supersedes it",
          Action::merged));
      drop[i] = true;
      ++dropped;
    } else {
      data.findings.push_back(returns::detail::row_finding(
          data, is_xml, t, e, "DEC", dec[e] == nat ? "" : format_days(dec[e]),
          "episode starting " + format_days(decom[e]) + " is " + open + " but the same child's next episode starts " +
              format_days(decom[i]) + " (overlapping episodes in one return)",
          Action::kept));
      previous = i;
    }
  }
  if (dropped == 0) return;
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (!drop[i]) keep.push_back(i);
  returns::detail::counts_of(data, t.name).merged += dropped;
  t.select(keep);
}

/// The collection year (ending 31 March) that holds the latest date of a return's episodes,
/// reviews and missing episodes; 0 when it has none.
inline int year_from_data(const Dataset& data, std::int32_t first_file, std::int32_t end_file) {
  std::int64_t latest = nat;
  const std::pair<std::string_view, std::string_view> dated[] = {
      {"episodes", "DECOM"}, {"episodes", "DEC"}, {"reviews", "REVIEW"}, {"missing", "MIS_START"}, {"missing", "MIS_END"}};
  for (const auto& [table, column] : dated) {
    const Table* t = data.find(table);
    if (!t) continue;
    const auto& v = t->column(column).numbers;
    for (std::size_t i = 0; i < t->size(); ++i)
      if (t->file[i] >= first_file && t->file[i] < end_file && v[i] != nat) latest = std::max(latest, v[i]);
  }
  if (latest == nat) return 0;
  const auto c = support::civil_from_days(latest);
  return static_cast<int>(c.month >= 4 ? c.year + 1 : c.year);
}

}  // namespace detail

/// Everything read from one or more SSDA903 returns.
struct Ssda903 {
  Dataset data;
  std::vector<Return> returns;  // in the order they were stitched (oldest first), years resolved
};

/// Reads the returns (each a year's files, CSV tables or an XML file) and stitches them. Files
/// that cannot be read at all (missing, malformed XML, bad UTF-16) are an Error listing every
/// such file; everything else is a finding.
inline Ssda903 load(std::vector<Return> returns) {
  Ssda903 out;
  Dataset& data = out.data;
  detail::Builders builders;
  std::vector<bool> is_xml;
  std::vector<std::pair<std::int32_t, std::int32_t>> file_range;  // per return: [first, end) file index
  std::int64_t unidentified = 0;
  Problems problems;
  for (const auto& r : returns) {
    const auto first = static_cast<std::int32_t>(data.files.size());
    for (const auto& path : r.files) {
      const std::string name = path.string();
      const auto index = static_cast<std::int32_t>(data.files.size());
      data.files.push_back(name);
      is_xml.push_back(detail::is_xml_file(path));
      try {
        if (is_xml.back()) detail::read_xml(name, index, builders, data, unidentified);
        else detail::read_csv(name, index, builders, data, unidentified);
      } catch (const Error& e) {
        problems.append(e.problems());
      }
    }
    file_range.emplace_back(first, static_cast<std::int32_t>(data.files.size()));
  }
  problems.throw_if_any("SSDA903");
  detail::finish_tables(builders, data);
  if (unidentified > 0) data.counts.push_back(RowCounts{"(unidentified)", unidentified, 0, unidentified, 0});

  // Years: as given or named, else from the data; then oldest first.
  for (std::size_t r = 0; r < returns.size(); ++r) {
    if (returns[r].year == 0) {
      returns[r].year = detail::year_from_data(data, file_range[r].first, file_range[r].second);
      returns[r].year_source = returns[r].year ? "the latest date in its episodes, reviews and missing episodes" : "unknown";
    }
  }
  std::vector<int> year_of_file(data.files.size(), 0);
  for (std::size_t r = 0; r < returns.size(); ++r)
    for (auto f = file_range[r].first; f < file_range[r].second; ++f)
      year_of_file[static_cast<std::size_t>(f)] = returns[r].year;

  // Impossible dates within a row.
  check_order(data, is_xml, "reviews", "DOB", "REVIEW", "a review cannot be held before the child is born", true);
  check_order(data, is_xml, "episodes", "DECOM", "DEC", "the episode ends before it starts", false);
  check_order(data, is_xml, "missing", "MIS_START", "MIS_END", "the missing episode ends before it starts", false);
  // Reviews dated before the birth date in the header (the reviews table may lack DOB).
  if (const Table* header = data.find("header")) {
    // The DOB of the latest return that gives one (the header may be in several returns, loaded
    // in any order; a later return corrects an earlier one).
    const std::size_t ids = header->column("CHILD").dictionary->size();
    std::vector<std::int64_t> dob(ids, nat);
    std::vector<int> dob_year(ids, std::numeric_limits<int>::min());
    const auto& hc = header->column("CHILD").codes;
    const auto& hd = header->column("DOB").numbers;
    for (std::size_t i = 0; i < header->size(); ++i) {
      const auto c = static_cast<std::size_t>(hc[i]);
      const int y = year_of_file[static_cast<std::size_t>(header->file[i])];
      if (hd[i] == nat || y < dob_year[c]) continue;
      dob[c] = hd[i];
      dob_year[c] = y;
    }
    for (auto& t : data.tables) {
      if (t.name != "reviews") continue;
      const auto& rc = t.column("CHILD").codes;
      const auto& rd = t.column("REVIEW").numbers;
      const auto& own = t.column("DOB").numbers;
      std::vector<std::size_t> keep;
      for (std::size_t i = 0; i < t.size(); ++i) {
        const std::int64_t born = dob[static_cast<std::size_t>(rc[i])];
        if (own[i] == nat && born != nat && rd[i] < born) {
          data.findings.push_back(returns::detail::row_finding(
              data, is_xml, t, i, "REVIEW", format_days(rd[i]),
              "REVIEW " + format_days(rd[i]) + " is before the child's DOB " + format_days(born) +
                  " in the header (a review cannot be held before the child is born)",
              Action::rejected));
          continue;
        }
        keep.push_back(i);
      }
      if (keep.size() != t.size()) {
        returns::detail::counts_of(data, t.name).rejected += static_cast<std::int64_t>(t.size() - keep.size());
        t.select(keep);
      }
    }
  }

  // Stitching across returns (and duplicates within one).
  for (auto& t : data.tables)
    for (const auto& key : detail::stitch_keys)
      if (key.table == t.name) detail::deduplicate(data, is_xml, t, key, year_of_file);
  for (auto& t : data.tables)
    if (t.name == "episodes") detail::stitch_episodes(data, is_xml, t, year_of_file);

  // Rows in stitched order: by child (in the ids' text order), then by the table's date.
  std::vector<std::int32_t> rank;
  if (!data.tables.empty()) {
    const auto& ids = *data.tables.front().column("CHILD").dictionary;
    std::vector<std::int32_t> by_text(ids.size());
    std::iota(by_text.begin(), by_text.end(), 0);
    std::sort(by_text.begin(), by_text.end(), [&](std::int32_t a, std::int32_t b) { return ids[a] < ids[b]; });
    rank.resize(ids.size());
    for (std::size_t i = 0; i < by_text.size(); ++i) rank[static_cast<std::size_t>(by_text[i])] = static_cast<std::int32_t>(i);
  }
  for (auto& t : data.tables) {
    std::vector<std::size_t> order(t.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto& child = t.column("CHILD").codes;
    const std::vector<std::int64_t>* date = nullptr;
    for (const auto& key : detail::stitch_keys)
      if (key.table == t.name && !key.date.empty()) date = &t.column(key.date).numbers;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (child[a] != child[b]) return rank[static_cast<std::size_t>(child[a])] < rank[static_cast<std::size_t>(child[b])];
      if (date) return (*date)[a] < (*date)[b];
      return year_of_file[static_cast<std::size_t>(t.file[a])] < year_of_file[static_cast<std::size_t>(t.file[b])];
    });
    t.select(order);
  }
  finish_counts(data);
  out.returns = std::move(returns);
  return out;
}

/// Reads files or folders (see group_files) as SSDA903 returns.
inline Ssda903 load(const std::vector<std::filesystem::path>& paths) { return load(group_files(paths)); }

}  // namespace safeguarding::inline v0::returns::ssda903
