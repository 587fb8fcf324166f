/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_shmem.h - layout of the shared state table: a header the host
 * finds by scanning guest RAM, and one 32-bit state word per guest frame.
 * Data layout only; the kernel, the host agent and the tests include it.
 * docs/shmem-protocol.md is the protocol these words follow.
 *
 * Byte order: every field and every word is little-endian in memory, on
 * every architecture (an s390x guest byte-swaps).  Use lps_le16/32/64()
 * from lps_wire_batch.h on every access; never read a field directly.
 *
 * Why 32-bit words: every guest we target has a 32-bit compare-and-swap
 * that is atomic against a host process (s390 CS, x86 CMPXCHG, arm64
 * CASAL or LDAXR/STLXR), both environments offer a 32-bit CAS, and
 * the table then costs 0.1% of guest RAM.  Eleven bits carry the protocol;
 * the rest are reserved, so 64 bits would only double the table.
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_SHMEM_H
#define PAGESTATES_WIRE_LPS_WIRE_SHMEM_H

#include <pagestates/lps_types.h>	/* uint16_t .. uint64_t */
#include <pagestates/wire/lps_wire_batch.h>	/* lps_le16/32/64() */

#define LPS_SHMEM_MAGIC		0x4c42544d4853504cull /* "LPSHMTBL" LE */
#define LPS_SHMEM_VERSION	1u
#define LPS_SHMEM_HDR_BYTES	128u	/* sizeof(lps_shmem_hdr) */
#define LPS_SHMEM_WORD_BYTES	4u
#define LPS_SHMEM_PAGE_SHIFT	12u	/* the only frame size in v1 */

/*
 * The state word, after lps_le32():
 *   bits 0-1   usage (enum lps_usage), changed only by the guest
 *   bits 2-3   content: LPS_RESIDENT or LPS_ZERO, changed only by the host
 *              (and by a guest make-stable, which starts a fresh content)
 *   bit  5     CLAIM: a host is dropping the frame; only that host, or a
 *              later one, clears it
 *   bits 8-15  low byte of the claiming host's epoch; zero without CLAIM
 *   other bits reserved, zero: a word with any of them set is corrupt
 * Word 0 (all zero) is stable and resident: what a zeroed table means.
 * Bits 0-3 read as an lps_fstate_t (lps_state.h) with the changed bit 0.
 */
#define LPS_SHMEM_W_USAGE_MASK		0x00000003u
#define LPS_SHMEM_W_CONTENT_SHIFT	2
#define LPS_SHMEM_W_CONTENT_MASK	0x0000000cu
#define LPS_SHMEM_W_CLAIM		0x00000020u
#define LPS_SHMEM_W_EPOCH_SHIFT		8
#define LPS_SHMEM_W_EPOCH_MASK		0x0000ff00u
#define LPS_SHMEM_W_VALID_MASK		0x0000ff2fu

/* Counters the guest keeps in the header (modulo 2^32). */
enum lps_shmem_gcnt {
	LPS_SHMEM_G_HINTED = 0,	/* words a submit changed (not .hint) */
	LPS_SHMEM_G_DISCARDS,	/* make-stable found content dropped */
	LPS_SHMEM_G_WAITS,	/* guest found a live claim and waited */
	LPS_SHMEM_G_TAKEOVERS,	/* guest resolved a dead host's claim */
	LPS_SHMEM_G_GAVE_UP,	/* waits that hit the bound and returned */
	LPS_SHMEM_NR_GCNT = 8
};

/* Counters the host mirrors into the header (modulo 2^32). */
enum lps_shmem_hcnt {
	LPS_SHMEM_H_CLAIMS = 0,	/* words claimed */
	LPS_SHMEM_H_DROP_UNUSED,	/* committed drops of unused frames */
	LPS_SHMEM_H_DROP_VOLATILE,	/* ... of volatile frames */
	LPS_SHMEM_H_ABORTS,	/* claims given back (punch failed) */
	LPS_SHMEM_H_RECOVERED,	/* a dead host's claims taken over */
	LPS_SHMEM_H_CORRUPT,	/* corrupt words or broken claims seen */
	LPS_SHMEM_NR_HCNT = 8
};

/*
 * The header: 128 bytes at a page-aligned guest-physical address, written
 * by the guest once at boot (magic last), then read-only to both sides
 * except host_epoch (host only) and the counters (each side its own).
 * Offsets are part of the ABI and checked by tests/shmem.
 */
struct lps_shmem_hdr {
	uint64_t magic;		/*   0: LPS_SHMEM_MAGIC */
	uint16_t version;	/*   8: LPS_SHMEM_VERSION */
	uint16_t hdr_bytes;	/*  10: LPS_SHMEM_HDR_BYTES */
	uint16_t word_bytes;	/*  12: LPS_SHMEM_WORD_BYTES */
	uint16_t page_shift;	/*  14: LPS_SHMEM_PAGE_SHIFT */
	uint32_t flags;		/*  16: zero in version 1 */
	uint32_t host_epoch;	/*  20: bumped by each host that attaches */
	uint64_t nframes;	/*  24: words in the table, >= 1 */
	uint64_t hdr_gpa;	/*  32: this header's own address */
	uint64_t table_gpa;	/*  40: guest-physical address of word 0 */
	/* 48: word i describes the frame at frame0_gpa + (i << page_shift) */
	uint64_t frame0_gpa;
	uint32_t gcnt[LPS_SHMEM_NR_GCNT];	/*  56: enum lps_shmem_gcnt */
	uint32_t hcnt[LPS_SHMEM_NR_HCNT];	/*  88: enum lps_shmem_hcnt */
	uint64_t reserved;	/* 120: zero */
};

#endif /* PAGESTATES_WIRE_LPS_WIRE_SHMEM_H */
