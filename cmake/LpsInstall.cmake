# Install: headers, both libraries, a CMake package and a pkg-config file.
# (Filled in by the foundation's install step.)
