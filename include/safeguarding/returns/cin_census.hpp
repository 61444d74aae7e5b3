// The CIN census (children in need and child protection), XML: one table per repeated element,
// linked by the child's LAchildID and by the ids the reader gives each CINdetails, assessment and
// child protection plan (1, 2, … in file order).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safeguarding/error.hpp"
#include "safeguarding/returns/checks.hpp"
#include "safeguarding/returns/csv.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/returns/xml.hpp"

namespace safeguarding::inline v0::returns::cin_census {

// Code lists (DfE CIN census guidance; see docs/returns.md).
inline constexpr std::string_view referral_source_codes[] = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B",
                                                             "3C", "3D", "3E", "3F", "4",  "5A", "5B", "5C",
                                                             "5D", "6",  "7",  "8",  "9",  "10"};
inline constexpr std::string_view primary_need_codes[] = {"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"};
inline constexpr std::string_view closure_codes[] = {"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"};
inline constexpr std::string_view abuse_codes[] = {"NEG", "PHY", "SAB", "EMO", "MUL"};
inline constexpr std::string_view gender_codes[] = {"0", "1", "2", "9"};
inline constexpr std::string_view sex_codes[] = {"M", "F", "U"};

using T = ColumnType;

inline constexpr ColumnSpec children_columns[] = {
    {"LAchildID", T::id, {}, true}, {"UPN", T::id},          {"FormerUPN", T::id},
    {"UPNunknown", T::code},        {"PersonBirthDate", T::date}, {"ExpectedPersonBirthDate", T::date},
    {"GenderCurrent", T::code, gender_codes}, {"Sex", T::code, sex_codes}, {"PersonDeathDate", T::date},
    {"Ethnicity", T::code}};
inline constexpr ColumnSpec disabilities_columns[] = {{"LAchildID", T::id, {}, true}, {"Disability", T::code, {}, true}};
inline constexpr ColumnSpec cin_details_columns[] = {
    {"LAchildID", T::id, {}, true},  {"cin_details_id", T::integer, {}, true},
    {"CINreferralDate", T::date, {}, true}, {"ReferralSource", T::code, referral_source_codes},
    {"PrimaryNeedCode", T::code, primary_need_codes}, {"CINclosureDate", T::date},
    {"ReasonForClosure", T::code, closure_codes}, {"DateOfInitialCPC", T::date}, {"ReferralNFA", T::flag}};
inline constexpr ColumnSpec assessments_columns[] = {
    {"LAchildID", T::id, {}, true}, {"cin_details_id", T::integer, {}, true}, {"assessment_id", T::integer, {}, true},
    {"AssessmentActualStartDate", T::date, {}, true}, {"AssessmentInternalReviewDate", T::date},
    {"AssessmentAuthorisationDate", T::date}};
inline constexpr ColumnSpec assessment_factors_columns[] = {
    {"LAchildID", T::id, {}, true}, {"assessment_id", T::integer, {}, true}, {"AssessmentFactors", T::code, {}, true}};
inline constexpr ColumnSpec cin_plans_columns[] = {
    {"LAchildID", T::id, {}, true}, {"cin_details_id", T::integer, {}, true},
    {"CINPlanStartDate", T::date, {}, true}, {"CINPlanEndDate", T::date}};
inline constexpr ColumnSpec section47_columns[] = {
    {"LAchildID", T::id, {}, true}, {"cin_details_id", T::integer, {}, true},
    {"S47ActualStartDate", T::date, {}, true}, {"InitialCPCtarget", T::date}, {"DateOfInitialCPC", T::date},
    {"ICPCnotRequired", T::flag}};
inline constexpr ColumnSpec cp_plans_columns[] = {
    {"LAchildID", T::id, {}, true}, {"cin_details_id", T::integer, {}, true}, {"cp_plan_id", T::integer, {}, true},
    {"CPPstartDate", T::date, {}, true}, {"CPPendDate", T::date}, {"InitialCategoryOfAbuse", T::code, abuse_codes},
    {"LatestCategoryOfAbuse", T::code, abuse_codes}, {"NumberOfPreviousCPP", T::integer}};
inline constexpr ColumnSpec cp_reviews_columns[] = {
    {"LAchildID", T::id, {}, true}, {"cp_plan_id", T::integer, {}, true}, {"CPPreviewDate", T::date, {}, true}};
inline constexpr ColumnSpec pre_proceedings_columns[] = {
    {"LAchildID", T::id, {}, true}, {"cin_details_id", T::integer, {}, true}, {"PPStartDate", T::date},
    {"LBPSentDate", T::date},       {"FGDMMeetingOffer", T::flag},     {"FGDMMeetingFac", T::flag},
    {"InitialPPMeetingDate", T::date}, {"ReviewMeetingsCount", T::integer}, {"StepDecisionDate", T::date},
    {"PPOutcome", T::code},         {"CourtAppDate", T::date},         {"LetterInitCPDate", T::date}};

inline constexpr TableSpec tables[] = {
    {"children", children_columns},       {"disabilities", disabilities_columns},
    {"cin_details", cin_details_columns}, {"assessments", assessments_columns},
    {"assessment_factors", assessment_factors_columns}, {"cin_plans", cin_plans_columns},
    {"section47", section47_columns},     {"cp_plans", cp_plans_columns},
    {"cp_reviews", cp_reviews_columns},   {"pre_proceedings", pre_proceedings_columns},
};

/// Everything read from one CIN census file, and its header's collection details.
struct CinCensus {
  Dataset data;
  std::string collection;      // Header/CollectionDetails/Collection
  std::string year;            // Header/CollectionDetails/Year
  std::int64_t reference_date = nat;  // Header/CollectionDetails/ReferenceDate (serial day)
};

namespace detail {

class Reader {
 public:
  Reader(const XmlFile& xml, Dataset& data) : xml_(xml), data_(data) {
    for (const auto& t : tables) builders_.emplace_back(t, ids_);
  }

  TableBuilder& builder(std::string_view name) {
    for (auto& b : builders_)
      if (b.spec().name == name) return b;
    throw Error("no CIN census table " + quote(name));
  }

  /// The element names of a table's own columns (not the link columns the reader fills in).
  static std::vector<std::string_view> own_columns(const TableBuilder& b) {
    std::vector<std::string_view> names;
    for (const auto& c : b.spec().columns)
      if (c.name != "LAchildID" && c.name.find("_id") == std::string_view::npos) names.push_back(c.name);
    return names;
  }

  /// Adds a row of `table` from the leaf elements of `node`, with link values given by name.
  /// When `parent_ok` is false the row is rejected because the element it belongs to was.
  bool add(std::string_view table, pugi::xml_node node, const std::string& path,
           std::initializer_list<std::pair<std::string_view, std::string>> links, bool parent_ok,
           std::string_view parent_name = {}) {
    TableBuilder& b = builder(table);
    const auto& cols = b.spec().columns;
    const std::int64_t line = xml_.line_of(node);
    if (!parent_ok) {
      b.reject_unread();
      Finding f;
      f.file = xml_.name();
      f.table = std::string(table);
      f.row = line;
      f.where = path;
      f.problem = "the <" + std::string(parent_name) + "> this belongs to was rejected";
      f.action = Action::rejected;
      data_.findings.push_back(std::move(f));
      return false;
    }
    return b.add(
        TableBuilder::Origin{0, xml_.name(), line},
        [&](std::size_t i) -> std::optional<std::string_view> {
          for (const auto& [name, value] : links)
            if (name == cols[i].name) return std::string_view(value);
          return returns::detail::child_text(node, std::string(cols[i].name).c_str());
        },
        [&](std::size_t i) {
          for (const auto& [name, value] : links)
            if (name == cols[i].name)
              return name == "LAchildID" ? child_path_ + "/ChildIdentifiers/LAchildID" : path + " (" + std::string(name) + ")";
          return path + "/" + std::string(cols[i].name);
        },
        data_.findings);
  }

  void read_child(pugi::xml_node child, const std::string& path) {
    child_path_ = path;
    report_unknown_children(xml_, child, path, {"ChildIdentifiers", "ChildCharacteristics", "CINdetails"}, "children",
                            data_.findings, {"CINdetails"});
    const pugi::xml_node ids = child.child("ChildIdentifiers");
    const pugi::xml_node traits = child.child("ChildCharacteristics");
    std::vector<std::string_view> known = own_columns(builder("children"));
    known.push_back("LAchildID");
    std::vector<std::string_view> id_names, trait_names = {"Ethnicity", "Disabilities"};
    for (auto n : known)
      if (n != "Ethnicity") id_names.push_back(n);
    report_unknown_children(xml_, ids, path + "/ChildIdentifiers", id_names, "children", data_.findings);
    report_unknown_children(xml_, traits, path + "/ChildCharacteristics", trait_names, "children", data_.findings);
    const std::string child_id(ids.child("LAchildID").child_value());
    // The children row takes identifiers and characteristics from their two elements.
    TableBuilder& b = builder("children");
    const auto& cols = b.spec().columns;
    const bool ok = b.add(
        TableBuilder::Origin{0, xml_.name(), xml_.line_of(child)},
        [&](std::size_t i) -> std::optional<std::string_view> {
          const std::string name(cols[i].name);
          if (name == "Ethnicity") return returns::detail::child_text(traits, name.c_str());
          return returns::detail::child_text(ids, name.c_str());
        },
        [&](std::size_t i) {
          return path + (cols[i].name == "Ethnicity" ? "/ChildCharacteristics/" : "/ChildIdentifiers/") +
                 std::string(cols[i].name);
        },
        data_.findings);
    if (ok) report_repeated_child(b.table(), path, xml_.line_of(child));
    std::size_t k = 0;
    const pugi::xml_node disabilities = traits.child("Disabilities");
    report_unknown_children(xml_, disabilities, path + "/ChildCharacteristics/Disabilities", {"Disability"},
                            "disabilities", data_.findings, {"Disability"});
    for (pugi::xml_node d = disabilities.child("Disability"); d; d = d.next_sibling("Disability")) {
      const std::string p = returns::detail::child_path(path + "/ChildCharacteristics/Disabilities", d, ++k);
      TableBuilder& db = builder("disabilities");
      if (!ok) {
        add("disabilities", d, p, {}, false, "Child");
        continue;
      }
      const std::string_view value = d.child_value();
      db.add(
          TableBuilder::Origin{0, xml_.name(), xml_.line_of(d)},
          [&](std::size_t i) -> std::optional<std::string_view> {
            return i == 0 ? std::string_view(child_id) : value;
          },
          [&](std::size_t i) { return i == 0 ? path + "/ChildIdentifiers/LAchildID" : p; }, data_.findings);
    }
    k = 0;
    for (pugi::xml_node cin = child.child("CINdetails"); cin; cin = cin.next_sibling("CINdetails"))
      read_cin_details(cin, returns::detail::child_path(path, cin, ++k), child_id, ok);
  }

  void read_cin_details(pugi::xml_node cin, const std::string& path, const std::string& child_id, bool child_ok) {
    std::vector<std::string_view> known = own_columns(builder("cin_details"));
    for (auto n : {"Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans", "PreProceedingsandFGDM"})
      known.push_back(n);
    report_unknown_children(xml_, cin, path, known, "cin_details", data_.findings,
                            {"Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans", "PreProceedingsandFGDM"});
    const std::string id = std::to_string(++cin_details_id_);
    const bool ok = add("cin_details", cin, path, {{"LAchildID", child_id}, {"cin_details_id", id}}, child_ok, "Child");
    std::size_t k = 0;
    for (pugi::xml_node a = cin.child("Assessments"); a; a = a.next_sibling("Assessments")) {
      const std::string p = returns::detail::child_path(path, a, ++k);
      auto names = own_columns(builder("assessments"));
      names.push_back("FactorsIdentifiedAtAssessment");
      report_unknown_children(xml_, a, p, names, "assessments", data_.findings);
      const std::string aid = std::to_string(++assessment_id_);
      const bool a_ok = add("assessments", a, p, {{"LAchildID", child_id}, {"cin_details_id", id}, {"assessment_id", aid}},
                            ok, "CINdetails");
      const pugi::xml_node factors = a.child("FactorsIdentifiedAtAssessment");
      report_unknown_children(xml_, factors, p + "/FactorsIdentifiedAtAssessment", {"AssessmentFactors"},
                              "assessment_factors", data_.findings, {"AssessmentFactors"});
      std::size_t j = 0;
      for (pugi::xml_node f = factors.child("AssessmentFactors"); f; f = f.next_sibling("AssessmentFactors")) {
        const std::string fp = returns::detail::child_path(p + "/FactorsIdentifiedAtAssessment", f, ++j);
        if (!a_ok) {
          add("assessment_factors", f, fp, {}, false, "Assessments");
          continue;
        }
        const std::string value = f.child_value();
        add("assessment_factors", f, fp, {{"LAchildID", child_id}, {"assessment_id", aid}, {"AssessmentFactors", value}}, true);
      }
    }
    const std::pair<const char*, std::string_view> simple[] = {
        {"CINPlanDates", "cin_plans"}, {"Section47", "section47"}, {"PreProceedingsandFGDM", "pre_proceedings"}};
    for (const auto& [element, table] : simple) {
      k = 0;
      for (pugi::xml_node n = cin.child(element); n; n = n.next_sibling(element)) {
        const std::string p = returns::detail::child_path(path, n, ++k);
        report_unknown_children(xml_, n, p, own_columns(builder(table)), table, data_.findings);
        add(table, n, p, {{"LAchildID", child_id}, {"cin_details_id", id}}, ok, "CINdetails");
      }
    }
    k = 0;
    for (pugi::xml_node plan = cin.child("ChildProtectionPlans"); plan; plan = plan.next_sibling("ChildProtectionPlans")) {
      const std::string p = returns::detail::child_path(path, plan, ++k);
      auto names = own_columns(builder("cp_plans"));
      names.push_back("Reviews");
      report_unknown_children(xml_, plan, p, names, "cp_plans", data_.findings, {"Reviews"});
      const std::string pid = std::to_string(++cp_plan_id_);
      const bool p_ok =
          add("cp_plans", plan, p, {{"LAchildID", child_id}, {"cin_details_id", id}, {"cp_plan_id", pid}}, ok, "CINdetails");
      std::size_t j = 0;
      for (pugi::xml_node reviews = plan.child("Reviews"); reviews; reviews = reviews.next_sibling("Reviews")) {
        const std::string rp = returns::detail::child_path(p, reviews, ++j);
        report_unknown_children(xml_, reviews, rp, {"CPPreviewDate"}, "cp_reviews", data_.findings, {"CPPreviewDate"});
        std::size_t r = 0;
        for (pugi::xml_node d = reviews.child("CPPreviewDate"); d; d = d.next_sibling("CPPreviewDate")) {
          const std::string dp = returns::detail::child_path(rp, d, ++r);
          const std::string value = d.child_value();
          add("cp_reviews", d, dp, {{"LAchildID", child_id}, {"cp_plan_id", pid}, {"CPPreviewDate", value}}, p_ok,
              "ChildProtectionPlans");
        }
      }
    }
  }

  /// A Child whose LAchildID (trimmed and upper-cased) an earlier Child already had: both are
  /// kept, and their referrals and plans are read as one child's, but it is reported, naming both.
  void report_repeated_child(const Table& children, const std::string& path, std::int64_t line) {
    const auto code = static_cast<std::size_t>(children.columns.front().codes.back());
    if (first_child_.size() <= code) first_child_.resize(code + 1);
    auto& first = first_child_[code];
    if (first.second == 0) {
      first = {path, line};
      return;
    }
    Finding f;
    f.file = xml_.name();
    f.table = "children";
    f.child = std::string(children.columns.front().text(children.size() - 1));
    f.row = line;
    f.column = "LAchildID";
    f.where = path + "/ChildIdentifiers/LAchildID";
    f.value = f.child;
    f.problem = "LAchildID " + quote(f.child) + " was already given to " + first.first + " (line " +
                std::to_string(first.second) + "): two Child elements for one child; both are kept and their " +
                "referrals and plans are read as the same child's";
    f.action = Action::kept;
    data_.findings.push_back(std::move(f));
  }

  void finish() {
    for (auto& b : builders_) {
      data_.counts.push_back(b.counts());
      data_.tables.push_back(b.finish());
    }
  }

 private:
  const XmlFile& xml_;
  Dataset& data_;
  std::shared_ptr<Dictionary> ids_ = std::make_shared<Dictionary>();
  std::vector<TableBuilder> builders_;
  std::string child_path_;
  std::vector<std::pair<std::string, std::int64_t>> first_child_;  // by LAchildID code: the first Child's path and line
  std::int64_t cin_details_id_ = 0, assessment_id_ = 0, cp_plan_id_ = 0;
};

}  // namespace detail

/// Reads a CIN census XML file. A file that cannot be parsed (missing, malformed or truncated XML)
/// is an Error naming the file, line and column; every other problem is a finding.
inline CinCensus load(const std::filesystem::path& path) {
  CinCensus out;
  Dataset& data = out.data;
  const std::string name = path.string();
  data.files.push_back(name);
  XmlFile xml(read_text(path), name);
  const pugi::xml_node root = xml.root();
  if (std::string_view(root.name()) != "Message")
    throw Error(name, "the root element is <" + std::string(root.name()) + ">, not <Message>: not a CIN census file");
  report_unknown_children(xml, root, "/Message", {"Header", "Children"}, "", data.findings);
  const pugi::xml_node details = root.child("Header").child("CollectionDetails");
  out.collection = returns::detail::trim(details.child("Collection").child_value());
  out.year = returns::detail::trim(details.child("Year").child_value());
  if (const std::string_view ref = returns::detail::trim(details.child("ReferenceDate").child_value()); !ref.empty()) {
    std::string problem;
    if (auto d = ValueReader::date(ref, problem)) {
      out.reference_date = *d;
    } else {
      Finding f;
      f.file = name;
      f.where = "/Message/Header/CollectionDetails/ReferenceDate";
      f.column = "ReferenceDate";
      f.value = std::string(ref);
      f.problem = problem;
      f.action = Action::blanked;
      data.findings.push_back(std::move(f));
    }
  }
  const pugi::xml_node children = root.child("Children");
  report_unknown_children(xml, children, "/Message/Children", {"Child"}, "", data.findings, {"Child"});
  detail::Reader reader(xml, data);
  std::size_t k = 0;
  for (pugi::xml_node child = children.child("Child"); child; child = child.next_sibling("Child"))
    reader.read_child(child, returns::detail::child_path("/Message/Children", child, ++k));
  reader.finish();
  const std::vector<bool> is_xml{true};
  check_order(data, is_xml, "cin_details", "CINreferralDate", "CINclosureDate", "the case closes before the referral", false);
  check_order(data, is_xml, "assessments", "AssessmentActualStartDate", "AssessmentAuthorisationDate",
              "the assessment is authorised before it starts", false);
  check_order(data, is_xml, "cp_plans", "CPPstartDate", "CPPendDate", "the plan ends before it starts", false);
  check_order(data, is_xml, "cin_plans", "CINPlanStartDate", "CINPlanEndDate", "the plan ends before it starts", false);
  finish_counts(data);
  return out;
}

}  // namespace safeguarding::inline v0::returns::cin_census
