# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# shellcheck shell=bash
#
# kt-lib.sh - what scripts/lps-kernel-test and lps-kernel-bench share:
# packages, the cached kernel source and build per variant, the initramfs,
# the disk images and the QEMU command line per arch.  Sourced, not run.
#
# Kernel trees live in a cache outside the checkout, $KT_CACHE (default
# ~/.cache/libpagestates/kernel, or LPS_KERNEL_BUILD), so a fresh clone on
# the same machine (as CI makes for every run) reuses them.  Every name
# there is keyed by content, never by the checkout:
#   src-plain, src-ps-<hash>   extracted linux-source-6.1; the second with
#                              kernel-glue/apply.sh run, keyed on a hash
#                              of apply.sh and patches/; its mm/pagestates
#                              link is pointed at the running checkout
#                              before each build, and Kbuild rebuilds the
#                              glue when that path changes (-I flags)
#   obj-<arch>-<variant>-<cfg> O= build tree, keyed also on a hash of the
#                              config fragments
# The three newest ps variants are kept (LRU), so checkouts at different
# revisions do not evict each other on every run.
# Per checkout, under $KT_BUILD (<repo>/build-kernel, git-ignored):
#   guest-<arch>/              the static /init and initramfs.cpio
#   disk/                      data files, their MANIFEST, disk.img
#   hostd/                     CMake tree for pagestates-hostd
#   run-*/, bench-*            logs of the boots

KT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KT_DIR=$KT_ROOT/tests/kernel
KT_BUILD=$KT_ROOT/build-kernel
KT_CACHE=${LPS_KERNEL_BUILD:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/libpagestates/kernel}
KT_KEEP_VARIANTS=3
KT_TARBALL=${LPS_KERNEL_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
KT_JOBS=${LPS_JOBS:-2}
KT_BUILD_TIMEOUT=${LPS_KERNEL_BUILD_TIMEOUT:-720}
KT_BOOT_TIMEOUT=${LPS_KERNEL_BOOT_TIMEOUT:-240}
KT_MEM_MIB=${LPS_KERNEL_MEM_MIB:-256}
# vCPUs per guest; 1 reproduces the one-CPU x86_64 guests the legs had
# before CONFIG_ACPI (the live leg's lost page was seen on one).
KT_CPUS=${LPS_KERNEL_CPUS:-2}
# Who answers the guest's hints: "agent" (pagestates-hostd on the shared
# table, stock QEMU) or "qemu" (QEMU with hypervisor-glue/qemu, the
# architecture's own port, reclaim through QMP).
KT_HOST=${KT_HOST:-agent}

kt_say() { printf '==> %s\n' "$*" >&2; }
kt_die() { printf '%s: %s\n' "${KT_PROG:-kt}" "$*" >&2; exit 2; }

kt_packages=(qemu-system-x86 qemu-system-arm qemu-system-misc
	     linux-source-6.1 busybox-static e2fsprogs cpio bc bison flex
	     libelf-dev libssl-dev gcc-aarch64-linux-gnu gcc-s390x-linux-gnu
	     libc6-dev-arm64-cross libc6-dev-s390x-cross qemu-user-static
	     make gcc libc6-dev cmake util-linux xz-utils perl)

# shellcheck source=kt-qemu-policy.sh
. "$KT_ROOT/tests/kernel/kt-qemu-policy.sh"

# Install whatever of kt_packages is missing (root, or through sudo).
# shellcheck source=../../scripts/lib-packages.sh
. "$KT_ROOT/scripts/lib-packages.sh"
kt_ensure_packages() {
	lps_ensure_packages "${kt_packages[@]}"
}

# One run at a time per cache directory: two would extract into and build
# in the same trees (and 2 cores do not fit two kernel builds anyway).
kt_lock() {
	mkdir -p "$KT_BUILD" "$KT_CACHE"
	[ -f "$KT_BUILD/.gitignore" ] || echo '*' >"$KT_BUILD/.gitignore"
	exec {KT_LOCK_FD}>"$KT_CACHE/.lock"
	flock -w "${LPS_KERNEL_LOCK_TIMEOUT:-1800}" "$KT_LOCK_FD" ||
		kt_die "$KT_CACHE is busy with another run"
}

# The cache is only written while a kernel is built; once kt_kernel has
# copied what a boot needs into this clone, other clones may build.
kt_unlock() {
	[ -n "${KT_LOCK_FD:-}" ] || return 0
	exec {KT_LOCK_FD}>&-
	KT_LOCK_FD=""
}

# Per-arch names: kernel ARCH, cross prefix, image, console, QEMU pieces.
kt_arch_setup() {
	case $1 in
	x86_64)
		KT_KARCH=x86_64 KT_CROSS="" KT_CC=gcc
		KT_IMAGE=arch/x86/boot/bzImage KT_TARGET=bzImage
		KT_CONSOLE=ttyS0 KT_QEMU=qemu-system-x86_64
		KT_MACHINE=pc KT_CPU="" KT_BLK=virtio-blk-pci KT_RAM_GPA=0 ;;
	aarch64)
		KT_KARCH=arm64 KT_CROSS=aarch64-linux-gnu-
		KT_CC=aarch64-linux-gnu-gcc
		KT_IMAGE=arch/arm64/boot/Image KT_TARGET=Image
		KT_CONSOLE=ttyAMA0 KT_QEMU=qemu-system-aarch64
		KT_MACHINE=virt KT_CPU=cortex-a57 KT_BLK=virtio-blk-pci
		KT_RAM_GPA=0x40000000 ;;
	s390x)
		KT_KARCH=s390 KT_CROSS=s390x-linux-gnu-
		KT_CC=s390x-linux-gnu-gcc
		KT_IMAGE=arch/s390/boot/bzImage KT_TARGET=bzImage
		KT_CONSOLE=ttysclp0 KT_QEMU=qemu-system-s390x
		KT_MACHINE=s390-ccw-virtio KT_CPU="" KT_BLK=virtio-blk-ccw
		KT_RAM_GPA=0 ;;
	*)
		kt_die "unknown arch '$1' (x86_64, aarch64, s390x, all)" ;;
	esac
	KT_ARCH=$1
}

# The patched QEMU for --host qemu: the build directory LPS_QEMU_DIR, else
# the one scripts/lps-qemu builds (or finds in its cache); sets KT_QEMU.
# Every arch has its port in QEMU (x86 and arm64: -cpu ...,pagestates=on,
# with huge pages for the 2 MiB workload, guest/kt_blocks.c).
kt_host_setup() {
	local dir

	[ "$KT_HOST" = agent ] && return 0
	[ "$KT_HOST" = qemu ] || kt_die "unknown host '$KT_HOST' (agent, qemu)"
	case $KT_ARCH in
	s390x) ;;
	x86_64)
		KT_CPU=${LPS_QEMU_X86_CPU:-qemu64,pagestates=on}
		KT_EXTRA_CONFIGS="${KT_EXTRA_CONFIGS:-} thp" ;;
	aarch64)
		KT_CPU=${LPS_QEMU_ARM_CPU:-cortex-a57,pagestates=on}
		KT_EXTRA_CONFIGS="${KT_EXTRA_CONFIGS:-} thp" ;;
	*) kt_die "--host qemu: $KT_ARCH is not served by the patched QEMU yet" ;;
	esac
	dir=${LPS_QEMU_DIR:-}
	[ -n "$dir" ] || dir=$("$KT_ROOT/scripts/lps-qemu") ||
		kt_die "building the patched QEMU failed"
	KT_QEMU=$dir/$KT_QEMU
	[ -x "$KT_QEMU" ] || kt_die "no $KT_QEMU"
}

# Hash of a list of files' names and contents (12 hex digits).
kt_hash_files() {
	local f

	for f in "$@"; do
		printf '%s\n' "${f#"$KT_ROOT"/}"
		cat "$f"
	done | sha256sum | cut -c1-12
}

# "plain" without the glue or with --no-page-states, else ps-<hash>.  The
# hash covers what changes the extracted tree (apply.sh and patches/); the
# glue's C files are built through the mm/pagestates symlink into this
# checkout, so make sees their edits without a new tree.
kt_variant() {
	local want_ps=$1 files

	if [ "$want_ps" = 1 ] && [ -x "$KT_ROOT/kernel-glue/apply.sh" ]; then
		# What git would see (editor and build droppings are ignored).
		if git -C "$KT_ROOT" rev-parse --git-dir >/dev/null 2>&1; then
			mapfile -t files < <(git -C "$KT_ROOT" ls-files -co \
				--exclude-standard kernel-glue/apply.sh \
				kernel-glue/patches | sort | sed "s|^|$KT_ROOT/|")
		else
			mapfile -t files < <(find "$KT_ROOT/kernel-glue/apply.sh" \
				"$KT_ROOT/kernel-glue/patches" -type f | sort)
		fi
		echo "ps-$(kt_hash_files "${files[@]}")"
	else
		echo plain
	fi
}

# Extract (and for ps-* patch) the source once per variant.
kt_extract() {
	local v=$1 src=$KT_CACHE/src-$1 tmp

	if [ -f "$src/.lps-extracted" ]; then
		kt_link_glue "$src" "$v"
		return 0
	fi
	mkdir -p "$KT_CACHE"
	[ -f "$KT_TARBALL" ] || kt_die "$KT_TARBALL missing (linux-source-6.1)"
	tmp=$src.tmp.$$
	rm -rf "$tmp"
	mkdir -p "$tmp"
	kt_say "extracting $(basename "$KT_TARBALL") into src-$v"
	tar -xJf "$KT_TARBALL" -C "$tmp" --strip-components=1 ||
		kt_die "extracting $KT_TARBALL failed"
	if [ "$v" != plain ]; then
		kt_say "applying kernel-glue to src-$v"
		"$KT_ROOT/kernel-glue/apply.sh" "$tmp" >"$tmp.apply.log" 2>&1 || {
			tail -n 30 "$tmp.apply.log" >&2
			rm -rf "$tmp"
			kt_die "kernel-glue/apply.sh failed"
		}
		rm -f "$tmp.apply.log"
	fi
	touch "$tmp/.lps-extracted"
	rm -rf "$src"
	mv "$tmp" "$src"
	kt_link_glue "$src" "$v"
	kt_evict_variants
}

# Point the patched tree's mm/pagestates at this checkout's glue (the
# cache may have been filled from another clone) and mark it used.
kt_link_glue() {
	[ "$2" = plain ] && return 0
	ln -sfn "$KT_ROOT/kernel-glue" "$1/mm/pagestates"
	touch "$1/.lps-extracted"
}

# Older patch sets and their objects only take disk space: keep the
# KT_KEEP_VARIANTS most recently used.
kt_evict_variants() {
	local old

	while read -r old; do
		[ -n "$old" ] || continue
		kt_say "evicting $old from $KT_CACHE"
		rm -rf "${KT_CACHE:?}/src-$old"
		find "$KT_CACHE" -maxdepth 1 -name "obj-*-$old-*" -exec rm -rf {} +
	done < <(find "$KT_CACHE" -maxdepth 2 -path '*/src-ps-*/.lps-extracted' \
			-printf '%T@ %h\n' | sort -rn |
		 tail -n +$((KT_KEEP_VARIANTS + 1)) | sed 's|.*/src-||')
}

kt_make() {
	make -C "$KT_SRC" O="$KT_OBJ" ARCH="$KT_KARCH" \
		CROSS_COMPILE="$KT_CROSS" "$@"
}

# Fragments for this arch and variant, in merge order.
kt_fragments() {
	local c=$KT_DIR/configs

	printf '%s\n' "$c/common.config" "$c/$KT_ARCH.config"
	[ "$1" = plain ] || echo "$c/page-states.config"
	# Legs that need more of the kernel (a debug build, a balloon device)
	# name extra fragments; their hash gives them their own object tree.
	for f in ${KT_EXTRA_CONFIGS:-}; do
		echo "$c/$f.config"
	done
	return 0
}

# tinyconfig + fragments; every option the fragments ask for must stick.
kt_configure() {
	local v=$1 key=$2 frags want

	mapfile -t frags < <(kt_fragments "$v")
	[ -f "$KT_OBJ/.config" ] &&
		[ "$(cat "$KT_OBJ/.lps-config-hash" 2>/dev/null)" = "$key" ] &&
		return 0
	mkdir -p "$KT_OBJ"
	kt_say "configuring $KT_ARCH ($v): tinyconfig + ${frags[*]##*/}"
	{
		kt_make tinyconfig &&
		"$KT_SRC/scripts/kconfig/merge_config.sh" -m -O "$KT_OBJ" \
			"$KT_OBJ/.config" "${frags[@]}" &&
		kt_make olddefconfig
	} >"$KT_OBJ/lps-config.log" 2>&1 || {
		tail -n 30 "$KT_OBJ/lps-config.log" >&2
		kt_die "kernel configuration failed"
	}
	while read -r want; do
		grep -qx "$want" "$KT_OBJ/.config" ||
			kt_die "$KT_ARCH ($v): $want did not stick (missing dependency?)"
	done < <(grep -h '^CONFIG_' "${frags[@]}")
	echo "$key" >"$KT_OBJ/.lps-config-hash"
}

# Source, config and image for arch $KT_ARCH, variant $1; sets KT_KERNEL.
kt_kernel() {
	local v=$1 key frags

	KT_SRC=$KT_CACHE/src-$v
	mapfile -t frags < <(kt_fragments "$v")
	key=$(kt_hash_files "${frags[@]}")
	KT_OBJ=$KT_CACHE/obj-$KT_ARCH-$v-$key
	kt_extract "$v"
	kt_configure "$v" "$key"
	kt_say "building $KT_ARCH ($v) kernel, -j$KT_JOBS"
	timeout "$KT_BUILD_TIMEOUT" nice make -C "$KT_SRC" O="$KT_OBJ" \
		ARCH="$KT_KARCH" CROSS_COMPILE="$KT_CROSS" -j"$KT_JOBS" \
		"$KT_TARGET" >"$KT_OBJ/lps-build.log" 2>&1 || {
		tail -n 40 "$KT_OBJ/lps-build.log" >&2
		kt_die "$KT_ARCH ($v) kernel build failed or timed out" \
			"(log: $KT_OBJ/lps-build.log)"
	}
	[ -f "$KT_OBJ/$KT_IMAGE" ] || kt_die "no kernel image at $KT_OBJ/$KT_IMAGE"
	# A private copy of what a boot reads, so the cache lock can be
	# dropped before the (long) boot while another clone rebuilds KT_OBJ.
	local own=$KT_BUILD/kernel-$KT_ARCH-$v-$key
	mkdir -p "$own"
	cp "$KT_OBJ/$KT_IMAGE" "$own/image.tmp" && mv "$own/image.tmp" "$own/image"
	cp "$KT_OBJ/.config" "$own/config"
	cp "$KT_OBJ/usr/gen_init_cpio" "$own/gen_init_cpio" 2>/dev/null || true
	KT_KERNEL=$own/image
}

# The .config of the kernel in KT_KERNEL.
kt_kconfig() {
	echo "${KT_KERNEL%/*}/config"
}

# Static /init for the arch and the initramfs around it; sets KT_INITRD.
kt_initramfs() {
	local g=$KT_BUILD/guest-$KT_ARCH src=$KT_DIR/guest gen

	mkdir -p "$g"
	$KT_CC -static -O2 -Wall -Wextra -Werror -o "$g/init" \
		"$src"/kt_init.c "$src"/kt_work.c "$src"/kt_counters.c \
		"$src"/kt_bench.c "$src"/kt_points.c "$src"/kt_return.c \
		"$src"/kt_live.c "$src"/kt_compare.c "$src"/kt_debug.c \
		"$src"/kt_blocks.c "$src"/kt_cpu.c "$src"/kt_mapped.c ||
		kt_die "building the guest /init failed"
	gen=${KT_KERNEL%/*}/gen_init_cpio
	[ -x "$gen" ] || kt_die "$gen missing (CONFIG_BLK_DEV_INITRD off?)"
	cat >"$g/list" <<-EOF
	dir /dev 0755 0 0
	nod /dev/console 0600 0 0 c 5 1
	dir /proc 0755 0 0
	dir /sys 0755 0 0
	dir /mnt 0755 0 0
	file /init $g/init 0755 0 0
	EOF
	"$gen" "$g/list" >"$g/initramfs.cpio" ||
		kt_die "gen_init_cpio failed"
	KT_INITRD=$g/initramfs.cpio
}

# Pristine ext2 image with the data files; rebuilt when the generator
# changes.  Sets KT_DISK.
kt_disk() {
	local d=$KT_BUILD/disk key

	key=$(kt_hash_files "$KT_DIR/guest/kt_gen.c" \
	      "$KT_DIR/guest/kt_pattern.h")
	KT_DISK=$d/disk.img
	[ -f "$KT_DISK" ] && [ "$(cat "$d/key" 2>/dev/null)" = "$key" ] &&
		return 0
	rm -rf "$d"
	mkdir -p "$d/files"
	if ! gcc -O2 -Wall -Wextra -Werror -o "$d/kt_gen" \
		"$KT_DIR/guest/kt_gen.c" || ! "$d/kt_gen" "$d/files"; then
		kt_die "generating the data files failed"
	fi
	mke2fs -q -F -t ext2 -b 4096 -m 0 -d "$d/files" "$KT_DISK" 80M \
		>/dev/null ||
		kt_die "mke2fs -d failed"
	echo "$key" >"$d/key"
}

# The agent, built from this tree unless LPS_HOSTD names one.  Sets
# KT_HOSTD, empty when it cannot be built (the run then reports it).
kt_hostd() {
	local b=$KT_BUILD/hostd

	KT_HOSTD=${LPS_HOSTD:-}
	[ -n "$KT_HOSTD" ] && return 0
	[ -f "$KT_ROOT/tools/hostd/CMakeLists.txt" ] || return 0
	if cmake -S "$KT_ROOT" -B "$b" -DLPS_BUILD_TESTS=OFF \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo >"$KT_BUILD/hostd.log" 2>&1 &&
	   cmake --build "$b" -j"$KT_JOBS" --target pagestates-hostd \
		>>"$KT_BUILD/hostd.log" 2>&1; then
		KT_HOSTD=$b/tools/hostd/pagestates-hostd
	else
		kt_say "pagestates-hostd did not build (see $KT_BUILD/hostd.log)"
	fi
}

# Where the host puts the shared table (kernel-glue/README.md,
# pagestates_table=SIZE@ADDR): one header page and a word per 4 KiB frame
# of RAM, a quarter of RAM below its end, 2 MiB aligned.  Early boot
# allocates top-down from the end of RAM (memmap, page tables, KASAN's
# shadow of 1/8 of RAM) and every arch's firmware, kernel and initrd sit
# elsewhere, so the range is free when the kernel reserves it.  Sets
# KT_TABLE_GPA and KT_TABLE_ARG; both empty with LPS_KERNEL_TABLE=scan
# (the kernel then takes any memory and the agent scans for the table).
kt_table_place() {
	local mem=$((KT_MEM_MIB << 20)) words bytes

	KT_TABLE_GPA="" KT_TABLE_ARG=""
	[ "${LPS_KERNEL_TABLE:-host}" = scan ] && return 0
	words=$((mem / 4096))
	bytes=$((4096 + (words * 4 + 4095) / 4096 * 4096))
	KT_TABLE_GPA=$(printf '%#x' $(((KT_RAM_GPA + mem * 3 / 4) & ~0x1fffff)))
	KT_TABLE_ARG=" pagestates_table=$(printf '%#x' $bytes)@$KT_TABLE_GPA"
}

# QEMU argv for a run in directory $1 with RAM file $2, into KT_QEMU_ARGS.
kt_qemu_args() {
	local run=$1 ram=$2 mode=$3 ps=""

	# Hint through the shared table in guest RAM: that is what the agent
	# reads (kernel-glue/README.md, boot parameter pagestates=).  The
	# bench picks its legs with KT_PS_PARAM (off, noop, shmem).
	grep -qx 'CONFIG_PAGE_STATES=y' "$(kt_kconfig)" &&
		ps=" pagestates=${KT_PS_PARAM:-shmem}"
	# With the patched QEMU the default is the architecture's own port.
	[ "$KT_HOST" = qemu ] && [ -n "$ps" ] && [ -z "${KT_PS_PARAM:-}" ] &&
		ps=" pagestates=on"
	# The shared table goes where the host says; the agent is told too.
	kt_table_place
	[ "$ps" = " pagestates=shmem" ] && ps+=$KT_TABLE_ARG
	[ "$ps" = " pagestates=shmem$KT_TABLE_ARG" ] || KT_TABLE_GPA=""

	KT_QEMU_ARGS=(-accel "tcg,thread=multi" -smp "$KT_CPUS" -m "${KT_MEM_MIB}M"
		-object "memory-backend-file,id=m0,size=${KT_MEM_MIB}M,mem-path=$ram,share=on"
		-machine "$KT_MACHINE,memory-backend=m0"
		-kernel "$KT_KERNEL" -initrd "$KT_INITRD"
		-append "console=$KT_CONSOLE panic=-1 lpsmode=$mode$ps${KT_APPEND:-}"
		-drive "file=$run/disk.img,if=none,id=d0,format=raw"
		-device "$KT_BLK,drive=d0"
		-drive "file=$run/swap.img,if=none,id=d1,format=raw"
		-device "$KT_BLK,drive=d1"
		-nodefaults -display none -no-reboot
		-serial "pipe:$run/serial")
	[ -z "$KT_CPU" ] || KT_QEMU_ARGS+=(-cpu "$KT_CPU")
	# Firmware (s390-ccw.img; SeaBIOS for x86) from Debian's QEMU and
	# seabios packages: the +dfsg source has none.
	[ "$KT_HOST" = qemu ] &&
		KT_QEMU_ARGS+=(-L /usr/share/qemu -L /usr/share/seabios
			       -qmp "unix:$run/qmp.sock,server=on,wait=off")
	return 0
}

# Numeric member $2 of JSON text $1 (our own flat output only); default $3.
kt_json_num() {
	local v

	v=$(grep -o "\"$2\":-\?[0-9.]*" <<<"$1" | head -n1 | cut -d: -f2)
	echo "${v:-${3:-0}}"
}

# Kernel reports in a console log $1 that fail a leg however the checks
# came out: BUG/WARNING/Oops, lockdep, sleep-in-atomic, KASAN and UBSAN.
# One count per line, so "BUG: KASAN: ..." counts once.  Without
# DEBUG_BUGVERBOSE (tinyconfig) a BUG() or VM_BUG_ON() prints no "kernel
# BUG at" line, only "invalid opcode" (x86) and the trace, hence those.
kt_oops_patterns=('BUG:' 'kernel BUG at' 'WARNING:' 'Oops' 'UBSAN:'
	'invalid opcode:' 'general protection fault' 'page dumped because:'
	'Call Trace:' 'Call trace:' 'Kernel panic'
	'possible circular locking' 'possible recursive locking'
	'inconsistent lock state' 'sleeping function called from invalid context')
kt_oops_lines() {
	local args=() p

	for p in "${kt_oops_patterns[@]}"; do
		args+=(-e "$p")
	done
	grep -F "${args[@]}" "$1" || true
}
kt_oops_count() {
	kt_oops_lines "$1" | wc -l
}

# Kill what kt_boot started if the script is interrupted.
kt_cleanup() {
	[ -n "${KT_QPID:-}" ] && kill "$KT_QPID" 2>/dev/null
	[ -n "${KT_CPID:-}" ] && kill "$KT_CPID" 2>/dev/null
	[ -n "${KT_HOOK_PID:-}" ] && kill -KILL "$KT_HOOK_PID" 2>/dev/null
	[ -n "${KT_RAM:-}" ] && rm -f "$KT_RAM"
	return 0
}

# How the agent finds the table: at the address the host gave the guest,
# or (LPS_KERNEL_TABLE=scan) by scanning for it.  Into KT_HOSTD_WHERE.
kt_hostd_where() {
	if [ -n "${KT_TABLE_GPA:-}" ]; then
		KT_HOSTD_WHERE=(--table "$KT_TABLE_GPA")
	else
		KT_HOSTD_WHERE=(--scan)
	fi
}

# The agent's one-shot reclaim, or only the RAM file's block count when
# there is no agent.  JSON into $1/hostd.json, exit status in KT_HOSTD_RC,
# and in KT_RECLAIM_SECONDS the time from the request to the agent's exit,
# by which it has seen the RAM file's blocks go.
kt_reclaim() {
	local run=$1 blocks t0

	KT_HOSTD_RC=0
	KT_RECLAIM_SECONDS=0
	if [ "$KT_HOST" = qemu ]; then
		kt_reclaim_qmp "$run"
	elif [ -n "$KT_HOSTD" ]; then
		t0=$(date +%s.%N)
		kt_hostd_where
		timeout 60 "$KT_HOSTD" "${KT_HOSTD_WHERE[@]}" --once --json \
			--ram-gpa "$KT_RAM_GPA" "$KT_RAM" \
			>"$run/hostd.json" 2>"$run/hostd.log" ||
			KT_HOSTD_RC=$?
		# shellcheck disable=SC2034 # read by the sourcing script
		KT_RECLAIM_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" \
			'BEGIN { printf "%.3f", b - a }')
	else
		blocks=$(stat -c %b "$KT_RAM")
		echo "{\"agent\":false,\"blocks_before\":$blocks,\"blocks_after\":$blocks}" \
			>"$run/hostd.json"
	fi
}

# The patched QEMU's reclaim: drop everything the guest allows, through
# QMP, and report it in the agent's JSON shape plus QEMU's counters
# (query-pagestates, prefixed qemu_).
kt_reclaim_qmp() {
	local run=$1 qmp=$KT_DIR/kt-qmp.py before after t0 rec info

	if [ -n "${LPS_QEMU_POLICY_MS:-}" ]; then
		kt_reclaim_qemu_policy "$run"
		return
	fi
	before=$(stat -c %b "$KT_RAM")
	t0=$(date +%s.%N)
	rec=$(python3 "$qmp" "$run/qmp.sock" pagestates-reclaim '{"target":0}' \
		2>>"$run/hostd.log") || KT_HOSTD_RC=1
	after=$(stat -c %b "$KT_RAM")
	# shellcheck disable=SC2034 # read by the sourcing script
	KT_RECLAIM_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" \
		'BEGIN { printf "%.3f", b - a }')
	info=$(python3 "$qmp" "$run/qmp.sock" query-pagestates \
		2>>"$run/hostd.log") || KT_HOSTD_RC=1
	printf '{"agent":false,"page_size":4096,"blocks_before":%s,' "$before" \
		>"$run/hostd.json"
	printf '"blocks_after":%s,"freed_bytes":%s,"reclaim":%s,"qemu":%s}\n' \
		"$after" "$(kt_json_num "${rec:-}" freed)" "${rec:-null}" \
		"${info:-null}" >>"$run/hostd.json"
}

# Boot $KT_KERNEL with /init in mode $2, logs in directory $1.  Answers
# the guest's reclaim request through the agent; ends within
# KT_BOOT_TIMEOUT; the console is polled every KT_POLL_SECONDS (0.5).
# Sets KT_TIMED_OUT and KT_BOOT_SECONDS.  A leg with its own host side
# names a function in KT_BOOT_HOOK, called with the run directory and
# "poll" on every poll, then "end" before QEMU is stopped; KT_APPEND adds
# to the kernel command line, and a process the hook starts goes in
# KT_HOOK_PID so an interrupted run kills it.
kt_boot() {
	local run=$1 mode=$2 kin deadline asked=0 t0=$SECONDS

	# shellcheck disable=SC2034 # read by the sourcing script
	KT_HOSTD_RC=0
	rm -rf "$run"
	mkdir -p "$run"
	cp --sparse=always "$KT_DISK" "$run/disk.img"
	# Fully allocated, so mkswap and swapon find no holes.
	head -c 64M /dev/zero >"$run/swap.img"
	chmod 600 "$run/swap.img"
	mkswap "$run/swap.img" >/dev/null 2>&1 || kt_die "mkswap failed"
	mkfifo "$run/serial.in" "$run/serial.out"
	: >"$run/console.log"
	KT_RAM=/dev/shm/lps-$KT_ARCH-$$
	rm -f "$KT_RAM"
	trap kt_cleanup EXIT
	kt_qemu_args "$run" "$KT_RAM" "$mode"
	printf '%q ' "$KT_QEMU" "${KT_QEMU_ARGS[@]}" >"$run/qemu.cmd"
	"$KT_QEMU" "${KT_QEMU_ARGS[@]}" >"$run/qemu.log" 2>&1 &
	KT_QPID=$!
	# Read-write opens of the FIFOs never block, whoever comes first.
	exec {kin}<>"$run/serial.in"
	cat <>"$run/serial.out" >"$run/console.log" &
	KT_CPID=$!
	deadline=$((SECONDS + KT_BOOT_TIMEOUT))
	KT_TIMED_OUT=0
	while kill -0 "$KT_QPID" 2>/dev/null; do
		if [ $asked = 0 ] &&
		   grep -q 'LPS-RECLAIM-REQUEST' "$run/console.log"; then
			kt_reclaim "$run"
			echo go >&"$kin"
			asked=1
		fi
		[ -z "${KT_BOOT_HOOK:-}" ] || "$KT_BOOT_HOOK" "$run" poll
		grep -q 'LPS-DONE' "$run/console.log" && sleep 2 && break
		if [ $SECONDS -ge $deadline ]; then
			# shellcheck disable=SC2034 # read by the sourcing script
			KT_TIMED_OUT=1
			break
		fi
		sleep "${KT_POLL_SECONDS:-0.5}"
	done
	[ -z "${KT_BOOT_HOOK:-}" ] || "$KT_BOOT_HOOK" "$run" end
	kill "$KT_QPID" 2>/dev/null || true
	wait "$KT_QPID" 2>/dev/null || true
	sleep 0.2
	kill "$KT_CPID" 2>/dev/null || true
	wait "$KT_CPID" 2>/dev/null || true
	exec {kin}>&-
	rm -f "$KT_RAM"
	KT_QPID="" KT_CPID=""
	tr -d '\r' <"$run/console.log" >"$run/console.txt"
	# shellcheck disable=SC2034 # read by the sourcing script
	KT_BOOT_SECONDS=$((SECONDS - t0))
}
