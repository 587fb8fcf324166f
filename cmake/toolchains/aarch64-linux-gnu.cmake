# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Cross toolchain for aarch64 Linux; tests run under qemu-aarch64-static.
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(_lps_triple aarch64-linux-gnu)
set(_lps_libc_pkg libc6-dev-arm64-cross)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu-cross.cmake)
