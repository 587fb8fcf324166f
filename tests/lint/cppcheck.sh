#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# cppcheck.sh - cppcheck on the guest core, the ports, the wire ABI and the
# host side: every .c file and wire/ header in every #if configuration
# cppcheck finds, every port header as that port defines itself.  Any
# finding fails.  A false positive is silenced at its line with
#	/* cppcheck-suppress <id> ; why */
# and a rule the house style overrules is in cppcheck.supp with its reason.
set -u
LINT_PROG=lint-cppcheck
# shellcheck source=lint-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lint-lib.sh"
lint_init "$@"
lint_need cppcheck

dirs=("${LINT_GUEST_DIRS[@]}" "${LINT_HOST_DIRS[@]}")
mapfile -t files < <(lint_find "${dirs[@]}" -- -name '*.c')
mapfile -t wire < <(lint_find wire -- -name '*.h')
files+=("${wire[@]}")
# Each port header as the port defines itself.  Explored as a free #if
# configuration, a port-contract macro it does not define (lps_port_*)
# would stand for 1 in the generic layer's fallbacks; ports/generic/ is
# read through every port, not alone.
mapfile -t ports < <(lint_find ports -- -name '*.h' ! -path 'ports/generic/*')
[ ${#files[@]} -gt 0 ] || lint_die "found no sources under ${dirs[*]}"

# Each area's own directory and its public include/ directory.
incs=()
while IFS= read -r d; do
	incs+=(-I "$d")
	[ -d "$d/include" ] && incs+=(-I "$d/include")
done < <(lint_dirs "${dirs[@]}")

cc=(cppcheck --quiet --language=c --std=c11
    "--enable=warning,style,performance,portability" --inline-suppr
    --suppressions-list="$LINT_HERE/cppcheck.supp"
    --template='{file}:{line}: {severity}: {message} [{id}]' "${incs[@]}")
# Sources in every configuration; ports in the one the tests build.
if ! out=$("${cc[@]}" --force "${files[@]}" 2>&1) ||
   ! out+=$'\n'$("${cc[@]}" -DLPS_DEBUGLEVEL=1 "${ports[@]}" 2>&1); then
	printf '%s\n' "$out"
	lint_die "cppcheck failed to run"
fi
out=$(printf '%s\n' "$out" | grep -v '^$')
[ -z "$out" ] || printf '%s\n' "$out"
n=$(printf '%s' "$out" | grep -c '^[^ ].*: [a-z]*: .* \[[A-Za-z0-9_]*\]$')
lint_say "$((${#files[@]} + ${#ports[@]})) files, $n findings"
[ "$n" -eq 0 ]
