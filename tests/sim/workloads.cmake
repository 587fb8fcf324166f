# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Integrity does not depend on the default workload: other patterns, mixes,
# sizes and host settings must all keep data_errors at 0, and a seed must
# replay exactly.
include(${COMMON})

set(configs
  "--pattern=window"
  "--lazy-unused"
  "--cpus=1"
  "--cpus=8"
  "--mix=anon=80,free=20"
  "--mix=file=50,anon=40,free=10|--anon-pages=12000|--write-pct=40"
  "--pages=2048|--host-frames=256|--steps=800"
  "--pages=4096|--host-frames=4096|--steps=300"
  "--seed=12345|--ops-per-step=7")
foreach(c ${configs})
  string(REPLACE "|" ";" args "${c}")
  sim_run(r --json --steps 600 --svg w.svg ${args})
  sim_expect("${c}: exits 0" r_rc EQUAL 0)
  foreach(p none unused-fpr unused full)
    sim_get(err "${r_out}" ${p} data_errors)
    sim_get(api "${r_out}" ${p} api_errors)
    sim_expect("${c}: ${p} data_errors == 0" err EQUAL 0)
    sim_expect("${c}: ${p} api_errors == 0" api EQUAL 0)
  endforeach()
endforeach()

# Free page reporting really reports: with no warm-up the counters see the
# report of the boot's free blocks 2 s in, and the reuse that follows.
sim_run(r --json --steps 300 --warmup 0 --policy unused-fpr --svg w.svg)
sim_expect("unused-fpr run exits 0" r_rc EQUAL 0)
sim_get(rep "${r_out}" unused-fpr fpr_reports)
sim_expect("unused-fpr: blocks reported (${rep})" rep GREATER 0)
sim_get(tr "${r_out}" unused-fpr transitions)
sim_expect("unused-fpr: the reports reached the host (${tr} calls)"
           tr GREATER 0)
sim_get(hu "${r_out}" unused-fpr hints_unused)
math(EXPR want "${rep} * 512")
sim_expect("unused-fpr: ${hu} frames hinted = 512 per block"
           hu EQUAL want)

# Same seed, same numbers; another seed, other numbers.
sim_run(a --json --steps 300 --seed 42 --svg w.svg)
sim_run(b --json --steps 300 --seed 42 --svg w.svg)
sim_run(c --json --steps 300 --seed 43 --svg w.svg)
sim_expect("seed 42 replays exactly" a_out STREQUAL b_out)
sim_expect("seed 43 differs" NOT a_out STREQUAL c_out)

if(sim_failures)
  message(FATAL_ERROR "${sim_failures} check(s) failed")
endif()
