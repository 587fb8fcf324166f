#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# check.sh - run the kernel's checkpatch.pl --strict on every patch of the
# series and on the glue sources.  Exit status: checkpatch's (0 when no
# error and no warning; README.md lists any accepted warning and why).
#
# usage: kernel-glue/check.sh KSRC
set -u

ksrc=${1:?usage: check.sh KSRC (a linux-source-6.1 tree)}
glue=$(cd "$(dirname "$0")" && pwd -P)
cp="$ksrc/scripts/checkpatch.pl --strict --no-tree --quiet"
rc=0

cd "$ksrc" || exit 2
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	$cp "$glue/patches/$p" || rc=1
done <"$glue/patches/series"
# The glue is dual-licensed like the core, and lives outside the tree.
$cp --ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES -f "$glue"/*.[ch] || rc=1
[ $rc -eq 0 ] && echo "check.sh: clean"
exit $rc
