// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_port_selected.c - the port compiled in is the one CMake chose, so a
 * toolchain that silently falls back to noop fails here.
 */
#include "lps_port.h"
#include "lps_test.h"

int main(void)
{
	const struct lps_port_ops *ops = lps_port_ops_get();

	printf("port %s, expected %s, caps 0x%x\n", ops->name,
	       LPS_EXPECTED_PORT_NAME, (unsigned int)ops->caps);
	LPS_CHECK(strcmp(ops->name, LPS_EXPECTED_PORT_NAME) == 0);
	LPS_CHECK(ops->submit != NULL);
	LPS_CHECK(ops->make_stable != NULL);
	LPS_CHECK(ops->probe != NULL);
	LPS_CHECK_EQ(ops->caps & ~LPS_CAP_ALL, 0);
	/* get_state is there exactly when the capability says so. */
	LPS_CHECK_EQ(ops->get_state != NULL,
		     (ops->caps & LPS_CAP_GET_STATE) != 0);
	return lps_test_done();
}
