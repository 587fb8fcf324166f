# Core sources, relative to libpagestates/.  One concern per file.
set(LPS_CORE_SOURCES
  lps_err.c
)
