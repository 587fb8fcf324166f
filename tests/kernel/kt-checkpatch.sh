#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-checkpatch.sh - the series and the glue through checkpatch.pl --strict,
# on the same patched linux-source-6.1 tree the kernel tests build, so a
# style regression fails CI like any other.
set -euo pipefail
KT_PROG=kt-checkpatch
# shellcheck source=kt-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/kt-lib.sh"

kt_arch_setup x86_64
kt_ensure_packages
kt_lock
variant=$(kt_variant 1)
[ "$variant" != plain ] || kt_die "kernel-glue/apply.sh is missing"
kt_extract "$variant"
exec "$KT_ROOT/kernel-glue/check.sh" "$KT_CACHE/src-$variant"
