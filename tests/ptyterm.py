"""The real app in a pseudo-terminal, as a lecturer runs it: start it, type at it, read what it
writes. Shared by the terminal, text-safety and fuzz tests."""

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
from dataclasses import dataclass, field


@dataclass
class Terminal:
    pid: int
    fd: int
    output: bytearray = field(default_factory=bytearray)

    def read(self, seconds: float, until: bytes = b"") -> bytes:
        """What the app writes for `seconds` (or until `until` appears in it), also kept in .output."""
        got = bytearray()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (until and until in got):
            ready, _, _ = select.select([self.fd], [], [], min(0.1, max(0.0, deadline - time.monotonic())))
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:  # the child has gone: the pty is closed
                    break
                if not chunk:
                    break
                got += chunk
        self.output += got
        return bytes(got)

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def resize(self, rows: int, cols: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    def alive(self) -> bool:
        try:
            return os.waitpid(self.pid, os.WNOHANG) == (0, 0)
        except ChildProcessError:  # already reaped: gone
            return False

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def start(*args: str, rows: int = 24, cols: int = 80, env: dict[str, str] | None = None) -> Terminal:
    """`rnn-tui ARGS` in a rows x cols xterm."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app
        child_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        child_env |= {"TERM": "xterm-256color", **(env or {})}
        os.execvpe(sys.executable, [sys.executable, "-m", "rnn_tui", *args], child_env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return Terminal(pid, fd)
