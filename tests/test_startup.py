"""Start-up as a lecturer meets it: `rnn-tui --help` imports only what it prints, and the app's
first screen is built, styled and painted once (one frame through an SSH link, not three)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections import Counter

import pytest
from textual.css.stylesheet import Stylesheet
from textual.widgets._footer import FooterKey

from rnn_tui.engine.topologies import TOPOLOGIES
from rnn_tui.engine.topology_names import TOPOLOGY_NAMES

from helpers import drive

# Modules that --help has no use for, each a few milliseconds (dataclasses pulls in inspect and
# ast; shutil pulls in bz2 and lzma; the lecture protocol hashlib and base64).
NOT_FOR_HELP = ("numpy", "textual", "rich", "typing", "dataclasses", "inspect", "json", "shutil", "socket",
                "hashlib", "rnn_tui.engine.topologies", "rnn_tui.lecture.protocol", "rnn_tui.serve")


def imported_by(*argvs: list[str]) -> list[str]:
    """The modules a fresh interpreter imports to run `rnn-tui ARGV` for each of `argvs`."""
    probe = ("import sys, contextlib, io\n"
             "before = set(sys.modules)\n"
             "from rnn_tui.cli import main\n"
             f"for argv in {list(argvs)!r}:\n"
             "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
             "        main(argv)\n"
             "print(' '.join(sorted(set(sys.modules) - before)))\n")
    ok = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    return ok.stdout.split()


def test_help_imports_only_what_it_prints():
    imported = imported_by(["--help"], ["train", "--help"], ["present", "--help"], ["serve", "--help"])
    assert not [m for m in imported if m.split(".")[0] in NOT_FOR_HELP or m in NOT_FOR_HELP]


def test_version_imports_neither_textual_nor_numpy():
    # --version reads the package metadata (importlib.metadata brings typing and more); not the app.
    assert not [m for m in imported_by(["--version"]) if m.split(".")[0] in ("textual", "rich", "numpy")]


# What the default app's first screen (Unroll, the lecture's models, Elman) has no use for: training,
# the encoder-decoder, gradient flow, writing files. Each is imported when a scene or command needs it.
NOT_FOR_THE_FIRST_SCREEN = ("rnn_tui.engine.train", "rnn_tui.engine.seq2seq", "rnn_tui.engine.gradients",
                            "rnn_tui.engine.safe_write", "rnn_tui.ui.scenes.train")


def test_the_default_first_screen_imports_no_training_or_encoder_decoder_code():
    """`rnn-tui` as the CLI builds it (options, session, app), headless, up to its first screen."""
    probe = ("import asyncio, sys\n"
             "from rnn_tui.cli import build_parser\n"
             "from rnn_tui.ui.launch import build_session\n"
             "from rnn_tui.ui.app import RnnApp\n"
             "args = build_parser().parse_args([])\n"
             "app = RnnApp(build_session(args), theme=args.theme, scene=args.scene)\n"
             "async def first_screen():\n"
             "    async with app.run_test(size=(80, 24)) as pilot:\n"
             "        await pilot.pause()\n"
             "        drawn = ''.join(strip.text for strip in app.screen._compositor.render_strips())\n"
             "        print(app.screen.NAME, 'reads' in drawn)\n"
             "asyncio.run(first_screen())\n"
             "print(' '.join(sorted(sys.modules)))\n")
    ok = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    shown, imported = ok.stdout.splitlines()
    assert shown == "unroll True"  # the first screen was drawn, caption and all
    assert [m for m in NOT_FOR_THE_FIRST_SCREEN if m in imported.split()] == []


def test_the_help_lists_every_topology():
    assert TOPOLOGY_NAMES == tuple(t.name for t in TOPOLOGIES)


@pytest.mark.parametrize("scene", ["unroll", "flatten"])
def test_the_first_scene_is_the_first_screen_and_is_styled_once(scene, monkeypatch):
    styled: Counter[int] = Counter()
    apply = Stylesheet.apply

    def counting(self, node, *args, **kwargs):
        styled[id(node)] += 1
        return apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)

    async def check(pilot, app):
        assert app.screen_stack == [app.screen] and app.screen.NAME == scene
        assert list(app._screen_stacks) == [scene]  # no default screen built before it
        assert app.screen.state is not None
        widgets = list(app.screen.walk_children(with_self=True))
        assert len(widgets) > 5
        # ... but for the footer keys the scene's first state greys out: composed with the screen
        # (so that they are in its first frame), before that state is made, they flip once.
        greyed = {w for w in widgets if isinstance(w, FooterKey) and w.has_class("-disabled")}
        assert {type(w).__name__: styled[id(w)] for w in widgets if styled[id(w)] != 1 + (w in greyed)} == {}

    drive(scene, check)


def test_the_first_screen_is_painted_once():
    """The title line, in the first screen's bytes: once (it was written three times, in three
    full frames, before the app started in its scene's mode)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app in an 80x24 terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env["TERM"] = "xterm-256color"
        os.execvpe(sys.executable, [sys.executable, "-m", "rnn_tui"], env)
    out = b""
    try:
        deadline = last = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                out += os.read(fd, 65536)
                last = time.monotonic()
            elif b"reads" in out and time.monotonic() - last > 1.0:  # the caption drawn, then a quiet second
                break
        assert b"reads" in out, out[-300:]
        assert out.count(b" rnn-tui ") == 1
        # The Footer's line once, with its keys: in the first frame, not blank there and then
        # drawn again a frame later (Textual's Footer composes its keys after the first frame).
        assert out.count(b"\x1b[24;1H") == 1
        assert b"Step" in out.split(b"\x1b[24;1H")[1].split(b"\x1b[?1049l")[0]
    finally:
        os.write(fd, b"q")
        os.waitpid(pid, 0)
        os.close(fd)
