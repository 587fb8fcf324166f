# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Install the build into PREFIX, then build the consumer twice - through
# find_package(pagestates) and through pkg-config - and run both.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${PREFIX} ${WORK})
run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX})
foreach(f include/pagestates/pagestates.h lib/libpagestates.a
          include/pagestates/host/lps_host.h lib/libpagestates_host.a
          lib/cmake/pagestates/pagestatesConfig.cmake
          lib/pkgconfig/pagestates.pc lib/pkgconfig/pagestates-host.pc)
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "install lacks ${f}")
  endif()
endforeach()

run(${CMAKE_COMMAND} -S ${CONSUMER} -B ${WORK}/cmake
    -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_C_COMPILER=${CC})
run(${CMAKE_COMMAND} --build ${WORK}/cmake)
run(${WORK}/cmake/consumer)
message("find_package consumer: ${last_out}")
run(${WORK}/cmake/consumer-shared)
message("find_package shared consumer: ${last_out}")

find_program(PKG_CONFIG pkg-config)
if(PKG_CONFIG)
  set(ENV{PKG_CONFIG_PATH} ${PREFIX}/lib/pkgconfig)
  run(${PKG_CONFIG} --cflags --libs pagestates-host)
  string(STRIP "${last_out}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run(${CC} -std=c11 ${CONSUMER}/consumer.c ${CONSUMER}/embed_ports.c ${flags}
      -Wl,-rpath,${PREFIX}/lib -o ${WORK}/consumer-pc)
  run(${WORK}/consumer-pc)
  message("pkg-config consumer: ${last_out}")
else()
  message(FATAL_ERROR "pkg-config is missing (apt-get install pkg-config)")
endif()
