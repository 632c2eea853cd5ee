"""Lecture mode as a class uses it: `rnn-tui present`, `rnn-tui follow` and `rnn-tui notes` as
real processes in pseudo-terminals on 127.0.0.1. The presenter steps; the follower's and the
notes terminal's screens show it; a key detaches the follower and F follows again."""

from __future__ import annotations

import os
import signal
import socket

import pytest
from test_terminal import read_until, start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(pid: int, fd: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        read_until(fd, b"", seconds=5)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    finally:
        os.close(fd)


def run_class(followers: int) -> None:
    port = str(free_port())
    presenter = start("present", "--port", port)
    apps = [presenter]
    try:
        assert b"reads" in read_until(presenter[1], b"reads"), "the presenter did not start"
        students = [start("follow", port) for _ in range(followers)]
        apps += students
        notes = start("notes", port)
        apps.append(notes)
        for _, fd in students:
            assert b"following 127.0.0.1" in read_until(fd, b"following 127.0.0.1")
        assert b"0:0" in read_until(notes[1], b"since the start")

        os.write(presenter[1], b"\x1b[C")            # → : t=2
        os.write(presenter[1], b"\x1b[C")            # → : t=3
        for _, fd in students:
            seen = read_until(fd, b"t=3/5")
            assert b"t=3/5" in seen and b"Traceback" not in seen
        assert b"step 3" in read_until(notes[1], b"step 3")   # Unroll's t=3
        # and its notes: the terminal found the presenter's token file (same machine, same user)
        assert b"which word comes" in read_until(notes[1], b"which word comes").lower()
        os.write(presenter[1], b"\x1b[6~")           # PageDown: the next scene
        assert b"Topologies" in read_until(students[0][1], b"Topologies")
        assert b"next: Sentiment" in read_until(notes[1], b"next: Sentiment")

        os.write(students[0][1], b"\x1b[6~")         # the student's own PageDown: detached
        assert b"detached" in read_until(students[0][1], b"detached")
        os.write(students[0][1], b"F")               # and F follows the presenter again
        assert b"following 127.0.0.1" in read_until(students[0][1], b"following 127.0.0.1")
    finally:
        for pid, fd in reversed(apps):
            stop(pid, fd)


def test_a_presenter_a_follower_and_the_notes_terminal() -> None:
    run_class(followers=1)


@pytest.mark.slow
def test_a_presenter_with_five_followers() -> None:
    run_class(followers=5)


@pytest.mark.slow
def test_serve_follow_makes_a_browser_visitor_a_follower() -> None:
    """`rnn-tui serve --follow PORT`: a visitor's page (its websocket, as the browser's terminal
    speaks it) runs a follower, which shows the presenter's place."""
    pytest.importorskip("textual_serve")
    import asyncio
    import json
    import subprocess
    import sys
    import time

    import aiohttp

    port, web = free_port(), free_port()
    presenter = start("present", "--port", str(port))
    server = subprocess.Popen([sys.executable, "-m", "rnn_tui", "serve", "--port", str(web), "--follow", str(port)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    async def visit() -> str:
        async with aiohttp.ClientSession() as session:
            for _ in range(100):   # until serve listens
                try:
                    ws = await session.ws_connect(f"http://127.0.0.1:{web}/ws")
                    break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
            await ws.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
            seen, end = "", time.monotonic() + 30
            while time.monotonic() < end and "following 127.0.0.1" not in seen:
                try:
                    message = await asyncio.wait_for(ws.receive(), 2)
                except asyncio.TimeoutError:
                    continue
                if message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                    data = message.data
                    seen += data.decode("utf-8", "replace") if isinstance(data, bytes) else data
                else:
                    break
            await ws.close()
            return seen

    try:
        assert b"reads" in read_until(presenter[1], b"reads")
        assert "following 127.0.0.1" in asyncio.run(visit())
    finally:
        server.terminate()
        server.wait(timeout=10)
        stop(*presenter)
