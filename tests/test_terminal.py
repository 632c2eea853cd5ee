"""The real app in a pseudo-terminal, as over SSH: however it ends (q, SIGTERM, a dropped
link), the terminal gets its screen and cursor back."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

import pytest

LEAVE_ALT_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"


def start(*args: str) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, in an 80x24 terminal
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env["TERM"] = "xterm-256color"
        os.execvpe(sys.executable, [sys.executable, "-m", "rnn_tui", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def read_until(fd: int, wanted: bytes, seconds: float = 30.0) -> bytes:
    """Everything the app writes until `wanted` appears (b"": until it exits), or time runs out."""
    out = b""
    deadline = time.monotonic() + seconds
    while (not wanted or wanted not in out) and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child has gone: the pty is closed
                break
            if not chunk:
                break
            out += chunk
    return out


@pytest.mark.parametrize("how", ["q", "ctrl+c", "SIGTERM", "SIGHUP"])
def test_the_terminal_is_restored_however_the_app_ends(how):
    pid, fd = start("--scene", "unroll")
    try:
        first = read_until(fd, b"reads")  # the caption: "t=1: reads 'hi'; ..."
        assert b"reads" in first, first[-500:]
        if how in ("q", "ctrl+c"):
            os.write(fd, b"q" if how == "q" else b"\x03")
        else:
            os.kill(pid, getattr(signal, how))
        rest = read_until(fd, b"")  # to the end: the app has exited and the pty closed
        assert LEAVE_ALT_SCREEN in rest
        assert SHOW_CURSOR in rest
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status), status
        assert b"Traceback" not in first + rest
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(fd)
