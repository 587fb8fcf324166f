/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * hostd_cli.h - pagestates-hostd's command line and pass loop, apart from
 * main() so tests can run the whole agent in a forked child.
 */
#ifndef HOSTD_CLI_H
#define HOSTD_CLI_H

/* Exit statuses; each refusal has its own (see --help and README.md). */
enum hostd_exit {
	HOSTD_EXIT_OK = 0,		/* passes done, or no table yet */
	HOSTD_EXIT_PUNCH = 1,		/* a punch or protocol error */
	HOSTD_EXIT_USAGE = 2,		/* bad command line */
	HOSTD_EXIT_RAM = 3,		/* RAM file unusable */
	HOSTD_EXIT_LOCKED = 4,		/* another agent holds the file */
	HOSTD_EXIT_BAD_TABLE = 5,	/* the header there is invalid */
	HOSTD_EXIT_AMBIGUOUS = 6,	/* --scan: several valid tables */
	HOSTD_EXIT_SHRUNK = 7,		/* the file shrank under a pass */
};

/* The whole agent: parse @argv, run, return an enum hostd_exit. */
int hostd_cli_main(int argc, char **argv);

#endif /* HOSTD_CLI_H */
