/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/* embed_ports.h - what consumer.c asks of embed_ports.c. */
#ifndef EMBED_PORTS_H
#define EMBED_PORTS_H

const char *embed_port_name(void);
int embed_shmem_port_absent(void);
int embed_essa_refuses_null(void);
int embed_shmem_refuses_null(void);

#endif /* EMBED_PORTS_H */
