// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * svg.c - the plot: host resident frames over time, one line per policy,
 * with axes, the host's limit M, the end of the warm-up and a legend.
 * Hand-written SVG, so the file opens in any browser with nothing installed.
 */
#include <inttypes.h>	/* PRIu64 */
#include <stdio.h>	/* fopen, fprintf */

#include "sim.h"

#define W	800
#define H	420
#define ML	80	/* margins: left, right, top, bottom */
#define MR	20
#define MT	40
#define MB	50
#define PW	(W - ML - MR)
#define PH	(H - MT - MB)
#define MAXPTS	600u	/* points per line; each keeps its bucket's peak */

static const char *const colour[SIM_NR_POLICIES] = {
	"#d62728", "#9467bd", "#ff7f0e", "#2ca02c",
};

/* Round up to 1, 2 or 5 times a power of ten, for readable ticks. */
static uint64_t nice_ceil(uint64_t v)
{
	uint64_t p = 1;

	while (p * 10 <= v)
		p *= 10;
	if (v <= p)
		return p;
	if (v <= 2 * p)
		return 2 * p;
	if (v <= 5 * p)
		return 5 * p;
	return 10 * p;
}

static double xpos(uint64_t step, uint64_t steps)
{
	return ML + (double)PW * (double)step / (double)(steps ? steps : 1);
}

static double ypos(uint64_t v, uint64_t ymax)
{
	return MT + PH - (double)PH * (double)v / (double)ymax;
}

static void axes(FILE *f, const struct sim_config *cfg, uint64_t ymax)
{
	uint32_t i;

	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"fill=\"none\" stroke=\"#000\"/>\n", ML, MT, PW, PH);
	for (i = 0; i <= 5; i++) {
		uint64_t yv = ymax * i / 5, xv = cfg->steps * i / 5;
		double y = ypos(yv, ymax), x = xpos(xv, cfg->steps);

		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			"stroke=\"#ddd\"/>\n", ML, y, ML + PW, y);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%"
			PRIu64 "</text>\n", ML - 6, y + 4, yv);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%"
			PRIu64 "</text>\n", x, MT + PH + 18, xv);
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">step"
		"</text>\n", ML + PW / 2, H - 8);
	fprintf(f, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" "
		"transform=\"rotate(-90 16 %d)\">host resident frames</text>\n",
		MT + PH / 2, MT + PH / 2);
	fprintf(f, "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" "
		"font-weight=\"bold\">pagestates-sim: host memory used by a "
		"%" PRIu64 "-page guest, host limit %" PRIu64 "</text>\n",
		W / 2, cfg->pages, cfg->host_frames);
	/* the host's limit and the end of the warm-up */
	fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		"stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n", ML,
		ypos(cfg->host_frames, ymax), ML + PW,
		ypos(cfg->host_frames, ymax));
	fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
		"stroke=\"#555\" stroke-dasharray=\"2 4\"/>\n",
		xpos(cfg->warmup, cfg->steps), MT,
		xpos(cfg->warmup, cfg->steps), MT + PH);
	fprintf(f, "<text x=\"%.1f\" y=\"%d\">warm-up ends</text>\n",
		xpos(cfg->warmup, cfg->steps) + 4, MT + PH - 6);
}

static void line(FILE *f, const struct sim_result *r, uint64_t ymax,
		 const char *col)
{
	uint64_t n = r->nsamples, buckets = n < MAXPTS ? n : MAXPTS, b;

	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
		" points=\"", col);
	for (b = 0; b < buckets; b++) {
		uint64_t lo = n * b / buckets, hi = n * (b + 1) / buckets;
		uint64_t peak = 0, i;

		for (i = lo; i < hi; i++)
			if (r->resident[i] > peak)
				peak = r->resident[i];
		fprintf(f, "%s%.1f,%.1f", b ? " " : "", xpos(hi, n),
			ypos(peak, ymax));
	}
	fprintf(f, "\"/>\n");
}

static void legend(FILE *f, const struct sim_config *cfg)
{
	uint32_t p, row = 0;

	for (p = 0; p < SIM_NR_POLICIES; p++) {
		int y = MT + 16 + 18 * (int)row;

		if (!(cfg->policies & (1u << p)))
			continue;
		row++;
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"%s\" stroke-width=\"3\"/>\n", ML + PW - 110,
			y - 4, ML + PW - 84, y - 4, colour[p]);
		fprintf(f, "<text x=\"%d\" y=\"%d\">%s</text>\n",
			ML + PW - 78, y, sim_policy_name(p));
	}
}

int sim_write_svg(const char *path, const struct sim_config *cfg,
		  const struct sim_result *res)
{
	uint64_t ymax = cfg->host_frames, i;
	FILE *f = fopen(path, "w");
	uint32_t p;
	int bad;

	if (!f)
		return -1;
	for (p = 0; p < SIM_NR_POLICIES; p++)
		for (i = 0; (cfg->policies & (1u << p)) &&
			    i < res[p].nsamples; i++)
			if (res[p].resident[i] > ymax)
				ymax = res[p].resident[i];
	ymax = nice_ceil(ymax + ymax / 10);

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\""
		" font-size=\"12\">\n", W, H, W, H);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", W, H);
	axes(f, cfg, ymax);
	for (p = 0; p < SIM_NR_POLICIES; p++)
		if (cfg->policies & (1u << p))
			line(f, &res[p], ymax, colour[p]);
	legend(f, cfg);
	fprintf(f, "</svg>\n");
	bad = ferror(f);
	return fclose(f) || bad ? -1 : 0;
}
