"""The hidden state pane: h_{t-1} and h_t unit by unit, as signed bars with their values."""

from __future__ import annotations

from rich.text import Text

from rnn_tui.ui.render.bars import fmt, signed_bar
from rnn_tui.ui.state.unroll import TANH, UnrollState
from rnn_tui.ui.state.wording import sub
from rnn_tui.ui.widgets.pane import Pane

HALF = 3       # cells each side of a bar's axis at 80 columns; a wider pane draws longer bars
MAX_HALF = 12
FIXED = 19     # "  j " and two values with their spaces: the row's cells that are not bars


class HiddenState(Pane):
    def after_show(self, state: UnrollState) -> None:
        t = state.step.t
        self.border_title = f"hidden state h{sub(t - 1)} → h{sub(t)}"

    def render(self) -> Text:
        v = self.state
        if v is None:
            return Text("")
        s = v.step
        t = s.t
        half = max(HALF, min(MAX_HALF, (self.size.width - FIXED) // 4))
        width = 2 * half + 1
        head = Text("  j ")
        head.append(f"h{sub(t - 1)}".center(width + 6), self.style("heading"))
        head.append(f"h{sub(t)}".center(width + 6), self.style("active") if v.active(TANH) else self.style("heading"))

        def row(j: int) -> Text:
            text = Text(f"{j + 1:>3} ")
            old = s.h_prev[j]
            text.append(signed_bar(old, half), self.signed(old))
            text.append(f"{fmt(old):>6}", self.signed(old))
            if v.done(TANH):
                new = s.h[j]
                text.append(" " + signed_bar(new, half), self.signed(new))
                text.append(f"{fmt(new):>6}", self.style("active") if v.active(TANH) else self.signed(new))
            else:
                text.append(" " + " " * half + "│" + " " * half + "     ?" if v.hidden else " " * (width + 7),
                            self.style("muted"))
            return text

        return self.unit_rows(head, len(s.h), row)
