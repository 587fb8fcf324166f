/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/qapi/error.h: an Error carries its message,
 * which the test reads; error_setg() on a NULL errp drops it, as QEMU's.
 */
#ifndef QAPI_ERROR_H
#define QAPI_ERROR_H

typedef struct Error {
	char msg[200];
} Error;

void error_setg(Error **errp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void error_free(Error *err);

#endif
