/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/block/aio.h: one-shot bottom halves, run by
 * the test's main loop (qemu_glue_vm.c, qv_advance()) after the timers
 * that fired, as QEMU's main loop runs them.
 */
#ifndef BLOCK_AIO_H
#define BLOCK_AIO_H

typedef struct AioContext AioContext;
typedef void QEMUBHFunc(void *opaque);

void aio_bh_schedule_oneshot(AioContext *ctx, QEMUBHFunc *cb, void *opaque);

#endif
