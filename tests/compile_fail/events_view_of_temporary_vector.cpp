// An EventsView must not be made to point into a temporary vector: it would dangle.
#include <cstdint>
#include <vector>

#include <safeguarding/timeliness.hpp>

int main() {
  safeguarding::timeliness::EventsView view;
#ifdef SAFEGUARDING_COMPILE_FAIL_CONTROL
  const std::vector<std::int64_t> kept{1};
  view.case_id = kept;
#else
  view.case_id = std::vector<std::int64_t>{1};
#endif
  return static_cast<int>(view.case_id.size()) - 1;
}
