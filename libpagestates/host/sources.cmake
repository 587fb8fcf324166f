# Host-model sources, relative to libpagestates/.
set(LPS_HOST_SOURCES
  host/lps_host.c
  host/lps_host_batch.c
  host/lps_host_reclaim.c
  host/lps_host_migrate.c
)
