// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_mapped.c - file pages that go volatile while they are mapped, where
 * the host raises discard faults (the glue's debugfs says
 * discard_faults_on 1: s390x on the patched QEMU).
 *
 * Before the reclaim request two data files leave the page cache
 * (POSIX_FADV_DONTNEED), are mapped read-only from read-only descriptors
 * (so no writable mapping keeps them stable), faulted in page by page and
 * then read once with pread(), whose end offers each folio while it is
 * mapped.  After the reclaim, before anything reads the files, every byte
 * is read again through the mappings and hashed against the MANIFEST: a
 * frame the host dropped raises the discard fault, the glue unmaps its
 * folio and the access refaults and reads it from the disk.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#define KT_MAPPED_FILES	2

struct kt_mapped_file {
	struct kt_manifest_entry e;	/* name, size, FNV */
	const unsigned char *p;
};

static struct kt_mapped_file kt_mapped[KT_MAPPED_FILES];
static unsigned int kt_nmapped;
static long long kt_faults_before;

static int map_one(struct kt_mapped_file *m)
{
	static unsigned char buf[1 << 16];
	char path[512];
	size_t off;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), KT_MNT "/%s", m->e.name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	/* Clean and unmapped: dropped, so the faults below read it fresh. */
	if (posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED))
		goto fail;
	m->p = mmap(NULL, m->e.size, PROT_READ, MAP_SHARED, fd, 0);
	if (m->p == MAP_FAILED) {
		m->p = NULL;
		goto fail;
	}
	for (off = 0; off < m->e.size; off += 4096)
		(void)*(const volatile unsigned char *)(m->p + off);
	/* The end of this read offers each folio, mapped now. */
	for (off = 0; off < m->e.size; off += (size_t)n) {
		n = pread(fd, buf, sizeof(buf), (off_t)off);
		if (n <= 0)
			goto fail;
	}
	close(fd);
	return 0;
fail:
	close(fd);
	return -1;
}

void kt_mapped_setup(struct kt_work *w)
{
	FILE *man;

	if (kt_counter("discard_faults_on") != 1)
		return;
	man = kt_manifest_open(w);
	if (!man)
		return;
	while (kt_nmapped < KT_MAPPED_FILES &&
	       kt_manifest_next(man, &kt_mapped[kt_nmapped].e)) {
		struct kt_mapped_file *m = &kt_mapped[kt_nmapped++];

		if (map_one(m)) {
			kt_err("mapped", m->e.name);
			w->errors++;
		}
	}
	fclose(man);
	kt_faults_before = kt_counter("discard_faults");
}

void kt_mapped_verify(struct kt_work *w)
{
	unsigned long kib = 0;
	unsigned int i;

	if (!kt_nmapped)
		return;
	for (i = 0; i < kt_nmapped; i++) {
		struct kt_mapped_file *m = &kt_mapped[i];

		if (!m->p)
			continue;
		/* Every byte, through the mapping only. */
		if (kt_fnv(KT_FNV_INIT, m->p, m->e.size) != m->e.want) {
			kt_err("mapped-checksum", m->e.name);
			w->checksum_errors++;
		}
		kib += (unsigned long)(m->e.size >> 10);
		munmap((void *)m->p, m->e.size);
		m->p = NULL;
	}
	printf("LPS-MAPPED {\"mapped_kib\":%lu,\"mapped_faults\":%lld}\n",
	       kib, kt_counter("discard_faults") - kt_faults_before);
}
