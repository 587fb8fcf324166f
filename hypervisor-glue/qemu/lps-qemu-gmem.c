/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu-gmem.c - guest RAM for the hypercall decoders: the page that
 * holds a hint descriptor, found through the memory API, never ROM or
 * MMIO.
 */
#include "qemu/osdep.h"
#include "qemu/rcu.h"
#include "exec/address-spaces.h"
#include "exec/memory.h"
#include "lps-qemu-priv.h"

#define LPS_QEMU_GMEM_MAX 4096  /* one descriptor page */

static void *lps_qemu_gmem_map(void *ctx, uint64_t gpa, size_t *avail)
{
    LpsQemuGmem *g = ctx;
    hwaddr xlat, len = LPS_QEMU_GMEM_MAX;
    MemoryRegion *mr;

    mr = address_space_translate(&address_space_memory, gpa, &xlat, &len,
                                 true, MEMTXATTRS_UNSPECIFIED);
    if (!memory_region_is_ram(mr) || memory_region_is_ram_device(mr) ||
        memory_region_is_rom(mr) || mr->readonly || !len) {
        return NULL;
    }
    g->mr = mr;
    g->offset = xlat;
    g->len = len;
    *avail = len;
    return (uint8_t *)memory_region_get_ram_ptr(mr) + xlat;
}

void lps_qemu_gmem_init(LpsQemuGmem *g)
{
    memset(g, 0, sizeof(*g));
    g->mem.map = lps_qemu_gmem_map;
    g->mem.ctx = g;
}

void lps_qemu_gmem_done(LpsQemuGmem *g)
{
    if (g->mr) {
        memory_region_set_dirty(g->mr, g->offset, g->len);
    }
}
