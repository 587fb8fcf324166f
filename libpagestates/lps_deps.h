/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_deps.h - the only way into the environment for the core: the kernel
 * half maps each name onto <linux/...>, the userspace half onto compiler
 * builtins (no libc, so the core builds with -ffreestanding -nostdlib).
 * Both halves supply exactly the same names:
 *
 *   lps_memset, lps_memcpy              byte helpers
 *   lps_load_u8/u32/u64, lps_store_u32/u64 single-copy atomic, relaxed
 *   lps_load_acquire_u32, lps_store_release_u32
 *   lps_cmpxchg_u8, lps_cmpxchg_u32     strong CAS, full barrier; returns
 *                                       the old value
 *   lps_lock_init, lps_lock, lps_unlock  the per-CPU lock (lps_lock_t),
 *                                       usable from any context
 *   lps_cpu_relax                       spin-wait hint
 *   LPS_NOINLINE                        keep a function out of line
 *   LPS_WARN_ON(cond)                   evaluates to cond; reports it when
 *                                       LPS_DEBUGLEVEL >= 1
 */
#ifndef LPS_DEPS_H
#define LPS_DEPS_H

#include <pagestates/lps_types.h>	/* fixed-width types, lps_lock_t */

#ifdef __KERNEL__
/* ----------------------------------------------------------- kernel half */
#include <linux/atomic.h>	/* cmpxchg */
#include <linux/bug.h>		/* WARN_ON */
#include <linux/compiler.h>	/* READ_ONCE, WRITE_ONCE */
#include <linux/spinlock.h>	/* spin_lock_irqsave */
#include <linux/string.h>	/* memset, memcpy */
#include <asm/barrier.h>	/* smp_load_acquire, smp_store_release */
#include <asm/processor.h>	/* cpu_relax */

#define lps_memset(p, c, n)		memset((p), (c), (n))
#define lps_memcpy(d, s, n)		memcpy((d), (s), (n))
#define lps_load_u8(p)			READ_ONCE(*(p))
#define lps_load_u32(p)			READ_ONCE(*(p))
#define lps_load_u64(p)			READ_ONCE(*(p))
#define lps_store_u32(p, v)		WRITE_ONCE(*(p), (v))
#define lps_store_u64(p, v)		WRITE_ONCE(*(p), (v))
/* Acquire: the caller says which release it pairs with. */
#define lps_load_acquire_u32(p)		smp_load_acquire(p)
/* Release: the caller says which acquire it pairs with. */
#define lps_store_release_u32(p, v)	smp_store_release((p), (v))
#define lps_cmpxchg_u8(p, o, n)		cmpxchg((p), (o), (n))
#define lps_cmpxchg_u32(p, o, n)	cmpxchg((p), (o), (n))
#define lps_lock_init(l)		spin_lock_init(l)
#define lps_lock(l, flags)		spin_lock_irqsave((l), (flags))
#define lps_unlock(l, flags)		spin_unlock_irqrestore((l), (flags))
#define lps_cpu_relax()			cpu_relax()
#define LPS_NOINLINE			noinline
#if defined(LPS_DEBUGLEVEL) && LPS_DEBUGLEVEL >= 1
#define LPS_WARN_ON(cond)		WARN_ON(cond)
#else
#define LPS_WARN_ON(cond)		(!!(cond))
#endif

#else
/* -------------------------------------------------------- userspace half */

/* Nothing here uses libc names, so the core may poison them: lps_internal.h */
#define LPS_ENV_CAN_POISON 1

static inline void *lps_memset(void *p, int c, size_t n)
{
	return __builtin_memset(p, c, n);
}

static inline void *lps_memcpy(void *d, const void *s, size_t n)
{
	return __builtin_memcpy(d, s, n);
}

#define lps_load_u8(p)		__atomic_load_n((p), __ATOMIC_RELAXED)
#define lps_load_u32(p)		__atomic_load_n((p), __ATOMIC_RELAXED)
#define lps_load_u64(p)		__atomic_load_n((p), __ATOMIC_RELAXED)
#define lps_store_u32(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define lps_store_u64(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define lps_load_acquire_u32(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define lps_store_release_u32(p, v) \
	__atomic_store_n((p), (v), __ATOMIC_RELEASE)

static inline uint8_t lps_cmpxchg_u8(uint8_t *p, uint8_t old, uint8_t new_)
{
	__atomic_compare_exchange_n(p, &old, new_, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return old;
}

static inline uint32_t lps_cmpxchg_u32(uint32_t *p, uint32_t old,
				       uint32_t new_)
{
	__atomic_compare_exchange_n(p, &old, new_, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return old;
}

/* checkpatch-ignore: PREFER_DEFINED_ATTRIBUTE_MACRO (no noinline here) */
#define LPS_NOINLINE __attribute__((__noinline__))

/* Architecture is the ports' business; ask the compiler, not the arch. */
#if defined(__has_builtin)
#if __has_builtin(__builtin_ia32_pause)
#define lps_cpu_relax() __builtin_ia32_pause()
#endif
#endif
#ifndef lps_cpu_relax
#define lps_cpu_relax() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#endif

static inline void lps_lock_init(lps_lock_t *l)
{
	__atomic_store_n(&l->word, 0, __ATOMIC_RELAXED);
}

/* @flags exists so both halves share one call shape; unused here. */
#define lps_lock(l, flags)   ((void)(flags), lps_lock_acquire(l))
#define lps_unlock(l, flags) ((void)(flags), lps_lock_release(l))

static inline void lps_lock_acquire(lps_lock_t *l)
{
	while (__atomic_exchange_n(&l->word, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->word, __ATOMIC_RELAXED))
			lps_cpu_relax();
}

static inline void lps_lock_release(lps_lock_t *l)
{
	__atomic_store_n(&l->word, 0, __ATOMIC_RELEASE);
}

#if defined(LPS_DEBUGLEVEL) && LPS_DEBUGLEVEL >= 1
/* No libc to print with: a failed check traps so tests see it at once. */
#define LPS_WARN_ON(cond) \
	((cond) ? (__builtin_trap(), 1) : 0)
#else
#define LPS_WARN_ON(cond) (!!(cond))
#endif

#endif /* __KERNEL__ */

#endif /* LPS_DEPS_H */
