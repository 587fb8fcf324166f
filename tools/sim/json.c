// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * json.c - --json: exactly one JSON object on stdout, integer counters per
 * policy, for scripts and the tests.
 */
#include <inttypes.h>	/* PRIu64 */
#include <stdio.h>	/* printf */

#include "sim.h"

static void field(const char *name, uint64_t v, bool *first)
{
	printf("%s\"%s\":%" PRIu64, *first ? "" : ",", name, v);
	*first = false;
}

static void policy_object(const struct sim_config *cfg,
			  const struct sim_result *r)
{
	bool first = true;

	printf("{");
	field("host_swap_out", r->host_swap_out, &first);
	field("host_swap_in", r->host_swap_in, &first);
	field("host_swap_out_clean", r->host_swap_out_clean, &first);
	field("host_faults", r->host_faults, &first);
	field("exits", sim_exits(r), &first);
	field("cost_us", (uint64_t)(sim_cost_ms(cfg, r) * 1e3 + 0.5), &first);
	field("fpr_reports", r->fpr_reports, &first);
	field("guest_rereads", r->guest_rereads, &first);
	field("transitions", r->transitions, &first);
	field("host_resident_peak", r->host_resident_peak, &first);
	field("data_errors", r->data_errors, &first);
	field("api_errors", r->api_errors, &first);
	field("host_dropped_unused", r->host_dropped_unused, &first);
	field("host_dropped_volatile", r->host_dropped_volatile, &first);
	field("guest_disk_reads", r->guest_disk_reads, &first);
	field("guest_disk_writes", r->guest_disk_writes, &first);
	field("guest_swap_out", r->guest_swap_out, &first);
	field("guest_swap_in", r->guest_swap_in, &first);
	field("hints_unused", r->hints_unused, &first);
	field("hints_volatile", r->hints_volatile, &first);
	field("refused", r->refused, &first);
	field("discards_found", r->discards_found, &first);
	field("core_rereads", r->core_rereads, &first);
	field("cancelled", r->cancelled, &first);
	printf("}");
}

void sim_report_json(const struct sim_config *cfg,
		     const struct sim_result *res)
{
	const char *sep = "";
	uint32_t p;

	printf("{\"seed\":%" PRIu64 ",\"pages\":%" PRIu64
	       ",\"host_frames\":%" PRIu64 ",\"steps\":%" PRIu64
	       ",\"policies\":{", cfg->seed, cfg->pages, cfg->host_frames,
	       cfg->steps);
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		if (!(cfg->policies & (1u << p)))
			continue;
		printf("%s\"%s\":", sep, sim_policy_name(p));
		policy_object(cfg, &res[p]);
		sep = ",";
	}
	printf("}}\n");
}
