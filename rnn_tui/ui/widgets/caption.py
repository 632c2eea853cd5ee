"""The caption: one line saying what this step did, and the topology's diagram."""

from __future__ import annotations

from rich.text import Text

from rnn_tui.ui.safe import user_text
from rnn_tui.ui.widgets.pane import Pane


class Caption(Pane):
    def render(self) -> Text:
        v = self.state
        if v is None:
            return Text("")
        line = user_text(v.caption, self.style("heading"))  # it quotes words and labels
        diagram = Text(v.topology_line, self.style("muted"))
        note = v.trained_note
        if note:
            diagram.append("  ⚠ " + note, self.style("active"))
        return Text("\n").join([line, diagram])
