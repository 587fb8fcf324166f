// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_port_fake.c - the recording port the unit and thread tests drive the
 * core against.
 */
#include "lps_port_fake.h"

#include <stdlib.h>	/* calloc, free */

/* Apply @ev to one frame; lock-free, so threads may race on neighbours. */
static int fake_apply(struct lps_port_fake *f, uint64_t pfn,
		      enum lps_event ev)
{
	lps_fstate_t cur = __atomic_load_n(&f->host[pfn], __ATOMIC_RELAXED);
	lps_fstate_t next;
	int ret;

	do {
		ret = lps_transition(cur, ev, &next);
		if (ret < 0)
			return ret;
	} while (!__atomic_compare_exchange_n(&f->host[pfn], &cur, next, 0,
					      __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	return ret;
}

static struct lps_fake_call *fake_log(struct lps_port_fake *f,
				      enum lps_fake_op op)
{
	uint32_t i = __atomic_fetch_add(&f->ncalls, 1, __ATOMIC_RELAXED);
	struct lps_fake_call *c;

	if (i >= f->calls_cap)
		return NULL;
	c = &f->calls[i];
	c->op = op;
	return c;
}

static int fake_probe(void *ctx)
{
	struct lps_fake_call *c = fake_log(ctx, LPS_FAKE_PROBE);

	if (c)
		c->ret = 0;
	return 0;
}

static bool fake_take_eagain(struct lps_port_fake *f)
{
	int left = __atomic_load_n(&f->eagain_times, __ATOMIC_RELAXED);

	while (left) {
		if (left < 0)
			return true;
		if (__atomic_compare_exchange_n(&f->eagain_times, &left,
						left - 1, 0, __ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return true;
	}
	return false;
}

static int fake_check_range(struct lps_port_fake *f, const struct lps_range *r)
{
	uint64_t pfn = lps_le64(r->pfn);
	uint32_t count = lps_le32(r->count);
	uint32_t usage = lps_le32(r->usage);

	if (!count || pfn >= f->nframes || count > f->nframes - pfn ||
	    usage == LPS_STABLE || usage >= LPS_NR_USAGE)
		return -LPS_EPROTO;
	return 0;
}

static void fake_apply_range(struct lps_port_fake *f, const struct lps_range *r)
{
	static const enum lps_event ev[LPS_NR_USAGE] = {
		[LPS_UNUSED] = LPS_EV_SET_UNUSED,
		[LPS_VOLATILE] = LPS_EV_SET_VOLATILE,
		[LPS_POT_VOLATILE] = LPS_EV_SET_POT_VOLATILE,
	};
	uint64_t pfn = lps_le64(r->pfn);
	uint32_t count = lps_le32(r->count);
	uint32_t usage = lps_le32(r->usage);
	uint32_t i;

	for (i = 0; i < count; i++)
		if (fake_apply(f, pfn + i, ev[usage]) < 0)
			__atomic_fetch_add(&f->rejects, 1, __ATOMIC_RELAXED);
}

int lps_fake_hint(void *ctx, uint64_t pfn, uint64_t count,
		  enum lps_usage usage)
{
	struct lps_port_fake *f = ctx;
	struct lps_fake_call *c = fake_log(f, LPS_FAKE_HINT);
	struct lps_range r = {
		.pfn = lps_le64(pfn),
		.count = lps_le32((uint32_t)count),
		.usage = lps_le32((uint32_t)usage),
	};
	int ret = count > 0xffffffffu ? -LPS_EPROTO : fake_check_range(f, &r);

	if (!ret)
		fake_apply_range(f, &r);
	if (c) {
		c->pfn = pfn;
		c->count = count;
		c->ret = ret;
	}
	return ret;
}

static int fake_submit(void *ctx, struct lps_batch *b)
{
	struct lps_port_fake *f = ctx;
	struct lps_fake_call *c = fake_log(f, LPS_FAKE_SUBMIT);
	uint16_t nr = lps_le16(b->hdr.nr);
	uint16_t k = lps_le16(b->hdr.cursor);
	uint32_t first = 0, applied = 0;
	int ret = 0;

	if (lps_le32(b->hdr.magic) != LPS_BATCH_MAGIC ||
	    lps_le16(b->hdr.version) != LPS_BATCH_VERSION || b->hdr.flags ||
	    b->hdr.reserved || nr > LPS_BATCH_MAX_RANGES || k > nr) {
		__atomic_fetch_add(&f->bad_batches, 1, __ATOMIC_RELAXED);
		ret = -LPS_EPROTO;
		goto out;
	}
	if (c) {
		first = __atomic_fetch_add(&f->nranges, nr - k,
					   __ATOMIC_RELAXED);
		c->first = first;
		c->offered = nr - k;
	}
	for (uint16_t i = k; i < nr; i++) {
		if (f->ranges && c && first + (i - k) < f->ranges_cap) {
			struct lps_range *lr = &f->ranges[first + (i - k)];

			lr->pfn = lps_le64(b->range[i].pfn);
			lr->count = lps_le32(b->range[i].count);
			lr->usage = lps_le32(b->range[i].usage);
		}
	}
	for (; k < nr; k++) {
		if (fake_check_range(f, &b->range[k])) {
			__atomic_fetch_add(&f->bad_batches, 1,
					   __ATOMIC_RELAXED);
			ret = -LPS_EPROTO;
			break;
		}
		if (f->fail_after >= 0 && applied == (uint32_t)f->fail_after) {
			ret = f->fail_code;
			break;
		}
		if (f->eagain_after >= 0 &&
		    applied == (uint32_t)f->eagain_after &&
		    fake_take_eagain(f)) {
			ret = -LPS_EAGAIN;
			break;
		}
		fake_apply_range(f, &b->range[k]);
		applied++;
	}
	b->hdr.cursor = lps_le16(k);
out:
	if (c) {
		c->applied = applied;
		c->ret = ret;
	}
	return ret;
}

static int fake_make_stable(void *ctx, uint64_t pfn, uint64_t count)
{
	struct lps_port_fake *f = ctx;
	struct lps_fake_call *c = fake_log(f, LPS_FAKE_MAKE_STABLE);
	int ret = 0;

	if (!count || pfn >= f->nframes || count > f->nframes - pfn) {
		ret = -LPS_ERANGE;
	} else if (f->make_stable_ret) {
		ret = f->make_stable_ret;
	} else {
		for (uint64_t i = pfn; i < pfn + count; i++)
			if (fake_apply(f, i, LPS_EV_SET_STABLE) ==
			    LPS_R_DISCARDED)
				ret = LPS_R_DISCARDED;
	}
	if (c) {
		c->pfn = pfn;
		c->count = count;
		c->ret = ret;
	}
	return ret;
}

static int fake_get_state(void *ctx, uint64_t pfn, lps_fstate_t *out)
{
	struct lps_port_fake *f = ctx;
	struct lps_fake_call *c = fake_log(f, LPS_FAKE_GET_STATE);
	int ret = 0;

	if (pfn >= f->nframes || !out)
		ret = -LPS_ERANGE;
	else
		*out = __atomic_load_n(&f->host[pfn], __ATOMIC_RELAXED);
	if (c) {
		c->pfn = pfn;
		c->count = 1;
		c->ret = ret;
	}
	return ret;
}

int lps_fake_init(struct lps_port_fake *f, uint64_t nframes, uint32_t caps,
		  uint32_t log_cap)
{
	*f = (struct lps_port_fake){
		.ops = {
			.name = "fake",
			.caps = caps,
			.probe = fake_probe,
			.submit = fake_submit,
			.make_stable = fake_make_stable,
			.get_state = (caps & LPS_CAP_GET_STATE) ?
				     fake_get_state : NULL,
		},
		.nframes = nframes,
		.eagain_after = -1,
		.eagain_times = -1,
		.fail_after = -1,
		.fail_code = -LPS_EIO,
		.calls_cap = log_cap,
		.ranges_cap = log_cap * 4,
	};
	/* calloc: every frame starts stable, resident and clean (0). */
	f->host = calloc(nframes ? nframes : 1, sizeof(*f->host));
	if (log_cap) {
		f->calls = calloc(log_cap, sizeof(*f->calls));
		f->ranges = calloc(f->ranges_cap, sizeof(*f->ranges));
	}
	if (!f->host || (log_cap && (!f->calls || !f->ranges))) {
		lps_fake_fini(f);
		return -LPS_ENOSPC;
	}
	return 0;
}

void lps_fake_fini(struct lps_port_fake *f)
{
	free(f->host);
	free(f->calls);
	free(f->ranges);
	f->host = NULL;
	f->calls = NULL;
	f->ranges = NULL;
}

void lps_fake_clear_log(struct lps_port_fake *f)
{
	f->ncalls = 0;
	f->nranges = 0;
}

int lps_fake_discard(struct lps_port_fake *f, uint64_t pfn)
{
	if (pfn >= f->nframes)
		return -LPS_ERANGE;
	return fake_apply(f, pfn, LPS_EV_HOST_DISCARD);
}

uint64_t lps_fake_pressure(struct lps_port_fake *f)
{
	uint64_t pfn, n = 0;

	for (pfn = 0; pfn < f->nframes; pfn++)
		if (fake_apply(f, pfn, LPS_EV_HOST_DISCARD) == 0)
			n++;
	return n;
}

lps_fstate_t lps_fake_state(const struct lps_port_fake *f, uint64_t pfn)
{
	return __atomic_load_n(&f->host[pfn], __ATOMIC_RELAXED);
}
