// Everything the SSDA903 and CIN census readers produce, as text: the files, each table's every cell
// (with its file, row and element path), each string column's dictionary in its order, the row
// counts, and every finding with all its fields; an Error's message when the load stops. Used to
// check that a change to the readers (for speed) leaves their output byte for byte the same: dump
// before and after, then compare (benchmarks/returns_dump.sh).
//
//   returns_dump MODE PATH...    MODE: 903 (each PATH loaded alone: a file or a folder), 903-all (the
//                                PATHs as one load), regional (load_regional of the PATHs) or cin
//
// Each load runs with dates day first and again month first, with `today` fixed (so the dump does not
// depend on the day it is made).
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <safeguarding/error.hpp>
#include <safeguarding/returns/cin_census/load.hpp>
#include <safeguarding/returns/ssda903/load.hpp>

namespace r = safeguarding::returns;

namespace {

void dump(std::ostream& out, const r::Dataset& d) {
  out << "files " << d.files.size() << "\n";
  for (const auto& f : d.files) out << "  " << f << "\n";
  for (const auto& c : d.counts)
    out << "count " << c.table << " read " << c.read << " used " << c.used << " rejected " << c.rejected << " merged "
        << c.merged << "\n";
  out << "findings " << d.findings.size() << "\n";
  for (const auto& f : d.findings) {
    out << "  [" << f.file << "|" << f.table << "|" << f.child << "|" << f.row << "|" << f.column << "|" << f.where
        << "|" << f.value << "|" << f.problem << "|" << r::finding_action_name(f.action);
    if (f.count != 1) {  // a finding standing for several rows: their count and every range
      out << "|count " << f.count << "|rows";
      for (const auto& g : f.rows) out << " " << g.first << "-" << g.last;
      out << "|kept " << f.kept_file << " rows";
      for (const auto& g : f.kept_rows) out << " " << g.first << "-" << g.last;
    } else if (!f.kept_rows.empty()) {  // one row merged: the row it went into
      out << "|kept " << f.kept_file << " rows";
      for (const auto& g : f.kept_rows) out << " " << g.first << "-" << g.last;
    }
    out << "]\n";
  }
  for (const auto& t : d.tables) {
    out << "table " << t.name << " rows " << t.size() << " paths " << t.path.size() << "\n";
    for (const auto& c : t.columns) {
      out << "  column " << c.name << " " << r::column_type_name(c.type) << " size " << c.size() << "\n";
      // A string column's dictionary in its order (the order of the categories of a DataFrame's column).
      if (c.is_string()) {
        out << "  dictionary " << c.dictionary->size() << ":";
        for (const auto& v : c.dictionary->values()) out << " " << v;
        out << "\n";
      }
    }
    for (std::size_t i = 0; i < t.size(); ++i) {
      out << "  " << t.file[i] << ":" << t.row[i];
      if (i < t.path.size()) out << ":" << t.path[i];
      for (const auto& c : t.columns) {
        out << "|";
        if (c.is_string())
          out << (c.codes[i] == r::missing_code ? std::string("<NA>") : std::string(c.text(i)));
        else if (c.is_number())
          out << c.numbers[i];
        else
          out << int(c.flags[i]);
      }
      out << "\n";
    }
  }
  out << d.summary_text() << "\n";
}

template <class Load>
void run(std::ostream& out, const std::string& label, Load load) {
  for (bool dayfirst : {true, false}) {
    r::ReadOptions options;
    options.dayfirst = dayfirst;
    options.today = 20787;  // 30 November 2026
    out << "=== " << label << " dayfirst=" << dayfirst << "\n";
    try {
      load(options);
    } catch (const std::exception& e) {
      out << "ERROR " << e.what() << "\n";
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: returns_dump 903|903-all|regional|cin PATH...\n";
    return 2;
  }
  const std::string mode = argv[1];
  std::vector<std::filesystem::path> paths(argv + 2, argv + argc);
  auto& out = std::cout;
  if (mode == "903") {
    for (const auto& p : paths)
      run(out, "ssda903 " + p.string(), [&](const r::ReadOptions& o) {
        const auto s = r::ssda903::load(p, o);
        for (const auto& ret : s.returns) {
          out << "return " << ret.year << " " << ret.authority;
          for (const auto& f : ret.files) out << " " << f.string();
          out << "\n";
        }
        dump(out, s.data);
      });
  } else if (mode == "903-all") {
    run(out, "ssda903 all", [&](const r::ReadOptions& o) { dump(out, r::ssda903::load(paths, o).data); });
  } else if (mode == "regional") {
    run(out, "regional", [&](const r::ReadOptions& o) {
      const auto reg = r::ssda903::load_regional(paths, o);
      for (std::size_t i = 0; i < reg.authorities.size(); ++i) {
        out << "authority " << reg.authorities[i] << "\n";
        dump(out, reg.returns[i].data);
      }
    });
  } else if (mode == "cin") {
    for (const auto& p : paths)
      run(out, "cin " + p.string(), [&](const r::ReadOptions& o) {
        const auto c = r::cin_census::load(p, o);
        out << "collection " << c.collection << " year " << c.year << " reference " << c.reference_date << "\n";
        dump(out, c.data);
      });
  } else {
    std::cerr << "unknown mode " << mode << "\n";
    return 2;
  }
  return 0;
}
