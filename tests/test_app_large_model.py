"""A wide model (H = 64) at 80x24: the equation and hidden-state panes draw only the rows on
screen, so a step costs the same whatever H is; scrolling brings the right numbers into view."""

from __future__ import annotations

from textual.containers import VerticalScroll

from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.ui.session import Session

from helpers import drive

WORDS = "hi my name is barry".split()
CORPUS = Corpus((Sentence(" ".join(WORDS)),), "test")
VOCAB = CORPUS.vocab
MODEL = Model(Params.init(VOCAB.size, 64, VOCAB.size + 1, seed=5), VOCAB, VOCAB.tokens + ("<eos>",), name="wide")


def unit_rows(app) -> dict[int, list[str]]:
    """Unit number -> the numbers on its row, for the rows drawn (blank rows are off screen)."""
    rows = {}
    for line in app.screen.query_one("#equation").render().plain.splitlines()[1:]:
        cells = line.split()
        if cells:
            rows[int(cells[0])] = cells[1:]
    return rows


def test_only_the_rows_on_screen_are_drawn_and_scrolling_draws_the_others():
    async def script(pilot, app):
        await pilot.press("right")
        step = app.session.trace().steps[1]
        drawn = unit_rows(app)
        assert 1 in drawn and 64 not in drawn  # the pane shows about a dozen of 64 rows
        assert len(drawn) < 20
        for j, cells in drawn.items():
            assert cells[-1] == f"{step.h[j - 1]:+.2f}"
        scroll = app.screen.query_one("#units-scroll", VerticalScroll)
        scroll.scroll_end(animate=False)
        await pilot.pause()
        drawn = unit_rows(app)
        assert 64 in drawn and 1 not in drawn
        for j, cells in drawn.items():
            assert cells[-1] == f"{step.h[j - 1]:+.2f}"
    drive("unroll", script, Session(corpus=CORPUS, weights=MODEL))
