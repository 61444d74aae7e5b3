#include "safeguarding/returns/cin_census/load.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../../support/threads.hpp"
#include "../loading.hpp"
#include "reader.hpp"
#include "safeguarding/returns/reporting_year.hpp"
#include "years.hpp"

namespace safeguarding::inline v0::returns::cin_census {

namespace detail {

/// A header whose Year and ReferenceDate name different collections (Year 2023 with ReferenceDate
/// 31 March 2024: the 2024 census's date) is a finding: the year is taken from Year, as the
/// measures say, but which of the two is mistyped only the file's author can say.
SAFEGUARDING_FUNC void report_year_conflict(const std::string& name, CinCensus& out) {
  const int stated = stated_year(out);
  if (stated == 0) return;
  const int collection = ReportingYear::ending_of(out.reference_date);
  if (collection == stated) return;
  ReturnFinding f = returns::detail::file_finding(
      name, "",
      "Year " + out.year + " and ReferenceDate " + format_days(out.reference_date) +
          " disagree: that date falls in the " + std::to_string(collection) + " census's year (to 31 March " +
          std::to_string(collection) + "); the census's year is taken from Year",
      FindingAction::kept, "Year");
  f.where = "/Message/Header/CollectionDetails/Year";
  f.value = out.year;
  out.data.findings.push_back(std::move(f));
}

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
    report_year_conflict(name, out);
    return;
  }
  ReturnFinding f = returns::detail::file_finding(name, "", problem, FindingAction::blanked, "ReferenceDate");
  f.where = "/Message/Header/CollectionDetails/ReferenceDate";
  f.value = std::string(ref);
  out.data.findings.push_back(std::move(f));
}

/// A record of a CIN census table: rows with equal values in `key` are one record, given twice.
/// `id` (when not empty) is the id the reader numbered the record's element with, and `linked` the
/// tables whose rows belong to it (by that id column): they move to the record kept.
struct RecordKey {
  std::string_view table;
  std::vector<std::string_view> key;
  std::string_view id;
  std::vector<std::string_view> linked;
};

/// The rows (ascending) whose values in the `key` columns are those of another row: every row of
/// each group of two or more. `value(column, row)` and `same(row, row)` compare as merge_duplicates does.
template <class Value, class Same>
std::vector<std::size_t> shared_keys(std::size_t rows, const std::vector<const Column*>& key, const Value& value,
                                     const Same& same) {
  constexpr std::size_t empty = static_cast<std::size_t>(-1);
  std::size_t capacity = 16;
  while (capacity < 2 * rows) capacity *= 2;
  std::vector<std::size_t> slots(capacity, empty);  // open addressing: the first row met with each key
  std::vector<bool> shared(rows, false);
  for (std::size_t i = 0; i < rows; ++i) {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (const Column* c : key) {
      h ^= static_cast<std::uint64_t>(value(*c, i)) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
      h *= 0xBF58476D1CE4E5B9ULL;
    }
    h ^= h >> 31;
    for (std::size_t at = h & (capacity - 1);; at = (at + 1) & (capacity - 1)) {
      if (slots[at] == empty) {
        slots[at] = i;
        break;
      }
      if (same(slots[at], i)) {
        shared[slots[at]] = true;
        shared[i] = true;
        break;
      }
    }
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < rows; ++i)
    if (shared[i]) out.push_back(i);
  return out;
}

/// Merges the records of `t` given more than once: the first in the file is kept, each later copy
/// is merged into it with a finding naming the columns that differ; the rows of the linked tables
/// that belonged to a merged copy now belong to the kept record.
SAFEGUARDING_FUNC void merge_duplicates(Dataset& data, const RecordKey& record) {
  Table* t = returns::detail::find_table(data, record.table);
  if (t == nullptr || t->size() < 2) return;
  std::vector<const Column*> key;
  for (auto name : record.key) key.push_back(&t->column(name));
  const auto value = [](const Column& c, std::size_t i) -> std::int64_t {
    return c.is_string() ? c.codes[i] : c.is_number() ? c.numbers[i] : c.flags[i];
  };
  const auto less = [&](std::size_t a, std::size_t b) {
    for (const Column* c : key)
      if (value(*c, a) != value(*c, b)) return value(*c, a) < value(*c, b);
    return a < b;
  };
  const auto same = [&](std::size_t a, std::size_t b) {
    return std::all_of(key.begin(), key.end(), [&](const Column* c) { return value(*c, a) == value(*c, b); });
  };
  // The rows whose key another row shares, found in linear time (a hash table of row indices); only
  // they are sorted by key, so a file without duplicates sorts nothing. The sort puts them in the
  // order a sort of every row would: each group's first row first, groups by key.
  std::vector<std::size_t> order = shared_keys(t->size(), key, value, same);
  if (order.empty()) return;
  std::sort(order.begin(), order.end(), less);
  std::vector<bool> drop(t->size(), false);
  std::vector<std::pair<std::int64_t, std::int64_t>> moved;  // (merged id, kept id)
  std::size_t kept = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (k == 0 || !same(order[k - 1], i)) {
      kept = i;
      continue;
    }
    drop[i] = true;
    std::string differs, keys;
    for (const auto& c : t->columns) {
      const bool is_key = std::find(record.key.begin(), record.key.end(), c.name) != record.key.end();
      if (is_key) (keys.empty() ? keys : keys.append(", ")).append(c.name);
      if (!is_key && c.name != record.id && value(c, i) != value(c, kept))
        (differs.empty() ? differs : differs.append(", ")).append(c.name);
    }
    if (!record.id.empty()) moved.emplace_back(t->column(record.id).numbers[i], t->column(record.id).numbers[kept]);
    const std::string first = returns::detail::row_where(std::vector<bool>{true}, *t, kept, "");
    data.findings.push_back(returns::detail::row_finding(
        data, std::vector<bool>{true}, *t, i, "", "",
        "duplicate of " + first + " (the same " + keys + "), which is kept" +
            (differs.empty() ? " (identical)" : " (differs in " + differs + ")") +
            (record.linked.empty() ? "" : "; what this element holds is read as the kept one's"),
        FindingAction::merged));
  }
  if (moved.empty() && std::none_of(drop.begin(), drop.end(), [](bool d) { return d; })) return;
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < t->size(); ++i)
    if (!drop[i]) keep.push_back(i);
  returns::detail::counts_of(data, t->name).merged += static_cast<std::int64_t>(t->size() - keep.size());
  t->select(keep);
  if (moved.empty()) return;
  std::sort(moved.begin(), moved.end());
  for (auto linked : record.linked) {
    Table* l = returns::detail::find_table(data, linked);
    if (l == nullptr) continue;
    for (auto& id : l->column(record.id).numbers) {
      const auto it = std::lower_bound(moved.begin(), moved.end(), std::make_pair(id, std::int64_t{0}),
                                       [](const auto& a, const auto& b) { return a.first < b.first; });
      if (it != moved.end() && it->first == id) id = it->second;
    }
  }
}

/// Records given twice (the same Child's referral, assessment, plan or review copied in the file):
/// merged, parents first so that their copies' contents are compared under the kept parent.
SAFEGUARDING_FUNC void merge_duplicates(Dataset& data) {
  const RecordKey records[] = {
      {"cin_details",
       {"LAchildID", "CINreferralDate"},
       "cin_details_id",
       {"assessments", "cin_plans", "section47", "cp_plans", "pre_proceedings"}},
      {"assessments",
       {"LAchildID", "cin_details_id", "AssessmentActualStartDate"},
       "assessment_id",
       {"assessment_factors"}},
      {"cp_plans", {"LAchildID", "CPPstartDate"}, "cp_plan_id", {"cp_reviews"}},
      {"assessment_factors", {"LAchildID", "assessment_id", "AssessmentFactors"}, "", {}},
      {"cp_reviews", {"LAchildID", "cp_plan_id", "CPPreviewDate"}, "", {}},
      {"cin_plans", {"LAchildID", "cin_details_id", "CINPlanStartDate"}, "", {}},
      {"section47", {"LAchildID", "cin_details_id", "S47ActualStartDate"}, "", {}},
      {"pre_proceedings", {"LAchildID", "cin_details_id", "PPStartDate"}, "", {}},
      {"disabilities", {"LAchildID", "Disability"}, "", {}},
  };
  for (const auto& r : records) merge_duplicates(data, r);
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

SAFEGUARDING_FUNC CinCensus load_in_parts(const std::filesystem::path& path, const ReadOptions& options,
                                          std::size_t parts) {
  CinCensus out;
  Dataset& data = out.data;
  const std::string name = path.string();
  data.files.push_back(name);
  {
    // The file's text and its DOM, released once every Child is read.
    auto file = std::make_unique<XmlFile>(returns::detail::read_return_file(path), name);
    const XmlFile& xml = *file;
    const pugi::xml_node root = xml.root();
    if (std::string_view(root.name()) != "Message")
      throw Error(name, "the root element is <" + std::string(root.name()) + ">, not <Message>: not a CIN census file");
    report_unknown_children(xml, root, "/Message", {"Header", "Children"}, "", data.findings);
    read_header(root, name, out);
    const pugi::xml_node children = root.child("Children");
    report_unknown_children(xml, children, "/Message/Children", {"Child"}, "", data.findings, {"Child"});
    std::vector<pugi::xml_node> list;
    for (pugi::xml_node child = children.child("Child"); child; child = child.next_sibling("Child"))
      list.push_back(child);
    // Each part reads a run of Child elements, in document order, into a reader and findings of
    // its own; the parts are then appended to the first in order.
    if (parts == 0) parts = std::thread::hardware_concurrency() > 1 && list.size() >= two_parts_from ? 2 : 1;
    parts = std::clamp<std::size_t>(parts, 1, std::max<std::size_t>(list.size(), 1));
    std::vector<Dataset> part_data(parts - 1);
    std::vector<std::unique_ptr<Reader>> readers;
    readers.push_back(std::make_unique<Reader>(xml, data, options.dayfirst));
    for (auto& d : part_data) readers.push_back(std::make_unique<Reader>(xml, d, options.dayfirst));
    support::in_parts(parts, [&](std::size_t p) {
      const std::size_t begin = list.size() * p / parts, end = list.size() * (p + 1) / parts;
      for (std::size_t k = begin; k < end; ++k)
        readers[p]->read_child(list[k], returns::detail::child_path("/Message/Children", list[k], k + 1));
    });
    list = {};
    file.reset();
    for (std::size_t p = 1; p < parts; ++p) {
      readers.front()->append(*readers[p]);
      readers[p].reset();
    }
    Problems problems;
    readers.front()->finish(problems);
    problems.throw_if_any("CIN census");
  }
  merge_duplicates(data);
  check_dates(data);
  returns::detail::finish_counts(data);
  return out;
}

}  // namespace detail

SAFEGUARDING_FUNC CinCensus load(const std::filesystem::path& path, const ReadOptions& options) {
  return detail::load_in_parts(path, options, 0);
}

}  // namespace safeguarding::inline v0::returns::cin_census
