# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# shellcheck shell=bash
#
# lint-lib.sh - what the lint tests share: skipping when a tool is missing,
# the file sets (globbed from directories, so new and moved files are
# covered), and checkpatch.pl and kernel-doc taken from the same
# linux-source-6.1 tarball the kernel suite builds.  Sourced, not run.

# This directory (for data files such as cppcheck.supp), found before
# lint_init changes directory.
# shellcheck disable=SC2034 # read by the sourcing script
LINT_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# CTest's SKIP_RETURN_CODE for the lint label (tests/lint/CMakeLists.txt).
LINT_SKIP=77

lint_say() { printf '%s: %s\n' "$LINT_PROG" "$*"; }
lint_skip() { lint_say "skipped: $*"; exit "$LINT_SKIP"; }
lint_die() { lint_say "$*" >&2; exit 2; }

# lint_need TOOL [PACKAGE]: skip unless TOOL is on PATH (./lps test installs
# PACKAGE; a plain ctest run on a bare machine reports the test as skipped).
lint_need() {
	command -v "$1" >/dev/null 2>&1 ||
		lint_skip "$1 not installed (Debian package ${2:-$1})"
}

# lint_init TOP: the repository to check; every path printed is relative
# to it, as the file lists below are.
lint_init() {
	cd "${1:?usage: $LINT_PROG SOURCE_DIR [CACHE_DIR]}" ||
		lint_die "no such directory: $1"
	LINT_TOP=$(pwd -P)
}

# The areas, as directories relative to the top; those that do not exist
# (yet, or any more) are left out, so a move needs no edit here.
lint_dirs() {
	local d

	for d in "$@"; do
		[ -d "$d" ] && printf '%s\n' "$d"
	done
}

# lint_find DIR... -- FIND-EXPR: the files under the existing DIRs that
# match, sorted, one a line.
lint_find() {
	local dirs=()

	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		dirs+=("$1")
		shift
	done
	shift
	mapfile -t dirs < <(lint_dirs "${dirs[@]}")
	[ ${#dirs[@]} -gt 0 ] || return 0
	find "${dirs[@]}" -type f \( "$@" \) | LC_ALL=C sort
}

# Where guest code lives (it also compiles into Linux), and where the host
# side does (it never does).  Read by the scripts that source this file.
# shellcheck disable=SC2034 # read by the sourcing script
LINT_GUEST_DIRS=(libpagestates ports wire)
# shellcheck disable=SC2034 # read by the sourcing script
LINT_HOST_DIRS=(host)

# lint_kernel_scripts CACHE_DIR: extract scripts/checkpatch.pl, its data
# files and scripts/kernel-doc from the linux-source-6.1 tarball into
# CACHE_DIR (once per tarball; a lock keeps two lint tests from
# extracting at the same time) and set LINT_KSCRIPTS to their directory.
lint_kernel_scripts() {
	local cache=${1:?lint_kernel_scripts needs a cache directory}
	local tarball=${LPS_KERNEL_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
	local stamp tmp lock

	[ -f "$tarball" ] ||
		lint_skip "$tarball missing (Debian package linux-source-6.1)"
	lint_need perl
	lint_need xz xz-utils
	lint_need flock util-linux
	stamp="$tarball $(stat -c '%s %Y' "$tarball")"
	if ! mkdir -p "$cache" || ! cache=$(cd "$cache" && pwd -P); then
		lint_die "cannot create $cache"
	fi
	# shellcheck disable=SC2034 # read by the sourcing script
	LINT_KSCRIPTS=$cache/linux/scripts
	exec {lock}>"$cache/.lock"
	flock "$lock" || lint_die "cannot lock $cache"
	if [ "$(cat "$cache/.stamp" 2>/dev/null)" != "$stamp" ]; then
		tmp=$cache/linux.tmp.$$
		rm -rf "$tmp" "$cache/linux"
		mkdir -p "$tmp"
		tar -xJf "$tarball" -C "$tmp" --strip-components=1 \
			--wildcards '*/scripts/checkpatch.pl' \
			'*/scripts/spelling.txt' \
			'*/scripts/const_structs.checkpatch' \
			'*/scripts/kernel-doc' ||
			lint_die "extracting the kernel scripts from $tarball failed"
		mv "$tmp" "$cache/linux"
		printf '%s\n' "$stamp" >"$cache/.stamp"
	fi
	exec {lock}>&-
}

# Every file of the project (what git tracks or would track; a tree
# without git is walked, leaving out .git and the build directories).
lint_all_files() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -co --exclude-standard | LC_ALL=C sort
	else
		find . \( -name .git -o -path './build*' \) -prune -o \
			-type f -print | sed 's|^\./||' | LC_ALL=C sort
	fi
}

# Shell scripts: *.sh, and files whose first line runs a shell or that
# name their shell for shellcheck (sourced libraries).
lint_is_shell() {
	case ${1##*/} in
	*.sh) return 0 ;;
	*.*) return 1 ;;
	esac
	head -n 2 "$1" 2>/dev/null |
		grep -qE '^#!.*[/ ](ba|da)?sh( |$)|^# shellcheck shell='
}
