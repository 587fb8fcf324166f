/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu.c - the VM's page-states host model: created with the machine,
 * served by the accelerators (ESSA on s390x; vmcall/vmmcall on x86 in
 * lps-qemu-x86.c), reclaimed and read through QMP (pagestates-reclaim,
 * query-pagestates) and by the periodic policy (lps-qemu-policy.c).
 *
 * The host model decides which frames may go; dropping one here means
 * ram_block_discard_range(), which madvises anonymous RAM away or punches
 * a hole into file-backed RAM, so the frame reads back as zeroes.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "qemu/atomic.h"
#include "qemu/notify.h"
#include "qemu/rcu.h"
#include "qapi/error.h"
#include "qapi/qapi-commands-pagestates.h"
#include "exec/address-spaces.h"
#include "exec/cpu-common.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "sysemu/cpus.h"
#include "sysemu/sysemu.h"
#include "lps-qemu.h"
#include "lps-qemu-priv.h"

#define LPS_QEMU_FRAME_SHIFT 12
#define LPS_QEMU_FRAME_SIZE (1ULL << LPS_QEMU_FRAME_SHIFT)

typedef struct LpsQemu {
    struct lps_host host;
    lps_fstate_t *states;
    uint8_t *dirty_log;
    hwaddr ram_base;            /* guest physical address of frame 0 */
    uint64_t hole_frames;       /* frames of the map that are not RAM */
    bool ready;                 /* host model initialised */
    const char *port;           /* the transport the guest used last */
    uint64_t calls;             /* guest calls served (atomic) */
    uint64_t freed;             /* bytes dropped that held data */
} LpsQemu;

static LpsQemu lps_vm = { .port = "none" };
static const LpsQemuFence *lps_fence;   /* set by the target, or NULL */

/*
 * Bytes of [host, host + len) in host memory: what dropping them returns.
 * Frames the guest never touched hold nothing, whatever their state.
 */
static uint64_t lps_qemu_resident_bytes(void *host, size_t len)
{
    size_t psize = qemu_real_host_page_size();
    uintptr_t start = QEMU_ALIGN_DOWN((uintptr_t)host, psize);
    size_t npages = DIV_ROUND_UP((uintptr_t)host + len - start, psize);
    g_autofree unsigned char *vec = g_malloc(npages);
    uint64_t bytes = 0;
    size_t i;

    if (mincore((void *)start, npages * psize, vec)) {
        return 0;
    }
    for (i = 0; i < npages; i++) {
        bytes += (vec[i] & 1) ? psize : 0;
    }
    return bytes;
}

/*
 * The machine's own RAM (machine->ram, or a region inside it), as opposed
 * to RAM in a hole that belongs to a device (a VGA framebuffer in x86's
 * PCI hole) or firmware: only the former is the guest's to hint.
 */
static bool lps_qemu_is_machine_ram(const MemoryRegion *mr)
{
    MachineState *ms = MACHINE(qdev_get_machine());

    for (; mr; mr = mr->container) {
        if (mr == ms->ram) {
            return true;
        }
    }
    return false;
}

/*
 * The piece of machine RAM at guest physical @gpa, at most @left bytes:
 * its length, with its RAMBlock, offset in it and host address; 0 when
 * @gpa is in a hole, ROM or anything but the machine's RAM.  Inside an
 * RCU read-side section.
 */
static hwaddr lps_qemu_ram_piece(hwaddr gpa, hwaddr left, RAMBlock **rb,
                                 ram_addr_t *offset, void **host)
{
    hwaddr xlat, len = left;
    MemoryRegion *mr;

    mr = address_space_translate(&address_space_memory, gpa, &xlat, &len,
                                 true, MEMTXATTRS_UNSPECIFIED);
    if (!memory_region_is_ram(mr) || memory_region_is_rom(mr) ||
        !lps_qemu_is_machine_ram(mr) || !len) {
        return 0;
    }
    *host = (uint8_t *)memory_region_get_ram_ptr(mr) + xlat;
    *rb = qemu_ram_block_from_host(*host, false, offset);
    return *rb ? len : 0;
}

/*
 * Drop frames [pfn, pfn + count) of the model: each piece of guest RAM the
 * range covers is discarded in its RAMBlock.  Fails, with nothing dropped
 * (the host model keeps the frames), when any part is not machine RAM: a
 * range that runs into a hole must not lose its RAM part while the model
 * still counts it as holding data.
 */
static int lps_qemu_discard(void *ctx, uint64_t pfn, uint64_t count)
{
    hwaddr start = lps_vm.ram_base + (pfn << LPS_QEMU_FRAME_SHIFT);
    hwaddr size = count << LPS_QEMU_FRAME_SHIFT;
    hwaddr gpa, left, len;
    ram_addr_t offset;
    RAMBlock *rb;
    void *host;
    int ret = 0;

    RCU_READ_LOCK_GUARD();
    for (gpa = start, left = size; left; gpa += len, left -= len) {
        len = lps_qemu_ram_piece(gpa, left, &rb, &offset, &host);
        if (!len) {
            return -1;
        }
    }
    for (gpa = start, left = size; left && !ret; gpa += len, left -= len) {
        uint64_t resident;

        len = lps_qemu_ram_piece(gpa, left, &rb, &offset, &host);
        if (!len) {
            return -1;
        }
        resident = lps_qemu_resident_bytes(host, len);
        ret = ram_block_discard_range(rb, offset, len);
        if (!ret) {
            qatomic_add(&lps_vm.freed, resident);
        }
    }
    return ret;
}

static const struct lps_host_backend lps_qemu_backend = {
    .discard = lps_qemu_discard,
};

/* Where the machine's RAM starts and ends in guest physical memory. */
typedef struct LpsQemuRamSpan {
    hwaddr lo, hi;
    uint64_t bytes;             /* RAM in between */
} LpsQemuRamSpan;

static bool lps_qemu_ram_span_add(Int128 start, Int128 len,
                                  const MemoryRegion *mr,
                                  hwaddr offset_in_region, void *opaque)
{
    LpsQemuRamSpan *span = opaque;
    hwaddr lo, hi;

    /* Not int128_get64() before this: the last range ends at 2^64. */
    if (!memory_region_is_ram((MemoryRegion *)mr) ||
        memory_region_is_rom((MemoryRegion *)mr) ||
        !lps_qemu_is_machine_ram(mr)) {
        return false;
    }
    lo = int128_get64(start);
    hi = int128_get64(int128_add(start, len));
    span->lo = MIN(span->lo, lo);
    span->hi = MAX(span->hi, hi);
    span->bytes += hi - lo;
    return false;
}

/*
 * The host model covers guest physical memory from the lowest to the
 * highest byte of the machine's RAM, in 4 KiB frames: 0 up to ram_size
 * on s390x, 1 GiB up on arm64 virt, and on x86 0 up to the end of the
 * RAM above 4 GiB when the guest has more than fits below the PCI hole
 * (whose frames are in the map but never RAM: the backend refuses them).
 * Frame numbers on the wire count from there, as the guest's core counts
 * its frames from the start of its RAM (x86: pfn 0 to max_pfn).
 */
static void lps_qemu_machine_ready(Notifier *n, void *unused)
{
    LpsQemuRamSpan span = { .lo = UINT64_MAX };
    struct lps_host_config cfg = {
        .sz = sizeof(cfg),
        .backend = &lps_qemu_backend,
    };
    uint64_t nframes;

    WITH_RCU_READ_LOCK_GUARD() {
        flatview_for_each_range(address_space_to_flatview(
                                    &address_space_memory),
                                lps_qemu_ram_span_add, &span);
    }
    if (span.lo >= span.hi) {
        return;
    }
    span.lo = QEMU_ALIGN_DOWN(span.lo, LPS_QEMU_FRAME_SIZE);
    nframes = DIV_ROUND_UP(span.hi - span.lo, LPS_QEMU_FRAME_SIZE);
    lps_vm.ram_base = span.lo;
    lps_vm.hole_frames = nframes - span.bytes / LPS_QEMU_FRAME_SIZE;
    lps_vm.states = g_new0(lps_fstate_t, nframes);
    lps_vm.dirty_log = g_new0(uint8_t, (nframes + 7) / 8);
    cfg.nframes = nframes;
    cfg.states = lps_vm.states;
    cfg.dirty_log = lps_vm.dirty_log;
    if (lps_host_init(&lps_vm.host, &cfg) < 0) {
        g_free(lps_vm.states);
        g_free(lps_vm.dirty_log);
        return;
    }
    /* vCPUs start after machine-init-done: they see the model complete. */
    qatomic_store_release(&lps_vm.ready, true);
}

static Notifier lps_qemu_machine_ready_notifier = {
    .notify = lps_qemu_machine_ready,
};

static void lps_qemu_register(void)
{
    qemu_add_machine_init_done_notifier(&lps_qemu_machine_ready_notifier);
}
type_init(lps_qemu_register)

bool lps_qemu_ready(void)
{
    return qatomic_load_acquire(&lps_vm.ready);
}

struct lps_host *lps_qemu_host(const char *port)
{
    if (!lps_qemu_ready()) {
        return NULL;
    }
    qatomic_set(&lps_vm.port, port);
    qatomic_inc(&lps_vm.calls);
    return &lps_vm.host;
}

LpsQemuEssaResult lps_qemu_essa(uint32_t m3, uint64_t abs_addr, uint64_t *r1)
{
    struct lps_host *h = lps_qemu_host("s390");
    int ret;

    if (!h) {
        *r1 = 0;        /* stable and resident: all a model-less VM has */
        return LPS_QEMU_ESSA_DONE;
    }
    ret = lps_essa_handle(h, m3, abs_addr, r1);
    if (ret == -LPS_EINVAL) {
        return LPS_QEMU_ESSA_SPECIFICATION;
    }
    if (ret == -LPS_ERANGE) {
        return LPS_QEMU_ESSA_ADDRESSING;
    }
    /* Refused transitions leave *r1 with the exception indication. */
    return LPS_QEMU_ESSA_DONE;
}

/*
 * Resident frames of RAM: the model starts every frame resident, and the
 * frames of a hole stay so because the backend never drops them.
 */
static uint64_t lps_qemu_resident_frames(void)
{
    uint64_t resident = qatomic_read(&lps_vm.host.resident);

    return resident > lps_vm.hole_frames ? resident - lps_vm.hole_frames : 0;
}

void lps_qemu_set_fence(const LpsQemuFence *fence)
{
    lps_fence = fence;
}

bool lps_qemu_frame_discarded(hwaddr gpa, bool write)
{
    uint64_t pfn = (gpa - lps_vm.ram_base) >> LPS_QEMU_FRAME_SHIFT;
    lps_fstate_t s;

    if (!lps_qemu_ready() || gpa < lps_vm.ram_base ||
        pfn >= lps_vm.host.nframes) {
        return false;
    }
    /* A frame claimed by a call in flight is decided under the lock. */
    s = qatomic_read(&lps_vm.states[pfn]);
    if (!(s & ~LPS_FS_VALID_MASK) && !lps_fs_discarded(s)) {
        return false;
    }
    return lps_host_guest_access(&lps_vm.host, pfn, write) == -LPS_EFAULT;
}

PagestatesInfo *qmp_query_pagestates(Error **errp)
{
    PagestatesInfo *info = g_new0(PagestatesInfo, 1);
    const struct lps_host_counters *c = &lps_vm.host.cnt;

    info->enabled = qatomic_load_acquire(&lps_vm.ready);
    info->port = g_strdup(qatomic_read(&lps_vm.port));
    info->calls = qatomic_read(&lps_vm.calls);
    if (!info->enabled) {
        return info;
    }
    /* Counters are read without the model's lock: each is one word. */
    info->frames = lps_vm.host.nframes;
    info->resident = lps_qemu_resident_frames();
    info->hints_stable = qatomic_read(&c->hints_applied[LPS_STABLE]);
    info->hints_unused = qatomic_read(&c->hints_applied[LPS_UNUSED]);
    info->hints_volatile = qatomic_read(&c->hints_applied[LPS_VOLATILE]);
    info->hints_pot_volatile =
        qatomic_read(&c->hints_applied[LPS_POT_VOLATILE]);
    info->batches = qatomic_read(&c->batches);
    info->rejected = qatomic_read(&c->rejected);
    info->discarded_unused = qatomic_read(&c->discarded_unused);
    info->discarded_volatile = qatomic_read(&c->discarded_volatile);
    info->discard_faults = qatomic_read(&c->discard_faults);
    info->stable_discarded = qatomic_read(&c->stable_discarded);
    info->backend_errors = qatomic_read(&c->backend_errors);
    lps_qemu_policy_info(info);
    return info;
}

int lps_qemu_reclaim(uint64_t target, PagestatesReclaim *out)
{
    struct lps_host_reclaim_result res = { 0 };
    uint64_t freed;
    bool fenced;
    int ret;

    if (!qatomic_load_acquire(&lps_vm.ready)) {
        return -LPS_EINVAL;
    }
    /* Only the BQL holder reclaims: nobody else adds to freed meanwhile. */
    freed = qatomic_read(&lps_vm.freed);
    /* A guest taking discard faults must not keep stale translations. */
    fenced = lps_fence && lps_fence->wanted();
    if (fenced) {
        pause_all_vcpus();
    }
    ret = lps_host_reclaim(&lps_vm.host,
                           (target >> LPS_QEMU_FRAME_SHIFT) +
                           lps_vm.hole_frames,
                           LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE, &res);
    if (fenced) {
        lps_fence->flush();
        resume_all_vcpus();
    }
    if (ret < 0 && ret != -LPS_EAGAIN) {
        return ret;
    }
    out->dropped_unused = res.dropped_unused;
    out->dropped_volatile = res.dropped_volatile;
    out->freed = qatomic_read(&lps_vm.freed) - freed;
    out->resident = lps_qemu_resident_frames() * LPS_QEMU_FRAME_SIZE;
    out->reached = ret == 0;
    return 0;
}

PagestatesReclaim *qmp_pagestates_reclaim(bool has_target, uint64_t target,
                                          Error **errp)
{
    PagestatesReclaim *out;
    int ret;

    if (!qatomic_load_acquire(&lps_vm.ready)) {
        error_setg(errp, "the page-states host model is not running");
        return NULL;
    }
    out = g_new0(PagestatesReclaim, 1);
    ret = lps_qemu_reclaim(has_target ? target : 0, out);
    if (ret < 0) {
        g_free(out);
        error_setg(errp, "page-states reclaim failed: %d", ret);
        return NULL;
    }
    return out;
}
