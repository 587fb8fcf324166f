/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/qemu/timer.h: millisecond timers on a
 * clock the test moves itself (qemu_glue_vm.c, qv_advance()), firing
 * their callbacks as QEMU's main loop does once their time has come.
 */
#ifndef QEMU_TIMER_H
#define QEMU_TIMER_H

#include "qemu/osdep.h"

typedef enum QEMUClockType {
	QEMU_CLOCK_REALTIME,
	QEMU_CLOCK_VIRTUAL,
} QEMUClockType;

typedef void QEMUTimerCB(void *opaque);

typedef struct QEMUTimer {
	QEMUClockType type;
	QEMUTimerCB *cb;
	void *opaque;
	int64_t expire_ms;	/* -1: not pending */
} QEMUTimer;

QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb, void *opaque);
void timer_mod(QEMUTimer *ts, int64_t expire_time);
void timer_del(QEMUTimer *ts);
int64_t qemu_clock_get_ms(QEMUClockType type);

#endif
