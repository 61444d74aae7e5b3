# The library's dependencies, found the same way here and in the installed safeguardingConfig.cmake.
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

# pugixml reads the XML forms of the statutory returns (SSDA903 and the CIN census).
find_package(pugixml 1.11 CONFIG QUIET)
if(NOT pugixml_FOUND)
  message(FATAL_ERROR "safeguarding needs pugixml (1.11 or newer) to read the XML returns. On Debian or Ubuntu: "
                      "sudo apt-get install libpugixml-dev")
endif()
# The timeliness engine splits large inputs between threads.
find_package(Threads REQUIRED)
