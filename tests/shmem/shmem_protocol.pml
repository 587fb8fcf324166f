/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * shmem_protocol.pml - the shared state table protocol for a run of NF
 * frames as a Promela model, checked by spin: an independent second
 * opinion on the design next to test_shmem_proof.c, which runs the real C
 * steps.  See docs/shmem-protocol.md.
 *
 * Each word is one int (usage | content << 2 | CLAIM | epoch << 8); every
 * change the guest makes is a CAS against a value loaded in an earlier
 * step.  The guest runs any legal sequence of GUEST_OPS operations, each
 * on any frame.  The host runs two drop rounds: it claims a run from
 * frame 0 on by CAS, frame by frame, cutting it at the first frame it
 * cannot take (and moving the start on while it has none), punches the
 * run once or fails to, then commits or aborts frame by frame with a
 * verifying load and a plain store.  It may crash before any step, after
 * which a host of the next epoch recovers frame by frame and runs a round
 * of its own.
 * -DMUTANT_BREAK_LIVE_CLAIMS makes the guest break live claims, and
 * -DMUTANT_RUN_NO_RECHECK makes the host claim the rest of a run from
 * what it read at the run's start, with no CAS: spin must find a
 * violation in each, which shows the model can fail.
 */

#define S	0
#define U	1
#define V	2
#define RES	0
#define ZERO	2
#define CLAIM	32
#define JUNK	255		/* the guest trusts nothing in the frame */

#define NF		2
#define GUEST_OPS	3

#define USAGE(x)	((x) & 3)
#define CONTENT(x)	(((x) >> 2) & 3)
#define EPOCH(x)	((x) >> 8)
#define WORD(u, c)	((u) | ((c) << 2))

int w[NF];			/* the shared words; 0 is (S, RES) */
byte hdr_epoch = 1;		/* the header's host_epoch */
byte data[NF];			/* frame content; 0 once punched */

bool g_holds[NF];		/* made stable: may use the data */
byte g_valid[NF];		/* what the guest trusts is there */
byte g_backing[NF];		/* what re-reading the backing store gives */
byte g_usage[NF];		/* usage set by its last completed op */
bool punched[NF];		/* dropped since the guest last had it */
bool unknown[NF];		/* a dead host's claim committed unpunched */
bool crashed;
bool guest_done;

/* Frame @f may be dropped only while the guest has let it go. */
#define DROP_OK(f)	(!g_holds[f] && (g_usage[f] == U || g_usage[f] == V))

init {
	byte f;

	atomic {
		for (f : 0 .. NF - 1) {
			data[f] = 1;
			g_holds[f] = true;
			g_valid[f] = 1
		}
		run invariant();
		run guest();
		run host();
		run next_host()
	}
}

/* Every state: the guest never holds stale or zero data as valid. */
proctype invariant()
{
	byte f;

	do
	:: atomic {
		for (f : 0 .. NF - 1) {
			assert(!g_holds[f] || g_valid[f] == JUNK ||
			       data[f] == g_valid[f])
		}
	   }
	od
}

/*
 * One guest operation to usage @to on frame @f: load, compute
 * (lps_shmem_guest_next), CAS; wait out a live claim; resolve a dead
 * host's claim as committed.
 */
inline guest_op(f, to)
{
	do
	:: old = w[f];
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
			:: w[f] == old ->
				w[f] = new;
				/* bookkeeping of the completed op */
				if
				:: to == S ->
					if
					:: discarded ->
						assert(punched[f] ||
						       unknown[f] || took);
						data[f] = g_backing[f];
						g_valid[f] = g_backing[f]
					:: else -> skip
					fi;
					g_holds[f] = true;
					punched[f] = false;
					unknown[f] = false
				:: to == V ->
					g_backing[f] = data[f];
					g_holds[f] = false
				:: to == U ->
					g_holds[f] = false;
					g_valid[f] = JUNK
				fi;
				g_usage[f] = to;
				break
			:: else -> skip		/* lost the CAS: reload */
			fi
		}
	   fi
	od
}

proctype guest()
{
	int old, cur, new;
	bool took, discarded;
	byte n = 0, version = 1, f;

	do
	:: n < GUEST_OPS ->
		n++;
		if
		:: f = 0
		:: f = 1
		fi;
		if
		:: g_holds[f] ->		/* write the data */
			atomic {
				version++;
				data[f] = version;
				g_valid[f] = version;
				punched[f] = false
			}
		:: g_holds[f] -> guest_op(f, V)
		:: g_usage[f] != U -> guest_op(f, U)
		:: !g_holds[f] -> guest_op(f, S)
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
 * Punch frames [start, start + n) once (or fail to), then commit or
 * abort each with a verifying load and a plain store: nobody else may
 * write a word this host holds claimed, which the assert checks.
 * @recover: the claim was a dead host's, so it is committed even when
 * the punch failed.
 */
inline finish_run(epoch, recover)
{
	CRASH_POINT;
	if
	:: atomic {
		for (k : start .. start + n - 1) {
			assert(DROP_OK(k));
			data[k] = 0;
			punched[k] = punched[k] || g_usage[k] == V
		}
	   };
	   failed = false
	:: failed = true
	fi;
	k = start;
	do
	:: k < start + n ->
		CRASH_POINT;
		hold = w[k];
		assert((hold & CLAIM) && EPOCH(hold) == epoch);
		if
		:: failed && !recover -> next = WORD(USAGE(hold), RES)
		:: else -> next = WORD(USAGE(hold), ZERO)
		fi;
		CRASH_POINT;
		atomic {
			assert(w[k] == hold);
			w[k] = next;
			unknown[k] = unknown[k] ||
				     (failed && recover && USAGE(hold) == V)
		};
		k++
	:: else -> break
	od
}

/*
 * One drop round of the host of @epoch: claim a run from frame 0 on,
 * each frame by load and CAS, ending at the first it cannot take.
 */
inline host_round(epoch)
{
	start = 0;
	n = 0;
	do
	:: start + n < NF ->
		CRASH_POINT;
		f = start + n;
		hold = w[f];
#ifdef MUTANT_RUN_NO_RECHECK
		if
		:: n == 0 -> seen1 = w[NF - 1]
		:: else -> hold = seen1		/* as read at the start */
		fi;
#endif
		if
		:: !(hold & CLAIM) && CONTENT(hold) == RES &&
		   (USAGE(hold) == U || USAGE(hold) == V) ->
			atomic {
				if
#ifdef MUTANT_RUN_NO_RECHECK
				:: n > 0 -> w[f] = hold | CLAIM | (epoch << 8);
					claimed = true
#endif
				:: w[f] == hold ->
					w[f] = hold | CLAIM | (epoch << 8);
					claimed = true
				:: else -> claimed = false
				fi;
				if
				:: claimed -> assert(DROP_OK(f))
				:: else -> skip
				fi
			}
		:: else -> claimed = false
		fi;
		if
		:: claimed -> n++
		:: !claimed && n > 0 -> break		/* the run is cut */
		:: else -> start++			/* the scan moves on */
		fi
	:: else -> break
	od;
	if
	:: n > 0 -> finish_run(epoch, false)
	:: else -> skip
	fi
}

/* The next host: take each of a dead host's claims over, then finish it. */
inline recover_all(epoch)
{
	for (f : 0 .. NF - 1) {
		hold = w[f];
		if
		:: (hold & CLAIM) && EPOCH(hold) != epoch ->
			atomic {
				if
				:: w[f] == hold ->
					w[f] = (hold & 255) | (epoch << 8);
					claimed = true
				:: else -> claimed = false
				fi
			}
		:: else -> claimed = false
		fi;
		if
		:: claimed -> start = f; n = 1; finish_run(epoch, true)
		:: else -> skip
		fi
	}
}

proctype host()
{
	int hold, next, seen1;
	bool claimed, failed;
	bool allow_crash = true;
	byte start, n, f, k;

	host_round(1);
	host_round(1);
dead:
	skip
}

proctype next_host()
{
	int hold, next, seen1;
	bool claimed, failed;
	bool allow_crash = false;
	byte start, n, f, k;

end_idle:
	crashed;
	hdr_epoch = 2;
	recover_all(2);
	host_round(2);
	/* After recovery and one round, no claim may be left over. */
	(guest_done);
	for (f : 0 .. NF - 1) {
		assert(!(w[f] & CLAIM))
	}
dead:
	skip
}
