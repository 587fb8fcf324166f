/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_stub_compiler.h - what the kernel's compiler_types.h gives every
 * translation unit (it is force-included there too, with -include).
 */
#ifndef LPS_STUB_COMPILER_H
#define LPS_STUB_COMPILER_H

#define __always_inline	inline __attribute__((__always_inline__))

#endif
