// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * qemu_glue_env.c - the test side of the QEMU glue: lps_qemu_host() and
 * lps_qemu_ready() as lps-qemu.c provides them, and QEMU's memory API
 * over a fixed table of regions, recording what the glue asked of it.
 */
#include "qemu/osdep.h"
#include "qemu/rcu.h"
#include "exec/address-spaces.h"
#include "lps-qemu-priv.h"
#include "qemu_glue_env.h"

struct qg_env qg;
unsigned int lps_stub_rcu_depth;
AddressSpace address_space_memory = { "memory" };

static uint8_t ram_bytes[QG_RAM_PAGES * QG_PAGE] __attribute__((aligned(4096)));
/* A page behind the short region: what a glue ignoring its length reads. */
static uint8_t tail_bytes[QG_PAGE] __attribute__((aligned(4096)));
static uint8_t bios_bytes[QG_PAGE], pflash_bytes[QG_PAGE];
static uint8_t mmio_bytes[QG_PAGE], ram_device_bytes[QG_PAGE];

/* From 0: virt's flash, a UART, a VFIO BAR, a BIOS ROM, the short RAM. */
MemoryRegion qg_pflash = { "pflash", false, false, false, 0x0,
			   QG_PAGE, pflash_bytes, NULL };
MemoryRegion qg_mmio = { "uart", false, false, false, 0x09000000,
			 QG_PAGE, mmio_bytes, NULL };
MemoryRegion qg_ram_device = { "vfio-bar", true, false, true, 0x10000000,
			       QG_PAGE, ram_device_bytes, NULL };
MemoryRegion qg_bios = { "pc.bios", true, true, false, 0x20000000,
			 QG_PAGE, bios_bytes, NULL };
MemoryRegion qg_ram_tail = { "ram-tail", true, false, false, 0x30000000,
			     QG_TAIL_BYTES, tail_bytes, NULL };
MemoryRegion qg_ram = { "ram", true, false, false, QG_RAM_BASE,
			sizeof(ram_bytes), ram_bytes, NULL };
/* QEMU's io_mem_unassigned: what translate returns where nothing is. */
static MemoryRegion qg_unassigned = { "unassigned", false, false, false, 0,
				      UINT64_MAX, NULL, NULL };

static MemoryRegion *const qg_map[] = {
	&qg_pflash, &qg_mmio, &qg_ram_device, &qg_bios, &qg_ram_tail, &qg_ram,
};

MemoryRegion *const qg_refused[4] = {
	&qg_pflash, &qg_mmio, &qg_ram_device, &qg_bios,
};

void qg_reset(struct lps_host *host)
{
	size_t i;

	for (i = 0; i < sizeof(qg_map) / sizeof(qg_map[0]); i++)
		memset(qg_map[i]->host, 0, qg_map[i] == &qg_ram_tail ?
		       sizeof(tail_bytes) : qg_map[i]->size);
	memset(&qg, 0, sizeof(qg));
	qg.host = host;
	lps_stub_rcu_depth = 0;
}

static void qg_need_rcu(void)
{
	if (!lps_stub_rcu_depth)
		qg.rcu_violations++;
}

bool lps_qemu_ready(void)
{
	return qg.host != NULL;
}

struct lps_host *lps_qemu_host(const char *port)
{
	if (!qg.host)
		return NULL;
	qg.port = port;
	qg.calls++;
	return qg.host;
}

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
				      hwaddr *xlat, hwaddr *len, bool is_write,
				      MemTxAttrs attrs)
{
	size_t i;

	(void)as;
	(void)is_write;
	(void)attrs;
	qg_need_rcu();
	qg.translations++;
	for (i = 0; i < sizeof(qg_map) / sizeof(qg_map[0]); i++) {
		MemoryRegion *mr = qg_map[i];

		if (addr - mr->addr < mr->size) {
			*xlat = addr - mr->addr;
			if (*len > mr->size - *xlat)
				*len = mr->size - *xlat;
			return mr;
		}
	}
	*xlat = addr;
	return &qg_unassigned;
}

bool memory_region_is_ram_device(MemoryRegion *mr)
{
	return mr->ram_device;
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
	qg_need_rcu();
	return mr->host;
}

void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size)
{
	qg_need_rcu();
	qg.dirty_calls++;
	qg.dirty_mr = mr;
	qg.dirty_addr = addr;
	qg.dirty_size = size;
}
