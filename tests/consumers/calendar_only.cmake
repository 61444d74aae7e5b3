# Runs as `cmake -P`: installs the project into WORK_DIR/prefix, then builds a calendar-only program
# against it with find_package(safeguarding) (no components) while pugixml cannot be found, and checks
# that nothing links pugixml.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

get_filename_component(here ${CMAKE_CURRENT_LIST_FILE} DIRECTORY)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
run(${CMAKE_COMMAND} -S ${here}/calendar_only -B ${WORK_DIR}/build -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=${CONSUMER_BUILD_TYPE} -DCMAKE_DISABLE_FIND_PACKAGE_pugixml=TRUE
    -DSAFEGUARDING_SOURCE=${SOURCE_DIR})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
file(GLOB_RECURSE build_files ${WORK_DIR}/build/*.ninja ${WORK_DIR}/build/*link.txt ${WORK_DIR}/build/Makefile)
foreach(f ${build_files})
  file(READ ${f} text)
  if(text MATCHES "pugixml")
    message(FATAL_ERROR "a calendar-only program links pugixml (${f})")
  endif()
endforeach()
run(${WORK_DIR}/build/readme)
message(STATUS "calendar-only consumer: built without pugixml and ran")
