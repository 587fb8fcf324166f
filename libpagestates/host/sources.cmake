# Host-model sources, relative to libpagestates/.
set(LPS_HOST_SOURCES
)
