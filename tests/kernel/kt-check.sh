#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-check.sh - the CTest side of a kernel test: run scripts/lps-kernel-test
# and hold its JSON line to the thresholds: every byte intact in both legs;
# with the patches, the discard path really ran, the host got back what
# was freed within 2 s, the page cache came back, KUnit passed, and each
# reachable transition point of the glue fired.
#
# With --host qemu (the patched QEMU serves the architecture's own port):
# every byte intact, the discard path ran, the guest used its native port,
# and the host got back what QEMU freed; a hypercall port also carries at
# least 512 pages per exit in the 2 MiB workload (guest/kt_blocks.c).
#
# With --live (the guest works for a fixed time while the agent reclaims
# in a loop and is killed and restarted): every byte intact, the discard
# path ran, at least 3 restarts, a second agent refused, the table
# withdrawn as the guest rebooted, and the last agent stopped cleanly.
#
# With --no-page-states --host qemu (an unpatched guest on the patched
# QEMU): every byte intact and no discard fault raised.
#
# usage: kt-check.sh ARCH [--no-page-states] [--host qemu | --live | --debug]
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/kt-lib.sh"
# shellcheck source=kt-check-lib.sh
. "$KT_DIR/kt-check-lib.sh"
arch=$1
shift
nops=0 qemu=0 live=0 prev=""
for a in "$@"; do
	case $a in
	--no-page-states) nops=1 ;;
	--live) live=1 ;;
	qemu) [ "$prev" = --host ] && qemu=1 ;;
	esac
	prev=$a
done

kt_check_run "$KT_ROOT/scripts/lps-kernel-test" "$arch" "$@"
json=$KT_JSON

need "every file checked" "$(num files_checked) >= 12"
need "no checksum error" "$(num checksum_errors) == 0"
need "no BUG, WARNING, lockdep, KASAN or UBSAN report" "$(num oops) == 0"
need "no checksum error in the 2 MiB workload" \
	"$(num blocks_checksum_errors) == 0"
need "the agent hit no punch or protocol error" "$(num agent_rc) == 0"
flag finished || fail "guest did not finish"
[ $live = 1 ] || flag reclaim_acked || fail "reclaim not acknowledged"

declare -A native_port=([s390x]=s390 [x86_64]=x86 [aarch64]=arm64)
if [ $live = 1 ]; then
	flag table_found || fail "the agent found no state table"
	need "no setup error" "$(num setup_errors) == 0"
	need "discards found" "$(num discards_found) > 0"
	need "rereads" "$(num rereads) > 0"
	need "freed something" "$(num freed_mib) > 0"
	need "the agent was killed and restarted" "$(num agent_restarts) >= 3"
	flag second_agent_refused || fail "a second agent was not refused"
	flag table_retired || fail "the rebooting guest did not retire its table"
	need "the guest worked through rounds" "$(num live_rounds) >= 2"
	need "KUnit passed" "$(num kunit_fail) == 0"
elif [ $qemu = 1 ] && [ $nops = 1 ]; then
	# An unpatched guest on the patched QEMU: it never asks for discard
	# faults, so QEMU must raise none.  s390x's stock CMMA still drives
	# ESSA, so QEMU serves its calls and frees what it marks unused.
	flag page_states && fail "CONFIG_PAGE_STATES=y in the unpatched leg"
	need "no discard fault for a guest that never asked" \
		"$(num qemu_discard_faults) == 0"
	need "no discard fault taken" "$(num discard_faults) == 0"
	need "no call refused" "$(num qemu_rejected) == 0"
	if [ "$arch" = s390x ]; then
		need "QEMU served the stock guest's ESSA" "$(num hypercalls) > 0"
		need "the stock guest's unused pages freed" \
			"$(num freed_mib) > 0"
	fi
elif [ $qemu = 1 ]; then
	grep -q "\"port\":\"${native_port[$arch]}\"" <<<"$json" ||
		fail "the guest did not use its native port ${native_port[$arch]}"
	need "QEMU served the guest's calls" "$(num hypercalls) > 0"
	need "discards found" "$(num discards_found) > 0"
	need "freed something" "$(num freed_mib) > 0"
	need "host got back what was freed" \
		"$(num host_returned_mib) >= 0.9 * $(num freed_mib)"
	need "no call refused" "$(num qemu_rejected) == 0"
	need "no failed drop" "$(num qemu_backend_errors) == 0"
	if [ -n "${LPS_QEMU_POLICY_MS:-}" ]; then
		need "QEMU's own policy reclaimed twice" \
			"$(num qemu_policy_runs) >= 2"
		need "the policy dropped frames" \
			"$(num qemu_policy_dropped_unused) + $(num qemu_policy_dropped_volatile) > 0"
	fi
	# More RAM than fits below the pc machine's PCI hole (3 GiB below
	# it, the rest from 4 GiB): the model must cover, and drop, frames
	# up to the end of the RAM above 4 GiB.
	if [ "$arch" = x86_64 ] && [ "${LPS_KERNEL_MEM_MIB:-256}" -gt 3584 ]; then
		need "the frame map reaches the end of RAM above 4 GiB" \
			"$(num qemu_frames) == ($LPS_KERNEL_MEM_MIB + 1024) * 256"
		need "free frames above 4 GiB dropped" \
			"$(num qemu_discarded_unused) > 786432"
	fi
	if [ "$arch" = s390x ]; then
		# guest/kt_mapped.c: mapped file pages went volatile, were
		# dropped and read again after discard faults.
		need "mapped folios went volatile" "$(num mapped_volatile) > 0"
		# Only QEMU raises program check 0x1a (query-pagestates is
		# read before the guest touches the files again, so its
		# discard-faults is 0 there).
		need "the guest took discard faults" \
			"$(num discard_faults) > 0"
	else
		need "the 2 MiB workload ran on huge pages" \
			"$(num blocks_huge_mib) > 0"
		need "a hypercall carries >= 512 pages in the 2 MiB workload" \
			"$(num blocks_pages_per_exit) >= 512"
	fi
elif [ $nops = 1 ]; then
	# Unpatched: nothing published, so the agent must drop nothing.
	flag page_states && fail "CONFIG_PAGE_STATES=y in the n leg"
	flag table_found && fail "a state table without the patches"
	need "nothing freed without hints" "$(num freed_mib) == 0"
elif flag page_states; then
	flag agent || fail "pagestates-hostd was not built"
	flag table_found || fail "the agent found no state table"
	need "discards found" "$(num discards_found) > 0"
	need "rereads" "$(num rereads) > 0"
	need "discarded runs read in one request" "$(num reread_runs) > 0"
	need "more than one page per discarded run" \
		"$(num reread_pages) > $(num reread_runs)"
	need "freed something" "$(num freed_mib) > 0"
	need "host got back what was freed" \
		"$(num host_returned_mib) >= 0.9 * $(num freed_mib)"
	need "within 2 s of the request" "$(num reclaim_seconds) <= 2"
	# The debug leg compacts before re-reading the files: compaction
	# finds most page-cache discards first, so the re-read cannot show
	# them (the plain leg holds this threshold).
	flag debug ||
		need "page cache returned" \
			"$(num pagecache_returned_mib) >= 0.9 * $(num pagecache_mib)"
	need "KUnit ran" "$(num kunit_pass) > 0"
	need "KUnit passed" "$(num kunit_fail) == 0"
	flag points_run || fail "the transition-point walk did not run"
	need "no checksum error in the point walk" \
		"$(num points_checksum_errors) == 0"
	# Each hook site the ext2 workload can reach with a hinted or
	# offerable folio (kernel-glue/README.md says which cannot).
	pts=$(grep -o '"points":{[^}]*}' <<<"$json")
	for p in get_entry read_batch fault_around read_done release \
		 deactivate; do
		need "point $p fired" "$(kt_json_num "$pts" "$p") > 0"
	done
else
	fail "the patched leg built no CONFIG_PAGE_STATES kernel"
fi

# guest/kt_cpu.c: CPU 1 taken offline with folios parked (every port)
# and hints queued (the batching hypercall ports, x86_64 and aarch64 on
# the patched QEMU; the shared table and ESSA tell the host at once), then
# idled with both pending while the periodic flush runs.
if [ $live = 0 ] && [ $nops = 0 ] && flag page_states; then
	# An x86_64 kernel without ACPI reads SeaBIOS's MP table, which
	# lists the boot CPU only (tests/kernel/README.md).
	need "the guest has a CPU 1" "$(num cpu_cpus) >= 2"
	flag cpu_run || fail "the CPU offline step did not run"
	need "no wrong byte or failed step around the offline" \
		"$(num cpu_checksum_errors) + $(num cpu_errors) == 0"
	need "CPU 1 held parked folios as it went" "$(num cpu_before_parked) > 0"
	need "CPU 1 went offline" "$(num cpu_after_online) == 0"
	need "nothing left on the dead CPU" \
		"$(num cpu_after_ranges) == 0 && $(num cpu_after_parked) == 0"
	need "the dead CPU's list was drained" \
		"$(num cpu_dead_discards) >= $(num cpu_before_parked)"
	need "no port error around the offline" "$(num cpu_port_errors) == 0"
	need "the periodic flush released idle folios" \
		"$(num periodic_releases) > 0 && $(num cpu_idle_parked) == 0"
	if [ $qemu = 1 ] && [ "$arch" != s390x ]; then
		need "CPU 1 held hints as it went" "$(num cpu_before_ranges) > 0"
		need "the dead CPU's hints were sent" \
			"$(num cpu_dead_drained) - $(num cpu_dead_discards) > 0"
		need "the revived CPU took hints" "$(num cpu_again_ranges) > 0"
		need "the periodic flush sent idle hints" \
			"$(num periodic_flushes) > 0"
	fi
fi

kt_check_done "$KT_BUILD/run-$arch-*"
