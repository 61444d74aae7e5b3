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

# The timeliness engine splits large inputs between threads.
find_package(Threads REQUIRED)
