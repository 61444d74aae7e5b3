// libFuzzer targets for the C++ readers (issue 15), one binary built header-only with clang
// (`./dev fuzz`): SAFEGUARDING_FUZZ_TARGET names the reader the inputs go to. Each input must give
// a result or a safeguarding::Error: any other exception, a crash, a sanitizer report, or a result
// whose rows do not add up (read = used + rejected + merged) is a finding for libFuzzer.
//
//   partnership  calendar  govuk  rules            JSON read from text
//   ssda903_csv  ssda903_xml  cin_xml               a return file (written to a scratch file)
//   contacts  steps                                 the front door's CSV files
//   timeliness                                      the engine's event columns (case, event, time,
//                                                   attributes), decoded from the bytes
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>

#include <unistd.h>

// The umbrella header first: in header-only mode it includes the sources in a working order.
#include "safeguarding/safeguarding.hpp"
#include "src/returns/cin_census/reader.hpp"

namespace fuzz {

enum class Target {
  partnership,
  calendar,
  govuk,
  rules,
  ssda903_csv,
  ssda903_xml,
  cin_xml,
  contacts,
  steps,
  timeliness
};

inline Target target = Target::partnership;
inline std::filesystem::path folder;

inline void accounted(const safeguarding::returns::Dataset& data) {
  for (const auto& c : data.counts)
    if (c.read != c.used + c.rejected + c.merged || c.read < 0 || c.used < 0 || c.rejected < 0 || c.merged < 0) {
      std::fprintf(stderr, "rows do not add up in %s: %lld read, %lld used, %lld rejected, %lld merged\n",
                   c.table.c_str(), static_cast<long long>(c.read), static_cast<long long>(c.used),
                   static_cast<long long>(c.rejected), static_cast<long long>(c.merged));
      std::abort();
    }
}

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  std::abort();
}

// Reads n little-endian bytes as an unsigned number (0 past the end of the input).
inline std::uint64_t take(std::string_view& bytes, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n && !bytes.empty(); ++i) {
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes.front())) << (8 * i);
    bytes.remove_prefix(1);
  }
  return v;
}

// The timeliness engine over event columns decoded from the bytes: a header byte (resolution,
// whether an as-of date is given, which attribute columns come), then 8-byte rows. Most values
// land near real ones (a handful of cases, the catalogue's event codes, days of 2015-2030) so the
// fuzzer reaches the rules; a flag bit per field gives raw 64-bit values instead (extremes, `nat`,
// codes outside the catalogue). Every row must be accounted for exactly once, and the summary of
// the instances must count each instance once.
inline void timeliness_columns(std::string_view bytes) {
  using namespace safeguarding;
  using namespace safeguarding::timeliness;
  const RuleCatalogue& catalogue = builtin_rules();
  const auto n_events = static_cast<std::int64_t>(catalogue.events().size());
  const std::uint64_t header = take(bytes, 1);
  Events events;
  events.resolution = (header & 1) ? Resolution::seconds : Resolution::days;
  const std::int64_t per_day = events.resolution == Resolution::seconds ? 86'400 : 1;
  constexpr std::int64_t base = 16'436;  // 2015-01-01 as days since 1970-01-01
  EngineOptions options;
  options.threads = 1;
  if (header & 2) options.as_of = base + static_cast<std::int64_t>(take(bytes, 2) % 5'844);
  const bool with_regime = header & 4, with_flags = header & 8, with_birth = header & 16;
  Attribute regime{"regime",
                   {},
                   {"care_order_with_parent", "parent_before_assessment", "connected_person_or_interim_order",
                    "long_term_foster_agreed", "other"}};
  Attribute emergency{"emergency", {}, {}}, long_term{"long_term", {}, {}}, birth{"birth_date", {}, {}};
  while (bytes.size() >= 8) {
    const std::uint64_t flags = take(bytes, 1);
    const std::uint64_t c = take(bytes, 1), e = take(bytes, 1), t = take(bytes, 3), a = take(bytes, 2);
    events.case_id.push_back((flags & 1) ? static_cast<std::int64_t>(take(bytes, 8))
                                         : static_cast<std::int64_t>(c % 6));
    events.event.push_back((flags & 2) ? static_cast<std::int32_t>(take(bytes, 4))
                                       : static_cast<std::int32_t>(static_cast<std::int64_t>(e) % n_events));
    std::int64_t time = base + static_cast<std::int64_t>(t % 5'844);
    if (events.resolution == Resolution::seconds) time = time * per_day + static_cast<std::int64_t>(a % per_day);
    if (flags & 4) time = nat;
    if (flags & 8) time = static_cast<std::int64_t>(take(bytes, 8));
    events.time.push_back(time);
    regime.values.push_back((a & 7) == 7 ? -1 : static_cast<std::int64_t>(a % 5));
    emergency.values.push_back((flags & 16) ? 1 : 0);
    long_term.values.push_back((flags & 32) ? nat : static_cast<std::int64_t>((a >> 3) & 1));
    birth.values.push_back((flags & 64) ? nat : base - 6'000 + static_cast<std::int64_t>(a % 6'000));
  }
  if (with_regime) events.attributes.push_back(std::move(regime));
  if (with_flags) events.attributes.push_back(std::move(emergency)), events.attributes.push_back(std::move(long_term));
  if (with_birth) events.attributes.push_back(std::move(birth));
  const EngineResult result = compute(catalogue, events, options);
  const std::size_t rows = events.case_id.size();
  if (result.row_use.size() != rows) fail("timeliness: a row use per input row is missing");
  std::int64_t counted = 0;
  for (const std::int64_t n : result.row_counts()) counted += n;
  if (counted != static_cast<std::int64_t>(rows)) fail("timeliness: the row uses do not add up to the rows");
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const std::int64_t row = result.findings.row[i];
    if (row < 0 || static_cast<std::size_t>(row) >= rows) fail("timeliness: a finding names a row that is not there");
    (void)describe(result, i, catalogue, events.view());
  }
  for (std::size_t i = 0; i < result.instances.size(); ++i)
    if (result.instances.status[i] >= instance_status_names.size()) fail("timeliness: an instance without a status");
  for (const SummaryPeriod period : {SummaryPeriod::month, SummaryPeriod::reporting_year, SummaryPeriod::all}) {
    const Summary summary = summarise(result.instances, period, Basis::due);
    std::int64_t instances = 0;
    for (const std::int64_t n : summary.instances) instances += n;
    if (instances != static_cast<std::int64_t>(result.instances.size()))
      fail("timeliness: the summary does not count every instance once");
  }
}

// Everything a CIN census load gives, as text (findings, counts, every row's origin and value), or
// its Error's message.
template <class Load>
std::string cin_everything(Load load) {
  using namespace safeguarding;
  std::string out;
  try {
    const returns::cin_census::CinCensus census = load();
    const returns::Dataset& d = census.data;
    for (const auto& f : d.findings)
      out += f.file + "|" + f.table + "|" + std::to_string(f.row) + "|" + f.column + "|" + f.where + "|" + f.value +
             "|" + f.problem + "|" + std::string(returns::finding_action_name(f.action)) + "\n";
    for (const auto& c : d.counts)
      out += c.table + " " + std::to_string(c.read) + " " + std::to_string(c.used) + " " + std::to_string(c.rejected) +
             " " + std::to_string(c.merged) + "\n";
    for (const auto& t : d.tables) {
      for (std::size_t i = 0; i < t.size(); ++i) out += std::to_string(t.row[i]) + " " + std::string(t.path[i]) + "\n";
      for (const auto& c : t.columns) {
        out += c.name + ":";
        if (c.is_string())
          for (const auto& v : c.dictionary->values()) out += " " + v;
        for (std::size_t i = 0; i < c.size(); ++i)
          out += " " + std::to_string(c.is_string() ? c.codes[i] : c.is_number() ? c.numbers[i] : c.flags[i]);
        out += "\n";
      }
    }
  } catch (const Error& e) {
    out = std::string("Error: ") + e.what();
  }
  return out;
}

inline std::filesystem::path file(const char* name, std::string_view bytes) {
  const std::filesystem::path path = folder / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

inline void run(std::string_view bytes) {
  using namespace safeguarding;
  switch (target) {
    case Target::partnership:
      (void)partnership_from_json(bytes, "fuzz.json", folder);
      break;
    case Target::calendar:
      (void)calendar_from_json(bytes, "fuzz.json");
      break;
    case Target::govuk:
      (void)calendar_from_govuk_json(bytes, "england-and-wales", "fuzz.json");
      break;
    case Target::rules:
      (void)rules_from_json(bytes, "fuzz.json", &builtin_rules());
      break;
    case Target::ssda903_csv:
      accounted(returns::ssda903::load(file("episodes_2020.csv", bytes)).data);
      break;
    case Target::ssda903_xml:
      accounted(returns::ssda903::load(file("ssda903_2020.xml", bytes)).data);
      break;
    case Target::cin_xml: {
      const auto path = file("cin_2020.xml", bytes);
      accounted(returns::cin_census::load(path).data);
      // Read a Child at a time (every piece boundary exercised) and read with the whole file's
      // DOM: the same result, or the same Error.
      namespace cin = returns::cin_census::detail;
      if (cin_everything([&] { return cin::load_in_parts(path, {}, 0, 1); }) !=
          cin_everything([&] { return cin::load_in_parts(path, {}, 0, 0); }))
        fail("cin_xml: read piece by piece, the file gives another result than read whole");
      break;
    }
    case Target::contacts:
      (void)front_door::read_front_door_csv(file("contacts.csv", bytes), "contacts", {});
      break;
    case Target::steps:
      (void)front_door::read_front_door_csv(file("steps.csv", bytes), "steps", {});
      break;
    case Target::timeliness:
      timeliness_columns(bytes);
      break;
  }
}

}  // namespace fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* name = std::getenv("SAFEGUARDING_FUZZ_TARGET");
  const std::string_view t = name ? name : "";
  using fuzz::Target;
  constexpr std::pair<std::string_view, Target> targets[] = {{"partnership", Target::partnership},
                                                             {"calendar", Target::calendar},
                                                             {"govuk", Target::govuk},
                                                             {"rules", Target::rules},
                                                             {"ssda903_csv", Target::ssda903_csv},
                                                             {"ssda903_xml", Target::ssda903_xml},
                                                             {"cin_xml", Target::cin_xml},
                                                             {"contacts", Target::contacts},
                                                             {"steps", Target::steps},
                                                             {"timeliness", Target::timeliness}};
  bool known = false;
  for (const auto& [n, value] : targets)
    if (n == t) fuzz::target = value, known = true;
  if (!known) {
    std::fprintf(stderr,
                 "set SAFEGUARDING_FUZZ_TARGET to one of: partnership calendar govuk rules ssda903_csv "
                 "ssda903_xml cin_xml contacts steps timeliness\n");
    std::exit(2);
  }
  fuzz::folder = std::filesystem::temp_directory_path() /
                 ("safeguarding_fuzz_" + std::string(t) + "_" + std::to_string(static_cast<long long>(::getpid())));
  std::filesystem::create_directories(fuzz::folder);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    fuzz::run(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const safeguarding::Error&) {
    // the expected outcome for bad input
  }
  return 0;
}
