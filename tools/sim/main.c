// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * main.c - pagestates-sim: options, progress, and running each policy over
 * the same workload before the table, the JSON and the plot.
 */
#include <errno.h>	/* errno */
#include <getopt.h>	/* getopt_long */
#include <stdio.h>	/* fprintf */
#include <stdlib.h>	/* strtoull, free */
#include <string.h>	/* strcmp, strchr */
#include <time.h>	/* clock_gettime */
#include <unistd.h>	/* isatty */

#include "sim.h"

#define EXIT_USAGE 2

static const char usage_text[] =
"usage: pagestates-sim [OPTIONS]\n"
"\n"
"Runs one guest workload against the real libpagestates core and host\n"
"model under four host policies and reports the host's paging I/O:\n"
"  none        the guest sends no hints; the host can only swap\n"
"  unused-fpr  free page reporting as Linux does it: only free 2 MiB\n"
"              blocks, reported 2 s (simulated) after they became free\n"
"  unused      every free page at once (the ideal; like s390 CMMA)\n"
"  full        free and volatile hints (page cache, swap cache)\n"
"\n"
"  --pages N          guest frames of 4 KiB (default 16384)\n"
"  --host-frames M    host memory for the guest (default pages / 2)\n"
"  --steps S          workload steps (default 2000)\n"
"  --warmup S         steps before counting starts (default steps / 5)\n"
"  --ops-per-step N   guest operations per step (default 64)\n"
"  --seed N           workload seed (default 1); same seed, same run\n"
"  --mix file=F,anon=A,free=R\n"
"                     relative weights of file I/O, anonymous memory\n"
"                     touches and frees; omitted ones are 0\n"
"                     (default file=70,anon=27,free=3)\n"
"  --write-pct P      share of file operations that write (default 10)\n"
"  --file-blocks N    size of the guest's file set (default 2 * pages)\n"
"  --anon-pages N     anonymous memory in pages (default pages / 4)\n"
"  --pattern zipf|window\n"
"                     file popularity: zipf over the file set (default) or\n"
"                     uniform in a window of 3/4 of guest memory that slides\n"
"  --cpus N           guest CPU indexes used by the core (default 2)\n"
"  --lazy-unused      host drops free frames only under pressure\n"
"                     (default: at once, as QEMU does what is reported)\n"
"  --step-ms N        simulated time of one step (default 10)\n"
"  --exit-ns N        cost of one exit in the cost column (default 1000)\n"
"  --io-us N          cost of one page of I/O there (default 100)\n"
"  --policy none|unused-fpr|unused|full|all  (default all)\n"
"  --sweep SEEDS      run every policy over SEEDS seeds x host sizes of\n"
"                     25/50/90% x seven workload mixes, at --pages and\n"
"                     --steps; print medians per mix and size; exit 1\n"
"                     on a data error or if full pages more than none\n"
"  --json             one JSON object on stdout instead of the table\n"
"  --svg PATH         the plot (default pagestates-sim.svg)\n"
"  --quiet            no progress and no table\n"
"  --help             this text\n"
"\n"
"Exit status: 0; 1 if a run failed or found data errors; 2 for bad options.\n";

static const char *argv0 = "pagestates-sim";

static int usage_error(const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "%s: %s '%s'\n", argv0, what, arg);
	else
		fprintf(stderr, "%s: %s\n", argv0, what);
	fprintf(stderr, "Try '%s --help'.\n", argv0);
	return EXIT_USAGE;
}

/* Decimal digits only: no sign, no blanks, no trailing junk, no overflow. */
static int parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_mix(struct sim_config *cfg, const char *arg)
{
	char buf[128], *tok, *save = NULL;
	uint64_t v;

	if (strlen(arg) >= sizeof(buf))
		return -1;
	strcpy(buf, arg);
	cfg->mix_file = cfg->mix_anon = cfg->mix_free = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq || parse_u64(eq + 1, 0, 1000, &v))
			return -1;
		*eq = '\0';
		if (!strcmp(tok, "file"))
			cfg->mix_file = (uint32_t)v;
		else if (!strcmp(tok, "anon"))
			cfg->mix_anon = (uint32_t)v;
		else if (!strcmp(tok, "free"))
			cfg->mix_free = (uint32_t)v;
		else
			return -1;
	}
	return cfg->mix_file + cfg->mix_anon + cfg->mix_free ? 0 : -1;
}

enum {
	OPT_PAGES = 256, OPT_HOST_FRAMES, OPT_STEPS, OPT_WARMUP, OPT_OPS,
	OPT_SEED, OPT_MIX, OPT_WRITE_PCT, OPT_FILE_BLOCKS, OPT_ANON_PAGES,
	OPT_PATTERN, OPT_CPUS, OPT_LAZY, OPT_POLICY, OPT_JSON, OPT_SVG,
	OPT_QUIET, OPT_HELP, OPT_BUG, OPT_STEP_MS, OPT_EXIT_NS, OPT_IO_US,
	OPT_SWEEP,
};

static const struct option long_opts[] = {
	{ "pages", required_argument, NULL, OPT_PAGES },
	{ "host-frames", required_argument, NULL, OPT_HOST_FRAMES },
	{ "steps", required_argument, NULL, OPT_STEPS },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "ops-per-step", required_argument, NULL, OPT_OPS },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "mix", required_argument, NULL, OPT_MIX },
	{ "write-pct", required_argument, NULL, OPT_WRITE_PCT },
	{ "file-blocks", required_argument, NULL, OPT_FILE_BLOCKS },
	{ "anon-pages", required_argument, NULL, OPT_ANON_PAGES },
	{ "pattern", required_argument, NULL, OPT_PATTERN },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "lazy-unused", no_argument, NULL, OPT_LAZY },
	{ "step-ms", required_argument, NULL, OPT_STEP_MS },
	{ "exit-ns", required_argument, NULL, OPT_EXIT_NS },
	{ "io-us", required_argument, NULL, OPT_IO_US },
	{ "sweep", required_argument, NULL, OPT_SWEEP },
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "help", no_argument, NULL, OPT_HELP },
	/* not in --help: for the tests that prove the checks can fail */
	{ "inject-bug", optional_argument, NULL, OPT_BUG },
	{ NULL, 0, NULL, 0 },
};

static const char *const bug_names[SIM_NR_BUGS] = {
	[SIM_BUG_NONE] = "none",
	[SIM_BUG_SKIP_STABLE] = "skip-stable",
	[SIM_BUG_DIRTY_VOLATILE] = "dirty-volatile",
	[SIM_BUG_LOSE_SWAP] = "lose-swap",
};

/* Options given explicitly, so defaults that depend on others can follow. */
struct given {
	bool host_frames, warmup, file_blocks, anon_pages;
};

static int parse_one(struct sim_config *cfg, struct given *g, int opt,
		     const char *arg)
{
	uint64_t v;
	uint32_t i;

	switch (opt) {
	case OPT_PAGES:
		return parse_u64(arg, 256, 1u << 24, &cfg->pages);
	case OPT_HOST_FRAMES:
		g->host_frames = true;
		return parse_u64(arg, 16, 1u << 24, &cfg->host_frames);
	case OPT_STEPS:
		return parse_u64(arg, 1, 100000000, &cfg->steps);
	case OPT_WARMUP:
		g->warmup = true;
		return parse_u64(arg, 0, 100000000, &cfg->warmup);
	case OPT_OPS:
		if (parse_u64(arg, 1, 1000000, &v))
			return -1;
		cfg->ops_per_step = (uint32_t)v;
		return 0;
	case OPT_SEED:
		return parse_u64(arg, 0, UINT64_MAX, &cfg->seed);
	case OPT_MIX:
		return parse_mix(cfg, arg);
	case OPT_WRITE_PCT:
		if (parse_u64(arg, 0, 100, &v))
			return -1;
		cfg->write_pct = (uint32_t)v;
		return 0;
	case OPT_FILE_BLOCKS:
		g->file_blocks = true;
		return parse_u64(arg, 1, 1u << 26, &cfg->file_blocks);
	case OPT_ANON_PAGES:
		g->anon_pages = true;
		return parse_u64(arg, 1, 1u << 26, &cfg->anon_pages);
	case OPT_PATTERN:
		if (!strcmp(arg, "zipf"))
			cfg->pattern = SIM_PAT_ZIPF;
		else if (!strcmp(arg, "window"))
			cfg->pattern = SIM_PAT_WINDOW;
		else
			return -1;
		return 0;
	case OPT_CPUS:
		if (parse_u64(arg, 1, 64, &v))
			return -1;
		cfg->cpus = (uint32_t)v;
		return 0;
	case OPT_LAZY:
		cfg->lazy_unused = true;
		return 0;
	case OPT_STEP_MS:
		if (parse_u64(arg, 1, 60000, &v))
			return -1;
		cfg->step_ms = (uint32_t)v;
		return 0;
	case OPT_EXIT_NS:
		if (parse_u64(arg, 0, 1000000000, &v))
			return -1;
		cfg->exit_ns = (uint32_t)v;
		return 0;
	case OPT_IO_US:
		if (parse_u64(arg, 0, 1000000000, &v))
			return -1;
		cfg->io_us = (uint32_t)v;
		return 0;
	case OPT_SWEEP:
		if (parse_u64(arg, 1, 10000, &v))
			return -1;
		cfg->sweep_seeds = (uint32_t)v;
		return 0;
	case OPT_POLICY:
		if (!strcmp(arg, "all")) {
			cfg->policies = (1u << SIM_NR_POLICIES) - 1;
			return 0;
		}
		for (i = 0; i < SIM_NR_POLICIES; i++)
			if (!strcmp(arg, sim_policy_name(i))) {
				cfg->policies = 1u << i;
				return 0;
			}
		return -1;
	case OPT_JSON:
		cfg->json = true;
		return 0;
	case OPT_SVG:
		if (!*arg)
			return -1;
		cfg->svg_path = arg;
		return 0;
	case OPT_QUIET:
		cfg->quiet = true;
		return 0;
	case OPT_BUG:
		if (!arg) {
			cfg->bug = SIM_BUG_SKIP_STABLE;
			return 0;
		}
		for (i = 1; i < SIM_NR_BUGS; i++)
			if (!strcmp(arg, bug_names[i])) {
				cfg->bug = i;
				return 0;
			}
		return -1;
	}
	return -1;
}

/* 0 to run, 1 after --help, or EXIT_USAGE with a message printed. */
static int parse_args(struct sim_config *cfg, int argc, char **argv)
{
	struct given g = { false, false, false, false };
	int opt, idx;

	*cfg = (struct sim_config){
		.pages = 16384, .steps = 2000, .seed = 1, .ops_per_step = 64,
		.mix_file = 70, .mix_anon = 27, .mix_free = 3,
		.write_pct = 10, .pattern = SIM_PAT_ZIPF, .cpus = 2,
		.step_ms = 10, .exit_ns = 1000, .io_us = 100,
		.policies = (1u << SIM_NR_POLICIES) - 1,
		.svg_path = "pagestates-sim.svg",
	};
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", long_opts, &idx)) != -1) {
		if (opt == 'h' || opt == OPT_HELP) {
			fputs(usage_text, stdout);
			return 1;
		}
		if (opt == '?')
			return usage_error("unknown option or no argument:",
					   argv[optind - 1]);
		if (parse_one(cfg, &g, opt, optarg)) {
			fprintf(stderr, "%s: bad value '%s' for --%s\n"
				"Try '%s --help'.\n", argv0,
				optarg ? optarg : "", long_opts[idx].name,
				argv0);
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument", argv[optind]);
	if (!g.host_frames)
		cfg->host_frames = cfg->pages / 2;
	if (!g.warmup)
		cfg->warmup = cfg->steps / 5;
	if (!g.file_blocks)
		cfg->file_blocks = cfg->pages * 2;
	if (!g.anon_pages)
		cfg->anon_pages = cfg->pages / 4;
	if (cfg->host_frames > cfg->pages)
		return usage_error("--host-frames must not exceed --pages",
				   NULL);
	if (cfg->warmup >= cfg->steps)
		return usage_error("--warmup must be below --steps", NULL);
	/* reclaim must always find something: anon alone may not fill RAM */
	if (cfg->anon_pages > cfg->pages - cfg->pages / 16)
		return usage_error("--anon-pages must leave the guest 1/16 "
				   "of its memory", NULL);
	return 0;
}

static struct {
	bool on;
	const char *policy;
	uint64_t steps;
	double start;
	int shown;
} prog;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A percentage on stderr, only once a run has taken more than a second. */
static void show_progress(uint64_t done)
{
	int pct = (int)(100 * done / prog.steps);

	if (!prog.on || pct == prog.shown || now() - prog.start < 1.0)
		return;
	prog.shown = pct;
	fprintf(stderr, "\rpagestates-sim: %-6s %3d%%", prog.policy, pct);
	fflush(stderr);
}

static void end_progress(void)
{
	if (prog.shown >= 0)
		fprintf(stderr, "\r%40s\r", "");
}

int main(int argc, char **argv)
{
	struct sim_result res[SIM_NR_POLICIES];
	struct sim_config cfg;
	int ret, status = 0;
	uint32_t p;

	if (argc > 0 && argv[0])
		argv0 = argv[0];
	ret = parse_args(&cfg, argc, argv);
	if (ret)
		return ret == 1 ? 0 : ret;
	if (cfg.sweep_seeds)
		return sim_sweep(&cfg);

	memset(res, 0, sizeof(res));
	prog.on = !cfg.quiet && isatty(STDERR_FILENO) &&
		  !(cfg.json && !isatty(STDOUT_FILENO));
	prog.steps = cfg.steps;
	prog.shown = -1;
	prog.start = now();
	for (p = 0; p < SIM_NR_POLICIES; p++) {
		if (!(cfg.policies & (1u << p)))
			continue;
		prog.policy = sim_policy_name(p);
		ret = sim_run(&cfg, p, &res[p], show_progress);
		if (ret) {
			end_progress();
			fprintf(stderr, "%s: policy %s: %s\n", argv0,
				sim_policy_name(p), lps_strerror(ret));
			status = 1;
			goto out;
		}
		if (res[p].data_errors || res[p].api_errors)
			status = 1;
	}
	end_progress();

	if (cfg.json)
		sim_report_json(&cfg, res);
	else if (!cfg.quiet)
		sim_report_table(&cfg, res);
	if (sim_write_svg(cfg.svg_path, &cfg, res)) {
		fprintf(stderr, "%s: cannot write %s: %s\n", argv0,
			cfg.svg_path, strerror(errno));
		status = 1;
	} else if (!cfg.json && !cfg.quiet) {
		printf("\nplot of host resident frames: %s\n", cfg.svg_path);
	}
	if (cfg.bug != SIM_BUG_NONE && !cfg.json && !cfg.quiet)
		printf("(bug injected: %s)\n", bug_names[cfg.bug]);
out:
	for (p = 0; p < SIM_NR_POLICIES; p++)
		free(res[p].resident);
	return status;
}
