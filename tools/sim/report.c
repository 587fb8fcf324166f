// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * report.c - the human-readable table: one row per policy with the host's
 * I/O, then what the guest paid for it, so savings and costs sit together.
 */
#include <inttypes.h>	/* PRIu64 */
#include <stdio.h>	/* printf */

#include "sim.h"

const char *sim_policy_name(enum sim_policy pol)
{
	static const char *const names[SIM_NR_POLICIES] = {
		[SIM_POL_NONE] = "none",
		[SIM_POL_UNUSED] = "unused",
		[SIM_POL_FULL] = "full",
	};

	return pol < SIM_NR_POLICIES ? names[pol] : "?";
}

static uint64_t host_io(const struct sim_result *r)
{
	return r->host_swap_out + r->host_swap_in;
}

void sim_report_table(const struct sim_config *cfg,
		      const struct sim_result *res)
{
	uint32_t p;

	printf("guest %" PRIu64 " pages, host %" PRIu64 " frames, %" PRIu64
	       " steps of %u ops (first %" PRIu64 " are warm-up), seed %"
	       PRIu64 "\n\n", cfg->pages, cfg->host_frames, cfg->steps,
	       cfg->ops_per_step, cfg->warmup, cfg->seed);
	printf("%-7s %13s %13s %13s %12s %13s %11s\n", "policy",
	       "host swap-out", "host swap-in", "guest rereads",
	       "transitions", "peak resident", "data errors");
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		const struct sim_result *r = &res[p];

		if (!(cfg->policies & (1u << p)))
			continue;
		printf("%-7s %13" PRIu64 " %13" PRIu64 " %13" PRIu64 " %12"
		       PRIu64 " %13" PRIu64 " %11" PRIu64 "\n",
		       sim_policy_name(p), r->host_swap_out, r->host_swap_in,
		       r->guest_rereads, r->transitions,
		       r->host_resident_peak, r->data_errors);
	}

	printf("\n%-7s %12s %12s %12s %12s %13s %13s\n", "policy",
	       "disk reads", "disk writes", "swap out", "swap in",
	       "host dropped", "(of which V)");
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		const struct sim_result *r = &res[p];

		if (!(cfg->policies & (1u << p)))
			continue;
		printf("%-7s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12"
		       PRIu64 " %13" PRIu64 " %13" PRIu64 "\n",
		       sim_policy_name(p), r->guest_disk_reads,
		       r->guest_disk_writes, r->guest_swap_out,
		       r->guest_swap_in,
		       r->host_dropped_unused + r->host_dropped_volatile,
		       r->host_dropped_volatile);
	}
	printf("(guest I/O above: what each policy costs the guest; "
	       "rereads are included in disk reads and swap in)\n");

	if ((cfg->policies & 1u << SIM_POL_NONE) &&
	    host_io(&res[SIM_POL_NONE])) {
		printf("\nhost I/O relative to none:");
		for (p = 1; p < SIM_NR_POLICIES; p++)
			if (cfg->policies & (1u << p))
				printf(" %s %.1f%%", sim_policy_name(p),
				       100.0 * (double)host_io(&res[p]) /
				       (double)host_io(&res[SIM_POL_NONE]));
		printf("\n");
	}
}
