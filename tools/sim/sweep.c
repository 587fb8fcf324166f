// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * sweep.c - --sweep: every policy over seeds x host sizes x workload mixes.
 * It prints, per mix and host size, the median over the seeds of each
 * policy's host I/O and total cost relative to none, lists every
 * configuration where a free-page policy paged more than none, and fails
 * (exit 1) on any data error or failed call, or if full ever did more host
 * I/O than none.
 */
#include <inttypes.h>	/* PRIu64 */
#include <stdio.h>	/* printf */
#include <stdlib.h>	/* calloc, free, qsort */

#include "sim.h"

struct sweep_mix {
	const char *name;
	uint32_t file, anon, free, write_pct;
	enum sim_pattern pattern;
	uint32_t anon_quarters;	/* anonymous memory, quarters of the guest */
	bool lazy;
};

/* The default workload and each knob README.md's "Knobs" table turns. */
static const struct sweep_mix mixes[] = {
	{ "default", 70, 27, 3, 10, SIM_PAT_ZIPF, 1, false },
	{ "window", 70, 27, 3, 10, SIM_PAT_WINDOW, 1, false },
	{ "write-heavy", 70, 27, 3, 40, SIM_PAT_ZIPF, 1, false },
	{ "file-only", 100, 0, 0, 10, SIM_PAT_ZIPF, 1, false },
	{ "anon-heavy", 20, 70, 10, 10, SIM_PAT_ZIPF, 3, false },
	{ "free-heavy", 40, 30, 30, 10, SIM_PAT_ZIPF, 1, false },
	{ "lazy-unused", 70, 27, 3, 10, SIM_PAT_ZIPF, 1, true },
};

/* Host memory for the guest, in percent of guest memory. */
static const uint32_t shares[] = { 25, 50, 90 };

#define NMIX	(sizeof(mixes) / sizeof(mixes[0]))
#define NSHARE	(sizeof(shares) / sizeof(shares[0]))

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, uint32_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* @a relative to @b; 1 when both are 0, so "no I/O either way" is even. */
static double ratio(double a, double b)
{
	if (b == 0)
		return a == 0 ? 1.0 : 1e9;
	return a / b;
}

struct sweep_totals {
	uint64_t runs, data_errors, api_errors, full_worse;
	uint64_t loses[SIM_NR_POLICIES];	/* more host I/O than none */
};

static void configure(struct sim_config *cfg, const struct sim_config *base,
		      const struct sweep_mix *m, uint32_t share, uint64_t seed)
{
	*cfg = *base;
	cfg->seed = seed;
	cfg->mix_file = m->file;
	cfg->mix_anon = m->anon;
	cfg->mix_free = m->free;
	cfg->write_pct = m->write_pct;
	cfg->pattern = m->pattern;
	cfg->lazy_unused = m->lazy;
	cfg->anon_pages = cfg->pages * m->anon_quarters / 4;
	cfg->file_blocks = cfg->pages * 2;
	cfg->host_frames = cfg->pages * share / 100;
	cfg->warmup = cfg->steps / 5;
	cfg->policies = (1u << SIM_NR_POLICIES) - 1;
	cfg->quiet = true;
}

/* One seed of one configuration; 0, or -1 when a run could not start. */
static int sweep_one(const struct sim_config *cfg, const char *where,
		     double io[SIM_NR_POLICIES], double cost[SIM_NR_POLICIES],
		     struct sweep_totals *t)
{
	struct sim_result res[SIM_NR_POLICIES];
	uint64_t none_io;
	uint32_t p;
	int ret = 0;

	for (p = 0; p < SIM_NR_POLICIES; p++) {
		if (sim_run(cfg, p, &res[p], NULL)) {
			fprintf(stderr, "pagestates-sim: %s: policy %s failed "
				"to run\n", where, sim_policy_name(p));
			while (p--)
				free(res[p].resident);
			return -1;
		}
		free(res[p].resident);
	}
	none_io = sim_host_io(&res[SIM_POL_NONE]);
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		const struct sim_result *r = &res[p];

		t->runs++;
		io[p] = ratio((double)sim_host_io(r), (double)none_io);
		cost[p] = ratio(sim_cost_ms(cfg, r),
				sim_cost_ms(cfg, &res[SIM_POL_NONE]));
		if (r->data_errors || r->api_errors) {
			printf("  FAIL %s: %s has %" PRIu64 " data errors, %"
			       PRIu64 " failed calls\n", where,
			       sim_policy_name(p), r->data_errors,
			       r->api_errors);
			t->data_errors += r->data_errors;
			t->api_errors += r->api_errors;
		}
		if (sim_host_io(r) <= none_io)
			continue;
		t->loses[p]++;
		if (p == SIM_POL_FULL) {
			t->full_worse++;
			printf("  FAIL %s: full host I/O %" PRIu64 " > none %"
			       PRIu64 "\n", where, sim_host_io(r), none_io);
		} else {
			printf("  %s loses %s: host I/O %" PRIu64 " vs none %"
			       PRIu64 " (%.1f%%)\n", sim_policy_name(p),
			       where, sim_host_io(r), none_io, 100 * io[p]);
		}
	}
	return ret;
}

int sim_sweep(const struct sim_config *base)
{
	uint32_t n = base->sweep_seeds, mi, si, k, p;
	double *io[SIM_NR_POLICIES], *cost[SIM_NR_POLICIES];
	double med_io[SIM_NR_POLICIES], med_cost[SIM_NR_POLICIES];
	double one_io[SIM_NR_POLICIES], one_cost[SIM_NR_POLICIES];
	struct sweep_totals t = { 0 };
	struct sim_config cfg;
	char where[96];
	int status = 0;

	for (p = 0; p < SIM_NR_POLICIES; p++) {
		io[p] = calloc(n, sizeof(double));
		cost[p] = calloc(n, sizeof(double));
		if (!io[p] || !cost[p]) {
			fprintf(stderr, "pagestates-sim: out of memory\n");
			return 1;
		}
	}
	printf("sweep: %" PRIu64 " pages, %" PRIu64 " steps, seeds %" PRIu64
	       "..%" PRIu64 ", host at 25/50/90%% of the guest\n",
	       base->pages, base->steps, base->seed, base->seed + n - 1);
	for (p = 1; p < SIM_NR_POLICIES; p++)
		printf("  %-10s %s\n", sim_policy_name(p), sim_policy_what(p));
	printf("medians over the seeds, relative to none; cost: all host and "
	       "guest I/O at %u us a page, exits at %u ns\n\n", base->io_us,
	       base->exit_ns);

	for (mi = 0; mi < NMIX; mi++) {
		for (si = 0; si < NSHARE; si++) {
			for (k = 0; k < n; k++) {
				configure(&cfg, base, &mixes[mi], shares[si],
					  base->seed + k);
				snprintf(where, sizeof(where),
					 "%s host %u%% seed %" PRIu64,
					 mixes[mi].name, shares[si], cfg.seed);
				if (sweep_one(&cfg, where, one_io, one_cost,
					      &t)) {
					status = 1;
					goto out;
				}
				for (p = 0; p < SIM_NR_POLICIES; p++) {
					io[p][k] = one_io[p];
					cost[p][k] = one_cost[p];
				}
			}
			for (p = 0; p < SIM_NR_POLICIES; p++) {
				med_io[p] = median(io[p], n);
				med_cost[p] = median(cost[p], n);
			}
			printf("%-12s host %2u%%  host I/O: unused-fpr %6.1f%%"
			       "  unused %6.1f%%  full %6.1f%%   cost: "
			       "unused-fpr %6.1f%%  unused %6.1f%%  full "
			       "%6.1f%%\n", mixes[mi].name, shares[si],
			       100 * med_io[SIM_POL_FPR],
			       100 * med_io[SIM_POL_UNUSED],
			       100 * med_io[SIM_POL_FULL],
			       100 * med_cost[SIM_POL_FPR],
			       100 * med_cost[SIM_POL_UNUSED],
			       100 * med_cost[SIM_POL_FULL]);
			fflush(stdout);
		}
	}

	printf("\n%u configurations x %u seeds: %" PRIu64 " runs, %" PRIu64
	       " data errors, %" PRIu64 " failed calls\n", (unsigned)(NMIX *
	       NSHARE), n, t.runs, t.data_errors, t.api_errors);
	printf("more host I/O than none: unused-fpr %" PRIu64 ", unused %"
	       PRIu64 ", full %" PRIu64 " of %u\n", t.loses[SIM_POL_FPR],
	       t.loses[SIM_POL_UNUSED], t.loses[SIM_POL_FULL],
	       (unsigned)(NMIX * NSHARE) * n);
	if (t.data_errors || t.api_errors || t.full_worse)
		status = 1;
	printf("sweep %s\n", status ? "FAILED" : "passed");
out:
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		free(io[p]);
		free(cost[p]);
	}
	return status;
}
