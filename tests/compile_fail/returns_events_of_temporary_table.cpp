// The events of a returns EventTable must not be taken from a temporary table: the view would dangle.
#include <safeguarding/returns/events.hpp>

int main() {
#ifdef SAFEGUARDING_COMPILE_FAIL_CONTROL
  const safeguarding::returns::EventTable table;
  const auto view = table.events();
#else
  const auto view = safeguarding::returns::EventTable{}.events();
#endif
  return static_cast<int>(view.case_id.size());
}
