// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_gen.c - host side: writes the data files and their MANIFEST
 * ("name size fnv64" per line) into the directory mke2fs -d packs, so the
 * guest checks what it reads against checksums computed outside it.
 * With "compare" it writes the bigger data set of `./lps compare`
 * (kt_compare.h) instead, for a disk of its own.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kt_compare.h"
#include "kt_pattern.h"

static unsigned char buf[1 << 20];

/* Write @size bytes of stream @seed to @dir/@name; returns its FNV or 0. */
static int gen_file(const char *dir, const char *name, uint64_t seed,
		    size_t size, FILE *manifest)
{
	char path[4096];
	uint64_t h = KT_FNV_INIT;
	size_t off;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "kt_gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (off = 0; off < size; off += sizeof(buf)) {
		kt_fill(buf, sizeof(buf), seed, off);
		h = kt_fnv(h, buf, sizeof(buf));
		if (fwrite(buf, 1, sizeof(buf), f) != sizeof(buf)) {
			fclose(f);
			return -1;
		}
	}
	if (fclose(f))
		return -1;
	if (manifest)
		fprintf(manifest, "%s %zu %016" PRIx64 "\n", name, size, h);
	return 0;
}

static int gen_compare(const char *dir, FILE *manifest)
{
	char name[64];
	int i;

	for (i = 0; i < KT_CMP_NFILES; i++) {
		snprintf(name, sizeof(name), "cmp%02d.bin", i);
		if (gen_file(dir, name, KT_SEED_CMP + i, KT_CMP_FILE_SIZE,
			     manifest))
			return 1;
	}
	return fclose(manifest) ? 1 : 0;
}

int main(int argc, char **argv)
{
	char path[4096], name[64];
	FILE *manifest;
	int i;

	if (argc != 2 && (argc != 3 || strcmp(argv[2], "compare"))) {
		fprintf(stderr, "usage: kt_gen DIR [compare]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/MANIFEST", argv[1]);
	manifest = fopen(path, "w");
	if (!manifest) {
		fprintf(stderr, "kt_gen: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (argc == 3)
		return gen_compare(argv[1], manifest);
	for (i = 0; i < KT_NFILES; i++) {
		snprintf(name, sizeof(name), "data%02d.bin", i);
		if (gen_file(argv[1], name, KT_SEED_FILE + i, KT_FILE_SIZE,
			     manifest))
			return 1;
	}
	/* The guest overwrites this one through a shared writable mapping. */
	if (gen_file(argv[1], "rw.bin", 0, KT_RW_SIZE, NULL))
		return 1;
	/* Read, mapped and pressed out of memory after the checked run. */
	if (gen_file(argv[1], "points.bin", KT_SEED_POINTS, KT_POINTS_SIZE,
		     NULL))
		return 1;
	return fclose(manifest) ? 1 : 0;
}
