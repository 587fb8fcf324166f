# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# data_errors must be able to move: each injected bug is a real way the
# guest or host could go wrong, and the shadow has to catch it.
include(${COMMON})

# bug, policy it shows under, an extra option
set(cases
  "skip-stable|full|--seed=1"
  "dirty-volatile|full|--write-pct=50"
  "lose-swap|none|--seed=1")
foreach(c ${cases})
  string(REPLACE "|" ";" c "${c}")
  list(GET c 0 bug)
  list(GET c 1 pol)
  list(GET c 2 extra)
  sim_run(r --json --steps 1000 --svg bug.svg --inject-bug=${bug} ${extra})
  sim_expect("${bug}: exit status 1 reports the errors" r_rc EQUAL 1)
  sim_get(err "${r_out}" ${pol} data_errors)
  sim_expect("${bug}: ${pol} data_errors ${err} > 0" err GREATER 0)
endforeach()

# The sweep fails on a data error, and says where.
sim_run(r --sweep 1 --pages 1024 --steps 200 --inject-bug=lose-swap)
sim_expect("sweep with lose-swap exits 1" r_rc EQUAL 1)
sim_expect("sweep names the failing run" r_out MATCHES "FAIL .* data errors")

# Plain --inject-bug picks a default bug and still fails loudly.
sim_run(r --json --steps 1000 --svg bug.svg --policy full --inject-bug)
sim_get(err "${r_out}" full data_errors)
sim_expect("--inject-bug: data_errors ${err} > 0" err GREATER 0)

if(sim_failures)
  message(FATAL_ERROR "${sim_failures} check(s) failed")
endif()
