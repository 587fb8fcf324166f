# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# One warning list for the library, tools and tests.
set(LPS_WARNINGS
  -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
  -Wvla -Wundef -Wpointer-arith -Wcast-qual -Wwrite-strings -Wformat=2)
if(LPS_WERROR)
  list(APPEND LPS_WARNINGS -Werror)
endif()

# lps_target_warnings(target): apply our warnings to C sources of target.
function(lps_target_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C>:${LPS_WARNINGS}>)
endfunction()
