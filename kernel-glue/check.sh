#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# check.sh - run the kernel's checkpatch.pl --strict on every patch of the
# series and on the glue sources.  Fails on any error or warning; --strict's
# CHECKs are printed, and README.md lists each accepted one and why
# (checkpatch's own exit status counts CHECKs too, so it is not used).
#
# usage: kernel-glue/check.sh KSRC
set -u

ksrc=${1:?usage: check.sh KSRC (a linux-source-6.1 tree)}
glue=$(cd "$(dirname "$0")" && pwd -P)
cp="$ksrc/scripts/checkpatch.pl --strict --no-tree"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

cd "$ksrc" || exit 2
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	$cp "$glue/patches/$p" >>"$log" 2>&1
done <"$glue/patches/series"
# The glue is dual-licensed like the core, and lives outside the tree.
$cp --ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES -f "$glue"/*.[ch] >>"$log" 2>&1

grep -E '^(ERROR|WARNING|CHECK):' "$log"
totals=$(grep -E '^total: ' "$log")
[ -n "$totals" ] || { echo "check.sh: checkpatch printed no totals"; exit 2; }
bad=$(echo "$totals" | awk '{ e += $2; w += $4 } END { print e + w }')
checks=$(echo "$totals" | awk '{ c += $6 } END { print c }')
runs=$(echo "$totals" | wc -l)
if [ "$bad" -ne 0 ]; then
	echo "check.sh: $bad errors and warnings"
	exit 1
fi
echo "check.sh: $runs checkpatch runs, 0 errors, 0 warnings, $checks checks"
