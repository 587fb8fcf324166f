#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-check-lib.sh - what every CTest side of a kernel leg shares (sourced
# by kt-check*.sh and kt-compare-check.sh after kt-lib.sh): run the leg and
# keep its JSON line, read members of it, count the checks that fail, and
# give the verdict.
#
#   kt_check_run CMD [ARG...]  run the leg; its last JSON line is printed
#                              and kept in KT_JSON; no line or a failed
#                              command ends the test
#   num KEY / flag KEY         a number / a true member of KT_JSON
#   fail TEXT                  count one failed check
#   need TEXT AWK-CONDITION    fail TEXT unless the condition holds
#   kt_check_done LOGS         exit 1 if any check failed, naming LOGS

KT_JSON="" KT_FAILS=0

kt_check_run() {
	local out rc

	out=$("$@")
	rc=$?
	KT_JSON=$(grep '^{' <<<"$out" | tail -n1)
	echo "$KT_JSON"
	[ -n "$KT_JSON" ] || { echo "FAIL: no JSON line"; exit 1; }
	[ $rc = 0 ] || { echo "FAIL: ${1##*/} exited $rc"; exit 1; }
}

num() { kt_json_num "$KT_JSON" "$1"; }
flag() { grep -q "\"$1\":true" <<<"$KT_JSON"; }
fail() { echo "FAIL: $*"; KT_FAILS=$((KT_FAILS + 1)); }
need() {
	awk "BEGIN { exit !($2) }" || fail "$1 ($2)"
}

kt_check_done() {
	if [ "$KT_FAILS" != 0 ]; then
		echo "$KT_FAILS check(s) failed; logs in $1"
		exit 1
	fi
	echo "all checks passed"
}
