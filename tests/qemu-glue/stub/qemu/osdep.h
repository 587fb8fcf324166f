/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/qemu/osdep.h, the first include of every
 * QEMU file: here only the C library headers the glue leans on through it
 * (bool, fixed-width integers, memcpy/memset, UINT64_MAX).
 */
#ifndef QEMU_OSDEP_H
#define QEMU_OSDEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#endif
