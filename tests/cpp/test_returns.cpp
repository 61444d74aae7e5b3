// The returns' readers: CSV splitting and decoding, table identification, value normalisation,
// bad input reported with file, row and column, and the stitching of several years. Every return
// here is a small synthetic one written by hand; expected figures are counted in the comments.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "returns/ssda903/reader.hpp"
#include "safeguarding/returns.hpp"
#include "scratch.hpp"
#include "support/bytes.hpp"
#include "support/csv.hpp"
#include "support/text_file.hpp"
#include "support/values.hpp"

using namespace safeguarding;
using namespace safeguarding::returns;
namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> split(std::string_view text) {
  support::CsvReader reader(text);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> out;
  while (reader.next(fields)) out.emplace_back(fields.begin(), fields.end());
  return out;
}

bool has_finding(const Dataset& d, const std::string& table, std::int64_t row, const std::string& column,
                 const std::string& fragment, FindingAction action) {
  for (const auto& f : d.findings)
    if (f.table == table && f.row == row && f.column == column && f.problem.find(fragment) != std::string::npos &&
        f.action == action)
      return true;
  return false;
}

std::string text_at(const Table& t, std::string_view column, std::size_t row) {
  return std::string(t.column(column).text(row));
}

}  // namespace

TEST_CASE("CSV records: quoting, doubled quotes, line ends and blank lines") {
  using Rows = std::vector<std::vector<std::string>>;
  CHECK(split("a,b\r\n1,2\r\n") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(split("a,b\n1,2") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(split("a,b\r1,2\r") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(split("a,b\n\n\n1,2\n") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(split("x,\"he said \"\"hi\"\"\",\"a,b\"\n") == Rows{{"x", "he said \"hi\"", "a,b"}});
  CHECK(split("\"line\nbreak\",2\n3,4\n") == Rows{{"line\nbreak", "2"}, {"3", "4"}});
  CHECK(split("a,b,\n") == Rows{{"a", "b", ""}});
  CHECK(split(",\n") == Rows{{"", ""}});
  // Record numbers count records, not lines: the quoted line break does not shift them.
  support::CsvReader reader("h\n\"a\nb\"\nc\n");
  std::vector<std::string_view> fields;
  REQUIRE(reader.next(fields));
  REQUIRE(reader.next(fields));
  CHECK(reader.record_number() == 2);
  REQUIRE(reader.next(fields));
  CHECK(reader.record_number() == 3);
  CHECK(reader.line() == 4);
  support::CsvReader open_quote("a,\"never closed\n1,2\n");
  REQUIRE(open_quote.next(fields));
  CHECK(open_quote.unterminated_quote());
}

TEST_CASE("CSV records read eight bytes at a time split as byte by byte") {
  // Records longer than a word (8 bytes), with delimiters, quotes and line ends at many positions
  // in a word: a record without quotes is split in one pass, eight bytes at a time, and one with a
  // quote field by field. Expected rows written by hand.
  using Rows = std::vector<std::vector<std::string>>;
  CHECK(split("CHILD,DECOM,RNE,LS\r\nC0000002,22/12/2014,P,E1\r\n") ==
        Rows{{"CHILD", "DECOM", "RNE", "LS"}, {"C0000002", "22/12/2014", "P", "E1"}});
  CHECK(split("abcdefg,hijklmnopq,,r\n,,,,,,,,,\n") ==
        Rows{{"abcdefg", "hijklmnopq", "", "r"}, {"", "", "", "", "", "", "", "", "", ""}});
  // A quote inside an unquoted field is text; a field starting with a quote is quoted.
  CHECK(split("abcdefgh,ij\"kl,m\nabcdefgh,\"x,y\",z\n") ==
        Rows{{"abcdefgh", "ij\"kl", "m"}, {"abcdefgh", "x,y", "z"}});
  // A lone carriage return ends a record; the text may end just after a delimiter.
  CHECK(split("abcdefghijk\rlmnopqrstu,\rv,") == Rows{{"abcdefghijk"}, {"lmnopqrstu", ""}, {"v", ""}});
  CHECK(split("0123456789abcdef,0123456789abcdef") == Rows{{"0123456789abcdef", "0123456789abcdef"}});
  // Bytes one away from a delimiter or a line end ('-' and '+' beside ',', '\v' beside '\n') are text.
  CHECK(split("a-,+b,-+-+-+-+\v\n") == Rows{{"a-", "+b", "-+-+-+-+\v"}});
  support::CsvReader lines("a,b\r\nccccccccc,dddddddd\rx\n\n\ny");
  std::vector<std::string_view> fields;
  REQUIRE(lines.next(fields));
  REQUIRE(lines.next(fields));
  CHECK(lines.line() == 2);
  REQUIRE(lines.next(fields));
  REQUIRE(lines.next(fields));
  CHECK(fields == std::vector<std::string_view>{"y"});
  CHECK(lines.line() == 6);  // "x" is on line 3, then two blank lines
  CHECK_FALSE(lines.next(fields));
  // Another delimiter: commas are then text.
  support::CsvReader semicolons("a,b;cccccccc,dd;e\n", ';');
  REQUIRE(semicolons.next(fields));
  CHECK(fields == std::vector<std::string_view>{"a,b", "cccccccc,dd", "e"});
}

TEST_CASE("CSV records read sixteen bytes at a time, with more fields than a block holds") {
  // Records of 1 to 60 fields of 0 to 20 bytes each (fields, delimiters and line ends at every
  // place in a 16-byte block), built from their fields; each record split as the fields it was
  // built from, through next(fields) and next() with fields() alike.
  using Rows = std::vector<std::vector<std::string>>;
  Rows rows;
  std::string text;
  for (std::size_t n = 1; n <= 60; ++n) {
    std::vector<std::string> row;
    for (std::size_t k = 0; k < n; ++k)
      row.push_back(std::string((n * 7 + k * 3) % 21, static_cast<char>('a' + k % 26)));
    if (n % 5 == 0) row.back() = "y\"" + row.back();  // a quote inside an unquoted field is text
    if (n == 1 && row[0].empty()) row[0] = "z";       // a blank line holds no record
    for (std::size_t k = 0; k < n; ++k) text += (k ? "," : "") + row[k];
    text += n % 3 == 0 ? "\r\n" : n % 3 == 1 ? "\n" : "\r";
    rows.push_back(row);
  }
  CHECK(split(text) == rows);
  support::CsvReader reader(text);
  Rows viewed;
  while (reader.next()) viewed.emplace_back(reader.fields().begin(), reader.fields().end());
  CHECK(viewed == rows);
  CHECK(reader.fields().empty());
  CHECK(reader.line() == 60);  // the line the last record starts on
}

TEST_CASE("codes upper-cased: the ASCII letters a to z alone, at any place in a value of any length") {
  // One byte changed in a value of 1 to 20 upper-case letters: a lower-case letter is found and
  // upper-cased; the bytes beside 'a' and 'z' ('`', '{'), '@', '[' and a UTF-8 byte are not.
  std::string scratch;
  for (std::size_t n = 1; n <= 20; ++n)
    for (std::size_t at = 0; at < n; ++at) {
      std::string value(n, 'Q');
      for (const char c : {'a', 'm', 'z'}) {
        value[at] = c;
        CHECK(support::detail::has_lower_case(value));
        std::string upper(n, 'Q');
        upper[at] = static_cast<char>(c - 'a' + 'A');
        CHECK(support::detail::upper_code(value, scratch) == upper);
      }
      for (const char c : {'`', '{', '@', '[', '\xE1', '\xFA'}) {
        value[at] = c;
        CHECK_FALSE(support::detail::has_lower_case(value));
        CHECK(support::detail::upper_code(value, scratch).data() == value.data());  // unchanged, not copied
      }
    }
  CHECK_FALSE(support::detail::has_lower_case(""));
}

TEST_CASE("a byte counted at every place and in every run: count_byte as std::count") {
  // Lines at every offset of the sixteen-byte blocks and the tail; runs of more than 255 blocks of
  // nothing but the byte (each block's counters are summed every 255 blocks); other bytes beside it.
  for (std::size_t n = 0; n <= 40; ++n)
    for (std::size_t at = 0; at < n; ++at) {
      std::string text(n, 'x');
      text[at] = '\n';
      CHECK(support::detail::count_byte(text, '\n') == 1);
      text[at] = '\x8A';  // '\n' with its top bit set
      CHECK(support::detail::count_byte(text, '\n') == 0);
    }
  for (const std::size_t n : {std::size_t{16 * 255}, std::size_t{16 * 255 + 1}, std::size_t{16 * 600 + 7}}) {
    const std::string all(n, '\n');
    CHECK(support::detail::count_byte(all, '\n') == n);
    std::string some;
    for (std::size_t i = 0; i < n; ++i) some += i % 3 == 0 ? '\n' : 'y';
    CHECK(support::detail::count_byte(some, '\n') ==
          static_cast<std::size_t>(std::count(some.begin(), some.end(), '\n')));
  }
}

TEST_CASE("files read one after another into one buffer") {
  // A longer file, then shorter ones: each read gives that file's text alone, decoded as read_text
  // decodes it (a byte order mark dropped, UTF-16 as UTF-8), and a bad file is an Error naming it.
  const auto dir = scratch("text_buffer");
  write(dir / "long.csv", "CHILD,DOB\nC1,01/01/2010\nC2,02/02/2012\n");
  write(dir / "bom.csv",
        "\xEF\xBB\xBF"
        "CHILD\n");
  write(dir / "utf16.csv", std::string("\xFF\xFE"
                                       "A\0\xE9\0",
                                       6));
  write(dir / "empty.csv", "");
  write(dir / "latin1.csv", "caf\xE9\n");
  support::TextBuffer buffer;
  support::read_text(dir / "long.csv", buffer);
  CHECK(buffer.utf8 == "CHILD,DOB\nC1,01/01/2010\nC2,02/02/2012\n");
  CHECK(buffer.encoding == support::Encoding::utf8);
  support::read_text(dir / "bom.csv", buffer);
  CHECK(buffer.utf8 == "CHILD\n");
  CHECK(buffer.encoding == support::Encoding::utf8_bom);
  support::read_text(dir / "utf16.csv", buffer);
  CHECK(buffer.utf8 == "A\xC3\xA9");
  CHECK(buffer.encoding == support::Encoding::utf16le);
  support::read_text(dir / "empty.csv", buffer);
  CHECK(buffer.utf8.empty());
  CHECK(error_message([&] { support::read_text(dir / "latin1.csv", buffer); }).find("is not UTF-8 text") !=
        std::string::npos);
  CHECK(error_message([&] { support::read_text(dir / "none.csv", buffer); }).find("cannot open the file") !=
        std::string::npos);
  CHECK(error_message([&] { support::read_text(dir, buffer); }).find("is a folder, not a file") != std::string::npos);
}

TEST_CASE("a dictionary's look-ups: values of up to eight bytes told apart by their length and bytes") {
  // Values that share their bytes but not their length ("AB" and "ABB" pack into the same word), and
  // more values than the table of values found before holds: each is found by its own code, again
  // and again, and a value never interned is not found.
  safeguarding::returns::detail::Interner interner;
  std::vector<std::string> values;
  for (std::size_t n = 1; n <= 12; ++n)
    for (const char c : {'A', 'B', 'C', 'D', 'E', 'F'}) values.push_back("A" + std::string(n - 1, c));
  values.emplace_back("AB");
  values.emplace_back("ABB");
  std::vector<std::int32_t> codes;
  for (const auto& v : values) codes.push_back(interner.intern(v));
  for (int round = 0; round < 3; ++round)
    for (std::size_t k = 0; k < values.size(); ++k) {
      const auto found = interner.lookup(values[k]);
      CHECK(found == codes[k]);
      CHECK((*interner.dictionary())[found] == values[k]);
    }
  CHECK(interner.lookup("ABBB") >= 0);
  CHECK(interner.lookup("ABBBBBBBBBBBBBBB") < 0);
  CHECK(interner.lookup("AG") < 0);
  CHECK(interner.lookup("") < 0);
}

TEST_CASE("row paths: one per row, padded, cut and selected") {
  RowPaths paths;
  CHECK(paths.empty());
  paths.push_back("/A[1]");
  paths.push_back("");
  paths.push_back("/A[2]/B[1]");
  REQUIRE(paths.size() == 3);
  CHECK(paths[0] == "/A[1]");
  CHECK(paths[1].empty());
  CHECK(paths[2] == "/A[2]/B[1]");
  paths.resize(5);  // two more rows without a path
  REQUIRE(paths.size() == 5);
  CHECK(paths[3].empty());
  CHECK(paths[4].empty());
  paths.push_back("/A[3]");
  CHECK(paths[5] == "/A[3]");
  const std::size_t rows[] = {5, 2, 2, 0};
  paths.select(rows);
  REQUIRE(paths.size() == 4);
  CHECK(paths[0] == "/A[3]");
  CHECK(paths[1] == "/A[2]/B[1]");
  CHECK(paths[2] == "/A[2]/B[1]");
  CHECK(paths[3] == "/A[1]");
  paths.resize(1);  // cut: the first row's path alone is left
  REQUIRE(paths.size() == 1);
  CHECK(paths[0] == "/A[3]");
  paths.push_back("/C[1]");
  CHECK(paths[1] == "/C[1]");
}

TEST_CASE("row paths: many rows across blocks, appended without copying their text") {
  // Paths of 20 to 2,019 characters, 5,000 of them (about 5 MB): they fill many blocks, and some are
  // longer than a block's first size.
  const auto path_of = [](std::size_t i) {
    return "/Message/Children/Child[" + std::to_string(i) + "]" + std::string(i % 2000, 'x');
  };
  RowPaths first, second;
  for (std::size_t i = 0; i < 3000; ++i) first.push_back(path_of(i));
  for (std::size_t i = 3000; i < 5000; ++i) i % 7 == 0 ? second.push_back("") : second.push_back(path_of(i));
  const std::string_view early = first[5];
  first.append(std::move(second));
  CHECK(second.empty());
  REQUIRE(first.size() == 5000);
  CHECK(first[5].data() == early.data());  // the text did not move
  for (std::size_t i = 0; i < 5000; ++i) {
    INFO("row " << i);
    REQUIRE(first[i] == (i >= 3000 && i % 7 == 0 ? std::string() : path_of(i)));
  }
  first.push_back("/A[1]");
  CHECK(first[5000] == "/A[1]");
  first.resize(3002);  // cut inside the appended rows' blocks
  REQUIRE(first.size() == 3002);
  CHECK(first[3001] == path_of(3001));
  CHECK(first[2999] == path_of(2999));
  first.resize(3001);
  first.push_back("/B[1]");
  first.resize(3004);
  CHECK(first[3000] == path_of(3000));
  CHECK(first[3001] == "/B[1]");
  CHECK(first[3003].empty());
  const std::size_t rows[] = {3001, 4, 2999};
  first.select(rows);
  REQUIRE(first.size() == 3);
  CHECK(first[0] == "/B[1]");
  CHECK(first[1] == path_of(4));
  CHECK(first[2] == path_of(2999));
  RowPaths copy = first;  // a copy's blocks are full: the next path starts a block of its own
  copy.push_back(copy[1]);
  CHECK(copy[3] == path_of(4));
  CHECK(first.size() == 3);
  first.resize(0);
  CHECK(first.empty());
  first.push_back("/C[1]");
  CHECK(first[0] == "/C[1]");
}

TEST_CASE("text is decoded by its byte order mark") {
  CHECK(support::decode("\xEF\xBB\xBF"
                        "CHILD",
                        "f")
            .utf8 == "CHILD");
  CHECK(support::decode("\xEF\xBB\xBF"
                        "CHILD",
                        "f")
            .encoding == support::Encoding::utf8_bom);
  CHECK(support::decode("CHILD", "f").encoding == support::Encoding::utf8);
  // "Aé" in UTF-16 LE and BE: é is U+00E9, two bytes in UTF-8.
  CHECK(support::decode(std::string("\xFF\xFE"
                                    "A\0\xE9\0",
                                    6),
                        "f")
            .utf8 == "A\xC3\xA9");
  CHECK(support::decode(std::string("\xFE\xFF\0A\0\xE9", 6), "f").utf8 == "A\xC3\xA9");
  // A character outside the basic plane (U+1F600) is a surrogate pair: four bytes in UTF-8.
  CHECK(support::decode(std::string("\xFF\xFE\x3D\xD8\x00\xDE", 6), "f").utf8 == "\xF0\x9F\x98\x80");
  CHECK(error_message([] {
          support::decode(std::string("\xFF\xFE"
                                      "A",
                                      3),
                          "odd.csv");
        }).find("odd.csv") != std::string::npos);
}

TEST_CASE("text that is not UTF-8 is an Error naming the file and the first bad byte") {
  // A file saved in Windows-1252: the pound sign is the single byte A3 on line 2, column 6.
  CHECK(error_message([] {
          support::decode(
              "a,b\nN1 1,\xA3"
              "5,\xE9\n",
              "cp1252.csv");
        }) ==
        "cp1252.csv: the file is not UTF-8 text: byte 0xA3 at line 2, column 6 is not part of a UTF-8 character (2 "
        "such bytes in the file); save it as UTF-8 or UTF-16");
  // After a byte order mark too; a truncated character at the end; an overlong form (C0 AF); a
  // UTF-16 surrogate written as UTF-8 (ED A0 80).
  CHECK(error_message([] {
          support::decode(
              "\xEF\xBB\xBF"
              "ab\xC3",
              "f");
        }).find("byte 0xC3 at line 1, column 3") != std::string::npos);
  CHECK(support::detail::invalid_utf8("\xC0\xAF").second == 2);
  CHECK(support::detail::invalid_utf8("x\xED\xA0\x80").first == 1);
  // Well-formed characters of two, three and four bytes pass, however long the ASCII around them.
  CHECK(support::detail::invalid_utf8(std::string(13, 'a') + "\xC2\xA3 \xE2\x82\xAC \xF0\x9F\x98\x80" +
                                      std::string(9, 'z'))
            .second == 0);
}

TEST_CASE("values are normalised: codes trimmed and upper-cased, both date forms") {
  std::string problem;
  CHECK(support::ValueReader::date("27/09/2019", problem) == support::detail::quick_day("2019-09-27"));
  CHECK(support::ValueReader::date(" 2019-09-27 ", problem) == support::detail::quick_day("2019-09-27"));
  CHECK(support::ValueReader::date("7/9/2019", problem) == support::detail::quick_day("2019-09-07"));
  CHECK(!support::ValueReader::date("31/02/2019", problem));
  CHECK(problem == "'31/02/2019' is not a valid date: February 2019 has 28 days");
  CHECK(!support::ValueReader::date("soon", problem));
  // The message lists every form the reader accepts.
  CHECK(problem ==
        "'soon' is not a date in an accepted form (dd/mm/YYYY or d/m/YYYY (mm/dd/YYYY or m/d/YYYY when read month "
        "first), or YYYY-MM-DD, each optionally followed by a time of day (HH:MM or HH:MM:SS, after a space or a T))");
  CHECK(support::ValueReader::flag(" true ", problem) == std::int8_t{1});
  CHECK(support::ValueReader::flag("0", problem) == std::int8_t{0});
  CHECK(!support::ValueReader::flag("maybe", problem));
  std::string scratch;
  CHECK(support::detail::normalise_code("  pn1 ", scratch) == "PN1");
}

TEST_CASE("CSV tables are identified by their columns, not their file names") {
  const fs::path dir = scratch("identify");
  write(dir / "a.csv",
        "child,decom,rne,ls,cin,place,place_provider,dec,rec,reason_place_change,home_post,pl_post,urn\n");
  write(dir / "b.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n");
  write(dir / "c.csv", "CHILD,SEX,DOB\n1,1,01/01/2010\n2,2,01/01/2011\n");  // only shared columns
  const auto loaded = ssda903::load({dir});
  const Dataset& d = loaded.data;
  CHECK(d.table("episodes").size() == 0);  // empty tables with headers load
  CHECK(d.table("reviews").size() == 0);
  CHECK(d.count("(unidentified)").read == 2);
  CHECK(d.count("(unidentified)").rejected == 2);
  bool reported = false;
  for (const auto& f : d.findings)
    reported =
        reported || (f.file == (dir / "c.csv").string() && f.problem.find("cannot be identified") != std::string::npos);
  CHECK(reported);
}

TEST_CASE("bad SSDA903 rows are reported with file, row and column") {
  const fs::path dir = scratch("bad903");
  // Row 2 is good; row 3 has an impossible date (a key column: rejected); row 4 is ragged; row 5
  // has an unknown code (blanked, row kept); row 6 lacks the child's id (rejected).
  write(dir / "episodes.csv",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"
        " c1 ,01/04/2018,s,c2,N1,U1,PR1,,,,,,\r\n"
        "C2,31/02/2019,S,C2,N1,U1,PR1,,,,,,\r\n"
        "C3,01/04/2018,S,C2\r\n"
        "C4,01/04/2018,Q,C2,N1,U1,PR1,,,,,,\r\n"
        ",01/04/2018,S,C2,N1,U1,PR1,,,,,,\r\n");
  // A review before the child's birth (row 3) is rejected; row 2 is fine.
  write(dir / "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/01/2010,01/06/2018,pn1\nC1,01/01/2010,01/06/2009,PN1\n");
  // The missing episodes table without MIS_START, a column it needs: every row reported.
  write(dir / "missing.csv", "CHILD,DOB,MISSING,MIS_END\nC1,01/01/2010,M,02/06/2018\n");
  const auto loaded = ssda903::load({dir});
  const Dataset& d = loaded.data;
  const std::string episodes = (dir / "episodes.csv").string();
  const Table& e = d.table("episodes");
  REQUIRE(e.size() == 2);
  CHECK(text_at(e, "CHILD", 0) == "C1");  // trimmed and upper-cased
  CHECK(text_at(e, "RNE", 0) == "S");
  CHECK(text_at(e, "LS", 0) == "C2");
  CHECK(text_at(e, "CHILD", 1) == "C4");
  CHECK(e.column("RNE").is_missing(1));
  CHECK(has_finding(d, "episodes", 3, "DECOM", "February 2019 has 28 days", FindingAction::rejected));
  CHECK(has_finding(d, "episodes", 4, "", "ragged row", FindingAction::rejected));
  CHECK(has_finding(d, "episodes", 5, "RNE", "'Q' is not a known RNE code", FindingAction::blanked));
  CHECK(has_finding(d, "episodes", 6, "CHILD", "is needed to use the row", FindingAction::rejected));
  // read 5 = used 2 + rejected 3.
  CHECK(d.count("episodes").read == 5);
  CHECK(d.count("episodes").used == 2);
  CHECK(d.count("episodes").rejected == 3);
  CHECK(d.table("reviews").size() == 1);
  CHECK(has_finding(d, "reviews", 3, "REVIEW", "before DOB", FindingAction::rejected));
  CHECK(d.count("missing").read == 1);
  CHECK(d.count("missing").rejected == 1);
  bool missing_column = false;
  for (const auto& f : d.findings) missing_column = missing_column || (f.table == "missing" && f.column == "MIS_START");
  CHECK(missing_column);
  for (const auto& f : d.findings)
    if (f.table == "episodes") CHECK(f.file == episodes);
}

TEST_CASE("UTF-16 and UTF-8 with a byte order mark read the same as plain UTF-8") {
  const std::string csv = "CHILD,DOB,REVIEW,REVIEW_CODE\r\nC1,01/01/2010,01/06/2018,PN1\r\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char c : csv) {
    le += c, le += '\0';
    be += '\0', be += c;
  }
  // UTF-16 without its byte order mark is recognised by the NUL byte beside the first character.
  for (const std::string& bytes : {csv, "\xEF\xBB\xBF" + csv, le, be, le.substr(2), be.substr(2)}) {
    const fs::path dir = scratch("encodings");
    write(dir / "reviews.csv", bytes);
    const auto loaded = ssda903::load({dir});
    const Table& r = loaded.data.table("reviews");
    REQUIRE(r.size() == 1);
    CHECK(text_at(r, "REVIEW_CODE", 0) == "PN1");
    CHECK(r.column("REVIEW").numbers[0] == support::detail::quick_day("2018-06-01"));
  }
}

TEST_CASE("a CSV file's table is foreseen from its first line only when that line tells it plainly") {
  // The guess sizes a load's columns (ssda903::detail::Sizes); the table itself is always told by
  // reading the file, so a file it cannot tell is read as any other (the test above).
  const fs::path dir = scratch("first_line");
  const std::string csv = "CHILD,DOB,REVIEW,REVIEW_CODE\r\nC1,01/01/2010,01/06/2018,PN1\r\n";
  const auto guess = [&](const std::string& bytes) -> std::string {
    write(dir / "file.csv", bytes);
    const TableSpec* t = ssda903::detail::table_by_first_line(dir / "file.csv");
    return t ? std::string(t->name) : "none";
  };
  CHECK(guess(csv) == "reviews");
  CHECK(guess("\xEF\xBB\xBF" + csv) == "reviews");
  CHECK(guess(" child , decom ,rne\n") == "episodes");  // normalised as the reader does
  // UTF-16 (a NUL byte), no line break in the first 4 KB, a quote (left to the reader), no table.
  CHECK(guess(std::string("\xFF\xFE", 2) + std::string("C\0H\0\n\0", 6)) == "none");
  CHECK(guess("CHILD,DOB,REVIEW,REVIEW_CODE") == "none");
  CHECK(guess("CHILD,DOB,REVIEW," + std::string(5000, 'X') + "\n") == "none");
  CHECK(guess("\"CHILD\",DOB,REVIEW\nC1,,\n") == "none");
  CHECK(guess("A,B,C\n1,2,3\n") == "none");
  CHECK(guess("") == "none");
  CHECK(ssda903::detail::table_by_first_line(dir / "none.csv") == nullptr);
}

TEST_CASE("several years are stitched: duplicates merged, open episodes closed by the next return") {
  const fs::path dir = scratch("stitch");
  const std::string head =
      "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
  // 2019 return: C1's episode from 10/10/2018 is open at 31 March 2019; C2's episode is open too.
  write(dir / "2019" / "episodes.csv",
        head + "C1,10/10/2018,S,C2,N1,U1,PR1,,,,,,\nC2,01/01/2019,S,C2,N1,U1,PR1,,,,,,\n");
  // 2020 return: C1's episode again, now closed (a duplicate: merged into this row); C2's next
  // episode starts 01/05/2019, but its open episode is missing from this return.
  write(dir / "2019-20" / "episodes.csv",
        head + "C1,10/10/2018,S,C2,N1,U1,PR1,01/06/2019,E4A,,,,\nC2,01/05/2019,P,C2,N1,U2,PR1,,,,,,\n");
  const auto loaded = ssda903::load({dir});
  REQUIRE(loaded.returns.size() == 2);
  CHECK(loaded.returns[0].year == 2019);
  CHECK(loaded.returns[1].year == 2020);
  const Dataset& d = loaded.data;
  const Table& e = d.table("episodes");
  // read 4 = used 3 + merged 1.
  CHECK(d.count("episodes").read == 4);
  CHECK(d.count("episodes").merged == 1);
  REQUIRE(e.size() == 3);
  // C1: one episode, the 2020 values (DEC 01/06/2019, REC E4A).
  CHECK(text_at(e, "CHILD", 0) == "C1");
  CHECK(e.column("DEC").numbers[0] == support::detail::quick_day("2019-06-01"));
  CHECK(text_at(e, "REC", 0) == "E4A");
  // C2: the 2019 episode is closed where the 2020 one begins, with REC X1.
  CHECK(text_at(e, "CHILD", 1) == "C2");
  CHECK(e.column("DEC").numbers[1] == support::detail::quick_day("2019-05-01"));
  CHECK(text_at(e, "REC", 1) == "X1");
  int merged = 0, amended = 0;
  for (const auto& f : d.findings) {
    merged += f.action == FindingAction::merged ? 1 : 0;
    amended += f.action == FindingAction::amended ? 1 : 0;
  }
  CHECK(merged == 1);
  // The merged row, 2019's row 2 (C1's episode), names the row it went into: 2019-20's row 2.
  for (const auto& f : d.findings) {
    if (f.action != FindingAction::merged) continue;
    CHECK(f.row == 2);
    CHECK(f.count == 1);
    CHECK(f.rows.empty());
    CHECK(f.kept_file == (dir / "2019-20" / "episodes.csv").string());
    CHECK(f.kept_rows == std::vector<RowRange>{{2, 2}});
  }
  CHECK(amended == 1);
}

TEST_CASE("identical merged rows are one finding with their count and row ranges") {
  const fs::path dir = scratch("stitch_grouped");
  const std::string head =
      "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
  const std::string open = ",S,C2,N1,U1,PR1,,,,,,\n";
  // 2019 return (rows 2-9): C1..C5's episodes, open; C5's twice (rows 6, 7); C6's twice (rows 8, 9).
  write(dir / "2019" / "episodes.csv", head + "C1,01/04/2018" + open + "C2,01/05/2018" + open + "C3,01/06/2018" + open +
                                           "C4,01/07/2018" + open + "C5,01/08/2018" + open + "C5,01/08/2018" + open +
                                           "C6,01/09/2018" + open + "C6,01/09/2018" + open);
  // 2020 return (rows 2-6): C1, C2, C4, C5 the same; C3's closed 01/06/2019 (E4A). C6 not there.
  write(dir / "2020" / "episodes.csv", head + "C1,01/04/2018" + open + "C2,01/05/2018" + open +
                                           "C3,01/06/2018,S,C2,N1,U1,PR1,01/06/2019,E4A,,,,\n" + "C4,01/07/2018" +
                                           open + "C5,01/08/2018" + open);
  const auto loaded = ssda903::load({dir});
  const Dataset& d = loaded.data;
  // read 8 + 5 = 13 = used 6 (C1..C6) + merged 7 (2019's rows 2-8).
  CHECK(d.count("episodes").read == 13);
  CHECK(d.count("episodes").used == 6);
  CHECK(d.count("episodes").merged == 7);
  std::vector<const ReturnFinding*> merged;
  for (const auto& f : d.findings)
    if (f.action == FindingAction::merged) merged.push_back(&f);
  REQUIRE(merged.size() == 3);
  const std::string y2019 = (dir / "2019" / "episodes.csv").string(), y2020 = (dir / "2020" / "episodes.csv").string();
  // 2019's rows 2, 3, 5, 6, 7 are identical to 2020's rows of the same child and DECOM (C5's two
  // rows both merge into 2020's row 6): one finding for 5 rows, in the ranges 2-3 and 5-7.
  const ReturnFinding& same = *merged[0];
  CHECK(same.file == y2019);
  CHECK(same.count == 5);
  CHECK(same.rows == std::vector<RowRange>{{2, 3}, {5, 7}});
  // Each merged row names the row it went into: 2019's rows 2, 3, 5, 6, 7 (C1, C2, C4, C5, C5)
  // into 2020's rows 2, 3, 5, 6, 6 (C1, C2, C4, C5 and C5 again).
  CHECK(same.kept_file == y2020);
  CHECK(same.kept_rows == std::vector<RowRange>{{2, 3}, {5, 6}, {6, 6}});
  CHECK(same.row == 2);
  CHECK(same.child.empty());
  CHECK(same.column == "DECOM");
  CHECK(same.where == "rows 2-3, 5-7, column DECOM");
  CHECK(same.problem ==
        "also in " + y2020 +
            " (the same child's row with the same DECOM), the 2020 return, whose row is kept (identical)");
  CHECK(same.str() == y2019 + ": rows 2-3, 5-7, column DECOM: " + same.problem + " (5 rows: row merged)");
  // C3's row 4 differs from 2020's row 4: a finding of its own, naming both rows, as before.
  CHECK(merged[1]->count == 1);
  CHECK(merged[1]->rows.empty());
  CHECK(merged[1]->row == 4);
  CHECK(merged[1]->kept_file == y2020);
  CHECK(merged[1]->kept_rows == std::vector<RowRange>{{4, 4}});
  CHECK(merged[1]->child == "C3");
  CHECK(merged[1]->problem ==
        "also in " + y2020 + " (row 4), the 2020 return, whose row is kept (differs in DEC, REC)");
  // C6's row 8 duplicates row 9 of the same file.
  CHECK(merged[2]->count == 1);
  CHECK(merged[2]->row == 8);
  CHECK(merged[2]->kept_file == y2019);
  CHECK(merged[2]->kept_rows == std::vector<RowRange>{{9, 9}});
  CHECK(merged[2]->problem == "duplicate of row 9 in the same file, whose row is kept (identical)");
  // Every merged row is accounted for: the findings' counts add up to the rows merged.
  CHECK(same.count + merged[1]->count + merged[2]->count == d.count("episodes").merged);
}

TEST_CASE("row ranges as text: at most three, then how many more") {
  using ssda903::detail::ranges_text;
  CHECK(ranges_text({{2, 3}, {5, 7}, {9, 9}, {12, 20}}, false) == "rows 2-3, 5-7, 9 and 1 more range");
  CHECK(ranges_text({{2, 3}, {5, 7}, {9, 9}, {12, 20}, {22, 22}}, false) == "rows 2-3, 5-7, 9 and 2 more ranges");
  CHECK(ranges_text({{4, 4}}, true) == "lines 4");
}

TEST_CASE("years in file and folder names") {
  CHECK(ssda903::detail::year_in_name("SSDA903_2019") == 2019);
  CHECK(ssda903::detail::year_in_name("903 2018-19") == 2019);
  CHECK(ssda903::detail::year_in_name("episodes_201819.csv") == 2019);
  CHECK(ssda903::detail::year_in_name("episodes.csv") == 0);
  CHECK(ssda903::detail::year_in_name("urn12345") == 0);
}

TEST_CASE("the SSDA903 XML form gives the same tables") {
  const fs::path dir = scratch("xml903");
  write(dir / "903.xml",
        "<?xml version='1.0'?>\n<EXPSSDA903>\n<CHILD><HEADER><CHILDID>c1</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB>"
        "<AREVIEW><REVIEW>01/06/2018</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>"
        "<AREVIEW><REVIEW>01/06/2009</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW><SURPRISE>1</SURPRISE></HEADER>\n"
        "<EPISODE><DECOM>01/04/2018</DECOM><RNE>S</RNE><LS>C2</LS><PL>U1</PL></EPISODE></CHILD>\n</EXPSSDA903>\n");
  const auto loaded = ssda903::load({dir / "903.xml"});
  const Dataset& d = loaded.data;
  CHECK(d.table("header").size() == 1);
  REQUIRE(d.table("episodes").size() == 1);
  CHECK(text_at(d.table("episodes"), "PLACE", 0) == "U1");
  CHECK(text_at(d.table("episodes"), "CHILD", 0) == "C1");
  CHECK(d.table("reviews").size() == 1);  // the review dated before birth is rejected
  bool unknown = false;
  for (const auto& f : d.findings)
    unknown = unknown || (f.where == "/EXPSSDA903/CHILD[1]/HEADER/SURPRISE" && f.action == FindingAction::ignored);
  CHECK(unknown);
}

TEST_CASE("an SSDA903 XML row merged into another names the kept element's line as its kept row") {
  const fs::path dir = scratch("xml903_merged");
  // c1's episode from 01/04/2018 twice, on lines 4 and 5 (line 1 the declaration, 2 the root, 3 the
  // header): the last in file order, line 5, is kept; line 4 merges into it.
  write(dir / "903.xml",
        "<?xml version='1.0'?>\n<EXPSSDA903>\n<CHILD><HEADER><CHILDID>c1</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB>"
        "</HEADER>\n"
        "<EPISODE><DECOM>01/04/2018</DECOM><RNE>S</RNE><LS>C2</LS><PL>U1</PL></EPISODE>\n"
        "<EPISODE><DECOM>01/04/2018</DECOM><RNE>S</RNE><LS>C2</LS><PL>U1</PL></EPISODE></CHILD>\n</EXPSSDA903>\n");
  const auto loaded = ssda903::load({dir / "903.xml"});
  const Dataset& d = loaded.data;
  CHECK(d.count("episodes").merged == 1);
  std::vector<const ReturnFinding*> merged;
  for (const auto& f : d.findings)
    if (f.action == FindingAction::merged) merged.push_back(&f);
  REQUIRE(merged.size() == 1);
  const std::string file = (dir / "903.xml").string();
  CHECK(merged[0]->where == "/EXPSSDA903/CHILD[1]/EPISODE[1]/DECOM");
  CHECK(merged[0]->row == 4);
  CHECK(merged[0]->problem ==
        "duplicate of /EXPSSDA903/CHILD[1]/EPISODE[2] in the same file, whose row is kept "
        "(identical)");
  CHECK(merged[0]->kept_file == file);
  CHECK(merged[0]->kept_rows == std::vector<RowRange>{{5, 5}});
}

TEST_CASE("an XML element read once but given twice is reported, not dropped silently") {
  const fs::path dir = scratch("repeated");
  write(dir / "903.xml",
        "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID><DOB>01/01/2010</DOB><DOB>02/02/2011</DOB></HEADER>\n"
        "<HEADER><CHILDID>2</CHILDID></HEADER>\n"
        "<EPISODE><DECOM>01/01/2018</DECOM><DECOM>01/02/2018</DECOM></EPISODE><EPISODE><DECOM>01/03/2018</DECOM>"
        "</EPISODE></CHILD></EXPSSDA903>\n");
  const auto loaded = ssda903::load({dir / "903.xml"});
  // The first DOB, HEADER and DECOM are read; each second one is a finding at its line, with its
  // text as the value (none for the HEADER, which holds elements). The second EPISODE is a row of
  // its own, not a repeat.
  std::vector<std::string> where;
  for (const auto& f : loaded.data.findings)
    if (f.action == FindingAction::ignored) where.push_back(f.where + " = " + f.value + " @" + std::to_string(f.row));
  CHECK(where == std::vector<std::string>{"/EXPSSDA903/CHILD[1]/HEADER[2] =  @2",
                                          "/EXPSSDA903/CHILD[1]/HEADER/DOB[2] = 02/02/2011 @1",
                                          "/EXPSSDA903/CHILD[1]/EPISODE[1]/DECOM[2] = 01/02/2018 @3"});
  CHECK(loaded.data.table("episodes").size() == 2);

  write(dir / "cin.xml",
        "<Message><Children><Child><ChildIdentifiers><LAchildID>A</LAchildID><LAchildID>B</LAchildID>"
        "</ChildIdentifiers><CINdetails><CINreferralDate>2018-01-01</CINreferralDate>"
        "<CINreferralDate>2018-02-01</CINreferralDate></CINdetails><CINdetails><CINreferralDate>2018-03-01"
        "</CINreferralDate></CINdetails></Child></Children></Message>");
  const auto census = cin_census::load(dir / "cin.xml");
  where.clear();
  for (const auto& f : census.data.findings)
    if (f.action == FindingAction::ignored) where.push_back(f.where + " = " + f.value);
  CHECK(where == std::vector<std::string>{"/Message/Children/Child[1]/ChildIdentifiers/LAchildID[2] = B",
                                          "/Message/Children/Child[1]/CINdetails[1]/CINreferralDate[2] = 2018-02-01"});
  CHECK(census.data.table("cin_details").size() == 2);
}

TEST_CASE("a truncated XML file is an Error naming the file and position") {
  const fs::path dir = scratch("truncated");
  write(dir / "903.xml", "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID>\n");
  const std::string message = error_message([&] { ssda903::load({dir / "903.xml"}); });
  CHECK(message.find((dir / "903.xml").string()) != std::string::npos);
  CHECK(message.find("not complete") != std::string::npos);
  CHECK(message.find("line ") != std::string::npos);
  write(dir / "cin.xml", "<Message><Children><Child>");
  CHECK(error_message([&] { cin_census::load(dir / "cin.xml"); }).find("cin.xml") != std::string::npos);
}

TEST_CASE("the CIN census: nested elements become linked tables") {
  const fs::path dir = scratch("cin");
  write(dir / "cin.xml", R"(<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2019</Year>
<ReferenceDate>2019-03-31</ReferenceDate></CollectionDetails></Header><Children>
<Child><ChildIdentifiers><LAchildID>a1</LAchildID><PersonBirthDate>2010-01-01</PersonBirthDate></ChildIdentifiers>
<CINdetails><CINreferralDate>2018-05-01</CINreferralDate><ReferralSource>1a</ReferralSource><ReferralNFA>false</ReferralNFA>
<Assessments><AssessmentActualStartDate>2018-05-02</AssessmentActualStartDate>
<FactorsIdentifiedAtAssessment><AssessmentFactors>2A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>
<ChildProtectionPlans><CPPstartDate>2018-06-01</CPPstartDate><Reviews><CPPreviewDate>2018-09-01</CPPreviewDate>
<CPPreviewDate>2019-02-30</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails>
<CINdetails><CINreferralDate>not a date</CINreferralDate><Section47><S47ActualStartDate>2018-07-01</S47ActualStartDate></Section47></CINdetails>
</Child></Children></Message>)");
  const auto census = cin_census::load(dir / "cin.xml");
  const Dataset& d = census.data;
  CHECK(census.collection == "CIN");
  CHECK(census.reference_date == support::detail::quick_day("2019-03-31"));
  REQUIRE(d.table("cin_details").size() == 1);
  CHECK(text_at(d.table("cin_details"), "ReferralSource", 0) == "1A");
  CHECK(d.table("cin_details").column("ReferralNFA").flags[0] == 0);
  CHECK(d.table("assessments").size() == 1);
  CHECK(d.table("assessment_factors").size() == 1);
  CHECK(d.table("cp_reviews").size() == 1);  // 2019-02-30 rejected
  CHECK(d.count("cp_reviews").rejected == 1);
  // The second CINdetails has an unreadable referral date: it and its Section47 are rejected.
  CHECK(d.count("cin_details").rejected == 1);
  CHECK(d.count("section47").rejected == 1);
  bool path = false;
  for (const auto& f : d.findings) path = path || f.where == "/Message/Children/Child[1]/CINdetails[2]/CINreferralDate";
  CHECK(path);
}

TEST_CASE("a dd/mm/YYYY date with a trailing time of day is read like an ISO date-time") {
  std::string problem;
  const auto day = support::detail::quick_day("2018-01-01");
  // Excel exports dates as "01/01/2018 00:00"; ISO date-times have long been read by their date.
  CHECK(support::ValueReader::date("01/01/2018 00:00", problem) == day);
  CHECK(support::ValueReader::date("01/01/2018 00:00:00", problem) == day);
  CHECK(support::ValueReader::date("1/1/2018 13:45", problem) == day);
  CHECK(support::ValueReader::date("2018-01-01T00:00:00", problem) == day);
  CHECK(support::ValueReader::date("2018-01-01T10:12:28Z", problem) == day);
  CHECK(support::ValueReader::date("2018-01-01 10:12:28.5+01:00", problem) == day);
  // The time is checked: it must be a time of day, and the date part still a valid date.
  CHECK(!support::ValueReader::date("01/01/2018 25:00", problem));
  CHECK(problem.find("'01/01/2018 25:00' is not a date in an accepted form (") == 0);
  CHECK(!support::ValueReader::date("2018-01-01Tnoon", problem));
  CHECK(!support::ValueReader::date("31/02/2019 00:00", problem));
  CHECK(problem == "'31/02/2019' is not a valid date: February 2019 has 28 days");

  const fs::path dir = scratch("excel_dates");
  write(dir / "episodes.csv",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "A,01/01/2018 00:00,S,C2,N1,U1,PR1,01/06/2018 00:00:00,E4A,,,,\n");
  const auto loaded = ssda903::load({dir});
  const Table& episodes = loaded.data.table("episodes");
  REQUIRE(episodes.size() == 1);
  CHECK(episodes.column("DECOM").numbers[0] == day);
  CHECK(episodes.column("DEC").numbers[0] == support::detail::quick_day("2018-06-01"));
  CHECK(loaded.data.findings.empty());
}

TEST_CASE("a LAchildID given to two Child elements is reported, naming both") {
  const fs::path dir = scratch("cin_twice");
  write(dir / "cin.xml",
        "<Message><Children>\n<Child><ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers>"
        "<CINdetails><CINreferralDate>2018-01-01</CINreferralDate></CINdetails></Child>\n"
        "<Child><ChildIdentifiers><LAchildID>K2</LAchildID></ChildIdentifiers></Child>\n"
        "<Child><ChildIdentifiers><LAchildID> k1 </LAchildID></ChildIdentifiers>"
        "<CINdetails><CINreferralDate>2018-06-01</CINreferralDate></CINdetails></Child>\n</Children></Message>\n");
  const auto census = cin_census::load(dir / "cin.xml");
  // Child[3]'s id, trimmed and upper-cased, is Child[1]'s: reported at Child[3] (line 4) naming Child[1]'s
  // element path, both kept.
  std::vector<std::string> repeated;
  for (const auto& f : census.data.findings)
    if (f.column == "LAchildID") repeated.push_back(f.where + " @" + std::to_string(f.row) + ": " + f.problem);
  REQUIRE(repeated.size() == 1);
  CHECK(repeated[0].find("/Message/Children/Child[3]/ChildIdentifiers/LAchildID @4: LAchildID 'K1' was already "
                         "given to /Message/Children/Child[1]: ") == 0);
  CHECK(census.data.table("children").size() == 3);
  CHECK(census.data.table("cin_details").size() == 2);
}

TEST_CASE("review dates are checked against the DOB of the latest return, whatever the order of loading") {
  const fs::path dir = scratch("dob_latest");
  // The 2019 return has the DOB wrong (2015); the 2020 return corrects it (2010). The review of
  // 2012 has no DOB of its own: it is after the corrected DOB, so it is kept.
  write(dir / "y2020" / "header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/2010,WBRI,,,\n");
  write(dir / "y2020" / "reviews.csv", "CHILD,REVIEW,REVIEW_CODE\nA,01/06/2012,PN1\n");
  write(dir / "y2019" / "header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/2015,WBRI,,,\n");
  // Newest first: a reader keeping the last header row it read would take 2015.
  const auto loaded = ssda903::load(
      std::vector<ssda903::Return>{{2020, "given", {dir / "y2020" / "header.csv", dir / "y2020" / "reviews.csv"}, {}},
                                   {2019, "given", {dir / "y2019" / "header.csv"}, {}}});
  CHECK(loaded.data.table("reviews").size() == 1);
  for (const auto& f : loaded.data.findings) CHECK(f.problem.find("before the child's DOB") == std::string::npos);
  // Had the 2015 DOB been the latest, the review would be rejected.
  const auto reversed = ssda903::load(
      std::vector<ssda903::Return>{{2019, "given", {dir / "y2020" / "header.csv", dir / "y2020" / "reviews.csv"}, {}},
                                   {2020, "given", {dir / "y2019" / "header.csv"}, {}}});
  CHECK(reversed.data.table("reviews").size() == 0);
}

TEST_CASE("the children's ids are one dictionary of child ids; a UPN or a social worker's id has its own") {
  const fs::path dir = scratch("id_dictionaries");
  // Two returns read by the two threads: the children's ids of both are one dictionary, every table's.
  write(dir / "y2019" / "header.csv",
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/2010,WBRI,U1,,\nB,2,01/01/2011,WBRI,U2,,\n");
  write(dir / "y2019" / "sw_episodes.csv", "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nA,W1,01/05/2018,,\n");
  write(dir / "y2020" / "header.csv",
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC,1,01/01/2012,WBRI,U3,,\nA,1,01/01/2010,WBRI,U1,,\n");
  write(dir / "y2020" / "reviews.csv", "CHILD,REVIEW,REVIEW_CODE\nB,01/06/2019,PN1\n");
  const auto loaded = ssda903::load(std::vector<ssda903::Return>{
      {2019, "given", {dir / "y2019" / "header.csv", dir / "y2019" / "sw_episodes.csv"}, {}},
      {2020, "given", {dir / "y2020" / "header.csv", dir / "y2020" / "reviews.csv"}, {}}});
  const Table& header = loaded.data.table("header");
  const auto& children = header.column("CHILD").dictionary;
  CHECK(children->values() == std::vector<std::string>{"A", "B", "C"});
  CHECK(loaded.data.table("reviews").column("CHILD").dictionary == children);
  CHECK(loaded.data.table("sw_episodes").column("CHILD").dictionary == children);
  CHECK(header.column("UPN").dictionary->values() == std::vector<std::string>{"U1", "U2", "U3"});
  CHECK(loaded.data.table("sw_episodes").column("SW_ID").dictionary->values() == std::vector<std::string>{"W1"});
  REQUIRE(header.size() == 3);
  CHECK(text_at(header, "UPN", 2) == "U3");
  // The CIN census likewise: LAchildID's dictionary holds the children, UPN and FormerUPN their own.
  write(dir / "cin.xml",
        "<Message><Children>\n"
        "<Child><ChildIdentifiers><LAchildID>K1</LAchildID><UPN>A123456789012</UPN>"
        "<FormerUPN>B123456789012</FormerUPN></ChildIdentifiers></Child>\n"
        "<Child><ChildIdentifiers><LAchildID>K2</LAchildID></ChildIdentifiers></Child>\n</Children></Message>\n");
  const auto census = cin_census::load(dir / "cin.xml");
  const Table& ids = census.data.table("children");
  CHECK(ids.column("LAchildID").dictionary->values() == std::vector<std::string>{"K1", "K2"});
  CHECK(ids.column("UPN").dictionary->values() == std::vector<std::string>{"A123456789012"});
  CHECK(ids.column("FormerUPN").dictionary->values() == std::vector<std::string>{"B123456789012"});
}

TEST_CASE("an XML UASC of 0, false or N makes no uasc row; an unreadable one is reported") {
  const fs::path dir = scratch("uasc");
  std::string xml = "<EXPSSDA903>\n";
  const char* values[] = {"1", "true", "Y", "0", "false", "N", "", "perhaps"};
  for (int i = 0; i < 8; ++i)
    xml +=
        "<CHILD><HEADER><CHILDID>C" + std::to_string(i) + "</CHILDID><UASC>" + values[i] + "</UASC></HEADER></CHILD>\n";
  write(dir / "903.xml", xml + "</EXPSSDA903>\n");
  const auto loaded = ssda903::load({dir / "903.xml"});
  const Table& uasc = loaded.data.table("uasc");
  REQUIRE(uasc.size() == 3);  // C0, C1, C2
  CHECK(text_at(uasc, "CHILD", 2) == "C2");
  CHECK(has_finding(loaded.data, "uasc", 9, "UASC", "'perhaps' is not a yes/no value", FindingAction::blanked));
}
