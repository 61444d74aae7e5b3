// The CIN census reader: each Child element and the referrals, assessments, enquiries and plans it
// holds, into linked tables.
#include "safeguarding/returns/cin_census/load.hpp"

#include <iterator>
#include <optional>

#include "../loading.hpp"

#include "reader.hpp"

namespace safeguarding::inline v0::returns::cin_census {

namespace detail {

using returns::detail::child_path;
using returns::detail::child_text;

SAFEGUARDING_FUNC Reader::Reader(const XmlFile& xml, Dataset& data, bool dayfirst)
    : xml_(&xml), file_(xml.name()), data_(data), dayfirst_(dayfirst) {
  for (const auto& t : tables) {
    builders_.emplace_back(t, ids_);
    builders_.back().set_dayfirst(dayfirst);
    auto& own = own_.emplace_back();
    auto& names = names_.emplace_back();
    for (const auto& c : t.columns) {
      if (c.name != "LAchildID" && c.name.find("_id") == std::string_view::npos) own.push_back(c.name);
      names.emplace_back(c.name);
    }
  }
  for (auto n : own_columns("children"))
    if (n != "Ethnicity") child_ids_known_.push_back(n);
  child_ids_known_.push_back("LAchildID");
  cin_nested_ = {"Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans", "PreProceedingsandFGDM"};
  cin_known_ = own_columns("cin_details");
  cin_known_.insert(cin_known_.end(), cin_nested_.begin(), cin_nested_.end());
  assessment_known_ = own_columns("assessments");
  assessment_known_.push_back("FactorsIdentifiedAtAssessment");
  plan_known_ = own_columns("cp_plans");
  plan_known_.push_back("Reviews");
}

SAFEGUARDING_FUNC std::size_t Reader::index(std::string_view name) const {
  for (std::size_t i = 0; i < builders_.size(); ++i)
    if (builders_[i].spec().name == name) return i;
  throw Error("no CIN census table " + quote(name));
}

SAFEGUARDING_FUNC bool Reader::add(std::string_view table, pugi::xml_node node, const std::string& path, Links links,
                                   bool parent_ok, std::string_view parent_name) {
  const std::size_t at = index(table);
  TableBuilder& b = builders_[at];
  const auto& cols = b.spec().columns;
  const auto& names = names_[at];
  const std::int64_t line = xml_->line_of(node);
  if (!parent_ok) {
    b.reject_unread();
    ReturnFinding f;
    f.file = xml_->name();
    f.table = std::string(table);
    f.row = line;
    f.where = path;
    f.problem = "the <" + std::string(parent_name) + "> this belongs to was rejected";
    f.action = FindingAction::rejected;
    data_.findings.push_back(std::move(f));
    return false;
  }
  return b.add(
      TableBuilder::Origin{0, xml_->name(), line, path},
      [&](std::size_t i) -> std::optional<std::string_view> {
        for (const auto& [name, value] : links)
          if (name == cols[i].name) return std::string_view(value);
        return child_text(*xml_, node, names[i].c_str());
      },
      [&](std::size_t i) {
        for (const auto& [name, value] : links)
          if (name == cols[i].name)
            return name == "LAchildID" ? child_path_ + "/ChildIdentifiers/LAchildID"
                                       : path + " (" + std::string(name) + ")";
        return path + "/" + std::string(cols[i].name);
      },
      data_.findings);
}

/// The children row takes identifiers and characteristics from their two elements.
SAFEGUARDING_FUNC bool Reader::add_child_row(pugi::xml_node child, const std::string& path) {
  const pugi::xml_node ids = child.child("ChildIdentifiers");
  const pugi::xml_node traits = child.child("ChildCharacteristics");
  const std::size_t at = index("children");
  TableBuilder& b = builders_[at];
  const auto& cols = b.spec().columns;
  const auto& names = names_[at];
  const bool ok = b.add(
      TableBuilder::Origin{0, xml_->name(), xml_->line_of(child), path},
      [&](std::size_t i) -> std::optional<std::string_view> {
        return child_text(*xml_, cols[i].name == "Ethnicity" ? traits : ids, names[i].c_str());
      },
      [&](std::size_t i) {
        return path + (cols[i].name == "Ethnicity" ? "/ChildCharacteristics/" : "/ChildIdentifiers/") +
               std::string(cols[i].name);
      },
      data_.findings);
  if (ok) note_child(b.table(), path, xml_->line_of(child));
  return ok;
}

SAFEGUARDING_FUNC void Reader::read_child(pugi::xml_node child, const std::string& path) {
  child_path_ = path;
  report_unknown_children(*xml_, child, path, child_known_, "children", data_.findings, cin_details_);
  const pugi::xml_node ids = child.child("ChildIdentifiers");
  report_unknown_children(*xml_, ids, path + "/ChildIdentifiers", child_ids_known_, "children", data_.findings);
  report_unknown_children(*xml_, child.child("ChildCharacteristics"), path + "/ChildCharacteristics", traits_known_,
                          "children", data_.findings);
  const std::string child_id(child_text(*xml_, ids, "LAchildID").value_or(""));
  const bool ok = add_child_row(child, path);
  read_disabilities(child, path, child_id, ok);
  std::size_t k = 0;
  for (pugi::xml_node cin = child.child("CINdetails"); cin; cin = cin.next_sibling("CINdetails"))
    read_cin_details(cin, child_path(path, cin, ++k), child_id, ok);
}

SAFEGUARDING_FUNC void Reader::reserve(double scale, std::size_t most) {
  for (auto& b : builders_) {
    const auto rows = static_cast<double>(b.table().size());
    if (rows > 0) b.reserve(std::min(most, static_cast<std::size_t>(rows * scale)));
  }
}

SAFEGUARDING_FUNC void Reader::read_disabilities(pugi::xml_node child, const std::string& path,
                                                 const std::string& child_id, bool child_ok) {
  const std::string parent = path + "/ChildCharacteristics/Disabilities";
  const pugi::xml_node disabilities = child.child("ChildCharacteristics").child("Disabilities");
  report_unknown_children(*xml_, disabilities, parent, disability_, "disabilities", data_.findings, disability_);
  std::size_t k = 0;
  for (pugi::xml_node d = disabilities.child("Disability"); d; d = d.next_sibling("Disability")) {
    const std::string p = child_path(parent, d, ++k);
    if (!child_ok) {
      add("disabilities", d, p, {}, false, "Child");
      continue;
    }
    const std::string_view value = d.child_value();
    builder("disabilities")
        .add(
            TableBuilder::Origin{0, xml_->name(), xml_->line_of(d), p},
            [&](std::size_t i) -> std::optional<std::string_view> {
              return i == 0 ? std::string_view(child_id) : value;
            },
            [&](std::size_t i) { return i == 0 ? path + "/ChildIdentifiers/LAchildID" : p; }, data_.findings);
  }
}

SAFEGUARDING_FUNC void Reader::read_cin_details(pugi::xml_node cin, const std::string& path,
                                                const std::string& child_id, bool child_ok) {
  report_unknown_children(*xml_, cin, path, cin_known_, "cin_details", data_.findings, cin_nested_);
  const std::string id = std::to_string(++cin_details_id_);
  const bool ok = add("cin_details", cin, path, {{"LAchildID", child_id}, {"cin_details_id", id}}, child_ok, "Child");
  read_assessments(cin, path, child_id, id, ok);
  const std::pair<const char*, std::string_view> simple[] = {
      {"CINPlanDates", "cin_plans"}, {"Section47", "section47"}, {"PreProceedingsandFGDM", "pre_proceedings"}};
  for (const auto& [element, table] : simple) {
    std::size_t k = 0;
    for (pugi::xml_node n = cin.child(element); n; n = n.next_sibling(element)) {
      const std::string p = child_path(path, n, ++k);
      report_unknown_children(*xml_, n, p, own_columns(table), table, data_.findings);
      add(table, n, p, {{"LAchildID", child_id}, {"cin_details_id", id}}, ok, "CINdetails");
    }
  }
  read_plans(cin, path, child_id, id, ok);
}

SAFEGUARDING_FUNC void Reader::read_assessments(pugi::xml_node cin, const std::string& path,
                                                const std::string& child_id, const std::string& details_id, bool ok) {
  std::size_t k = 0;
  for (pugi::xml_node a = cin.child("Assessments"); a; a = a.next_sibling("Assessments")) {
    const std::string p = child_path(path, a, ++k);
    report_unknown_children(*xml_, a, p, assessment_known_, "assessments", data_.findings);
    const std::string aid = std::to_string(++assessment_id_);
    const bool a_ok =
        add("assessments", a, p, {{"LAchildID", child_id}, {"cin_details_id", details_id}, {"assessment_id", aid}}, ok,
            "CINdetails");
    const pugi::xml_node factors = a.child("FactorsIdentifiedAtAssessment");
    report_unknown_children(*xml_, factors, p + "/FactorsIdentifiedAtAssessment", factors_, "assessment_factors",
                            data_.findings, factors_);
    std::size_t j = 0;
    for (pugi::xml_node f = factors.child("AssessmentFactors"); f; f = f.next_sibling("AssessmentFactors")) {
      const std::string fp = child_path(p + "/FactorsIdentifiedAtAssessment", f, ++j);
      if (!a_ok) {
        add("assessment_factors", f, fp, {}, false, "Assessments");
        continue;
      }
      const std::string value = f.child_value();
      add("assessment_factors", f, fp, {{"LAchildID", child_id}, {"assessment_id", aid}, {"AssessmentFactors", value}},
          true);
    }
  }
}

SAFEGUARDING_FUNC void Reader::read_plans(pugi::xml_node cin, const std::string& path, const std::string& child_id,
                                          const std::string& details_id, bool ok) {
  std::size_t k = 0;
  for (pugi::xml_node plan = cin.child("ChildProtectionPlans"); plan;
       plan = plan.next_sibling("ChildProtectionPlans")) {
    const std::string p = child_path(path, plan, ++k);
    report_unknown_children(*xml_, plan, p, plan_known_, "cp_plans", data_.findings, reviews_);
    const std::string pid = std::to_string(++cp_plan_id_);
    const bool p_ok =
        add("cp_plans", plan, p, {{"LAchildID", child_id}, {"cin_details_id", details_id}, {"cp_plan_id", pid}}, ok,
            "CINdetails");
    std::size_t j = 0;
    for (pugi::xml_node reviews = plan.child("Reviews"); reviews; reviews = reviews.next_sibling("Reviews")) {
      const std::string rp = child_path(p, reviews, ++j);
      report_unknown_children(*xml_, reviews, rp, review_date_, "cp_reviews", data_.findings, review_date_);
      std::size_t r = 0;
      for (pugi::xml_node d = reviews.child("CPPreviewDate"); d; d = d.next_sibling("CPPreviewDate")) {
        const std::string value = d.child_value();
        add("cp_reviews", d, child_path(rp, d, ++r),
            {{"LAchildID", child_id}, {"cp_plan_id", pid}, {"CPPreviewDate", value}}, p_ok, "ChildProtectionPlans");
      }
    }
  }
}

SAFEGUARDING_FUNC void Reader::note_child(const Table& children, const std::string& path, std::int64_t line) {
  children_read_.push_back(ChildRead{data_.findings.size(), children.columns.front().codes.back(), line, path});
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
    f.where = c.path + "/ChildIdentifiers/LAchildID";
    f.value = f.child;
    f.problem = "LAchildID " + quote(f.child) + " was already given to " + children_read_[earlier].path +
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
