// Reading the SSDA903 XML form (EXPSSDA903): each CHILD's HEADER gives the header, uasc, oc3 and
// ad1 rows and holds the reviews, missing episodes, OC2, PERMANENCE and AD_PLACED elements; each
// EPISODE is an episodes row.
#include "safeguarding/returns/ssda903/load.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../../support/text_file.hpp"
#include "../loading.hpp"
#include "../xml.hpp"
#include "reader.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

namespace detail {

/// The XML element names of a table's own columns (CHILD and DOB come from the HEADER).
SAFEGUARDING_FUNC std::vector<std::string_view> element_names(std::string_view table) {
  std::vector<std::string_view> names;
  for (const auto& t : tables)
    if (t.name == table)
      for (const auto& c : t.columns)
        if (c.name != "CHILD" && c.name != "DOB") names.push_back(c.name == "PLACE" ? std::string_view("PL") : c.name);
  return names;
}

/// Reads one CHILD element into the builders.
class ChildReader {
 public:
  ChildReader(const XmlFile& xml, std::int32_t file_index, Builders& builders, Dataset& data)
      : xml_(xml), file_index_(file_index), builders_(builders), data_(data) {}

  void read(pugi::xml_node child, const std::string& child_path) {
    child_ = child;
    // Reported first: a case variant reported as read in place of an element is found by the
    // look-ups that follow (child_element, child_text).
    report_unknown_children(xml_, child, child_path, {"HEADER", "EPISODE"}, "", data_.findings, {"EPISODE"});
    header_ = returns::detail::child_element(xml_, child, "HEADER");
    header_path_ = child_path + "/HEADER";
    report_unknown_children(
        xml_, header_, header_path_,
        {"CHILDID", "UPN",      "SEX",        "DOB",         "ETHNIC",     "UASC",       "DUC",      "MOTHER",
         "MC_DOB",  "AREVIEW",  "AMISSING",   "OC2",         "PERMANENCE", "AD_PLACED",  "IN_TOUCH", "ACTIV",
         "ACCOM",   "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",  "SEX_ADOPTR", "LS_ADOPTR"},
        "header", data_.findings, {"AREVIEW", "AMISSING", "OC2", "PERMANENCE", "AD_PLACED"});
    add_row("header", header_, header_path_);
    if (uasc_yes() || present({"DUC"})) add_row("uasc", header_, header_path_);
    if (present({"IN_TOUCH", "ACTIV", "ACCOM"})) add_row("oc3", header_, header_path_);
    if (present({"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}))
      add_row("ad1", header_, header_path_);
    const std::pair<const char*, std::string_view> nested[] = {{"AREVIEW", "reviews"},
                                                               {"AMISSING", "missing"},
                                                               {"OC2", "oc2"},
                                                               {"PERMANENCE", "previous_permanence"},
                                                               {"AD_PLACED", "placed_for_adoption"}};
    for (const auto& [element, table] : nested) {
      std::size_t k = 0;
      for (pugi::xml_node n = returns::detail::child_element(xml_, header_, element); n;
           n = returns::detail::next_element(n, element)) {
        const std::string path = returns::detail::child_path(header_path_, element, ++k);
        report_unknown_children(xml_, n, path, element_names(table), table, data_.findings);
        add_row(table, n, path);
      }
    }
    std::size_t k = 0;
    for (pugi::xml_node e = returns::detail::child_element(xml_, child, "EPISODE"); e;
         e = returns::detail::next_element(e, "EPISODE")) {
      const std::string path = returns::detail::child_path(child_path, "EPISODE", ++k);
      report_unknown_children(xml_, e, path, element_names("episodes"), "episodes", data_.findings);
      add_row("episodes", e, path);
    }
  }

 private:
  std::optional<std::string_view> header_text(std::string_view column) const {
    if (column == "CHILD") column = "CHILDID";
    return returns::detail::child_text(xml_, header_, std::string(column).c_str());
  }

  /// A row of `table` from element `node` at `path`: its own values first, then the HEADER's.
  void add_row(std::string_view table, pugi::xml_node node, const std::string& path) {
    TableBuilder& b = builders_[table];
    const auto& cols = b.spec().columns;
    b.add(
        TableBuilder::Origin{file_index_, xml_.name(), xml_.line_of(node ? node : child_), path},
        [&](std::size_t i) -> std::optional<std::string_view> {
          std::string_view column = cols[i].name;
          if (node && node != header_) {
            const std::string element = column == "PLACE" ? "PL" : std::string(column);
            if (auto v = returns::detail::child_text(xml_, node, element.c_str())) return v;
          }
          return header_text(column);
        },
        [&](std::size_t i) {
          std::string_view column = cols[i].name;
          const bool own = node && node != header_ && (column != "CHILD" && column != "DOB");
          if (own) return path + "/" + (column == "PLACE" ? std::string("PL") : std::string(column));
          return header_path_ + "/" + (column == "CHILD" ? std::string("CHILDID") : std::string(column));
        },
        data_.findings);
  }

  bool present(std::initializer_list<const char*> names) const {
    for (const char* n : names)
      if (auto v = returns::detail::child_text(xml_, header_, n); v && !support::detail::trim(*v).empty()) return true;
    return false;
  }

  /// A uasc row comes from a UASC flag that says yes (1, true, Y) or from a DUC; a UASC of 0,
  /// false or N says the child is not an unaccompanied asylum-seeking child. An unreadable UASC is
  /// reported.
  bool uasc_yes() {
    const auto uasc = returns::detail::child_text(xml_, header_, "UASC");
    if (!uasc || support::detail::trim(*uasc).empty()) return false;
    std::string problem;
    if (const auto flag = support::ValueReader::flag(*uasc, problem)) return *flag == 1;
    ReturnFinding f = returns::detail::file_finding(xml_.name(), "uasc", problem, FindingAction::blanked, "UASC");
    f.row = xml_.line_of(returns::detail::child_element(xml_, header_, "UASC"));
    f.where = header_path_ + "/UASC";
    f.child = std::string(support::detail::trim(header_text("CHILD").value_or("")));
    f.value = std::string(*uasc);
    data_.findings.push_back(std::move(f));
    return false;
  }

  const XmlFile& xml_;
  std::int32_t file_index_;
  Builders& builders_;
  Dataset& data_;
  pugi::xml_node child_, header_;
  std::string header_path_;
};

SAFEGUARDING_FUNC void read_xml(const std::string& name, std::int32_t file_index, Builders& builders, Dataset& data,
                                std::int64_t& unidentified_rows) {
  XmlFile xml(support::read_text(name), name);
  const pugi::xml_node root = xml.root();
  if (std::string_view(root.name()) != "EXPSSDA903") {
    std::int64_t rows = 0;
    for (auto c = root.first_child(); c; c = c.next_sibling()) rows += c.type() == pugi::node_element ? 1 : 0;
    unidentified_rows += rows;
    data.findings.push_back(returns::detail::file_finding(name, "",
                                                          "the root element is <" + std::string(root.name()) +
                                                              ">, not <EXPSSDA903>: not an SSDA903 XML file; its " +
                                                              std::to_string(rows) + " elements are not used",
                                                          FindingAction::rejected));
    return;
  }
  const std::string root_path = "/EXPSSDA903";
  report_unknown_children(xml, root, root_path, {"CHILD"}, "", data.findings, {"CHILD"});
  ChildReader reader(xml, file_index, builders, data);
  std::size_t child_index = 0;
  for (pugi::xml_node child = returns::detail::child_element(xml, root, "CHILD"); child;
       child = returns::detail::next_element(child, "CHILD"))
    reader.read(child, returns::detail::child_path(root_path, "CHILD", ++child_index));
}

}  // namespace detail

}  // namespace safeguarding::inline v0::returns::ssda903
