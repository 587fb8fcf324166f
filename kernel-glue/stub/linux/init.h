/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/* Userspace stand-in for <linux/init.h>. */
#ifndef LPS_STUB_LINUX_INIT_H
#define LPS_STUB_LINUX_INIT_H

#define __init

#endif
