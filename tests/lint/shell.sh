#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# shell.sh - shellcheck on every shell script of the project (found by
# name and #! line, see lint_is_shell), following what they source.  Any
# finding, style notes included, fails; a false positive is silenced at
# its line with "# shellcheck disable=SCnnnn # why".
set -u
LINT_PROG=lint-shellcheck
# shellcheck source=lint-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lint-lib.sh"
lint_init "$@"
lint_need shellcheck

scripts=()
while IFS= read -r f; do
	[ -f "$f" ] && lint_is_shell "$f" && scripts+=("$f")
done < <(lint_all_files)
[ ${#scripts[@]} -gt 0 ] || lint_die "found no shell scripts under $LINT_TOP"

shellcheck --format=gcc --external-sources --source-path=SCRIPTDIR \
	"${scripts[@]}"
rc=$?
lint_say "${#scripts[@]} scripts, shellcheck exit status $rc"
[ $rc -eq 0 ]
