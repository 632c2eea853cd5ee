"""Flatten with a corpus of more sentences than it feeds (4): the table draws the fed ones at every
step. It raised ValueError in layout, where no pane guard catches it, and the app ended with a
traceback (found by the pty fuzz test on tests/data/small_sentiment.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest
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


@pytest.mark.slow   # about 10 s: a scene's first visit builds its state
def test_every_scene_with_the_fuzz_corpus_draws_its_first_and_last_step():
    """The pty fuzz test's corpus through every scene, first step and last, and help: what the fuzz
    reaches only in minutes (its 3 s passed 10 seeds of 10 on the code before the fixes, 43b835d;
    30 s failed 5 of 5). Flatten's crash above was live on main when this was written."""
    from rnn_tui.engine.corpus import load_corpus
    from rnn_tui.ui.scenes import NAMES

    corpus = load_corpus(Path(__file__).parent / "data" / "small_sentiment.csv")

    async def script(pilot, app):
        for number, name in enumerate(NAMES, 1):
            await pilot.press("j", str(number % 10), "end")
            await pilot.pause()
            assert app.current_mode == name
            await pilot.press("question_mark", "escape", "home")

    drive("sequences", script, Session(corpus=corpus))
