// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * regression_driver.c - a plain main() that replays corpus files through a
 * fuzz target's LLVMFuzzerTestOneInput, so every target also runs as an
 * ordinary CTest (natively and under qemu-user) without libFuzzer.
 *
 * usage: <target>-replay FILE|DIR...   (a directory: every file in it)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned int replayed;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	/* An exact-size copy, so a read past the input is an ASan report. */
	buf = malloc(len ? (size_t)len : 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	replayed++;
	return 0;
}

static int replay(const char *path)
{
	struct dirent *e;
	struct stat st;
	char sub[4096];
	int bad = 0;
	DIR *d;

	if (stat(path, &st)) {
		fprintf(stderr, "replay: no such file %s\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (replay(sub))
			bad = -1;
	}
	closedir(d);
	return bad;
}

int main(int argc, char **argv)
{
	int i, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (replay(argv[i]))
			bad = 1;
	printf("%u inputs replayed\n", replayed);
	/* An empty corpus proves nothing: fail rather than pass silently. */
	if (!replayed)
		bad = 1;
	printf("%u passed, %d failed\n", replayed, bad);
	return bad;
}
