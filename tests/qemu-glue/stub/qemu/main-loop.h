/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/* Stand-in for QEMU's include/qemu/main-loop.h: the main loop's context. */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include "block/aio.h"

AioContext *qemu_get_aio_context(void);

#endif
