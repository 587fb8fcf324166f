/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * bench_ports.h - the hypercall ports as the benchmark builds them: the
 * real port headers with the instruction replaced by the host-side
 * decoder, so a "transition" is one decoder call.
 */
#ifndef BENCH_PORTS_H
#define BENCH_PORTS_H

#include <pagestates/pagestates.h>
#include <pagestates/host/lps_transport.h>
#include "generic/lps_port_env.h"

/* The emulated host every port reaches, and what it counted. */
struct bench_host {
	struct lps_host *h;
	const struct lps_gmem *mem;
	uint64_t calls;		/* guest-to-host transitions */
	uint64_t submits;
	uint64_t make_stables;
};

extern struct bench_host bench_host;

const struct lps_port_ops *bench_x86_ops(void);
const struct lps_port_ops *bench_arm64_ops(void);

#endif /* BENCH_PORTS_H */
