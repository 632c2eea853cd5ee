"""Writing a file without losing anything: checked before the work that makes it, written to a
temporary file beside the target and renamed, never over anything but a regular file (not a
device such as /dev/full, whatever --force says), and the temporary files of a write that was
killed are cleared by the next one."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from rnn_tui.engine.errors import InputError


def check_destination(path: Path, overwrite: bool, needs_bytes: int = 0) -> None:
    """Raise InputError, naming `path`, if a file could not be written there: a folder or a device
    in the way, a file there without `overwrite`, a folder missing, read-only or not ours, or
    fewer than `needs_bytes` free. Checked by creating (and removing) a file, as the write will."""
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name such as model.npz")
    if path.exists() and not path.is_file():
        raise InputError(f"{path}: not a regular file (a device, pipe or socket); only a file is ever replaced")
    if path.exists() and not overwrite:
        raise InputError(f"{path}: already exists; pass --force to overwrite it")
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise InputError(f"{path}: cannot write in folder {folder} ({e.strerror})") from None
    free = shutil.disk_usage(folder).free
    if needs_bytes > free:
        raise InputError(f"{path}: the file needs about {needs_bytes / 2**20:.1f} MB and its disk has "
                         f"{free / 2**20:.1f} MB free")


def write_atomically(path: Path, write: Callable[[BinaryIO], None], overwrite: bool) -> Path:
    """`write(f)` into a temporary file beside `path`, then a rename over it. Raises InputError for
    what is in the way, OSError when the write itself fails (the temporary file is removed)."""
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name such as model.npz")
    if path.exists() and not path.is_file():  # os.replace would put our file where a device node was
        raise InputError(f"{path}: not a regular file (a device, pipe or socket); only a file is ever replaced")
    if path.exists() and not overwrite:
        raise InputError(f"{path}: already exists; choose another name or allow overwriting")
    folder = path.parent if str(path.parent) else Path(".")
    clear_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())  # on disk before the rename: a crash leaves the old file or the new
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a weights file is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def clear_stale_temporaries(path: Path) -> list[Path]:
    """Remove `.NAME.PID.*.tmp` files beside `path` left by a write whose process is gone (killed
    mid-write: kill -9, a power cut). A live process's temporary file is left alone."""
    folder = path.parent if str(path.parent) else Path(".")
    cleared = []
    for tmp in folder.glob(f".{path.name}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            try:
                tmp.unlink()
                cleared.append(tmp)
            except OSError:
                pass
    return cleared


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def keep_elsewhere(path: Path, save: Callable[[Path], object], error: OSError) -> InputError:
    """After saving at `path` failed with `error`: `save` into the temporary folder instead, and
    return the one line that says both (where the work went, or that it is lost)."""
    reason = error.strerror or errno.errorcode.get(error.errno or 0, str(error))
    fd, name = tempfile.mkstemp(prefix=f"rnn-tui-{path.stem}-", suffix=path.suffix or ".npz")
    os.close(fd)
    kept = Path(name)
    try:
        save(kept)
    except (OSError, InputError) as e:
        kept.unlink(missing_ok=True)
        return InputError(f"{path}: could not write it ({reason}), nor a copy in {tempfile.gettempdir()} "
                          f"({getattr(e, 'strerror', None) or e}); the trained model is lost")
    return InputError(f"{path}: could not write it ({reason}); the trained model is kept in {kept}")
