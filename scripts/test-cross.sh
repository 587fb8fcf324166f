#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# test-cross.sh - build for ARCH (s390x, aarch64) into build-cross-ARCH/ and
# run every test under qemu-user (ctest -L cross).  Installs the cross
# compiler, libc and qemu-user-static first if they are missing.
#
# usage: scripts/test-cross.sh ARCH...
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 s390x|aarch64 ..." >&2; exit 2; }

# shellcheck source=lib-packages.sh
. "$top/scripts/lib-packages.sh"

rc=0
for arch in "$@"; do
	case $arch in
	s390x)	libc=libc6-dev-s390x-cross ;;
	aarch64|arm64) arch=aarch64; libc=libc6-dev-arm64-cross ;;
	*)	echo "test-cross: unknown arch $arch" >&2; exit 2 ;;
	esac
	lps_ensure_packages "gcc-$arch-linux-gnu" "$libc" qemu-user-static
	dir=$top/build-cross-$arch
	cmake -S "$top" -B "$dir" \
		-DCMAKE_TOOLCHAIN_FILE="$top/cmake/toolchains/$arch-linux-gnu.cmake"
	cmake --build "$dir" -j2
	if ! ctest --test-dir "$dir" -L cross --output-on-failure -j2; then
		echo "test-cross: $arch FAILED"
		rc=1
	fi
done
exit $rc
