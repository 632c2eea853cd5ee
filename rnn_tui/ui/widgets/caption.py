"""The caption: what this step did (a line, two when it needs them), and a line with the topology
in words and a warning when the weights were not trained for it. That line never wraps: at 80
columns the topology's example goes first, then its words, each cut with "…"; the warning is cut
last (`?` has it whole)."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text

from rnn_tui.ui.render.fit import Part, cut_to, fit
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.widgets.pane import Pane


CAPTION_LINES = 2


class Caption(Pane):
    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        return super().key(state) + (state.refused, self.size.width)

    def on_resize(self) -> None:
        self.redraw()

    def after_show(self, state: UnrollState) -> None:
        # Its height follows the caption's length: a new layout only when that changes.
        rows = min(CAPTION_LINES, len(user_text(state.caption).wrap(self.app.console, max(1, self.size.width))))
        if rows != getattr(self, "_rows", None):
            self._rows = rows
            self.refresh(layout=True)

    def render(self) -> Text:
        v = self.state
        if v is None:
            return Text("")
        width = max(1, self.size.width)  # 0 before the first layout
        # The caption is read aloud: it may take two lines (the topology's line below it then
        # makes three), and is cut with "…" only beyond that.
        lines = user_text(v.caption, self.style("heading")).wrap(self.app.console, width)  # it quotes words
        line = Text("\n").join(lines[:CAPTION_LINES])
        if len(lines) > CAPTION_LINES:
            line = Text("\n").join([*lines[:CAPTION_LINES - 1], cut_to(lines[CAPTION_LINES - 1] + Text(" …"), width)])
        if v.refused:  # nothing to say about a topology that did not run
            return line
        parts: list[Part | str] = [Part(text, cut, keep, self.style("muted")) for text, cut, keep in v.topology_parts]
        note = v.trained_note
        if note:
            parts += ["  ", Part(f"⚠ {note}", cut=5, keep=16, style=self.style("active"))]
        lines = Text("\n").join([line, fit(parts, width)])
        lines.no_wrap = True
        return lines
