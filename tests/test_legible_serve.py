"""`rnn-tui serve` as a visitor meets it, with no flags: the page answers only at the address it
printed (with its token); the bare address gets a 403. (test_serve_guard.py drives the guard class
itself; this checks that the command serves through it: a GuardedServer that `serve` never used
passed those tests.)"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from test_serve import free_loopback_port


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def test_serve_with_no_flags_answers_only_at_the_printed_address(tmp_path):
    pytest.importorskip("textual_serve")
    port = free_loopback_port()
    server = subprocess.Popen([sys.executable, "-m", "rnn_tui", "serve", "--port", str(port)], cwd=tmp_path,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        bare = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                got = status(bare)
                break
            except (urllib.error.URLError, ConnectionError):   # not listening yet
                time.sleep(0.05)
        else:
            pytest.fail(f"serve did not answer on {bare} within 10 s")
        assert got == 403, f"the bare address answered {got}: anyone who finds the port gets an app process"
    finally:
        server.terminate()
        printed, _ = server.communicate(timeout=10)
    address = re.search(rf"http://127\.0\.0\.1:{port}/\?token=[\w-]+", printed)
    assert address, printed   # the address to open, printed at start
