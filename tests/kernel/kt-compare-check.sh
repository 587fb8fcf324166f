#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-compare-check.sh - the CTest smoke of `./lps compare`: a short run
# (one anonymous cycle, short idles) of the fpr and pagestates modes, held
# to what must be true whatever the numbers: every byte intact in both,
# free page reporting took memory back at least after drop_caches (QEMU's
# balloon really punched the shared RAM file), and with page states the
# agent dropped frames and the host had the freed cycle back.
#
# usage: kt-compare-check.sh ARCH
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/kt-lib.sh"
# shellcheck source=kt-check-lib.sh
. "$KT_DIR/kt-check-lib.sh"
arch=$1

kt_check_run env LPS_COMPARE_MODES="fpr pagestates" LPS_COMPARE_ROUNDS=1 \
	LPS_COMPARE_IDLE_S=4 LPS_COMPARE_TARGET_MIB=32 \
	LPS_COMPARE_GUEST="cmp_cycles=1 cmp_gap_ms=4000" \
	"$KT_ROOT/scripts/lps-compare" "$arch"

# The member $2 of mode $1's object.
num() {
	kt_json_num "$(grep -o "\"$1\":{[^}]*}" <<<"$KT_JSON")" "$2" -1
}

for mode in fpr pagestates; do
	grep -q "\"$mode\":{[^}]*\"finished\":true" <<<"$KT_JSON" ||
		fail "$mode: the guest did not finish"
	need "$mode: no checksum error" "$(num "$mode" checksum_errors) == 0"
	need "$mode: no setup error" "$(num "$mode" setup_errors) == 0"
done
need "fpr: drop_caches gave memory back" \
	"$(num fpr residual_after_drop_mib) < $(num fpr residual_mib) - 16"
need "pagestates: the agent dropped frames" \
	"$(num pagestates host_dropped_mib) > 0"
need "pagestates: the freed cycle came back" \
	"$(num pagestates frees_returned) >= 1"
need "pagestates: discarded runs read in one request" \
	"$(num pagestates reread_runs) > 0"
need "pagestates: more than one page per discarded run" \
	"$(num pagestates reread_pages) > $(num pagestates reread_runs)"
kt_check_done "$KT_BUILD/compare-$arch-*"
