/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/qemu/osdep.h, the first include of every
 * QEMU file: the C library headers the glue leans on through it (bool,
 * fixed-width integers, memcpy/memset, UINT64_MAX), the few osdep.h and
 * qemu/module.h macros lps-qemu.c uses, and the GLib calls it makes
 * (glib-compat.h there, lps-stub-glib.h here).
 */
#ifndef QEMU_OSDEP_H
#define QEMU_OSDEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "lps-stub-glib.h"

#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define QEMU_ALIGN_DOWN(n, m)	((n) / (m) * (m))

static inline size_t qemu_real_host_page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

/* qemu/module.h: QEMU runs these from a constructor too. */
#define type_init(fn)							\
	static void __attribute__((constructor)) lps_stub_init_##fn(void) \
	{								\
		fn();							\
	}

#endif
