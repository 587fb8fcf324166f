// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_counters.c - dumps the glue's debugfs counters as JSON members, so
 * the host script (not this program) decides which names mean what and
 * the guest does not have to change when the glue renames one.  A file
 * holding one number is "file":n; a file of "key: n" or "key n" lines
 * gives "key":n per line.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kt_guest.h"

static int first = 1;

static void emit(const char *name, long long v)
{
	char clean[64];
	size_t i;

	for (i = 0; name[i] && i < sizeof(clean) - 1; i++)
		clean[i] = isalnum((unsigned char)name[i]) ?
			   (char)tolower((unsigned char)name[i]) : '_';
	clean[i] = '\0';
	printf("%s\"%s\":%lld", first ? "" : ",", clean, v);
	first = 0;
}

static void one_file(const char *name)
{
	char path[512], line[256], key[128];
	long long v;
	FILE *f;

	snprintf(path, sizeof(path), KT_DBG_DIR "/%s", name);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *end;

		v = strtoll(line, &end, 0);
		if (end != line && (*end == '\n' || !*end)) {
			emit(name, v);
			break;
		}
		if (sscanf(line, " %127[^: \t] %*[:] %lld", key, &v) == 2 ||
		    sscanf(line, " %127s %lld", key, &v) == 2)
			emit(key, v);
	}
	fclose(f);
}

long long kt_counter(const char *name)
{
	return kt_debugfs_value("counters", name);
}

long long kt_debugfs_value(const char *file, const char *name)
{
	char path[128], line[256], key[128];
	long long v, found = -1;
	FILE *f;

	snprintf(path, sizeof(path), KT_DBG_DIR "/%s", file);
	f = fopen(path, "r");

	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f))
		if (sscanf(line, " %127s %lld", key, &v) == 2 &&
		    !strcmp(key, name))
			found = v;
	fclose(f);
	return found;
}

void kt_counters_print(void)
{
	struct dirent *de;
	DIR *d = opendir(KT_DBG_DIR);

	first = 1;
	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			one_file(de->d_name);
	closedir(d);
}
