"""The equation pane: h_t = tanh(W_ih x_t + W_hh h_{t-1} + b) with this step's numbers,
one row per hidden unit; the term being computed at this sub-step is lit."""

from __future__ import annotations

from rich.text import Text

from rnn_tui.ui.render.bars import fmt
from rnn_tui.ui.state.unroll import BIAS, INPUT, RECURRENT, TANH, UnrollState
from rnn_tui.ui.state.wording import sub
from rnn_tui.ui.widgets.pane import Pane

SUM = "sum"  # computed with tanh's sub-step: the pre-activation


class Equation(Pane):
    def after_show(self, state: UnrollState) -> None:
        s = state.step
        t = sub(s.t)
        col = "0 (no input)" if s.x_index is None else f"column {s.x_index}"
        # In an encoder-decoder each half has weights of its own: the title says whose.
        whose = f"{s.part}: " if s.part else ""
        x = f"[x{t}; c]" if s.cell.wc is not None else f"x{t}"  # a decoder that reads the context too
        self.border_title = f"{whose}h{t} = tanh(W_ih {x} + W_hh h{sub(s.t - 1)} + b)"
        owner = f"the {s.part}'s W_ih" if s.part else "W_ih"
        self.border_subtitle = f"W_ih x{t} = {col} of {owner}"

    @staticmethod
    def _lit(v: UnrollState, phase: str) -> bool:
        return v.active(TANH if phase == SUM else phase)

    @staticmethod
    def _shown(v: UnrollState, phase: str) -> bool:
        return v.done(TANH if phase == SUM else phase)

    def render(self) -> Text:
        v = self.state
        if v is None:
            return Text("")
        s = v.step
        t = s.t
        reads = "W_ih[x;c]" if s.cell.wc is not None else f"W_ih x{sub(t)}"
        columns = [
            (INPUT, reads, s.w_input), (RECURRENT, f"W_hh h{sub(t - 1)}", s.wh),
            (BIAS, "b", s.b_ih + s.b_hh), (SUM, "sum", s.pre), (TANH, f"h{sub(t)}=tanh", s.h),
        ]
        spread = max(7, min(12, (self.size.width - 3) // len(columns) - 1))  # a wider pane spreads its columns
        widths = [max(spread, len(label)) for _, label, _ in columns]
        if 3 + sum(w + 1 for w in widths) > self.size.width:
            # Too narrow (a scrollbar, or t >= 10): short labels; the border title has the subscripts.
            short = ["W_ih x" if s.cell.wc is None else "W[x;c]", "W_hh h", "b", "sum", "tanh"]
            columns = [(phase, label, values) for (phase, _, values), label in zip(columns, short, strict=True)]
            widths = [6] * len(columns)
        head = Text("  j")
        for (phase, label, _), w in zip(columns, widths, strict=True):
            head.append(" ")
            head.append(label.rjust(w), self.style("active") if self._lit(v, phase) else self.style("heading"))

        def row(j: int) -> Text:
            text = Text(f"{j + 1:>3}")
            for (phase, _, values), w in zip(columns, widths, strict=True):
                text.append(" ")
                if v.hidden and phase in (SUM, TANH):
                    text.append("?".rjust(w), self.style("muted"))
                elif self._lit(v, phase) or self._shown(v, phase):
                    value = values[j]
                    style = self.style("active") if self._lit(v, phase) else self.signed(value)
                    text.append(fmt(value).rjust(w), style)
                else:
                    text.append("·".rjust(w), self.style("muted"))
            return text

        return self.unit_rows(head, len(s.h), row)
