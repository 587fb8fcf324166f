# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Cross toolchain for s390x Linux; tests run under qemu-s390x-static.
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(_lps_triple s390x-linux-gnu)
set(_lps_libc_pkg libc6-dev-s390x-cross)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu-cross.cmake)
