#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# gen_corpus.py - write the seed corpus of the decoder fuzz targets
# (tests/fuzz/corpus/<target>/): valid calls that reach deep into each
# decoder, plus the edge cases a reviewer would try first.  Deterministic;
# rerun after changing an input format.
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC, VERSION = 0x4250534C, 1
FRAMES = 96
USAGES = 4


def desc(ranges, cursor=0, magic=MAGIC, version=VERSION, nr=None, flags=0):
    d = struct.pack('<IHHHHI', magic, version,
                    len(ranges) if nr is None else nr, cursor, flags, 0)
    for pfn, count, usage in ranges:
        d += struct.pack('<QII', pfn, count, usage)
    return d


def essa(records):
    return b''.join(struct.pack('<BQ', op, r2) for op, r2 in records)


def hcall(d, calls):
    out = struct.pack('<H', len(d)) + d
    for op, flags, a0, a1 in calls:
        out += struct.pack('<BBQQ', op, flags, a0, a1)
    return out


SHM_MAGIC = 0x4C42544D4853504C  # "LPSHMTBL" little-endian
SHM_PAGE = 4096
SHM_PAGES = 8


def shm_hdr(hdr_gpa, table_gpa, frame0, nframes, epoch=0, magic=SHM_MAGIC,
            version=1, flags=0):
    h = struct.pack('<QHHHHII', magic, version, 128, 4, 12, flags, epoch)
    h += struct.pack('<QQQQ', nframes, hdr_gpa, table_gpa, frame0)
    h += b'\0' * (128 - len(h))
    return h


def shm_word(usage, zero=False, claim=False, epoch=0):
    return struct.pack('<I', usage | (8 if zero else 0) |
                       (0x20 | epoch << 8 if claim else 0))


def hostd(ctl, start, hdr, words, data_pages=0):
    """ctl, the page the image starts at, then header + words in that
    page and pattern bytes in the next data_pages pages."""
    page = hdr + b''.join(words)
    page += b'\0' * (SHM_PAGE - len(page))
    for k in range(data_pages):
        page += bytes([0x11 * (k + 1) & 0xff]) * SHM_PAGE
    return bytes([ctl, start]) + page


def write(target, name, data):
    path = os.path.join(HERE, 'corpus', target)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), 'wb') as f:
        f.write(data)


def main():
    rnd = random.Random(20261123)
    # ESSA: op bit 5 confines R2 to the guest, bit 4 reclaims first.
    write('essa', 'lifecycle', essa([
        (0x20 | 2, 3 << 12), (0x20 | 3, 4 << 12), (0x20 | 4, 5 << 12),
        (0x30 | 1, 4 << 12), (0x20 | 0, 3 << 12), (0x20 | 1, 3 << 12)]))
    write('essa', 'bad-commands', essa(
        [(m3, 0) for m3 in range(5, 16)] + [(0x8f, 1 << 63)]))
    write('essa', 'out-of-range', essa([
        (1, FRAMES << 12), (0, (1 << 64) - 1), (2, 1 << 52)]))
    write('essa', 'volatile-unused', essa([
        (0x20 | 2, 7 << 12), (0x20 | 3, 7 << 12), (0x30 | 1, 7 << 12)]))
    for i in range(4):
        write('essa', 'random-%d' % i, essa(
            [(rnd.randrange(256), rnd.randrange(FRAMES << 12))
             for _ in range(40)]))

    # The agent: header at page 0 (words right after it), 8 frames.
    S, U, V, P = 0, 1, 2, 3
    words = [shm_word(u) for u in (S, U, V, P, U, V, S, V)]
    good = shm_hdr(0, 128, 0, 8)
    write('hostd', 'table-at-0', hostd(0x40, 0, good, words, 1))
    write('hostd', 'scan', hostd(0x01, 0, good, words, 1))
    write('hostd', 'unused-only', hostd(0x20, 0, good, words, 1))
    base = 0x40000000
    write('hostd', 'ram-gpa', hostd(0x10 | 0x04, 2, shm_hdr(
        base + 2 * SHM_PAGE, base + 2 * SHM_PAGE + 128, base, 8),
        words, 1))
    dead = [shm_word(V, claim=True, epoch=7)] * 2 + words[2:]
    write('hostd', 'dead-claims', hostd(0x40, 0, good, dead, 1))
    write('hostd', 'corrupt-words', hostd(0, 0, good, [
        struct.pack('<I', w) for w in
        (0x10, 0xffffffff, 0x24, 0x2e, 0x1, 0x2, 0x80000002, 0x3)]))
    write('hostd', 'frames-outside', hostd(0, 0, shm_hdr(0, 128, 0, 9),
                                           words))
    write('hostd', 'bad-version', hostd(0, 0, shm_hdr(0, 128, 0, 8,
                                                      version=2), words))
    write('hostd', 'wrong-hdr-gpa', hostd(0, 0, shm_hdr(4096, 128, 0, 8),
                                          words))
    write('hostd', 'overlap', hostd(0, 0, shm_hdr(0, 64, 0, 8), words))
    write('hostd', 'huge-nframes', hostd(0x01, 0, shm_hdr(
        0, 128, 0, (1 << 64) - 1), words))
    two = hostd(0x01, 0, good, words, 2)
    two = two[:2 + 2 * SHM_PAGE] + shm_hdr(2 * SHM_PAGE, 128, 0, 8) + \
        two[2 + 2 * SHM_PAGE + 128:]
    write('hostd', 'scan-two-tables', two)

    for target in ('hcall', 'smccc'):
        sub, ms, gs = 0x80, 1, 2
        good = desc([(0, 8, 1), (10, 1, 2), (20, 2, 3), (30, 4, 0)])
        write(target, 'submit-reclaim-stable', hcall(good, [
            (sub, 0x10, 0, 0), (sub, 0, 0, 0), (gs, 1, 10, 0),
            (ms, 0, 8, 4), (ms, 0, 20, 2), (gs, 0, 21, 0)]))
        write(target, 'short-page', hcall(good[:40], [(sub, 0, 0, 0)]))
        write(target, 'nr-too-big', hcall(desc([(1, 1, 1)], nr=255),
                                          [(sub, 0, 0, 0)]))
        write(target, 'bad-magic', hcall(desc([(1, 1, 1)], magic=0),
                                         [(sub, 0, 0, 0)]))
        write(target, 'bad-version', hcall(desc([(1, 1, 1)], version=2),
                                           [(sub, 0, 0, 0)]))
        write(target, 'bad-flags', hcall(desc([(1, 1, 1)], flags=1),
                                         [(sub, 0, 0, 0)]))
        write(target, 'cursor-past-nr', hcall(desc([(1, 1, 1)], cursor=2),
                                              [(sub, 0, 0, 0)]))
        write(target, 'overlap', hcall(desc([(0, 4, 1), (2, 4, 1)]),
                                       [(sub, 0, 0, 0)]))
        write(target, 'range-edge', hcall(
            desc([(FRAMES - 1, 1, 1), (FRAMES - 1, 2, 1)]),
            [(sub, 0, 0, 0)]))
        write(target, 'bad-address', hcall(good, [
            (0, 0, 4096 + 8, 0), (0, 0, 8192, 0), (0, 0, 1 << 63, 0),
            (0, 0, 4096, 1)]))
        write(target, 'make-stable-edges', hcall(b'', [
            (ms, 0, 0, 0), (ms, 0, FRAMES - 1, 2), (ms, 0, 1, (1 << 64) - 1),
            (gs, 0, FRAMES, 0), (3, 0, 0, 7), (0x43, 0, 0, 0x84000000 << 32)]))
        full = desc([(i, 1, rnd.randrange(USAGES)) for i in range(0, 96)] +
                    [(96 + i, 1, 1) for i in range(0, 159)])
        write(target, 'full-255', hcall(full, [(sub, 0x30, 0, 0)] * 4))
        for i in range(3):
            rs = [(rnd.randrange(FRAMES), rnd.randrange(1, 6),
                   rnd.randrange(USAGES)) for _ in range(rnd.randrange(1, 9))]
            calls = [(rnd.randrange(256), rnd.randrange(256),
                      rnd.randrange(FRAMES), rnd.randrange(8))
                     for _ in range(12)]
            write(target, 'random-%d' % i, hcall(desc(rs), calls))


if __name__ == '__main__':
    main()
