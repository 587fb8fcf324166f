# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Core sources, relative to libpagestates/.  One concern per file.
set(LPS_CORE_SOURCES
  lps_err.c
  lps_state.c
  lps_rules.c
  lps_batch.c
  lps_discard.c
  lps_guest.c
  lps_queue.c
  lps_flush.c
  lps_hint.c
  lps_discard_park.c
)
