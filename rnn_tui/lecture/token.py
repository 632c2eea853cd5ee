"""The notes terminal's secret, as Jupyter keeps its runtime token: `rnn-tui present` makes a
random token, and only a connection that sends it gets the speaker notes. The token goes in a
file only its user can read (mode 0600, in a folder of mode 0700), keyed by port, so that
`rnn-tui notes PORT` on the same machine, as the same user, needs nothing more; from elsewhere,
`rnn-tui notes HOST:PORT --token T` with the token `present` printed."""

from __future__ import annotations

import contextlib
import hmac
import os
import secrets
from pathlib import Path

TOKEN_BYTES = 32    # 256 random bits: 43 characters of URL-safe base64


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def same_token(given: str, expected: str) -> bool:
    """In constant time: how much of a guess was right does not show in how long the check took."""
    return hmac.compare_digest(given.encode("ascii", "replace"), expected.encode("ascii", "replace"))


def token_folder() -> Path:
    """$XDG_RUNTIME_DIR/rnn-tui (a per-user folder the system empties at logout), else ~/.cache/rnn-tui."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "rnn-tui"
    return Path.home() / ".cache" / "rnn-tui"


def token_path(port: int) -> Path:
    return token_folder() / f"notes-{port}.token"


def write_token(port: int, token: str) -> Path:
    """The token in its file, readable by this user only (made so before a byte is written). Raises OSError."""
    path = token_path(port)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)   # a folder made earlier with a looser umask
    with contextlib.suppress(FileNotFoundError):
        path.unlink()   # never write through an old file (or a link someone left there)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(token + "\n")
    return path


def read_token(port: int) -> str | None:
    """The token of this user's presenter on `port`, or None (none there, or not only this user's)."""
    path = token_path(port)
    try:
        info = path.stat()
        if info.st_mode & 0o077 or info.st_uid != os.getuid():
            return None
        return path.read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def remove_token(port: int, token: str) -> None:
    """The file goes when its presenter does (unless another presenter has written its own since)."""
    if read_token(port) == token:
        with contextlib.suppress(OSError):
            token_path(port).unlink()
