// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_port_noop.c - the fallback port accepts everything and tells
 * nobody, so a guest without a host still runs its hints to completion.
 */
#define LPS_PORT_FORCE_NOOP 1
#include "lps_port.h"
#include "lps_test.h"
#include "lps_host_fixture.h"

int main(void)
{
	const struct lps_port_ops *ops = lps_port_ops_get();
	static struct lps_batch b;

	LPS_CHECK(strcmp(ops->name, "noop") == 0);
	LPS_CHECK_EQ(ops->caps, LPS_CAP_BATCH);
	LPS_CHECK_EQ(ops->probe(NULL), 0);
	LPS_CHECK(ops->get_state == NULL);
	fix_batch_reset(&b);
	fix_batch_add(&b, 1, 10, LPS_UNUSED);
	fix_batch_add(&b, 20, 1, LPS_VOLATILE);
	LPS_CHECK_EQ(ops->submit(NULL, &b), 0);
	LPS_CHECK_EQ(lps_le16(b.hdr.cursor), 2);
	LPS_CHECK_EQ(ops->submit(NULL, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->make_stable(NULL, 5, 3), 0);
	LPS_CHECK_EQ(ops->make_stable(NULL, 5, 0), -LPS_EINVAL);
	return lps_test_done();
}
