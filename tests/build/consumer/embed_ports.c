// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * embed_ports.c - a hypervisor's view of the install: the selected port,
 * the shared-table port, the host-side decoders and the shared-table host
 * side all compile and link from the installed headers alone.
 */
#include <lps_port.h>		/* lps_port_ops_get() */
#include <shmem/lps_port_shmem.h>	/* lps_port_shmem_ops() */
#include <pagestates/host/lps_transport.h>	/* lps_essa_handle() */
#include <pagestates/host/lps_shmem_host.h>	/* lps_shmem_host_find() */

#include "embed_ports.h"

const char *embed_port_name(void)
{
	return lps_port_ops_get()->name;
}

int embed_shmem_port_absent(void)
{
	/* No table published: the port says so instead of touching memory. */
	return lps_port_shmem_ops()->probe(NULL) < 0;
}

int embed_essa_refuses_null(void)
{
	uint64_t r1 = 0;

	return lps_essa_handle(NULL, 0, 0, &r1) < 0;
}

int embed_shmem_refuses_null(void)
{
	uint64_t gpa = 0;

	return lps_shmem_host_find(NULL, NULL, &gpa) < 0;
}
