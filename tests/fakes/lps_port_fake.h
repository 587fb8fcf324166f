/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_fake.h - a recording port for tests: it logs every call, keeps
 * its own per-frame host state through lps_transition(), and can be told
 * to stop early (-LPS_EAGAIN), fail hard, or report frames discarded.
 *
 * Safe to call from several threads at once (the thread tests do): host
 * states and the log are updated with atomics, the knobs must be set
 * before the threads start.
 */
#ifndef LPS_PORT_FAKE_H
#define LPS_PORT_FAKE_H

#include <pagestates/pagestates.h>	/* struct lps_port_ops, lps_fstate_t */

enum lps_fake_op {
	LPS_FAKE_PROBE,
	LPS_FAKE_SUBMIT,
	LPS_FAKE_MAKE_STABLE,
	LPS_FAKE_GET_STATE,
	LPS_FAKE_HINT,
};

struct lps_fake_call {
	enum lps_fake_op op;
	uint64_t pfn, count;	/* make_stable, get_state, hint */
	uint32_t first;		/* submit: index of the first logged range */
	uint32_t offered;	/* submit: ranges from the cursor on */
	uint32_t applied;	/* submit: ranges the fake applied */
	int ret;
};

struct lps_port_fake {
	struct lps_port_ops ops;	/* hand &ops and the fake as ctx */
	uint64_t nframes;
	lps_fstate_t *host;		/* the host's view of every frame */

	/* Knobs. */
	int eagain_after;	/* >= 0: apply this many ranges, then EAGAIN */
	int eagain_times;	/* EAGAIN answers left; < 0: unlimited */
	int fail_after;		/* >= 0: apply this many ranges, then fail */
	int fail_code;		/* what that failure returns */
	int make_stable_ret;	/* nonzero: make_stable answers this */

	/* Log; calls past the capacity are counted, not stored. */
	struct lps_fake_call *calls;
	uint32_t ncalls, calls_cap;
	struct lps_range *ranges;	/* host byte order */
	uint32_t nranges, ranges_cap;

	uint64_t rejects;	/* hinted frames the table refused */
	uint64_t bad_batches;	/* malformed descriptors seen */
};

/* Every frame stable and resident; log room for @log_cap calls. */
int lps_fake_init(struct lps_port_fake *f, uint64_t nframes, uint32_t caps,
		  uint32_t log_cap);
void lps_fake_fini(struct lps_port_fake *f);
void lps_fake_clear_log(struct lps_port_fake *f);

/* The host drops one frame's content; returns lps_transition()'s answer. */
int lps_fake_discard(struct lps_port_fake *f, uint64_t pfn);

/* Memory pressure: drop every frame the table lets the host drop. */
uint64_t lps_fake_pressure(struct lps_port_fake *f);

/*
 * The direct path (lps_port_ops.hint); not in the fake's ops unless a test
 * puts it there, before lps_guest_init().
 */
int lps_fake_hint(void *ctx, uint64_t pfn, uint64_t count,
		  enum lps_usage usage);

lps_fstate_t lps_fake_state(const struct lps_port_fake *f, uint64_t pfn);

#endif /* LPS_PORT_FAKE_H */
