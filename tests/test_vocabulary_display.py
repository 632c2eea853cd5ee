"""Vocabularies of 7 and of 5,000 words on screen and in `rnn-tui trace`: a small one is shown
whole; a large one shows the hot word among its neighbours, where it sits, and the count."""

from __future__ import annotations

import pytest

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.engine.text import Vocabulary
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.onehot import GAP, window

from helpers import drive

FILLER = tuple(f"w{i}" for i in range(4990))
BIG_VOCAB = Vocabulary(FILLER + ("the", "food", "was", "good", "bad", "movie", "it", "is", "not", "<unk>"))
BIG = Model(Params.init(BIG_VOCAB.size, 8, BIG_VOCAB.size + 1, seed=1), BIG_VOCAB,
            BIG_VOCAB.tokens + ("<eos>",), name="big", trained_for="many-to-many")
SMALL_VOCAB = Vocabulary(("wonderful", "restaurant", "terrible", "waiter", "service", "never", "<unk>"))
SMALL = Model(Params.init(7, 4, 8, seed=2), SMALL_VOCAB, SMALL_VOCAB.tokens + ("<eos>",), name="small")


def test_window_keeps_the_hot_column_its_neighbours_and_earlier_rows_hot_columns():
    assert window([4] * 7, 3, [], 40) == list(range(7))  # it fits: every column
    cols = window([4] * 5000, 412, [3, 4999], 40)
    assert cols == [GAP, 3, GAP, 410, 411, 412, 413, GAP, 4999]
    assert window([4] * 50, 0, [], 30) == [0, 1, 2, 3, 4, GAP]
    assert window([4] * 50, None, [], 30) == [0, 1, 2, 3, 4, GAP]  # no hot column (no <unk>)


def onehot_lines(app) -> list[str]:
    return app.screen.query_one("#onehot").render().plain.splitlines()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_a_5000_word_vocabulary_shows_the_hot_word_its_neighbours_and_where_it_sits(size):
    corpus = Corpus((Sentence("the food was good"),), "test")

    async def script(pilot, app):
        await pilot.press("right", "right")  # x₃ = 'was', word 4,993 of 5,000
        pane = app.screen.query_one("#onehot")
        assert str(pane.border_title).startswith("one-hot x₃: word 4,993 of 5,000")
        head, *rows = onehot_lines(app)
        cells = head.split()
        assert cells[0] == "…" and cells[-1] == "…"  # runs of zero columns left out, both sides
        assert "was" in cells and {"food", "good"} <= set(cells)  # the hot word between its neighbours
        current = rows[-1].split()
        assert current[0] == "x₃" and current[1 + cells.index("was")] == "1"
        assert current.count("1") == 1 and "zero columns" not in head
        if size == (120, 40):  # room for the earlier rows, each with its 1 under its word
            assert [r.split()[1 + cells.index(w)] for r, w in zip(rows, ("the", "food", "was"), strict=True)] == [
                "1", "1", "1"]
            assert str(pane.border_title) == "one-hot x₃: word 4,993 of 5,000 (index 4,992)"
    drive("unroll", script, Session(corpus=corpus, weights=BIG), size=size)


def test_a_7_word_vocabulary_is_shown_whole_at_80x24():
    corpus = Corpus((Sentence("wonderful restaurant terrible waiter"),), "test")

    async def script(pilot, app):
        await pilot.press("right")
        head, *rows = onehot_lines(app)
        assert len(head.split()) == 7 and "…" not in head.split() and "zero columns" not in head
        assert head.split()[0].startswith("won") and head.split()[-1].startswith("<un")
        assert rows[-1].split()[1:] == ["0", "1", "0", "0", "0", "0", "0"]
        assert str(app.screen.query_one("#onehot").border_title) == "one-hot x₂  (V = 7)"
    drive("unroll", script, Session(corpus=corpus, weights=SMALL), size=(80, 24))


def test_the_trace_table_counts_a_large_vocabulary(cli, tmp_path):
    path = weights.save(BIG, tmp_path / "big.npz")
    code, out, _ = cli("trace", "--text", "the food was good", "--topology", "many-to-many",
                       "--weights", str(path), "--format", "table")
    assert code == 0
    assert "x of 5,000" in out
    assert "│ was   │      4,992 │" in out


def test_the_trace_table_marks_a_many_to_one_models_earlier_outputs(cli):
    code, out, _ = cli("trace", "--text", "the food was good", "--topology", "many-to-many",
                       "--weights", "sentiment", "--format", "table")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert [r.rstrip(" │").endswith("*") for r in rows] == [True, True, True, False]
    assert "* had the sentence stopped here: sentiment was trained to answer at the last word only" in out


def lesson_vector(app) -> list[str]:
    board = app.screen.query_one("#vector")
    return board.draw(board.size.width).plain.splitlines()


def test_the_onehot_lesson_windows_a_loaded_models_5000_words_like_the_unroll_pane():
    corpus = Corpus((Sentence("the food was good"),), "test")

    async def script(pilot, app):
        await pilot.press("right", "right", "right")  # 'was', word 4,993 of 5,000
        await pilot.pause()
        heading, index, words, x = lesson_vector(app)
        assert heading == "one-hot vector of 'was': word 4,993 of 5,000 (index 4,992), 0 elsewhere"
        cells = words.split()[1:]
        assert cells[0] == "…" and cells[-1] == "…" and {"food", "was", "good"} <= set(cells)
        assert index.split()[1 + cells.index("was")] == "4,992"
        assert x.split()[1 + cells.index("was")] == "1" and x.split().count("1") == 1
        vocabulary = app.screen.query_one("#vocabulary")
        assert "the loaded model's vocabulary, V = 5,000" in vocabulary.draw(vocabulary.size.width).plain
    drive("onehot", script, Session(corpus=corpus, weights=BIG), size=(80, 24))


def test_the_onehot_lesson_shows_a_7_word_models_vocabulary_whole():
    corpus = Corpus((Sentence("wonderful restaurant terrible waiter"),), "test")

    async def script(pilot, app):
        await pilot.press("right", "right")
        await pilot.pause()
        heading, index, words, x = lesson_vector(app)
        assert heading == "one-hot vector of 'restaurant': a 1 in column 1, 0 in the other 6"
        assert words.split()[1:] == list(SMALL_VOCAB.tokens) and "…" not in words
        assert x.split()[1:] == ["0", "1", "0", "0", "0", "0", "0"]
    drive("onehot", script, Session(corpus=corpus, weights=SMALL), size=(80, 24))
