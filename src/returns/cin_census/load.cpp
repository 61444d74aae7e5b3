#include "safeguarding/returns/cin_census/load.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "../../support/bytes.hpp"
#include "../../support/text_file.hpp"
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

/// The header's Collection, Year and ReferenceDate (an unreadable date is reported and blanked);
/// the elements of <Header> and <CollectionDetails> the reader does not know are reported.
SAFEGUARDING_FUNC void read_header(const XmlFile& xml, const std::string& name, CinCensus& out) {
  const pugi::xml_node header = returns::detail::child_element(xml, xml.root(), "Header");
  report_unknown_children(xml, header, "/Message/Header", {"CollectionDetails", "Source"}, "", out.data.findings);
  const pugi::xml_node details = returns::detail::child_element(xml, header, "CollectionDetails");
  report_unknown_children(xml, details, "/Message/Header/CollectionDetails", {"Collection", "Year", "ReferenceDate"},
                          "", out.data.findings);
  const auto text = [&](const char* element) {
    return support::detail::trim(returns::detail::child_text(xml, details, element).value_or(""));
  };
  out.collection = text("Collection");
  out.year = text("Year");
  const std::string_view ref = text("ReferenceDate");
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

/// Whether `s` is only XML's blanks (space, tab, CR, LF).
SAFEGUARDING_FUNC bool blank(std::string_view s) noexcept {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// Whether a Child's start tag begins at `i` ("<Child" then a blank, '/' or '>').
SAFEGUARDING_FUNC bool child_tag_at(std::string_view t, std::size_t i) noexcept {
  return t.substr(i, 6) == "<Child" && i + 6 < t.size() &&
         (t[i + 6] == '>' || t[i + 6] == '/' || t[i + 6] == ' ' || t[i + 6] == '\t' || t[i + 6] == '\r' ||
          t[i + 6] == '\n');
}

/// How many bytes in [from, to) `hit(i)` (0 or 1) holds for: counted in blocks of 255 into one byte,
/// a loop the compiler turns into vector instructions (a memchr per hit would be a call every few
/// dozen bytes).
template <class Hit>
std::size_t count_bytes(std::size_t from, std::size_t to, const Hit& hit) noexcept {
  std::size_t n = 0, i = from;
  for (; i + 255 <= to; i += 255) {
    unsigned char block = 0;
    for (std::size_t k = 0; k < 255; ++k) block = static_cast<unsigned char>(block + hit(i + k));
    n += block;
  }
  for (; i < to; ++i) n += hit(i);
  return n;
}

/// The number of Child start tags ("<Child" then a blank, '/' or '>') in [from, to).
SAFEGUARDING_FUNC std::size_t count_child_tags(std::string_view t, std::size_t from, std::size_t to) noexcept {
  std::size_t n = 0;
  support::detail::for_each_byte(t.substr(from, to - from), '<',
                                 [&](std::size_t i) { n += child_tag_at(t, from + i); });
  return n;
}

/// The line breaks in [from, to).
SAFEGUARDING_FUNC std::int64_t count_lines(std::string_view t, std::size_t from, std::size_t to) noexcept {
  const auto* b = reinterpret_cast<const unsigned char*>(t.data());
  return static_cast<std::int64_t>(
      count_bytes(from, to, [b](std::size_t i) { return static_cast<unsigned char>(b[i] == '\n'); }));
}

SAFEGUARDING_FUNC std::optional<ChildLayout> child_layout(std::string_view t) {
  constexpr auto npos = std::string_view::npos;
  ChildLayout out;
  std::size_t depth = 0;  // elements open
  std::size_t mark = 0;   // the end of the last markup
  bool root = false, children = false;
  // The text up to the first Child, as XML.
  for (std::size_t i = t.find('<');; i = t.find('<', i)) {
    if (i == npos) return std::nullopt;
    if (children && depth == 2 && child_tag_at(t, i)) {
      out.begin = i;
      break;
    }
    const std::string_view at = t.substr(i);
    const auto past = [&](std::string_view close, std::size_t from) {
      const std::size_t k = t.find(close, from);
      return k == npos ? npos : k + close.size();
    };
    std::size_t end = npos;
    if (at.starts_with("<!--")) {
      end = past("-->", i + 4);
    } else if (at.starts_with("<![CDATA[")) {
      end = past("]]>", i + 9);
    } else if (at.starts_with("<?")) {
      end = past("?>", i + 2);
    } else if (at.starts_with("<!")) {
      return std::nullopt;  // a DOCTYPE: parsed whole
    } else if (at.starts_with("</")) {
      end = past(">", i + 2);
      if (end == npos || depth == 0) return std::nullopt;
      if (--depth < 2 && children) return std::nullopt;  // <Children> closed without a Child
    } else {  // a start tag: its name, then attributes whose quoted values may hold '>'
      std::size_t k = i + 1;
      while (k < t.size() && t[k] != '>' && t[k] != '/' && t[k] != ' ' && t[k] != '\t' && t[k] != '\r' && t[k] != '\n')
        ++k;
      const std::string_view name = t.substr(i + 1, k - i - 1);
      for (; k < t.size() && t[k] != '>'; ++k)
        if (t[k] == '"' || t[k] == '\'') {
          k = t.find(t[k], k + 1);
          if (k == npos) return std::nullopt;
        }
      if (k >= t.size()) return std::nullopt;
      end = k + 1;
      const bool empty = t[k - 1] == '/';
      if (depth == 0) {
        if (root || name != "Message") return std::nullopt;
        root = true;
      } else if (depth == 1 && name == "Children" && !children) {
        if (empty) return std::nullopt;
        children = true;
      }
      if (!empty) ++depth;
    }
    if (end == npos) return std::nullopt;
    mark = i = end;
  }
  // Text beside the run of Child elements would be joined to the text on its other side when the
  // two are parsed together: parsed whole.
  if (!blank(t.substr(mark, out.begin - mark))) return std::nullopt;
  const std::size_t last = t.rfind("</Child>");
  if (last == npos || last < out.begin) return std::nullopt;
  out.end = last + 8;
  const std::size_t next = t.find('<', out.end);
  if (!blank(t.substr(out.end, next == npos ? npos : next - out.end))) return std::nullopt;
  // Inside the run, every '<' must begin a tag and every tag end at the first '>': no comment,
  // CDATA section or processing instruction ("<!", "<?"), and no quote inside a tag. The first
  // quote inside a tag, if any, is found as such: the tags before it end at their first '>'.
  const std::string_view run = t.substr(0, out.end);
  for (const char c : {'!', '?'})
    for (std::size_t i = run.find(c, out.begin); i != npos; i = run.find(c, i + 1))
      if (run[i - 1] == '<') return std::nullopt;
  for (const char c : {'"', '\''})
    for (std::size_t i = run.find(c, out.begin); i != npos; i = run.find(c, i + 1)) {
      const std::size_t lt = run.rfind('<', i), gt = run.rfind('>', i);
      if (gt == npos || lt > gt) return std::nullopt;
    }
  return out;
}

SAFEGUARDING_FUNC std::size_t piece_end(std::string_view t, std::size_t from, std::size_t bytes, std::size_t end) {
  for (std::size_t i = from + std::max<std::size_t>(bytes, 1); i < end; i += 8) {
    i = t.substr(0, end).find("</Child>", i);
    if (i == std::string_view::npos) return end;
    std::size_t k = i + 8;
    while (k < end && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\n')) ++k;
    if (k < end && child_tag_at(t, k)) return k;
  }
  return end;
}

/// The header, and the elements beside <Header> and <Children> and beside the Child elements:
/// reported and read as the whole file's. Returns the <Children> element.
SAFEGUARDING_FUNC pugi::xml_node read_frame(const XmlFile& xml, const std::string& name, CinCensus& out) {
  const pugi::xml_node root = xml.root();
  if (std::string_view(root.name()) != "Message")
    throw Error(name, "the root element is <" + std::string(root.name()) + ">, not <Message>: not a CIN census file");
  report_unknown_children(xml, root, "/Message", {"Header", "Children"}, "", out.data.findings);
  read_header(xml, name, out);
  const pugi::xml_node children = returns::detail::child_element(xml, root, "Children");
  report_unknown_children(xml, children, "/Message/Children", {"Child"}, "", out.data.findings, {"Child"});
  return children;
}

/// The number of runs of Child elements to read on threads of their own (see load_in_parts), with
/// `two` when there are enough of them for two.
SAFEGUARDING_FUNC std::size_t parts_for(std::size_t parts, std::size_t children, bool two) {
  if (parts == 0) parts = std::thread::hardware_concurrency() > 1 && two ? 2 : 1;
  return std::clamp<std::size_t>(parts, 1, std::max<std::size_t>(children, 1));
}

/// The readers of the parts after the first appended to it, in order, and the tables finished.
SAFEGUARDING_FUNC void finish_parts(std::vector<std::unique_ptr<Reader>>& readers) {
  for (std::size_t p = 1; p < readers.size(); ++p) {
    readers.front()->append(*readers[p]);
    readers[p].reset();
  }
  Problems problems;
  readers.front()->finish(problems);
  problems.throw_if_any("CIN census");
}

/// The file parsed whole: its DOM held until every Child is read.
SAFEGUARDING_FUNC void read_whole(support::Text text, const std::string& name, const ReadOptions& options,
                                  std::size_t parts, CinCensus& out) {
  Dataset& data = out.data;
  // The file's text and its DOM, released once every Child is read.
  auto file = std::make_unique<XmlFile>(std::move(text), name);
  const XmlFile& xml = *file;
  const pugi::xml_node children = read_frame(xml, name, out);
  std::vector<pugi::xml_node> list;
  for (pugi::xml_node child = returns::detail::child_element(xml, children, "Child"); child;
       child = returns::detail::next_element(child, "Child"))
    list.push_back(child);
  // Each part reads a run of Child elements, in document order, into a reader and findings of
  // its own; the parts are then appended to the first in order.
  parts = parts_for(parts, list.size(), list.size() >= two_parts_from);
  std::vector<Dataset> part_data(parts - 1);
  std::vector<std::unique_ptr<Reader>> readers;
  readers.push_back(std::make_unique<Reader>(xml, data, options.dayfirst));
  for (auto& d : part_data) readers.push_back(std::make_unique<Reader>(xml, d, options.dayfirst));
  support::in_parts(parts, [&](std::size_t p) {
    const std::size_t begin = list.size() * p / parts, end = list.size() * (p + 1) / parts;
    for (std::size_t k = begin; k < end; ++k) readers[p]->read_child(list[k], k + 1);
  });
  list = {};
  file.reset();
  finish_parts(readers);
}

/// A file's size and modification time: the same before its text is read and after its pieces are
/// read again from it, or it changed meanwhile.
struct FileStamp {
  std::uintmax_t size = 0;
  std::filesystem::file_time_type time;
  bool operator==(const FileStamp&) const = default;
};

SAFEGUARDING_FUNC FileStamp stamp_of(const std::filesystem::path& path) {
  std::error_code ec;
  FileStamp s;
  s.size = std::filesystem::file_size(path, ec);
  if (ec) s.size = static_cast<std::uintmax_t>(-1);
  s.time = std::filesystem::last_write_time(path, ec);
  return s;
}

/// The file read piece by piece (XmlFile::Piece): the header and what surrounds the Child elements
/// (the file but for the run of Child elements), then each piece of about `bytes` of Child
/// elements, parsed, read and released in turn, the pieces of each part on its thread. A UTF-8
/// file's text is released as soon as each part has counted what comes before it, and the pieces
/// are read again from the file (its bytes are their text), so that the text and the tables read
/// are not held together; the file must not have changed meanwhile (`stamp`, taken before its text
/// was read). False, with `out` to be discarded, when a piece is not well-formed or holds anything
/// but Child elements (and blanks), a part does not hold the Child elements counted before the
/// next, or the file changed: the file is then parsed whole (read again when `released`).
SAFEGUARDING_FUNC bool read_in_pieces(const std::filesystem::path& path, const FileStamp& stamp, support::Text& text,
                                      bool& released, const ChildLayout& layout, const std::string& name,
                                      const ReadOptions& options, std::size_t parts, std::size_t bytes,
                                      CinCensus& out) {
  const std::string& t = text.utf8;
  const auto lines_in = [&t](std::size_t from, std::size_t to) { return count_lines(t, from, to); };
  XmlFile::Piece frame_at;
  frame_at.gap_at = layout.begin;
  frame_at.gap = layout.end - layout.begin;
  frame_at.gap_lines = lines_in(layout.begin, layout.end);
  frame_at.document = true;
  auto frame = std::make_unique<XmlFile>(t.substr(0, layout.begin) + t.substr(layout.end), name, frame_at);
  if (!frame->ok()) return false;
  const pugi::xml_node children = read_frame(*frame, name, out);
  // A Child left in the frame (a case variant beside the run of Child elements, read only when the
  // file has no <Child>): the file is parsed whole, where it is seen beside them.
  if (returns::detail::child_element(*frame, children, "Child")) return false;
  // The parts split the run at Child boundaries into runs of about equal size; each part's pieces'
  // ends, found while the text is there.
  const std::size_t size = layout.end - layout.begin;
  parts = parts_for(parts, size, size > bytes);
  std::vector<std::size_t> splits{layout.begin};
  for (std::size_t p = 1; p < parts; ++p)
    splits.push_back(std::max(splits.back(), piece_end(t, layout.begin, size * p / parts, layout.end)));
  splits.push_back(layout.end);
  std::vector<std::vector<std::size_t>> ends(parts);
  for (std::size_t p = 0; p < parts; ++p)
    for (std::size_t from = splits[p]; from < splits[p + 1];)
      ends[p].push_back(from = piece_end(t, from, bytes, splits[p + 1]));
  // The file's bytes are its text but for a UTF-8 byte order mark; UTF-16 is read from the text.
  const bool from_file = text.encoding == support::Encoding::utf8 || text.encoding == support::Encoding::utf8_bom;
  const std::size_t skip = text.encoding == support::Encoding::utf8_bom ? 3 : 0;
  std::vector<Dataset> part_data(parts - 1);
  std::vector<std::unique_ptr<Reader>> readers;
  readers.push_back(std::make_unique<Reader>(*frame, out.data, options.dayfirst));
  for (auto& d : part_data) readers.push_back(std::make_unique<Reader>(*frame, d, options.dayfirst));
  // Per part, the Child elements counted before it (its first Child's number less one) and those
  // it read: each must be the next's count, or the count was wrong (a Child nested in another).
  std::vector<std::size_t> before(parts, 0), read(parts, 0);
  std::atomic<bool> failed{false};
  std::atomic<std::size_t> counting{parts};  // the parts still counting in the text
  try {
    support::in_parts(parts, [&](std::size_t p) {
      XmlFile::Piece at;
      at.lines_before = lines_in(0, splits[p]);
      before[p] = p == 0 ? 0 : count_child_tags(t, layout.begin, splits[p]);
      if (counting.fetch_sub(1) == 1 && from_file) {
        const support::Text gone = std::move(text);  // the last part to count releases the text
        released = true;
      }
      std::ifstream file;
      if (from_file) file.open(path, std::ios::binary);
      std::vector<pugi::xml_node> list;
      std::string bytes_of_piece;
      for (std::size_t from = splits[p], j = 0; from < splits[p + 1] && !failed.load(std::memory_order_relaxed);
           from = ends[p][j++]) {
        at.start = from;
        const std::size_t length = ends[p][j] - from;
        if (from_file) {
          bytes_of_piece.assign(length, '\0');
          file.seekg(static_cast<std::streamoff>(from + skip));
          file.read(bytes_of_piece.data(), static_cast<std::streamsize>(length));
          if (!file || static_cast<std::size_t>(file.gcount()) != length) {
            failed = true;
            return;
          }
        } else {
          bytes_of_piece = t.substr(from, length);
        }
        const XmlFile piece(std::move(bytes_of_piece), name, at);
        bytes_of_piece = std::string();
        at.lines_before += static_cast<std::int64_t>(piece.line_breaks());
        list.clear();
        bool ok = piece.ok();
        for (pugi::xml_node c = piece.document().first_child(); ok && c; c = c.next_sibling()) {
          if (c.type() == pugi::node_element && std::string_view(c.name()) == "Child")
            list.push_back(c);
          else
            ok = c.type() == pugi::node_pcdata && support::detail::trim(c.value()).empty();
        }
        if (!ok) {
          failed = true;
          return;
        }
        readers[p]->use(piece);
        for (const pugi::xml_node c : list) {
          readers[p]->read_child(c, before[p] + ++read[p]);
        }
        // The first piece foretells the rows of the rest (the later parts' are appended to the
        // first's): each table's columns take their size once, with an eighth to spare, rather
        // than being copied as they double and then again when the parts are joined. Nor more
        // than a row for each 24 bytes (a filled-in row element is longer: <Disability>'s is the
        // shortest), so that a first piece unlike the rest reserves little more than the file
        // holds; rows past the reservation are added as any other.
        if (j == 0 && ends[p].size() > 1) {
          const std::size_t whole = p == 0 ? layout.end - layout.begin : splits[p + 1] - splits[p];
          readers[p]->reserve(1.125 * static_cast<double>(whole) / static_cast<double>(ends[p][0] - splits[p]),
                              whole / 24);
        }
      }
    });
  } catch (...) {
    if (!failed) throw;  // otherwise the whole file's parse says what is wrong
  }
  if (failed) return false;
  for (std::size_t p = 1; p < parts; ++p)
    if (before[p] != before[p - 1] + read[p - 1]) return false;
  if (released && !(stamp_of(path) == stamp)) return false;
  if (!released) {
    const support::Text gone = std::move(text);  // (assigning {} would keep the buffer)
  }
  frame.reset();
  finish_parts(readers);
  return true;
}

SAFEGUARDING_FUNC CinCensus load_in_parts(const std::filesystem::path& path, const ReadOptions& options,
                                          std::size_t parts, std::size_t bytes) {
  const std::string name = path.string();
  const FileStamp stamp = stamp_of(path);
  auto text = support::read_text(path);
  const auto read = [&] {
    if (bytes > 0) {
      XmlFile::check_characters(text.utf8, name);
      if (const auto layout = child_layout(text.utf8)) {
        CinCensus out;
        out.data.files.push_back(name);
        bool released = false;
        if (read_in_pieces(path, stamp, text, released, *layout, name, options, parts, bytes, out)) return out;
        if (released) text = support::read_text(path);
      }
    }
    CinCensus out;
    out.data.files.push_back(name);
    read_whole(std::move(text), name, options, parts, out);
    return out;
  };
  CinCensus out = read();
  Dataset& data = out.data;
  merge_duplicates(data);
  check_dates(data);
  returns::detail::finish_counts(data);
  returns::detail::release_freed_memory();  // the second thread's pieces and tables
  return out;
}

}  // namespace detail

SAFEGUARDING_FUNC CinCensus load(const std::filesystem::path& path, const ReadOptions& options) {
  return detail::load_in_parts(path, options, 0, detail::piece_bytes);
}

}  // namespace safeguarding::inline v0::returns::cin_census
