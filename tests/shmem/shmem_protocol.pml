/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * shmem_protocol.pml - the shared state table protocol for one frame as a
 * Promela model, checked by spin: an independent second opinion on the
 * design next to test_shmem_proof.c, which runs the real C steps.  See
 * docs/shmem-protocol.md.
 *
 * The word is one int (usage | content << 2 | CLAIM | epoch << 8); every
 * change is a CAS against a value loaded in an earlier step.  The guest
 * runs any legal sequence of GUEST_OPS operations; the host runs two drop
 * rounds, may fail a punch, and may crash before any step, after which a
 * host of the next epoch recovers and runs a round of its own.
 * -DMUTANT_BREAK_LIVE_CLAIMS makes the guest break live claims: spin must
 * then find a violation, which shows the model can fail.
 */

#define S	0
#define U	1
#define V	2
#define RES	0
#define ZERO	2
#define CLAIM	32
#define JUNK	255		/* the guest trusts nothing in the frame */

#define GUEST_OPS	4

#define USAGE(w)	((w) & 3)
#define CONTENT(w)	(((w) >> 2) & 3)
#define EPOCH(w)	((w) >> 8)
#define WORD(u, c)	((u) | ((c) << 2))

int w = WORD(S, RES);		/* the shared word */
byte hdr_epoch = 1;		/* the header's host_epoch */
byte data = 1;			/* frame content; 0 once punched */

bool g_holds = true;		/* made stable: may use the data */
byte g_valid = 1;		/* what the guest trusts is there */
byte g_backing;			/* what re-reading the backing store gives */
byte g_usage = S;		/* usage set by its last completed op */
bool punched;			/* dropped since the guest last had it */
bool unknown;			/* a dead host's claim committed unpunched */
bool crashed;
bool guest_done;

/* The frame may be dropped only while the guest has let it go. */
#define DROP_OK	(!g_holds && (g_usage == U || g_usage == V))

/* Every state: the guest never holds stale or zero data as valid. */
active proctype invariant()
{
	do
	:: atomic { assert(!g_holds || g_valid == JUNK || data == g_valid) }
	od
}

/*
 * One guest operation to usage @to: load, compute (lps_shmem_guest_next),
 * CAS; wait out a live claim; resolve a dead host's claim as committed.
 */
inline guest_op(to)
{
	do
	:: old = w;
	   if
#ifndef MUTANT_BREAK_LIVE_CLAIMS
	   :: (old & CLAIM) && EPOCH(old) == hdr_epoch ->
		skip				/* live claim: spin */
#endif
	   :: else ->
		took = (old & CLAIM) != 0;
		cur = old;
		if
		:: took -> cur = WORD(USAGE(old), ZERO)
		:: else -> skip
		fi;
		discarded = false;
		if
		:: to == S ->
			new = WORD(S, RES);
			discarded = USAGE(cur) == V && CONTENT(cur) == ZERO
		:: to == U -> new = WORD(U, CONTENT(cur))
		:: to == V -> assert(USAGE(cur) != U);
			new = WORD(V, CONTENT(cur))
		fi;
		atomic {
			if
			:: w == old ->
				w = new;
				/* bookkeeping of the completed op */
				if
				:: to == S ->
					if
					:: discarded ->
						assert(punched || unknown ||
						       took);
						data = g_backing;
						g_valid = g_backing
					:: else -> skip
					fi;
					g_holds = true;
					punched = false;
					unknown = false
				:: to == V ->
					g_backing = data;
					g_holds = false
				:: to == U ->
					g_holds = false;
					g_valid = JUNK
				fi;
				g_usage = to;
				break
			:: else -> skip		/* lost the CAS: reload */
			fi
		}
	   fi
	od
}

active proctype guest()
{
	int old, cur, new;
	bool took, discarded;
	byte n = 0, version = 1;

	do
	:: n < GUEST_OPS ->
		n++;
		if
		:: g_holds ->			/* write the data */
			atomic {
				version++;
				data = version;
				g_valid = version;
				punched = false
			}
		:: g_holds -> guest_op(V)
		:: g_usage != U -> guest_op(U)
		:: !g_holds -> guest_op(S)
		fi
	:: else -> break
	od;
	guest_done = true
}

/* Where the host may die (only the first one does): before any step. */
#define CRASH_POINT							\
	if								\
	:: (!crashed && allow_crash) -> crashed = true; goto dead	\
	:: true -> skip							\
	fi

/*
 * One drop round of the host of @epoch: load, claim (or recover a dead
 * host's claim when @recover), punch or fail to, verify + commit or abort.
 */
inline host_round(epoch, recover)
{
	hold = w;
	if
	:: !recover && !(hold & CLAIM) && CONTENT(hold) == RES &&
	   (USAGE(hold) == U || USAGE(hold) == V) ->
		atomic {
			if
			:: w == hold -> w = hold | CLAIM | (epoch << 8);
				claimed = true;
				assert(DROP_OK)
			:: else -> claimed = false
			fi
		}
	:: recover && (hold & CLAIM) && EPOCH(hold) != epoch ->
		atomic {
			if
			:: w == hold -> w = (hold & 255) | (epoch << 8);
				claimed = true
			:: else -> claimed = false
			fi
		}
	:: else -> claimed = false
	fi;
	if
	:: claimed ->
		CRASH_POINT;
		if
		:: atomic { assert(DROP_OK); data = 0;
			    punched = punched || g_usage == V }; failed = false
		:: failed = true
		fi;
		CRASH_POINT;
		atomic {
			hold = w;
			assert((hold & CLAIM) && EPOCH(hold) == epoch);
			if
			:: failed && !recover -> w = WORD(USAGE(hold), RES)
			:: else -> w = WORD(USAGE(hold), ZERO);
				unknown = unknown || (failed && USAGE(hold) == V)
			fi
		}
	:: else -> skip
	fi
}

active proctype host()
{
	int hold;
	bool claimed, failed;
	bool allow_crash = true;

	CRASH_POINT;
	host_round(1, false);
	CRASH_POINT;
	host_round(1, false);
dead:
	skip
}

active proctype next_host()
{
	int hold;
	bool claimed, failed;
	bool allow_crash = false;

end_idle:
	crashed;
	hdr_epoch = 2;
	host_round(2, true);
	host_round(2, false);
	/* After recovery and one round, no claim may be left over. */
	(guest_done);
	assert(!(w & CLAIM));
dead:
	skip
}
