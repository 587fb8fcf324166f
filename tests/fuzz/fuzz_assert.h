/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * fuzz_assert.h - what every fuzz target shares: the libFuzzer entry point
 * and an invariant check that aborts, so libFuzzer (or the regression
 * driver) reports the input.
 */
#ifndef FUZZ_ASSERT_H
#define FUZZ_ASSERT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FZ_ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s\n", \
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif /* FUZZ_ASSERT_H */
