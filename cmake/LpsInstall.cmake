# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Install what an embedder needs: the public headers, the guest and host
# libraries (static and shared), a CMake package (find_package(pagestates))
# and pkg-config files (pagestates, pagestates-host).  Ports are headers a
# kernel or hypervisor build includes directly, so they are installed too,
# under include/pagestates/ports; the core's environment header is not.
include(CMakePackageConfigHelpers)

set(LPS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/pagestates)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/libpagestates/include/pagestates
                  ${PROJECT_SOURCE_DIR}/host/include/pagestates
                  ${PROJECT_SOURCE_DIR}/wire/include/pagestates
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/ports/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pagestates/ports
        FILES_MATCHING PATTERN "*.h" PATTERN "*.md")
install(TARGETS pagestates_wire pagestates_static pagestates_shared
                pagestates_host_static pagestates_host_shared
        EXPORT pagestatesTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT pagestatesTargets NAMESPACE pagestates::
        DESTINATION ${LPS_CMAKE_DIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/templates/pagestatesConfig.cmake.in
  ${PROJECT_BINARY_DIR}/pagestatesConfig.cmake
  INSTALL_DESTINATION ${LPS_CMAKE_DIR})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/pagestatesConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/pagestatesConfig.cmake
              ${PROJECT_BINARY_DIR}/pagestatesConfigVersion.cmake
        DESTINATION ${LPS_CMAKE_DIR})

# Relocatable: the prefix is found from where the .pc file lies, so
# `cmake --install --prefix` anywhere gives a working file.
file(RELATIVE_PATH LPS_PC_TO_PREFIX
     /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
foreach(pc pagestates pagestates-host)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/templates/${pc}.pc.in
                 ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
