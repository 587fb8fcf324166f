/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_fn.h - how a port names its functions so that several ports
 * live in one translation unit (the kernel's port table, a test).  A port
 * header defines LPS_PORT_ID (a bare token: noop, s390, ...) and writes
 *
 *	#define lps_port_submit LPS_PORT_FN(submit)
 *	static inline int lps_port_submit(void *ctx, struct lps_batch *b)
 *
 * which defines lps_port_<id>_submit; lps_port_generic.h, included last,
 * fills in what is missing, defines lps_port_<id>_ops() and forgets the
 * short names again for the next port.
 */
#ifndef LPS_PORT_FN_H
#define LPS_PORT_FN_H

#define LPS_PORT_CAT_(a, b, c)	a##b##_##c
#define LPS_PORT_CAT(a, b, c)	LPS_PORT_CAT_(a, b, c)
#define LPS_PORT_FN(fn)		LPS_PORT_CAT(lps_port_, LPS_PORT_ID, fn)
/* lps_port_<id>_ops(), the instance a port exposes. */
#define LPS_PORT_OPS(id)	LPS_PORT_CAT(lps_port_, id, ops)

#endif /* LPS_PORT_FN_H */
