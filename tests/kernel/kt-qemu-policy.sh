# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# shellcheck shell=bash
#
# kt-qemu-policy.sh - with LPS_QEMU_POLICY_MS set, a --host qemu leg's
# reclaim is done by the patched QEMU's periodic policy instead of one
# pagestates-reclaim: at the guest's request the policy is set (every
# LPS_QEMU_POLICY_MS of virtual time, target 0), left to run twice, and
# turned off again; QMP only sets it and reads the counters.  Sourced by
# kt-lib.sh.

# The policy's reclaim, into $1/hostd.json in kt_reclaim_qmp's shape; the
# "reclaim" member holds the policy's counters, freed_bytes what its runs
# freed.  Sets KT_HOSTD_RC (1: QMP failed or the policy did not run
# within a minute) and KT_RECLAIM_SECONDS.
kt_reclaim_qemu_policy() {
	local run=$1 qmp=$KT_DIR/kt-qmp.py before after t0 info runs
	local deadline=$((SECONDS + 60))

	before=$(stat -c %b "$KT_RAM")
	t0=$(date +%s.%N)
	python3 "$qmp" "$run/qmp.sock" pagestates-set-policy \
		"{\"interval-ms\":$LPS_QEMU_POLICY_MS,\"target\":0}" \
		>/dev/null 2>>"$run/hostd.log" || KT_HOSTD_RC=1
	while [ "$KT_HOSTD_RC" = 0 ]; do
		info=$(python3 "$qmp" "$run/qmp.sock" query-pagestates \
			2>>"$run/hostd.log") || { KT_HOSTD_RC=1; break; }
		runs=$(kt_json_num "$info" policy-runs)
		[ "$runs" -ge 2 ] && break
		[ $SECONDS -lt "$deadline" ] || { KT_HOSTD_RC=1; break; }
		sleep 0.1
	done
	python3 "$qmp" "$run/qmp.sock" pagestates-set-policy \
		'{"interval-ms":0}' >/dev/null 2>>"$run/hostd.log" ||
		KT_HOSTD_RC=1
	# shellcheck disable=SC2034 # read by the sourcing script
	KT_RECLAIM_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" \
		'BEGIN { printf "%.3f", b - a }')
	info=$(python3 "$qmp" "$run/qmp.sock" query-pagestates \
		2>>"$run/hostd.log") || KT_HOSTD_RC=1
	after=$(stat -c %b "$KT_RAM")
	printf '{"agent":false,"page_size":4096,"blocks_before":%s,' "$before" \
		>"$run/hostd.json"
	printf '"blocks_after":%s,"freed_bytes":%s,' "$after" \
		"$(kt_json_num "${info:-}" policy-freed)" >>"$run/hostd.json"
	printf '"reclaim":{"policy-runs":%s,"policy-reached":%s},"qemu":%s}\n' \
		"$(kt_json_num "${info:-}" policy-runs)" \
		"$(kt_json_num "${info:-}" policy-reached)" \
		"${info:-null}" >>"$run/hostd.json"
}

# The policy's members of the JSON line: its runs, and the frames they
# dropped, from query-pagestates in hostd.json $1; none without the policy.
kt_qemu_policy_json() {
	local qemu

	[ -n "${LPS_QEMU_POLICY_MS:-}" ] || return 0
	qemu=$(grep -o '"qemu":{[^}]*}' <<<"$1" || true)
	printf '"qemu_policy_runs":%s,"qemu_policy_dropped_unused":%s,' \
		"$(kt_json_num "$qemu" policy-runs)" \
		"$(kt_json_num "$qemu" policy-dropped-unused)"
	printf '"qemu_policy_dropped_volatile":%s,' \
		"$(kt_json_num "$qemu" policy-dropped-volatile)"
}
