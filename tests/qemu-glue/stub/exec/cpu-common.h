/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/exec/cpu-common.h (with ram_addr.h's
 * ram_addr_t): the RAMBlock calls lps-qemu.c drops guest RAM with,
 * implemented by the test over real anonymous memory
 * (tests/qemu-glue/qemu_glue_vm.c), so mincore() sees what is resident.
 */
#ifndef EXEC_CPU_COMMON_H
#define EXEC_CPU_COMMON_H

#include "qemu/osdep.h"

typedef uint64_t ram_addr_t;
typedef struct RAMBlock RAMBlock;

RAMBlock *qemu_ram_block_from_host(void *ptr, bool round_offset,
				   ram_addr_t *offset);
int ram_block_discard_range(RAMBlock *rb, uint64_t start, size_t length);

#endif
