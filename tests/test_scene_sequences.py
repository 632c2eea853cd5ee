"""Scene 1, Sequences: kinds of sequential data, which network fits which data, and the
corpus's sentences with their lengths, from the engine."""

from __future__ import annotations

from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus, Sentence
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.sequences import ANN, CNN, RNN, digit_image, make_state

from helpers import drive


def _plain(widget) -> str:
    from rich.console import Console

    console = Console(width=78, record=True, file=open("/dev/null", "w"))
    console.print(widget.render())
    return console.export_text()


def test_the_corpus_table_gives_each_sentences_length_and_label_and_the_caption_the_range():
    async def script(pilot, app):
        corpus = _plain(app.screen.query_one("#corpus"))
        for n, (sentence, words, label) in enumerate(
                [("Hi my name is Barry", 5, 0), ("I love AI", 3, 1), ("Barry is my name", 4, 0)], 1):
            row = next(line for line in corpus.splitlines() if sentence in line)
            assert row.split()[0] == str(n) and row.split()[-2:] == [str(words), str(label)]
        assert "ANN" not in _plain(app.screen.query_one("#models"))  # revealed step by step
        await pilot.press("end")
        models = _plain(app.screen.query_one("#models"))
        assert "ANN" in models and "CNN" in models and "RNN (1980s)" in models
        caption = app.screen.query_one("#scene-caption").render()
        assert "from 3 to 5 words" in str(caption)
    drive("sequences", script)


def test_a_users_corpus_is_listed_as_typed_never_as_markup():
    corpus = Corpus((Sentence("[red]not red[/] at all", 1), Sentence("two words", 0)), "mine.csv")

    async def script(pilot, app):
        shown = _plain(app.screen.query_one("#corpus"))
        assert "[red]not red[/] at all" in shown and "mine.csv" in shown
        assert "[red]not red[/] at all" in _plain(app.screen.query_one("#kinds"))  # the text row, as typed
        await pilot.press("end")
        # "[red]not red[/] at all" is five words to the tokenizer: red not red at all
        assert "from 2 to 5 words" in str(app.screen.query_one("#scene-caption").render())
    drive("sequences", script, Session(corpus=corpus))


def test_the_boards_networks_come_one_a_step_each_with_its_example():
    state = make_state(LECTURE_CORPUS, None)
    assert [state.advance(k).example for k in range(8)] == [None] * 4 + [ANN, CNN, RNN, RNN]
    assert "gender and fare in, survived or not out" in state.advance(4).caption
    assert "28 × 28 = 784 pixels" in state.advance(5).caption
    assert state.advance(6).caption.startswith("The RNN (1980s) reads one item a step with the same weights")
    assert state.advance(7).caption.startswith("Our sentences run from 3 to 5 words")
    image = digit_image()
    assert image.shape == (28, 28) and 0 < image.sum() < 28 * 28 / 2


def test_the_text_row_shows_the_corpus_first_sentence():
    assert make_state(LECTURE_CORPUS, None).kinds[0][1] == "Hi my name is Barry"
    mine = Corpus((Sentence("the cat sat", 1),), "mine.txt")
    assert make_state(mine, None).kinds[0] == ("text", "the cat sat", "words, one after another")


def test_the_example_beside_the_table_is_the_boards():
    async def script(pilot, app):
        example = app.screen.query_one("#example")
        assert not example.display
        await pilot.press("right", "right", "right", "right")  # the ANN row
        text = example.draw(example.size.width).plain
        assert "ANN (feed-forward)" in text and "Gender    Fare  Survived" in text and "female   71.28  1" in text
        await pilot.press("right")  # the CNN row: the 28 x 28 digit, 14 x 7 braille characters
        rows = example.draw(example.size.width).plain.splitlines()
        assert rows[0] == "CNN: 28 × 28 = 784 pixels" and len(rows) == 8
        assert all(len(r) == 14 and all("\u2800" <= ch <= "\u28ff" for ch in r) for r in rows[1:])
        await pilot.press("right")  # the RNN of the 1980s
        text = example.draw(example.size.width).plain
        assert text.startswith("RNN (1980s)") and "h_t-1" in text
        assert app.screen.query_one("#scene-body").max_scroll_y == 0  # it all fits 80x24
    drive("sequences", script)
