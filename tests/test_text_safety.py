"""Text from outside (a weights file's words and labels, a typed sentence, a corpus) never reaches
the terminal as control characters: not in the app, not in the CLI's table, not in a notice."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from hypothesis import given, strategies as st
from ptyterm import start
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment

from rnn_tui.engine import run, tokenize, topology_by_name
from rnn_tui.engine.models import load_model
from rnn_tui.report import print_trace_table
from rnn_tui.ui.control_filter import ControlFilter
from rnn_tui.ui.safe import UNSAFE, terminal_safe

CLIPBOARD = "\x1b]52;c;SGVsbG8=\x1b\\"   # OSC 52: writes the clipboard
TITLE = "\x1b]2;PWNED\x1b\\"             # OSC 2: sets the window title
CLEAR = "\x1b[2J"                        # clears the screen
ATTACKS = (b"\x1b]52", b"\x1b]2;", b"\x1b[2J")


@pytest.fixture
def hostile_weights(tmp_path):
    """The shipped next-word model with escape sequences in its vocabulary, labels and name."""
    from rnn_tui.engine.models import BUILTIN, data_path

    with np.load(data_path(BUILTIN["lecture-next-word"])) as npz:
        data = dict(npz)
    vocab = list(data["vocab"])
    vocab[1] += CLIPBOARD
    vocab[2] = CLEAR + vocab[2]
    data["vocab"] = np.array(vocab)
    data["labels"] = np.array([label + TITLE for label in data["labels"]])
    data["meta"] = np.array(json.dumps({"name": "evil" + TITLE, "trained_for": "many-to-many"}))
    path = tmp_path / "hostile.npz"
    np.savez(path, **data)
    return path


@given(st.text())
def test_terminal_safe_drops_every_control_character_and_keeps_the_width(text):
    safe = terminal_safe(text)
    assert not UNSAFE.search(safe)
    assert cell_len(safe) == cell_len(text)


def test_the_filter_under_every_widget_drops_an_escape_sequence():
    segments = [Segment("word" + CLIPBOARD), Segment(" ok")]
    out = ControlFilter().apply(segments, background=None)  # type: ignore[arg-type]
    assert "".join(s.text for s in out) == "word]52;c;SGVsbG8=\\ ok"


def test_the_cli_table_shows_escapes_as_text(hostile_weights):
    model = load_model(str(hostile_weights))
    trace = run(model, tokenize("hi my name"), topology_by_name("many-to-one"))
    out = io.StringIO()
    print_trace_table(trace, Console(file=out, force_terminal=True, width=200, color_system=None))
    printed = out.getvalue()
    assert "\x1b" not in printed
    assert "\\x1b]2;PWNED" in printed  # the label, visible for what it is


@pytest.mark.parametrize("scene", ["order"])
def test_the_app_writes_no_escape_from_a_weights_file(hostile_weights, scene):
    term = start("--weights", str(hostile_weights), "--scene", scene)
    try:
        term.read(20, until=b"rnn-tui")
        for key in (b"n", b"n", b"n", b"l", b"n"):
            term.write(key)
            term.read(0.4)
        term.write(b"q")
        term.read(10)
    finally:
        term.close()
    for attack in ATTACKS:
        assert attack not in term.output
    assert b"Traceback" not in term.output
