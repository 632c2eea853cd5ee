"""Scene 1: sequences are everywhere, and they come in different lengths; which network fits
which data, each with the board's example."""

from __future__ import annotations

from functools import lru_cache

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal

from rnn_tui.ui.render.braille import Canvas
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.drawing import lines
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.sequences import ANN, CNN, IMAGE_SIZE, PASSENGERS, SequencesState, digit_image, make_state

RECURRENCE = (  # the RNN of the board: one cell, its state fed back
    "       ┌─────┐",
    " x_t ─►│ RNN │─► h_t",
    "       └─────┘  │",
    "          ▲     │",
    "          └─────┘ h_t-1",
)


@lru_cache(maxsize=1)
def digit_rows() -> list[str]:
    """The 28 x 28 digit as braille: 14 x 7 characters, every pixel a dot."""
    canvas = Canvas(IMAGE_SIZE // 2, IMAGE_SIZE // 4)
    for y, x in zip(*digit_image().nonzero(), strict=True):
        canvas.set(x, y)
    return canvas.rows()


class KindsBoard(Board):
    def render(self) -> Table:
        table = Table(box=None, expand=True, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(style=self.style("muted"))
        for kind, example, what in self.state.kinds if self.state else ():
            table.add_row(kind, user_text(example), what)  # the text example is the corpus's: data
        return table


class ModelsBoard(Board):
    def render(self) -> Table:
        table = Table(box=None, expand=True, pad_edge=False, title="which network fits which data",
                      title_justify="left", title_style=self.style("heading"))
        table.add_column("data", no_wrap=True)
        table.add_column("its shape", no_wrap=True)
        table.add_column("network", style="bold", no_wrap=True)
        for row in self.state.models if self.state else ():
            table.add_row(*row)
        return table


class ExampleBoard(Board):
    """Beside the table, the board's example of the network in its latest row."""

    def shown(self, state: SequencesState) -> bool:
        return state.example is not None

    def draw(self, width: int) -> Text:
        state: SequencesState = self.state
        which = state.example
        if which is None:
            return Text("")
        if which == ANN:
            rows = [Text("ANN (feed-forward): a row in", self.style("heading"))]
            for n, (gender, fare, survived) in enumerate(PASSENGERS):
                rows.append(Text(f"{gender:<7} {fare:>6}  {survived}", self.style("muted") if n == 0 else ""))
            return lines(rows)
        if which == CNN:
            return lines([Text(f"CNN: {IMAGE_SIZE} × {IMAGE_SIZE} = {IMAGE_SIZE ** 2} pixels", self.style("heading")),
                          *(Text(row) for row in digit_rows())])
        return lines([Text("RNN (1980s): its state fed back", self.style("heading")),
                      *(Text(row) for row in RECURRENCE),
                      Text("a word a step, the same weights", self.style("muted"))])


class CorpusBoard(Board):
    def render(self) -> Table | Text:
        if self.state is None:
            return Text("")
        corpus = self.state.corpus
        table = Table(box=None, expand=True, pad_edge=False, title=user_text(f"our corpus ({corpus.source})"),
                      title_justify="left", title_style=self.style("heading"))
        table.add_column("#", justify="right")
        table.add_column("sentence")
        table.add_column("words", justify="right")
        table.add_column("label", justify="right")
        shown = corpus.sentences[:12]
        for i, s in enumerate(shown, 1):
            label = "-" if s.label is None else str(s.label)
            table.add_row(str(i), user_text(s.text), str(len(s.words)), label)
        if len(corpus.sentences) > len(shown):
            table.add_row("…", Text(f"{len(corpus.sentences) - len(shown):,} more sentences"), "", "")
        return table


class SequencesScene(LessonScene[SequencesState]):
    NAME = "sequences"
    TITLE = "Sequences"

    def make_state(self, previous: SequencesState | None) -> SequencesState:
        return make_state(self.session.corpus, previous)

    def compose_body(self) -> ComposeResult:
        yield KindsBoard(id="kinds").data_bind(state=Scene.state)
        with Horizontal(id="sequences-row"):
            yield ModelsBoard(id="models").data_bind(state=Scene.state)
            yield ExampleBoard(id="example").data_bind(state=Scene.state)
        yield CorpusBoard(id="corpus").data_bind(state=Scene.state)
