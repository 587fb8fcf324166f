#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-check-return.sh - the CTest side of scripts/lps-kernel-return: every
# kept byte and file intact, the guest really gave most of its RAM back,
# the host got back at least 90 % of what the agent freed (and of what the
# guest freed), the discard path ran, and return_ms was measured.
#
# usage: kt-check-return.sh ARCH
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/kt-lib.sh"
# shellcheck source=kt-check-lib.sh
. "$KT_DIR/kt-check-lib.sh"
arch=$1

kt_check_run "$KT_ROOT/scripts/lps-kernel-return" "$arch"

flag finished || fail "guest did not finish"
flag reclaim_acked || fail "reclaim not acknowledged"
flag table_found || fail "the agent found no state table"
need "a guest of at least 1 GiB" "$(num mem_mib) >= 1024"
need "every file checked" "$(num files_checked) >= 12"
need "no checksum error" "$(num checksum_errors) == 0"
need "no setup error" "$(num setup_errors) == 0"
need "the agent hit no punch or protocol error" "$(num agent_rc) == 0"
need "the guest freed most of its RAM" \
	"$(num guest_freed_mib) >= 0.6 * $(num mem_mib)"
need "host got back what the agent freed" \
	"$(num host_returned_mib) >= 0.9 * $(num freed_mib)"
need "host got back what the guest freed" \
	"$(num host_returned_mib) >= 0.9 * $(num guest_freed_mib)"
need "discards found" "$(num discards_found) > 0"
need "return_ms measured" "$(num return_ms) > 0"

kt_check_done "$KT_BUILD/return-$arch-*"
