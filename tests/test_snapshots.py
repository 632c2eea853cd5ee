"""SVG snapshots of the unroll scene at 80x24 (pytest-textual-snapshot).

They pin what the lecture hall sees: a change to a pane's layout, a colour or the footer
shows up as a failed comparison with a side-by-side report (snapshot_report.html).
After a deliberate change, look at the report, then regenerate:

    pytest tests/test_snapshots.py --snapshot-update

Stable only with a fixed size, no animations and no blinking cursor: the fixture below turns
animations off, and none of these screens focuses an Input. A Textual upgrade within 8.x
may re-render them; regenerate deliberately then.
"""

from __future__ import annotations

import pytest
import textual.constants

from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.session import Session

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def no_animations(monkeypatch):
    """TEXTUAL_ANIMATIONS=none. Textual reads the variable once, at import, into
    textual.constants, and each App copies it in __init__: so patch both."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


def unroll_app() -> RnnApp:
    return RnnApp(Session(), scene="unroll")


@pytest.mark.parametrize("key, topology", [
    ("1", "one_to_one"), ("2", "one_to_many"), ("3", "many_to_one"),
    ("4", "many_to_many"), ("5", "encoder_decoder"),
])
def test_unroll_topology(snap_compare, key, topology):
    assert snap_compare(unroll_app(), press=[key, "right"], terminal_size=SIZE)


def test_unroll_substep(snap_compare):
    # t=2, after "+ W_hh h₁": two columns of numbers, the rest "·".
    assert snap_compare(unroll_app(), press=["down", "down"], terminal_size=SIZE)


def test_help_screen(snap_compare):
    assert snap_compare(unroll_app(), press=["question_mark"], terminal_size=SIZE)


def test_light_theme(snap_compare):
    assert snap_compare(unroll_app(), press=["t", "right"], terminal_size=SIZE)


def test_unroll_gru_at_its_update_gate(snap_compare):
    # c: the GRU twin; t=2, the second sub-step: z₂ = σ(W_iz x₂ + W_hz h₁ + b_z), term by term.
    assert snap_compare(unroll_app(), press=["c", "right", "down", "down"], terminal_size=SIZE)


def test_unroll_lstm_whole_step(snap_compare):
    # c c: the LSTM twin at t=2: its gates f i g o (σ ones as 0..1 bars), c₂ beside h₂.
    assert snap_compare(unroll_app(), press=["c", "c", "right"], terminal_size=SIZE)


def test_unroll_lstm_folded(snap_compare):
    # The LSTM folded: one cell, two loops (c as it is, h through W_hh).
    assert snap_compare(unroll_app(), press=["c", "c", "f", "right"], terminal_size=SIZE)
