/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for QEMU's include/sysemu/cpus.h: the test machine has no
 * vCPUs, so pausing and resuming them is only counted (qemu_glue_vm.c).
 */
#ifndef SYSEMU_CPUS_H
#define SYSEMU_CPUS_H

void pause_all_vcpus(void);
void resume_all_vcpus(void);

#endif
