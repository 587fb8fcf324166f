// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_shmem_proof.c - every interleaving of a guest's and a host's atomic
 * steps on one frame or on a run of two, run through the real word steps
 * of lps_wire_shmem_word.h, with the protocol's invariants checked in
 * every state.
 *
 * The guest runs every legal script of make-stable, set-volatile,
 * set-unused and write-data, each on any frame; the host runs two drop
 * rounds, each claiming a run as host/shmem does (load and CAS each frame
 * in turn, cut the run at the first frame it cannot take, move the start
 * on while nothing is claimed yet), then one punch for the run, failed or
 * not, then per frame a load that verifies the claim and a plain store of
 * the commit or abort.  It may crash before any of its steps, and is then
 * replaced by a host of the next epoch that recovers frame by frame and
 * runs a round of its own.  Checked in every state: each word is
 * well-formed and the guest never holds stale or zero data as valid; at
 * every claim and punch, the guest had marked the frame unused or
 * volatile and not re-stabilised it; nobody writes a word between the
 * host's verifying load and its commit store; make-stable says
 * "discarded" when the content was dropped, and only then (a dead host's
 * claim resolved by the guest may say so conservatively); at the end no
 * claim is left.  Four broken protocols must be caught, so the checker is
 * shown to have teeth: a guest that breaks live claims, one that ignores
 * discards, a host that claims the rest of a run from what it read at the
 * run's start without re-checking each frame, and one that commits a run
 * before punching it.
 */
#include "lps_test.h"		/* LPS_CHECK, lps_test_done */
#include "shmem/lps_shmem_cas.h"	/* the steps under test */

enum gop { OP_END, OP_WRITE, OP_VOLATILE, OP_UNUSED, OP_STABLE };
#define OP_MASK		7
#define OP_FRAME_SHIFT	3	/* script entry: op | frame << 3 */

enum phase { P_DONE, P_ATTACH, P_RLOAD, P_RECOVER, P_LOAD, P_CLAIM,
	     P_PUNCH, P_CLOAD, P_CSTORE };

#define NF_MAX		2
#define MAX_SCRIPT	8
#define HOW		(LPS_SHMEM_DROP_UNUSED | LPS_SHMEM_DROP_VOLATILE)
#define MAX_DEPTH	96

/* Deliberately broken protocols the checker must catch. */
enum mutant { M_NONE, M_BREAK_LIVE_CLAIMS, M_IGNORE_DISCARD,
	      M_RUN_NO_RECHECK, M_COMMIT_BEFORE_PUNCH };

struct frame {
	uint32_t word;		/* the shared word, little-endian */
	int data;		/* content; 0 once punched */
	int g_holds;		/* made stable: the guest may use the data */
	int g_valid;		/* what the guest trusts; -1: junk */
	int g_backing;		/* what a re-read would give */
	int g_usage;		/* usage set by its last completed op */
	int punched;		/* dropped since the guest had it */
	int unknown;		/* dead host's claim, maybe unpunched */
};

struct host {
	uint8_t phase;
	uint8_t round;		/* run rounds done */
	uint8_t rf;		/* next frame to recover; nf: none left */
	uint8_t start, n;	/* the run: frames [start, start + n) */
	uint8_t cur;		/* frame of the run being committed */
	uint8_t failed;		/* this run's punch failed */
	uint8_t recovered;	/* this run is a dead host's claim */
	uint8_t punch_done;	/* the mutant's commit-first order */
	uint32_t old;		/* the word last loaded */
	uint32_t next;		/* the commit store's value */
	uint32_t seen[NF_MAX];	/* the mutant's one read of the run */
};

struct model {
	struct frame f[NF_MAX];
	uint32_t hdr_epoch;	/* the header's host_epoch */
	int g_op;		/* script index under way */
	int g_loaded;		/* g_old holds a loaded word */
	uint32_t g_old;
	int g_version;
	struct host h[2];
	int crashed;
};

struct explorer {
	const uint8_t *script;
	enum mutant mutant;
	int nf;			/* frames: 1, or 2 for runs */
	uint64_t runs;		/* distinct end states */
	uint64_t states;
	uint64_t violations;
	uint64_t guest_lost;	/* guest CASes that lost a race */
	uint64_t host_lost;	/* host claims or recoveries that lost one */
	uint64_t takeovers;	/* dead host's claims the guest resolved */
	uint64_t long_runs;	/* runs of more than one frame punched */
	uint64_t cut_runs;	/* runs cut after their first frame */
	int script_len;
	bool stop;		/* a mutant: the first violation is enough */
	uint64_t *seen;		/* hashes of the states explored */
	uint64_t seen_cap, seen_n;	/* slots (a power of 2), used */
	char trace[MAX_DEPTH];
	int depth;
};

static uint32_t word(const struct model *m, int f)
{
	uint32_t w = m->f[f].word;

	return lps_shmem_load(&w);
}

static void violation(struct explorer *x, const struct model *m,
		      const char *what, int line)
{
	if (!x->violations++ && x->mutant == M_NONE) {
		int i;

		x->trace[x->depth] = 0;
		fprintf(stderr, "line %d: %s\n  words", line, what);
		for (i = 0; i < x->nf; i++)
			fprintf(stderr, " %#x/%d", word(m, i), m->f[i].data);
		fprintf(stderr, " script ");
		for (i = 0; x->script[i] != OP_END; i++)
			fprintf(stderr, "%c%d", "-wvus"[x->script[i] & OP_MASK],
				x->script[i] >> OP_FRAME_SHIFT);
		fprintf(stderr, " moves %s\n", x->trace);
	}
}

#define PCHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			violation(x, m, #cond, __LINE__);		\
			return -1;					\
		}							\
	} while (0)

/* The frame may be dropped only if the guest let it go and still does. */
static int check_drop(struct explorer *x, const struct model *m, int f)
{
	PCHECK(!m->f[f].g_holds);
	PCHECK(m->f[f].g_usage == LPS_UNUSED ||
	       m->f[f].g_usage == LPS_VOLATILE);
	return 0;
}

/* Invariants of every state. */
static int check_state(struct explorer *x, const struct model *m)
{
	int f;

	for (f = 0; f < x->nf; f++) {
		const struct frame *fr = &m->f[f];

		PCHECK(lps_shmem_word_valid(word(m, f)));
		if (fr->g_holds && fr->g_valid >= 0)
			PCHECK(fr->data == fr->g_valid);
	}
	return 0;
}

/* ------------------------------------------------------------ the guest */

static int guest_next(const struct explorer *x, const struct model *m,
		      uint32_t old, enum lps_usage to, uint32_t *new_)
{
	uint32_t live = m->hdr_epoch;
	int ret;

	if (x->mutant == M_BREAK_LIVE_CLAIMS)
		live++;	/* every claim looks like a dead host's */
	ret = lps_shmem_guest_next(old, to, live, new_);
	if (x->mutant == M_IGNORE_DISCARD && ret == LPS_SHMEM_SET_DISCARDED)
		ret = LPS_SHMEM_SET;
	return ret;
}

static enum lps_usage op_usage(int op)
{
	return op == OP_STABLE ? LPS_STABLE :
	       op == OP_UNUSED ? LPS_UNUSED : LPS_VOLATILE;
}

/* Would the guest's next step only spin on a live claim? */
static bool guest_blocked(const struct explorer *x, const struct model *m)
{
	int op = x->script[m->g_op] & OP_MASK;
	int f = x->script[m->g_op] >> OP_FRAME_SHIFT;
	uint32_t n;

	if (op == OP_END || op == OP_WRITE || m->g_loaded)
		return false;
	return guest_next(x, m, word(m, f), op_usage(op), &n) ==
	       LPS_SHMEM_WAIT;
}

/* The guest finished an operation whose CAS took @old (or found SAME). */
static int guest_done(struct explorer *x, struct model *m, int f, int op,
		      int ret, uint32_t old)
{
	struct frame *fr = &m->f[f];
	bool took_over = old & LPS_SHMEM_W_CLAIM;

	switch (op) {
	case OP_STABLE:
		if (ret == LPS_SHMEM_SET_DISCARDED) {
			PCHECK(fr->punched || fr->unknown || took_over);
			fr->data = fr->g_backing;	/* re-read it */
			fr->g_valid = fr->g_backing;
		}
		fr->g_holds = 1;
		fr->g_usage = LPS_STABLE;
		fr->punched = 0;
		fr->unknown = 0;
		break;
	case OP_VOLATILE:
		PCHECK(fr->g_holds);
		fr->g_backing = fr->data;	/* a clean copy is on disk */
		fr->g_holds = 0;
		fr->g_usage = LPS_VOLATILE;
		break;
	case OP_UNUSED:
		fr->g_holds = 0;
		fr->g_valid = -1;
		fr->g_usage = LPS_UNUSED;
		break;
	}
	m->g_op++;
	m->g_loaded = 0;
	return 0;
}

static int guest_step(struct explorer *x, struct model *m)
{
	int op = x->script[m->g_op] & OP_MASK, ret;
	int f = x->script[m->g_op] >> OP_FRAME_SHIFT;
	struct frame *fr = &m->f[f];
	uint32_t old, n = 0;

	if (op == OP_WRITE) {
		PCHECK(fr->g_holds);
		fr->data = ++m->g_version;
		fr->g_valid = fr->data;
		fr->punched = 0;
		m->g_op++;
		return 0;
	}
	if (!m->g_loaded) {
		m->g_old = word(m, f);
		m->g_loaded = 1;
		return 0;
	}
	old = m->g_old;
	ret = guest_next(x, m, old, op_usage(op), &n);
	PCHECK(ret >= 0);
	if (ret == LPS_SHMEM_WAIT) {
		m->g_loaded = 0;	/* spin: reload */
		return 0;
	}
	if (ret == LPS_SHMEM_SAME)
		return guest_done(x, m, f, op, ret, old);
	if (!lps_shmem_cas(&fr->word, &old, n)) {
		x->guest_lost++;
		m->g_loaded = 0;
		return 0;
	}
	if (old & LPS_SHMEM_W_CLAIM)
		x->takeovers++;
	return guest_done(x, m, f, op, ret, old);
}

/* ------------------------------------------------------------- the host */

/* Host 0 (epoch 1) runs two rounds; host 1 recovers, then runs one. */
static int rounds_of(int h)
{
	return h ? 1 : 2;
}

static void begin_round(struct host *hs)
{
	hs->start = 0;
	hs->n = 0;
	hs->failed = 0;
	hs->recovered = 0;
	hs->punch_done = 0;
	hs->phase = P_LOAD;
}

/* A claim is done with (or was never had): what the host does next. */
static void end_round(const struct explorer *x, struct host *hs, int h)
{
	if (hs->rf < x->nf) {
		hs->rf++;
		hs->n = 0;
		hs->recovered = 0;
		hs->phase = P_RLOAD;
		if (hs->rf < x->nf)
			return;
		begin_round(hs);
		return;
	}
	if (++hs->round < rounds_of(h))
		begin_round(hs);
	else
		hs->phase = P_DONE;
}

/* The run is claimed (n >= 1): punch it, or in the mutant commit first. */
static void run_claimed(struct explorer *x, struct host *hs)
{
	if (hs->n > 1)
		x->long_runs++;
	hs->cur = 0;
	hs->phase = x->mutant == M_COMMIT_BEFORE_PUNCH ? P_CLOAD : P_PUNCH;
}

static int host_claim(struct explorer *x, struct model *m, int h,
		      uint32_t epoch)
{
	struct host *hs = &m->h[h];
	int f = hs->start + hs->n;
	uint32_t old = hs->old, n = 0;
	bool blind = x->mutant == M_RUN_NO_RECHECK && hs->n > 0;
	int ret;

	if (blind)
		old = hs->seen[f];	/* what the run's first load saw */
	ret = lps_shmem_claim_next(old, HOW, epoch, &n);
	PCHECK(ret == 0 || ret == -LPS_EBUSY);
	if (!ret && blind) {
		m->f[f].word = lps_le32(n);	/* no CAS: no re-check */
	} else if (!ret && !lps_shmem_cas(&m->f[f].word, &old, n)) {
		x->host_lost++;		/* the guest changed it first */
		ret = -LPS_EBUSY;
	}
	if (!ret) {
		if (check_drop(x, m, f))
			return -1;
		hs->n++;
		if (hs->start + hs->n < x->nf)
			hs->phase = P_LOAD;	/* the run goes on */
		else
			run_claimed(x, hs);
		return 0;
	}
	if (hs->n) {			/* cut: the run ends before @f */
		x->cut_runs++;
		run_claimed(x, hs);
	} else if (++hs->start < x->nf) {
		hs->phase = P_LOAD;	/* the scan moves on */
	} else {
		end_round(x, hs, h);
	}
	return 0;
}

static int host_punch(struct explorer *x, struct model *m, int h, int fail)
{
	struct host *hs = &m->h[h];
	int f;

	hs->failed = (uint8_t)fail;
	hs->punch_done = 1;
	if (!fail) {
		for (f = hs->start; f < hs->start + hs->n; f++) {
			if (check_drop(x, m, f))
				return -1;
			m->f[f].data = 0;
			if (m->f[f].g_usage == LPS_VOLATILE)
				m->f[f].punched = 1;
		}
	}
	if (hs->cur >= hs->n)		/* the mutant committed first */
		end_round(x, hs, h);
	else
		hs->phase = P_CLOAD;
	return 0;
}

/*
 * Verify: the claim must still be ours.  A dead host may have punched a
 * recovered frame already, so that one is committed even when our punch
 * failed.
 */
static int host_cload(struct explorer *x, struct model *m, int h,
		      uint32_t epoch)
{
	struct host *hs = &m->h[h];
	int f = hs->start + hs->cur, ret;

	hs->old = word(m, f);
	ret = hs->failed && !hs->recovered ?
	      lps_shmem_abort_next(hs->old, epoch, &hs->next) :
	      lps_shmem_commit_next(hs->old, epoch, &hs->next);
	PCHECK(ret == 0);
	hs->phase = P_CSTORE;
	return 0;
}

/* The commit store: a plain store, so nobody may have written since. */
static int host_cstore(struct explorer *x, struct model *m, int h)
{
	struct host *hs = &m->h[h];
	int f = hs->start + hs->cur;

	PCHECK(word(m, f) == hs->old);
	m->f[f].word = lps_le32(hs->next);
	if (hs->failed && hs->recovered)
		m->f[f].unknown = 1;
	if (!hs->failed && hs->punch_done && check_drop(x, m, f))
		return -1;
	if (++hs->cur < hs->n)
		hs->phase = P_CLOAD;
	else if (!hs->punch_done)
		hs->phase = P_PUNCH;	/* the mutant punches last */
	else
		end_round(x, hs, h);
	return 0;
}

/* @fail: the punch of this step fails (only read at P_PUNCH). */
static int host_step(struct explorer *x, struct model *m, int h, int fail)
{
	struct host *hs = &m->h[h];
	uint32_t epoch = (uint32_t)h + 1, n = 0;
	int f, ret;

	switch (hs->phase) {
	case P_ATTACH:
		m->hdr_epoch = epoch;
		hs->phase = P_RLOAD;
		break;
	case P_RLOAD:
		hs->old = word(m, hs->rf);
		hs->phase = P_RECOVER;
		break;
	case P_RECOVER:
		f = hs->rf;
		ret = lps_shmem_recover_next(hs->old, epoch, &n);
		PCHECK(ret == 0 || ret == -LPS_EBUSY);
		if (!ret && !lps_shmem_cas(&m->f[f].word, &hs->old, n)) {
			x->host_lost++;	/* the guest resolved it first */
			ret = -LPS_EBUSY;
		}
		if (ret) {
			end_round(x, hs, h);
			break;
		}
		hs->start = (uint8_t)f;
		hs->n = 1;
		hs->recovered = 1;
		hs->punch_done = 0;
		hs->cur = 0;
		hs->phase = P_PUNCH;
		break;
	case P_LOAD:
		f = hs->start + hs->n;
		hs->old = word(m, f);
		if (x->mutant == M_RUN_NO_RECHECK && !hs->n) {
			int k;

			for (k = f; k < x->nf; k++)
				hs->seen[k] = word(m, k);
		}
		hs->phase = P_CLAIM;
		break;
	case P_CLAIM:
		return host_claim(x, m, h, epoch);
	case P_PUNCH:
		return host_punch(x, m, h, fail);
	case P_CLOAD:
		return host_cload(x, m, h, epoch);
	case P_CSTORE:
		return host_cstore(x, m, h);
	}
	return 0;
}

/* ------------------------------------------------------- the explorer */

static uint64_t model_hash(const struct model *m)
{
	const unsigned char *p = (const unsigned char *)m;
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < sizeof(*m); i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return (h ^ (h >> 29)) | 1;	/* 0 marks a free slot */
}

/*
 * Has this state been explored before (for this script)?  Everything
 * that can happen from a state depends on the state alone, so exploring
 * it once covers every interleaving that leads there.  Kept as 64-bit
 * hashes (spin's hash compaction): two states sharing one is about as
 * likely as a cosmic ray in this run.
 */
static bool seen_before(struct explorer *x, const struct model *m)
{
	uint64_t h = model_hash(m), i;

	if (2 * (x->seen_n + 1) > x->seen_cap) {
		uint64_t *old = x->seen, cap = x->seen_cap, k;

		x->seen_cap = cap ? 2 * cap : 1u << 16;
		x->seen = calloc(x->seen_cap, sizeof(*x->seen));
		if (!x->seen) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
		for (k = 0; k < cap; k++) {
			if (!old[k])
				continue;
			for (i = old[k] & (x->seen_cap - 1); x->seen[i];
			     i = (i + 1) & (x->seen_cap - 1))
				;
			x->seen[i] = old[k];
		}
		free(old);
	}
	for (i = h & (x->seen_cap - 1); x->seen[i];
	     i = (i + 1) & (x->seen_cap - 1))
		if (x->seen[i] == h)
			return true;
	x->seen[i] = h;
	x->seen_n++;
	return false;
}

static void explore(struct explorer *x, const struct model *m);

static void move(struct explorer *x, const struct model *m, char tag,
		 int who, int arg)
{
	struct model n = *m;
	int ret;

	if (x->depth >= MAX_DEPTH - 1) {
		violation(x, m, "depth bound", __LINE__);
		return;
	}
	x->trace[x->depth++] = tag;
	if (who == 2) {
		ret = guest_step(x, &n);
	} else if (who == 3) {
		n.crashed = 1;
		ret = 0;
	} else {
		ret = host_step(x, &n, who, arg);
	}
	if (!ret)
		explore(x, &n);
	x->depth--;
}

static void explore(struct explorer *x, const struct model *m)
{
	bool g_live = x->script[m->g_op] != OP_END;
	bool h0 = !m->crashed && m->h[0].phase != P_DONE;
	bool h1 = m->crashed && m->h[1].phase != P_DONE;
	bool any = false;
	int f;

	if (x->stop && x->violations)
		return;
	if (seen_before(x, m))
		return;
	x->states++;
	if (check_state(x, m))
		return;
	if (g_live && !guest_blocked(x, m)) {
		move(x, m, 'g', 2, 0);
		any = true;
	}
	if (h0 || h1) {
		int h = h0 ? 0 : 1;

		move(x, m, h ? 'H' : 'h', h, 0);
		if (m->h[h].phase == P_PUNCH)
			move(x, m, h ? 'F' : 'f', h, 1);
		any = true;
	}
	if (h0) {
		move(x, m, 'x', 3, 0);
		any = true;
	}
	if (any)
		return;
	/* Terminal: everyone finished (or the guest is stuck). */
	x->runs++;
	if (g_live) {
		violation(x, m, "guest waits for ever", __LINE__);
		return;
	}
	for (f = 0; f < x->nf; f++)
		if (word(m, f) & LPS_SHMEM_W_CLAIM)
			violation(x, m, "a claim outlived every host",
				  __LINE__);
}

static void explore_script(struct explorer *x, const uint8_t *script)
{
	struct model m;
	int f;

	memset(&m, 0, sizeof(m));
	m.hdr_epoch = 1;
	m.g_version = 1;
	for (f = 0; f < x->nf; f++) {
		m.f[f].data = 1;
		m.f[f].g_holds = 1;
		m.f[f].g_valid = 1;
		m.f[f].g_usage = LPS_STABLE;
	}
	begin_round(&m.h[0]);
	m.h[0].rf = (uint8_t)x->nf;		/* host 0 recovers nothing */
	m.h[1].phase = P_ATTACH;
	x->script = script;
	x->depth = 0;
	if (x->seen)
		memset(x->seen, 0, x->seen_cap * sizeof(*x->seen));
	x->seen_n = 0;
	explore(x, &m);
}

/* Every legal guest script of script_len ops on any of the frames. */
static void each_script(struct explorer *x, uint8_t *s, int at,
			int *holds, int *usage, uint64_t *nscripts)
{
	int op, f;

	if (at == x->script_len) {
		s[at] = OP_END;
		explore_script(x, s);
		++*nscripts;
		return;
	}
	for (f = 0; f < x->nf; f++) {
		for (op = OP_WRITE; op <= OP_STABLE; op++) {
			int h = holds[f], u = usage[f];

			if ((op == OP_WRITE || op == OP_VOLATILE) && !h)
				continue;
			if (op == OP_UNUSED && u == LPS_UNUSED)
				continue;
			if (op == OP_STABLE && h)
				continue;
			s[at] = (uint8_t)(op | f << OP_FRAME_SHIFT);
			holds[f] = op == OP_STABLE || (op == OP_WRITE && h);
			usage[f] = op == OP_WRITE ? u : (int)op_usage(op);
			each_script(x, s, at + 1, holds, usage, nscripts);
			holds[f] = h;
			usage[f] = u;
		}
	}
}

static struct explorer run(enum mutant mutant, int nf, int len,
			   uint64_t *nscripts)
{
	int holds[NF_MAX] = { 1, 1 };
	int usage[NF_MAX] = { LPS_STABLE, LPS_STABLE };
	struct explorer x;
	uint8_t s[MAX_SCRIPT + 1];

	memset(&x, 0, sizeof(x));
	x.mutant = mutant;
	x.nf = nf;
	x.stop = mutant != M_NONE;
	x.script_len = len;
	*nscripts = 0;
	each_script(&x, s, 0, holds, usage, nscripts);
	free(x.seen);
	x.seen = NULL;
	return x;
}

static void mutant(const char *what, enum mutant mu, int nf, int len)
{
	uint64_t nscripts;
	struct explorer bad = run(mu, nf, len, &nscripts);

	printf("mutant '%s': caught: %s\n", what,
	       bad.violations ? "yes" : "NO");
	LPS_CHECK(bad.violations > 0);
}

/*
 * argv[1]: guest script length (default 4; 5 takes about 10 s with one
 * frame); argv[2]: frames, 1 (default) or 2 (the host claims runs).
 */
int main(int argc, char **argv)
{
	int len = argc > 1 ? atoi(argv[1]) : 4;
	int nf = argc > 2 ? atoi(argv[2]) : 1;
	uint64_t nscripts;
	struct explorer x;

	/* Shorter scripts cannot reach every race (a drop, then a lookup). */
	if (len < 3 || len > MAX_SCRIPT || nf < 1 || nf > NF_MAX) {
		fprintf(stderr, "usage: test_shmem_proof [LEN 3..%d "
			"[FRAMES 1..%d]]\n", MAX_SCRIPT, NF_MAX);
		return 2;
	}
	x = run(M_NONE, nf, len, &nscripts);

	printf("shmem proof, %d frame%s: %" PRIu64 " guest scripts, %" PRIu64
	       " end states, %" PRIu64 " states, %" PRIu64
	       " violations\n", nf, nf > 1 ? "s" : "", nscripts, x.runs,
	       x.states, x.violations);
	printf("races: guest CAS lost %" PRIu64 " times, host CAS lost %"
	       PRIu64 " times; guest resolved a dead host's claim %" PRIu64
	       " times; runs of 2 claimed %" PRIu64 ", runs cut %" PRIu64
	       "\n", x.guest_lost, x.host_lost, x.takeovers, x.long_runs,
	       x.cut_runs);
	LPS_CHECK(nscripts > 0);
	LPS_CHECK(x.guest_lost > 0 && x.host_lost > 0 && x.takeovers > 0);
	LPS_CHECK(x.runs > nscripts);
	if (nf > 1)
		LPS_CHECK(x.long_runs > 0 && x.cut_runs > 0);
	LPS_CHECK_EQ(x.violations, 0);

	mutant("guest breaks live claims", M_BREAK_LIVE_CLAIMS, nf, len);
	mutant("guest ignores discards", M_IGNORE_DISCARD, nf, len);
	mutant("host commits a run before punching it",
	       M_COMMIT_BEFORE_PUNCH, nf, len);
	if (nf > 1)
		mutant("host claims a run without re-checking each frame",
		       M_RUN_NO_RECHECK, nf, len);
	return lps_test_done();
}
