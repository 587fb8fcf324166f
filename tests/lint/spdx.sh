#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# spdx.sh - every source file names its licence on its first line (the
# second after a #! line), with the project's expression exactly; see
# COPYING.  Documentation, data and the kernel patches (whose new files
# carry the kernel's own line) are not source files here.
set -u
LINT_PROG=lint-spdx
# shellcheck source=lint-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lint-lib.sh"
lint_init "$@"

want='SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause'

is_source() {
	case $1 in
	*.c|*.h|*.cpp|*.py|*.pml|*.sh|*.cmake|*.cmake.in|*.pc.in) return 0 ;;
	CMakeLists.txt|*/CMakeLists.txt|*/Kbuild|*/Makefile|Makefile) return 0 ;;
	*.config|.clang-format|.editorconfig) return 0 ;;
	esac
	lint_is_shell "$1"
}

checked=0 bad=0
while IFS= read -r f; do
	[ -f "$f" ] || continue
	is_source "$f" || continue
	checked=$((checked + 1))
	if head -n 1 "$f" | grep -q '^#!'; then
		line=$(sed -n 2p "$f")
	else
		line=$(sed -n 1p "$f")
	fi
	case $line in
	*"$want"|*"$want */") ;;
	*) lint_say "$f: line 1 (2 after #!) lacks '$want'"
	   bad=$((bad + 1)) ;;
	esac
done < <(lint_all_files)

[ $checked -gt 0 ] || lint_die "found no source files under $LINT_TOP"
lint_say "$checked source files, $bad without the SPDX line"
[ $bad -eq 0 ]
