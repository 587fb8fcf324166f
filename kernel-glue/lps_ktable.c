// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_ktable.c - where the shared state table lives when the host chose
 * it: `pagestates_table=SIZE@ADDR` on the kernel command line.  The host's
 * agent then takes the same address from its own configuration and never
 * has to trust a table found by scanning guest RAM (docs/shmem-protocol.md
 * section 6).  The range is taken exactly as given, or refused as a whole.
 */
#include <linux/init.h>		/* early_param */
#include <linux/kernel.h>	/* memparse */
#include <linux/memblock.h>	/* memblock_reserve */
#include <linux/mm.h>		/* PAGE_ALIGN */
#include <linux/printk.h>	/* pr_warn */
#include <pagestates/wire/lps_wire_shmem.h>	/* LPS_SHMEM_WORD_BYTES */
#include "lps_kglue.h"		/* lps_ktable_* */

static u64 lps_table_addr __initdata;
static u64 lps_table_size __initdata;
static bool lps_table_given __initdata;

/*
 * Not __init: the KUnit suite feeds it strings after boot.  memparse()
 * takes 0x, octal and K/M/G suffixes, as every other memory parameter.
 */
int lps_ktable_parse(const char *s, u64 *addr, u64 *size)
{
	char *end;
	u64 a, n;

	if (!s || !*s)
		return -EINVAL;
	n = memparse(s, &end);
	if (end == s || *end != '@')
		return -EINVAL;
	s = end + 1;
	a = memparse(s, &end);
	if (end == s || *end)
		return -EINVAL;
	*addr = a;
	*size = n;
	return 0;
}

/* Bytes the header page and @nframes words take, in whole pages. */
u64 lps_ktable_need(unsigned long nframes)
{
	return PAGE_SIZE + PAGE_ALIGN((u64)nframes * LPS_SHMEM_WORD_BYTES);
}

/*
 * Every refusal in one place, cheapest first, so that the KUnit suite
 * can drive it with a made-up memory map.  Returns why the range cannot
 * hold the table, or NULL when it can.
 */
const char *lps_ktable_check(u64 addr, u64 size, unsigned long nframes,
			     const struct lps_ktable_mem *mem)
{
	if (!PAGE_ALIGNED(addr) || !PAGE_ALIGNED(size))
		return "not page aligned";
	if (size < lps_ktable_need(nframes))
		return "too small for the table";
	if (addr + size < addr)
		return "beyond the physical address space";
	if (!mem->is_ram(addr, size))
		return "not RAM the kernel maps";
	if (mem->is_reserved(addr, size))
		return "overlaps memory already in use";
	return NULL;
}

static int __init lps_ktable_param(char *s)
{
	if (lps_ktable_parse(s, &lps_table_addr, &lps_table_size)) {
		pr_warn("pagestates: pagestates_table=%s is not SIZE@ADDR\n",
			s ? s : "");
		/* Given but unusable: the table must not go elsewhere. */
		lps_table_size = 0;
	}
	lps_table_given = true;
	return 0;
}
early_param("pagestates_table", lps_ktable_param);

/*
 * One RAM region that the linear map covers page by page: the header and
 * the words are used through __va(), and a NOMAP hole (firmware tables on
 * arm64) is not mapped.
 */
static bool __init lps_memblock_is_ram(u64 addr, u64 size)
{
	u64 off;

	if (!memblock_is_region_memory(addr, size))
		return false;
	for (off = 0; off < size; off += PAGE_SIZE)
		if (!memblock_is_map_memory(addr + off))
			return false;
	return true;
}

static bool __init lps_memblock_is_reserved(u64 addr, u64 size)
{
	return memblock_is_region_reserved(addr, size);
}

static const struct lps_ktable_mem lps_memblock_mem __initconst = {
	.is_ram = lps_memblock_is_ram,
	.is_reserved = lps_memblock_is_reserved,
};

bool __init lps_ktable_given(void)
{
	return lps_table_given;
}

/*
 * Reserve the range the host named for a table of @nframes words; its
 * guest-physical address into @addr.  Called from mm_init(), after every
 * architecture has reserved its kernel, initrd and firmware data, so an
 * overlap with any of them is seen.  The early allocations before it go
 * top-down from the end of RAM: the host picks a range below them.
 */
int __init lps_ktable_claim(unsigned long nframes, u64 *addr)
{
	const char *why;

	if (!lps_table_size) {
		why = "not SIZE@ADDR";
		goto refuse;
	}
	why = lps_ktable_check(lps_table_addr, lps_table_size, nframes,
			       &lps_memblock_mem);
	if (why)
		goto refuse;
	if (memblock_reserve(lps_table_addr, lps_table_size)) {
		why = "memblock could not reserve it";
		goto refuse;
	}
	*addr = lps_table_addr;
	return 0;
refuse:
	pr_warn("pagestates: table range %#llx@%#llx refused: %s (needs %#llx bytes of free RAM)\n",
		lps_table_size, lps_table_addr, why, lps_ktable_need(nframes));
	return -EINVAL;
}
