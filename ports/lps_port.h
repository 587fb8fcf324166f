/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port.h - picks the one port this build compiles in; the only file in
 * the tree that looks at compiler architecture macros.
 *
 * Build-time selection (set by ports/CMakeLists.txt from cmake/LpsPort.cmake,
 * or by the kernel glue):
 *   LPS_PORT_FORCE_NOOP    the no-op port, on any architecture
 *   LPS_PORT_FORCE_S390    ESSA; needs __s390x__
 *   LPS_PORT_FORCE_X86     vmcall/vmmcall hypercall; needs __x86_64__
 *   LPS_PORT_FORCE_ARM64   SMCCC hvc #0; needs __aarch64__
 *   LPS_PORT_FORCE_SHMEM   the shared state table (ports/shmem), any arch
 *   none of them           __s390x__ -> s390, __x86_64__ -> x86,
 *                          __aarch64__ -> arm64, anything else -> noop
 *
 * What the chosen port header defines (see ports/README.md):
 *   LPS_PORT_NAME              string; equals the LPS_PORT value ("x86")
 *   LPS_PORT_HAVE_BATCH        it submits whole descriptors itself
 *   LPS_PORT_HAVE_DISCARD_FAULT  the guest faults on discarded content
 *   LPS_PORT_HAVE_DIRTY_BIT    the host sees a per-page change bit
 *   LPS_PORT_HAVE_GET_STATE    the host's state of a frame can be read
 *   lps_port_* functions       its part of the contract
 *
 * What the generic layer then supplies: LPS_PORT_CAPS, every missing
 * lps_port_* function, and lps_port_ops_get(), the struct lps_port_ops the
 * core is given (its ctx is a struct lps_port_env *).
 *
 * Issue hooks a kernel (or a test) may define before including this file,
 * to replace the raw instruction with its own wrapper:
 *   lps_s390_essa_issue(cmd, addr)              ports/s390
 *   lps_x86_hcall_issue(insn, nr, a0, a1, a2, a3)  ports/x86
 *   lps_x86_cpuid(leaf, regs)                   ports/x86
 *   lps_arm64_smccc_issue(regs)                 ports/arm64
 */
#ifndef LPS_PORT_H
#define LPS_PORT_H

#define LPS_PORT_INSIDE_DISPATCHER 1

#if defined(LPS_PORT_FORCE_NOOP)
#include "noop/lps_port_noop.h"
#elif defined(LPS_PORT_FORCE_SHMEM)
#include "shmem/lps_port_shmem.h"
#elif defined(LPS_PORT_FORCE_S390)
#if !defined(__s390x__)
#error "LPS_PORT_FORCE_S390 needs an s390x compiler"
#endif
#include "s390/lps_port_s390.h"
#elif defined(LPS_PORT_FORCE_X86)
#if !defined(__x86_64__)
#error "LPS_PORT_FORCE_X86 needs an x86_64 compiler"
#endif
#include "x86/lps_port_x86.h"
#elif defined(LPS_PORT_FORCE_ARM64)
#if !defined(__aarch64__)
#error "LPS_PORT_FORCE_ARM64 needs an aarch64 compiler"
#endif
#include "arm64/lps_port_arm64.h"
#elif defined(__s390x__)
#include "s390/lps_port_s390.h"
#elif defined(__x86_64__)
#include "x86/lps_port_x86.h"
#elif defined(__aarch64__)
#include "arm64/lps_port_arm64.h"
#else
#include "noop/lps_port_noop.h"
#endif

#undef LPS_PORT_INSIDE_DISPATCHER

#endif /* LPS_PORT_H */
