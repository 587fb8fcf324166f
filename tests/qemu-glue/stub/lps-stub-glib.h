/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for the GLib calls QEMU code makes through osdep.h: the
 * allocators as the C library's (GLib aborts where these return NULL,
 * which the tests never provoke) and g_autofree as the cleanup attribute
 * it is.
 */
#ifndef LPS_STUB_GLIB_H
#define LPS_STUB_GLIB_H

#include <stdlib.h>
#include <string.h>

#define g_malloc(n)	malloc(n)
#define g_new0(T, n)	((T *)calloc((n), sizeof(T)))
#define g_free(p)	free(p)
#define g_strdup(s)	strdup(s)

static inline void lps_stub_autofree(void *p)
{
	free(*(void **)p);
}

#define g_autofree __attribute__((cleanup(lps_stub_autofree)))

#endif
