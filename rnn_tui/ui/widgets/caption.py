"""The caption: one line saying what this step did, and the topology's diagram."""

from __future__ import annotations


from rich.text import Text

from rnn_tui.ui.view import caption, topology_line, trained_note
from rnn_tui.ui.widgets.pane import Pane


class Caption(Pane):
    def render(self) -> Text:
        v = self.view
        if v is None:
            return Text("")
        line = Text(caption(v), self.style("heading"))
        diagram = Text(topology_line(v.trace), self.style("muted"))
        note = trained_note(v.trace)
        if note:
            diagram.append("  ⚠ " + note, self.style("active"))
        return Text("\n").join([line, diagram])
