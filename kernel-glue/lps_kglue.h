/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_kglue.h - what the files of the kernel glue share: the one guest
 * context, the frame window it covers, and the entry points between the
 * glue files.  The rest of the kernel sees only <linux/page-states.h>.
 */
#ifndef LPS_KGLUE_H
#define LPS_KGLUE_H

#include <linux/init.h>			/* __init */
#include <linux/mm_types.h>		/* struct folio */
#include <linux/page-states.h>		/* PAGE_STATES_NR_POINTS */
#include <linux/percpu.h>		/* DECLARE_PER_CPU */
#include <pagestates/pagestates.h>	/* struct lps_guest, lps_* */

/* Discarded folios each CPU can hold before its list is released. */
#define LPS_K_DISCARD_CAP	64u

struct lps_kstate {
	struct lps_guest guest;
	unsigned long base_pfn;		/* frame index 0 */
	unsigned long nframes;
	const char *port_name;
	bool ready;			/* the core took its context */
	atomic64_t parked;		/* folios put on a discard list */
	atomic64_t released;		/* ... taken off and dealt with */
	atomic64_t cpu_dead_drained;	/* hint ranges + list entries */
	atomic64_t cpu_dead_discards;	/* ... of them list entries */
	atomic64_t periodic_flushes;	/* periodic flushes of hints */
	atomic64_t periodic_releases;	/* periodic releases of lists */
	atomic64_t reread_runs;		/* reads of a discarded run */
	atomic64_t reread_pages;	/* ... and the folios they read */
	atomic64_t discard_faults;	/* discard faults taken (s390) */
	atomic64_t mapped_volatile;	/* volatile hints of mapped folios */
	atomic64_t mapped_unmaps;	/* offered folios unmapped for use */
	atomic64_t mapped_deferred;	/* lookups sent to the unmapping path */
	bool discard_faults_on;		/* the host raises discard faults */
};

extern struct lps_kstate lps_k;
/* Slow-path calls per hook site (enum page_states_point). */
DECLARE_PER_CPU(unsigned long, lps_point_hits[PAGE_STATES_NR_POINTS]);

/* Frame index of @pfn, or false when the guest context does not cover it. */
static inline bool lps_k_index(unsigned long pfn, u64 *idx)
{
	if (pfn < lps_k.base_pfn || pfn - lps_k.base_pfn >= lps_k.nframes)
		return false;
	*idx = pfn - lps_k.base_pfn;
	return true;
}

/* What a make-stable answer says about a folio's content. */
enum lps_kcontent {
	LPS_KC_INTACT,		/* stable, content as it was */
	LPS_KC_DISCARDED,	/* stable, the host had dropped it */
	LPS_KC_UNKNOWN,		/* the port failed: the host may drop it */
};

/*
 * A port error leaves the host's view unknown, so the content may already
 * be gone: the folio is treated as discarded and read again, and the
 * make-stable stays owed.  Anything but a clean 0 is never taken as intact.
 */
static inline enum lps_kcontent lps_kcontent_of(int ret)
{
	if (ret == 0)
		return LPS_KC_INTACT;
	return ret == LPS_R_DISCARDED ? LPS_KC_DISCARDED : LPS_KC_UNKNOWN;
}

/* lps_kport.c: the port the boot parameter and the probes chose. */
const struct lps_port_ops *lps_kport_select(unsigned long base_pfn,
					    unsigned long nframes,
					    void **ctx);

/* lps_kfault.c: ask the s390 host for discard faults (at boot). */
bool lps_kfault_host_enable(void);

/* The shared table the shmem port published, or NULL. */
struct lps_shmem_guest;
struct lps_shmem_guest *lps_kport_shmem_table(void);

/* lps_ktable.c: the table range the host named (pagestates_table=). */
struct lps_ktable_mem {
	bool (*is_ram)(u64 addr, u64 size);
	bool (*is_reserved)(u64 addr, u64 size);
};

int lps_ktable_parse(const char *s, u64 *addr, u64 *size);
u64 lps_ktable_need(unsigned long nframes);
const char *lps_ktable_check(u64 addr, u64 size, unsigned long nframes,
			     const struct lps_ktable_mem *mem);
bool lps_ktable_given(void);
int lps_ktable_claim(unsigned long nframes, u64 *addr);

/* lps_kdiscard.c: discarded-folio lists, flushes, the shrinker. */
void lps_kdiscard_park(struct folio *folio, u64 idx);
void lps_kflush_all(void);
void lps_kdrain_all(void);
unsigned long lps_kparked_now(void);
unsigned long lps_kdiscard_release_cpu(unsigned int cpu);
unsigned long lps_kdiscard_take_dead(unsigned int cpu);

/* lps_kcpu.c: dead CPUs drained, pending work flushed periodically. */
struct lps_kseen {		/* one CPU as the last periodic look saw it */
	u64 batches;		/* its flush count */
	u64 oldest;		/* its list's oldest frame ... */
	u32 head;		/* ... and where it sits */
	bool hints;		/* its batch held ranges */
	bool parked;		/* its list held folios */
};

#define LPS_KSTALE_HINTS	1u	/* flush the batch */
#define LPS_KSTALE_PARKED	2u	/* release the list */

unsigned int lps_kcpu_stale(struct lps_kseen *seen, const struct lps_cpu *c);
u16 lps_kcpu_flush_dead(struct lps_guest *g, unsigned int cpu);

#endif /* LPS_KGLUE_H */
