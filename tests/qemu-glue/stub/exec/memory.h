/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/exec/memory.h (with hwaddr.h, memattrs.h,
 * int128.h and the typedefs they pull in): the types lps-qemu-priv.h names
 * and the memory API lps-qemu-gmem.c and lps-qemu.c call.  The predicates
 * are QEMU 7.2's own definitions; the calls are implemented by the tests
 * over fake address spaces (tests/qemu-glue/qemu_glue_env.c for the
 * transports, qemu_glue_vm.c for lps-qemu.c).
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include "qemu/osdep.h"

typedef uint64_t hwaddr;

typedef struct MemTxAttrs {
	unsigned int unspecified:1;
} MemTxAttrs;

#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs){ .unspecified = 1 })

/* The fields QEMU's MemoryRegion has that the glue or the test reads. */
typedef struct MemoryRegion {
	const char *name;
	bool ram;		/* RAM, ROM or RAM device, not MMIO */
	bool readonly;		/* with ram: a ROM */
	bool ram_device;	/* a device's memory mapped as RAM (VFIO BAR) */
	hwaddr addr;		/* where the address space maps it */
	hwaddr size;
	uint8_t *host;		/* its bytes in the test; NULL: none */
	struct MemoryRegion *container;	/* the region it is a part of */
} MemoryRegion;

typedef struct AddressSpace {
	const char *name;
} AddressSpace;

/* qemu/int128.h where the compiler has __int128, as here. */
typedef __int128 Int128;

static inline Int128 int128_add(Int128 a, Int128 b)
{
	return a + b;
}

/* QEMU asserts the value fits; so does this, loudly. */
static inline uint64_t int128_get64(Int128 a)
{
	if (a != (Int128)(uint64_t)a)
		__builtin_trap();
	return (uint64_t)a;
}

/* The rendered view of an address space: ranges, each in one region. */
typedef struct FlatView FlatView;
typedef bool (*flatview_cb)(Int128 start, Int128 len, const MemoryRegion *mr,
			    hwaddr offset_in_region, void *opaque);

FlatView *address_space_to_flatview(AddressSpace *as);
void flatview_for_each_range(FlatView *fv, flatview_cb cb, void *opaque);

static inline bool memory_region_is_ram(MemoryRegion *mr)
{
	return mr->ram;
}

static inline bool memory_region_is_rom(MemoryRegion *mr)
{
	return mr->ram && mr->readonly;
}

bool memory_region_is_ram_device(MemoryRegion *mr);
void *memory_region_get_ram_ptr(MemoryRegion *mr);
void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size);
MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
				      hwaddr *xlat, hwaddr *len, bool is_write,
				      MemTxAttrs attrs);

#endif
