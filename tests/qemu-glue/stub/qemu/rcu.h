/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/qemu/rcu.h: RCU_READ_LOCK_GUARD() as a
 * scope-bound reader depth, so the test can tell whether the memory API
 * was entered inside a read-side section (QEMU requires it for
 * address_space_translate() and for using the MemoryRegion it returns)
 * and whether every section the glue opened was closed again.
 */
#ifndef QEMU_RCU_H
#define QEMU_RCU_H

extern unsigned int lps_stub_rcu_depth;

static inline int lps_stub_rcu_read_lock(void)
{
	lps_stub_rcu_depth++;
	return 0;
}

static inline void lps_stub_rcu_read_unlock(int *guard)
{
	(void)guard;
	lps_stub_rcu_depth--;
}

/* QEMU's is a g_autoptr(RCUReadAuto); the cleanup attribute is the same. */
#define RCU_READ_LOCK_GUARD()						\
	int _rcu_read_auto						\
	__attribute__((cleanup(lps_stub_rcu_read_unlock), unused)) =	\
		lps_stub_rcu_read_lock()

/* QEMU's opens a section for the statement that follows, the same way. */
#define WITH_RCU_READ_LOCK_GUARD()					\
	for (int _rcu_with = lps_stub_rcu_read_lock() + 1; _rcu_with;	\
	     lps_stub_rcu_read_unlock(NULL), _rcu_with = 0)

#endif
