/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu-policy.c - the periodic reclaim policy: with
 * pagestates-set-policy, QEMU reclaims on its own every interval of
 * virtual time down to a target, as pagestates-reclaim does on request.
 *
 * The timer is on the virtual clock, so a stopped VM (paused, or being
 * migrated) is not reclaimed from behind its back, and it runs in the
 * main loop, under the BQL, like the QMP commands: the policy and QMP
 * take turns, and the settings need no lock of their own.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "block/aio.h"
#include "qapi/error.h"
#include "qapi/qapi-commands-pagestates.h"
#include "lps-qemu-priv.h"

/* An hour: longer is no policy, only a forgotten timer. */
#define LPS_QEMU_POLICY_MAX_MS 3600000u

typedef struct LpsQemuPolicy {
    QEMUTimer *timer;           /* created on first use */
    uint32_t interval_ms;       /* 0: off */
    uint64_t target;            /* bytes */
    uint64_t runs, reached;
    uint64_t dropped_unused, dropped_volatile, freed;
} LpsQemuPolicy;

static LpsQemuPolicy lps_policy;

static void lps_qemu_policy_arm(void)
{
    timer_mod(lps_policy.timer, qemu_clock_get_ms(QEMU_CLOCK_VIRTUAL) +
              lps_policy.interval_ms);
}

static void lps_qemu_policy_reclaim(void *opaque)
{
    PagestatesReclaim res = { 0 };

    if (!lps_policy.interval_ms) {
        return;
    }
    if (lps_qemu_reclaim(lps_policy.target, &res) == 0) {
        lps_policy.runs++;
        lps_policy.reached += res.reached;
        lps_policy.dropped_unused += res.dropped_unused;
        lps_policy.dropped_volatile += res.dropped_volatile;
        lps_policy.freed += res.freed;
    }
    lps_qemu_policy_arm();
}

/*
 * The reclaim runs from a bottom half, not from the timer: for a guest
 * that takes discard faults it pauses the vCPUs, which waits for the
 * virtual clock's timers to finish, this one included.
 */
static void lps_qemu_policy_run(void *opaque)
{
    aio_bh_schedule_oneshot(qemu_get_aio_context(), lps_qemu_policy_reclaim,
                            NULL);
}

void qmp_pagestates_set_policy(uint32_t interval_ms, bool has_target,
                               uint64_t target, Error **errp)
{
    if (!lps_qemu_ready()) {
        error_setg(errp, "the page-states host model is not running");
        return;
    }
    if (interval_ms > LPS_QEMU_POLICY_MAX_MS) {
        error_setg(errp, "interval-ms must be at most %u (0: off)",
                   LPS_QEMU_POLICY_MAX_MS);
        return;
    }
    lps_policy.interval_ms = interval_ms;
    lps_policy.target = has_target ? target : 0;
    if (!interval_ms) {
        if (lps_policy.timer) {
            timer_del(lps_policy.timer);
        }
        return;
    }
    if (!lps_policy.timer) {
        lps_policy.timer = timer_new_ms(QEMU_CLOCK_VIRTUAL,
                                        lps_qemu_policy_run, NULL);
    }
    /* The first run one interval from now, not at the old deadline. */
    lps_qemu_policy_arm();
}

void lps_qemu_policy_info(PagestatesInfo *info)
{
    info->policy_interval_ms = lps_policy.interval_ms;
    info->policy_target = lps_policy.target;
    info->policy_runs = lps_policy.runs;
    info->policy_reached = lps_policy.reached;
    info->policy_dropped_unused = lps_policy.dropped_unused;
    info->policy_dropped_volatile = lps_policy.dropped_volatile;
    info->policy_freed = lps_policy.freed;
}
