# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# lps_add_subdirectories(): add every subdirectory of the current source
# directory that has a CMakeLists.txt, in name order, so an area (tests,
# tools, benchmarks) grows by adding a directory, not by editing a list
# another area also edits.
function(lps_add_subdirectories)
  file(GLOB dirs LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT dirs)
  foreach(dir ${dirs})
    if(IS_DIRECTORY ${dir} AND EXISTS ${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
