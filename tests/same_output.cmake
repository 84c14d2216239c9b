# cmake -DFIRST=program -DSECOND=program -P same_output.cmake: runs both programs and fails
# unless both succeed and print the same.
foreach(program FIRST SECOND)
    execute_process(COMMAND "${${program}}" OUTPUT_VARIABLE _out_${program} RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "${${program}} failed: ${_rc}")
    endif()
endforeach()
if(NOT _out_FIRST STREQUAL _out_SECOND)
    message(FATAL_ERROR "${FIRST} and ${SECOND} print different descriptions:\n--- ${FIRST}\n${_out_FIRST}\n--- ${SECOND}\n${_out_SECOND}")
endif()
string(REGEX MATCHALL "\n  [^\n]*" _lines "${_out_FIRST}")
list(LENGTH _lines _count)
message(STATUS "same descriptions (${_count} members and bases)")
