"""The top line: scene, topology, sentence and model, so a late-comer knows where we are."""

from __future__ import annotations

from typing import Hashable

from rich.text import Text

from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes import position
from rnn_tui.ui.view import View
from rnn_tui.ui.widgets.pane import Pane


class StatusLine(Pane):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.where = ""  # "sentence 2/3", set by the scene with the view
        self.text = ""   # the sentence as typed: user text, shown as it is, never as markup

    def key(self, view: View) -> Hashable:
        return (id(view.trace), view.cursor, self.where, self.text, view.guessing)

    def render(self) -> Text:
        v = self.view
        if v is None:
            return Text("")
        tr = v.trace
        text = Text.assemble(
            (" rnn-tui ", self.style("current")), " {}/{} ".format(*position("unroll")),
            (f"{tr.topology.key} {tr.topology.title}", self.style("heading")),
            f" │ t={v.step.t}/{len(tr.steps)}",
            "  guess mode" if v.guessing else "",
            f" │ {self.where}: ", user_text(self.text),
            f" │ model {tr.model.name} (H={tr.model.hidden_size})",
        )
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text
