// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_x86_issue.c - the x86 port with its real vmcall/vmmcall and CPUID,
 * compiled so a broken asm constraint fails the build; never executes a
 * hypercall (that would exit to whatever hypervisor runs this test).
 */
#include "lps_port.h"

const struct lps_port_ops *lps_x86_real_ops(void);

const struct lps_port_ops *lps_x86_real_ops(void)
{
	return lps_port_ops_get();
}
