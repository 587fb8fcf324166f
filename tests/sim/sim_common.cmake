# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Helpers the sim test scripts share: run the simulator, read its JSON.

if(NOT SIM)
  message(FATAL_ERROR "SIM (the pagestates-sim binary) not given")
endif()
string(REPLACE "|" ";" EMU "${EMU}")
file(MAKE_DIRECTORY ${WORK})

set(sim_failures 0)
set(empty "")

# sim_run(<prefix> args...): runs in WORK; sets <prefix>_rc, _out, _err.
function(sim_run prefix)
  execute_process(COMMAND ${EMU} ${SIM} ${ARGN}
                  WORKING_DIRECTORY ${WORK}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${prefix}_rc "${rc}" PARENT_SCOPE)
  set(${prefix}_out "${out}" PARENT_SCOPE)
  set(${prefix}_err "${err}" PARENT_SCOPE)
endfunction()

# sim_fail(msg...): report and count, so one run shows every failure.
macro(sim_fail)
  message(SEND_ERROR "check failed: ${ARGN}")
  math(EXPR sim_failures "${sim_failures} + 1")
endmacro()

# sim_get(<var> <json> <policy> <key>): an integer counter, or fail.
function(sim_get var json policy key)
  string(JSON v ERROR_VARIABLE e GET "${json}" policies ${policy} ${key})
  if(e)
    message(SEND_ERROR "JSON has no policies.${policy}.${key}: ${e}")
    set(v -1)
  elseif(NOT v MATCHES "^[0-9]+$")
    message(SEND_ERROR "policies.${policy}.${key} is not an integer: ${v}")
    set(v -1)
  endif()
  set(${var} ${v} PARENT_SCOPE)
endfunction()

# sim_expect(<what> <condition...>): an if() condition that must hold.
# Name variables in the condition rather than expanding them: a macro's
# arguments lose their quotes, so "${x}" STREQUAL "" would not survive.
macro(sim_expect what)
  if(${ARGN})
    message(STATUS "ok: ${what}")
  else()
    sim_fail("${what} (${ARGN})")
  endif()
endmacro()
