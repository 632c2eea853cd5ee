"""The caption: one line saying what this step did, and one with the topology in words and a
warning when the weights were not trained for it. Neither wraps: at 80 columns the topology's
example goes first, then its words, each cut with "…"; the warning is cut last (`?` has it whole)."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text

from rnn_tui.ui.render.fit import Part, cut_to, fit
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.widgets.pane import Pane


class Caption(Pane):
    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        return super().key(state) + (state.refused, self.size.width)

    def on_resize(self) -> None:
        self.redraw()

    def render(self) -> Text:
        v = self.state
        if v is None:
            return Text("")
        width = self.size.width
        line = cut_to(user_text(v.caption, self.style("heading")), width)  # it quotes words and labels
        parts: list[Part | str] = [Part(text, cut, keep, self.style("muted")) for text, cut, keep in v.topology_parts]
        note = v.trained_note
        if note:
            parts += ["  ", Part(f"⚠ {note}", cut=5, keep=16, style=self.style("active"))]
        lines = Text("\n").join([line, fit(parts, width)])
        lines.no_wrap = True
        return lines
