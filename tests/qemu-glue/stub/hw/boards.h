/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/hw/boards.h (and the QOM cast it uses): the
 * MachineState fields lps-qemu.c reads and the machine-init-done notifier
 * list, one entry here, which the test fires itself.
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "exec/memory.h"
#include "qemu/notify.h"

typedef struct Object Object;

typedef struct MachineState {
	MemoryRegion *ram;	/* the machine's RAM, mapped or aliased */
	uint64_t ram_size;
} MachineState;

Object *qdev_get_machine(void);
#define MACHINE(obj)	((MachineState *)(obj))

void qemu_add_machine_init_done_notifier(Notifier *notify);

#endif
