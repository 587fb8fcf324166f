# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# shellcheck shell=bash
#
# kt-cpu.sh - the JSON members of guest/kt_cpu.c's LPS-CPU line (CPU 1
# taken offline with work pending, then idled with work pending; see
# scripts/lps-kernel-test --help).  Sourced by lps-kernel-test.

# Print the cpu_* and periodic_* members (each followed by a comma) of the
# console log $1; KT_CPU_BAD is set to the words the step found wrong
# plus the steps that failed.
kt_cpu_json() {
	local line k v ran=false

	line=$(grep -o 'LPS-CPU {.*' "$1" | head -n1 | cut -d' ' -f2- || true)
	grep -q '"run":true' <<<"$line" && ran=true
	printf '"cpu_run":%s,' "$ran"
	for k in cpus checksum_errors errors before_ranges before_parked \
		 after_online after_ranges after_parked drained dead_discards \
		 again_ranges port_errors flush_ms idle_before_ranges \
		 idle_before_parked periodic_flushes periodic_releases \
		 idle_ranges idle_parked discards mincore_gone; do
		v=$(kt_json_num "$line" "$k")
		case $k in
		periodic_*) printf '"%s":%s,' "$k" "$v" ;;
		drained) printf '"cpu_dead_drained":%s,' "$v" ;;
		*) printf '"cpu_%s":%s,' "$k" "$v" ;;
		esac
	done
	# shellcheck disable=SC2034 # read by lps-kernel-test
	KT_CPU_BAD=$(( $(kt_json_num "$line" checksum_errors) +
		       $(kt_json_num "$line" errors) ))
}
