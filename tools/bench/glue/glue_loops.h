/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * glue_loops.h - the loops bench_glue.c times, built twice from
 * glue_loops.c: with the hooks (suffix _on) and compiled out (_off).
 * Each pass does what the kernel does around a hook site, for every
 * folio of @f: a put that drops a batch reference (release_pages()), a
 * lookup (reference, make-stable, drop) and an unlock.
 */
#ifndef GLUE_LOOPS_H
#define GLUE_LOOPS_H

#include <stddef.h>	/* size_t */

struct folio;

#define GLUE_LOOPS(suffix)						\
	void glue_release_##suffix(struct folio *f, size_t n);		\
	void glue_lookup_##suffix(struct folio *f, size_t n);		\
	void glue_unlock_##suffix(struct folio *f, size_t n)

GLUE_LOOPS(on);
GLUE_LOOPS(off);

#endif
