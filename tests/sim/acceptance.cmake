# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# The issue's acceptance on the default workload: no data errors under any
# policy, full <= unused <= none and unused-fpr <= none in host I/O, full at
# most half of none, and proof that the discard path really ran.
include(${COMMON})

sim_run(r --json --svg acceptance.svg)
sim_expect("default run exits 0" r_rc EQUAL 0)
string(JSON type ERROR_VARIABLE e TYPE "${r_out}")
sim_expect("stdout is one JSON object" type STREQUAL "OBJECT")
string(JSON npol ERROR_VARIABLE e LENGTH "${r_out}" policies)
sim_expect("four policies reported" npol EQUAL 4)

foreach(p none unused-fpr unused full)
  sim_get(err "${r_out}" ${p} data_errors)
  sim_expect("${p}: data_errors == 0" err EQUAL 0)
  sim_get(api "${r_out}" ${p} api_errors)
  sim_expect("${p}: every core and host call succeeded" api EQUAL 0)
  sim_get(out "${r_out}" ${p} host_swap_out)
  sim_get(in "${r_out}" ${p} host_swap_in)
  math(EXPR io_${p} "${out} + ${in}")
  sim_get(peak "${r_out}" ${p} host_resident_peak)
  string(JSON frames GET "${r_out}" host_frames)
  sim_expect("${p}: peak resident ${peak} <= host frames ${frames}"
             peak LESS_EQUAL frames)
  message(STATUS "${p}: host I/O ${io_${p}}")
endforeach()

sim_expect("host I/O full ${io_full} <= unused ${io_unused}"
           io_full LESS_EQUAL io_unused)
sim_expect("host I/O unused ${io_unused} <= none ${io_none}"
           io_unused LESS_EQUAL io_none)
sim_expect("host I/O unused-fpr ${io_unused-fpr} <= none ${io_none}"
           io_unused-fpr LESS_EQUAL io_none)
math(EXPR twice_full "${io_full} * 2")
sim_expect("host I/O full ${io_full} <= 50% of none ${io_none}"
           twice_full LESS_EQUAL io_none)
sim_expect("none really paged (host I/O > 0)" io_none GREATER 0)

# The discard path ran: the host dropped volatile frames, make-stable said
# so, and the guest read them again.
sim_get(rereads "${r_out}" full guest_rereads)
sim_expect("full: guest_rereads ${rereads} > 0" rereads GREATER 0)
sim_get(found "${r_out}" full discards_found)
sim_expect("full: discards found ${found} >= rereads ${rereads}"
           found GREATER_EQUAL rereads)
sim_get(core "${r_out}" full core_rereads)
sim_expect("full: the core counted every reread (${core})"
           core EQUAL rereads)
sim_get(dropped "${r_out}" full host_dropped_volatile)
sim_expect("full: host dropped volatile frames" dropped GREATER 0)
sim_get(trans "${r_out}" full transitions)
sim_expect("full: the guest talked to the host" trans GREATER 0)

# The exits are counted: hint calls plus faults on host memory.
foreach(p none unused-fpr unused full)
  sim_get(ex "${r_out}" ${p} exits)
  sim_get(tr "${r_out}" ${p} transitions)
  sim_get(hf "${r_out}" ${p} host_faults)
  math(EXPR sum "${tr} + ${hf}")
  sim_expect("${p}: exits ${ex} = calls ${tr} + faults ${hf}" ex EQUAL sum)
  sim_expect("${p}: the guest faulted on host memory" hf GREATER 0)
endforeach()
# The host swap cache spared writes of pages read back and not written.
sim_get(v "${r_out}" none host_swap_out_clean)
sim_expect("none: clean page-outs ${v} > 0" v GREATER 0)

# No hints means no discards and no guest-to-host calls.
foreach(k guest_rereads transitions host_dropped_unused host_dropped_volatile)
  sim_get(v "${r_out}" none ${k})
  sim_expect("none: ${k} == 0" v EQUAL 0)
endforeach()
sim_get(v "${r_out}" unused host_dropped_volatile)
sim_expect("unused: no volatile frame dropped" v EQUAL 0)
sim_get(v "${r_out}" unused host_dropped_unused)
sim_expect("unused: free frames were dropped" v GREATER 0)

if(sim_failures)
  message(FATAL_ERROR "${sim_failures} check(s) failed")
endif()
