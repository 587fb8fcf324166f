/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_types.h - fixed-width types for the public headers, in both homes.
 *
 * This and libpagestates/lps_deps.h are the only headers that look at
 * __KERNEL__.  The userspace branch uses only the compiler's freestanding
 * headers, so the core still builds with -ffreestanding -nostdlib.
 */
#ifndef PAGESTATES_LPS_TYPES_H
#define PAGESTATES_LPS_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>	/* uint32_t, uint64_t, size_t, bool */
#include <linux/spinlock_types.h>	/* spinlock_t */

/* Lock embedded in caller-owned per-CPU storage; see lps_deps.h. */
/* checkpatch-ignore: NEW_TYPEDEFS (opaque: a word outside the kernel) */
typedef spinlock_t lps_lock_t;
#else
#include <stdbool.h>		/* bool */
#include <stddef.h>		/* size_t, NULL */
#include <stdint.h>		/* uint8_t .. uint64_t */

/* A test-and-set word: the core takes no libc, so no pthread mutex. */
/* checkpatch-ignore: NEW_TYPEDEFS (opaque: spinlock_t in the kernel) */
typedef struct {
	uint32_t word;
} lps_lock_t;
#endif

#endif /* PAGESTATES_LPS_TYPES_H */
