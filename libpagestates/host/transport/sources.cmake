# Host-side transport decoders, relative to libpagestates/.
set(LPS_TRANSPORT_SOURCES
  host/transport/lps_gmem.c
  host/transport/lps_essa_host.c
  host/transport/lps_hcall_host.c
  host/transport/lps_smccc_host.c
)
