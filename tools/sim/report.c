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
		[SIM_POL_FPR] = "unused-fpr",
		[SIM_POL_UNUSED] = "unused",
		[SIM_POL_FULL] = "full",
	};

	return pol < SIM_NR_POLICIES ? names[pol] : "?";
}

const char *sim_policy_what(enum sim_policy pol)
{
	static const char *const what[SIM_NR_POLICIES] = {
		[SIM_POL_NONE] = "no hints; the host can only swap",
		[SIM_POL_FPR] = "free page reporting as in Linux: free 2 MiB "
				"blocks, 2 s late",
		[SIM_POL_UNUSED] = "every free page at once (ideal; s390 CMMA)",
		[SIM_POL_FULL] = "free pages, and clean page and swap cache as "
				 "volatile",
	};

	return pol < SIM_NR_POLICIES ? what[pol] : "?";
}

/* Host paging I/O in pages: what the host wrote to and read from swap. */
uint64_t sim_host_io(const struct sim_result *r)
{
	return r->host_swap_out + r->host_swap_in;
}

/* Guest-to-host transitions: hint calls, and faults on host memory. */
uint64_t sim_exits(const struct sim_result *r)
{
	return r->transitions + r->host_faults;
}

/*
 * What a policy costs in all, in milliseconds: every page of I/O on either
 * side (host swap, guest disk and guest swap) and every exit, at the
 * configured unit costs.
 */
double sim_cost_ms(const struct sim_config *cfg, const struct sim_result *r)
{
	uint64_t io = sim_host_io(r) + r->guest_disk_reads +
		      r->guest_disk_writes + r->guest_swap_out +
		      r->guest_swap_in;

	return (double)io * cfg->io_us / 1e3 +
	       (double)sim_exits(r) * cfg->exit_ns / 1e6;
}

void sim_report_table(const struct sim_config *cfg,
		      const struct sim_result *res)
{
	uint32_t p;

	printf("guest %" PRIu64 " pages, host %" PRIu64 " frames, %" PRIu64
	       " steps of %u ops (first %" PRIu64 " are warm-up), seed %"
	       PRIu64 "\n\n", cfg->pages, cfg->host_frames, cfg->steps,
	       cfg->ops_per_step, cfg->warmup, cfg->seed);
	for (p = 0; p < SIM_NR_POLICIES; p++)
		if (cfg->policies & (1u << p))
			printf("  %-10s %s\n", sim_policy_name(p),
			       sim_policy_what(p));
	printf("\n%-10s %13s %12s %12s %13s %11s %12s %11s\n", "policy",
	       "host swap-out", "(no write)", "host swap-in",
	       "guest rereads", "hint calls", "host faults", "data errors");
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		const struct sim_result *r = &res[p];

		if (!(cfg->policies & (1u << p)))
			continue;
		printf("%-10s %13" PRIu64 " %12" PRIu64 " %12" PRIu64 " %13"
		       PRIu64 " %11" PRIu64 " %12" PRIu64 " %11" PRIu64 "\n",
		       sim_policy_name(p), r->host_swap_out,
		       r->host_swap_out_clean, r->host_swap_in,
		       r->guest_rereads, r->transitions, r->host_faults,
		       r->data_errors);
	}
	printf("(swap-out counts writes; \"no write\": paged out while host "
	       "swap still held the page.\n hint calls and host faults are "
	       "the guest's exits to the host.)\n");

	printf("\n%-10s %12s %12s %12s %12s %13s %13s\n", "policy",
	       "disk reads", "disk writes", "swap out", "swap in",
	       "host dropped", "(of which V)");
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		const struct sim_result *r = &res[p];

		if (!(cfg->policies & (1u << p)))
			continue;
		printf("%-10s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12"
		       PRIu64 " %13" PRIu64 " %13" PRIu64 "\n",
		       sim_policy_name(p), r->guest_disk_reads,
		       r->guest_disk_writes, r->guest_swap_out,
		       r->guest_swap_in,
		       r->host_dropped_unused + r->host_dropped_volatile,
		       r->host_dropped_volatile);
	}
	printf("(guest I/O above: what each policy costs the guest; "
	       "rereads are included in disk reads and swap in)\n");

	printf("\n%-10s %12s %12s %14s %14s\n", "policy", "host I/O",
	       "exits", "cost (ms)", "peak resident");
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		const struct sim_result *r = &res[p];

		if (!(cfg->policies & (1u << p)))
			continue;
		printf("%-10s %12" PRIu64 " %12" PRIu64 " %14.1f %14" PRIu64
		       "\n", sim_policy_name(p), sim_host_io(r), sim_exits(r),
		       sim_cost_ms(cfg, r), r->host_resident_peak);
	}
	printf("(cost: every page of host and guest I/O at %u us, every exit "
	       "at %u ns)\n", cfg->io_us, cfg->exit_ns);

	if ((cfg->policies & 1u << SIM_POL_NONE) &&
	    sim_host_io(&res[SIM_POL_NONE])) {
		printf("\nrelative to none, host I/O:");
		for (p = 1; p < SIM_NR_POLICIES; p++)
			if (cfg->policies & (1u << p))
				printf(" %s %.1f%%", sim_policy_name(p),
				       100.0 * (double)sim_host_io(&res[p]) /
				       (double)sim_host_io(&res[SIM_POL_NONE]));
		printf("\nrelative to none, cost:    ");
		for (p = 1; p < SIM_NR_POLICIES; p++)
			if (cfg->policies & (1u << p))
				printf(" %s %.1f%%", sim_policy_name(p),
				       100.0 * sim_cost_ms(cfg, &res[p]) /
				       sim_cost_ms(cfg, &res[SIM_POL_NONE]));
		printf("\n");
	}
}
