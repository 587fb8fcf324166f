/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_internal.h - what every core .c file includes first: the environment,
 * the public API, small helpers, and poison for names that must not creep
 * in from either home.
 */
#ifndef LPS_INTERNAL_H
#define LPS_INTERNAL_H

#include "lps_deps.h"			/* the environment */
#include <pagestates/pagestates.h>	/* the public API */

#define LPS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define LPS_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

#ifdef LPS_ENV_CAN_POISON
/*
 * The core takes nothing from libc or the kernel except through lps_deps.h.
 * (The kernel build cannot poison: its own headers use these names.)
 */
#pragma GCC poison malloc calloc realloc free printf fprintf sprintf
#pragma GCC poison memset memcpy memmove strlen abort exit
#pragma GCC poison printk kmalloc kfree u8 u16 u32 u64 s8 s16 s32 s64
#endif

#endif /* LPS_INTERNAL_H */
