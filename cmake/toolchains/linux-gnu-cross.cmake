# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Shared body of the Debian cross toolchains: set CMAKE_SYSTEM_PROCESSOR,
# _lps_triple (gcc's prefix) and _lps_libc_pkg (the libc6-dev-*-cross
# package), then include this.  Fails fast, naming the package to install,
# when the cross compiler or qemu-user is missing.
set(CMAKE_SYSTEM_NAME Linux)

find_program(_lps_cc ${_lps_triple}-gcc)
if(NOT _lps_cc)
  message(FATAL_ERROR "${_lps_triple}-gcc not found: "
          "apt-get install gcc-${_lps_triple} ${_lps_libc_pkg} "
          "(scripts/test-cross.sh does)")
endif()
set(CMAKE_C_COMPILER ${_lps_cc})
find_program(_lps_cxx ${_lps_triple}-g++)
if(_lps_cxx)
  set(CMAKE_CXX_COMPILER ${_lps_cxx})
else()
  # No cross C++: say so, or check_language(CXX) finds the host's.
  set(CMAKE_CXX_COMPILER NOTFOUND)
endif()

find_program(_lps_qemu qemu-${CMAKE_SYSTEM_PROCESSOR}-static)
if(NOT _lps_qemu)
  message(FATAL_ERROR "qemu-${CMAKE_SYSTEM_PROCESSOR}-static not found: "
          "apt-get install qemu-user-static")
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR "${_lps_qemu};-L;/usr/${_lps_triple}")

set(CMAKE_FIND_ROOT_PATH /usr/${_lps_triple})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
