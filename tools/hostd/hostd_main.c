// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hostd_main.c - pagestates-hostd, the host agent for QEMU guests whose
 * RAM is a shared file (memory-backend-file,share=on).  Everything but
 * main() is in hostd_cli.c, so tests can run the agent in a child.
 */
#include "hostd_cli.h"

int main(int argc, char **argv)
{
	return hostd_cli_main(argc, argv);
}
