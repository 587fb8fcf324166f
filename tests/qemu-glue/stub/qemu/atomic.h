/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/qemu/atomic.h: the same GCC builtins with
 * the same orderings.
 */
#ifndef QEMU_ATOMIC_H
#define QEMU_ATOMIC_H

#define qatomic_read(p)		__atomic_load_n(p, __ATOMIC_RELAXED)
#define qatomic_set(p, v)	__atomic_store_n(p, v, __ATOMIC_RELAXED)
#define qatomic_load_acquire(p)	__atomic_load_n(p, __ATOMIC_ACQUIRE)
#define qatomic_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)
#define qatomic_add(p, n)	((void)__atomic_fetch_add(p, n, __ATOMIC_SEQ_CST))
#define qatomic_inc(p)		qatomic_add(p, 1)

#endif
