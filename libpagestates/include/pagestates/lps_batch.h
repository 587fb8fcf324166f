/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_batch.h - the core's per-CPU hint batch, which is the wire descriptor
 * itself (<pagestates/wire/lps_wire_batch.h>): a flush hands the host the
 * page as it is.
 */
#ifndef PAGESTATES_LPS_BATCH_H
#define PAGESTATES_LPS_BATCH_H

#include <pagestates/wire/lps_wire_batch.h>	/* struct lps_batch, lps_le* */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * lps_batch_reset() - make @b an empty, valid version-1 descriptor
 * @b: the descriptor; caller-owned, LPS_BATCH_BYTES long
 */
void lps_batch_reset(struct lps_batch *b);

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_LPS_BATCH_H */
