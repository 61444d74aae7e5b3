// Scalar throughput of the working-day clock: 10 million add_working_days and working_days_between
// calls on boost::gregorian::date, each result folded into a checksum so none is optimised away.
// Prints nanoseconds per call (best of several runs). Run by benchmarks/run.py (./dev bench).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <random>
#include <vector>

#include <safeguarding/safeguarding.hpp>

int main(int argc, char** argv) {
  using namespace safeguarding;
  const std::size_t size = argc > 1 ? static_cast<std::size_t>(std::atoll(argv[1])) : 10'000'000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const Calendar cal = Calendar::england_and_wales();

  std::mt19937_64 rng(20191002);
  std::uniform_int_distribution<std::int64_t> day(to_days(Date(1980, 1, 1)), to_days(Date(2090, 12, 31)));
  std::uniform_int_distribution<std::int64_t> shift(1, 100);
  std::vector<Date> a(size), b(size);
  std::vector<std::int64_t> n(size);
  for (std::size_t i = 0; i < size; ++i) {
    a[i] = from_days(day(rng));
    b[i] = from_days(day(rng));
    n[i] = shift(rng);
  }

  auto best_ns_per_call = [&](auto&& body) {
    double best = 1e300;
    std::uint64_t checksum = 0;
    for (int r = 0; r < repeats; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      checksum += body();
      const auto t1 = std::chrono::steady_clock::now();
      best = std::min(best, std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(size));
    }
    return std::pair{best, checksum};
  };

  const auto [add_ns, add_sum] = best_ns_per_call([&] {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < size; ++i) s += cal.add_working_days(a[i], n[i]).day_number();
    return s;
  });
  const auto [between_ns, between_sum] = best_ns_per_call([&] {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < size; ++i) s += static_cast<std::uint64_t>(cal.working_days_between(a[i], b[i]));
    return s;
  });
  const auto [working_ns, working_sum] = best_ns_per_call([&] {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < size; ++i) s += cal.is_working_day(a[i]) ? 1u : 0u;
    return s;
  });

  std::cout << "calls " << size << "\n";
  std::cout << "add_working_days_ns " << add_ns << "\n";
  std::cout << "working_days_between_ns " << between_ns << "\n";
  std::cout << "is_working_day_ns " << working_ns << "\n";
  std::cout << "checksum " << (add_sum ^ between_sum ^ working_sum) << "\n";
}
