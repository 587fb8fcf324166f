# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Compile every library source with -ffreestanding -nostdlib and no system
# include path, link them into one relocatable object, and fail on any
# undefined symbol beyond the four a freestanding GCC may emit.
execute_process(COMMAND ${CC} -print-file-name=include
                OUTPUT_VARIABLE cc_inc OUTPUT_STRIP_TRAILING_WHITESPACE)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(objs)
foreach(src ${SOURCES})
  get_filename_component(name ${src} NAME_WE)
  string(MD5 tag ${src})
  set(obj ${OUT}/${name}-${tag}.o)
  execute_process(
    COMMAND ${CC} -std=c11 -O2 -ffreestanding -nostdlib -nostdinc
            -isystem ${cc_inc} -Wall -Wextra -Werror -DLPS_DEBUGLEVEL=1
            -I${SRC}/libpagestates -I${SRC}/libpagestates/include
            -I${SRC}/host -I${SRC}/host/include -I${SRC}/wire/include
            -I${SRC}/ports -c ${src} -o ${obj}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "freestanding compile failed: ${src}\n${err}")
  endif()
  list(APPEND objs ${obj})
endforeach()
if(NOT objs)
  message(FATAL_ERROR "no library sources were given")
endif()
execute_process(COMMAND ${CC} -nostdlib -r ${objs} -o ${OUT}/core.o
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "relocatable link failed:\n${err}")
endif()
execute_process(COMMAND ${NM} -u ${OUT}/core.o OUTPUT_VARIABLE undef)
string(REGEX MATCHALL "[^ \n]+\n" lines "${undef}")
set(bad)
foreach(line ${lines})
  string(STRIP "${line}" sym)
  if(sym STREQUAL "U")
    continue()
  endif()
  if(NOT sym MATCHES "^(memset|memcpy|memmove|memcmp)$")
    list(APPEND bad ${sym})
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "the core needs symbols a freestanding build lacks: ${bad}")
endif()
list(LENGTH objs n)
message("freestanding: ${n} sources compiled, no libc symbols needed")
