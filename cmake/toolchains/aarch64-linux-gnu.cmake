# Cross toolchain for aarch64 Linux; tests run under qemu-aarch64-static.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(_lps_triple aarch64-linux-gnu)

find_program(_lps_cc ${_lps_triple}-gcc)
if(NOT _lps_cc)
  message(FATAL_ERROR "${_lps_triple}-gcc not found: "
          "apt-get install gcc-${_lps_triple} libc6-dev-arm64-cross (scripts/test-cross.sh does)")
endif()
set(CMAKE_C_COMPILER ${_lps_cc})
find_program(_lps_cxx ${_lps_triple}-g++)
if(_lps_cxx)
  set(CMAKE_CXX_COMPILER ${_lps_cxx})
else()
  # No cross C++: say so, or check_language(CXX) finds the host's.
  set(CMAKE_CXX_COMPILER NOTFOUND)
endif()

find_program(_lps_qemu qemu-aarch64-static)
if(NOT _lps_qemu)
  message(FATAL_ERROR "qemu-aarch64-static not found: apt-get install qemu-user-static")
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR "${_lps_qemu};-L;/usr/${_lps_triple}")

set(CMAKE_FIND_ROOT_PATH /usr/${_lps_triple})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
