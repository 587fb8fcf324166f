#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# run_spin.sh - check the Promela model of the shmem protocol with spin:
# the model must verify with no error, and each broken variant must fail.
# Exits 77 (CTest SKIP_RETURN_CODE) only when spin or a C compiler is
# missing; `./lps test` installs spin (Debian package spin).
#
# usage: run_spin.sh MODEL.pml WORKDIR
set -u
model=${1:?usage: run_spin.sh MODEL.pml WORKDIR}
work=${2:?usage: run_spin.sh MODEL.pml WORKDIR}
cc=${CC:-cc}

if ! command -v spin >/dev/null 2>&1; then
	echo "SKIP: spin is not installed (apt-get install spin)"
	exit 77
fi
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "SKIP: no C compiler ($cc) to build spin's verifier"
	exit 77
fi
mkdir -p "$work" && cd "$work" || exit 2

# verify NAME [spin -D flags]: prints the verdict line, sets $errors.
verify() {
	name=$1
	shift
	rm -rf "$name" && mkdir "$name" && cd "$name" || exit 2
	spin "$@" -a "$model" >spin.log 2>&1 || { cat spin.log; exit 2; }
	"$cc" -O2 -DSAFETY -DCOLLAPSE -o pan pan.c >cc.log 2>&1 || { cat cc.log; exit 2; }
	./pan -m100000 -w20 >pan.log 2>&1
	errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' pan.log)
	states=$(sed -n 's/^ *\([0-9]*\) states, stored.*/\1/p' pan.log)
	echo "$name: ${states:-?} states, ${errors:-?} errors"
	cd ..
}

verify protocol
[ "${errors:-x}" = 0 ] || { cat protocol/pan.log; echo "FAIL"; exit 1; }
for mutant in BREAK_LIVE_CLAIMS RUN_NO_RECHECK; do
	verify "mutant-$mutant" "-DMUTANT_$mutant"
	[ "${errors:-0}" != 0 ] ||
		{ echo "FAIL: the broken protocol $mutant passed"; exit 1; }
done
echo "spin: the protocol holds; both broken variants are caught"
