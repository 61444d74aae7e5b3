# The library targets:
#   safeguarding::safeguarding  calendars, timescales, rules, the timeliness engine, the partnership,
#                               compliance, thresholds and the front door (src/ except src/returns)
#   safeguarding::returns       the statutory returns' readers and measures (src/returns; pugixml)
# Static by default (SAFEGUARDING_SHARED for shared libraries); with SAFEGUARDING_HEADER_ONLY both are
# INTERFACE targets whose headers include the sources (see include/safeguarding/config.hpp).
file(GLOB_RECURSE _sg_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/*.cpp)
list(FILTER _sg_sources EXCLUDE REGEX "/src/(returns|safeguarding)/")
file(GLOB_RECURSE _sg_returns_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/returns/*.cpp)

# Where the header-only mode finds the sources: the project root here, a copy once installed.
set(SAFEGUARDING_SOURCE_INSTALL_DIR ${CMAKE_INSTALL_INCLUDEDIR}/safeguarding-${PROJECT_VERSION}-sources)

function(_sg_setup_target target scope)
  target_compile_features(${target} ${scope} cxx_std_20)
  target_include_directories(${target} ${scope} $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
                                                $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  if(SAFEGUARDING_HEADER_ONLY)
    target_include_directories(${target} ${scope} $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
                                                  $<INSTALL_INTERFACE:${SAFEGUARDING_SOURCE_INSTALL_DIR}>)
    target_compile_definitions(${target} ${scope} SAFEGUARDING_HEADER_ONLY)
  endif()
endfunction()

# Our own warnings for our own sources only; never forced on consumers.
function(_sg_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow)
    if(SAFEGUARDING_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()

# A compiled library of our sources (the arguments after the target): static, or shared with
# SAFEGUARDING_SHARED; position independent and versioned.
function(_sg_compiled_library target)
  if(SAFEGUARDING_SHARED)
    add_library(${target} SHARED ${ARGN})
  else()
    add_library(${target} STATIC ${ARGN})
  endif()
  _sg_setup_target(${target} PUBLIC)
  _sg_warnings(${target})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON VERSION ${PROJECT_VERSION}
                                             SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
                                             WINDOWS_EXPORT_ALL_SYMBOLS ON)
endfunction()

if(SAFEGUARDING_HEADER_ONLY)
  add_library(safeguarding INTERFACE)
  _sg_setup_target(safeguarding INTERFACE)
  target_link_libraries(safeguarding INTERFACE Boost::headers Threads::Threads nlohmann_json::nlohmann_json)
else()
  _sg_compiled_library(safeguarding ${_sg_sources})
  target_link_libraries(safeguarding PUBLIC Boost::headers Threads::Threads
                                     PRIVATE $<BUILD_INTERFACE:nlohmann_json::nlohmann_json>)
endif()
add_library(safeguarding::safeguarding ALIAS safeguarding)

if(SAFEGUARDING_RETURNS)
  if(SAFEGUARDING_HEADER_ONLY OR NOT _sg_returns_sources)
    add_library(safeguarding_returns INTERFACE)
    _sg_setup_target(safeguarding_returns INTERFACE)
    target_link_libraries(safeguarding_returns INTERFACE safeguarding pugixml::pugixml)
  else()
    _sg_compiled_library(safeguarding_returns ${_sg_returns_sources})
    target_link_libraries(safeguarding_returns PUBLIC safeguarding PRIVATE ${SAFEGUARDING_PUGIXML_TARGET}
                                                                           $<BUILD_INTERFACE:nlohmann_json::nlohmann_json>)
  endif()
  set_target_properties(safeguarding_returns PROPERTIES EXPORT_NAME returns)
  add_library(safeguarding::returns ALIAS safeguarding_returns)
endif()

# The sanitised test build splits work between threads from sizes 100 times smaller
# (include/safeguarding/support/split_scale.hpp), in the libraries and everything that uses them alike.
if(SAFEGUARDING_SMALL_SPLITS)
  foreach(_sg_target safeguarding safeguarding_returns)
    if(TARGET ${_sg_target})
      get_target_property(_sg_type ${_sg_target} TYPE)
      if(_sg_type STREQUAL "INTERFACE_LIBRARY")
        target_compile_definitions(${_sg_target} INTERFACE SAFEGUARDING_SMALL_SPLITS)
      else()
        target_compile_definitions(${_sg_target} PUBLIC SAFEGUARDING_SMALL_SPLITS)
      endif()
    endif()
  endforeach()
endif()

# Where CMAKE_UNITY_BUILD is on (the sanitize preset, the wheel), ./dev test still compiles every
# source on its own once, so that one missing an include its batch supplied is found: those of
# safeguarding::safeguarding in the FetchContent consumer, those of safeguarding::returns here.
if(SAFEGUARDING_SANITIZE AND TARGET safeguarding_returns)
  set_target_properties(safeguarding_returns PROPERTIES UNITY_BUILD OFF)
endif()

# The sanitised test build instruments the libraries as well as the tests.
if(SAFEGUARDING_SANITIZE AND NOT SAFEGUARDING_HEADER_ONLY)
  foreach(_sg_target safeguarding safeguarding_returns)
    if(TARGET ${_sg_target})
      get_target_property(_sg_type ${_sg_target} TYPE)
      if(NOT _sg_type STREQUAL "INTERFACE_LIBRARY")
        target_compile_options(${_sg_target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                     -fno-sanitize-recover=all)
        target_link_options(${_sg_target} PUBLIC -fsanitize=address,undefined)
        # With clang (the sanitize preset), the libraries also carry libFuzzer's coverage
        # instrumentation, so that the fuzz target (tests/CMakeLists.txt) links these same libraries
        # rather than compiling the library once more; the unit tests link them as they are.
        if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
          target_compile_options(${_sg_target} PRIVATE -fsanitize=fuzzer-no-link)
        endif()
      endif()
    endif()
  endforeach()
endif()
