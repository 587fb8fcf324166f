/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * kt_compare.h - what the host generator and the in-guest workload of
 * `./lps compare` share: the data set, bigger than half of the default
 * 256 MiB guest so it cannot all stay cached next to the anonymous cycles,
 * and the console lines the host script (scripts/lps-compare) times.
 */
#ifndef KT_COMPARE_H
#define KT_COMPARE_H

#define KT_CMP_NFILES		10
#define KT_CMP_FILE_SIZE	(16u << 20)	/* 160 MiB in all */
#define KT_SEED_CMP		0x636f6d7061720000ull	/* + file index */

/* Host -> guest: one word per line on the console. */
#define KT_CMP_CMD_DROP		"drop"
#define KT_CMP_CMD_END		"end"

/* Guest -> host. */
#define KT_CMP_MARK_PHASE	"LPS-CMP-PHASE"		/* name=... ms=... */
#define KT_CMP_MARK_FREE	"LPS-CMP-FREE"		/* mib=... */
#define KT_CMP_MARK_IDLE	"LPS-CMP-IDLE"		/* waits for drop */
#define KT_CMP_MARK_DROPPED	"LPS-CMP-DROPPED"	/* waits for end */
#define KT_CMP_MARK_RESULT	"LPS-CMP-RESULT"	/* {json} */

#endif /* KT_COMPARE_H */
