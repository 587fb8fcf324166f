# Host side of the shared state table (ports/shmem), relative to
# libpagestates/: find and validate the table, then the drop cycle.
set(LPS_SHMEM_SOURCES
  host/shmem/lps_shmem_find.c
  host/shmem/lps_shmem_drop.c
)
