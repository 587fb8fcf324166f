/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * kt_pattern.h - the deterministic data the kernel test writes and checks,
 * shared by the host file generator and the in-guest programs so neither
 * needs the other's output to know what a byte should be.  Bytes are
 * defined little-endian on every arch: the s390x guest checks files an
 * x86_64 host wrote.
 */
#ifndef KT_PATTERN_H
#define KT_PATTERN_H

#include <stddef.h>	/* size_t */
#include <stdint.h>	/* uint64_t */

#define KT_NFILES	12			/* data files on the disk */
#define KT_FILE_SIZE	(4u << 20)		/* 48 MiB of page cache */
#define KT_RW_SIZE	(4u << 20)		/* the writable mapping */
#define KT_POINTS_SIZE	(4u << 20)		/* kt_points.c's own file */
#define KT_SEED_FILE	0x6b65726e656c0000ull	/* + file index */
#define KT_SEED_RW	0x72772d6d61700000ull
#define KT_SEED_POINTS	0x706f696e74730000ull

/* splitmix64: a good word for any (seed, index) with no state to carry. */
static inline uint64_t kt_word(uint64_t seed, uint64_t idx)
{
	uint64_t z = seed + (idx + 1) * 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Fill @len bytes (a multiple of 8) starting at byte @off of stream @seed. */
static inline void kt_fill(unsigned char *p, size_t len, uint64_t seed,
			   uint64_t off)
{
	size_t i;
	int b;

	for (i = 0; i < len; i += 8) {
		uint64_t w = kt_word(seed, (off + i) / 8);

		for (b = 0; b < 8; b++)
			p[i + b] = (unsigned char)(w >> (8 * b));
	}
}

/* Number of 8-byte words in @p that differ from stream @seed at @off. */
static inline size_t kt_check(const unsigned char *p, size_t len,
			      uint64_t seed, uint64_t off)
{
	size_t i, bad = 0;
	int b;

	for (i = 0; i < len; i += 8) {
		uint64_t w = kt_word(seed, (off + i) / 8);

		for (b = 0; b < 8; b++) {
			if (p[i + b] != (unsigned char)(w >> (8 * b))) {
				bad++;
				break;
			}
		}
	}
	return bad;
}

/* FNV-1a 64, continued from @h (start with KT_FNV_INIT). */
#define KT_FNV_INIT	0xcbf29ce484222325ull

static inline uint64_t kt_fnv(uint64_t h, const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

#endif /* KT_PATTERN_H */
