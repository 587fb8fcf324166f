/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/* Userspace stand-in for <linux/bits.h>: what page-states.h uses. */
#ifndef LPS_STUB_LINUX_BITS_H
#define LPS_STUB_LINUX_BITS_H

#define BIT(nr)	(1UL << (nr))

#endif
