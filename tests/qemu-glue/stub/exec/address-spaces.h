/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/exec/address-spaces.h: the system address
 * space the glue translates guest physical addresses in.
 */
#ifndef EXEC_ADDRESS_SPACES_H
#define EXEC_ADDRESS_SPACES_H

#include "exec/memory.h"

extern AddressSpace address_space_memory;

#endif
