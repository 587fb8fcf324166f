/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port.h - picks the one port this build compiles in; the only file in
 * the tree that looks at compiler architecture macros.
 *
 * Build-time selection (set by ports/CMakeLists.txt from cmake/LpsPort.cmake):
 *   LPS_PORT_FORCE_NOOP    the no-op port, on any architecture
 *   LPS_PORT_FORCE_S390    ESSA; needs __s390x__
 *   LPS_PORT_FORCE_X86     vmcall/vmmcall hypercall; needs __x86_64__
 *   LPS_PORT_FORCE_ARM64   SMCCC hvc #0; needs __aarch64__
 *   LPS_PORT_FORCE_SHMEM   the shared state table (ports/shmem), any arch
 *   none of them           __s390x__ -> s390, __x86_64__ -> x86,
 *                          __aarch64__ -> arm64, anything else -> noop
 *
 * What a port header gives (see ports/README.md): lps_port_<id>_ops(), the
 * struct lps_port_ops the core is given (its ctx is a struct lps_port_env *).
 * Port headers may also be included directly, several in one unit (the
 * kernel's port table does); this file only picks one for lps_port_ops_get().
 *
 * Issue hooks a kernel (or a test) may define before including a port, to
 * replace the raw instruction with its own wrapper or an emulator:
 *   lps_s390_essa_issue(cmd, addr)              ports/s390
 *   lps_x86_hcall_issue(insn, nr, a0, a1, a2, a3)  ports/x86
 *   lps_x86_cpuid(leaf, regs)                   ports/x86
 *   lps_arm64_smccc_issue(regs)                 ports/arm64
 */
#ifndef LPS_PORT_H
#define LPS_PORT_H

#if defined(LPS_PORT_FORCE_NOOP)
#include "noop/lps_port_noop.h"
#define LPS_PORT_SELECTED noop
#elif defined(LPS_PORT_FORCE_SHMEM)
#include "shmem/lps_port_shmem.h"
#define LPS_PORT_SELECTED shmem
#elif defined(LPS_PORT_FORCE_S390)
#if !defined(__s390x__)
#error "LPS_PORT_FORCE_S390 needs an s390x compiler"
#endif
#include "s390/lps_port_s390.h"
#define LPS_PORT_SELECTED s390
#elif defined(LPS_PORT_FORCE_X86)
#if !defined(__x86_64__)
#error "LPS_PORT_FORCE_X86 needs an x86_64 compiler"
#endif
#include "x86/lps_port_x86.h"
#define LPS_PORT_SELECTED x86
#elif defined(LPS_PORT_FORCE_ARM64)
#if !defined(__aarch64__)
#error "LPS_PORT_FORCE_ARM64 needs an aarch64 compiler"
#endif
#include "arm64/lps_port_arm64.h"
#define LPS_PORT_SELECTED arm64
#elif defined(__s390x__)
#include "s390/lps_port_s390.h"
#define LPS_PORT_SELECTED s390
#elif defined(__x86_64__)
#include "x86/lps_port_x86.h"
#define LPS_PORT_SELECTED x86
#elif defined(__aarch64__)
#include "arm64/lps_port_arm64.h"
#define LPS_PORT_SELECTED arm64
#else
#include "noop/lps_port_noop.h"
#define LPS_PORT_SELECTED noop
#endif

/* The port this build selected. */
static inline const struct lps_port_ops *lps_port_ops_get(void)
{
	return LPS_PORT_OPS(LPS_PORT_SELECTED)();
}

#endif /* LPS_PORT_H */
