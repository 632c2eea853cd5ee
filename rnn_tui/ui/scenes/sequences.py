"""Scene 1: sequences are everywhere, and they come in different lengths."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult

from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, Scene

KINDS = [
    ("text", "Hi my name is Barry", "words, one after another"),
    ("time series", "12.1 12.4 12.3 12.9 13.4 …", "a price, a temperature, a heartbeat"),
    ("speech", "▁▃▇▅▂▁▆█▃▁▂▅▇▃", "sound samples, thousands a second"),
    ("DNA", "A C G T T A G C C A T …", "bases along a strand"),
]

MODELS = [
    ("tabular data", "a fixed set of columns", "ANN (feed-forward)"),
    ("images", "a fixed grid of pixels", "CNN"),
    ("sequences", "any length, order matters", "RNN"),
]


class KindsBoard(Board):
    def render(self) -> Table:
        scene = self.screen
        table = Table(box=None, expand=True, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(style=self.style("muted"))
        for i, (kind, example, what) in enumerate(KINDS):
            if i <= scene.step:
                table.add_row(kind, example, what)
        return table


class ModelsBoard(Board):
    def render(self) -> Table:
        scene = self.screen
        table = Table(box=None, expand=True, pad_edge=False, title="which network fits which data",
                      title_justify="left", title_style=self.style("heading"))
        table.add_column("data")
        table.add_column("its shape")
        table.add_column("network", style="bold")
        for i, row in enumerate(MODELS):
            if scene.step >= len(KINDS) + i:
                table.add_row(*row)
        return table


class CorpusBoard(Board):
    def render(self) -> Table:
        scene = self.screen
        corpus = scene.session.corpus
        table = Table(box=None, expand=True, pad_edge=False, title=f"our corpus ({corpus.source})",
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
            table.add_row("…", Text(f"{len(corpus.sentences) - len(shown)} more sentences"), "", "")
        return table


class SequencesScene(Scene):
    NAME = "sequences"
    TITLE = "Sequences"

    def compose_body(self) -> ComposeResult:
        yield KindsBoard(id="kinds")
        yield ModelsBoard(id="models")
        yield CorpusBoard(id="corpus")

    def last_step(self) -> int:
        return len(KINDS) + len(MODELS) - 1

    def caption(self) -> str:
        if self.step < len(KINDS):
            return f"Sequential data: {KINDS[self.step][0]}, {KINDS[self.step][2]}. Order matters. (→ for more)"
        lengths = self.session.corpus.lengths
        spread = f"{min(lengths)} to {max(lengths)} words" if min(lengths) != max(lengths) else f"{lengths[0]} words"
        if self.step < self.last_step():
            return "An ANN wants a fixed number of inputs; a CNN a fixed grid. Sentences have neither."
        return f"Our sentences run from {spread}: an RNN reads them one word at a time, whatever the length."
