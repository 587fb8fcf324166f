#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# check_purity.sh - the layering rules a newcomer relies on, enforced:
#   1. only the two environment headers look at __KERNEL__ in the library,
#      and only the shared-table port's own one in ports/;
#   2. no architecture macro anywhere in the library, and in ports/ only in
#      the dispatcher (ports/lps_port.h);
#   3. library sources include system headers only through the environment
#      headers;
#   4. the guest side (libpagestates/, ports/) never includes the host side
#      (host/, <pagestates/host/...>): a guest kernel sees no host model;
#      the host side never includes a port: both meet in wire/;
#   5. wire/ is pure data and encode/decode: no instruction, no inline
#      assembly, no __KERNEL__ test.
# "The library" is the guest core and the host library (host/).
set -u
top=${1:?usage: check_purity.sh SOURCE_DIR}
cd "$top" || exit 2
bad=0
report() { echo "purity: $*"; bad=$((bad + 1)); }

env_headers='libpagestates/lps_deps.h|libpagestates/include/pagestates/lps_types.h'
port_env='ports/shmem/lps_shmem_env.h'
while IFS= read -r f; do
	[[ $f =~ ^($env_headers|$port_env)$ ]] || report "$f tests __KERNEL__"
done < <(grep -rl '__KERNEL__' libpagestates host ports --include='*.[ch]')

arch='__(s390x|s390|x86_64|i386|aarch64|arm|powerpc64|riscv)__'
while IFS= read -r f; do
	report "$f tests an architecture macro"
done < <(grep -rlE "$arch" libpagestates host --include='*.[ch]')
while IFS= read -r f; do
	[ "$f" = ports/lps_port.h ] || report "$f tests an architecture macro"
done < <(grep -rlE "defined\(?$arch|#if(n?def)? +$arch" ports --include='*.h')

while IFS=: read -r f line; do
	[[ $f =~ ^($env_headers)$ ]] || report "$f includes a system header: $line"
done < <(grep -rnE '^#include <' libpagestates host --include='*.[ch]' |
	 grep -v 'include <pagestates/' | cut -d: -f1,3)

while IFS=: read -r f line; do
	report "$f includes the host side: $line"
done < <(grep -rnE '^#[[:space:]]*include[[:space:]]*[<"](pagestates/host/|host/)' \
	 libpagestates ports --include='*.[ch]' | cut -d: -f1,3)

while IFS=: read -r f line; do
	report "$f includes a port: $line"
done < <(grep -rnE '^#[[:space:]]*include[[:space:]]*[<"]((generic|noop|s390|x86|arm64|shmem)/|lps_port)' \
	 host --include='*.[ch]' | cut -d: -f1,3)

while IFS= read -r f; do
	report "$f has an instruction or a kernel test"
done < <(grep -rlE '__asm__|\<asm[[:space:]]*(volatile|goto)?[[:space:]]*\(|\.insn|__KERNEL__' \
	 wire --include='*.[ch]')

echo "$((bad == 0 ? 1 : 0)) passed, $((bad == 0 ? 0 : 1)) failed"
[ $bad -eq 0 ]
