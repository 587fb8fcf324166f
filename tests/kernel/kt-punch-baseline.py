#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-punch-baseline.py - the file system's own price for giving RAM back,
# with no table and no protocol: write BYTES of data into a new file in
# DIR (the RAM file's tmpfs), map it shared and touch every page as QEMU
# has the guest's RAM mapped, then punch it all with one fallocate.
# Prints the punch's milliseconds; the file is removed.  The median of
# REPEATS runs (default 3) when asked for more than one.
#
# usage: kt-punch-baseline.py DIR BYTES [REPEATS]
import ctypes
import mmap
import os
import statistics
import sys
import time

FALLOC_FL_KEEP_SIZE = 1
FALLOC_FL_PUNCH_HOLE = 2
PAGE = 4096
CHUNK = 1 << 20


def once(libc, path, size):
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.unlink(path)
        # Written, not fallocated: tmpfs treats fallocated pages as
        # holes until written, and the guest's frames hold data.
        block = b"\x5a" * CHUNK
        left = size
        while left > 0:
            left -= os.write(fd, block[:min(left, CHUNK)])
        view = mmap.mmap(fd, size, mmap.MAP_SHARED)
        try:
            for off in range(0, size, PAGE):
                view[off] = 0xa5
            t0 = time.monotonic_ns()
            rc = libc.fallocate(fd, FALLOC_FL_PUNCH_HOLE |
                                FALLOC_FL_KEEP_SIZE, 0, size)
            ns = time.monotonic_ns() - t0
        finally:
            view.close()
        if rc:
            raise OSError(ctypes.get_errno(), "fallocate(PUNCH_HOLE)")
        return ns / 1e6
    finally:
        os.close(fd)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: kt-punch-baseline.py DIR BYTES [REPEATS]")
    size = int(sys.argv[2]) // PAGE * PAGE
    repeats = int(sys.argv[3]) if len(sys.argv) == 4 else 3
    if size <= 0 or repeats <= 0:
        sys.exit("kt-punch-baseline.py: BYTES and REPEATS must be > 0")
    libc = ctypes.CDLL(None, use_errno=True)
    libc.fallocate.argtypes = [ctypes.c_int, ctypes.c_int,
                               ctypes.c_long, ctypes.c_long]
    path = os.path.join(sys.argv[1], "lps-punch-baseline-%d" % os.getpid())
    print("%.1f" % statistics.median(once(libc, path, size)
                                     for _ in range(repeats)))


if __name__ == "__main__":
    main()
