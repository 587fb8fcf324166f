/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_shmem_env.h - the little the shared-table port needs from where it
 * is compiled: atomic loads and stores of naturally aligned words, a
 * 32-bit compare-and-swap, a spin-wait hint and memset.  A port is built
 * into its embedder (the kernel, a test, a benchmark), not into the core,
 * so it cannot lean on the core's private environment (lps_deps.h); this
 * header is its own, with a kernel half and a userspace half that give
 * the same names.
 */
#ifndef LPS_SHMEM_ENV_H
#define LPS_SHMEM_ENV_H

#include <pagestates/lps_types.h>	/* fixed-width types */

#ifdef __KERNEL__
#include <linux/atomic.h>	/* cmpxchg */
#include <linux/compiler.h>	/* READ_ONCE, WRITE_ONCE */
#include <linux/string.h>	/* memset */
#include <asm/barrier.h>	/* smp_load_acquire */
#include <asm/processor.h>	/* cpu_relax */

#define lps_shm_load_u32(p)		READ_ONCE(*(p))
#define lps_shm_load_u64(p)		READ_ONCE(*(p))
#define lps_shm_store_u64(p, v)		WRITE_ONCE(*(p), (v))
/* Acquire: what the other side stored before its release is seen. */
#define lps_shm_load_acquire_u32(p)	smp_load_acquire(p)
#define lps_shm_cmpxchg_u32(p, o, n)	cmpxchg((p), (o), (n))
#define lps_shm_cpu_relax()		cpu_relax()
#define lps_shm_memset(p, c, n)		memset((p), (c), (n))

#else

#define lps_shm_load_u32(p)	__atomic_load_n((p), __ATOMIC_RELAXED)
#define lps_shm_load_u64(p)	__atomic_load_n((p), __ATOMIC_RELAXED)
#define lps_shm_store_u64(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define lps_shm_load_acquire_u32(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define lps_shm_memset(p, c, n)	__builtin_memset((p), (c), (n))

/* Strong, full barrier; returns the value found, like the kernel's. */
static inline uint32_t lps_shm_cmpxchg_u32(uint32_t *p, uint32_t old,
					   uint32_t new_)
{
	__atomic_compare_exchange_n(p, &old, new_, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return old;
}

#if defined(__has_builtin)
#if __has_builtin(__builtin_ia32_pause)
#define lps_shm_cpu_relax() __builtin_ia32_pause()
#endif
#endif
#ifndef lps_shm_cpu_relax
#define lps_shm_cpu_relax() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#endif

#endif /* __KERNEL__ */

#endif /* LPS_SHMEM_ENV_H */
