#include "safeguarding/returns/ssda903/load.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "../../support/csv.hpp"
#include "../../support/text_file.hpp"
#include "../../support/threads.hpp"
#include "../../support/values.hpp"
#include "../loading.hpp"
#include "reader.hpp"
#include "safeguarding/returns/reporting_year.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

namespace detail {

/// The dates a return's year is inferred from and checked against: the events of the year it
/// reports (an episode's end, a review, a missing episode), and DECOM (which may be years earlier).
inline constexpr std::pair<std::string_view, std::string_view> year_dates[] = {
    {"episodes", "DEC"}, {"reviews", "REVIEW"}, {"missing", "MIS_START"}, {"missing", "MIS_END"}};
inline constexpr std::pair<std::string_view, std::string_view> checked_dates[] = {{"episodes", "DECOM"},
                                                                                  {"episodes", "DEC"},
                                                                                  {"reviews", "REVIEW"},
                                                                                  {"missing", "MIS_START"},
                                                                                  {"missing", "MIS_END"}};

/// The collection year (ending 31 March) holding most of a return's DEC, REVIEW, MIS_START and
/// MIS_END dates on or before `today` (a return reports one year's events; a mistyped date in a
/// later year moves nothing); the later year on a tie. 0 when it has none; `how` says why.
SAFEGUARDING_FUNC int year_from_data(const Dataset& data, std::int32_t first_file, std::int32_t end_file,
                                     std::int64_t today, std::string& how) {
  std::map<int, std::int64_t> per_year;
  std::int64_t total = 0;
  for (const auto& [table, column] : year_dates) {
    const Table* t = data.find(table);
    if (!t) continue;
    const auto& v = t->column(column).numbers;
    for (std::size_t i = 0; i < t->size(); ++i) {
      if (t->file[i] < first_file || t->file[i] >= end_file || v[i] == nat || v[i] > today) continue;
      ++per_year[ReportingYear::ending_of(v[i])];
      ++total;
    }
  }
  int best = 0;
  std::int64_t most = 0;
  for (const auto& [year, n] : per_year)
    if (n >= most) best = year, most = n;
  if (best == 0) return 0;
  how = "most of its DEC, REVIEW, MIS_START and MIS_END dates (" + std::to_string(most) + " of " +
        std::to_string(total) + ") fall in " + ReportingYear(best).label();
  return best;
}

/// Dates after the end of their return's year (31 March) or after `today`: reported and kept (a
/// mistyped year; the data of a later year).
SAFEGUARDING_FUNC void report_late_dates(Dataset& data, const FileYears& files, std::int64_t today) {
  using returns::detail::row_finding;
  constexpr std::int64_t unknown = std::numeric_limits<std::int64_t>::max();
  for (const auto& [table, column] : checked_dates) {
    const Table* t = data.find(table);
    if (!t) continue;
    const auto& v = t->column(column).numbers;
    // Each file's last day of its year, worked out at its first date (the year is checked then).
    std::vector<std::int64_t> last_day(files.year.size(), unknown);
    for (std::size_t i = 0; i < t->size(); ++i) {
      if (v[i] == nat) continue;
      const auto file = static_cast<std::size_t>(t->file[i]);
      const int year = files.year[file];
      if (last_day[file] == unknown) last_day[file] = year ? ReportingYear(year).last_day() : nat;
      const std::int64_t end = last_day[file];
      std::string problem;
      if (v[i] > today)
        problem =
            std::string(column) + " " + format_days(v[i]) + " is in the future (after " + format_days(today) + ")";
      else if (end != nat && v[i] > end)
        problem = std::string(column) + " " + format_days(v[i]) + " is after the end of the " + std::to_string(year) +
                  " return's year (" + format_days(end) + ")";
      else
        continue;
      data.findings.push_back(row_finding(data, files.is_xml, *t, i, column, format_days(v[i]),
                                          problem + ": a mistyped date? (the row is used as it is)",
                                          FindingAction::kept));
    }
  }
}

/// What reading one file gave: its rows in builders of its own, its findings, its rows in no
/// table, and the problems that stopped it.
struct FileRead {
  Builders builders;
  std::vector<ReturnFinding> findings;
  std::int64_t unidentified = 0;
  std::vector<Problem> problems;
  std::vector<std::string_view> tables;  // the tables the file supplied (see Return::tables)
};

SAFEGUARDING_FUNC void read_file(const std::filesystem::path& path, const Return& r, std::int32_t index, bool xml,
                                 const ReadOptions& options, support::TextBuffer& text, FileRead& out) {
  for (auto& b : out.builders.list) b.set_dayfirst(options.dayfirst);
  Dataset data;
  try {
    const Partition partition{r.authority, r.year};
    if (xml) {
      read_xml(path.string(), index, out.builders, data, out.unidentified);
      for (const auto& t : tables) out.tables.push_back(t.name);
    } else if (const TableSpec* spec = read_csv(path.string(), index, out.builders, data, out.unidentified, text,
                                                r.authority.empty() ? nullptr : &partition)) {
      out.tables.push_back(spec->name);
    }
  } catch (const Error& e) {
    out.problems = e.problems();
  }
  out.findings = std::move(data.findings);
}

SAFEGUARDING_FUNC const TableSpec* table_by_first_line(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
  const std::size_t end = head.find('\n');
  if (end == std::string::npos || head.find('\0') != std::string::npos || head.find('"') < end) return nullptr;
  support::CsvReader reader(std::string_view(head).substr(0, end));
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) return nullptr;
  return normalised_header(fields).table;
}

/// What the load's columns are allocated from: each CSV file's table (by its first line) and size,
/// and the bytes of each table's files. When the first file of a table is added, its rows per
/// byte foresee the rows of all of the table's files, and the table's columns are allocated once
/// for them (and an eighth more), where growing them file by file doubled them (a copy at each
/// step, and up to twice the memory the rows need). A wrong guess costs memory or a copy, never a
/// value: the rows are appended as before.
struct Sizes {
  std::vector<const TableSpec*> table;  // per file: its table, or nullptr when not foreseen
  std::vector<std::uintmax_t> bytes;    // per file
  std::map<std::string_view, std::uintmax_t> table_bytes;
};

/// Adds what one file gave to the load's builders and findings, and the tables it supplied to its
/// return's (`supplied`), as if they had read it.
SAFEGUARDING_FUNC void add_file(FileRead& part, Builders& builders, Dataset& data, std::int64_t& unidentified,
                                Problems& problems, std::vector<std::string>& supplied, Sizes& sizes,
                                std::size_t file) {
  supplied.insert(supplied.end(), part.tables.begin(), part.tables.end());
  const std::vector<std::int32_t> ids = builders.ids->intern_all(*part.builders.ids);
  if (const TableSpec* spec = sizes.table[file]; spec != nullptr && sizes.bytes[file] > 0) {
    // Only for the first file with rows of the table: the rows it adds mark the table allocated.
    const auto rows = static_cast<std::uintmax_t>(part.builders[spec->name].table().size());
    if (rows > 0 && builders[spec->name].table().size() == 0) {
      const std::uintmax_t foreseen = rows * sizes.table_bytes[spec->name] / sizes.bytes[file];
      builders[spec->name].reserve(static_cast<std::size_t>(foreseen + foreseen / 8 + 64));
    }
  }
  for (std::size_t t = 0; t < builders.list.size(); ++t) builders.list[t].append(part.builders.list[t], ids);
  data.findings.insert(data.findings.end(), std::make_move_iterator(part.findings.begin()),
                       std::make_move_iterator(part.findings.end()));
  unidentified += part.unidentified;
  problems.append(part.problems);
}

/// Reads every file of the returns into the builders; an Error listing each file that cannot be
/// read at all. `file_range` gets each return's files as [first, end) indices; each return's
/// `tables` the tables its files supplied (see Return::tables). The files are read on two threads,
/// each into builders of its own, and added to the load's in the files' order as they finish: the
/// tables, dictionaries and findings are those of reading the files one by one.
SAFEGUARDING_FUNC void read_files(std::vector<Return>& returns, const ReadOptions& options, Builders& builders,
                                  Dataset& data, FileYears& files,
                                  std::vector<std::pair<std::int32_t, std::int32_t>>& file_range) {
  struct Job {
    const std::filesystem::path* path;
    Return* r;
  };
  std::vector<Job> jobs;
  for (auto& r : returns) {
    const auto first = static_cast<std::int32_t>(data.files.size());
    for (const auto& path : r.files) {
      data.files.push_back(path.string());
      files.is_xml.push_back(is_xml_file(path));
      jobs.push_back(Job{&path, &r});
    }
    file_range.emplace_back(first, static_cast<std::int32_t>(data.files.size()));
  }
  Sizes sizes;
  sizes.table.assign(jobs.size(), nullptr);
  sizes.bytes.assign(jobs.size(), 0);
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    std::error_code ec;
    if (files.is_xml[k] || !jobs[k].r->authority.empty() || !std::filesystem::is_regular_file(*jobs[k].path, ec))
      continue;  // a regional file's rows are mostly other returns'
    const std::uintmax_t bytes = std::filesystem::file_size(*jobs[k].path, ec);
    if (ec) continue;
    sizes.table[k] = table_by_first_line(*jobs[k].path);
    sizes.bytes[k] = bytes;
    if (sizes.table[k] != nullptr) sizes.table_bytes[sizes.table[k]->name] += bytes;
  }
  std::int64_t unidentified = 0;
  Problems problems;
  for (auto& b : builders.list) b.set_dayfirst(options.dayfirst);
  std::vector<std::unique_ptr<FileRead>> done(jobs.size());
  // The buffers the files are read into (one a thread), kept from file to file: a file's text is
  // written into memory read into before, neither filled with zeros first nor fresh from the system.
  std::vector<std::unique_ptr<support::TextBuffer>> texts;
  std::mutex state;       // guards `done`, `added` and `texts`
  std::mutex adding;      // held by the thread adding files to the load's builders
  std::size_t added = 0;  // the files added to the load's builders (in order); changed only under `adding`
  // The next file to add when it has been read, else nullptr.
  const auto ready = [&]() -> FileRead* {
    const std::lock_guard<std::mutex> lock(state);
    return added < jobs.size() ? done[added].get() : nullptr;
  };
  const auto add_ready = [&] {
    for (FileRead* next = ready(); next != nullptr; next = ready()) {
      add_file(*next, builders, data, unidentified, problems, jobs[added].r->tables, sizes, added);
      const std::lock_guard<std::mutex> guard(state);
      done[added].reset();
      ++added;
    }
  };
  support::each_shared(jobs.size(), std::thread::hardware_concurrency() > 1, [&](std::size_t k) {
    auto part = std::make_unique<FileRead>();
    std::unique_ptr<support::TextBuffer> text;
    {
      const std::lock_guard<std::mutex> lock(state);
      if (!texts.empty()) text = std::move(texts.back()), texts.pop_back();
    }
    if (!text) text = std::make_unique<support::TextBuffer>();
    read_file(*jobs[k].path, *jobs[k].r, static_cast<std::int32_t>(k), files.is_xml[k], options, *text, *part);
    // A thread's last file (one of the last two: each_shared reads on at most two threads) frees its
    // buffer at once: the load's columns are at their largest as the last files are added, and the
    // buffer would be held beside them.
    if (k + 2 >= jobs.size()) text.reset();
    {
      const std::lock_guard<std::mutex> lock(state);
      done[k] = std::move(part);
      if (text) texts.push_back(std::move(text));
    }
    // The files read are added in order by one thread at a time. A thread that finds the other
    // adding goes on to its next file instead of waiting: the other adds this one too, as it looks
    // again for a file ready once it has stopped adding (a file stored before that look is seen).
    while (true) {
      std::unique_lock<std::mutex> lock(adding, std::try_to_lock);
      if (!lock.owns_lock()) return;
      add_ready();
      lock.unlock();
      if (ready() == nullptr) return;
    }
  });
  add_ready();  // none left but after a try_lock that failed spuriously (which the standard allows)
  texts.clear();
  for (auto& r : returns) {
    auto& list = r.tables;
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  for (auto& b : builders.list)
    returns::detail::check_date_order(b.date_evidence(), b.spec().name, options.dayfirst, data, problems);
  problems.throw_if_any("SSDA903");
  for (auto& b : builders.list) {
    data.counts.push_back(b.counts());
    data.tables.push_back(b.finish());
  }
  if (unidentified > 0) data.counts.push_back(TableRowCounts{"(unidentified)", unidentified, 0, unidentified, 0});
}

/// Each return's year as given or named, else from the data; and each file's year.
SAFEGUARDING_FUNC void resolve_years(std::vector<Return>& returns, const Dataset& data,
                                     const std::vector<std::pair<std::int32_t, std::int32_t>>& file_range,
                                     std::int64_t today, FileYears& files) {
  files.year.assign(data.files.size(), 0);
  for (std::size_t r = 0; r < returns.size(); ++r) {
    if (returns[r].year == 0) {
      std::string how;
      returns[r].year = year_from_data(data, file_range[r].first, file_range[r].second, today, how);
      returns[r].year_from = returns[r].year ? how : "unknown";
    }
    for (auto f = file_range[r].first; f < file_range[r].second; ++f)
      files.year[static_cast<std::size_t>(f)] = returns[r].year;
  }
}

}  // namespace detail

namespace detail {

/// The load but for giving back the memory it freed at its end.
SAFEGUARDING_FUNC Ssda903 load_unreleased(std::vector<Return> returns, const ReadOptions& options) {
  Ssda903 out;
  detail::Builders builders;
  detail::FileYears files;
  std::vector<std::pair<std::int32_t, std::int32_t>> file_range;  // per return: [first, end) file index
  const std::int64_t today = options.today != nat ? options.today : support::today_days();
  detail::read_files(returns, options, builders, out.data, files, file_range);
  detail::resolve_years(returns, out.data, file_range, today, files);
  // The builders' hash tables (the ids' and every string column's, a few MB for many children)
  // are freed before stitching, whose sorts are the load's largest allocations beside the
  // tables; the dictionaries stay with the columns. Stitching adds to REC's codes alone.
  const std::shared_ptr<returns::detail::Interner> rec_codes = builders["episodes"].shared_interner("REC");
  builders.list.clear();
  builders.ids.reset();
  // The files' text and rows, freed as each file was added (half of them in the second thread's
  // arena), and the builders' hash tables, given back before stitching allocates the tables again;
  // then (in load) what stitching freed.
  returns::detail::release_freed_memory();
  // The children's order in the stitched tables (the ids' text order) is worked out on a second
  // thread while the rows' dates are checked (which changes no dictionary).
  std::vector<std::int32_t> rank;
  const returns::Dictionary* ids =
      out.data.tables.empty() ? nullptr : out.data.tables.front().column("CHILD").dictionary.get();
  const bool two = ids != nullptr && ids->size() >= 4096 && std::thread::hardware_concurrency() > 1;
  support::in_parts(two ? 2 : 1, [&](std::size_t part) {
    if (part == 1) {
      rank = detail::id_ranks(*ids);
      return;
    }
    detail::check_dates(out.data, files);
    detail::report_late_dates(out.data, files, today);
    if (!two && ids != nullptr) rank = detail::id_ranks(*ids);
  });
  detail::stitch(out.data, files, *rec_codes, rank);
  returns::detail::finish_counts(out.data);
  out.returns = std::move(returns);
  return out;
}

}  // namespace detail

SAFEGUARDING_FUNC Ssda903 load(std::vector<Return> returns, const ReadOptions& options) {
  Ssda903 out = detail::load_unreleased(std::move(returns), options);
  // What the load freed, stitching's working memory last, given back (see release_freed_memory).
  returns::detail::release_freed_memory();
  return out;
}

SAFEGUARDING_FUNC Ssda903 load(const std::vector<std::filesystem::path>& paths, const ReadOptions& options) {
  return load(group_files(paths), options);
}

SAFEGUARDING_FUNC Ssda903 load(const std::filesystem::path& path, const ReadOptions& options) {
  return load(group_files(std::vector<std::filesystem::path>{path}), options);
}

SAFEGUARDING_FUNC Regional load_regional(const std::vector<std::filesystem::path>& paths, const ReadOptions& options) {
  // Which authorities and years each file holds; every row must name both.
  std::map<std::string, std::map<int, std::vector<std::filesystem::path>>> parts;
  std::vector<std::string> supplied;  // the tables of the regional set's files
  Problems problems;
  for (const auto& r : group_files(paths))
    for (const auto& path : r.files) {
      const std::string name = path.string();
      if (detail::is_xml_file(path)) {
        problems.add(name, "a regional collection is read from CSV tables; this is an XML file");
        continue;
      }
      const support::Text text = support::read_text(path);
      support::CsvReader reader(text.utf8);
      std::vector<std::string_view> fields;
      if (!reader.next(fields)) continue;
      const detail::Header header = detail::normalised_header(fields);
      const std::ptrdiff_t la = header.at("LA"), year = header.at("YEAR");
      if (la < 0 || year < 0) {
        problems.add(name,
                     "a regional file needs columns LA and YEAR (the authority and the collection year of "
                     "each row)");
        continue;
      }
      std::size_t bad = 0;
      std::string scratch;
      while (reader.next(fields)) {
        const std::string where = "row " + std::to_string(reader.record_number());
        const std::string_view la_text = static_cast<std::ptrdiff_t>(fields.size()) > la
                                             ? support::detail::trim(fields[static_cast<std::size_t>(la)])
                                             : std::string_view();
        const int y = static_cast<std::ptrdiff_t>(fields.size()) > year
                          ? detail::year_of_value(fields[static_cast<std::size_t>(year)])
                          : 0;
        if (la_text.empty() || y == 0) {
          if (++bad <= 20)
            problems.add(name + ", " + where, la_text.empty()
                                                  ? "the LA is blank: the row belongs to no authority"
                                                  : "the YEAR is not a collection year (expected 2019 or 2018-19)");
          continue;
        }
        auto& files = parts[std::string(support::detail::normalise_code(la_text, scratch))][y];
        if (files.empty() || files.back() != path) files.push_back(path);
      }
      if (bad > 20) problems.add(name, std::to_string(bad - 20) + " more rows without an LA or a YEAR");
      // The file's table is supplied by every authority-year of the set, rows of its own or none.
      if (header.table != nullptr) supplied.emplace_back(header.table->name);
    }
  problems.throw_if_any("regional SSDA903");
  Regional out;
  for (auto& [authority, years] : parts) {
    std::vector<Return> returns;
    for (auto& [year, files] : years)
      returns.push_back(Return{year, "the YEAR column", std::move(files), authority, supplied});
    out.authorities.push_back(authority);
    out.returns.push_back(load(std::move(returns), options));
  }
  return out;
}

}  // namespace safeguarding::inline v0::returns::ssda903
