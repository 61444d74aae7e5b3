# Runs as `cmake -P`: installs the project into WORK_DIR/prefix, builds examples/cpp against it with
# find_package(safeguarding), and runs each example, comparing its output with the expected file
# beside it in examples/cpp/expected/.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

include(${CMAKE_CURRENT_LIST_DIR}/consumers/run.cmake)

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/cpp -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=${CONSUMER_BUILD_TYPE})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)

file(GLOB expected_files ${SOURCE_DIR}/examples/cpp/expected/*.txt)
if(NOT expected_files)
  message(FATAL_ERROR "no expected outputs in examples/cpp/expected")
endif()
foreach(expected ${expected_files})
  get_filename_component(example ${expected} NAME_WE)
  execute_process(COMMAND ${WORK_DIR}/build/${example} WORKING_DIRECTORY ${SOURCE_DIR}/examples/cpp
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "example ${example} failed (${rc}):\n${out}\n${err}")
  endif()
  file(READ ${expected} want)
  if(NOT out STREQUAL want)
    message(FATAL_ERROR "example ${example} printed:\n${out}\nexpected (${expected}):\n${want}")
  endif()
  message(STATUS "example ${example}: output as expected")
endforeach()
