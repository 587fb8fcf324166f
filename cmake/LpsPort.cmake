# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Which port this build compiles in.  LPS_PORT=auto picks the architecture's
# own transport; tests assert the choice (LPS_EXPECTED_PORT) so that a silent
# fall back to noop fails.  The ports/ tree owns the C side of the choice.
set(LPS_PORT auto CACHE STRING "Port: auto, noop, s390, x86, arm64, shmem")
set_property(CACHE LPS_PORT PROPERTY STRINGS auto noop s390 x86 arm64 shmem)

set(_lps_ports noop s390 x86 arm64 shmem)
if(LPS_PORT STREQUAL "auto")
  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" _lps_cpu)
  if(_lps_cpu MATCHES "^s390")
    set(LPS_EXPECTED_PORT s390)
  elseif(_lps_cpu MATCHES "^(x86_64|amd64)$")
    set(LPS_EXPECTED_PORT x86)
  elseif(_lps_cpu MATCHES "^(aarch64|arm64)$")
    set(LPS_EXPECTED_PORT arm64)
  else()
    set(LPS_EXPECTED_PORT noop)
  endif()
elseif(LPS_PORT IN_LIST _lps_ports)
  set(LPS_EXPECTED_PORT ${LPS_PORT})
  # A hardware port needs its own instruction set: say so here, not as an
  # #error deep in the build (ports/lps_port.h checks again).
  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" _lps_cpu)
  set(_lps_need_s390 "^s390")
  set(_lps_need_x86 "^(x86_64|amd64)$")
  set(_lps_need_arm64 "^(aarch64|arm64)$")
  if(DEFINED _lps_need_${LPS_PORT} AND
     NOT _lps_cpu MATCHES "${_lps_need_${LPS_PORT}}")
    message(FATAL_ERROR "LPS_PORT=${LPS_PORT} needs a ${LPS_PORT} target, "
            "not ${CMAKE_SYSTEM_PROCESSOR}: use a toolchain from "
            "cmake/toolchains/ or LPS_PORT=noop|shmem")
  endif()
else()
  message(FATAL_ERROR "LPS_PORT=${LPS_PORT}: choose one of auto;${_lps_ports}")
endif()
message(STATUS "libpagestates port: ${LPS_EXPECTED_PORT}")
