#!/usr/bin/env python3
"""Writes the malformed and mismatched .npy/.npz inputs the tool tests use."""

import os
import struct
import sys

import numpy as np


def npy_header(shape, descr="<f4", pad_to=64):
    """A version 1.0 .npy header claiming `shape` (no data)."""
    d = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    d += " " * ((pad_to - (10 + len(d) + 1) % pad_to) % pad_to) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(d)) + d.encode()


def zip_local(name, data):
    return struct.pack("<IHHHIIIIHH", 0x04034B50, 20, 0, 0, 0, 0, len(data), len(data),
                       len(name), 0) + name + data


def zip_central(name, size, offset, extra=b""):
    return struct.pack("<IHHHHIIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, size, size,
                       len(name), len(extra), 0, 0, 0, 0, offset) + name + extra


def zip_end(entries, dir_size, dir_offset):
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, dir_size,
                       dir_offset, 0)


def zip_archive(locals_, centrals):
    body = b"".join(locals_)
    directory = b"".join(centrals)
    return body + directory + zip_end(len(centrals), len(directory), len(body))


def write_crafted(p):
    """Files that claim more than they hold: each must get an error, never
    an allocation of the claimed size, a crash or an echo of memory."""
    x = open(p("x.npy"), "rb").read()
    # 128 bytes claiming 2**40 floats; a shape whose byte count wraps to 0.
    open(p("huge_shape.npy"), "wb").write(npy_header("(1099511627776,)"))
    open(p("wrap_shape.npy"), "wb").write(npy_header("(1099511627776, 4194304)"))
    open(p("long_dim.npy"), "wb").write(npy_header("(99999999999999999999999,)"))
    # A header of 60,000 bytes of junk: the error quotes a short prefix.
    junk = b"A" * 60000 + b"\n"
    open(p("junk_header.npy"), "wb").write(
        b"\x93NUMPY\x02\x00" + struct.pack("<I", len(junk)) + junk)
    # A member whose zip64 size field claims 64 KiB more than the archive
    # holds (a reader trusting it reads the heap past the file).
    name = b"x.npy"
    stub = b"\x93NUMPY\x01\x00\xff\xff"
    zip64 = struct.pack("<HHQQ", 1, 16, 65536 + len(stub), 65536 + len(stub))
    local = zip_local(name, stub)
    central = bytearray(zip_central(name, 0, 0, zip64))
    central[20:28] = struct.pack("<II", 0xFFFFFFFF, 0xFFFFFFFF)
    open(p("zip64_size.npz"), "wb").write(zip_archive([local], [bytes(central)]))
    # A zip64 extra field longer than the entry says.
    bad_extra = struct.pack("<HH", 1, 200) + b"\0" * 8
    open(p("bad_extra.npz"), "wb").write(
        zip_archive([zip_local(name, x)], [zip_central(name, len(x), 0, bad_extra)]))
    # A member's data running past the end of the archive.
    open(p("member_past_end.npz"), "wb").write(
        zip_archive([zip_local(name, x)], [zip_central(name, len(x) + 4096, 0)]))
    # Two central entries for one member under different names (65,535 of
    # them would decode one member 65,535 times) and one name twice.
    local = zip_local(name, x)
    open(p("overlap.npz"), "wb").write(
        zip_archive([local], [zip_central(b"x.npy", len(x), 0),
                              zip_central(b"y.npy", len(x), 0)]))
    second = zip_local(name, x)
    open(p("duplicate.npz"), "wb").write(
        zip_archive([local, second], [zip_central(name, len(x), 0),
                                      zip_central(name, len(x), len(local))]))
    # Weights whose member claims 2**40 floats.
    header = npy_header("(1099511627776,)")
    open(p("huge_member.npz"), "wb").write(
        zip_archive([zip_local(b"w.npy", header)], [zip_central(b"w.npy", len(header), 0)]))
    # An end record claiming 65,535 entries in a 22-byte archive.
    open(p("many_entries.npz"), "wb").write(zip_end(65535, 0, 0))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    np.save(p("x.npy"), np.arange(36, dtype=np.float32).reshape(4, 9) / 36)
    np.save(p("z.npy"), np.ones((4, 3), np.float32))
    np.save(p("x_f64.npy"), np.zeros((4, 9)))
    np.save(p("x_shape.npy"), np.zeros((4, 8), np.float32))
    np.save(p("x_rank.npy"), np.zeros((36,), np.float32))
    np.save(p("x_int16.npy"), np.zeros((4, 9), np.int16))
    np.save(p("x_fortran.npy"), np.asfortranarray(np.zeros((4, 9), np.float32)))
    np.save(p("x_bigendian.npy"), np.zeros((4, 9), ">f4"))
    good = open(p("x.npy"), "rb").read()
    open(p("x_truncated.npy"), "wb").write(good[:-10])
    open(p("x_trailing.npy"), "wb").write(good + b"\0\0\0\0")
    open(p("garbage.npy"), "wb").write(b"hello world")
    np.savez(p("inputs.npz"), x=np.zeros((4, 9), np.float32), z=np.ones((4, 3), np.float32))
    np.savez_compressed(p("compressed.npz"), x=np.zeros((4, 9), np.float32))
    write_crafted(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
