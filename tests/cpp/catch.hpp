// The test framework, whichever major version of Catch2 is installed (Debian 12 ships 2.13).
#pragma once

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
using Catch::Approx;
#else
#include <catch2/catch.hpp>
#endif

#include <string>

#include "safeguarding/error.hpp"

/// The message of the safeguarding::Error that `f` throws (fails the test when it throws nothing).
template <class F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const safeguarding::Error& e) {
    return e.what();
  }
  FAIL("expected a safeguarding::Error");
  return {};
}
