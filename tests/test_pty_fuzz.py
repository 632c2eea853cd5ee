"""The real app in a real terminal, under random keys, pastes, mouse reports and resizes: after
every burst it must still be running and must have printed no traceback. A few seconds in the
default suite; minutes with `-m slow`. The seed is printed on failure, so a crash replays."""

from __future__ import annotations

import os
import random
import time

import pytest
from ptyterm import Terminal, start

# Keys a lecturer presses, and some nobody means to. Never the ones that end or suspend the app
# (q, ctrl+c, ctrl+q, ctrl+z, ctrl+backslash) nor S (a screenshot file per press).
KEYS = [*"abcdefghijklmnoprtuvwxyzNRT0123456789 +-=?", "\r", "\t", "\x1b[Z", "\x7f", "\x1b",
        "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[H", "\x1b[F", "\x1b[5~", "\x1b[6~", "\x1b[1;5A", "\x1b[1;5B",
        "\x10", "\x1b[15~", "\x1bOP"]
PASTE_CHARS = "hi my name is Barry I love AI ,.;'\"<>[]{}\\\x1b\x07\x08\x0b\x0c\r\n\t\u202e\u0663é日本 "


def burst(rng: random.Random, term: Terminal) -> str:
    """One random burst, written at once; returns what it was, for the failure message."""
    kind = rng.choice(["keys", "keys", "keys", "paste", "mouse", "resize"])
    if kind == "keys":
        data = "".join(rng.choice(KEYS) for _ in range(rng.randint(1, 12)))
    elif kind == "paste":
        text = "".join(rng.choice(PASTE_CHARS) for _ in range(rng.randint(1, 300))).replace("\x1b[201~", "")
        data = f"\x1b[200~{text}\x1b[201~"
    elif kind == "mouse":
        reports = []
        for _ in range(rng.randint(1, 8)):
            b, x, y = rng.choice([0, 1, 2, 32, 35, 64, 65]), rng.randint(1, 200), rng.randint(1, 60)
            reports.append(f"\x1b[<{b};{x};{y}M\x1b[<{b};{x};{y}m")
        data = "".join(reports)
    else:
        rows, cols = rng.choice([(24, 80), (40, 120), (rng.randint(2, 60), rng.randint(2, 220))])
        term.resize(rows, cols)
        return f"resize to {cols}x{rows}"
    term.write(data.encode("utf-8"))
    return f"{kind} {data!r}"


def fuzz(seconds: float, seed: int, tmp_path) -> None:
    rng = random.Random(seed)
    cwd = os.getcwd()
    os.chdir(tmp_path)  # w writes weights and S screenshots into the current folder
    try:
        term = start("--corpus", os.path.join(os.path.dirname(__file__), "data", "small_sentiment.csv"))
    finally:
        os.chdir(cwd)
    try:
        term.read(20, until=b"reads")
        history: list[str] = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            history.append(burst(rng, term))
            term.read(0.25)
            assert term.alive(), f"seed {seed}: the app died after {history[-5:]}"
            assert b"Traceback" not in term.output, f"seed {seed}: a traceback after {history[-5:]}"
        term.resize(24, 80)
        term.write(b"\x1b\x1b")
        term.read(0.5)
        assert term.alive(), f"seed {seed}: the app died at the end"
    finally:
        term.close()
    assert b"Traceback" not in term.output


def test_random_input_in_a_real_terminal_briefly(tmp_path):
    fuzz(seconds=3, seed=random.randrange(10**6), tmp_path=tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_input_in_a_real_terminal_for_minutes(tmp_path, seed):
    fuzz(seconds=120, seed=seed, tmp_path=tmp_path)
