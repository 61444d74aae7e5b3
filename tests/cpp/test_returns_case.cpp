// Element names that differ from the specification's only in case (<childidentifiers> for
// <ChildIdentifiers>) are read as the specification's elements, those that hold other elements
// too: the "is read as" finding is true, what the element holds is read as the correctly named
// element's would be, and a second such element is reported as any repeat of an element read once
// is. Each file is written with the specification's names and then again with one element's (or
// every element's) name in lower case: the two must load to the same tables, and their findings
// differ only by the findings that say a name was read as the specification's.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "load_lines.hpp"
#include "returns/cin_census/reader.hpp"
#include "safeguarding/returns.hpp"
#include "scratch.hpp"
#include "support/values.hpp"

using namespace safeguarding;
using namespace safeguarding::returns;
namespace fs = std::filesystem;

namespace {

const std::string read_as = "> is read as <";

/// Whether `f` says that an element is read as the specification's (a case variant).
bool variant_finding(const ReturnFinding& f) {
  return f.action == FindingAction::kept && f.problem.find(read_as) != std::string::npos;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// `text` with every start and end tag of element `name` (written <name> and </name>) named `as`.
std::string rename(std::string text, const std::string& name, const std::string& as) {
  for (const auto& [from, to] : {std::pair{"<" + name + ">", "<" + as + ">"}, {"</" + name + ">", "</" + as + ">"}})
    for (std::size_t i = text.find(from); i != std::string::npos; i = text.find(from, i + to.size()))
      text.replace(i, from.size(), to);
  return text;
}

/// The lines (from 1) on which `tag` begins in `text`.
std::vector<std::int64_t> lines_of(const std::string& text, const std::string& tag) {
  std::vector<std::int64_t> out;
  for (std::size_t i = text.find(tag); i != std::string::npos; i = text.find(tag, i + 1))
    out.push_back(1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
  return out;
}

/// The findings whose problem holds `part`, as "where @line action".
std::vector<std::string> findings_with(const Dataset& d, const std::string& part) {
  std::vector<std::string> out;
  for (const auto& f : d.findings)
    if (f.problem.find(part) != std::string::npos)
      out.push_back(f.where + " @" + std::to_string(f.row) + " " + std::string(finding_action_name(f.action)));
  return out;
}

/// Every table's rows read are those used, rejected and merged.
void check_row_accounting(const Dataset& d) {
  for (const auto& c : d.counts) {
    INFO(c.table);
    CHECK(c.read == c.used + c.rejected + c.merged);
  }
}

/// The findings `d` has that say element <variant> is read as <name>: their words, rows and
/// places. `wheres` are the expected places (the paths of the elements' parents, then
/// "/variant"), in document order; `lines` the lines the elements begin on.
void check_variant_findings(const Dataset& d, const std::string& name, const std::string& variant,
                            const std::vector<std::string>& wheres, const std::vector<std::int64_t>& lines) {
  std::vector<std::string> got_where;
  std::vector<std::int64_t> got_line;
  for (const auto& f : d.findings)
    if (variant_finding(f)) {
      CHECK(f.problem ==
            "element <" + variant + "> is read as <" + name + ">, the specification's name (they differ only in case)");
      CHECK(f.column == name);
      got_where.push_back(f.where);
      got_line.push_back(f.row);
    }
  CHECK(got_where == wheres);
  CHECK(got_line == lines);
}

/// An element of a return's XML that can be named but for case, with the paths of the parents of
/// each of its elements in the file, in document order.
struct Element {
  std::string name;
  std::vector<std::string> parents;
};

/// The lines (load_lines, but the findings that a case variant is read as an element) and the
/// dataset of a load.
struct Loaded {
  std::vector<std::string> lines;
  Dataset data;
};

/// Per element of `elements`, a section that loads `file` with that element's name in lower case
/// (`load(folder, text)`), then one with every element's: each must give `exact`'s lines, one
/// finding per element named so, at its line and place, and every row accounted for.
template <class Load>
void check_each_variant(const std::string& file, const std::vector<Element>& elements,
                        const std::vector<std::string>& exact, const Load& load) {
  for (const auto& e : elements) {
    SECTION(e.name) {
      const std::string variant = lower(e.name);
      const std::string text = rename(file, e.name, variant);
      const Loaded loaded = load(variant, text);
      // The same tables, values, row numbers and paths, and the same findings but for those that
      // say the lower-case name is read as the specification's.
      CHECK(loaded.lines == exact);
      std::vector<std::string> wheres;
      for (const auto& parent : e.parents) wheres.push_back(parent + "/" + variant);
      check_variant_findings(loaded.data, e.name, variant, wheres, lines_of(text, "<" + variant + ">"));
      check_row_accounting(loaded.data);
    }
  }
  SECTION("every element at once") {
    std::string text = file;
    for (const auto& e : elements) text = rename(text, e.name, lower(e.name));
    const Loaded loaded = load("all", text);
    CHECK(loaded.lines == exact);
    std::size_t variants = 0, expected = 0;
    for (const auto& f : loaded.data.findings) variants += variant_finding(f) ? 1 : 0;
    for (const auto& e : elements) expected += e.parents.size();
    CHECK(variants == expected);
    check_row_accounting(loaded.data);
  }
}

// A CIN census with every element that holds others, each on lines of its own: two Child elements
// with referrals, assessments, factors, plans, reviews, and a third Child without a LAchildID, whose
// rows are rejected.
const std::string cin_file = R"(<Message>
<Header>
<CollectionDetails>
<Collection>CIN</Collection>
<Year>2019</Year>
<ReferenceDate>2019-03-31</ReferenceDate>
</CollectionDetails>
<Source>
<LEA>201</LEA>
</Source>
</Header>
<Children>
<Child>
<ChildIdentifiers>
<LAchildID>K1</LAchildID>
<PersonBirthDate>2012-01-02</PersonBirthDate>
<Sex>F</Sex>
</ChildIdentifiers>
<ChildCharacteristics>
<Ethnicity>WBRI</Ethnicity>
<Disabilities>
<Disability>HAND</Disability>
<Disability>HEAR</Disability>
</Disabilities>
</ChildCharacteristics>
<CINdetails>
<CINreferralDate>2018-05-01</CINreferralDate>
<ReferralSource>1A</ReferralSource>
<PrimaryNeedCode>N4</PrimaryNeedCode>
<CINclosureDate>2019-02-01</CINclosureDate>
<ReasonForClosure>RC1</ReasonForClosure>
<Assessments>
<AssessmentActualStartDate>2018-05-02</AssessmentActualStartDate>
<AssessmentAuthorisationDate>2018-06-01</AssessmentAuthorisationDate>
<FactorsIdentifiedAtAssessment>
<AssessmentFactors>1A</AssessmentFactors>
<AssessmentFactors>2B</AssessmentFactors>
</FactorsIdentifiedAtAssessment>
</Assessments>
<Assessments>
<AssessmentActualStartDate>2018-08-01</AssessmentActualStartDate>
</Assessments>
<CINPlanDates>
<CINPlanStartDate>2018-06-05</CINPlanStartDate>
<CINPlanEndDate>2018-12-01</CINPlanEndDate>
</CINPlanDates>
<Section47>
<S47ActualStartDate>2018-05-03</S47ActualStartDate>
<ICPCnotRequired>0</ICPCnotRequired>
</Section47>
<PreProceedingsandFGDM>
<PPStartDate>2018-07-01</PPStartDate>
</PreProceedingsandFGDM>
<ChildProtectionPlans>
<CPPstartDate>2018-06-10</CPPstartDate>
<CPPendDate>2019-01-10</CPPendDate>
<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
<NumberOfPreviousCPP>0</NumberOfPreviousCPP>
<Reviews>
<CPPreviewDate>2018-09-01</CPPreviewDate>
<CPPreviewDate>2018-12-01</CPPreviewDate>
</Reviews>
</ChildProtectionPlans>
</CINdetails>
<CINdetails>
<CINreferralDate>2019-03-01</CINreferralDate>
</CINdetails>
</Child>
<Child>
<ChildIdentifiers>
<LAchildID>K2</LAchildID>
</ChildIdentifiers>
<ChildCharacteristics>
<Ethnicity>WIRI</Ethnicity>
</ChildCharacteristics>
<CINdetails>
<CINreferralDate>2018-10-01</CINreferralDate>
<ChildProtectionPlans>
<CPPstartDate>2018-11-01</CPPstartDate>
<Reviews>
<CPPreviewDate>2019-01-15</CPPreviewDate>
</Reviews>
</ChildProtectionPlans>
</CINdetails>
</Child>
<Child>
<ChildIdentifiers>
<UPN>A123456789012</UPN>
</ChildIdentifiers>
<CINdetails>
<CINreferralDate>2018-12-01</CINreferralDate>
</CINdetails>
</Child>
</Children>
</Message>
)";

const std::string child1 = "/Message/Children/Child[1]", child2 = "/Message/Children/Child[2]",
                  child3 = "/Message/Children/Child[3]";
const std::string cin11 = child1 + "/CINdetails[1]";
const std::vector<Element> cin_elements = {
    {"Header", {"/Message"}},
    {"CollectionDetails", {"/Message/Header"}},
    {"Children", {"/Message"}},
    {"Child", {"/Message/Children", "/Message/Children", "/Message/Children"}},
    {"ChildIdentifiers", {child1, child2, child3}},
    {"ChildCharacteristics", {child1, child2}},
    {"Disabilities", {child1 + "/ChildCharacteristics"}},
    {"Disability", {child1 + "/ChildCharacteristics/Disabilities", child1 + "/ChildCharacteristics/Disabilities"}},
    {"CINdetails", {child1, child1, child2, child3}},
    {"Assessments", {cin11, cin11}},
    {"FactorsIdentifiedAtAssessment", {cin11 + "/Assessments[1]"}},
    {"AssessmentFactors",
     {cin11 + "/Assessments[1]/FactorsIdentifiedAtAssessment",
      cin11 + "/Assessments[1]/FactorsIdentifiedAtAssessment"}},
    {"CINPlanDates", {cin11}},
    {"Section47", {cin11}},
    {"PreProceedingsandFGDM", {cin11}},
    {"ChildProtectionPlans", {cin11, child2 + "/CINdetails[1]"}},
    {"Reviews", {cin11 + "/ChildProtectionPlans[1]", child2 + "/CINdetails[1]/ChildProtectionPlans[1]"}},
    {"CPPreviewDate",
     {cin11 + "/ChildProtectionPlans[1]/Reviews[1]", cin11 + "/ChildProtectionPlans[1]/Reviews[1]",
      child2 + "/CINdetails[1]/ChildProtectionPlans[1]/Reviews[1]"}},
};

/// The CIN census `text`, written to cin.xml in `dir`, loaded whole, a piece at a time and in two
/// parts: all must agree.
cin_census::CinCensus load_cin(const fs::path& dir, const std::string& text) {
  const fs::path path = dir / "cin.xml";
  write(path, text);
  auto whole = cin_census::detail::load_in_parts(path, {}, 1, 0);
  CHECK(load_lines(cin_census::detail::load_in_parts(path, {}, 2, 1)) == load_lines(whole));
  CHECK(load_lines(cin_census::load(path)) == load_lines(whole));
  return whole;
}

}  // namespace

TEST_CASE("a CIN census element named but for case is read as the specification's, what it holds too") {
  const fs::path dir = scratch("case_variants_cin");
  const auto exact = load_cin(dir / "exact", cin_file);
  // The file as written is read in full: the rows every table should have, none rejected but the
  // third Child's (no LAchildID) and its referral's.
  const Dataset& d = exact.data;
  CHECK(exact.year == "2019");
  CHECK(exact.collection == "CIN");
  CHECK(d.table("children").size() == 2);
  CHECK(d.table("disabilities").size() == 2);
  CHECK(d.table("cin_details").size() == 3);
  CHECK(d.table("assessments").size() == 2);
  CHECK(d.table("assessment_factors").size() == 2);
  CHECK(d.table("cin_plans").size() == 1);
  CHECK(d.table("section47").size() == 1);
  CHECK(d.table("pre_proceedings").size() == 1);
  CHECK(d.table("cp_plans").size() == 2);
  CHECK(d.table("cp_reviews").size() == 3);
  CHECK(d.count("children").rejected == 1);
  CHECK(d.count("cin_details").rejected == 1);
  check_row_accounting(d);
  for (const auto& f : d.findings) CHECK(!variant_finding(f));

  const auto exact_lines = load_lines(exact, variant_finding);
  check_each_variant(cin_file, cin_elements, exact_lines, [&](const std::string& folder, const std::string& text) {
    const auto census = load_cin(dir / folder, text);
    return Loaded{load_lines(census, variant_finding), census.data};
  });
  SECTION("the places of the findings and of the rows") {
    std::string text = cin_file;
    for (const auto& e : cin_elements) text = rename(text, e.name, lower(e.name));
    const auto loaded = load_cin(dir / "places", text);
    // Paths name the elements by the specification's names: the kept findings by the name given.
    CHECK(findings_with(loaded.data, "<cindetails> is read as") ==
          std::vector<std::string>{"/Message/Children/Child[1]/cindetails @26 row kept",
                                   "/Message/Children/Child[1]/cindetails @65 row kept",
                                   "/Message/Children/Child[2]/cindetails @76 row kept",
                                   "/Message/Children/Child[3]/cindetails @90 row kept"});
    REQUIRE(loaded.data.table("cin_details").size() == 3);
    CHECK(std::string(loaded.data.table("cin_details").path[2]) == "/Message/Children/Child[2]/CINdetails[1]");
  }
}

TEST_CASE("a second CIN census element named but for case is reported as a repeat, not read") {
  const fs::path dir = scratch("case_variants_cin_twice");
  const std::string head =
      "<Message><Header><CollectionDetails><Year>2019</Year></CollectionDetails></Header>\n<Children>\n";
  const std::string ids = "<ChildIdentifiers>\n<LAchildID>K1</LAchildID>\n</ChildIdentifiers>\n";
  const std::string other_ids = "<ChildIdentifiers>\n<LAchildID>K9</LAchildID>\n</ChildIdentifiers>\n";
  const std::string details = "<CINdetails>\n<CINreferralDate>2018-05-01</CINreferralDate>\n</CINdetails>\n";
  const std::string tail = "</Children>\n</Message>\n";

  SECTION("two <childidentifiers>: the first is read, the second reported as any repeat is") {
    const std::string text = head + "<Child>\n" + rename(ids, "ChildIdentifiers", "childidentifiers") +
                             rename(other_ids, "ChildIdentifiers", "childidentifiers") + details + "</Child>\n" + tail;
    const auto census = load_cin(dir / "twice", text);
    const Dataset& d = census.data;
    REQUIRE(d.table("children").size() == 1);
    CHECK(d.table("children").column("LAchildID").dictionary->values() == std::vector<std::string>{"K1"});
    CHECK(d.table("cin_details").size() == 1);
    CHECK(findings_with(d, "<childidentifiers>") ==
          std::vector<std::string>{"/Message/Children/Child[1]/childidentifiers @4 row kept",
                                   "/Message/Children/Child[1]/childidentifiers[2] @7 not read"});
    CHECK(findings_with(d, "appears more than once") ==
          std::vector<std::string>{"/Message/Children/Child[1]/childidentifiers[2] @7 not read"});
    for (const auto& f : d.findings)
      if (f.where == "/Message/Children/Child[1]/childidentifiers[2]")
        CHECK(f.problem == "element <childidentifiers> appears more than once here; only the first is read");
    check_row_accounting(d);
    // As the same file with the specification's name, where the second is a repeat too: the same
    // findings, but for the name.
    const auto exact =
        load_cin(dir / "twice_exact", head + "<Child>\n" + ids + other_ids + details + "</Child>\n" + tail);
    auto lines = load_lines(census, variant_finding);
    for (auto& l : lines)
      for (std::size_t i = l.find("childidentifiers"); i != std::string::npos; i = l.find("childidentifiers"))
        l.replace(i, 16, "ChildIdentifiers");
    CHECK(lines == load_lines(exact));
  }
  SECTION("two <children>: the first's Child elements are read, the second reported") {
    const std::string child = "<Child>\n" + ids + details + "</Child>\n";
    const std::string text = rename(head + child + "</Children>\n<Children>\n" + child + tail, "Children", "children");
    const auto census = load_cin(dir / "children_twice", text);
    const Dataset& d = census.data;
    CHECK(d.table("children").size() == 1);
    CHECK(d.table("cin_details").size() == 1);
    CHECK(findings_with(d, "<children>") ==
          std::vector<std::string>{"/Message/children @2 row kept", "/Message/children[2] @12 not read"});
    check_row_accounting(d);
  }
  SECTION("an element named but for case beside the correctly named one is not read") {
    const std::string text = head + "<Child>\n" + ids + rename(other_ids, "ChildIdentifiers", "childidentifiers") +
                             details + "</Child>\n" + tail;
    const auto census = load_cin(dir / "beside", text);
    const Dataset& d = census.data;
    CHECK(d.table("children").column("LAchildID").dictionary->values() == std::vector<std::string>{"K1"});
    CHECK(findings_with(d, "<childidentifiers>") ==
          std::vector<std::string>{"/Message/Children/Child[1]/childidentifiers @7 not read"});
  }
}

TEST_CASE("a CIN census element named but for case: a leaf's finding shows its value, a container's none") {
  // The container's own finding has no value: text inside it, before its first element, is
  // reported on its own (as in the file with the specification's names).
  const fs::path dir = scratch("case_variants_cin_values");
  const std::string text =
      "<Message><Header><CollectionDetails><Year>2019</Year></CollectionDetails></Header>\n<Children>\n<Child>\n"
      "<childidentifiers> stray\n<lachildid>K1</lachildid>\n</childidentifiers>\n"
      "<CINdetails>\n<CINreferralDate>2018-05-01</CINreferralDate>\n</CINdetails>\n</Child>\n</Children>\n</Message>\n";
  const auto census = load_cin(dir / "values", text);
  const Dataset& d = census.data;
  REQUIRE(d.table("children").size() == 1);
  CHECK(d.table("children").column("LAchildID").dictionary->values() == std::vector<std::string>{"K1"});
  std::vector<std::string> seen;  // "where [value] action"
  for (const auto& f : d.findings)
    seen.push_back(f.where + " [" + f.value + "] " + (f.action == FindingAction::kept ? "kept" : "ignored"));
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{"/Message/Children/Child[1]/ChildIdentifiers [stray] ignored",
                                         "/Message/Children/Child[1]/ChildIdentifiers/lachildid [K1] kept",
                                         "/Message/Children/Child[1]/childidentifiers [] kept"});
  check_row_accounting(d);
}

TEST_CASE("a CIN census read a piece at a time finds a Child named but for case beside the run as the whole file") {
  // The <child> after the run of Child elements is left in the frame read on its own, where no
  // <Child> is beside it: it must still be reported as not read, as the whole file's parse does.
  const fs::path dir = scratch("case_variants_cin_pieces");
  std::string text = "<Message><Header><CollectionDetails><Year>2019</Year></CollectionDetails></Header>\n<Children>\n";
  for (int k = 1; k <= 40; ++k)
    text += "<Child><ChildIdentifiers><LAchildID>K" + std::to_string(k) +
            "</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2018-05-01</CINreferralDate></CINdetails>"
            "</Child>\n";
  text += "<child><ChildIdentifiers><LAchildID>K99</LAchildID></ChildIdentifiers></child>\n</Children>\n</Message>\n";
  write(dir / "cin.xml", text);
  const auto whole = cin_census::detail::load_in_parts(dir / "cin.xml", {}, 1, 0);
  CHECK(whole.data.table("children").size() == 40);
  CHECK(findings_with(whole.data, "<child>") == std::vector<std::string>{"/Message/Children/child @43 not read"});
  for (const std::size_t parts : {std::size_t{1}, std::size_t{2}})
    CHECK(load_lines(cin_census::detail::load_in_parts(dir / "cin.xml", {}, parts, 1)) == load_lines(whole));
  CHECK(load_lines(cin_census::load(dir / "cin.xml")) == load_lines(whole));
}

namespace {

// An SSDA903 XML return with every element that holds others, on lines of their own; the first
// HEADER's UASC, IN_TOUCH and DATE_INT are each the only element that makes its uasc, oc3 and ad1 row.
const std::string ssda903_file = R"(<EXPSSDA903>
<CHILD>
<HEADER>
<CHILDID>c1</CHILDID>
<SEX>1</SEX>
<DOB>01/01/2010</DOB>
<ETHNIC>WBRI</ETHNIC>
<UASC>1</UASC>
<AREVIEW>
<REVIEW>01/06/2018</REVIEW>
<REVIEW_CODE>PN1</REVIEW_CODE>
</AREVIEW>
<AREVIEW>
<REVIEW>01/09/2018</REVIEW>
<REVIEW_CODE>PN2</REVIEW_CODE>
</AREVIEW>
<AMISSING>
<MISSING>M</MISSING>
<MIS_START>02/06/2018</MIS_START>
<MIS_END>03/06/2018</MIS_END>
</AMISSING>
<OC2>
<SDQ_SCORE>10</SDQ_SCORE>
<CONVICTED>0</CONVICTED>
</OC2>
<PERMANENCE>
<PREV_PERM>Z1</PREV_PERM>
</PERMANENCE>
<AD_PLACED>
<DATE_PLACED>01/02/2019</DATE_PLACED>
</AD_PLACED>
<IN_TOUCH>YES</IN_TOUCH>
<DATE_INT>01/12/2018</DATE_INT>
</HEADER>
<EPISODE>
<DECOM>01/04/2018</DECOM>
<RNE>S</RNE>
<LS>C2</LS>
<PL>U1</PL>
<DEC>01/10/2018</DEC>
<REC>X1</REC>
</EPISODE>
<EPISODE>
<DECOM>01/10/2018</DECOM>
<RNE>P</RNE>
<LS>C2</LS>
<PL>U2</PL>
</EPISODE>
</CHILD>
<CHILD>
<HEADER>
<CHILDID>c2</CHILDID>
<SEX>2</SEX>
<DOB>01/01/2012</DOB>
<AREVIEW>
<REVIEW>01/07/2018</REVIEW>
<REVIEW_CODE>PN1</REVIEW_CODE>
</AREVIEW>
</HEADER>
<EPISODE>
<DECOM>01/05/2018</DECOM>
<RNE>S</RNE>
<LS>C2</LS>
<PL>U1</PL>
</EPISODE>
</CHILD>
</EXPSSDA903>
)";

const std::vector<Element> ssda903_elements = {
    {"CHILD", {"/EXPSSDA903", "/EXPSSDA903"}},
    {"HEADER", {"/EXPSSDA903/CHILD[1]", "/EXPSSDA903/CHILD[2]"}},
    {"EPISODE", {"/EXPSSDA903/CHILD[1]", "/EXPSSDA903/CHILD[1]", "/EXPSSDA903/CHILD[2]"}},
    {"AREVIEW", {"/EXPSSDA903/CHILD[1]/HEADER", "/EXPSSDA903/CHILD[1]/HEADER", "/EXPSSDA903/CHILD[2]/HEADER"}},
    {"AMISSING", {"/EXPSSDA903/CHILD[1]/HEADER"}},
    {"OC2", {"/EXPSSDA903/CHILD[1]/HEADER"}},
    {"PERMANENCE", {"/EXPSSDA903/CHILD[1]/HEADER"}},
    {"AD_PLACED", {"/EXPSSDA903/CHILD[1]/HEADER"}},
    // Leaves that alone decide whether a row is made (uasc, oc3, ad1).
    {"UASC", {"/EXPSSDA903/CHILD[1]/HEADER"}},
    {"IN_TOUCH", {"/EXPSSDA903/CHILD[1]/HEADER"}},
    {"DATE_INT", {"/EXPSSDA903/CHILD[1]/HEADER"}},
};

ssda903::Ssda903 load_903(const fs::path& path, const std::string& text) {
  write(path, text);
  ReadOptions options;
  options.today = support::detail::quick_day("2020-01-01");
  return ssda903::load(std::vector<fs::path>{path}, options);
}

}  // namespace

TEST_CASE("an SSDA903 XML element named but for case is read as the specification's, what it holds too") {
  const fs::path dir = scratch("case_variants_903");
  // Each file alone in a folder, under the same name.
  const auto exact = load_903(dir / "exact" / "903_2019.xml", ssda903_file);
  const Dataset& d = exact.data;
  CHECK(d.table("header").size() == 2);
  CHECK(d.table("episodes").size() == 3);
  CHECK(d.table("reviews").size() == 3);
  CHECK(d.table("missing").size() == 1);
  CHECK(d.table("oc2").size() == 1);
  CHECK(d.table("previous_permanence").size() == 1);
  CHECK(d.table("placed_for_adoption").size() == 1);
  CHECK(d.table("uasc").size() == 1);
  CHECK(d.table("oc3").size() == 1);
  CHECK(d.table("ad1").size() == 1);
  check_row_accounting(d);
  for (const auto& f : d.findings) CHECK(!variant_finding(f));

  const auto exact_lines = load_lines(d, variant_finding);
  check_each_variant(ssda903_file, ssda903_elements, exact_lines,
                     [&](const std::string& folder, const std::string& text) {
                       const auto loaded = load_903(dir / folder / "903_2019.xml", text);
                       return Loaded{load_lines(loaded.data, variant_finding), loaded.data};
                     });
  SECTION("the places of the rows") {
    std::string text = ssda903_file;
    for (const auto& e : ssda903_elements) text = rename(text, e.name, lower(e.name));
    const auto loaded = load_903(dir / "places" / "903_2019.xml", text);
    // The rows' paths name the elements by the specification's names.
    REQUIRE(loaded.data.table("episodes").size() == 3);
    REQUIRE(loaded.data.table("reviews").size() == 3);
    CHECK(std::string(loaded.data.table("episodes").path[2]) == "/EXPSSDA903/CHILD[2]/EPISODE[1]");
    CHECK(std::string(loaded.data.table("reviews").path[1]) == "/EXPSSDA903/CHILD[1]/HEADER/AREVIEW[2]");
  }
  SECTION("a second <header> is reported as any repeat is, and not read") {
    const std::string text = rename(
        "<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>c1</CHILDID><DOB>01/01/2010</DOB></HEADER>\n"
        "<HEADER><CHILDID>c9</CHILDID></HEADER>\n<EPISODE><DECOM>01/04/2018</DECOM><RNE>S</RNE><LS>C2</LS>"
        "<PL>U1</PL></EPISODE>\n</CHILD>\n</EXPSSDA903>\n",
        "HEADER", "header");
    const auto loaded = load_903(dir / "twice" / "903_2019.xml", text);
    CHECK(loaded.data.table("header").column("CHILD").dictionary->values() == std::vector<std::string>{"C1"});
    CHECK(findings_with(loaded.data, "<header>") ==
          std::vector<std::string>{"/EXPSSDA903/CHILD[1]/header @3 row kept",
                                   "/EXPSSDA903/CHILD[1]/header[2] @4 not read"});
    CHECK(findings_with(loaded.data, "appears more than once here; only the first is read") ==
          std::vector<std::string>{"/EXPSSDA903/CHILD[1]/header[2] @4 not read"});
    check_row_accounting(loaded.data);
  }
}
