# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Test helpers shared by every tests/ subdirectory.
#
# lps_add_test(<name> SOURCES <src...> LABELS <label...>
#              [LIBS <lib...>] [ARGS <arg...>] [SANITIZE] [TSAN] [TIMEOUT <s>])
#
# Builds <name> against pagestates_host_check (the host library and the
# guest core under it, both at LPS_DEBUGLEVEL 1)
# and registers it.  SANITIZE adds <name>-asan (ASan+UBSan, label sanitize),
# TSAN adds <name>-tsan (label tsan).  Every test in a cross build also gets
# the label cross; add_test names the target, so CMake puts the toolchain's
# CMAKE_CROSSCOMPILING_EMULATOR (qemu-user) in front of it.

include(CheckCSourceRuns)

function(_lps_probe_sanitizer var flags)
  if(CMAKE_CROSSCOMPILING OR NOT LPS_SANITIZERS)
    set(${var} OFF PARENT_SCOPE)
    return()
  endif()
  set(CMAKE_REQUIRED_FLAGS "${flags}")
  set(CMAKE_REQUIRED_LINK_OPTIONS "${flags}")
  check_c_source_runs("int main(void) { return 0; }" ${var})
  set(${var} ${${var}} PARENT_SCOPE)
endfunction()

set(LPS_ASAN_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
set(LPS_TSAN_FLAGS -fsanitize=thread)
_lps_probe_sanitizer(LPS_HAVE_ASAN "-fsanitize=address,undefined")
_lps_probe_sanitizer(LPS_HAVE_TSAN "-fsanitize=thread")

set(LPS_TEST_INCLUDE ${PROJECT_SOURCE_DIR}/tests/common
    ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/ports)

function(_lps_test_exe target lib flags)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${target} ${T_SOURCES})
  target_include_directories(${target} PRIVATE ${LPS_TEST_INCLUDE})
  target_link_libraries(${target} PRIVATE ${T_LIBS} ${lib})
  target_compile_definitions(${target} PRIVATE LPS_DEBUGLEVEL=1
    LPS_EXPECTED_PORT_NAME="${LPS_EXPECTED_PORT}")
  lps_target_warnings(${target})
  if(flags)
    target_compile_options(${target} PRIVATE ${flags})
    target_link_options(${target} PRIVATE ${flags})
  endif()
  if(CMAKE_CROSSCOMPILING)
    target_link_options(${target} PRIVATE -static)
  endif()
endfunction()

function(lps_add_test name)
  cmake_parse_arguments(T "SANITIZE;TSAN" "TIMEOUT"
                        "SOURCES;LABELS;LIBS;ARGS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set(labels ${T_LABELS})
  if(CMAKE_CROSSCOMPILING)
    list(APPEND labels cross)
  endif()
  _lps_test_exe(${name} pagestates_host_check "" SOURCES ${T_SOURCES} LIBS ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name} ${T_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS "${labels}"
                       TIMEOUT ${T_TIMEOUT})
  if(T_SANITIZE AND LPS_HAVE_ASAN)
    _lps_test_exe(${name}-asan pagestates_host_asan "${LPS_ASAN_FLAGS}"
                  SOURCES ${T_SOURCES} LIBS ${T_LIBS})
    add_test(NAME ${name}-asan COMMAND ${name}-asan ${T_ARGS})
    set_tests_properties(${name}-asan PROPERTIES LABELS sanitize
                         TIMEOUT ${T_TIMEOUT})
  endif()
  if(T_TSAN AND LPS_HAVE_TSAN)
    _lps_test_exe(${name}-tsan pagestates_host_tsan "${LPS_TSAN_FLAGS}"
                  SOURCES ${T_SOURCES} LIBS ${T_LIBS})
    target_link_libraries(${name}-tsan PRIVATE pthread)
    add_test(NAME ${name}-tsan COMMAND ${name}-tsan ${T_ARGS})
    set_tests_properties(${name}-tsan PROPERTIES LABELS tsan
                         TIMEOUT ${T_TIMEOUT})
  endif()
endfunction()
