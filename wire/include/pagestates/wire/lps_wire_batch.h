/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_batch.h - the hint descriptor: one 4 KiB page of frame ranges
 * with a progress cursor.  It is both the core's per-CPU batch and the
 * guest-to-host ABI of the hypercall ports, so a flush hands the host this
 * page as it is.
 *
 * Byte order is little-endian on every architecture (the host may be of
 * another endianness than the guest); use the accessors below, never the
 * fields directly.
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_BATCH_H
#define PAGESTATES_WIRE_LPS_WIRE_BATCH_H

#include <pagestates/lps_types.h>	/* uint16_t .. uint64_t */

#ifdef __cplusplus
extern "C" {
#endif

#define LPS_BATCH_BYTES		4096u
#define LPS_BATCH_MAGIC		0x4250534cu	/* "LSPB" read as LE bytes */
#define LPS_BATCH_VERSION	1u
#define LPS_BATCH_MAX_RANGES	255u
#define LPS_RANGE_MAX_COUNT	0xffffffffu

/* Wire layout.  All fields little-endian. */
struct lps_batch_hdr {
	uint32_t magic;		/* LPS_BATCH_MAGIC */
	uint16_t version;	/* LPS_BATCH_VERSION */
	uint16_t nr;		/* ranges in use, <= LPS_BATCH_MAX_RANGES */
	uint16_t cursor;	/* first range the host has not applied */
	uint16_t flags;		/* must be zero in version 1 */
	uint32_t reserved;	/* must be zero */
};

struct lps_range {
	uint64_t pfn;		/* first frame */
	uint32_t count;		/* frames, >= 1 */
	uint32_t usage;		/* enum lps_usage */
};

struct lps_batch {
	struct lps_batch_hdr hdr;
	struct lps_range range[LPS_BATCH_MAX_RANGES];
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define LPS_LE16(x) __builtin_bswap16(x)
#define LPS_LE32(x) __builtin_bswap32(x)
#define LPS_LE64(x) __builtin_bswap64(x)
#else
#define LPS_LE16(x) (x)
#define LPS_LE32(x) (x)
#define LPS_LE64(x) (x)
#endif

/* Accessors: convert between the wire's little-endian and host order. */
static inline uint16_t lps_le16(uint16_t v) { return (uint16_t)LPS_LE16(v); }
static inline uint32_t lps_le32(uint32_t v) { return (uint32_t)LPS_LE32(v); }
static inline uint64_t lps_le64(uint64_t v) { return (uint64_t)LPS_LE64(v); }

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_WIRE_LPS_WIRE_BATCH_H */
