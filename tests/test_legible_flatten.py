"""Flatten with a corpus of more sentences than it feeds (4): the table draws the fed ones at every
step. It raised ValueError in layout, where no pane guard catches it, and the app ended with a
traceback (found by the pty fuzz test on tests/data/small_sentiment.csv)."""

from __future__ import annotations

from test_scenes_lesson import assert_fits, board, press

from rnn_tui.engine import Corpus, Sentence
from rnn_tui.ui.session import Session

from helpers import drive

SIX = Corpus(tuple(Sentence(" ".join(["word"] * n)) for n in (2, 3, 2, 4, 5, 2)), source="six.txt")


def test_flatten_feeds_four_of_six_sentences_without_failing():
    async def script(pilot, app):
        for step in range(app.screen.state.last_step + 1):
            assert app.screen.state.step == step
            table = board(app, "table")
            assert "2 × 2 = 4" in table        # sentence 1: 2 words × V = 2 (word, <unk>)
            assert "5 × 2 = 10" not in table   # sentence 5 is never fed
            assert_fits(app)
            await press(pilot, "right")

    drive("flatten", script, Session(corpus=SIX))
