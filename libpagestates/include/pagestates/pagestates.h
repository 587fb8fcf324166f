/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * pagestates.h - the whole public API of the guest library in one include.
 * The host side a hypervisor embeds is <pagestates/host/lps_host.h>.
 */
#ifndef PAGESTATES_PAGESTATES_H
#define PAGESTATES_PAGESTATES_H

#include "lps_types.h"		/* fixed-width types */
#include "lps_err.h"		/* error codes, lps_strerror() */
#include "lps_state.h"		/* states, events, lps_transition() */
#include "lps_rules.h"		/* page facts, capabilities, reasons */
#include "lps_batch.h"		/* hint descriptor (the hypercall ABI) */
#include "lps_port_ops.h"	/* what the core calls to reach the host */
#include "lps_discard.h"	/* discarded-page ring */
#include "lps_guest.h"		/* guest hint API */

#define LPS_VERSION_MAJOR 0
#define LPS_VERSION_MINOR 1
#define LPS_VERSION_PATCH 0

#endif /* PAGESTATES_PAGESTATES_H */
