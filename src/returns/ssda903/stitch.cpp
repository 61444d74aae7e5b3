// Stitching several years' SSDA903 returns into one history per child, and the checks across a
// row's dates.
#include "safeguarding/returns/ssda903/load.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numeric>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../support/threads.hpp"
#include "../format.hpp"
#include "../loading.hpp"
#include "reader.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

namespace detail {

using returns::detail::row_finding;
using returns::detail::row_where;

/// The key a table's rows are stitched on: rows with the same child and the same key date are
/// one record. Tables of yearly outcomes (oc2, oc3, ad1, previous_permanence) are per return.
struct StitchKey {
  std::string_view table;
  std::string_view date;  // empty: the child alone
  bool per_return;
};
inline constexpr StitchKey stitch_keys[] = {{"header", "", false},
                                            {"episodes", "DECOM", false},
                                            {"reviews", "REVIEW", false},
                                            {"uasc", "", false},
                                            {"missing", "MIS_START", false},
                                            {"placed_for_adoption", "DATE_PLACED", false},
                                            {"sw_episodes", "SW_DECOM", false},
                                            {"oc2", "", true},
                                            {"oc3", "", true},
                                            {"ad1", "", true},
                                            {"previous_permanence", "", true}};

/// The indices of `tables`, the one with the most rows first (ties in their order).
SAFEGUARDING_FUNC std::vector<std::size_t> largest_first(const std::vector<Table>& tables) {
  std::vector<std::size_t> order(tables.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return tables[a].size() > tables[b].size(); });
  return order;
}

/// Whether rows i and j hold the same value in a column (string columns share their dictionary,
/// so equal codes are equal text).
SAFEGUARDING_FUNC bool same_value(const Column& c, std::size_t i, std::size_t j) {
  if (c.is_string()) return c.codes[i] == c.codes[j];
  if (c.is_number()) return c.numbers[i] == c.numbers[j];
  return c.flags[i] == c.flags[j];
}

/// 32 bits of `v` in the order of the values (for any int32).
SAFEGUARDING_FUNC std::uint32_t ordered_bits(std::int32_t v) {
  return static_cast<std::uint32_t>(v) ^ 0x80000000U;
}

/// A date (serial day, or nat) as 32 bits in the order of the dates, nat first; false when the
/// date is beyond 2^31 days either way (then the rows are sorted by their tuples instead).
SAFEGUARDING_FUNC bool date_bits(std::int64_t day, std::uint32_t& out) {
  if (day == nat) return out = 0, true;
  if (day <= std::numeric_limits<std::int32_t>::min() || day > std::numeric_limits<std::int32_t>::max()) return false;
  out = ordered_bits(static_cast<std::int32_t>(day));
  return true;
}

/// A row's place within its child's rows when its key has more than 32 bits besides the row
/// number: (key, mid, row), compared in that order; 12 bytes.
struct WideRecord {
  std::uint32_t key, mid, row;
  bool operator<(const WideRecord& o) const noexcept {
    return key != o.key ? key < o.key : mid != o.mid ? mid < o.mid : row < o.row;
  }
};
/// ... and when it has 32 bits or fewer: key << 32 | row; 8 bytes.
SAFEGUARDING_FUNC std::uint32_t row_of(const WideRecord& r) {
  return r.row;
}
SAFEGUARDING_FUNC std::uint32_t row_of(std::uint64_t r) {
  return static_cast<std::uint32_t>(r & 0xFFFFFFFFU);
}

/// The rows 0..n-1 (n < 2^32) ordered by (group, record): a counting sort on the group (each row's
/// below `groups`), its record written straight to its group's place, then each group's few
/// records sorted; each record ends in the row's number, so the order is stable. The records take
/// 8 or 12 bytes a row, made once (no array of keys beside them), and the order is made from them
/// in place when they are 8 bytes and so is `Index`, the type of the order's row numbers.
template <class Record, class Index = std::size_t, class GroupOf, class RecordOf>
std::vector<Index> grouped_order(std::size_t n, std::size_t groups, GroupOf group_of, RecordOf record_of) {
  // end[g]: first the start of group g + 1 (a running place while the records are written), then,
  // once they are, the end of group g.
  std::vector<std::size_t> end(groups + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++end[group_of(i) + 1];
  std::partial_sum(end.begin(), end.end(), end.begin());
  std::vector<Record> records(n);
  for (std::size_t i = 0; i < n; ++i) records[end[group_of(i)]++] = record_of(i);
  for (std::size_t g = 0, begin = 0; g < groups; begin = end[g], ++g)
    if (end[g] - begin > 1)
      std::sort(records.begin() + static_cast<std::ptrdiff_t>(begin),
                records.begin() + static_cast<std::ptrdiff_t>(end[g]));
  if constexpr (std::is_same_v<Record, std::size_t> && std::is_same_v<Index, std::size_t>) {
    for (auto& r : records) r = row_of(r);  // in place: no second array
    return records;
  } else {
    std::vector<Index> order(n);
    for (std::size_t k = 0; k < n; ++k) order[k] = static_cast<Index>(row_of(records[k]));
    return order;
  }
}

/// The ids are compared by their first sixteen bytes as two big-endian numbers (in the order of
/// the text; ids of a common form share their first eight bytes, as UPNs do), and by their whole
/// text only when those are equal.
SAFEGUARDING_FUNC std::vector<std::int32_t> id_ranks(const Dictionary& ids) {
  struct ById {
    std::uint64_t prefix[2];
    std::int32_t code;
  };
  std::vector<ById> by_text(ids.size());
  for (std::size_t c = 0; c < ids.size(); ++c) {
    const std::string& text = ids[static_cast<std::int32_t>(c)];
    ById& id = by_text[c];
    for (std::size_t w = 0; w < 2; ++w) {
      std::uint64_t prefix = 0;
      for (std::size_t b = 8 * w; b < 8 * w + 8; ++b)
        prefix = prefix << 8 | (b < text.size() ? static_cast<unsigned char>(text[b]) : 0U);
      id.prefix[w] = prefix;
    }
    id.code = static_cast<std::int32_t>(c);
  }
  std::sort(by_text.begin(), by_text.end(), [&](const ById& a, const ById& b) {
    if (a.prefix[0] != b.prefix[0]) return a.prefix[0] < b.prefix[0];
    if (a.prefix[1] != b.prefix[1]) return a.prefix[1] < b.prefix[1];
    return ids[a.code] < ids[b.code];
  });
  std::vector<std::int32_t> rank(ids.size());
  for (std::size_t i = 0; i < by_text.size(); ++i)
    rank[static_cast<std::size_t>(by_text[i].code)] = static_cast<std::int32_t>(i);
  return rank;
}

/// The rows of `t` in record order (child in the ids' text order, `rank`, key date, and the
/// return when per return), then year, then position: the last of each record's group is the row
/// kept, and the rows kept, in this order, are the stitched table's order. Row numbers of 32 bits
/// (the table has fewer than 2^32 rows: find_records checks), half the memory of std::size_t's.
SAFEGUARDING_FUNC std::vector<std::uint32_t> record_order(const Table& t, const StitchKey& key,
                                                          const std::vector<int>& year_of_file,
                                                          const std::vector<std::int32_t>& rank) {
  if (t.size() > 0xFFFFFFFFU)
    throw Error("the " + t.name + " table has " + std::to_string(t.size()) +
                " rows: more than the 4,294,967,295 rows a table can have to be stitched");
  const auto& child = t.column("CHILD").codes;
  const std::vector<std::int64_t>* date = key.date.empty() ? nullptr : &t.column(key.date).numbers;
  // Grouped by the child's rank, then (date, return's year when per return, year, row): the years
  // in 16 bits each. Any value out of those ranges (or a missing child) sorts the tuples instead.
  const std::size_t groups = rank.size();
  bool packed = true;
  for (std::size_t i = 0; packed && i < t.size(); ++i) {
    const int year = year_of_file[static_cast<std::size_t>(t.file[i])];
    std::uint32_t day = 0;
    packed = child[i] >= 0 && static_cast<std::size_t>(child[i]) < groups &&
             (date == nullptr || date_bits((*date)[i], day)) && year >= 0 && year <= 0xFFFF;
  }
  if (packed) {
    const auto group_of = [&](std::size_t i) {
      return static_cast<std::size_t>(rank[static_cast<std::size_t>(child[i])]);
    };
    const auto years = [&](std::size_t i) {
      const auto year = static_cast<std::uint32_t>(year_of_file[static_cast<std::size_t>(t.file[i])]);
      return (key.per_return ? year : 0U) << 16 | year;
    };
    if (date == nullptr)
      return grouped_order<std::uint64_t, std::uint32_t>(
          t.size(), groups, group_of, [&](std::size_t i) { return static_cast<std::uint64_t>(years(i)) << 32 | i; });
    return grouped_order<WideRecord, std::uint32_t>(t.size(), groups, group_of, [&](std::size_t i) {
      std::uint32_t day = 0;
      date_bits((*date)[i], day);
      return WideRecord{day, years(i), static_cast<std::uint32_t>(i)};
    });
  }
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
  for (std::size_t i = 0; i < t.size(); ++i) {
    const int year = year_of_file[static_cast<std::size_t>(t.file[i])];
    const bool ranked = child[i] >= 0 && static_cast<std::size_t>(child[i]) < groups;
    keys[i] = Key{ranked ? rank[static_cast<std::size_t>(child[i])] : child[i], date ? (*date)[i] : 0,
                  key.per_return ? year : 0, year, i};
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::uint32_t> order(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) order[i] = static_cast<std::uint32_t>(keys[i].index);
  return order;
}

/// The problem of rows of file `file` merged into rows of file `kept_file`: `kept` names the row
/// (or rows) kept, `differs` the columns in which they differ ("" when identical).
SAFEGUARDING_FUNC std::string merge_problem(const Dataset& data, const FileYears& files, std::int32_t file,
                                            std::int32_t kept_file, const std::string& kept,
                                            const std::string& differs) {
  const int year = files.year[static_cast<std::size_t>(file)];
  const int kept_year = files.year[static_cast<std::size_t>(kept_file)];
  std::string problem;
  problem.reserve(160);
  if (file == kept_file)
    problem.append("duplicate of ").append(kept).append(" in the same file");
  else
    problem.append("also in ")
        .append(data.files[static_cast<std::size_t>(kept_file)])
        .append(" (")
        .append(kept)
        .append(")");
  if (file != kept_file && kept_year != year)
    problem.append(", the ").append(std::to_string(kept_year)).append(" return, whose row is kept");
  else
    problem.append(", whose row is kept");
  problem.append(differs.empty() ? " (identical)" : " (differs in " + differs + ")");
  return problem;
}

/// The finding for row i merged into row `kept`, naming the columns that differ, and the row kept
/// (its file, and its row as the one range of `kept_rows`), as a finding for many rows does.
SAFEGUARDING_FUNC ReturnFinding merged_finding(const Dataset& data, const FileYears& files, const Table& t,
                                               const StitchKey& key, std::size_t i, std::size_t kept) {
  std::string differs;
  for (const auto& c : t.columns)
    if (!same_value(c, i, kept)) (differs.empty() ? differs : differs.append(", ")).append(c.name);
  std::string problem =
      merge_problem(data, files, t.file[i], t.file[kept], row_where(files.is_xml, t, kept, ""), differs);
  const std::string value = key.date.empty() ? "" : format_days(t.column(key.date).numbers[i]);
  ReturnFinding f = row_finding(data, files.is_xml, t, i, key.date, value, std::move(problem), FindingAction::merged);
  f.kept_file = data.files[static_cast<std::size_t>(t.file[kept])];
  f.kept_rows = {RowRange{t.row[kept], t.row[kept]}};
  return f;
}

/// The records of a table: its rows in record order, and for each the position in that order of
/// the last row of its record (the row kept); `duplicates` rows merge into another. 32-bit row
/// numbers and positions: the records of the two tables stitched at once are most of the
/// stitching's memory beside the tables.
struct Records {
  std::vector<std::uint32_t> order, group_end;
  std::size_t duplicates = 0;
};

SAFEGUARDING_FUNC Records find_records(const FileYears& files, const Table& t, const StitchKey& key,
                                       const std::vector<std::int32_t>& rank) {
  const auto& child = t.column("CHILD").codes;
  const std::vector<std::int64_t>* date = key.date.empty() ? nullptr : &t.column(key.date).numbers;
  const auto record = [&](std::size_t i) {
    const int year = key.per_return ? files.year[static_cast<std::size_t>(t.file[i])] : 0;
    return std::make_tuple(child[i], date ? (*date)[i] : 0, year);
  };
  Records r;
  r.order = record_order(t, key, files.year, rank);
  const auto& order = r.order;
  r.group_end.resize(order.size());
  for (std::size_t k = order.size(); k-- > 0;) {
    const bool same_as_next = k + 1 < order.size() && record(order[k + 1]) == record(order[k]);
    r.group_end[k] = same_as_next ? r.group_end[k + 1] : static_cast<std::uint32_t>(k);
    r.duplicates += same_as_next ? 1 : 0;
  }
  return r;
}

SAFEGUARDING_FUNC std::string ranges_text(const std::vector<RowRange>& rows, bool xml, std::size_t shown) {
  std::string out = xml ? "lines " : "rows ";
  for (std::size_t k = 0; k < rows.size() && k < shown; ++k) {
    if (k > 0) out += ", ";
    out += std::to_string(rows[k].first);
    if (rows[k].last != rows[k].first) {
      out += '-';  // not out += "-" + …, which GCC 12 warns of wrongly (-Wrestrict, GCC bug 105329)
      out += std::to_string(rows[k].last);
    }
  }
  if (rows.size() > shown)
    out += " and " + returns::detail::plural(static_cast<std::int64_t>(rows.size() - shown), "more range");
  return out;
}

/// The rows of one file merged into the rows of one other file, differing from them in the same
/// columns: one finding (see ReturnFinding), or merged_finding's own when there is one row. A row
/// read from XML is a group of its own: its element path names it, its line may not.
struct MergeGroup {
  std::int32_t file = 0, kept_file = 0;
  std::vector<std::uint64_t> differs;    // a bit per column
  std::vector<std::uint32_t> rows;       // the merged rows (table indices: find_records has checked they fit)
  std::size_t kept = 0;                  // the kept row of the first merged row
  std::vector<std::uint32_t> kept_rows;  // the kept row of each merged row (table indices)
  /// The group's first row in the order of the children's codes (then of the records): its child's
  /// code (ordered_bits) and its place in the record order, the lowest of its rows. The groups are
  /// made as the records come in the children's text order; put in this order, they are in the
  /// order a pass in the children's codes makes them in (findings about rows of one line keep it).
  std::uint64_t first = ~std::uint64_t{0};
};

SAFEGUARDING_FUNC ReturnFinding group_finding(const Dataset& data, const FileYears& files, const Table& t,
                                              const StitchKey& key, const MergeGroup& g) {
  if (g.rows.size() == 1) return merged_finding(data, files, t, key, g.rows.front(), g.kept);
  // Each merged row's number with the number of the row it went into, in the merged rows' order.
  std::vector<std::pair<std::int64_t, std::int64_t>> numbers;
  numbers.reserve(g.rows.size());
  for (std::size_t k = 0; k < g.rows.size(); ++k) numbers.emplace_back(t.row[g.rows[k]], t.row[g.kept_rows[k]]);
  std::sort(numbers.begin(), numbers.end());
  // The ranges are counted first and take their size once: a finding keeps them for as long as the
  // return is loaded, and grown by doubling they took up to twice their size (3.5 MB for 2.4 MB of
  // ranges on 20,000 generated children).
  const auto ranges = [&numbers](auto number) {
    const auto starts_range = [&](std::size_t k) { return k == 0 || number(numbers[k]) != number(numbers[k - 1]) + 1; };
    std::size_t count = 0;
    for (std::size_t k = 0; k < numbers.size(); ++k) count += starts_range(k) ? 1 : 0;
    std::vector<RowRange> out;
    out.reserve(count);
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      const std::int64_t n = number(numbers[k]);
      if (starts_range(k))
        out.push_back(RowRange{n, n});
      else
        out.back().last = n;
    }
    return out;
  };
  std::vector<RowRange> rows = ranges([](const auto& p) { return p.first; });
  std::vector<RowRange> kept_rows = ranges([](const auto& p) { return p.second; });
  const bool xml = files.is_xml[static_cast<std::size_t>(g.file)];
  std::string differs;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    if ((g.differs[c / 64] >> (c % 64) & 1U) != 0)
      (differs.empty() ? differs : differs.append(", ")).append(t.columns[c].name);
  const std::string same =
      key.date.empty() ? "the same child's row" : "the same child's row with the same " + std::string(key.date);
  std::string problem = merge_problem(data, files, g.file, g.kept_file, same, differs);
  ReturnFinding f;
  f.file = data.files[static_cast<std::size_t>(g.file)];
  f.table = t.name;
  f.row = rows.front().first;
  f.column = std::string(key.date);
  f.where = ranges_text(rows, xml);
  if (!f.column.empty()) f.where += std::string(xml ? ", element " : ", column ") + f.column;
  f.problem = std::move(problem);
  f.action = FindingAction::merged;
  f.count = static_cast<std::int64_t>(g.rows.size());
  f.rows = std::move(rows);
  f.kept_file = data.files[static_cast<std::size_t>(g.kept_file)];
  f.kept_rows = std::move(kept_rows);
  return f;
}

/// For each (merged row, kept row) pair, the columns in which the two differ: bit c % 64 of word
/// p * words + c / 64 (as same_value compares them).
SAFEGUARDING_FUNC void differing_columns(const Table& t, const std::vector<std::pair<std::size_t, std::size_t>>& pairs,
                                         std::size_t words, std::vector<std::uint64_t>& bits) {
  bits.assign(pairs.size() * words, 0);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const Column& column = t.columns[c];
    const std::uint64_t bit = std::uint64_t{1} << (c % 64);
    std::uint64_t* out = bits.data() + c / 64;
    const auto mark = [&](const auto& values) {
      for (std::size_t p = 0; p < pairs.size(); ++p)
        if (values[pairs[p].first] != values[pairs[p].second]) out[p * words] |= bit;
    };
    if (column.is_string())
      mark(column.codes);
    else if (column.is_number())
      mark(column.numbers);
    else
      mark(column.flags);
  }
}

/// Keeps one row per record: the last in return order (then file order); the others are merged
/// into it. `order` gets the rows kept, in record order (the stitched table's order); the table
/// itself is not changed. The merged rows of one CSV file into the rows of one other file that
/// differ from them in the same columns are one finding (group_finding), the findings in the order
/// of their files and first rows. Reads `data`'s files only, so that tables can be deduplicated at
/// once.
SAFEGUARDING_FUNC std::vector<ReturnFinding> deduplicate(const Dataset& data, const FileYears& files, const Table& t,
                                                         const StitchKey& key, Records& r,
                                                         std::vector<std::size_t>& order) {
  order.clear();
  if (r.duplicates == 0) {
    order.assign(r.order.begin(), r.order.end());
    r = Records{};
    return {};
  }
  order.reserve(t.size() - r.duplicates);
  const auto& child = t.column("CHILD").codes;
  std::vector<MergeGroup> groups;
  std::vector<MergeGroup> alone;  // rows read from XML, each named by its element path
  const std::size_t words = (t.columns.size() + 63) / 64;
  // The merged rows a chunk at a time: their kept rows, then the columns in which each differs,
  // compared a column at a time (one typed loop per column, not a call per row and column).
  constexpr std::size_t chunk = 4096;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // a merged row and the row kept
  std::vector<std::uint32_t> place;                        // each pair's place in the record order
  std::vector<std::uint64_t> bits;                         // `words` per pair
  std::size_t last = 0;                                    // the group of the previous merged row, tried first
  for (std::size_t from = 0; from < r.order.size();) {
    pairs.clear();
    place.clear();
    std::size_t k = from;
    for (; k < r.order.size() && pairs.size() < chunk; ++k) {
      if (r.group_end[k] == k) {
        order.push_back(r.order[k]);
      } else {
        pairs.emplace_back(r.order[k], r.order[r.group_end[k]]);
        place.push_back(static_cast<std::uint32_t>(k));
      }
    }
    from = k;
    differing_columns(t, pairs, words, bits);
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      const std::size_t i = pairs[p].first, kept = pairs[p].second;
      const auto differs = bits.begin() + static_cast<std::ptrdiff_t>(p * words);
      const std::uint64_t first = static_cast<std::uint64_t>(ordered_bits(child[i])) << 32 | place[p];
      const auto matches = [&](const MergeGroup& g) {
        return g.file == t.file[i] && g.kept_file == t.file[kept] &&
               std::equal(g.differs.begin(), g.differs.end(), differs);
      };
      if (i < t.path.size() && !t.path[i].empty()) {
        alone.push_back(MergeGroup{t.file[i], t.file[kept], {}, {static_cast<std::uint32_t>(i)}, kept, {}, first});
        continue;
      }
      if (groups.empty() || !matches(groups[last])) {
        last = groups.size();
        for (std::size_t g = 0; g < groups.size(); ++g)
          if (matches(groups[g])) last = g;
        if (last == groups.size())
          groups.push_back(MergeGroup{t.file[i],
                                      t.file[kept],
                                      std::vector<std::uint64_t>(differs, differs + static_cast<std::ptrdiff_t>(words)),
                                      {},
                                      kept,
                                      {},
                                      first});
      }
      MergeGroup& g = groups[last];
      g.rows.push_back(static_cast<std::uint32_t>(i));
      g.kept_rows.push_back(static_cast<std::uint32_t>(kept));
      if (first < g.first) g.first = first, g.kept = kept;
    }
  }
  r = Records{};
  const auto by_first = [](const MergeGroup& a, const MergeGroup& b) { return a.first < b.first; };
  std::sort(groups.begin(), groups.end(), by_first);
  std::sort(alone.begin(), alone.end(), by_first);
  std::vector<ReturnFinding> out;
  out.reserve(groups.size() + alone.size());
  for (const auto& g : groups) out.push_back(group_finding(data, files, t, key, g));
  for (const auto& g : alone) out.push_back(group_finding(data, files, t, key, g));
  std::stable_sort(out.begin(), out.end(), [&](const ReturnFinding& a, const ReturnFinding& b) {
    return std::tie(a.file, a.row) < std::tie(b.file, b.row);
  });
  return out;
}

/// Episodes of one child that overlap: an episode from an earlier return still open (or ending
/// later) when the next episode from a later return begins is closed on that day (DEC amended, REC
/// X1 when blank); an earlier return's episode starting inside a later return's episode is
/// superseded (merged); overlaps within one return are kept and reported. Short breaks (legal
/// status V3, V4) belong to no period of care: they are stitched among themselves, and neither
/// close nor supersede, nor are closed or superseded by, the child's other episodes.
///
/// `order` holds the episodes kept, in record order (each child's in DECOM order); the episodes
/// superseded are taken out of it, and the DEC and REC of those closed are changed in the table.
/// The findings, in the order of the children's codes (then DECOM), are added to `findings`; the
/// episodes superseded are counted in `superseded`.
SAFEGUARDING_FUNC void stitch_episodes(const Dataset& data, const FileYears& files, Table& t,
                                       returns::detail::Interner& rec_codes, std::vector<std::size_t>& order,
                                       std::vector<ReturnFinding>& findings, std::size_t& superseded_rows) {
  const auto& child = t.column("CHILD").codes;
  const auto& decom = t.column("DECOM").numbers;
  auto& dec = t.column("DEC").numbers;
  auto& rec = t.column("REC").codes;
  const Column& ls = t.column("LS");
  std::vector<std::uint8_t> short_break_code(ls.dictionary->size(), 0);
  for (std::size_t c = 0; c < short_break_code.size(); ++c) {
    const auto& code = (*ls.dictionary)[static_cast<std::int32_t>(c)];
    short_break_code[c] = code == "V3" || code == "V4" ? 1 : 0;
  }
  const auto is_short_break = [&](std::size_t i) {
    return ls.codes[i] != missing_code && short_break_code[static_cast<std::size_t>(ls.codes[i])] != 0;
  };
  const auto year = [&](std::size_t i) { return files.year[static_cast<std::size_t>(t.file[i])]; };
  // Each finding with its child's code: the children come in their text order here, and their
  // findings are put in the order of their codes at the end.
  std::vector<std::pair<std::int32_t, ReturnFinding>> found;
  const auto add = [&](std::size_t i, ReturnFinding f) { found.emplace_back(child[i], std::move(f)); };
  std::vector<std::size_t> superseded;
  // The last kept episode of the current child: of care [0], of short breaks [1].
  std::size_t last[2] = {t.size(), t.size()};
  for (std::size_t i : order) {
    std::size_t& previous = last[is_short_break(i) ? 1 : 0];
    const std::size_t e = previous;
    if (e == t.size() || child[e] != child[i] || !(dec[e] == nat || dec[e] > decom[i])) {
      previous = i;
      continue;
    }
    const std::string open = dec[e] == nat ? "open (no DEC)" : "ending " + format_days(dec[e]);
    const std::string dec_text = dec[e] == nat ? "" : format_days(dec[e]);
    if (year(e) < year(i)) {
      add(e, row_finding(data, files.is_xml, t, e, "DEC", dec_text,
                         "episode starting " + format_days(decom[e]) + " in the " + std::to_string(year(e)) +
                             " return is " + open + " but the " + std::to_string(year(i)) +
                             " return has the next episode starting " + format_days(decom[i]) + ": DEC set to " +
                             format_days(decom[i]),
                         FindingAction::amended));
      dec[e] = decom[i];
      if (rec[e] == missing_code) rec[e] = rec_codes.intern("X1");
      previous = i;
    } else if (year(e) > year(i)) {
      add(i, row_finding(data, files.is_xml, t, i, "DECOM", format_days(decom[i]),
                         "episode from the " + std::to_string(year(i)) + " return starts inside the " +
                             std::to_string(year(e)) + " return's episode starting " + format_days(decom[e]) + " (" +
                             open + "), which supersedes it",
                         FindingAction::merged));
      superseded.push_back(i);
    } else {
      add(e, row_finding(data, files.is_xml, t, e, "DEC", dec_text,
                         "episode starting " + format_days(decom[e]) + " is " + open +
                             " but the same child's next episode starts " + format_days(decom[i]) +
                             " (overlapping episodes in one return)",
                         FindingAction::kept));
      previous = i;
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [code, f] : found) findings.push_back(std::move(f));
  superseded_rows = superseded.size();
  if (superseded.empty()) return;
  std::vector<bool> drop(t.size(), false);
  for (std::size_t i : superseded) drop[i] = true;
  std::erase_if(order, [&](std::size_t i) { return drop[i]; });
}

/// Reviews dated before the birth date in the header (the reviews table may lack DOB): the DOB of
/// the latest return that gives one (the header may be in several returns, loaded in any order; a
/// later return corrects an earlier one).
SAFEGUARDING_FUNC void check_reviews_after_birth(Dataset& data, const FileYears& files) {
  const Table* header = data.find("header");
  Table* reviews = returns::detail::find_table(data, "reviews");
  if (header == nullptr || reviews == nullptr) return;
  const std::size_t ids = header->column("CHILD").dictionary->size();
  std::vector<std::int64_t> dob(ids, nat);
  std::vector<int> dob_year(ids, std::numeric_limits<int>::min());
  const auto& hc = header->column("CHILD").codes;
  const auto& hd = header->column("DOB").numbers;
  for (std::size_t i = 0; i < header->size(); ++i) {
    const auto c = static_cast<std::size_t>(hc[i]);
    const int y = files.year[static_cast<std::size_t>(header->file[i])];
    if (hd[i] == nat || y < dob_year[c]) continue;
    dob[c] = hd[i];
    dob_year[c] = y;
  }
  const auto& rc = reviews->column("CHILD").codes;
  const auto& rd = reviews->column("REVIEW").numbers;
  const auto& own = reviews->column("DOB").numbers;
  std::vector<std::size_t> rejected;
  for (std::size_t i = 0; i < reviews->size(); ++i) {
    const std::int64_t born = dob[static_cast<std::size_t>(rc[i])];
    if (own[i] == nat && born != nat && rd[i] < born) {
      data.findings.push_back(row_finding(data, files.is_xml, *reviews, i, "REVIEW", format_days(rd[i]),
                                          "REVIEW " + format_days(rd[i]) + " is before the child's DOB " +
                                              format_days(born) +
                                              " in the header (a review cannot be held before the child is born)",
                                          FindingAction::rejected));
      rejected.push_back(i);
    }
  }
  returns::detail::reject_listed_rows(data, *reviews, rejected);
}

SAFEGUARDING_FUNC void check_dates(Dataset& data, const FileYears& files) {
  using returns::detail::check_order;
  check_order(data, files.is_xml, "reviews", "DOB", "REVIEW", "a review cannot be held before the child is born", true);
  check_order(data, files.is_xml, "episodes", "DECOM", "DEC", "the episode ends before it starts", false);
  check_order(data, files.is_xml, "missing", "MIS_START", "MIS_END", "the missing episode ends before it starts",
              false);
  check_reviews_after_birth(data, files);
}

/// Merges each table's records (see deduplicate) and closes or supersedes the episodes (see
/// stitch_episodes), then puts its rows in stitched order: by child (in the ids' text order), then
/// by the table's date (or return), the order of its records. A table's rows are selected once, in
/// that order, from its rows kept. The tables are stitched at once (the largest first), on two
/// threads when there are enough rows; their findings are added in the tables' order (the
/// episodes' own last), as one table after another would add them.
SAFEGUARDING_FUNC void stitch(Dataset& data, const FileYears& files, returns::detail::Interner& rec_codes,
                              const std::vector<std::int32_t>& rank) {
  std::size_t rows = 0;
  for (const auto& t : data.tables) rows += t.size();
  const bool two = rows >= 8192 && std::thread::hardware_concurrency() > 1;
  const std::vector<std::size_t> largest = largest_first(data.tables);
  std::vector<const StitchKey*> keys(data.tables.size(), nullptr);
  for (std::size_t i = 0; i < data.tables.size(); ++i)
    for (const auto& key : stitch_keys)
      if (key.table == data.tables[i].name) keys[i] = &key;
  // A table's records are found, its rows merged and selected in one go, so that the records (8
  // bytes a row, and the sort's records) of no more than two tables are held at once, and those of
  // a table without duplicates no longer than it takes to find them.
  std::vector<std::size_t> duplicates(data.tables.size(), 0), superseded(data.tables.size(), 0);
  std::vector<std::vector<ReturnFinding>> merged(data.tables.size()), episodes(data.tables.size());
  const Dataset& read = data;
  support::each_shared(largest.size(), two, [&](std::size_t k) {
    const std::size_t i = largest[k];
    Table& t = data.tables[i];
    std::vector<std::size_t> order;
    if (keys[i]) {
      Records records = find_records(files, t, *keys[i], rank);
      duplicates[i] = records.duplicates;
      merged[i] = deduplicate(read, files, t, *keys[i], records, order);
    } else {
      // A table stitched on no key is only put in order (its records are not looked for): by
      // child, then year.
      const std::vector<std::uint32_t> by_child = record_order(t, StitchKey{t.name, "", false}, files.year, rank);
      order.assign(by_child.begin(), by_child.end());
    }
    if (t.name == "episodes") stitch_episodes(read, files, t, rec_codes, order, episodes[i], superseded[i]);
    t.select(order);
  });
  for (std::size_t i = 0; i < data.tables.size(); ++i)
    if (duplicates[i] + superseded[i] > 0)
      returns::detail::counts_of(data, data.tables[i].name).merged +=
          static_cast<std::int64_t>(duplicates[i] + superseded[i]);
  for (auto* found : {&merged, &episodes})
    for (auto& m : *found)
      data.findings.insert(data.findings.end(), std::make_move_iterator(m.begin()), std::make_move_iterator(m.end()));
}

}  // namespace detail

}  // namespace safeguarding::inline v0::returns::ssda903
