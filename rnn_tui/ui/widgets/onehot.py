"""The one-hot pane: x_t with every vocabulary word labelled, and the sentence's one-hot
matrix so far. A vocabulary too wide for the pane keeps the columns of the words read so far."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text

from rnn_tui.ui.safe import printable
from rnn_tui.ui.state.unroll import INPUT, UnrollState
from rnn_tui.ui.state.wording import sub
from rnn_tui.ui.widgets.pane import Pane

ROW_LABEL = 5  # "x₁₂ " and a space


class OneHot(Pane):
    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        return (state.trace, state.cursor, state.active(INPUT), self.size.width, self.size.height)

    def on_resize(self) -> None:
        self.redraw()

    def after_show(self, state: UnrollState) -> None:
        vocab = state.trace.model.vocab
        self.border_title = f"one-hot x{sub(state.step.t)}  (V = {vocab.size})"

    def _columns(self, v: UnrollState) -> tuple[list[int], int]:
        """The vocabulary columns to draw, and how many all-zero columns were left out."""
        vocab = v.trace.model.vocab
        every = list(range(vocab.size))
        width = ROW_LABEL + sum(len(printable(t)) + 1 for t in vocab.tokens)
        if width <= self.size.width:
            return every, 0
        used = sorted({s.x_index for s in v.trace.steps[: v.cursor + 1] if s.x_index is not None})
        return used, vocab.size - len(used)

    def render(self) -> Text:
        v = self.state
        if v is None:
            return Text("")
        vocab = v.trace.model.vocab
        cols, left_out = self._columns(v)
        head = Text(" " * ROW_LABEL)
        for c in cols:
            head.append(printable(vocab.tokens[c]) + " ", self.style("heading"))
        if left_out:
            head.append(f"+{left_out} zero columns", self.style("muted"))
        lines = [head]
        room = max(1, self.size.height - 1)  # rows below the header
        first = 0
        if v.cursor + 1 > room:  # keep the latest rows, the current one always among them
            first = v.cursor + 1 - max(1, room - 1)
            if room > 1:
                lines.append(Text(f"  ⋮  {first} earlier rows", self.style("muted")))
        for i in range(first, v.cursor + 1):
            s = v.trace.steps[i]
            current = i == v.cursor
            row = Text()
            row.append(f"x{sub(s.t)}".ljust(ROW_LABEL), self.style("current") if current else None)
            for c in cols:
                w = len(printable(vocab.tokens[c]))
                if s.x_index == c:
                    style = self.style("active" if current and v.active(INPUT) else "hot")
                    row.append("1".rjust(w), style)
                else:
                    row.append("0".rjust(w), self.style("muted"))
                row.append(" ")
            lines.append(row)
        return Text("\n").join(lines)
