// json::parse_file: the encodings a JSON file may come in.
#include <filesystem>
#include <fstream>
#include <string>

#include "catch.hpp"
#include "json/reader.hpp"
#include "safeguarding/partnership.hpp"
#include "safeguarding/rules.hpp"
#include "scratch.hpp"
#include "support/text_file.hpp"

using namespace safeguarding;

namespace {

std::filesystem::path write_bytes(const std::string& name, const std::string& bytes) {
  const auto dir = scratch_path("json_reader");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
  return dir / name;
}

/// UTF-16 code units of ASCII text and one "é" (U+00E9) at the end, in either byte order.
std::string utf16(const std::string& ascii, bool little) {
  std::string out;
  auto unit = [&](unsigned u) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += little ? lo : hi;
    out += little ? hi : lo;
  };
  for (char c : ascii) unit(static_cast<unsigned char>(c));
  return out;
}

}  // namespace

TEST_CASE("a JSON file saved as UTF-16 is decoded, with or without its byte order mark") {
  // {"name": "Haringey caf\u00e9"} as text, the last character written as one UTF-16 unit.
  auto document = [](bool little) {
    std::string s = utf16("{\"name\": \"Haringey caf", little);
    s += little ? std::string("\xE9\x00", 2) : std::string("\x00\xE9", 2);
    return s + utf16("\"}", little);
  };
  const std::string expected = "Haringey caf\xC3\xA9";  // the same text in UTF-8
  CHECK(json::parse_file(write_bytes("le_bom.json", "\xFF\xFE" + document(true)))["name"] == expected);
  CHECK(json::parse_file(write_bytes("be_bom.json", "\xFE\xFF" + document(false)))["name"] == expected);
  CHECK(json::parse_file(write_bytes("le.json", document(true)))["name"] == expected);
  CHECK(json::parse_file(write_bytes("utf8_bom.json", "\xEF\xBB\xBF{\"name\": \"" + expected + "\"}"))["name"] ==
        expected);
  // Windows-1252: the e-acute is the single byte E9, which is not UTF-8.
  const auto latin = write_bytes("cp1252.json", "{\"name\": \"caf\xE9\"}");
  CHECK(error_message([&] { (void)json::parse_file(latin); }) ==
        latin.string() +
            ": the file is not UTF-8 text: byte 0xE9 at line 1, column 14 is not part of a UTF-8 character "
            "(1 such byte in the file); save it as UTF-8 or UTF-16");
  // A UTF-16 file cut in the middle of a character says so.
  const auto odd = write_bytes("odd.json", "\xFF\xFE" + document(true) + "x");
  CHECK(error_message([&] { (void)json::parse_file(odd); }).find("UTF-16 but has an odd number of bytes") !=
        std::string::npos);
}

TEST_CASE("deeply nested JSON is an Error naming where, not a crash") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string message = error_message([&] { (void)json::parse_text(deep, "deep.json"); });
  CHECK(message.starts_with("deep.json: /0/0/0/"));
  CHECK(message.ends_with(": the document nests arrays and objects more than 256 levels deep"));
  // In objects, the pointer names the members.
  std::string objects;
  for (int i = 0; i < 300; ++i) objects += "{\"a/b\": ";
  CHECK(error_message([&] { (void)json::parse_text(objects, "o.json"); }).starts_with("o.json: /a~1b/a~1b/"));
  // Brackets inside strings do not count; 256 levels are fine.
  CHECK_NOTHROW(json::parse_text(std::string(256, '[') + "\"[[[{{\"" + std::string(256, ']'), "ok.json"));
  // Every reader says so.
  CHECK(error_message([&] { (void)partnership_from_json(deep, "p.json"); }).starts_with("p.json: /0/0/"));
  CHECK(error_message([&] { (void)rules_from_json(deep, "r.json", nullptr); }).starts_with("r.json: /0/0/"));
}

TEST_CASE("a number out of range is an Error") {
  CHECK(error_message([] { (void)json::parse_text(R"({"at_least": 1e999})", "n.json"); }) ==
        "n.json: not valid JSON: number overflow parsing '1e999'");
  CHECK(error_message([] {
          (void)partnership_from_json(R"({"settings": {"attendance_target": -1e999}})", "p.json");
        }).starts_with("p.json: not valid JSON: number overflow"));
}

TEST_CASE("read_bytes on a folder says it is a folder") {
  const auto dir = scratch_path("read_folder");
  std::filesystem::create_directories(dir);
  CHECK(error_message([&] { (void)support::read_bytes(dir); }) == dir.string() + ": is a folder, not a file");
  CHECK(error_message([&] { (void)json::parse_file(dir); }) == dir.string() + ": is a folder, not a file");
  std::filesystem::remove_all(dir);
}
