#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-qmp.py - one QMP command to a QEMU started with -qmp unix:SOCKET,...;
# prints the command's "return" value as one JSON line.  Exits 1 on an
# error reply or when QEMU cannot be reached within the timeout.
#
# usage: kt-qmp.py SOCKET COMMAND [ARGUMENTS-AS-JSON]
import json
import socket
import sys
import time


def connect(path, timeout):
    deadline = time.monotonic() + timeout
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            s.settimeout(timeout)
            return s
        except OSError:
            s.close()
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)


def reply(f):
    """The next line that answers a command (events are skipped)."""
    while True:
        line = f.readline()
        if not line:
            raise OSError("QEMU closed the QMP socket")
        msg = json.loads(line)
        if "return" in msg or "error" in msg:
            return msg


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: kt-qmp.py SOCKET COMMAND [ARGUMENTS-AS-JSON]")
    path, cmd = sys.argv[1], sys.argv[2]
    args = json.loads(sys.argv[3]) if len(sys.argv) == 4 else {}
    s = connect(path, 30)
    f = s.makefile("rw")
    json.loads(f.readline())            # the greeting
    for c, a in (("qmp_capabilities", {}), (cmd, args)):
        f.write(json.dumps({"execute": c, "arguments": a}) + "\n")
        f.flush()
        msg = reply(f)
        if "error" in msg:
            print(json.dumps(msg["error"]), file=sys.stderr)
            sys.exit(1)
    print(json.dumps(msg["return"], separators=(",", ":")))


if __name__ == "__main__":
    main()
