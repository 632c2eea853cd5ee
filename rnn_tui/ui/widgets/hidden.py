"""The hidden state pane: h_{t-1} and h_t unit by unit, as signed bars with their values. For an
LSTM its memory cell c_t beside h_t (and h_{t-1} too where the pane is wide enough)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.text import Text

from rnn_tui.engine.rnn import Array
from rnn_tui.ui.render.bars import fmt, signed_bar
from rnn_tui.ui.state.cell_view import CELL
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.state.wording import sub
from rnn_tui.ui.widgets.pane import Pane

HALF = 3       # cells each side of a bar's axis at 80 columns; a wider pane draws longer bars
MAX_HALF = 12
ROW_HEAD = 4   # "  j "
VALUE = 7      # " +0.12" and the space before the next bar


class Column(NamedTuple):
    label: str
    values: Array
    phase: str | None  # the sub-step that computes it (None: known before the step)


class HiddenState(Pane):
    def _columns(self, v: UnrollState) -> list[Column]:
        s = v.step
        t, p = sub(s.t), sub(s.t - 1)
        before, after = Column(f"h{p}", s.h_prev, None), Column(f"h{t}", s.h, v.h_phase)
        if s.c is None:
            return [before, after]
        memory = Column(f"c{t}", s.c, CELL)
        three = ROW_HEAD + 3 * (2 * HALF + 1 + VALUE)
        return [before, memory, after] if self.size.width >= three else [memory, after]

    def after_show(self, state: UnrollState) -> None:
        t = sub(state.step.t)
        if state.step.c is None:
            self.set_titles(f"hidden state h{sub(state.step.t - 1)} → h{t}")
        else:
            self.set_titles(f"memory c{t} and hidden state h{t}")

    def lines(self, v: UnrollState) -> Sequence[Text]:
        columns = self._columns(v)
        half = max(HALF, min(MAX_HALF, ((self.size.width - ROW_HEAD) // len(columns) - VALUE - 1) // 2))
        width = 2 * half + 1
        head = Text("  j ")
        for c in columns:
            lit = c.phase is not None and v.active(c.phase)
            head.append(c.label.center(width + 6), self.style("active") if lit else self.style("heading"))
            head.append(" ")

        def row(j: int) -> Text:
            text = Text(f"{j + 1:>3} ")
            for c in columns:
                if c.phase is None or v.done(c.phase):
                    value = float(c.values[j])
                    lit = c.phase is not None and v.active(c.phase)
                    text.append(signed_bar(value, half), self.signed(value))
                    text.append(f"{fmt(value):>6}", self.style("active") if lit else self.signed(value))
                elif v.hidden:
                    text.append(" " * half + "│" + " " * half + "     ?", self.style("muted"))
                else:
                    text.append(" " * (width + 6))
                text.append(" ")
            return text

        return self.unit_rows(head, len(v.step.h), row)
