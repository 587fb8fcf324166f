// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_shmem_proof.c - every interleaving of a guest's and a host's atomic
 * steps on one frame, run through the real word steps of ports/shmem/
 * lps_wire_shmem_word.h, with the protocol's invariants checked in every state.
 *
 * The guest runs every legal script of make-stable, set-volatile,
 * set-unused and write-data; the host runs two drop rounds (load, claim,
 * punch or failed punch, verify + commit or abort), may crash before any
 * of its steps, and is then replaced by a host of the next epoch that
 * recovers and runs a round of its own.  Checked in every state: the word
 * is well-formed and the guest never holds stale or zero data as valid;
 * at every claim and punch, the guest had marked the frame unused or
 * volatile and not re-stabilised it; make-stable says "discarded" when
 * the content was dropped, and only then (a dead host's claim resolved by
 * the guest may say so conservatively); at the end no claim is left.
 * Two broken protocols (a guest that breaks live claims, one that ignores
 * discards) must be caught, so the checker is shown to have teeth.
 */
#include "lps_test.h"		/* LPS_CHECK, lps_test_done */
#include "shmem/lps_shmem_cas.h"	/* the steps under test */

enum gop { OP_END, OP_WRITE, OP_VOLATILE, OP_UNUSED, OP_STABLE };
enum hstep { H_END, H_ATTACH, H_LOAD, H_CLAIM, H_RECOVER, H_PUNCH,
	     H_COMMIT };

#define MAX_SCRIPT	8
#define HOW		(LPS_SHMEM_DROP_UNUSED | LPS_SHMEM_DROP_VOLATILE)
#define MAX_DEPTH	64

/* Host 0 (epoch 1) is attached from the start; host 1 replaces it. */
static const uint8_t host_prog[2][12] = {
	{ H_LOAD, H_CLAIM, H_PUNCH, H_COMMIT,
	  H_LOAD, H_CLAIM, H_PUNCH, H_COMMIT, H_END },
	{ H_ATTACH, H_LOAD, H_RECOVER, H_PUNCH, H_COMMIT,
	  H_LOAD, H_CLAIM, H_PUNCH, H_COMMIT, H_END },
};

/* Deliberately broken protocols the checker must catch. */
enum mutant { M_NONE, M_BREAK_LIVE_CLAIMS, M_IGNORE_DISCARD };

struct model {
	uint32_t word;		/* the shared word, little-endian */
	uint32_t hdr_epoch;	/* the header's host_epoch */
	int data;		/* frame content; 0 once punched */
	/* guest */
	int g_op;		/* script index under way */
	int g_loaded;		/* g_old holds a loaded word */
	uint32_t g_old;
	int g_holds;		/* made stable: may use the data */
	int g_valid;		/* what the guest trusts; -1: junk */
	int g_backing;		/* what a re-read would give */
	int g_version;
	int g_usage;		/* usage set by its last completed op */
	/* hosts */
	int h_pc[2];
	uint32_t h_old[2];
	int h_failed[2];	/* this round's punch failed */
	int h_recovered[2];	/* this round's claim was a dead host's */
	int crashed;
	int punched;		/* dropped since the guest had it */
	int unknown;		/* dead host's claim, maybe unpunched */
};

struct explorer {
	const uint8_t *script;
	enum mutant mutant;
	uint64_t runs;		/* complete interleavings */
	uint64_t states;
	uint64_t violations;
	uint64_t guest_lost;	/* guest CASes that lost a race */
	uint64_t host_lost;	/* host claims or recoveries that lost one */
	uint64_t takeovers;	/* dead host's claims the guest resolved */
	int script_len;
	bool stop;		/* a mutant: the first violation is enough */
	char trace[MAX_DEPTH];
	int depth;
};

static uint32_t word(const struct model *m)
{
	uint32_t w = m->word;

	return lps_shmem_load(&w);
}

static void violation(struct explorer *x, const struct model *m,
		      const char *what, int line)
{
	if (!x->violations++ && x->mutant == M_NONE) {
		x->trace[x->depth] = 0;
		int i;

		fprintf(stderr, "line %d: %s\n  word %#x data %d script ",
			line, what, word(m), m->data);
		for (i = 0; x->script[i] != OP_END; i++)
			fputc("-wvus"[x->script[i]], stderr);
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
static int check_drop(struct explorer *x, const struct model *m)
{
	PCHECK(!m->g_holds);
	PCHECK(m->g_usage == LPS_UNUSED || m->g_usage == LPS_VOLATILE);
	return 0;
}

/* Invariants of every state. */
static int check_state(struct explorer *x, const struct model *m)
{
	PCHECK(lps_shmem_word_valid(word(m)));
	if (m->g_holds && m->g_valid >= 0)
		PCHECK(m->data == m->g_valid);
	return 0;
}

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
	int op = x->script[m->g_op];
	uint32_t n;

	if (op == OP_END || op == OP_WRITE || m->g_loaded)
		return false;
	return guest_next(x, m, word(m), op_usage(op), &n) == LPS_SHMEM_WAIT;
}

/* The guest finished an operation whose CAS took @old (or found SAME). */
static int guest_done(struct explorer *x, struct model *m, int op, int ret,
		      uint32_t old)
{
	bool took_over = old & LPS_SHMEM_W_CLAIM;

	switch (op) {
	case OP_STABLE:
		if (ret == LPS_SHMEM_SET_DISCARDED) {
			PCHECK(m->punched || m->unknown || took_over);
			m->data = m->g_backing;	/* re-read it */
			m->g_valid = m->g_backing;
		}
		m->g_holds = 1;
		m->g_usage = LPS_STABLE;
		m->punched = 0;
		m->unknown = 0;
		break;
	case OP_VOLATILE:
		PCHECK(m->g_holds);
		m->g_backing = m->data;	/* a clean copy is on disk */
		m->g_holds = 0;
		m->g_usage = LPS_VOLATILE;
		break;
	case OP_UNUSED:
		m->g_holds = 0;
		m->g_valid = -1;
		m->g_usage = LPS_UNUSED;
		break;
	}
	m->g_op++;
	m->g_loaded = 0;
	return 0;
}

static int guest_step(struct explorer *x, struct model *m)
{
	int op = x->script[m->g_op], ret;
	uint32_t old, n = 0;

	if (op == OP_WRITE) {
		PCHECK(m->g_holds);
		m->data = ++m->g_version;
		m->g_valid = m->data;
		m->punched = 0;
		m->g_op++;
		return 0;
	}
	if (!m->g_loaded) {
		m->g_old = word(m);
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
		return guest_done(x, m, op, ret, old);
	if (!lps_shmem_cas(&m->word, &old, n)) {
		x->guest_lost++;
		m->g_loaded = 0;
		return 0;
	}
	if (old & LPS_SHMEM_W_CLAIM)
		x->takeovers++;
	return guest_done(x, m, op, ret, old);
}

/* Skip the rest of a host round (a claim that was not to be). */
static void host_next_round(struct model *m, int h)
{
	while (host_prog[h][m->h_pc[h]] != H_LOAD &&
	       host_prog[h][m->h_pc[h]] != H_END)
		m->h_pc[h]++;
}

/* @fail: the punch of this step fails (only read at H_PUNCH). */
static int host_step(struct explorer *x, struct model *m, int h, int fail)
{
	uint32_t epoch = (uint32_t)h + 1, old = m->h_old[h], n = 0;
	int ret;

	switch (host_prog[h][m->h_pc[h]++]) {
	case H_ATTACH:
		m->hdr_epoch = epoch;
		break;
	case H_LOAD:
		m->h_recovered[h] = 0;
		m->h_old[h] = word(m);
		break;
	case H_CLAIM:
		ret = lps_shmem_claim_next(old, HOW, epoch, &n);
		PCHECK(ret == 0 || ret == -LPS_EBUSY);
		if (!ret && !lps_shmem_cas(&m->word, &old, n)) {
			x->host_lost++;	/* the guest changed it first */
			ret = -LPS_EBUSY;
		}
		if (ret) {
			host_next_round(m, h);
			break;
		}
		return check_drop(x, m);
	case H_RECOVER:
		ret = lps_shmem_recover_next(old, epoch, &n);
		PCHECK(ret == 0 || ret == -LPS_EBUSY);
		if (!ret && !lps_shmem_cas(&m->word, &old, n)) {
			x->host_lost++;	/* the guest resolved it first */
			ret = -LPS_EBUSY;
		}
		if (ret)
			host_next_round(m, h);
		else
			m->h_recovered[h] = 1;
		break;
	case H_PUNCH:
		m->h_failed[h] = fail;
		if (fail)
			break;
		if (check_drop(x, m))
			return -1;
		m->data = 0;
		if (m->g_usage == LPS_VOLATILE)
			m->punched = 1;
		break;
	case H_COMMIT:
		/*
		 * Verify: the claim must still be ours, and the CAS stick.  A
		 * dead host may have punched a recovered frame already, so
		 * that one is committed even when our punch failed.
		 */
		old = word(m);
		ret = m->h_failed[h] && !m->h_recovered[h] ?
		      lps_shmem_abort_next(old, epoch, &n) :
		      lps_shmem_commit_next(old, epoch, &n);
		PCHECK(ret == 0);
		PCHECK(lps_shmem_cas(&m->word, &old, n));
		if (m->h_failed[h] && m->h_recovered[h])
			m->unknown = 1;
		if (!m->h_failed[h])
			return check_drop(x, m);
		break;
	}
	return 0;
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
	if (who == 2)
		ret = guest_step(x, &n);
	else if (who == 3) {
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
	bool h0 = !m->crashed && host_prog[0][m->h_pc[0]] != H_END;
	bool h1 = m->crashed && host_prog[1][m->h_pc[1]] != H_END;
	bool any = false;

	if (x->stop && x->violations)
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
		if (host_prog[h][m->h_pc[h]] == H_PUNCH)
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
	if (g_live)
		violation(x, m, "guest waits for ever", __LINE__);
	else if (word(m) & LPS_SHMEM_W_CLAIM)
		violation(x, m, "a claim outlived every host", __LINE__);
}

static void explore_script(struct explorer *x, const uint8_t *script)
{
	struct model m;

	memset(&m, 0, sizeof(m));
	m.hdr_epoch = 1;
	m.data = 1;
	m.g_version = 1;
	m.g_holds = 1;
	m.g_valid = 1;
	m.g_usage = LPS_STABLE;
	x->script = script;
	x->depth = 0;
	explore(x, &m);
}

/* Every legal guest script of script_len ops (shorter ones are prefixes). */
static void each_script(struct explorer *x, uint8_t *s, int at, int holds,
			int usage, uint64_t *nscripts)
{
	int op;

	if (at == x->script_len) {
		s[at] = OP_END;
		explore_script(x, s);
		++*nscripts;
		return;
	}
	for (op = OP_WRITE; op <= OP_STABLE; op++) {
		if ((op == OP_WRITE || op == OP_VOLATILE) && !holds)
			continue;
		if (op == OP_UNUSED && usage == LPS_UNUSED)
			continue;
		if (op == OP_STABLE && holds)
			continue;
		s[at] = (uint8_t)op;
		each_script(x, s, at + 1,
			    op == OP_STABLE || (op == OP_WRITE && holds),
			    op == OP_WRITE ? usage : (int)op_usage(op),
			    nscripts);
	}
}

static struct explorer run(enum mutant mutant, int len, uint64_t *nscripts)
{
	struct explorer x;
	uint8_t s[MAX_SCRIPT + 1];

	memset(&x, 0, sizeof(x));
	x.mutant = mutant;
	x.stop = mutant != M_NONE;
	x.script_len = len;
	*nscripts = 0;
	each_script(&x, s, 0, 1, LPS_STABLE, nscripts);
	return x;
}

/* argv[1]: guest script length (default 4; 5 takes about 10 s). */
int main(int argc, char **argv)
{
	int len = argc > 1 ? atoi(argv[1]) : 4;
	uint64_t nscripts;
	struct explorer x, bad;

	/* Shorter scripts cannot reach every race (a drop, then a lookup). */
	if (len < 3 || len > MAX_SCRIPT) {
		fprintf(stderr, "script length 3..%d\n", MAX_SCRIPT);
		return 2;
	}
	x = run(M_NONE, len, &nscripts);

	printf("shmem proof: %" PRIu64 " guest scripts, %" PRIu64
	       " interleavings, %" PRIu64 " states, %" PRIu64
	       " violations\n", nscripts, x.runs, x.states, x.violations);
	printf("races: guest CAS lost %" PRIu64 " times, host CAS lost %"
	       PRIu64 " times; guest resolved a dead host's claim %" PRIu64
	       " times\n", x.guest_lost, x.host_lost, x.takeovers);
	LPS_CHECK(nscripts > 0);
	LPS_CHECK(x.guest_lost > 0 && x.host_lost > 0 && x.takeovers > 0);
	LPS_CHECK(x.runs > nscripts);
	LPS_CHECK_EQ(x.violations, 0);

	bad = run(M_BREAK_LIVE_CLAIMS, len, &nscripts);
	printf("mutant 'guest breaks live claims': caught: %s\n",
	       bad.violations ? "yes" : "NO");
	LPS_CHECK(bad.violations > 0);
	bad = run(M_IGNORE_DISCARD, len, &nscripts);
	printf("mutant 'guest ignores discards': caught: %s\n",
	       bad.violations ? "yes" : "NO");
	LPS_CHECK(bad.violations > 0);
	return lps_test_done();
}
