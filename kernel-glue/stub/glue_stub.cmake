# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# glue_stub.cmake - the series' include/linux/page-states.h, cut out of
# patch 0001 at configure time, over the userspace stand-ins in
# kernel-glue/stub/linux/, as the INTERFACE target lps_glue_stub.  The
# unit test (tests/glue) and the benchmark (tools/bench/glue) compile the
# very hooks the kernel compiles, natively, the way the kernel's
# tools/testing/vma builds mm code in userspace.
include_guard(GLOBAL)

set(_lps_glue_dir ${CMAKE_CURRENT_LIST_DIR}/..)
file(GLOB _lps_glue_patch ${_lps_glue_dir}/patches/0001-*.patch)
list(LENGTH _lps_glue_patch _n)
if(NOT _n EQUAL 1)
  message(FATAL_ERROR "kernel-glue/patches: expected one 0001-*.patch")
endif()
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY
             CMAKE_CONFIGURE_DEPENDS ${_lps_glue_patch})
file(READ ${_lps_glue_patch} _text)
# The new file's hunk: every line after its @@ header starts with '+'.
string(REGEX MATCH
  "\\+\\+\\+ b/include/linux/page-states\\.h\n@@[^\n]*\n([^\n]*\n)*"
  _hunk "${_text}")
string(REGEX REPLACE "^\\+\\+\\+[^\n]*\n@@[^\n]*\n" "" _hunk "${_hunk}")
string(REGEX REPLACE "\ndiff --git.*$" "\n" _hunk "${_hunk}")
string(REGEX REPLACE "\n-- \n.*$" "\n" _hunk "${_hunk}")
string(REGEX REPLACE "(^|\n)\\+" "\\1" _hunk "${_hunk}")
if(NOT _hunk MATCHES "_LINUX_PAGE_STATES_H")
  message(FATAL_ERROR "page-states.h not found in ${_lps_glue_patch}")
endif()
set(_lps_glue_gen ${CMAKE_BINARY_DIR}/kernel-glue-stub)
file(WRITE ${_lps_glue_gen}/linux/page-states.h.tmp "${_hunk}")
configure_file(${_lps_glue_gen}/linux/page-states.h.tmp
               ${_lps_glue_gen}/linux/page-states.h COPYONLY)

add_library(lps_glue_stub INTERFACE)
target_include_directories(lps_glue_stub INTERFACE
  ${_lps_glue_gen} ${CMAKE_CURRENT_LIST_DIR})
# As Kbuild does: compiler_types.h on every unit, and neither
# -Wsign-compare nor -Wunused-parameter (kernel header code compares int
# reference counts with unsigned ones and has empty stand-in inlines).
target_compile_options(lps_glue_stub INTERFACE
  -include ${CMAKE_CURRENT_LIST_DIR}/lps_stub_compiler.h
  -Wno-sign-compare -Wno-unused-parameter)
