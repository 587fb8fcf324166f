// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_glue.c - what the kernel series' inline hooks cost where the
 * answer is no, in ns per operation: a release_pages()-style put of an
 * active page-cache folio and of an anonymous one, a lookup of a folio
 * that was never offered, an unlock.  Each loop runs compiled without
 * the hooks (the baseline, same run), with the hooks and the static keys
 * off (the noop port), and with the keys on (a real port).  7 repeats,
 * medians.  The stub's static key is a load and a test where the kernel
 * patches a nop, so "keys off" is an upper bound.
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime */

#include <linux/page-states.h>

#include <stdio.h>	/* printf */
#include <stdlib.h>	/* calloc */

#include "glue_loops.h"
#include "lps_bench.h"	/* CPU time, median */

#define NFOLIOS		4096u
#define PASSES		512u
#define REPEATS		7

DEFINE_STATIC_KEY_FALSE(page_states_unused_key);
DEFINE_STATIC_KEY_FALSE(page_states_volatile_key);

/* The slow paths: never reached by these folios; counted to prove it. */
static unsigned long slow_calls;

void __page_states_free(struct page *page, unsigned int order)
{
	(void)page;
	(void)order;
	slow_calls++;
}

void __page_states_alloc(struct page *page, unsigned int order)
{
	(void)page;
	(void)order;
	slow_calls++;
}

void __page_states_make_stable(struct folio *folio,
			       enum page_states_point point)
{
	(void)folio;
	(void)point;
	slow_calls++;
}

void __page_states_cold(struct folio *folio, unsigned int refs,
			enum page_states_point point)
{
	(void)folio;
	(void)refs;
	(void)point;
	slow_calls++;
}

void __page_states_reread(struct folio *folio)
{
	(void)folio;
	slow_calls++;
}

void __page_states_swap_reread(struct folio *folio)
{
	(void)folio;
	slow_calls++;
}

typedef void (*glue_loop)(struct folio *f, size_t n);

static double ns_per_op(glue_loop fn, struct folio *f)
{
	double v[REPEATS], t0;
	unsigned int r, p;

	for (r = 0; r < REPEATS; r++) {
		t0 = lps_bench_cpu_ns();
		for (p = 0; p < PASSES; p++)
			fn(f, NFOLIOS);
		v[r] = (lps_bench_cpu_ns() - t0) / ((double)PASSES * NFOLIOS);
	}
	return lps_bench_median(v, REPEATS);
}

static void fill(struct folio *f, unsigned long flags, int anon)
{
	unsigned int i;

	for (i = 0; i < NFOLIOS; i++) {
		f[i].flags = flags;
		f[i].mapping = anon ? NULL : (struct address_space *)0x1000;
		f[i]._mapcount.counter = -1;
		f[i]._refcount.counter = 2;	/* the cache's and the caller's */
	}
}

static void row(const char *what, glue_loop off, glue_loop on,
		struct folio *f)
{
	double base, keys_off, keys_on;

	base = ns_per_op(off, f);
	page_states_volatile_key.enabled = 0;
	keys_off = ns_per_op(on, f);
	page_states_volatile_key.enabled = 1;
	keys_on = ns_per_op(on, f);
	printf("%-26s %9.2f %9.2f %9.2f %+9.2f %+9.2f\n", what, base,
	       keys_off, keys_on, keys_off - base, keys_on - base);
}

int main(void)
{
	struct folio *f = calloc(NFOLIOS, sizeof(*f));
	unsigned long cache = BIT(PG_uptodate) | BIT(PG_lru);

	if (!f)
		return 1;
	printf("ns per operation, %u folios x %u passes, median of %d\n",
	       NFOLIOS, PASSES, REPEATS);
	printf("%-26s %9s %9s %9s %9s %9s\n", "operation", "no hooks",
	       "keys off", "keys on", "d(off)", "d(on)");
	fill(f, cache | BIT(PG_active), 0);
	row("put, active page cache", glue_release_off, glue_release_on, f);
	fill(f, cache | BIT(PG_swapbacked), 1);
	row("put, anonymous", glue_release_off, glue_release_on, f);
	fill(f, cache | BIT(PG_active), 0);
	row("lookup, never offered", glue_lookup_off, glue_lookup_on, f);
	fill(f, cache | BIT(PG_locked), 0);
	row("unlock, not discarded", glue_unlock_off, glue_unlock_on, f);
	printf("slow-path calls: %lu (must be 0)\n", slow_calls);
	free(f);
	return slow_calls ? 1 : 0;
}
