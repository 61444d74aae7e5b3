// The view of an owning Events table must not be taken from a temporary table: it would dangle.
#include <safeguarding/timeliness.hpp>

int main() {
#ifdef SAFEGUARDING_COMPILE_FAIL_CONTROL
  const safeguarding::timeliness::Events events;
  const auto view = events.view();
#else
  const auto view = safeguarding::timeliness::Events{}.view();
#endif
  return static_cast<int>(view.case_id.size());
}
