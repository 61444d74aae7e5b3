// The CIN census reader: each Child element, its referrals (CINdetails) and what they hold, into
// linked tables. Private to the returns library (see include/safeguarding/returns/cin_census/load.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../table_builder.hpp"
#include "../xml.hpp"
#include "safeguarding/returns/cin_census/tables.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/support/split_scale.hpp"

namespace safeguarding::inline v0::returns::cin_census {

struct CinCensus;  // load.hpp, included below

namespace detail {

/// The values of a row's link columns (the child's LAchildID, the ids the reader numbered its
/// elements with, a leaf's own text), in the order of the table's columns: they are its first.
using Links = std::initializer_list<std::string_view>;

/// The position of a CIN census table in `tables`, and of its builder in a Reader.
constexpr std::size_t table_index(std::string_view name) {
  for (std::size_t i = 0; i < std::size(tables); ++i)
    if (tables[i].name == name) return i;
  return std::size(tables);
}

class Reader {
 public:
  Reader(const XmlFile& xml, Dataset& data, bool dayfirst);

  /// The XML the next Child elements come from: a piece of the same file (XmlFile::Piece).
  void use(const XmlFile& xml) {
    xml_ = &xml;
    line_hint_ = 0;
  }
  /// Reads a Child element, the `index`-th (from 1) of the file's.
  void read_child(pugi::xml_node child, std::size_t index);
  /// Makes room in each table for `scale` times the rows it has, and no more than `most` rows (see
  /// TableBuilder::reserve): once the first piece of a run of Child elements is read, for the
  /// rows the whole run will give.
  void reserve(double scale, std::size_t most);
  /// Adds what `part` read (the Child elements after this reader's, read by a reader of their own,
  /// on another thread) as if this reader had read it: the rows, their counts, the dictionaries
  /// (values in the order one reader would have met them), the findings in document order, and the
  /// referrals, assessments and plans numbered on from this reader's. Neither reader uses the
  /// file's XML any more: it may be released first.
  void append(Reader& part);
  /// The tables and their row counts, into the dataset; a date column read the wrong way (day or
  /// month first) is a problem. The file's XML is not used.
  void finish(Problems& problems);

 private:
  static constexpr std::size_t children_t = table_index("children"), disabilities_t = table_index("disabilities"),
                               cin_details_t = table_index("cin_details"), assessments_t = table_index("assessments"),
                               factors_t = table_index("assessment_factors"), cin_plans_t = table_index("cin_plans"),
                               section47_t = table_index("section47"), cp_plans_t = table_index("cp_plans"),
                               cp_reviews_t = table_index("cp_reviews"),
                               pre_proceedings_t = table_index("pre_proceedings");
  static_assert(pre_proceedings_t < std::size(tables) && cp_reviews_t < std::size(tables) &&
                cp_plans_t < std::size(tables) && section47_t < std::size(tables) && cin_plans_t < std::size(tables) &&
                factors_t < std::size(tables) && assessments_t < std::size(tables) &&
                cin_details_t < std::size(tables) && disabilities_t < std::size(tables) &&
                children_t < std::size(tables));

  /// The element names of a table's own columns (not the link columns the reader fills in).
  const std::vector<std::string_view>& own_columns(std::size_t t) const { return own_[t]; }
  /// Table t's columns past its links: each one's index in the names of the element a row is read
  /// from (read by the names given here).
  void map_columns(std::size_t t, const ElementNames& names, std::size_t links);
  /// Adds a row of table `t` from the leaf elements of `node` (read_children gave them to
  /// `elements`), its first columns' values given as `links`; the element's path is path_. When
  /// `parent_ok` is false the row is rejected because the element it belongs to was.
  bool add(std::size_t t, pugi::xml_node node, const ChildElements* elements, Links links, bool parent_ok,
           std::string_view parent_name = {});
  bool add_child_row(std::int64_t line);
  // Each reads the elements under the one at path_ (a Child, or the CINdetails for the last three)
  // and leaves path_ as it found it.
  void read_disabilities(std::string_view child_id, bool child_ok);
  void read_cin_details(pugi::xml_node cin, std::string_view child_id, bool child_ok);
  void read_assessments(std::string_view child_id, std::string_view details_id, bool ok);
  void read_plans(std::string_view child_id, std::string_view details_id, bool ok);
  /// "/Message/Children/Child[index]".
  static std::string child_element_path(std::size_t index);
  /// A Child whose LAchildID (trimmed and upper-cased) an earlier Child already had: both are
  /// kept, and their referrals and plans are read as one child's, but it is reported, naming both.
  /// Each Child read is noted with where its finding would go; the findings are made once every
  /// part is appended, so that a Child repeating one of another part's is found too.
  void note_child(const Table& children, std::size_t index, std::int64_t line);
  void report_repeated_children();

  const XmlFile* xml_;
  std::string file_;  // the file's name, for the findings made once its XML is released
  Dataset& data_;
  std::shared_ptr<returns::detail::Interner> ids_ = std::make_shared<returns::detail::Interner>();
  std::vector<TableBuilder> builders_;
  // Built once, not per element: per builder, its own columns (own_columns); the elements known
  // under each element the reader reads (and which of them it reads every one of), each element's
  // children found by one pass over them (read_children) into lists kept between elements, and
  // per table, where each column's value is found in those lists (columns_).
  std::vector<std::vector<std::string_view>> own_;
  ElementNames child_names_, ids_names_, traits_names_, disability_names_, cin_names_, assessment_names_, factor_names_,
      plan_names_, review_names_;
  ElementNames simple_names_[3];  // CINPlanDates, Section47, PreProceedingsandFGDM
  ChildElements child_els_, ids_els_, traits_els_, disability_els_, cin_els_, assessment_els_, factor_els_, simple_els_,
      plan_els_, review_els_;
  std::vector<std::vector<std::size_t>> columns_;
  // The children table's columns: from ChildCharacteristics (true) or ChildIdentifiers, and the
  // name's index there.
  std::vector<std::pair<bool, std::size_t>> child_columns_;
  std::size_t ids_la_ = 0, traits_ = 0, disabilities_ = 0, cin_details_ = 0, assessments_ = 0, factors_ = 0, plans_ = 0,
              reviews_ = 0;
  std::size_t simple_[3] = {};  // CINPlanDates, Section47, PreProceedingsandFGDM in cin_names_
  // The path of the element being read, built up and cut back as the reader goes down and up
  // (not a string per element), and the length of its Child's path at its start.
  std::string path_;
  std::size_t child_path_size_ = 0;
  std::size_t line_hint_ = 0;  // see XmlFile::line_of
  struct ChildRead {
    std::size_t finding;  // where in data_.findings its finding goes, if it repeats an earlier Child
    std::int32_t code;    // its LAchildID in ids_
    std::int64_t line;
    std::size_t index;  // its place among the file's Child elements, from 1
  };
  std::vector<ChildRead> children_read_;  // in document order
  std::int64_t cin_details_id_ = 0, assessment_id_ = 0, cp_plan_id_ = 0;
  bool dayfirst_ = true;
};

/// From this many Child elements a file is read in two parts on two threads (when there are two
/// cores): below it, starting a thread costs more than it saves.
inline constexpr std::size_t two_parts_from = 256;

/// The bytes of Child elements parsed at a time (a piece of the file, XmlFile::Piece) when the file
/// is read piece by piece: each piece's DOM is released before the next is parsed, so the whole
/// file's DOM is never held. A piece ends at the end of the first Child past this size. Divided by
/// support::split_scale, as the other sizes that change a path are: 100 times smaller in the
/// sanitised test build only, whose tests of the piece path (files of about one piece's and two
/// pieces' worth of Child elements, read a Child a piece too) then read files of 16 to 35 Child
/// elements rather than 1,758 to 3,519.
inline constexpr std::size_t piece_bytes = (std::size_t{256} << 10) / support::split_scale;

/// Where the Child elements of the file's <Children> lie: from the first Child's '<' to the end of
/// the last </Child>. nullopt when the file is not of the plain form, which is then parsed whole:
/// root <Message>, the first <Children> holding the first Child, blanks beside the run of Child
/// elements, and inside it no comment, CDATA section, processing instruction or quote inside a tag
/// (so that every "</Child>" there is an end tag). The text before the first Child is scanned as
/// XML (tags, quoted values, comments, CDATA, processing instructions; a DOCTYPE declines).
struct ChildLayout {
  std::size_t begin = 0, end = 0;
};
std::optional<ChildLayout> child_layout(std::string_view text);

/// The end of the piece of `text` that starts at `from` (the '<' of a Child) and holds `bytes` or
/// a little more: the '<' of the first Child that follows a </Child> (and blanks) at or past
/// from + bytes, or `end`.
std::size_t piece_end(std::string_view text, std::size_t from, std::size_t bytes, std::size_t end);

/// Reads a CIN census file with its Child elements split into `parts` runs, each read on a thread
/// of its own; the result is that of reading them in one pass. `parts` 0: two on a machine with
/// two cores or more, from two_parts_from Child elements when the file is parsed whole and from
/// more than one piece of them when it is read piece by piece; otherwise one (what load() does).
/// With `bytes` above 0 the Child elements are parsed about that many bytes at a time
/// (XmlFile::Piece), each run's pieces on its thread, the header and what surrounds the Child
/// elements on their own; a piece that is not well-formed or holds anything but Child elements, or
/// a file not of the plain form (child_layout), is parsed whole (`bytes` 0), so that its Error and
/// findings are the whole file's.
CinCensus load_in_parts(const std::filesystem::path& path, const ReadOptions& options, std::size_t parts,
                        std::size_t bytes = piece_bytes);

}  // namespace detail

}  // namespace safeguarding::inline v0::returns::cin_census

// Last: in header-only mode load.hpp includes the sources (load.cpp, reader.cpp), which use the
// declarations above; included first, it would bring them in before those declarations when this
// header is the first to be included.
#include "safeguarding/returns/cin_census/load.hpp"
