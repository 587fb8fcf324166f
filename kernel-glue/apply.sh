#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# apply.sh - apply the page-states series to an extracted linux-source-6.1
# tree and link this directory in as mm/pagestates.  Idempotent: a patch
# already in the tree is skipped, the link is refreshed.
#
# usage: kernel-glue/apply.sh KSRC
set -eu

ksrc=${1:?usage: apply.sh KSRC (an extracted linux-source-6.1 tree)}
glue=$(cd "$(dirname "$0")" && pwd -P)
if [ ! -f "$ksrc/Makefile" ] || [ ! -d "$ksrc/mm" ]; then
	echo "apply.sh: $ksrc is not a kernel tree" >&2
	exit 2
fi

while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	f=$glue/patches/$p
	if patch -d "$ksrc" -p1 -R -s -f --dry-run <"$f" >/dev/null 2>&1; then
		echo "apply.sh: $p already applied"
	elif patch -d "$ksrc" -p1 -s -f --dry-run <"$f" >/dev/null 2>&1; then
		patch -d "$ksrc" -p1 -s -f <"$f"
		echo "apply.sh: $p applied"
	else
		echo "apply.sh: $p does not apply to $ksrc" >&2
		exit 1
	fi
done <"$glue/patches/series"

# The core is built from this checkout, not copied: see README.md.
link=$ksrc/mm/pagestates
if [ -e "$link" ] && [ ! -L "$link" ]; then
	echo "apply.sh: $link exists and is not a symlink" >&2
	exit 1
fi
ln -sfn "$glue" "$link"
echo "apply.sh: $link -> $glue"
