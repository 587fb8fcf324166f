/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/qemu/notify.h: a Notifier is a callback
 * (QEMU's also has the list link the test does not need).
 */
#ifndef QEMU_NOTIFY_H
#define QEMU_NOTIFY_H

typedef struct Notifier {
	void (*notify)(struct Notifier *notifier, void *data);
} Notifier;

#endif
