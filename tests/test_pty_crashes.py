"""Crashes found by hand and by fuzzing in a real terminal, each replayed the way it happened: keys
arriving in one write, as a fast typist or a paste sends them, which Pilot (waiting for idle after
every key) never does."""

from __future__ import annotations

import os
import signal
import time

import pytest
from ptyterm import Terminal, start

LEAVE_ALT_SCREEN = b"\x1b[?1049l"
ENTER_ALT_SCREEN = b"\x1b[?1049h"
MOUSE_OFF = b"\x1b[?1000l"
CTRL_P = b"\x10"
CLICK = b"\x1b[<0;20;5M\x1b[<0;20;5m"


def step(term: Terminal, what: str, data: bytes, seconds: float = 0.6) -> None:
    term.write(data)
    term.read(seconds)
    assert term.alive(), f"the app died after {what}"
    assert b"Traceback" not in term.output, f"a traceback after {what}"


@pytest.fixture
def term():
    t = start()
    t.read(20, until=b"reads")  # the caption: the scene is up
    yield t
    t.close()


def test_a_second_enter_or_a_click_never_closes_a_screen_twice(term):
    step(term, "Enter twice in the sentence box", b"e", 0.5)
    step(term, "Enter twice in the sentence box", b"hi there\r\r")
    step(term, "Enter twice in the palette", CTRL_P, 0.5)
    step(term, "Enter twice in the palette", b"help\r\r")
    step(term, "leaving help", b"\x1b", 0.5)
    step(term, "a click after choosing in the palette", CTRL_P, 0.5)
    step(term, "a click after choosing in the palette", b"help\r" + CLICK)
    step(term, "PageDown in the palette", b"\x1b\x1b" + CTRL_P + b"\x1b[6~\x1b[6~")
    step(term, "the palette at 4 columns", b"\x1b", 0.3)
    term.resize(24, 4)
    step(term, "the palette at 4 columns", CTRL_P)
    term.resize(24, 80)
    step(term, "back to 80 columns", b"\x1b")
    assert b"failed" not in term.output  # no "That key failed" notice either


def test_sigquit_gives_the_terminal_back(term):
    os.kill(term.pid, signal.SIGQUIT)
    rest = term.read(10, until=LEAVE_ALT_SCREEN)
    assert LEAVE_ALT_SCREEN in rest and MOUSE_OFF in rest


def test_ctrl_z_suspends_to_the_shell_and_fg_comes_back(term):
    term.write(b"\x1a")
    assert LEAVE_ALT_SCREEN in term.read(5, until=LEAVE_ALT_SCREEN)
    deadline = time.monotonic() + 10
    pid, status = 0, 0
    while pid == 0 and time.monotonic() < deadline:  # never block: a test must end
        pid, status = os.waitpid(term.pid, os.WUNTRACED | os.WNOHANG)
        time.sleep(0.05)
    assert pid == term.pid and os.WIFSTOPPED(status)
    os.kill(term.pid, signal.SIGCONT)  # what the shell's fg does
    assert ENTER_ALT_SCREEN in term.read(5, until=ENTER_ALT_SCREEN)
    step(term, "a key after coming back", b"l")
