/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * sim.h - what the pieces of pagestates-sim share: the run configuration,
 * the results, and the simulated machine (guest model, host model, shadow).
 */
#ifndef SIM_H
#define SIM_H

#include <stdbool.h>			/* bool */
#include <stdint.h>			/* uint64_t */
#include <pagestates/pagestates.h>	/* the real core */
#include <pagestates/host/lps_host.h>	/* the real host model */

enum sim_policy {
	SIM_POL_NONE,		/* no hints; the host only swaps */
	SIM_POL_FPR,		/* Linux free page reporting: 2 MiB, late */
	SIM_POL_UNUSED,		/* every free page at once (ideal, CMMA) */
	SIM_POL_FULL,		/* the whole design: unused and volatile */
	SIM_NR_POLICIES
};

/* Free page reporting: blocks of 2^9 frames (pageblock_order, 2 MiB). */
#define SIM_FPR_ORDER	9u
#define SIM_FPR_FRAMES	(1u << SIM_FPR_ORDER)
/* mm/page_reporting.c waits this long after a block becomes free. */
#define SIM_FPR_DELAY_MS 2000u

/* Deliberate bugs (--inject-bug), so a test can see data_errors move. */
enum sim_bug {
	SIM_BUG_NONE,
	SIM_BUG_SKIP_STABLE,	/* guest uses cached pages, no make-stable */
	SIM_BUG_DIRTY_VOLATILE,	/* guest hides PF_DIRTY from the rules */
	SIM_BUG_LOSE_SWAP,	/* host writes zeroes instead of the frame */
	SIM_NR_BUGS
};

enum sim_pattern {
	SIM_PAT_ZIPF,		/* skewed popularity over the whole file */
	SIM_PAT_WINDOW,		/* uniform inside a window that slides */
};

struct sim_config {
	uint64_t pages;		/* guest frames N */
	uint64_t host_frames;	/* host memory for this guest, M */
	uint64_t steps;
	uint64_t warmup;	/* steps before the counters start */
	uint64_t seed;
	uint32_t ops_per_step;
	uint32_t mix_file, mix_anon, mix_free;	/* relative weights */
	uint32_t write_pct;	/* share of file operations that write */
	uint64_t file_blocks;	/* size of the guest's file set */
	uint64_t anon_pages;	/* anonymous address space, in pages */
	enum sim_pattern pattern;
	uint32_t cpus;		/* guest CPU indexes the core is given */
	bool lazy_unused;	/* host drops unused frames only on reclaim */
	uint32_t step_ms;	/* simulated time one step stands for */
	uint32_t exit_ns;	/* cost of one guest exit, for the total */
	uint32_t io_us;		/* cost of one page of disk or swap I/O */
	uint32_t sweep_seeds;	/* --sweep: seeds per configuration */
	uint32_t policies;	/* 1u << enum sim_policy */
	enum sim_bug bug;
	bool json, quiet;
	const char *svg_path;
};

/* What one policy's run measured, counted after the warm-up. */
struct sim_result {
	uint64_t host_swap_out, host_swap_in;
	uint64_t host_swap_out_clean;	/* paged out, swap cache: no write */
	uint64_t host_faults;	/* guest touched a non-resident frame */
	uint64_t fpr_reports;	/* blocks reported by free page reporting */
	uint64_t guest_rereads;
	uint64_t transitions;
	uint64_t host_resident_peak;
	uint64_t data_errors;
	uint64_t host_dropped_unused, host_dropped_volatile;
	uint64_t guest_disk_reads, guest_disk_writes;
	uint64_t guest_swap_out, guest_swap_in;
	uint64_t hints_unused, hints_volatile, refused, discards_found;
	uint64_t core_rereads;	/* the core's count, fed by lps_count_reread */
	uint64_t cancelled;	/* queued hints a make-stable took back */
	uint64_t api_errors;	/* a core or host call failed unexpectedly */
	double seconds;
	uint64_t *resident;	/* host resident frames after each step */
	uint64_t nsamples;
};

/* Data ids: what a frame, disk block or swap slot holds.  0 is zeroes. */
#define SIM_DATA_ZERO		0ull
#define SIM_DATA_POISON		(~0ull)	/* content the guest cannot see */
#define SIM_KIND_FILE		1ull
#define SIM_KIND_ANON		2ull

static inline uint64_t sim_data(uint64_t kind, uint64_t id, uint64_t ver)
{
	return kind << 62 | (id & ((1ull << 38) - 1)) << 24 |
	       (ver & 0xffffffull);
}

/* Guest frame types. */
enum sim_ftype {
	SIM_F_FREE,
	SIM_F_FILE,		/* page cache */
	SIM_F_ANON,		/* mapped anonymous page */
	SIM_F_SWAPCACHE,	/* anonymous page whose swap write finished */
	SIM_F_PARKED,		/* discarded, waiting on a discard list */
};

#define SIM_FF_REF	0x01u	/* used since the clock hand passed */
#define SIM_FF_DIRTY	0x02u

struct sim_frame {
	uint8_t type;		/* enum sim_ftype */
	uint8_t flags;		/* SIM_FF_* */
	uint32_t owner;		/* file block or anon page */
};

enum sim_astate { SIM_A_NONE, SIM_A_MAPPED, SIM_A_SWAPCACHE, SIM_A_SWAPPED };

struct sim_rng {
	uint64_t s;
};

/* The whole simulated machine for one policy's run. */
struct sim {
	const struct sim_config *cfg;
	enum sim_policy pol;
	struct sim_result *res;
	struct sim_rng rng;	/* guest-internal choices only */
	uint32_t cpu;		/* CPU index of the current operation */

	/* host model and its glue */
	struct lps_host host;
	lps_fstate_t *hstates;
	uint8_t *dirty_log;
	uint8_t *swap_cache;
	struct lps_host_backend backend;
	uint32_t reclaim_how;
	uint64_t reclaim_slack;
	uint64_t peak;
	uint64_t page_outs;	/* backend calls, for the lose-swap bug */

	/* guest core */
	struct lps_guest guest;
	struct lps_port_ops port;
	uint32_t *frame_words;
	struct lps_cpu *cpus;
	struct lps_batch *batches;
	uint64_t *discard_slots;

	/* integrity shadow */
	uint64_t *expect;	/* per guest frame: what the guest believes */
	uint64_t *phys;		/* per frame: what host memory really holds */
	uint64_t *hswap;	/* per frame: the host's swap copy */
	uint64_t *disk;		/* per file block: what the guest disk holds */
	uint64_t *gswap;	/* per anon page: its guest swap slot */

	/* guest memory manager */
	struct sim_frame *frames;
	uint32_t *free_stack;	/* per 2 MiB block, SIM_FPR_FRAMES slots */
	uint16_t *blk_free;	/* free frames per block (last may be short) */
	uint64_t nfree;
	uint64_t alloc_blk;	/* block allocations are taken from */
	uint64_t low, high;	/* free-frame watermarks */
	uint64_t hand;		/* clock hand of guest reclaim */
	uint32_t *cache;	/* file block -> frame, or SIM_NOFRAME */
	uint32_t *file_ver;	/* latest version of each block */
	uint8_t *astate;	/* enum sim_astate per anon page */
	uint32_t *anon_pfn;
	uint32_t *anon_ver;
	uint8_t *slot_ok;	/* guest swap holds the current version */
	uint32_t *dirty_ring;	/* frames dirtied, oldest first */
	uint64_t dirty_head, dirty_count;
	uint32_t *parked;	/* frames taken back from the discard lists */
	uint64_t nparked;

	/* free page reporting (SIM_POL_FPR) */
	uint64_t step;		/* the current step: the clock */
	uint8_t *blk_reported;	/* block reported and not reused since */
	uint64_t nblocks;	/* whole blocks in the guest */
	uint64_t report_at;	/* step the reporting work runs at */
	bool report_pending;
};

#define SIM_NOFRAME UINT32_MAX

/* workload.c: xorshift64*, the same stream on every architecture */
void sim_rng_seed(struct sim_rng *r, uint64_t seed);
uint64_t sim_rand(struct sim_rng *r);
uint64_t sim_below(struct sim_rng *r, uint64_t n);

/* workload.c: the operation stream, identical for every policy */
enum sim_opkind {
	SIM_OP_FILE_READ,
	SIM_OP_FILE_WRITE,
	SIM_OP_ANON_READ,
	SIM_OP_ANON_WRITE,
	SIM_OP_FREE,
};

struct sim_op {
	enum sim_opkind kind;
	uint64_t target;	/* block or first anon page */
	uint32_t len;		/* pages, for SIM_OP_FREE */
};

struct sim_zipf {
	uint64_t n;
	double *cdf;
	uint32_t *perm;		/* rank -> item, so hot items are scattered */
};

struct sim_workload {
	const struct sim_config *cfg;
	struct sim_rng rng;
	struct sim_zipf file, anon;
	uint64_t window_base;
	uint64_t ops;
};

int sim_workload_init(struct sim_workload *w, const struct sim_config *cfg);
void sim_workload_next(struct sim_workload *w, struct sim_op *op);
void sim_workload_free(struct sim_workload *w);

/* hostglue.c: the in-process port, the backend and the host's policy */
int sim_host_init(struct sim *s);
int sim_host_touch(struct sim *s, uint64_t pfn, bool write);
void sim_host_tick(struct sim *s);

/* shadow.c: what the guest gets back versus what it believes */
void sim_guest_read(struct sim *s, uint64_t pfn);
void sim_guest_fill(struct sim *s, uint64_t pfn, uint64_t phys,
		    uint64_t expect);
uint64_t sim_guest_copy_out(struct sim *s, uint64_t pfn);

/* guest.c: the guest memory manager following the hinting rules */
int sim_guest_init(struct sim *s);
void sim_guest_op(struct sim *s, const struct sim_op *op);
void sim_guest_tick(struct sim *s);

/* run.c: one policy from start to finish */
int sim_run(const struct sim_config *cfg, enum sim_policy pol,
	    struct sim_result *res, void (*progress)(uint64_t done));

/* report.c, json.c, svg.c: output */
const char *sim_policy_name(enum sim_policy pol);
const char *sim_policy_what(enum sim_policy pol);
uint64_t sim_host_io(const struct sim_result *r);
uint64_t sim_exits(const struct sim_result *r);
double sim_cost_ms(const struct sim_config *cfg, const struct sim_result *r);
void sim_report_table(const struct sim_config *cfg,
		      const struct sim_result *res);
void sim_report_json(const struct sim_config *cfg,
		     const struct sim_result *res);
int sim_write_svg(const char *path, const struct sim_config *cfg,
		  const struct sim_result *res);

/* sweep.c: seeds x host sizes x workload mixes; exit status */
int sim_sweep(const struct sim_config *base);

#endif /* SIM_H */
