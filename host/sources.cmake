# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# Host-side sources, relative to host/: the host model, the decoders of
# trapped guest calls, and the host side of the shared state table.
set(LPS_HOST_SOURCES
  lps_host.c
  lps_host_batch.c
  lps_host_reclaim.c
  lps_host_migrate.c
  transport/lps_gmem.c
  transport/lps_essa_host.c
  transport/lps_hcall_host.c
  transport/lps_smccc_host.c
  shmem/lps_shmem_find.c
  shmem/lps_shmem_drop.c
)
