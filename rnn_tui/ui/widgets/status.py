"""The top line: scene, topology, sentence and model, so a late-comer knows where we are."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text

from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes import position
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.widgets.pane import Pane


class StatusLine(Pane):
    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        return (state.trace, state.cursor, state.where, state.text, state.guessing)

    def render(self) -> Text:
        v = self.state
        if v is None:
            return Text("")
        tr = v.trace
        text = Text.assemble(
            (" rnn-tui ", self.style("current")), " {}/{} ".format(*position("unroll")),
            (f"{tr.topology.key} {tr.topology.title}", self.style("heading")),
            f" │ t={v.step.t}/{len(tr.steps)}",
            "  guess mode" if v.guessing else "",
            f" │ {v.where}: ", user_text(v.text),
            " │ model ", user_text(tr.model.name), f" (H={tr.model.hidden_size})",
        )
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text
