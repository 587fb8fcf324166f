# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# shellcheck shell=bash
#
# kt-live.sh - the host side of the live leg (lps-kernel-test --live),
# sourced after kt-lib.sh.  While the guest runs its live workload
# (guest/kt_live.c, lpsmode=live), the agent reclaims in a loop toward a
# target; every KT_LIVE_KILL_EVERY seconds it is killed with SIGKILL and
# started again, so the next attach has to recover whatever the dead one
# had claimed.  Once, while an agent runs, a second one is started on the
# same RAM file and must be refused (exit 4).  kt_boot calls kt_live_hook
# on every poll ("poll") and once when the guest is done ("end").
#
# Results: KT_LIVE_RESTARTS, KT_LIVE_REFUSED (true only when the refusal
# was seen), KT_LIVE_RETIRED (the rebooting guest withdrew its table and
# the agent's last pass found none), KT_HOSTD_RC (the last agent's exit status after SIGTERM, or
# the status of one that exited by itself), and $run/hostd.json, the sum
# of every pass of every agent in the agent's JSON shape.

KT_LIVE_SECONDS=${LPS_LIVE_SECONDS:-75}
KT_LIVE_KILL_EVERY=${LPS_LIVE_KILL_EVERY:-12}
# Well below what the guest uses, so volatile frames go on every pass.
KT_LIVE_TARGET_MIB=${LPS_LIVE_TARGET_MIB:-$((KT_MEM_MIB / 4))}
# LPS_LIVE_INJECT=1: the agents lose drops on purpose (--inject-lost-drops),
# to see the leg fail and kt_live_explain name the punches.  Never in CI.
KT_LIVE_FAULT=()
[ "${LPS_LIVE_INJECT:-0}" = 1 ] && KT_LIVE_FAULT=(--inject-lost-drops)
KT_LIVE_PID="" KT_LIVE_STATE=waiting KT_LIVE_NEXT=0
KT_LIVE_RESTARTS=0 KT_LIVE_REFUSED=false KT_LIVE_SECOND_RC=""
KT_LIVE_RETIRED=false

# The guest's run length, on its command line (kt_qemu_args).
kt_live_append() {
	echo " lpslive=$KT_LIVE_SECONDS"
}

kt_live_start() {
	local run=$1

	kt_hostd_where
	"$KT_HOSTD" "${KT_HOSTD_WHERE[@]}" --loop 0.5 \
		--target-mib "$KT_LIVE_TARGET_MIB" --json --quiet \
		--log-drops "$run/drops.log" "${KT_LIVE_FAULT[@]}" \
		--ram-gpa "$KT_RAM_GPA" "$KT_RAM" \
		>>"$run/hostd-live.json" 2>>"$run/hostd.log" &
	KT_LIVE_PID=$!
	KT_HOOK_PID=$KT_LIVE_PID
	KT_LIVE_NEXT=$((SECONDS + KT_LIVE_KILL_EVERY))
}

# A second agent while the first holds the file: it must exit 4 at once.
# Only a refusal seen while the first was alive both before and after
# counts.
kt_live_second() {
	local run=$1 rc=0

	kill -0 "$KT_LIVE_PID" 2>/dev/null || return 0
	timeout 30 "$KT_HOSTD" "${KT_HOSTD_WHERE[@]}" --once --json \
		--ram-gpa "$KT_RAM_GPA" "$KT_RAM" \
		>"$run/hostd-second.json" 2>"$run/hostd-second.log" || rc=$?
	KT_LIVE_SECOND_RC=$rc
	# shellcheck disable=SC2034 # read by lps-kernel-test
	[ "$rc" = 4 ] && kill -0 "$KT_LIVE_PID" 2>/dev/null &&
		KT_LIVE_REFUSED=true
	return 0
}

# Aim the kill into a pass, where the agent may hold claims: a pass
# prints its line as it ends and the next begins --loop (0.5 s) later, so
# wait for a line and kill 0.50-0.53 s after it.  Only a kill while
# claims are held leaves the next agent something to recover.
kt_live_aim() {
	local f=$1/hostd-live.json n0 i

	n0=$(wc -l <"$f")
	for ((i = 0; i < 150; i++)); do
		[ "$(wc -l <"$f")" = "$n0" ] || break
		sleep 0.01
	done
	sleep "0.5$((RANDOM % 4))"
}

# The guest reboots once it is done, and its kernel withdraws the table
# (kernel-glue/lps_kretire.c): let QEMU end (-no-reboot), give the agent a
# pass over what is left, and see that it found no table any more.
kt_live_retired() {
	local run=$1 i

	for ((i = 0; i < 100; i++)); do
		kill -0 "$KT_QPID" 2>/dev/null || break
		sleep 0.1
	done
	sleep 1.2
	# shellcheck disable=SC2034 # read by lps-kernel-test
	grep -q 'shared state table retired' "$run/console.log" &&
		tail -n 1 "$run/hostd-live.json" | grep -q '"table_found":false' &&
		KT_LIVE_RETIRED=true
	return 0
}

# The running agent exited by itself: that is a failure, keep its status.
kt_live_reap() {
	local rc=0

	kill -0 "$KT_LIVE_PID" 2>/dev/null && return 0
	wait "$KT_LIVE_PID" 2>/dev/null || rc=$?
	[ "$KT_HOSTD_RC" != 0 ] || KT_HOSTD_RC=$rc
	[ "$rc" = 0 ] || kt_say "the live agent exited by itself with $rc"
	KT_LIVE_PID=""
}

kt_live_hook() {
	local run=$1 phase=$2 rc=0

	[ -n "$KT_HOSTD" ] || return 0
	if [ "$phase" = end ]; then
		[ -n "$KT_LIVE_PID" ] || return 0
		kt_live_retired "$run"
		kill -TERM "$KT_LIVE_PID" 2>/dev/null
		wait "$KT_LIVE_PID" 2>/dev/null || rc=$?
		[ "$KT_HOSTD_RC" != 0 ] || KT_HOSTD_RC=$rc
		# shellcheck disable=SC2034 # read by kt_cleanup
		KT_LIVE_PID="" KT_HOOK_PID=""
		kt_live_sum "$run"
		kt_live_explain "$run"
		return 0
	fi
	case $KT_LIVE_STATE in
	waiting)
		grep -q 'LPS-LIVE-START' "$run/console.log" || return 0
		: >"$run/drops.log"
		kt_live_start "$run"
		KT_LIVE_STATE=running KT_LIVE_T0=$SECONDS
		;;
	running)
		[ -n "$KT_LIVE_PID" ] || return 0
		kt_live_reap
		[ -n "$KT_LIVE_PID" ] || return 0
		[ "$SECONDS" -ge "$KT_LIVE_NEXT" ] || return 0
		# At the first kill, while the agent still runs: the
		# second agent's try.
		[ -n "$KT_LIVE_SECOND_RC" ] || kt_live_second "$run"
		kt_live_aim "$run"
		kill -KILL "$KT_LIVE_PID" 2>/dev/null
		wait "$KT_LIVE_PID" 2>/dev/null || true
		echo "killed at $((SECONDS - KT_LIVE_T0)) s" >>"$run/live.log"
		KT_LIVE_RESTARTS=$((KT_LIVE_RESTARTS + 1))
		kt_live_start "$run"
		;;
	esac
}

# Every pass of every agent summed into the agent's JSON shape.  The
# guest keeps allocating, so the file's size from the first pass to the
# last says little: blocks_before - blocks_after is the sum over passes
# of what the file's blocks showed each pass give back.
kt_live_sum() {
	local run=$1

	awk '
	function num(k,   m) {
		if (match($0, "\"" k "\":-?[0-9]+")) {
			m = substr($0, RSTART, RLENGTH)
			sub(/.*:/, "", m)
			return m + 0
		}
		return 0
	}
	/^\{/ {
		n++
		back += num("blocks_before") - num("blocks_after")
		for (i = 1; i <= nk; i++) s[k[i]] += num(k[i])
		if ($0 ~ /"table_found":true/) found = 1
		if (num("status") != 0) bad++
	}
	BEGIN {
		nk = split("recovered claims dropped_unused dropped_volatile " \
			   "punched_bytes freed_bytes punch_errors " \
			   "protocol_errors", k, " ")
	}
	END {
		printf "{\"agent\":true,\"page_size\":4096,\"passes\":%d,", n
		printf "\"table_found\":%s,\"failed_passes\":%d,", \
			found ? "true" : "false", bad + 0
		# %.0f: mawk clamps %d to 32 bits.
		for (i = 1; i <= nk; i++)
			printf "\"%s\":%.0f,", k[i], s[k[i]]
		printf "\"blocks_before\":%.0f,\"blocks_after\":0}\n", back
	}' "$run/hostd-live.json" >"$run/hostd.json" 2>/dev/null ||
		echo '{}' >"$run/hostd.json"
}

# For the first wrong pages the guest named (LPS-LIVE-BAD ... pfn N), the
# agent's last punches that covered its frame, from every agent of the run
# (--log-drops): whether the host dropped it, when, and under which epoch.
# Into live.log and on stderr; nothing when no page went wrong.
kt_live_explain() {
	local run=$1

	{ grep -a 'LPS-LIVE-BAD' "$run/console.log" 2>/dev/null || true; } |
	awk -v base=$((KT_RAM_GPA / 4096)) -v drops="$run/drops.log" '
	match($0, /pfn -?[0-9]+/) {
		if (++pages > 20) next
		pfn = substr($0, RSTART + 4, RLENGTH - 4) + 0
		print "wrong page:", $0
		if (pfn < 0) { print "  frame unknown"; next }
		idx = pfn - base; hits = 0
		while ((getline line < drops) > 0) {
			split(line, f, " ")
			if (f[3] + 0 <= idx && idx < f[3] + f[5])
				last[hits++ % 4] = line
		}
		close(drops)
		if (!hits) print "  frame " idx ": never punched by the agent"
		for (i = hits > 4 ? hits - 4 : 0; i < hits; i++)
			print "  punched:", last[i % 4]
		if (hits > 4) print "  (" hits " punches in all, last 4 shown)"
	}
	END { if (pages > 20) print pages " wrong pages in all, 20 shown" }
	' | tee -a "$run/live.log" >&2
}
