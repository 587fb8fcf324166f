// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_qemu_glue_vm.c - hypervisor-glue/qemu/lps-qemu.c, unmodified, over
 * stand-ins for QEMU's headers (stub/) and the machine of qemu_glue_vm.c,
 * with the real host model behind it: the frame map sized from the flat
 * view (x86 pc with RAM above 4 GiB and its holes, arm64 virt at 1 GiB,
 * a machine without RAM), ESSA's result mapping, the discard backend
 * (only the machine's RAM, never ROM, a hole or a device's RAM; a range
 * into a hole dropped not at all; freed bytes counted only where host
 * memory was resident), the QMP commands before and after the model
 * exists, and the periodic reclaim policy on a virtual clock the test
 * moves.  Each machine runs in a child: lps-qemu.c has one VM a process.
 */
#include "qemu/osdep.h"
#include <stdio.h>
#include <sys/wait.h>
#include "qapi/qapi-commands-pagestates.h"
#include "lps-qemu.h"
#include "lps-qemu-priv.h"
#include "qemu_glue_vm.h"
#include <pagestates/wire/lps_wire_essa.h>
#include "lps_test.h"

#define KIB		1024ull
#define MIB		(1024 * KIB)
#define GIB		(1024 * MIB)
#define FRAME		4096ull

/* Regions: the machine's RAM, and what lies in its holes. */
static MemoryRegion ram = { "ram", true, false, false, 0, 0, NULL, NULL };
static MemoryRegion vram = { "vga.vram", true, false, false, 0, 0, NULL,
			     NULL };
static MemoryRegion bios = { "pc.bios", true, true, false, 0, 0, NULL,
			     NULL };
static MemoryRegion mmio = { "mmio", false, false, false, 0, 0, NULL, NULL };
static RAMBlock *ram_rb, *vram_rb, *bios_rb;

/* x86 pc, 5 GiB: 3 GiB below the PCI hole, 2 GiB from 4 GiB. */
#define PC_RAM		(5 * GIB)
#define PC_LOW		(3 * GIB)
#define PC_END		(6 * GIB)
#define PC_VRAM		0xfd000000ull
#define PC_VRAM_SIZE	(16 * MIB)
#define PC_BIOS		0xfffc0000ull
#define PC_BIOS_SIZE	(256 * KIB)
/* 0xa0000-0xfffff (VGA window, option ROMs, BIOS) and 3-4 GiB. */
#define PC_HOLE_FRAMES	((0x60000 + GIB) / FRAME)

/* arm64 virt, 64 MiB at 1 GiB, flash at 0 and a UART between. */
#define VIRT_BASE	GIB
#define VIRT_RAM	(64 * MIB)

static void run(const char *name, void (*fn)(void))
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		lps_test_passed = lps_test_failed = 0;
		fn();
		exit(lps_test_done());
	}
	LPS_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	LPS_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	printf("%s: %s\n", name,
	       WIFEXITED(status) && !WEXITSTATUS(status) ? "ok" : "FAILED");
}

static void machine_pc(void)
{
	ram_rb = qv_block("pc.ram", PC_RAM);
	vram_rb = qv_block("vga.vram", PC_VRAM_SIZE);
	bios_rb = qv_block("pc.bios", PC_BIOS_SIZE);
	ram.host = ram_rb->host;
	ram.size = PC_RAM;
	vram.host = vram_rb->host;
	vram.size = PC_VRAM_SIZE;
	bios.host = bios_rb->host;
	bios.size = PC_BIOS_SIZE;
	qv.ms.ram = &ram;
	qv.ms.ram_size = PC_RAM;
	/* What QEMU's flat view of a pc machine shows, in order. */
	qv_map(0, 0xa0000, &ram, 0);
	qv_map(0xa0000, 0x20000, &mmio, 0);
	qv_map(0xc0000, 0x40000, &bios, 0);
	qv_map(0x100000, PC_LOW - 0x100000, &ram, 0x100000);
	qv_map(PC_VRAM, PC_VRAM_SIZE, &vram, 0);
	qv_map(0xfec00000ull, 0x1000, &mmio, 0);
	qv_map(PC_BIOS, PC_BIOS_SIZE, &bios, 0);
	qv_map(4 * GIB, PC_RAM - PC_LOW, &ram, PC_LOW);
	/* PCI's 64-bit window, up to the top: its end does not fit 64 bits. */
	qv_map(PC_END, 0 - PC_END, &mmio, 0);
}

static void machine_virt(void)
{
	ram_rb = qv_block("mach-virt.ram", VIRT_RAM);
	bios_rb = qv_block("virt.flash0", 64 * MIB);
	ram.host = ram_rb->host;
	ram.size = VIRT_RAM;
	bios.host = bios_rb->host;
	bios.size = 64 * MIB;
	qv.ms.ram = &ram;
	qv.ms.ram_size = VIRT_RAM;
	qv_map(0, 64 * MIB, &bios, 0);
	qv_map(0x09000000, 0x1000, &mmio, 0);
	qv_map(VIRT_BASE, VIRT_RAM, &ram, 0);
}

static void machine_ready(void)
{
	LPS_CHECK(qv.machine_init_done != NULL);
	qv.machine_init_done->notify(qv.machine_init_done, NULL);
	LPS_CHECK_EQ(lps_stub_rcu_depth, 0);
	LPS_CHECK_EQ(qv.rcu_violations, 0);
}

static PagestatesInfo *query(void)
{
	Error *err = NULL;
	PagestatesInfo *info = qmp_query_pagestates(&err);

	LPS_CHECK(info != NULL && err == NULL);
	return info;
}

static void info_free(PagestatesInfo *info)
{
	free(info->port);
	free(info);
}

/* pagestates-reclaim with @target (or none), which must succeed. */
static PagestatesReclaim reclaim(bool has_target, uint64_t target)
{
	PagestatesReclaim *r, out = { 0 };
	Error *err = NULL;

	r = qmp_pagestates_reclaim(has_target, target, &err);
	LPS_CHECK(r != NULL && err == NULL);
	LPS_CHECK_EQ(lps_stub_rcu_depth, 0);
	LPS_CHECK_EQ(qv.rcu_violations, 0);
	if (r)
		out = *r;
	free(r);
	error_free(err);
	return out;
}

static void set_usage(uint64_t pfn, uint64_t count, enum lps_usage usage)
{
	struct lps_host *h = lps_qemu_host("test");

	LPS_CHECK(h != NULL);
	for (; h && count; pfn++, count--)
		LPS_CHECK_EQ(lps_host_set_usage(h, pfn, usage, NULL), 0);
}

/* The host byte of guest physical @gpa in the pc machine's RAM. */
static uint8_t *pc_ram_at(hwaddr gpa)
{
	return ram.host + (gpa < 4 * GIB ? gpa : gpa - 4 * GIB + PC_LOW);
}

static bool all_bytes(const uint8_t *p, size_t len, uint8_t v)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* Before machine-init-done: no model, and each entry says so. */
static void check_model_less(void)
{
	PagestatesInfo *info = query();
	PagestatesReclaim *r;
	Error *err = NULL;
	uint64_t r1 = 0x77;

	LPS_CHECK(!lps_qemu_ready());
	LPS_CHECK(lps_qemu_host("x86") == NULL);
	LPS_CHECK(!info->enabled);
	LPS_CHECK(!strcmp(info->port, "none"));
	LPS_CHECK_EQ(info->frames, 0);
	LPS_CHECK_EQ(info->policy_runs, 0);
	LPS_CHECK_EQ(info->calls, 0);
	info_free(info);
	r = qmp_pagestates_reclaim(true, 0, &err);
	LPS_CHECK(r == NULL && err != NULL);
	LPS_CHECK(err && strstr(err->msg, "not running"));
	error_free(err);
	/* Stable and resident: all a VM without the model has. */
	LPS_CHECK_EQ(lps_qemu_essa(LPS_ESSA_SET_UNUSED, 0, &r1),
		     LPS_QEMU_ESSA_DONE);
	LPS_CHECK_EQ(r1, 0);
}

static void test_pc_sizing(void)
{
	PagestatesInfo *info;

	machine_pc();
	check_model_less();
	machine_ready();
	LPS_CHECK(lps_qemu_ready());
	LPS_CHECK(qv.flatview_walks > 0);
	info = query();
	LPS_CHECK(info->enabled);
	/* Every guest frame up to the end of the RAM above 4 GiB. */
	LPS_CHECK_EQ(info->frames, PC_END / FRAME);
	/* Resident RAM, not the holes the map spans. */
	LPS_CHECK_EQ(info->resident, PC_RAM / FRAME - 0x60000 / FRAME);
	LPS_CHECK_EQ(info->calls, 0);
	info_free(info);
}

/*
 * Frames above 4 GiB are the RAM behind them (PC_LOW on in pc.ram);
 * dropping them frees what was resident there, and only that.
 */
static void test_pc_high_frames(void)
{
	uint64_t pfn = (PC_END - 4 * MIB) / FRAME;
	PagestatesReclaim r;
	PagestatesInfo *info;
	uint8_t *p;

	machine_pc();
	machine_ready();
	p = pc_ram_at(PC_END - 4 * MIB);
	memset(p, 0x5a, 2 * FRAME);		/* 2 of 4 frames hold data */
	memset(p + 4 * FRAME, 0x6b, FRAME);	/* a stable neighbour */
	LPS_CHECK_EQ(qv_resident(p, 4 * FRAME), 2 * FRAME);
	set_usage(pfn, 4, LPS_UNUSED);
	r = reclaim(true, 0);
	LPS_CHECK_EQ(r.dropped_unused, 4);
	LPS_CHECK_EQ(r.dropped_volatile, 0);
	LPS_CHECK_EQ(r.freed, 2 * FRAME);
	LPS_CHECK(!r.reached);		/* stable RAM stays resident */
	/* Before reading them back, which maps the zero page. */
	LPS_CHECK_EQ(qv_resident(p, 4 * FRAME), 0);
	LPS_CHECK(all_bytes(p, 4 * FRAME, 0));
	LPS_CHECK(all_bytes(p + 4 * FRAME, FRAME, 0x6b));
	LPS_CHECK_EQ(ram_rb->discards, 1);
	LPS_CHECK_EQ(ram_rb->discarded_bytes, 4 * FRAME);
	LPS_CHECK_EQ(r.resident, PC_RAM - 0x60000 - 4 * FRAME);
	info = query();
	LPS_CHECK_EQ(info->rejected, 0);
	LPS_CHECK_EQ(info->discarded_unused, 4);
	LPS_CHECK_EQ(info->backend_errors, 0);
	LPS_CHECK_EQ(info->resident * FRAME, r.resident);
	info_free(info);
	/* The last frame of RAM is the map's last. */
	LPS_CHECK(lps_host_set_usage(lps_qemu_host("test"), PC_END / FRAME - 1,
				     LPS_UNUSED, NULL) == 0);
	LPS_CHECK(lps_host_set_usage(lps_qemu_host("test"), PC_END / FRAME,
				     LPS_UNUSED, NULL) < 0);
}

/*
 * Frames in a hole, in ROM or in a device's RAM there are never dropped,
 * whatever the guest says; a run from RAM into the hole is not dropped
 * in part either: its RAM keeps its bytes and the model its frames.
 */
static void test_pc_holes(void)
{
	uint64_t edge = PC_LOW / FRAME;
	PagestatesReclaim r;
	PagestatesInfo *info;
	uint64_t resident;

	machine_pc();
	machine_ready();
	memset(vram.host, 0x11, 2 * FRAME);
	memset(bios.host, 0x22, PC_BIOS_SIZE);
	memset(pc_ram_at(PC_LOW - 2 * FRAME), 0x33, 2 * FRAME);
	memset(pc_ram_at(0x9f000), 0x44, FRAME);
	set_usage(PC_VRAM / FRAME, 2, LPS_UNUSED);
	set_usage(PC_BIOS / FRAME, 1, LPS_VOLATILE);
	set_usage(0xa0000 / FRAME, 1, LPS_UNUSED);	/* VGA window */
	set_usage(0xc0000 / FRAME, 1, LPS_UNUSED);	/* option ROM */
	/* A run: two frames of RAM, two of the hole. */
	set_usage(edge - 2, 4, LPS_UNUSED);
	info = query();
	resident = info->resident;
	info_free(info);
	r = reclaim(false, 0);
	LPS_CHECK_EQ(r.dropped_unused, 0);
	LPS_CHECK_EQ(r.dropped_volatile, 0);
	LPS_CHECK_EQ(r.freed, 0);
	LPS_CHECK_EQ(r.resident, resident * FRAME);
	LPS_CHECK(all_bytes(vram.host, 2 * FRAME, 0x11));
	LPS_CHECK(all_bytes(bios.host, PC_BIOS_SIZE, 0x22));
	LPS_CHECK(all_bytes(pc_ram_at(PC_LOW - 2 * FRAME), 2 * FRAME, 0x33));
	LPS_CHECK(all_bytes(pc_ram_at(0x9f000), FRAME, 0x44));
	LPS_CHECK_EQ(ram_rb->discards + vram_rb->discards + bios_rb->discards,
		     0);
	info = query();
	LPS_CHECK(info->backend_errors > 0);
	LPS_CHECK_EQ(info->discarded_unused + info->discarded_volatile, 0);
	LPS_CHECK_EQ(info->resident, resident);
	info_free(info);

	/* The RAM half alone goes: the frames below the hole were fine. */
	set_usage(edge, 2, LPS_STABLE);
	r = reclaim(true, 0);
	LPS_CHECK_EQ(r.dropped_unused, 2);
	LPS_CHECK_EQ(r.freed, 2 * FRAME);
	LPS_CHECK(all_bytes(pc_ram_at(PC_LOW - 2 * FRAME), 2 * FRAME, 0));
	LPS_CHECK(all_bytes(vram.host, 2 * FRAME, 0x11));
}

/*
 * The target counts RAM only: with every RAM frame but what the guest
 * keeps allowed to go, the reclaim stops at the target and says so.
 */
static void test_pc_target(void)
{
	uint64_t pfn = 5 * GIB / FRAME;
	PagestatesReclaim r;
	PagestatesInfo *info;
	uint64_t resident;

	machine_pc();
	machine_ready();
	info = query();
	resident = info->resident;
	info_free(info);
	set_usage(pfn, 8, LPS_VOLATILE);
	/* Already there: nothing goes. */
	r = reclaim(true, resident * FRAME);
	LPS_CHECK(r.reached);
	LPS_CHECK_EQ(r.dropped_volatile, 0);
	/* Three frames under: three go, and it is reached. */
	r = reclaim(true, (resident - 3) * FRAME);
	LPS_CHECK(r.reached);
	LPS_CHECK_EQ(r.dropped_volatile, 3);
	LPS_CHECK_EQ(r.resident, (resident - 3) * FRAME);
	/* Below what may go: all five left go, and it is not reached. */
	r = reclaim(true, (resident - 20) * FRAME);
	LPS_CHECK(!r.reached);
	LPS_CHECK_EQ(r.dropped_volatile, 5);
	LPS_CHECK_EQ(r.resident, (resident - 8) * FRAME);
}

/* A failing discard: nothing counted as freed, the frames kept. */
static void test_pc_backend_error(void)
{
	PagestatesReclaim r;
	PagestatesInfo *info;
	uint8_t *p;

	machine_pc();
	machine_ready();
	p = pc_ram_at(4 * GIB);
	memset(p, 0x7e, FRAME);
	set_usage(4 * GIB / FRAME, 1, LPS_VOLATILE);
	ram_rb->fail_discards = 1;
	r = reclaim(true, 0);
	LPS_CHECK_EQ(r.dropped_volatile, 0);
	LPS_CHECK_EQ(r.freed, 0);
	LPS_CHECK(all_bytes(p, FRAME, 0x7e));
	info = query();
	LPS_CHECK_EQ(info->backend_errors, 1);
	info_free(info);
	r = reclaim(true, 0);
	LPS_CHECK_EQ(r.dropped_volatile, 1);
	LPS_CHECK_EQ(r.freed, FRAME);
}

/* ESSA: each result of the host model's handler, and the port named. */
static void test_essa(void)
{
	uint64_t r1 = 0x77, pfn = 4 * GIB / FRAME;
	PagestatesInfo *info;

	machine_pc();
	machine_ready();
	LPS_CHECK_EQ(lps_qemu_essa(LPS_ESSA_MAX + 1, 0, &r1),
		     LPS_QEMU_ESSA_SPECIFICATION);
	LPS_CHECK_EQ(r1, 0x77);
	LPS_CHECK_EQ(lps_qemu_essa(LPS_ESSA_SET_UNUSED, PC_END, &r1),
		     LPS_QEMU_ESSA_ADDRESSING);
	LPS_CHECK_EQ(r1, 0x77);
	/* A frame above 4 GiB is guest RAM to ESSA too. */
	LPS_CHECK_EQ(lps_qemu_essa(LPS_ESSA_SET_UNUSED, pfn * FRAME + 8, &r1),
		     LPS_QEMU_ESSA_DONE);
	LPS_CHECK_EQ(r1, LPS_ESSA_USAGE_STABLE << LPS_ESSA_RES_USAGE_SHIFT |
			 LPS_ESSA_CONTENT_RESIDENT);
	LPS_CHECK_EQ(lps_qemu_essa(LPS_ESSA_GET_STATE, pfn * FRAME, &r1),
		     LPS_QEMU_ESSA_DONE);
	LPS_CHECK_EQ(r1, LPS_ESSA_USAGE_UNUSED << LPS_ESSA_RES_USAGE_SHIFT |
			 LPS_ESSA_CONTENT_RESIDENT);
	/* A transition the model refuses: the exception indication. */
	LPS_CHECK_EQ(lps_qemu_essa(LPS_ESSA_SET_POT_VOLATILE, pfn * FRAME,
				   &r1), LPS_QEMU_ESSA_DONE);
	LPS_CHECK(r1 & LPS_ESSA_RES_EXCEPTION);
	info = query();
	LPS_CHECK(!strcmp(info->port, "s390"));
	LPS_CHECK_EQ(info->calls, 5);	/* refused ones were served too */
	LPS_CHECK_EQ(info->hints_unused, 1);
	info_free(info);
}

/* arm64 virt: frame 0 is the first byte of RAM at 1 GiB. */
static void test_virt(void)
{
	PagestatesReclaim r;
	PagestatesInfo *info;

	machine_virt();
	check_model_less();
	machine_ready();
	info = query();
	LPS_CHECK_EQ(info->frames, VIRT_RAM / FRAME);
	LPS_CHECK_EQ(info->resident, VIRT_RAM / FRAME);
	info_free(info);
	memset(ram.host + 5 * FRAME, 0x5c, FRAME);
	memset(bios.host, 0x5d, FRAME);
	set_usage(5, 1, LPS_UNUSED);
	set_usage(0, 1, LPS_VOLATILE);
	r = reclaim(true, 0);
	LPS_CHECK_EQ(r.dropped_unused, 1);
	LPS_CHECK_EQ(r.dropped_volatile, 1);
	LPS_CHECK_EQ(r.freed, FRAME);	/* frame 0 never held data */
	LPS_CHECK(all_bytes(ram.host + 5 * FRAME, FRAME, 0));
	LPS_CHECK(all_bytes(bios.host, FRAME, 0x5d));
	LPS_CHECK_EQ(ram_rb->discarded_bytes, 2 * FRAME);
	LPS_CHECK_EQ(bios_rb->discards, 0);
	LPS_CHECK_EQ(r.resident, VIRT_RAM - 2 * FRAME);
}

/* pagestates-set-policy, which must fail with nothing changed. */
static void set_policy_refused(uint32_t interval_ms, const char *why)
{
	Error *err = NULL;

	qmp_pagestates_set_policy(interval_ms, true, 0, &err);
	LPS_CHECK(err != NULL && strstr(err->msg, why));
	error_free(err);
}

static void set_policy(uint32_t interval_ms, uint64_t target)
{
	Error *err = NULL;

	qmp_pagestates_set_policy(interval_ms, true, target, &err);
	LPS_CHECK(err == NULL);
	error_free(err);
}

/*
 * The periodic policy: it reclaims on its own once per interval of
 * virtual time, counts its runs and what they dropped apart from QMP's
 * reclaims, aims at its target, and stops when set to 0.
 */
static void test_policy(void)
{
	uint64_t pfn = 4 * GIB / FRAME, resident;
	PagestatesReclaim r;
	PagestatesInfo *info;
	uint8_t *p;

	machine_pc();
	set_policy_refused(100, "not running");
	machine_ready();
	p = pc_ram_at(4 * GIB);
	set_policy_refused(3600001, "at most");
	LPS_CHECK_EQ(qv.ntimers, 0);

	memset(p, 0x3c, 3 * FRAME);
	set_usage(pfn, 3, LPS_VOLATILE);
	set_policy(100, 0);
	qv_advance(99);
	LPS_CHECK(all_bytes(p, 3 * FRAME, 0x3c));
	qv_advance(1);
	info = query();
	LPS_CHECK_EQ(info->policy_interval_ms, 100);
	LPS_CHECK_EQ(info->policy_target, 0);
	LPS_CHECK_EQ(info->policy_runs, 1);
	LPS_CHECK_EQ(info->policy_reached, 0);	/* stable RAM stays */
	LPS_CHECK_EQ(info->policy_dropped_volatile, 3);
	LPS_CHECK_EQ(info->policy_freed, 3 * FRAME);
	info_free(info);
	LPS_CHECK_EQ(qv_resident(p, 3 * FRAME), 0);
	LPS_CHECK(all_bytes(p, 3 * FRAME, 0));
	LPS_CHECK_EQ(lps_stub_rcu_depth, 0);

	/* Every interval, whatever the guest frees meanwhile. */
	memset(p + 8 * FRAME, 0x3d, FRAME);
	set_usage(pfn + 8, 2, LPS_UNUSED);
	qv_advance(250);
	info = query();
	LPS_CHECK_EQ(info->policy_runs, 3);
	LPS_CHECK_EQ(info->policy_dropped_unused, 2);
	LPS_CHECK_EQ(info->policy_freed, 4 * FRAME);
	info_free(info);
	/* Each run from its own bottom half; no fence without discard faults. */
	LPS_CHECK_EQ(qv.bh_runs, 3);
	LPS_CHECK_EQ(qv.vcpu_pauses, 0);

	/* A QMP reclaim in between is not the policy's. */
	set_usage(pfn + 20, 1, LPS_UNUSED);
	r = reclaim(true, 0);
	LPS_CHECK_EQ(r.dropped_unused, 1);
	info = query();
	LPS_CHECK_EQ(info->policy_dropped_unused, 2);
	resident = info->resident;
	info_free(info);

	/* A target it is already under: runs reach it, nothing goes. */
	set_usage(pfn + 30, 1, LPS_VOLATILE);
	set_policy(50, resident * FRAME);
	qv_advance(50);
	info = query();
	LPS_CHECK_EQ(info->policy_runs, 4);
	LPS_CHECK_EQ(info->policy_reached, 1);
	LPS_CHECK_EQ(info->policy_target, resident * FRAME);
	LPS_CHECK_EQ(info->policy_dropped_volatile, 3);
	info_free(info);

	/* Set again: the next run is one interval from now. */
	qv_advance(30);
	set_policy(50, 0);
	qv_advance(40);
	info = query();
	LPS_CHECK_EQ(info->policy_runs, 4);
	info_free(info);
	qv_advance(10);
	info = query();
	LPS_CHECK_EQ(info->policy_runs, 5);
	LPS_CHECK_EQ(info->policy_dropped_volatile, 4);
	info_free(info);

	/* Off: no more runs, the frames the guest allows stay. */
	set_usage(pfn + 40, 1, LPS_UNUSED);
	set_policy(0, 0);
	qv_advance(10000);
	info = query();
	LPS_CHECK_EQ(info->policy_interval_ms, 0);
	LPS_CHECK_EQ(info->policy_runs, 5);
	LPS_CHECK_EQ(info->policy_dropped_unused, 2);
	info_free(info);
	LPS_CHECK_EQ(qv.ntimers, 1);	/* one timer, re-armed */
}

/* A machine whose RAM is nowhere in the flat view gets no model. */
static void test_no_ram(void)
{
	machine_virt();
	qv.nmap = 0;
	qv_map(0, 64 * MIB, &bios, 0);
	machine_ready();
	check_model_less();
}

int main(void)
{
	if (qemu_real_host_page_size() != FRAME) {
		printf("SKIP: host pages are not 4 KiB\n");
		return 77;
	}
	run("pc sizing", test_pc_sizing);
	run("pc frames above 4 GiB", test_pc_high_frames);
	run("pc holes", test_pc_holes);
	run("pc target", test_pc_target);
	run("pc backend error", test_pc_backend_error);
	run("essa", test_essa);
	run("policy", test_policy);
	run("virt", test_virt);
	run("no ram", test_no_ram);
	return lps_test_done();
}
