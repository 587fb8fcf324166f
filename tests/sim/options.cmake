# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Bad options are refused with a message and exit status 2, and leave
# stdout empty; --help is not an error.
include(${COMMON})

set(bad
  "--pages|0" "--pages|abc" "--pages|-5" "--pages|16384x" "--pages|99999999999"
  "--host-frames|20000" "--host-frames|0" "--steps|0" "--steps"
  "--warmup|2000" "--seed|-1" "--seed|" "--ops-per-step|0"
  "--mix|file=-1" "--mix|file=0,anon=0,free=0" "--mix|disk=5" "--mix|file"
  "--mix|file=1,,anon" "--write-pct|101" "--pattern|random" "--cpus|0"
  "--cpus|65" "--policy|bogus" "--policy|" "--svg|" "--inject-bug=nope"
  "--frobnicate" "-x" "stray" "--json|extra" "--anon-pages|16384"
  "--file-blocks|0" "--step-ms|0" "--exit-ns|x" "--io-us|-1" "--sweep|0"
  "--sweep" "--policy|fpr")
foreach(c ${bad})
  string(REPLACE "|" ";" args "${c}")
  string(REPLACE "|" " " c "${c}")
  sim_run(r ${args})
  sim_expect("'${c}' exits 2" r_rc EQUAL 2)
  sim_expect("'${c}' says why on stderr" NOT r_err STREQUAL empty)
  sim_expect("'${c}' prints nothing on stdout" r_out STREQUAL empty)
endforeach()

sim_run(r --help)
sim_expect("--help exits 0" r_rc EQUAL 0)
sim_expect("--help prints usage" r_out MATCHES "usage: pagestates-sim")
sim_expect("--help lists --policy" r_out MATCHES "--policy")
sim_expect("--help keeps --inject-bug hidden"
           NOT r_out MATCHES "inject")

# A small valid run prints its seed and the table.
sim_run(r --pages 1024 --steps 50 --seed 7 --svg opt.svg)
sim_expect("small run exits 0" r_rc EQUAL 0)
sim_expect("table shows the seed" r_out MATCHES "seed 7")
sim_expect("table has a row per policy"
           r_out MATCHES "\nnone  +[0-9].*\nunused-fpr +[0-9].*\nunused +[0-9].*\nfull +[0-9]")
sim_expect("table says which unused is free page reporting"
           r_out MATCHES "unused-fpr free page reporting")
# --json keeps stdout to the object alone.
sim_run(r --pages 1024 --steps 50 --json --svg opt.svg)
string(STRIP "${r_out}" stripped)
sim_expect("--json stdout is only the object"
           stripped MATCHES "^{.*}$")
sim_expect("--json to a pipe shows no progress" r_err STREQUAL empty)

if(sim_failures)
  message(FATAL_ERROR "${sim_failures} check(s) failed")
endif()
