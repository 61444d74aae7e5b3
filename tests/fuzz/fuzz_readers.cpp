// libFuzzer targets for the C++ readers (issue 15), one binary built header-only with clang
// (`./dev fuzz`): SAFEGUARDING_FUZZ_TARGET names the reader the inputs go to. Each input must give
// a result or a safeguarding::Error: any other exception, a crash, a sanitizer report, or a result
// whose rows do not add up (read = used + rejected + merged) is a finding for libFuzzer.
//
//   partnership  calendar  govuk  rules            JSON read from text
//   ssda903_csv  ssda903_xml  cin_xml               a return file (written to a scratch file)
//   contacts  steps                                 the front door's CSV files
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

namespace fuzz {

enum class Target { partnership, calendar, govuk, rules, ssda903_csv, ssda903_xml, cin_xml, contacts, steps };

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
    case Target::cin_xml:
      accounted(returns::cin_census::load(file("cin_2020.xml", bytes)).data);
      break;
    case Target::contacts:
      (void)front_door::read_front_door_csv(file("contacts.csv", bytes), "contacts", {});
      break;
    case Target::steps:
      (void)front_door::read_front_door_csv(file("steps.csv", bytes), "steps", {});
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
                                                             {"steps", Target::steps}};
  bool known = false;
  for (const auto& [n, value] : targets)
    if (n == t) fuzz::target = value, known = true;
  if (!known) {
    std::fprintf(stderr,
                 "set SAFEGUARDING_FUZZ_TARGET to one of: partnership calendar govuk rules ssda903_csv "
                 "ssda903_xml cin_xml contacts steps\n");
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
