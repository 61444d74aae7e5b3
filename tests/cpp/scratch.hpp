// Files for tests that read from disk: a fresh folder per test, a file written byte for byte, and
// the header line of the SSDA903 episodes files they write.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

/// A fresh, empty folder `safeguarding_test_<name>` under the temporary directory.
inline std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("safeguarding_test_" + name);
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
