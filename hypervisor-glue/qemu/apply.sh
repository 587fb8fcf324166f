#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# apply.sh - apply the page-states series to Debian's QEMU 7.2 source
# (1:7.2+dfsg-7+deb12u18, as `apt-get source qemu` unpacks it) and link
# this repository in as pagestates/, whence QEMU's build compiles the host
# model, its decoders and the glue here.  Idempotent: a patch already in
# the tree is skipped, the link is refreshed.
#
# usage: hypervisor-glue/qemu/apply.sh QSRC
set -eu

qsrc=${1:?usage: apply.sh QSRC (an unpacked QEMU 7.2 source tree)}
glue=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$glue/../.." && pwd -P)
if [ ! -f "$qsrc/VERSION" ] || [ ! -d "$qsrc/target/s390x" ]; then
	echo "apply.sh: $qsrc is not a QEMU tree" >&2
	exit 2
fi
case $(cat "$qsrc/VERSION") in
7.2.*) ;;
*) echo "apply.sh: $qsrc is QEMU $(cat "$qsrc/VERSION"), not 7.2" >&2
   exit 2 ;;
esac

# The +dfsg tarball has no EDK2 images: skip the block that unpacks them.
sed -i 's/^if unpack_edk2_blobs$/if false # no EDK2 images in +dfsg/' \
	"$qsrc/pc-bios/meson.build"

while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	f=$glue/patches/$p
	if patch -d "$qsrc" -p1 -R -s -f --dry-run <"$f" >/dev/null 2>&1; then
		echo "apply.sh: $p already applied"
	elif patch -d "$qsrc" -p1 -s -f --dry-run <"$f" >/dev/null 2>&1; then
		patch -d "$qsrc" -p1 -s -f <"$f"
		echo "apply.sh: $p applied"
	else
		echo "apply.sh: $p does not apply to $qsrc" >&2
		exit 1
	fi
done <"$glue/patches/series"

# The host model is built from this checkout, not copied: see README.md.
link=$qsrc/pagestates
if [ -e "$link" ] && [ ! -L "$link" ]; then
	echo "apply.sh: $link exists and is not a symlink" >&2
	exit 1
fi
ln -sfn "$repo" "$link"
echo "apply.sh: $link -> $repo"
