# For the consumer test scripts (run as `cmake -P`): run(COMMAND ARGS…) runs a command and stops
# the script with its output when it fails; its standard output is left in run_output.
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

# The consumers are built without optimisation (an empty CMAKE_BUILD_TYPE: no -O2, no -g): what they
# check is how a project finds, builds and links the library and that the programs' output is right,
# which the optimiser does not change; -O2 took most of their time (the FetchContent and header-only
# consumers compile the whole library).
set(CONSUMER_BUILD_TYPE "")
