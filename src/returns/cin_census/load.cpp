#include "safeguarding/returns/cin_census/load.hpp"

#include "../loading.hpp"
#include "reader.hpp"

namespace safeguarding::inline v0::returns::cin_census {

namespace detail {

/// The header's Collection, Year and ReferenceDate (an unreadable date is reported and blanked).
SAFEGUARDING_FUNC void read_header(pugi::xml_node root, const std::string& name, CinCensus& out) {
  const pugi::xml_node details = root.child("Header").child("CollectionDetails");
  out.collection = support::detail::trim(details.child("Collection").child_value());
  out.year = support::detail::trim(details.child("Year").child_value());
  const std::string_view ref = support::detail::trim(details.child("ReferenceDate").child_value());
  if (ref.empty()) return;
  std::string problem;
  if (auto d = support::ValueReader::date(ref, problem)) {
    out.reference_date = *d;
    return;
  }
  ReturnFinding f = returns::detail::file_finding(name, "", problem, FindingAction::blanked, "ReferenceDate");
  f.where = "/Message/Header/CollectionDetails/ReferenceDate";
  f.value = std::string(ref);
  out.data.findings.push_back(std::move(f));
}

/// Impossible dates within a row: reported and kept.
SAFEGUARDING_FUNC void check_dates(Dataset& data) {
  using returns::detail::check_order;
  const std::vector<bool> is_xml{true};
  check_order(data, is_xml, "cin_details", "CINreferralDate", "CINclosureDate", "the case closes before the referral",
              false);
  check_order(data, is_xml, "assessments", "AssessmentActualStartDate", "AssessmentAuthorisationDate",
              "the assessment is authorised before it starts", false);
  check_order(data, is_xml, "cp_plans", "CPPstartDate", "CPPendDate", "the plan ends before it starts", false);
  check_order(data, is_xml, "cin_plans", "CINPlanStartDate", "CINPlanEndDate", "the plan ends before it starts", false);
}

}  // namespace detail

SAFEGUARDING_FUNC CinCensus load(const std::filesystem::path& path) {
  CinCensus out;
  Dataset& data = out.data;
  const std::string name = path.string();
  data.files.push_back(name);
  XmlFile xml(returns::detail::read_return_file(path), name);
  const pugi::xml_node root = xml.root();
  if (std::string_view(root.name()) != "Message")
    throw Error(name, "the root element is <" + std::string(root.name()) + ">, not <Message>: not a CIN census file");
  report_unknown_children(xml, root, "/Message", {"Header", "Children"}, "", data.findings);
  detail::read_header(root, name, out);
  const pugi::xml_node children = root.child("Children");
  report_unknown_children(xml, children, "/Message/Children", {"Child"}, "", data.findings, {"Child"});
  detail::Reader reader(xml, data);
  std::size_t k = 0;
  for (pugi::xml_node child = children.child("Child"); child; child = child.next_sibling("Child"))
    reader.read_child(child, returns::detail::child_path("/Message/Children", child, ++k));
  reader.finish();
  detail::check_dates(data);
  returns::detail::finish_counts(data);
  return out;
}

}  // namespace safeguarding::inline v0::returns::cin_census
