// The CIN census reader: each Child element and the referrals, assessments, enquiries and plans it
// holds, into linked tables.
#include "safeguarding/returns/cin_census/load.hpp"

#include <iterator>
#include <optional>

#include "../loading.hpp"

#include "reader.hpp"

namespace safeguarding::inline v0::returns::cin_census {

namespace detail {

SAFEGUARDING_FUNC Reader::Reader(const XmlFile& xml, Dataset& data, bool dayfirst)
    : xml_(&xml), file_(xml.name()), data_(data), dayfirst_(dayfirst) {
  for (const auto& t : tables) {
    builders_.emplace_back(t, ids_);
    builders_.back().set_dayfirst(dayfirst);
    auto& own = own_.emplace_back();
    for (const auto& c : t.columns)
      if (c.name != "LAchildID" && c.name.find("_id") == std::string_view::npos) own.push_back(c.name);
  }
  // The names in the order report_unknown_children was given them (its "did you mean" names
  // follow it).
  std::vector<std::string_view> ids_known;
  for (auto n : own_columns(children_t))
    if (n != "Ethnicity") ids_known.push_back(n);
  ids_known.push_back("LAchildID");
  const std::vector<std::string_view> cin_nested = {"Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans",
                                                    "PreProceedingsandFGDM"};
  std::vector<std::string_view> cin_known = own_columns(cin_details_t);
  cin_known.insert(cin_known.end(), cin_nested.begin(), cin_nested.end());
  std::vector<std::string_view> assessment_known = own_columns(assessments_t);
  assessment_known.push_back("FactorsIdentifiedAtAssessment");
  std::vector<std::string_view> plan_known = own_columns(cp_plans_t);
  plan_known.push_back("Reviews");
  child_names_ = ElementNames({"ChildIdentifiers", "ChildCharacteristics", "CINdetails"}, {"CINdetails"});
  ids_names_ = ElementNames(ids_known);
  traits_names_ = ElementNames({"Ethnicity", "Disabilities"});
  disability_names_ = ElementNames({"Disability"}, {"Disability"});
  cin_names_ = ElementNames(cin_known, cin_nested);
  assessment_names_ = ElementNames(assessment_known);
  factor_names_ = ElementNames({"AssessmentFactors"}, {"AssessmentFactors"});
  plan_names_ = ElementNames(plan_known, {"Reviews"});
  review_names_ = ElementNames({"CPPreviewDate"}, {"CPPreviewDate"});
  simple_names_[0] = ElementNames(own_columns(cin_plans_t));
  simple_names_[1] = ElementNames(own_columns(section47_t));
  simple_names_[2] = ElementNames(own_columns(pre_proceedings_t));
  ids_la_ = ids_names_.at("LAchildID");
  traits_ = child_names_.at("ChildCharacteristics");
  disabilities_ = traits_names_.at("Disabilities");
  cin_details_ = child_names_.at("CINdetails");
  assessments_ = cin_names_.at("Assessments");
  factors_ = assessment_names_.at("FactorsIdentifiedAtAssessment");
  plans_ = cin_names_.at("ChildProtectionPlans");
  reviews_ = plan_names_.at("Reviews");
  simple_[0] = cin_names_.at("CINPlanDates");
  simple_[1] = cin_names_.at("Section47");
  simple_[2] = cin_names_.at("PreProceedingsandFGDM");
  columns_.resize(builders_.size());
  map_columns(cin_details_t, cin_names_, 2);
  map_columns(assessments_t, assessment_names_, 3);
  map_columns(cin_plans_t, simple_names_[0], 2);
  map_columns(section47_t, simple_names_[1], 2);
  map_columns(pre_proceedings_t, simple_names_[2], 2);
  map_columns(cp_plans_t, plan_names_, 3);
  for (const auto& c : tables[children_t].columns)
    child_columns_.emplace_back(c.name == "Ethnicity",
                                c.name == "Ethnicity" ? traits_names_.at(c.name) : ids_names_.at(c.name));
}

SAFEGUARDING_FUNC void Reader::map_columns(std::size_t t, const ElementNames& names, std::size_t links) {
  const auto& cols = tables[t].columns;
  auto& at = columns_[t];
  at.assign(cols.size(), names.size());
  for (std::size_t i = links; i < cols.size(); ++i) at[i] = names.at(cols[i].name);
}

SAFEGUARDING_FUNC bool Reader::add(std::size_t t, pugi::xml_node node, const ChildElements* elements, Links links,
                                   bool parent_ok, std::string_view parent_name) {
  TableBuilder& b = builders_[t];
  const auto& cols = b.spec().columns;
  const std::int64_t line = xml_->line_of(node, line_hint_);
  if (!parent_ok) {
    b.reject_unread();
    ReturnFinding f;
    f.file = xml_->name();
    f.table = std::string(b.spec().name);
    f.row = line;
    f.where = path_;
    f.problem = "the <" + std::string(parent_name) + "> this belongs to was rejected";
    f.action = FindingAction::rejected;
    data_.findings.push_back(std::move(f));
    return false;
  }
  const std::string_view* link = links.begin();
  const std::size_t n = links.size();
  const std::size_t* at = columns_[t].data();
  return b.add(
      TableBuilder::Origin{0, xml_->name(), line, path_},
      [&](std::size_t i) -> std::optional<std::string_view> {
        if (i < n) return link[i];
        return elements->text(at[i]);
      },
      [&](std::size_t i) {
        const std::string_view name = cols[i].name;
        if (i < n)
          return name == "LAchildID" ? path_.substr(0, child_path_size_) + "/ChildIdentifiers/LAchildID"
                                     : path_ + " (" + std::string(name) + ")";
        return path_ + "/" + std::string(name);
      },
      data_.findings);
}

/// The children row takes identifiers and characteristics from their two elements.
SAFEGUARDING_FUNC bool Reader::add_child_row(std::int64_t line) {
  TableBuilder& b = builders_[children_t];
  const auto& cols = b.spec().columns;
  return b.add(
      TableBuilder::Origin{0, xml_->name(), line, path_},
      [&](std::size_t i) -> std::optional<std::string_view> {
        const auto [trait, k] = child_columns_[i];
        return trait ? traits_els_.text(k) : ids_els_.text(k);
      },
      [&](std::size_t i) {
        return path_ + (child_columns_[i].first ? "/ChildCharacteristics/" : "/ChildIdentifiers/") +
               std::string(cols[i].name);
      },
      data_.findings);
}

SAFEGUARDING_FUNC std::string Reader::child_element_path(std::size_t index) {
  std::string path = "/Message/Children";
  returns::detail::append_child_path(path, "Child", index);
  return path;
}

SAFEGUARDING_FUNC void Reader::read_child(pugi::xml_node child, std::size_t index) {
  path_.assign("/Message/Children");
  returns::detail::append_child_path(path_, "Child", index);
  child_path_size_ = path_.size();
  read_children(*xml_, child, path_, child_names_, "children", data_.findings, child_els_);
  path_.append("/ChildIdentifiers");
  read_children(*xml_, child_els_.element(0), path_, ids_names_, "children", data_.findings, ids_els_);
  path_.resize(child_path_size_);
  path_.append("/ChildCharacteristics");
  read_children(*xml_, child_els_.element(traits_), path_, traits_names_, "children", data_.findings, traits_els_);
  path_.resize(child_path_size_);
  const std::string_view child_id = ids_els_.text(ids_la_).value_or("");
  const std::int64_t line = xml_->line_of(child, line_hint_);
  const bool ok = add_child_row(line);
  if (ok) note_child(builders_[children_t].table(), index, line);
  read_disabilities(child_id, ok);
  std::size_t k = 0;
  for (const pugi::xml_node cin : child_els_.all(cin_details_)) {
    returns::detail::append_child_path(path_, "CINdetails", ++k);
    read_cin_details(cin, child_id, ok);
    path_.resize(child_path_size_);
  }
}

SAFEGUARDING_FUNC void Reader::reserve(double scale, std::size_t most) {
  for (auto& b : builders_) {
    const auto rows = static_cast<double>(b.table().size());
    if (rows > 0) b.reserve(std::min(most, static_cast<std::size_t>(rows * scale)));
  }
}

SAFEGUARDING_FUNC void Reader::read_disabilities(std::string_view child_id, bool child_ok) {
  path_.append("/ChildCharacteristics/Disabilities");
  const std::size_t parent = path_.size();
  read_children(*xml_, traits_els_.element(disabilities_), path_, disability_names_, "disabilities", data_.findings,
                disability_els_);
  std::size_t k = 0;
  for (const pugi::xml_node d : disability_els_.all(0)) {
    returns::detail::append_child_path(path_, "Disability", ++k);
    if (!child_ok) {
      add(disabilities_t, d, nullptr, {}, false, "Child");
    } else {
      const std::string_view value = d.child_value();
      builders_[disabilities_t].add(
          TableBuilder::Origin{0, xml_->name(), xml_->line_of(d, line_hint_), path_},
          [&](std::size_t i) -> std::optional<std::string_view> { return i == 0 ? child_id : value; },
          [&](std::size_t i) {
            return i == 0 ? path_.substr(0, child_path_size_) + "/ChildIdentifiers/LAchildID" : path_;
          },
          data_.findings);
    }
    path_.resize(parent);
  }
  path_.resize(child_path_size_);
}

SAFEGUARDING_FUNC void Reader::read_cin_details(pugi::xml_node cin, std::string_view child_id, bool child_ok) {
  read_children(*xml_, cin, path_, cin_names_, "cin_details", data_.findings, cin_els_);
  const std::string id = std::to_string(++cin_details_id_);
  const bool ok = add(cin_details_t, cin, &cin_els_, {child_id, id}, child_ok, "Child");
  read_assessments(child_id, id, ok);
  const std::size_t at = path_.size();
  const std::size_t simple_tables[] = {cin_plans_t, section47_t, pre_proceedings_t};
  for (std::size_t s = 0; s < std::size(simple_tables); ++s) {
    const std::size_t t = simple_tables[s];
    std::size_t k = 0;
    for (const pugi::xml_node n : cin_els_.all(simple_[s])) {
      returns::detail::append_child_path(path_, cin_names_.known()[simple_[s]], ++k);
      read_children(*xml_, n, path_, simple_names_[s], tables[t].name, data_.findings, simple_els_);
      add(t, n, &simple_els_, {child_id, id}, ok, "CINdetails");
      path_.resize(at);
    }
  }
  read_plans(child_id, id, ok);
}

SAFEGUARDING_FUNC void Reader::read_assessments(std::string_view child_id, std::string_view details_id, bool ok) {
  const std::size_t at = path_.size();
  std::size_t k = 0;
  for (const pugi::xml_node a : cin_els_.all(assessments_)) {
    returns::detail::append_child_path(path_, "Assessments", ++k);
    read_children(*xml_, a, path_, assessment_names_, "assessments", data_.findings, assessment_els_);
    const std::string aid = std::to_string(++assessment_id_);
    const bool a_ok = add(assessments_t, a, &assessment_els_, {child_id, details_id, aid}, ok, "CINdetails");
    path_.append("/FactorsIdentifiedAtAssessment");
    const std::size_t factors_at = path_.size();
    read_children(*xml_, assessment_els_.element(factors_), path_, factor_names_, "assessment_factors", data_.findings,
                  factor_els_);
    std::size_t j = 0;
    for (const pugi::xml_node f : factor_els_.all(0)) {
      returns::detail::append_child_path(path_, "AssessmentFactors", ++j);
      if (!a_ok)
        add(factors_t, f, nullptr, {}, false, "Assessments");
      else
        add(factors_t, f, nullptr, {child_id, aid, f.child_value()}, true);
      path_.resize(factors_at);
    }
    path_.resize(at);
  }
}

SAFEGUARDING_FUNC void Reader::read_plans(std::string_view child_id, std::string_view details_id, bool ok) {
  const std::size_t at = path_.size();
  std::size_t k = 0;
  for (const pugi::xml_node plan : cin_els_.all(plans_)) {
    returns::detail::append_child_path(path_, "ChildProtectionPlans", ++k);
    const std::size_t plan_at = path_.size();
    read_children(*xml_, plan, path_, plan_names_, "cp_plans", data_.findings, plan_els_);
    const std::string pid = std::to_string(++cp_plan_id_);
    const bool p_ok = add(cp_plans_t, plan, &plan_els_, {child_id, details_id, pid}, ok, "CINdetails");
    std::size_t j = 0;
    for (const pugi::xml_node reviews : plan_els_.all(reviews_)) {
      returns::detail::append_child_path(path_, "Reviews", ++j);
      const std::size_t reviews_at = path_.size();
      read_children(*xml_, reviews, path_, review_names_, "cp_reviews", data_.findings, review_els_);
      std::size_t r = 0;
      for (const pugi::xml_node d : review_els_.all(0)) {
        returns::detail::append_child_path(path_, "CPPreviewDate", ++r);
        add(cp_reviews_t, d, nullptr, {child_id, pid, d.child_value()}, p_ok, "ChildProtectionPlans");
        path_.resize(reviews_at);
      }
      path_.resize(plan_at);
    }
    path_.resize(at);
  }
}

SAFEGUARDING_FUNC void Reader::note_child(const Table& children, std::size_t index, std::int64_t line) {
  children_read_.push_back(ChildRead{data_.findings.size(), children.columns.front().codes.back(), line, index});
}

SAFEGUARDING_FUNC void Reader::report_repeated_children() {
  // Per Child read, the earlier Child with its LAchildID (an index into children_read_), if any.
  std::vector<std::int32_t> first(ids_->dictionary()->size(), -1);
  std::vector<std::pair<std::size_t, std::size_t>> repeats;  // (Child, the first with its LAchildID)
  for (std::size_t k = 0; k < children_read_.size(); ++k) {
    auto& f = first[static_cast<std::size_t>(children_read_[k].code)];
    if (f < 0)
      f = static_cast<std::int32_t>(k);
    else
      repeats.emplace_back(k, static_cast<std::size_t>(f));
  }
  if (repeats.empty()) return;
  const auto& ids = ids_->dictionary()->values();
  std::vector<ReturnFinding> findings;
  findings.reserve(data_.findings.size() + repeats.size());
  std::size_t next = 0;
  for (const auto& [k, earlier] : repeats) {
    const ChildRead& c = children_read_[k];
    for (; next < c.finding; ++next) findings.push_back(std::move(data_.findings[next]));
    ReturnFinding f;
    f.file = file_;
    f.table = "children";
    f.child = ids[static_cast<std::size_t>(c.code)];
    f.row = c.line;
    f.column = "LAchildID";
    f.where = child_element_path(c.index) + "/ChildIdentifiers/LAchildID";
    f.value = f.child;
    f.problem = "LAchildID " + quote(f.child) + " was already given to " +
                child_element_path(children_read_[earlier].index) +
                ": two Child elements for one child; both are kept and their " +
                "referrals and plans are read as the same child's";
    f.action = FindingAction::kept;
    findings.push_back(std::move(f));
  }
  for (; next < data_.findings.size(); ++next) findings.push_back(std::move(data_.findings[next]));
  data_.findings = std::move(findings);
}

SAFEGUARDING_FUNC void Reader::append(Reader& part) {
  std::vector<std::int32_t> ids;
  const auto& values = part.ids_->dictionary()->values();
  ids.reserve(values.size());
  for (const auto& v : values) ids.push_back(ids_->intern(v));
  // The part numbered its referrals, assessments and plans from 1: they follow this reader's.
  const std::pair<std::string_view, std::int64_t> numbered[] = {
      {"cin_details_id", cin_details_id_}, {"assessment_id", assessment_id_}, {"cp_plan_id", cp_plan_id_}};
  for (std::size_t t = 0; t < builders_.size(); ++t) {
    Table& table = builders_[t].table();
    const std::size_t before = table.size();
    builders_[t].append(part.builders_[t], ids);
    for (auto& column : table.columns)
      for (const auto& [name, offset] : numbered)
        if (column.name == name)
          for (std::size_t i = before; i < column.numbers.size(); ++i)
            if (column.numbers[i] != nat) column.numbers[i] += offset;
  }
  cin_details_id_ += part.cin_details_id_;
  assessment_id_ += part.assessment_id_;
  cp_plan_id_ += part.cp_plan_id_;
  const std::size_t at = data_.findings.size();
  data_.findings.insert(data_.findings.end(), std::make_move_iterator(part.data_.findings.begin()),
                        std::make_move_iterator(part.data_.findings.end()));
  part.data_.findings.clear();
  children_read_.reserve(children_read_.size() + part.children_read_.size());
  for (auto& c : part.children_read_) {
    c.finding += at;
    c.code = ids[static_cast<std::size_t>(c.code)];
    children_read_.push_back(std::move(c));
  }
  part.children_read_.clear();
}

SAFEGUARDING_FUNC void Reader::finish(Problems& problems) {
  report_repeated_children();
  for (auto& b : builders_)
    returns::detail::check_date_order(b.date_evidence(), b.spec().name, dayfirst_, data_, problems);
  for (auto& b : builders_) {
    data_.counts.push_back(b.counts());
    data_.tables.push_back(b.finish());
  }
}

}  // namespace detail

}  // namespace safeguarding::inline v0::returns::cin_census
