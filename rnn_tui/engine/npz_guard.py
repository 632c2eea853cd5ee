"""Checks on an .npz before NumPy reads any of it. A zip can say little and inflate to gigabytes,
hold ten thousand members, or carry an .npy header claiming 10^12 numbers; NumPy would try to
allocate whatever it is told. So the file must be a regular file, and every member's declared
size, every array's declared shape and their totals must fit the limits below, all read from
the zip's directory and the .npy headers alone."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.lib import format as npy

from rnn_tui.engine.errors import InputError

MAX_FILE_BYTES = 200 * 1024 * 1024     # the file on disk
MAX_MEMBERS = 64                        # a model has at most 19 arrays; extras are tolerated, not thousands
MAX_TOTAL_BYTES = 256 * 1024 * 1024    # all members inflated: about a V=100,000, H=256 model in float64
MAX_META_CHARS = 64 * 1024              # `meta` is a few settings as JSON
MAX_META_DEPTH = 16                     # ... nested a level or two, not 100,000


def open_npz(path: Path) -> BinaryIO:
    """The file opened for reading, once every check has passed (the caller closes it).
    Raises InputError naming the file and what is wrong; OSError as open() would."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block us before we can refuse it
    f = os.fdopen(fd, "rb")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file (a device, pipe or socket); give a saved .npz file")
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB; not a weights file for this app")
        if zipfile.is_zipfile(f):
            _check_members(path, f)
        f.seek(0)
        return f
    except BaseException:
        f.close()
        raise


def _check_members(path: Path, f: BinaryIO) -> None:
    with zipfile.ZipFile(f) as z:
        members = z.infolist()
        if len(members) > MAX_MEMBERS:
            raise InputError(f"{path}: {len(members):,} members; a weights file has at most {MAX_MEMBERS}")
        total = 0
        for m in members:
            total += m.file_size
            if total > MAX_TOTAL_BYTES:
                raise InputError(f"{path}: its members inflate to more than {MAX_TOTAL_BYTES // 2**20} MB "
                                 f"(member {m.filename!r} says {m.file_size:,} bytes)")
            if m.filename.endswith(".npy"):
                _check_header(path, z, m)


def _check_header(path: Path, z: zipfile.ZipFile, m: zipfile.ZipInfo) -> None:
    """The array a member declares must fit in the bytes the member declares."""
    key = m.filename[: -len(".npy")]
    try:
        with z.open(m) as member:
            version = npy.read_magic(member)
            read = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
            shape, _, dtype = read(member, max_header_size=10_000)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, NotImplementedError, RuntimeError):
        return  # not a readable .npy: the loader says so in its own words
    if dtype.hasobject:
        return  # refused by the loader, which never unpickles
    count = int(np.prod(shape, dtype=object))  # Python ints: a forged shape cannot overflow
    if count * dtype.itemsize > m.file_size:
        raise InputError(f"{path}: key {key!r} declares shape {tuple(shape)} ({count * dtype.itemsize:,} bytes) "
                         f"but its member holds {m.file_size:,} bytes")


def parse_meta(text: str, source: str) -> object:
    """`meta`'s JSON, refused when it is too long or nests too deep for a settings object."""
    if len(text) > MAX_META_CHARS:
        raise InputError(f"{source}: key 'meta' has {len(text):,} characters; the limit is {MAX_META_CHARS:,}")
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:  # bracket depth outside strings, so json's recursion is never reached
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    if deepest > MAX_META_DEPTH:
        raise InputError(f"{source}: key 'meta' nests {deepest} levels deep; the limit is {MAX_META_DEPTH}")
    return json.loads(text)
