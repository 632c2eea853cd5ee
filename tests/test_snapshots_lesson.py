"""One SVG snapshot per lesson scene (One-hot, Flatten, Padding, Order) at 80x24, on the step
a lecturer stops at. Regenerate deliberately, after looking at the report:

    pytest tests/test_snapshots_lesson.py --snapshot-update
"""

from __future__ import annotations

import pytest
import textual.constants

from helpers import app_on

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def no_animations(monkeypatch):
    """TEXTUAL_ANIMATIONS=none: Textual reads it at import into textual.constants, and each App
    copies it in __init__, so patch both."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


def test_onehot_at_name(snap_compare):
    """Token 3, 'name', is new: index 2, its one-hot vector, the vocabulary so far."""
    assert snap_compare(app_on("onehot"), press=["right"] * 3, terminal_size=SIZE)


def test_flatten_rejects_sentence_two(snap_compare):
    """Sentence 2 fed to a layer built for sentence 1: input size error, 60 vs 36 and 40 vs 24."""
    assert snap_compare(app_on("flatten"), press=["right"] * 2, terminal_size=SIZE)


def test_padding_sentence_two(snap_compare):
    """'I love AI' padded with two rows of zeros; 90% of the padded matrix is zeros."""
    assert snap_compare(app_on("padding"), press=["right"], terminal_size=SIZE)


def test_order_verdict(snap_compare):
    """The same bag of words, different final hidden states, the conclusion."""
    assert snap_compare(app_on("order"), press=["right"] * 3, terminal_size=SIZE)


def test_sequences_at_the_end(snap_compare):
    """Scene 1 with everything revealed: kinds of sequences, which network fits which data,
    the corpus's sentences and lengths."""
    assert snap_compare(app_on("sequences"), press=["end"], terminal_size=SIZE)
