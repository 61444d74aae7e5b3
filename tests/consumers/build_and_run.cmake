# Runs as `cmake -P`: configures and builds the consumer project tests/consumers/PROJECT, which takes
# the library from SOURCE_DIR without installing it, and runs its program `consumer`, which prints
# "ok" after checking its own results.
file(REMOVE_RECURSE ${WORK_DIR})

include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

get_filename_component(here ${CMAKE_CURRENT_LIST_FILE} DIRECTORY)
run(${CMAKE_COMMAND} -S ${here}/${PROJECT} -B ${WORK_DIR} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
    -DCMAKE_BUILD_TYPE=${CONSUMER_BUILD_TYPE} -DSAFEGUARDING_SOURCE=${SOURCE_DIR})
run(${CMAKE_COMMAND} --build ${WORK_DIR})
run(${WORK_DIR}/consumer)
if(NOT run_output STREQUAL "ok\n")
  message(FATAL_ERROR "the ${PROJECT} consumer printed:\n${run_output}")
endif()
message(STATUS "${PROJECT} consumer: built and ran")
