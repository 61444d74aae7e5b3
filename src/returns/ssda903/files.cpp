// Finding the SSDA903 returns' files and their collection years.
#include "safeguarding/returns/ssda903/load.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <system_error>
#include <utility>

#include "reader.hpp"

namespace safeguarding::inline v0::returns::ssda903 {

namespace detail {

SAFEGUARDING_FUNC int year_in_name(std::string_view name) {
  const auto digit = [&](std::size_t k) { return k < name.size() && name[k] >= '0' && name[k] <= '9'; };
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) v = v * 10 + (name[k] - '0');
    return v;
  };
  for (std::size_t i = 0; i + 4 <= name.size(); ++i) {
    if ((i > 0 && digit(i - 1)) || !digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3)) continue;
    const int y = number(i, 4);
    if (y < 1990 || y > 2099) continue;
    std::size_t k = i + 4;
    if (k < name.size() && (name[k] == '-' || name[k] == '_' || name[k] == '/')) ++k;
    if (digit(k) && digit(k + 1) && !digit(k + 2) && number(k, 2) == (y + 1) % 100) return y + 1;
    if (digit(i + 4)) continue;
    return y;
  }
  return 0;
}

SAFEGUARDING_FUNC std::string lower_extension(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

SAFEGUARDING_FUNC bool is_xml_file(const std::filesystem::path& p) {
  return lower_extension(p) == ".xml";
}

SAFEGUARDING_FUNC bool is_return_file(const std::filesystem::path& p) {
  const std::string ext = lower_extension(p);
  return ext == ".csv" || ext == ".xml";
}

/// The return files directly in a folder (`direct`) and in its sub-folders (`nested`); a folder
/// that cannot be read is a problem, not an exception of std::filesystem.
SAFEGUARDING_FUNC void list_folder(const std::filesystem::path& folder, std::vector<std::filesystem::path>& direct,
                                   std::vector<std::filesystem::path>& nested, Problems& problems) {
  namespace fs = std::filesystem;
  const auto entries = [&](const fs::path& p, auto&& each) {
    std::error_code ec;
    fs::directory_iterator it(p, ec), end;
    for (; !ec && it != end; it.increment(ec)) each(*it);
    if (ec) problems.add(p.string(), "the folder cannot be read: " + ec.message());
  };
  entries(folder, [&](const fs::directory_entry& entry) {
    std::error_code ec;
    if (entry.is_regular_file(ec) && is_return_file(entry.path()))
      direct.push_back(entry.path());
    else if (entry.is_directory(ec))
      entries(entry.path(), [&](const fs::directory_entry& inner) {
        std::error_code inner_ec;
        if (inner.is_regular_file(inner_ec) && is_return_file(inner.path())) nested.push_back(inner.path());
      });
  });
}

/// Every file the paths name: files as given, folders' return files (direct ones first, each list
/// sorted); an Error listing the paths that are neither, or folders without return files.
SAFEGUARDING_FUNC std::vector<std::filesystem::path> collect_files(const std::vector<std::filesystem::path>& paths) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  Problems problems;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> direct, nested;
      const std::size_t before = problems.size();
      list_folder(p, direct, nested, problems);
      std::sort(direct.begin(), direct.end());
      std::sort(nested.begin(), nested.end());
      if (direct.empty() && nested.empty() && problems.size() == before)
        problems.add(p.string(), "the folder holds no .csv or .xml files");
      files.insert(files.end(), direct.begin(), direct.end());
      files.insert(files.end(), nested.begin(), nested.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      problems.add(p.string(), "no such file or folder");
    }
  }
  problems.throw_if_any();
  return files;
}

}  // namespace detail

SAFEGUARDING_FUNC std::vector<Return> group_files(const std::vector<std::filesystem::path>& paths) {
  std::vector<Return> returns;
  std::map<std::pair<std::string, int>, std::size_t> index;
  for (const auto& f : detail::collect_files(paths)) {
    int year = detail::year_in_name(f.filename().string());
    std::string source = year ? "the file name " + quote(f.filename().string()) : "";
    if (!year) {
      year = detail::year_in_name(f.parent_path().filename().string());
      if (year) source = "the folder name " + quote(f.parent_path().filename().string());
    }
    // CSV tables and an XML file are two forms of a return: never one return together.
    const auto key = std::make_pair(f.parent_path().string() + (detail::is_xml_file(f) ? "|xml" : "|csv"), year);
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, returns.size()).first;
      returns.push_back(Return{year, source, {}, {}});
    }
    returns[it->second].files.push_back(f);
  }
  return returns;
}

}  // namespace safeguarding::inline v0::returns::ssda903
