#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-table-refusals.sh - boots the patched kernel once per kind of bad
# pagestates_table= range (kernel-glue/lps_ktable.c) and checks that it
# names the refusal and falls back to the noop port, and once with the
# range the kernel legs use, which it must take; then with pagestates=on,
# which must take the host-placed table when no native port answers and
# noop without one.  KUnit checks the same refusals against a made-up
# memory map; this checks them against the real one of each machine.
# Each boot ends as soon as the kernel has chosen its port.
#
# usage: kt-table-refusals.sh ARCH
set -euo pipefail
KT_PROG=kt-table-refusals
# shellcheck source=kt-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/kt-lib.sh"

kt_arch_setup "${1:?usage: kt-table-refusals.sh ARCH}"
kt_ensure_packages
kt_lock
variant=$(kt_variant 1)
[ "$variant" != plain ] || kt_die "kernel-glue/apply.sh is missing"
kt_kernel "$variant"
kt_initramfs
kt_unlock
grep -qx 'CONFIG_PAGE_STATES=y' "$(kt_kconfig)" ||
	kt_die "the kernel has no CONFIG_PAGE_STATES"

kt_table_place
good=${KT_TABLE_ARG#*=}
size=${good%@*}
# Something every machine has reserved by mm_init(): the kernel image on
# x86 (loaded at 16 MiB), the initrd QEMU puts half-way into a 256 MiB
# arm virt machine's RAM (128 MiB in at most), the lowcore at 0 on s390.
case $KT_ARCH in
x86_64) in_use=0x1000000 ;;
aarch64) in_use=$(printf '%#x' $((KT_RAM_GPA + (KT_MEM_MIB << 19))));;
s390x) in_use=0 ;;
esac
[ "$KT_MEM_MIB" -le 256 ] || [ "$KT_ARCH" != aarch64 ] ||
	in_use=$(printf '%#x' $((KT_RAM_GPA + (128 << 20))))
beyond=$(printf '%#x' $((KT_RAM_GPA + (KT_MEM_MIB << 20) + (16 << 20))))
# pagestates=VALUE|pagestates_table=RANGE (none: left out)|console
# line wanted|port wanted.  With "on", Debian's QEMU answers no native
# port's probe, so the host-placed table is what "on" must fall back to.
cases=(
	"shmem|$good|placed by the host|shmem"
	"shmem|$size@$in_use|refused: overlaps memory already in use|noop"
	"shmem|$size@$beyond|refused: not RAM the kernel maps|noop"
	"shmem|$size@$(printf '%#x' $((KT_TABLE_GPA + 0x800)))|refused: not page aligned|noop"
	"shmem|$(printf '%#x' $((size - 4096)))@$KT_TABLE_GPA|refused: too small for the table|noop"
	"shmem|$KT_TABLE_GPA|is not SIZE@ADDR|noop"
	"on|$good|placed by the host|shmem"
	"on|none|pagestates: port noop|noop"
)

log=$KT_BUILD/table-refusals-$KT_ARCH
mkdir -p "$log"
fails=0
for c in "${cases[@]}"; do
	IFS='|' read -r ps arg want want_port <<<"$c"
	append="console=$KT_CONSOLE panic=-1 pagestates=$ps"
	[ "$arg" = none ] || append+=" pagestates_table=$arg"
	out=$log/console-$ps-${arg//[@\/]/_}.txt
	rm -f "$out"
	"$KT_QEMU" -accel tcg,thread=multi -smp 2 -m "${KT_MEM_MIB}M" \
		-machine "$KT_MACHINE" ${KT_CPU:+-cpu "$KT_CPU"} \
		-kernel "$KT_KERNEL" -initrd "$KT_INITRD" -append "$append" \
		-nodefaults -display none -no-reboot -serial "file:$out" \
		>"$out.qemu" 2>&1 &
	qpid=$!
	for _ in $(seq 1 $((KT_BOOT_TIMEOUT * 2))); do
		grep -aq 'pagestates: port ' "$out" 2>/dev/null && break
		kill -0 $qpid 2>/dev/null || break
		sleep 0.5
	done
	kill $qpid 2>/dev/null || true
	wait $qpid 2>/dev/null || true
	con=$(tr -d '\r' <"$out")
	port=$(grep -ao 'pagestates: port [a-z0-9]*' <<<"$con" | head -n1 |
		awk '{ print $3 }' || true)
	ok=1
	grep -aF "$want" <<<"$con" >/dev/null || ok=0
	[ "$port" = "$want_port" ] || ok=0
	printf '%s pagestates=%s pagestates_table=%s: port %s, expected %s and "%s"\n' \
		"$([ $ok = 1 ] && echo ok || echo FAIL)" "$ps" "$arg" \
		"${port:-none}" "$want_port" "$want"
	[ $ok = 1 ] || fails=$((fails + 1))
done
[ $fails = 0 ] || { echo "$fails case(s) failed; consoles in $log"; exit 1; }
echo "all ${#cases[@]} cases passed"
