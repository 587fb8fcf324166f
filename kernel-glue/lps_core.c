// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_core.c - the libpagestates guest core as one kernel object, built
 * from the repository's own sources: Kbuild generates the include list
 * below from libpagestates/sources.cmake, so kernel and CMake build the
 * same files and nothing is copied.
 */
#include "lps_core_sources.h"	/* #include of every LPS_CORE_SOURCES file */
