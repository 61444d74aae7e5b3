#include <safeguarding/safeguarding.hpp>

#include <string>

// A second translation unit using the same inline definitions as main.cpp.
std::size_t builtin_rule_count() { return safeguarding::builtin_rules_json().size(); }
