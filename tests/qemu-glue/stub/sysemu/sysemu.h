/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/sysemu/sysemu.h, which in QEMU declares
 * qemu_add_machine_init_done_notifier(): hw/boards.h has it here.
 */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

#include "hw/boards.h"

#endif
