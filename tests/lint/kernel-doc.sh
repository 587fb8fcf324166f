#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kernel-doc.sh - the kernel's scripts/kernel-doc over every header and
# source file of the guest and host areas, with its extra checks on
# (-v: in 6.1 that is what -Wall became later: undescribed parameters and
# members, missing Return: sections).  Any warning fails.  Only real
# kernel-doc opens with "/**"; other comments open with "/*".
#
# usage: kernel-doc.sh SOURCE_DIR CACHE_DIR
set -u
LINT_PROG=lint-kernel-doc
# shellcheck source=lint-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lint-lib.sh"
lint_init "$1"
lint_kernel_scripts "${2:?usage: kernel-doc.sh SOURCE_DIR CACHE_DIR}"

mapfile -t files < <(lint_find "${LINT_GUEST_DIRS[@]}" \
	"${LINT_HOST_DIRS[@]}" -- -name '*.[ch]')
[ ${#files[@]} -gt 0 ] || lint_die "found no sources"
blocks=$(cat "${files[@]}" | grep -c '^[[:space:]]*/\*\*\([[:space:]]\|$\)')

out=$(perl "$LINT_KSCRIPTS/kernel-doc" -none -v "${files[@]}" 2>&1)
rc=$?
warnings=$(printf '%s\n' "$out" | grep -E ': (warning|error): ')
[ -z "$warnings" ] || printf '%s\n' "$warnings"
n=$(printf '%s' "$warnings" | grep -c .)
[ $rc -eq 0 ] || [ "$n" -gt 0 ] ||
	lint_die "kernel-doc failed to run (exit status $rc): $out"
lint_say "${#files[@]} files, $blocks kernel-doc blocks, $n warnings"
[ "$n" -eq 0 ]
