"""Scene 1, Sequences: kinds of sequential data, which network fits which data, and the
corpus's sentences with their lengths, from the engine."""

from __future__ import annotations

from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.ui.session import Session

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
        assert "ANN (feed-forward)" in models and "CNN" in models and "RNN" in models
        caption = app.screen.query_one("#scene-caption").render()
        assert "from 3 to 5 words" in str(caption)
    drive("sequences", script)


def test_a_users_corpus_is_listed_as_typed_never_as_markup():
    corpus = Corpus((Sentence("[red]not red[/] at all", 1), Sentence("two words", 0)), "mine.csv")

    async def script(pilot, app):
        shown = _plain(app.screen.query_one("#corpus"))
        assert "[red]not red[/] at all" in shown and "mine.csv" in shown
        await pilot.press("end")
        # "[red]not red[/] at all" is five words to the tokenizer: red not red at all
        assert "from 2 to 5 words" in str(app.screen.query_one("#scene-caption").render())
    drive("sequences", script, Session(corpus=corpus))
