// Files for tests that read from disk: a fresh folder per test, a file written byte for byte, and
// the header line of the SSDA903 episodes files they write.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <system_error>

/// The paths scratch_path has given, removed when the test process ends.
struct ScratchPaths {
  std::set<std::filesystem::path> paths;
  ScratchPaths() = default;
  ScratchPaths(const ScratchPaths&) = delete;
  ScratchPaths& operator=(const ScratchPaths&) = delete;
  ~ScratchPaths() {
    for (const auto& path : paths) {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  }
};

/// The path `safeguarding_test_<token>_<name>` under the temporary directory, where the token is
/// drawn once per process, so that test runs at the same time on one machine never share a folder;
/// whatever is there is removed when the process ends.
inline std::filesystem::path scratch_path(const std::string& name) {
  static const std::string token = std::to_string(std::random_device{}());
  static ScratchPaths given;
  auto path = std::filesystem::temp_directory_path() / ("safeguarding_test_" + token + "_" + name);
  given.paths.insert(path);
  return path;
}

/// A fresh, empty folder scratch_path(name).
inline std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path dir = scratch_path(name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Writes `bytes` to `path` exactly (binary mode), creating its folder if need be.
inline void write(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

/// The header line of an SSDA903 episodes file (episodes.csv), for tests that write one.
inline const std::string episode_head =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
