# Runs as `cmake -P`: every public header compiles on its own (it includes what it uses), so do the
# private headers listed below in header-only mode, and safeguarding.hpp reaches every public header
# through its includes.
file(GLOB_RECURSE headers RELATIVE ${SOURCE_DIR}/include ${SOURCE_DIR}/include/safeguarding/*.hpp)
list(SORT headers)
set(failed "")
foreach(header ${headers})
  file(WRITE ${WORK_DIR}/self_contained.cpp "#include <${header}>\n")
  execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -I${SOURCE_DIR}/include ${WORK_DIR}/self_contained.cpp
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(APPEND failed "${header}:\n${err}\n")
  endif()
endforeach()

# Private headers of src/ that compile on their own in header-only mode too, where each public
# header includes its sources at its end: a source that includes the private header back must
# still find its declarations when the private header is the first included.
foreach(header src/returns/ssda903/episodes.hpp)
  file(WRITE ${WORK_DIR}/self_contained.cpp "#include \"${header}\"\n")
  execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -DSAFEGUARDING_HEADER_ONLY -I${SOURCE_DIR}/include
                          -I${SOURCE_DIR} ${WORK_DIR}/self_contained.cpp RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(APPEND failed "${header} (header-only mode):\n${err}\n")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "headers that do not compile on their own:\n${failed}")
endif()

# The headers safeguarding.hpp reaches, following `#include "safeguarding/…"`.
set(reached "")
set(queue safeguarding/safeguarding.hpp)
while(queue)
  list(POP_FRONT queue header)
  if(header IN_LIST reached)
    continue()
  endif()
  list(APPEND reached ${header})
  file(STRINGS ${SOURCE_DIR}/include/${header} lines REGEX "^#include \"safeguarding/")
  foreach(line ${lines})
    string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" included "${line}")
    list(APPEND queue ${included})
  endforeach()
endwhile()
set(missing "")
foreach(header ${headers})
  if(NOT header IN_LIST reached)
    list(APPEND missing ${header})
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "safeguarding.hpp does not include: ${missing}")
endif()
list(LENGTH headers count)
message(STATUS "${count} public headers: each compiles on its own, and safeguarding.hpp includes them all")
