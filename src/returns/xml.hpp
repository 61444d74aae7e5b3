// Reading the returns' XML forms with pugixml: a malformed or truncated file is an Error naming the
// file, line and column; elements the reader does not know and stray text are reported as findings
// with their element path ("/EXPSSDA903/CHILD[3]/EPISODE[2]/DECOM"), never skipped silently.
// Private to the returns library: no public header includes pugixml.
#pragma once

#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "../support/bytes.hpp"
#include "../support/text_file.hpp"
#include "../support/values.hpp"
#include "format.hpp"
#include "safeguarding/error.hpp"
#include "safeguarding/returns/table.hpp"
#include "safeguarding/support/nearest.hpp"

namespace safeguarding::inline v0::returns {

/// A parsed XML file, kept with its text so that positions can be given as lines.
class XmlFile {
 public:
  XmlFile(support::Text text, std::string name) : text_(std::move(text)), name_(std::move(name)) {
    find_line_breaks();
    check_characters(text_.utf8, name_);
    // Element text is stored in the element itself (parse_embed_pcdata): half the nodes of a
    // DOM of small leaf elements. The buffer is parsed in place, so nothing is copied. Parsed as
    // a fragment so that a second root element or text after the root is seen, and refused.
    const auto result = doc_.load_buffer_inplace(text_.utf8.data(), text_.utf8.size(),
                                                 pugi::parse_default | pugi::parse_embed_pcdata | pugi::parse_fragment,
                                                 pugi::encoding_utf8);
    if (!result) {
      const bool truncated = static_cast<std::size_t>(result.offset) >= text_.utf8.size() ||
                             result.status == pugi::status_end_element_mismatch ||
                             result.status == pugi::status_no_document_element;
      throw Error(name_, std::string(truncated ? "the XML is not complete (truncated file?)" : "not well-formed XML") +
                             " at " + position(static_cast<std::size_t>(result.offset)) + ": " + result.description());
    }
    check_one_root();
  }

  /// Where a piece of a file (see the constructor below) lies in it: its text is the file's bytes
  /// from `start`, but for the `gap` bytes that follow its first `gap_at` bytes (none by default),
  /// which hold `gap_lines` line breaks; `lines_before` line breaks come before `start`.
  struct Piece {
    std::size_t start = 0;
    std::int64_t lines_before = 0;
    std::size_t gap_at = static_cast<std::size_t>(-1);
    std::size_t gap = 0;
    std::int64_t gap_lines = 0;
    /// Whether the piece holds the document's root (checked as the whole file's is: one root
    /// element, no text beside it) rather than a run of elements inside it.
    bool document = false;
  };
  /// A piece of a larger file parsed on its own, so that the whole file's DOM is never held (the
  /// CIN census reader parses its Child elements a run at a time). Lines and offsets are given as
  /// in the whole file. Never throws for the XML: ok() is false when the piece is not well-formed,
  /// and the caller parses the whole file, whose Error names the fault as it always has.
  /// check_characters is the caller's to run, on the whole text.
  XmlFile(std::string text, std::string name, const Piece& piece)
      : name_(std::move(name)),
        lines_before_(piece.lines_before),
        gap_at_(piece.gap_at),
        gap_lines_(piece.gap_lines),
        start_(piece.start),
        gap_(piece.gap) {
    text_.utf8 = std::move(text);
    find_line_breaks();
    ok_ = static_cast<bool>(doc_.load_buffer_inplace(
        text_.utf8.data(), text_.utf8.size(), pugi::parse_default | pugi::parse_embed_pcdata | pugi::parse_fragment,
        pugi::encoding_utf8));
    if (ok_ && piece.document) {
      try {
        check_one_root();
      } catch (const Error&) {
        ok_ = false;
      }
    }
  }
  XmlFile(const XmlFile&) = delete;
  XmlFile& operator=(const XmlFile&) = delete;

  [[nodiscard]] pugi::xml_node root() const { return doc_.document_element(); }
  /// The document node: a piece's top-level nodes are its children.
  [[nodiscard]] pugi::xml_node document() const { return doc_; }
  /// Whether the text parsed (always true for a whole file: its constructor throws otherwise).
  [[nodiscard]] bool ok() const noexcept { return ok_; }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// The line breaks in the text parsed (a piece's own).
  [[nodiscard]] std::size_t line_breaks() const noexcept { return newlines_.size(); }
  /// The offset in the whole file of a node of this piece (of this file: its own offset).
  [[nodiscard]] std::size_t file_offset(pugi::xml_node node) const {
    const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(node.offset_debug(), 0));
    return start_ + offset + (offset >= gap_at_ ? gap_ : 0);
  }

  /// The 1-based line of a byte offset in the text parsed.
  [[nodiscard]] std::int64_t line_of(std::size_t offset) const { return line_at(offset, breaks_before(offset, 0)); }
  [[nodiscard]] std::int64_t line_of(pugi::xml_node node) const {
    const auto offset = node.offset_debug();
    return offset < 0 ? 0 : line_of(static_cast<std::size_t>(offset));
  }
  /// The same, for nodes met mostly in document order: `hint` (0 at first, then kept by the
  /// caller for the same file) is the number of line breaks before the last node asked about, so
  /// that the next is found a few line breaks on rather than by a binary search.
  [[nodiscard]] std::int64_t line_of(pugi::xml_node node, std::size_t& hint) const {
    const auto at = node.offset_debug();
    if (at < 0) return 0;
    const auto offset = static_cast<std::size_t>(at);
    const std::size_t n = newlines_.size();
    std::size_t i = hint;
    if (i > n || (i > 0 && newlines_[i - 1] >= offset)) {
      i = breaks_before(offset, 0);
    } else {
      for (std::size_t step = 0; i < n && newlines_[i] < offset; ++i)
        if (++step == 8) {
          i = breaks_before(offset, i);
          break;
        }
    }
    hint = i;
    return line_at(offset, i);
  }
  /// Elements with a child whose name differs from a known one only in case (CINClosureDate for
  /// CINclosureDate): their children are looked up ignoring case (see detail::child_element).
  /// Safe to call from several threads reading the same file. Kept in a hash set: a file may
  /// have such an element in each of its many records, each asked about many times.
  void note_case_variant(pugi::xml_node parent) const {
    const std::lock_guard<std::mutex> lock(case_variants_mutex_);
    case_variants_.insert(parent.hash_value());
    any_case_variant_.store(true, std::memory_order_release);
  }
  [[nodiscard]] bool has_case_variant(pugi::xml_node parent) const {
    if (!any_case_variant_.load(std::memory_order_acquire)) return false;
    const std::lock_guard<std::mutex> lock(case_variants_mutex_);
    return case_variants_.count(parent.hash_value()) != 0;
  }

  [[nodiscard]] std::string position(std::size_t offset) const {
    const auto line = line_of(offset);
    const std::size_t start = line == 1 ? 0 : newlines_[static_cast<std::size_t>(line - 2)] + 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(offset - start + 1);
  }

  /// A NUL byte, or a character reference to NUL, a surrogate or beyond U+10FFFF, is an Error
  /// naming its position: pugixml would cut the text at the NUL ("A&#0;B" read as "A", merging
  /// children) or write bytes that are not UTF-8. `t` is a whole file's text.
  static void check_characters(const std::string& t, const std::string& name) {
    // The line and column of an offset, found by counting (only for the Error).
    const auto where = [&t](std::size_t offset) {
      const auto line = std::count(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1;
      const std::size_t before = t.rfind('\n', offset == 0 ? 0 : offset - 1);
      const std::size_t start = offset == 0 || before == std::string::npos ? 0 : before + 1;
      return "line " + std::to_string(line) + ", column " + std::to_string(offset - start + 1);
    };
    // Each '&' before the first NUL, in order, then that NUL: two searches for one character each
    // (find_first_of with two characters looks at one byte at a time).
    const std::size_t nul = t.find('\0');
    for (std::size_t i = t.find('&'); i < nul; i = t.find('&', i + 1)) {
      if (i + 2 >= t.size() || t[i + 1] != '#') continue;
      const bool hex = t[i + 2] == 'x';
      std::size_t k = i + (hex ? 3 : 2);
      std::uint32_t code = 0;
      bool digits = false;
      for (; k < t.size() && t[k] != ';'; ++k) {
        const char c = t[k];
        const int d = c >= '0' && c <= '9'          ? c - '0'
                      : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                    : -1;
        if (d < 0) break;
        digits = true;
        code = std::min<std::uint32_t>(code * (hex ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
      }
      if (!digits || k >= t.size() || t[k] != ';') continue;  // not a character reference: pugixml reports it
      if (code == 0 || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
        throw Error(name, "the character reference " + t.substr(i, k + 1 - i) + " at " + where(i) +
                              " is not a character XML allows (" +
                              (code == 0         ? "NUL"
                               : code > 0x10FFFF ? "beyond U+10FFFF"
                                                 : "a lone surrogate") +
                              ")");
    }
    if (nul != std::string::npos) throw Error(name, "a NUL byte at " + where(nul) + ": not allowed in XML");
  }

 private:
  /// The number of line breaks before `offset`, searched from the `from`-th on (those before it
  /// being known to come before `offset`).
  [[nodiscard]] std::size_t breaks_before(std::size_t offset, std::size_t from) const {
    return static_cast<std::size_t>(
        std::lower_bound(newlines_.begin() + static_cast<std::ptrdiff_t>(from), newlines_.end(), offset) -
        newlines_.begin());
  }
  /// The file's line of `offset`, with `breaks` line breaks of this text before it.
  [[nodiscard]] std::int64_t line_at(std::size_t offset, std::size_t breaks) const {
    return lines_before_ + (offset >= gap_at_ ? gap_lines_ : 0) + static_cast<std::int64_t>(breaks) + 1;
  }
  void find_line_breaks() {
    support::detail::for_each_byte(text_.utf8, '\n', [this](std::size_t i) { newlines_.push_back(i); });
  }
  /// Exactly one root element and no text beside it: a second root (two files joined) or text
  /// after the root would otherwise be dropped without a word.
  void check_one_root() const {
    pugi::xml_node root;
    for (pugi::xml_node n = doc_.first_child(); n; n = n.next_sibling()) {
      const auto at = [&] {
        // Text is named where it starts, past the line break that ends the root element.
        const std::string_view value = n.type() == pugi::node_element ? std::string_view() : n.value();
        const std::size_t blank = std::min(value.find_first_not_of(" \t\r\n"), value.size());
        return position(static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0)) + blank);
      };
      if (n.type() == pugi::node_element) {
        if (root)
          throw Error(name_, "a second root element <" + std::string(n.name()) + "> at " + at() + " (the first is <" +
                                 root.name() + ">): the file holds more than one document (two files joined?)");
        root = n;
      } else if ((n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) &&
                 !support::detail::trim(n.value()).empty()) {
        throw Error(name_, std::string("text ") + (root ? "after" : "before") + " the root element at " + at() +
                               ": not part of the document");
      }
    }
    if (!root) throw Error(name_, "the XML is not complete (truncated file?): no root element");
  }

  support::Text text_;
  std::string name_;
  std::vector<std::size_t> newlines_;
  // A piece's place in its file (see Piece); a whole file's are zero and no gap.
  std::int64_t lines_before_ = 0;
  std::size_t gap_at_ = static_cast<std::size_t>(-1);
  std::int64_t gap_lines_ = 0;
  std::size_t start_ = 0, gap_ = 0;
  bool ok_ = true;
  pugi::xml_document doc_;
  mutable std::mutex case_variants_mutex_;
  mutable std::unordered_set<std::size_t> case_variants_;  // the elements' hash_value()
  mutable std::atomic<bool> any_case_variant_{false};
};

namespace detail {

/// "/Message/Children/Child[3]": an element's path, numbering repeated elements from 1.
/// Appends "/Name[index]" to `path`: the path of a child of the element at `path`. Paths name
/// elements by the specification's names (an element read in place of one, its name differing only
/// in case, by the name it is read as).
inline void append_child_path(std::string& path, std::string_view name, std::size_t index) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, index).ptr;
  path.append(1, '/').append(name).append(1, '[').append(digits, end).append(1, ']');
}
inline std::string child_path(const std::string& parent, std::string_view name, std::size_t index) {
  std::string path;
  path.reserve(parent.size() + name.size() + 24);
  path.append(parent);
  append_child_path(path, name, index);
  return path;
}

/// Whether two element names are the same but for ASCII case.
inline bool same_but_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (support::detail::lower_ascii(a[i]) != support::detail::lower_ascii(b[i])) return false;
  return true;
}

/// The child element of `node` read as `name`: the first of that exact name, or else, when `file`
/// noted a case variant under `node` (report_unknown_children did, with a finding), the first
/// whose name differs from it only in case; a null node when there is neither.
inline pugi::xml_node child_element(const XmlFile& file, pugi::xml_node node, const char* name) {
  if (const pugi::xml_node c = node.child(name)) return c;
  if (!file.has_case_variant(node)) return {};
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && same_but_case(c.name(), name)) return c;
  return {};
}

/// The element read as repeatable `name` after `c` (child_element gave the first): the next of
/// that exact name, or after a case variant (read only when no element has the exact name), the
/// next whose name differs from it only in case.
inline pugi::xml_node next_element(pugi::xml_node c, const char* name) {
  if (std::string_view(c.name()) == name) return c.next_sibling(name);
  for (c = c.next_sibling(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && same_but_case(c.name(), name)) return c;
  return {};
}

/// The text of the child element of `node` read as `name` (child_element), or nullopt when there
/// is none.
inline std::optional<std::string_view> child_text(const XmlFile& file, pugi::xml_node node, const char* name) {
  const pugi::xml_node c = child_element(file, node, name);
  if (!c) return std::nullopt;
  return std::string_view(c.child_value());
}

/// An ignored finding about column (element) `column`.
inline ReturnFinding ignored_finding(std::string column) {
  ReturnFinding f;
  f.action = FindingAction::ignored;
  f.column = std::move(column);
  return f;
}

/// The finding about text `c` (PCDATA or CDATA) between the elements of the element at `path`, if
/// it is more than blanks.
inline std::optional<ReturnFinding> text_finding(pugi::xml_node c, const std::string& path) {
  const std::string_view text = support::detail::trim(c.value());
  if (text.empty()) return std::nullopt;
  ReturnFinding f = ignored_finding({});
  f.where = path;
  f.value = std::string(text);
  f.problem = "text " + quote(text) + " between elements is not part of the return";
  return f;
}

/// The finding about element `c`, a child of the element at `path` whose name is not in `known`:
/// kept, and read as the known element, when its name differs from exactly one known name only in
/// case and that element is not present itself; otherwise ignored (with "did you mean" names
/// unless `suggest` is false).
inline ReturnFinding unknown_element_finding(pugi::xml_node c, const std::string& path,
                                             const std::vector<std::string_view>& known, bool suggest) {
  const std::string_view name = c.name();
  ReturnFinding f = ignored_finding(std::string(name));
  f.where = path + "/" + std::string(name);
  // A known name but for case (the specification has no two names differing only in case): read
  // as that element, unless the element itself is also present.
  std::vector<std::string_view> same;
  for (auto k : known)
    if (same_but_case(k, name)) same.push_back(k);
  if (same.size() == 1 && !c.parent().child(std::string(same.front()).c_str())) {
    f.column = std::string(same.front());
    // A leaf's value; an element holding others has none (text beside them gets its own finding).
    if (!c.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; }))
      f.value = support::detail::trim(c.child_value());
    f.problem = "element <" + std::string(name) + "> is read as <" + f.column +
                ">, the specification's name (they differ only in case)";
    f.action = FindingAction::kept;
    return f;
  }
  f.problem = "element <" + std::string(name) + "> is not part of the return as this reader knows it";
  if (suggest) f.problem += support::did_you_mean(name, std::vector<std::string>(known.begin(), known.end()));
  return f;
}

/// The finding about element `c`, the `times`-th (from 2) of a known element read once.
inline ReturnFinding repeat_finding(pugi::xml_node c, const std::string& path, std::int64_t times) {
  const std::string_view name = c.name();
  ReturnFinding f = ignored_finding(std::string(name));
  f.where = path + "/" + std::string(name) + "[" + std::to_string(times) + "]";
  f.value = support::detail::trim(c.child_value());
  f.problem = "element <" + std::string(name) + "> appears more than once here; only the first is read";
  return f;
}

/// The findings about the children of one element that a reader does not use, into `findings`:
/// the first max_listed_findings listed (and those kept, always), the rest counted in one finding,
/// so that memory is bounded by the file's shape.
class ChildFindings {
 public:
  ChildFindings(const XmlFile& file, pugi::xml_node node, std::string_view table, std::vector<ReturnFinding>& findings)
      : file_(file), node_(node), table_(table), findings_(findings) {}
  /// Whether the next finding will be listed (and so worth its "did you mean" names).
  [[nodiscard]] bool listing() const noexcept { return listed_ < max_listed_findings; }
  /// Adds the finding `f` about child `c`; a kept one (a case variant) is noted in the file.
  void add(pugi::xml_node c, ReturnFinding&& f) {
    if (f.action == FindingAction::kept) file_.note_case_variant(node_);
    if (listed_ == max_listed_findings && f.action != FindingAction::kept) {
      if (more_++ == 0) first_more_ = file_.line_of(c);
      return;
    }
    listed_ += f.action != FindingAction::kept;
    f.file = file_.name();
    f.table = std::string(table_);
    f.row = file_.line_of(c);
    findings_.push_back(std::move(f));
  }
  /// The finding that counts those not listed, if any (the element is at `path`).
  void finish(const std::string& path) {
    if (more_ == 0) return;
    ReturnFinding f;
    f.file = file_.name();
    f.table = std::string(table_);
    f.row = first_more_;
    f.where = path;
    f.problem = "and " + grouped(more_) +
                " more elements or text here that are not part of the return (the first at line " +
                std::to_string(first_more_) + "): not listed one by one";
    f.action = FindingAction::ignored;
    findings_.push_back(std::move(f));
  }

 private:
  const XmlFile& file_;
  pugi::xml_node node_;
  std::string_view table_;
  std::vector<ReturnFinding>& findings_;
  std::int64_t listed_ = 0, more_ = 0, first_more_ = 0;
};

}  // namespace detail

/// The names of the elements a reader knows under one element, looked up by index: those read
/// once, and those it reads each of (`repeatable`).
class ElementNames {
 public:
  ElementNames() = default;
  ElementNames(std::vector<std::string_view> known, const std::vector<std::string_view>& repeatable = {})
      : known_(std::move(known)) {
    for (auto name : known_)
      repeat_.push_back(std::find(repeatable.begin(), repeatable.end(), name) != repeatable.end() ? 1 : 0);
  }
  [[nodiscard]] const std::vector<std::string_view>& known() const noexcept { return known_; }
  [[nodiscard]] std::size_t size() const noexcept { return known_.size(); }
  [[nodiscard]] bool repeatable(std::size_t k) const noexcept { return repeat_[k] != 0; }
  /// The index of `name`, or size() when it is not known; tried from `from` on first (a known
  /// element's children mostly come in the order of the list, so the first try matches).
  [[nodiscard]] std::size_t find(std::string_view name, std::size_t from) const noexcept {
    const std::size_t n = known_.size();
    if (from < n && known_[from] == name) return from;
    for (std::size_t k = from; k < n; ++k)
      if (known_[k] == name) return k;
    for (std::size_t k = 0; k < from && k < n; ++k)
      if (known_[k] == name) return k;
    return n;
  }
  /// The index of `name`, which must be known (a reader's own list).
  [[nodiscard]] std::size_t at(std::string_view name) const {
    const std::size_t k = find(name, 0);
    if (k == size()) throw Error("no element " + quote(name) + " in the reader's list");
    return k;
  }

 private:
  std::vector<std::string_view> known_;
  std::vector<char> repeat_;
};

class ChildElements;
inline void read_children(const XmlFile& file, pugi::xml_node node, const std::string& path, const ElementNames& names,
                          std::string_view table, std::vector<ReturnFinding>& findings, ChildElements& out);

/// The children of one element as a reader uses them (read_children): per known name, the element
/// read (the first of that exact name, or when there is none, the first whose name differs only in
/// case, reported as kept), and every element of a repeatable name (those of that exact name, or
/// when there are none, those whose names differ only in case), in document order. Kept between
/// elements so that its lists are not allocated again.
class ChildElements {
 public:
  /// The element read for known name k, or a null node.
  [[nodiscard]] pugi::xml_node element(std::size_t k) const noexcept { return slots_[k].first; }
  /// The elements of repeatable name k.
  [[nodiscard]] const std::vector<pugi::xml_node>& all(std::size_t k) const noexcept { return all_[k]; }
  /// The text of leaf k, as detail::child_text(file, node, name) gives it; nullopt when there is
  /// no element read for it.
  [[nodiscard]] std::optional<std::string_view> text(std::size_t k) const {
    const pugi::xml_node c = slots_[k].first;
    if (!c) return std::nullopt;
    return std::string_view(c.child_value());
  }

 private:
  friend void read_children(const XmlFile&, pugi::xml_node, const std::string&, const ElementNames&, std::string_view,
                            std::vector<ReturnFinding>&, ChildElements&);
  /// Takes `c` as an element of known name k: 0 when it is read (the first of a name read once,
  /// or any of a repeatable name), else its number among the elements taken as k (from 2).
  std::int64_t take(const ElementNames& names, std::size_t k, pugi::xml_node c) {
    if (names.repeatable(k)) {
      all_[k].push_back(c);
      return 0;
    }
    Slot& slot = slots_[k];
    if (++slot.times == 1) slot.first = c;
    return slot.times == 1 ? 0 : slot.times;
  }
  void reset(const ElementNames& names) {
    slots_.assign(names.size(), Slot{});
    if (all_.size() < names.size()) all_.resize(names.size());
    for (std::size_t k = 0; k < names.size(); ++k)
      if (names.repeatable(k)) all_[k].clear();
  }
  struct Slot {
    pugi::xml_node first;
    std::int64_t times = 0;  // the elements read as this name met (a name read once)
  };
  std::vector<Slot> slots_;
  std::vector<std::vector<pugi::xml_node>> all_;
};

/// Walks the children of `node` once: reports those the reader does not use (text before and
/// between elements, elements whose names are not in `names`, the second and later of a known element read
/// once) and the case variants read in place of known elements (kept), and gives `out` the
/// elements read, by their index in `names`.
inline void read_children(const XmlFile& file, pugi::xml_node node, const std::string& path, const ElementNames& names,
                          std::string_view table, std::vector<ReturnFinding>& findings, ChildElements& out) {
  out.reset(names);
  detail::ChildFindings report(file, node, table, findings);
  // Text before the first element inside `node` is stored as its value (parse_embed_pcdata), not as
  // a child: it is no more part of the return than text between the elements.
  if (auto f = detail::text_finding(node, path)) report.add(node, std::move(*f));
  std::size_t next = 0;  // where the next name is looked for first
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    const pugi::xml_node_type type = c.type();
    if (type != pugi::node_element) {
      if (type == pugi::node_pcdata || type == pugi::node_cdata)
        if (auto f = detail::text_finding(c, path)) report.add(c, std::move(*f));
      continue;
    }
    const std::size_t k = names.find(c.name(), next);
    if (k < names.size()) {
      next = k + 1;
      if (const std::int64_t times = out.take(names, k, c)) report.add(c, detail::repeat_finding(c, path, times));
      continue;
    }
    // An element whose name differs from a known one only in case, the known element absent, is
    // read as that element (a kept finding), or is a repeat of it.
    ReturnFinding f = detail::unknown_element_finding(c, path, names.known(), report.listing());
    if (f.action == FindingAction::kept)
      if (const std::int64_t times = out.take(names, names.find(f.column, 0), c))
        f = detail::repeat_finding(c, path, times);
    report.add(c, std::move(f));
  }
  report.finish(path);
}

/// Reports the children of `node` that the reader does not use: elements whose names are not in
/// `known`, the second and later of a known element the reader reads once (those not in
/// `repeatable`), and text before and between elements; a case variant read in place of a known element is
/// reported as kept and noted in `file`, for child_element and child_text to find.
inline void report_unknown_children(const XmlFile& file, pugi::xml_node node, const std::string& path,
                                    const std::vector<std::string_view>& known, std::string_view table,
                                    std::vector<ReturnFinding>& findings,
                                    const std::vector<std::string_view>& repeatable = {}) {
  ChildElements elements;
  read_children(file, node, path, ElementNames(known, repeatable), table, findings, elements);
}

}  // namespace safeguarding::inline v0::returns
