"""Scene 1: sequences are everywhere, and they come in different lengths."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult

from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.sequences import SequencesState, make_state


class KindsBoard(Board):
    def render(self) -> Table:
        table = Table(box=None, expand=True, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(style=self.style("muted"))
        for row in self.state.kinds if self.state else ():
            table.add_row(*row)
        return table


class ModelsBoard(Board):
    def render(self) -> Table:
        table = Table(box=None, expand=True, pad_edge=False, title="which network fits which data",
                      title_justify="left", title_style=self.style("heading"))
        table.add_column("data")
        table.add_column("its shape")
        table.add_column("network", style="bold")
        for row in self.state.models if self.state else ():
            table.add_row(*row)
        return table


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
            table.add_row("…", Text(f"{len(corpus.sentences) - len(shown)} more sentences"), "", "")
        return table


class SequencesScene(LessonScene[SequencesState]):
    NAME = "sequences"
    TITLE = "Sequences"

    def make_state(self, previous: SequencesState | None) -> SequencesState:
        return make_state(self.session.corpus, previous)

    def compose_body(self) -> ComposeResult:
        yield KindsBoard(id="kinds").data_bind(state=Scene.state)
        yield ModelsBoard(id="models").data_bind(state=Scene.state)
        yield CorpusBoard(id="corpus").data_bind(state=Scene.state)
