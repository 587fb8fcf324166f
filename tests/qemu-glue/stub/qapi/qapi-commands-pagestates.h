/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stand-in for the header QEMU's QAPI generator writes from
 * qapi/pagestates.json (hypervisor-glue/qemu/patches): the same structs,
 * members in schema order, and the command handlers lps-qemu.c defines.
 * Kept by hand in step with the schema; a member renamed there breaks the
 * build of lps-qemu.c in QEMU, a member missing here breaks it in CTest.
 */
#ifndef QAPI_COMMANDS_PAGESTATES_H
#define QAPI_COMMANDS_PAGESTATES_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef struct PagestatesInfo {
	bool enabled;
	char *port;
	uint64_t frames;
	uint64_t resident;
	uint64_t calls;
	uint64_t hints_stable;
	uint64_t hints_unused;
	uint64_t hints_volatile;
	uint64_t hints_pot_volatile;
	uint64_t batches;
	uint64_t rejected;
	uint64_t discarded_unused;
	uint64_t discarded_volatile;
	uint64_t discard_faults;
	uint64_t stable_discarded;
	uint64_t backend_errors;
	uint32_t policy_interval_ms;
	uint64_t policy_target;
	uint64_t policy_runs;
	uint64_t policy_reached;
	uint64_t policy_dropped_unused;
	uint64_t policy_dropped_volatile;
	uint64_t policy_freed;
} PagestatesInfo;

typedef struct PagestatesReclaim {
	uint64_t dropped_unused;
	uint64_t dropped_volatile;
	uint64_t freed;
	uint64_t resident;
	bool reached;
} PagestatesReclaim;

PagestatesInfo *qmp_query_pagestates(Error **errp);
PagestatesReclaim *qmp_pagestates_reclaim(bool has_target, uint64_t target,
					  Error **errp);
void qmp_pagestates_set_policy(uint32_t interval_ms, bool has_target,
			       uint64_t target, Error **errp);

#endif
