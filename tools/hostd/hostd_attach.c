// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hostd_attach.c - where the agent's table is and whether it is still the
 * one it attached to.  The host names the table's address (--table); a
 * scan for the magic is an opt-in (--scan), since any guest process can
 * write the magic into its own pages.  Validation stays with the library;
 * this file only finds candidates and notices a guest that rebooted.
 */
#define _GNU_SOURCE		/* SEEK_DATA, SEEK_HOLE */
#include <string.h>
#include <unistd.h>

#include "hostd_reclaim.h"

#define HOSTD_PAGE	(1ull << LPS_SHMEM_PAGE_SHIFT)

static uint64_t load64(const void *p)
{
	return lps_le64(__atomic_load_n((const uint64_t *)p,
					__ATOMIC_ACQUIRE));
}

/*
 * Offsets of data pages starting with the table magic.  Only pages that
 * hold data are read: a read fault on a hole of a shared tmpfs mapping
 * allocates it, and scanning a whole guest's RAM that way would fill in
 * every page the guest never touched.  SEEK_HOLE answers from the file,
 * which may have grown past the mapping: clamp to what is mapped.
 */
static unsigned int find_magic(const struct hostd_ram *r, uint64_t *first)
{
	uint64_t pos = 0, end, off;
	unsigned int n = 0;
	off_t data, hole;

	while (pos < r->len) {
		data = lseek(r->fd, (off_t)pos, SEEK_DATA);
		if (data < 0 || (uint64_t)data >= r->len)
			break;
		hole = lseek(r->fd, data, SEEK_HOLE);
		end = hole < 0 || (uint64_t)hole > r->len ? r->len :
		      (uint64_t)hole;
		for (off = ((uint64_t)data + HOSTD_PAGE - 1) &
			   ~(HOSTD_PAGE - 1);
		     off < end && LPS_SHMEM_HDR_BYTES <= r->len - off;
		     off += HOSTD_PAGE)
			if (load64(r->map + off) == LPS_SHMEM_MAGIC && !n++)
				*first = off;
		if (end <= pos)
			break;
		pos = end;
	}
	return n;
}

static void hostd_begin(struct hostd *d, struct hostd_ram *ram,
			uint64_t ram_gpa)
{
	memset(&d->host, 0, sizeof(d->host));
	d->ram = ram;
	d->region.base = ram->map;
	d->region.len = ram->len;
	d->region.gpa = ram_gpa;
	d->attached = false;
}

/*
 * A claim this agent made on a table the guest then republished in place
 * carries our last epoch.  The guest's setup zeroed host_epoch, so a plain
 * bump could hand the new attach that same epoch byte, and the old claim
 * would pass for a live one: never recovered, the guest waiting on it for
 * ever.  Start the count above our last epoch so such a claim is an old
 * one, recovered (punched and committed) like a dead agent's; that is
 * right, since we claimed it from the new table's droppable state.
 */
static void hostd_skip_epoch(struct hostd *d, uint64_t hdr_gpa)
{
	struct lps_shmem_hdr *hdr = (void *)((unsigned char *)d->region.base +
					     (hdr_gpa - d->region.gpa));
	uint32_t v = lps_le32(__atomic_load_n(&hdr->host_epoch,
					       __ATOMIC_ACQUIRE));
	uint32_t want = lps_le32(d->last_epoch);

	if (!d->attaches || ((v + 1) & 0xff) != (d->last_epoch & 0xff))
		return;
	v = lps_le32(v);
	(void)__atomic_compare_exchange_n(&hdr->host_epoch, &v, want, false,
					  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static int hostd_take(struct hostd *d, uint64_t hdr_gpa)
{
	int err;

	hostd_skip_epoch(d, hdr_gpa);
	err = lps_shmem_host_attach(&d->host, &d->region, &d->region,
				    hdr_gpa);
	d->attached = !err;
	if (!err) {
		d->hdr_gpa = hdr_gpa;
		d->last_epoch = d->host.epoch;
		d->attaches++;
	}
	return err;
}

int hostd_attach_at(struct hostd *d, struct hostd_ram *ram, uint64_t ram_gpa,
		    uint64_t hdr_gpa)
{
	uint64_t off;

	hostd_begin(d, ram, ram_gpa);
	if (hdr_gpa < ram_gpa || hdr_gpa - ram_gpa >= ram->len ||
	    LPS_SHMEM_HDR_BYTES > ram->len - (hdr_gpa - ram_gpa))
		return -LPS_ERANGE;
	off = hdr_gpa - ram_gpa;
	if (off & (HOSTD_PAGE - 1))
		return -LPS_EINVAL;
	if (load64(ram->map + off) != LPS_SHMEM_MAGIC)
		return -LPS_ENOTSUP;
	return hostd_take(d, hdr_gpa);
}

int hostd_attach_scan(struct hostd *d, struct hostd_ram *ram,
		      uint64_t ram_gpa)
{
	uint64_t hdr_gpa, off = 0;
	unsigned int n;
	int err;

	hostd_begin(d, ram, ram_gpa);
	n = find_magic(ram, &off);
	if (!n)
		return -LPS_ENOTSUP;
	/*
	 * One candidate: attach validates it completely.  Several: let the
	 * library decide which (if exactly one) is valid; its scan touches
	 * holes, but only a guest with planted headers pays for that.
	 */
	hdr_gpa = ram_gpa + off;
	err = n == 1 ? 0 : lps_shmem_host_find(&d->region, &d->region,
						 &hdr_gpa);
	if (err == -LPS_EPROTO)
		return -LPS_EBUSY;
	return err ? err : hostd_take(d, hdr_gpa);
}

/*
 * Compare the guest's header with what attach validated.  Equal fields
 * are as valid as they were; the epoch tells a republished table (the
 * guest's setup zeroes it) from the one this agent took over.
 */
int hostd_check(struct hostd *d)
{
	const struct lps_shmem_hdr *hdr;
	const struct lps_shmem_host *h = &d->host;
	const unsigned char *base = d->region.base;
	uint64_t gpa = d->region.gpa;
	uint32_t epoch;

	if (!d->attached)
		return -LPS_ENOTSUP;
	hdr = h->hdr;
	if (load64(&hdr->magic) != LPS_SHMEM_MAGIC)
		return -LPS_ENOTSUP;
	epoch = lps_le32(__atomic_load_n(&hdr->host_epoch, __ATOMIC_ACQUIRE));
	if (load64(&hdr->hdr_gpa) != d->hdr_gpa ||
	    load64(&hdr->nframes) != h->nframes ||
	    load64(&hdr->table_gpa) !=
	    gpa + (uint64_t)((const unsigned char *)h->words - base) ||
	    load64(&hdr->frame0_gpa) != gpa + h->ram_off0 ||
	    epoch != h->epoch)
		return -LPS_EAGAIN;
	return 0;
}

int hostd_rescan(struct hostd *d)
{
	uint64_t off = 0, gpa;
	unsigned int n;
	int err;

	n = find_magic(d->ram, &off);
	if (!n)
		return -LPS_ENOTSUP;
	gpa = d->region.gpa + off;
	if (n > 1) {
		err = lps_shmem_host_find(&d->region, &d->region, &gpa);
		if (err)
			return err == -LPS_EPROTO ? -LPS_EBUSY : err;
	}
	return d->attached && gpa == d->hdr_gpa ? 0 : -LPS_EAGAIN;
}

int hostd_settle(struct hostd *d)
{
	int err = hostd_ram_resync(d->ram);

	if (err < 0)
		return -LPS_EIO;
	if (err > 0) {
		/* Every pointer into the old mapping is gone. */
		d->attached = false;
		d->resized++;
	}
	err = d->attached ? hostd_check(d) : -LPS_ENOTSUP;
	if (err)
		d->attached = false;
	if (d->attached && d->scan) {
		err = hostd_rescan(d);
		if (err) {
			d->attached = false;
			if (err == -LPS_EBUSY)
				return err;
		}
	}
	if (d->attached)
		return 0;
	if (d->scan)
		return hostd_attach_scan(d, d->ram, d->ram_gpa);
	return hostd_attach_at(d, d->ram, d->ram_gpa, d->table_gpa);
}
