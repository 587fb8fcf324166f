#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# checkpatch.sh - the kernel's checkpatch.pl --strict on everything that is
# compiled into Linux: the glue, the guest core, the ports, the wire ABI,
# the test vectors KUnit replays, and the patch series.  Judged on errors,
# warnings and lines over 80 columns; the other CHECKs are printed.
#
# A finding the house keeps on purpose is marked in the source, on its line
# or the line above, with a comment naming the type and the reason:
#	/* checkpatch-ignore: COMPLEX_MACRO (X-macro list) */
#
# usage: checkpatch.sh SOURCE_DIR CACHE_DIR
set -u
LINT_PROG=lint-checkpatch
# shellcheck source=lint-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lint-lib.sh"
lint_init "$1"
lint_kernel_scripts "${2:?usage: checkpatch.sh SOURCE_DIR CACHE_DIR}"

# kernel-glue/'s own sources, not what its subdirectories hold (userspace
# stand-ins for kernel headers are no kernel code).
shopt -s nullglob
files=(kernel-glue/*.[ch])
mapfile -t -O ${#files[@]} files < <(lint_find "${LINT_GUEST_DIRS[@]}" \
	tests/vectors -- -name '*.[ch]')
mapfile -t patches < <(
	[ -f kernel-glue/patches/series ] &&
	grep -vE '^[[:space:]]*(#|$)' kernel-glue/patches/series |
	sed 's|^|kernel-glue/patches/|')
[ ${#files[@]} -gt 0 ] || lint_die "found no kernel sources"

cp=(perl "$LINT_KSCRIPTS/checkpatch.pl" --strict --no-tree --terse
    --max-line-length=80 --no-summary --color=never)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Run from the extracted scripts' tree, not from this repository: in a git
# work tree checkpatch drops a cache file and reads a patch's context lines
# as added ones.  Outside a kernel tree there is no MAINTAINERS, and the
# dual SPDX expression is this project's, not one of the kernel's.
# checkpatch exits 1 for findings; anything else means it did not run.
(
	cd "$LINT_KSCRIPTS/.." || exit 2
	"${cp[@]}" --show-types --ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES \
		-f "${files[@]/#/$LINT_TOP/}"
	[ $? -le 1 ] || exit 2
	for p in "${patches[@]}"; do
		"${cp[@]}" --show-types "$LINT_TOP/$p"
		[ $? -le 1 ] || exit 2
	done
) >"$log" 2>&1
rc=$?
sed -i "s|^$LINT_TOP/||" "$log"
[ $rc -eq 0 ] || { cat "$log"; lint_die "checkpatch.pl failed to run"; }

# A finding counts unless its line or the one above says to ignore its type.
marked() {
	local file=$1 line=$2 type=$3 from

	[ -f "$file" ] || return 1
	from=$((line > 1 ? line - 1 : 1))
	sed -n "${from},${line}p" "$file" |
		grep -qE "checkpatch-ignore: ([A-Z_]+, )*$type\\b"
}

bad=0 checks=0 kept=0
while IFS= read -r f; do
	if [[ $f =~ ^(.+):([0-9]+):\ (ERROR|WARNING|CHECK):(([A-Z0-9_]+):)?\ (.*) ]]
	then
		file=${BASH_REMATCH[1]} line=${BASH_REMATCH[2]}
		level=${BASH_REMATCH[3]} type=${BASH_REMATCH[5]:-}
		msg=${BASH_REMATCH[6]}
		if [ -n "$type" ] && marked "$file" "$line" "$type"; then
			kept=$((kept + 1))
		elif [ "$level" != CHECK ] ||
		     [[ $msg == "line length of "* ]]; then
			echo "$f"
			bad=$((bad + 1))
		else
			checks=$((checks + 1))
		fi
	elif [[ $f =~ ^(ERROR|WARNING): ]]; then
		echo "$f"	# a finding without a file position
		bad=$((bad + 1))
	fi
done <"$log"
lint_say "${#files[@]} files and ${#patches[@]} patches: $bad errors," \
	"warnings and long lines; $checks other CHECKs; $kept marked"
[ $bad -eq 0 ]
