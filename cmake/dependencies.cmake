# The library's dependencies. Boost (Date_Time's headers) and Threads are public: the headers use
# Boost's dates and the engine's threads. nlohmann/json is private to the compiled library (no public
# header includes it) and pugixml private to safeguarding::returns, so an application that only
# counts working days neither finds nor links pugixml.
include(GNUInstallDirs)

find_package(Boost 1.71 CONFIG QUIET)
if(NOT Boost_FOUND)
  message(FATAL_ERROR "safeguarding needs Boost.Date_Time (1.71 or newer). On Debian or Ubuntu: "
                      "sudo apt-get install libboost-date-time-dev")
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  message(FATAL_ERROR "safeguarding needs nlohmann/json (3.10 or newer). On Debian or Ubuntu: "
                      "sudo apt-get install nlohmann-json3-dev")
endif()

if(SAFEGUARDING_RETURNS)
  # pugixml reads the XML forms of the statutory returns (SSDA903 and the CIN census).
  find_package(pugixml 1.11 CONFIG QUIET)
  if(NOT pugixml_FOUND)
    message(FATAL_ERROR "safeguarding::returns needs pugixml (1.11 or newer) to read the XML returns. On Debian or "
                        "Ubuntu: sudo apt-get install libpugixml-dev (or configure with -DSAFEGUARDING_RETURNS=OFF)")
  endif()
  # The pugixml target the returns link: its static library for the Python wheel (SAFEGUARDING_PUGIXML_STATIC,
  # set by scikit-build-core builds), so the wheel needs no pugixml where it is installed; pugixml's CMake
  # package has pugixml::static when pugixml was built with both (Debian's libpugixml-dev, position
  # independent). Otherwise pugixml::pugixml, and auditwheel, delocate or delvewheel copy the shared library
  # into the wheel.
  set(SAFEGUARDING_PUGIXML_TARGET pugixml::pugixml)
  if(SAFEGUARDING_PUGIXML_STATIC AND TARGET pugixml::static)
    set(SAFEGUARDING_PUGIXML_TARGET pugixml::static)
  endif()
  message(STATUS "safeguarding::returns links ${SAFEGUARDING_PUGIXML_TARGET}")
endif()

# The timeliness engine splits large inputs between threads.
find_package(Threads REQUIRED)
