"""The equation pane: h_t = tanh(W_ih x_t + W_hh h_{t-1} + b) with this step's numbers,
one row per hidden unit; the term being computed at this sub-step is lit. For a GRU or an LSTM:
at each sub-step the equation of the gate (or of c, or h) it computes, term by term; for the
whole step every gate's value, the σ gates as 0..1 bars (the columns come from state.cell_view)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from rnn_tui.ui.render.bars import bar, fmt
from rnn_tui.ui.state import cell_view
from rnn_tui.ui.state.cell_view import GATED_PHASES
from rnn_tui.ui.state.unroll import BIAS, INPUT, RECURRENT, TANH, UnrollState
from rnn_tui.ui.state.wording import fixed, sub
from rnn_tui.ui.widgets.pane import Pane

SUM = "sum"  # computed with tanh's sub-step: the pre-activation


class Equation(Pane):
    def after_show(self, state: UnrollState) -> None:
        s = state.step
        t = sub(s.t)
        if state.trace.cell != "elman":
            phase = self._gated_phase(state)
            self.set_titles((f"{s.part}: " if s.part else "") + cell_view.equation(s, phase),
                            cell_view.subtitle(s, phase))
            return
        col = "0 (no input)" if s.x_index is None else f"column {s.x_index:,}"
        # In an encoder-decoder each half has weights of its own: the title says whose.
        whose = f"{s.part}: " if s.part else ""
        x = f"[x{t}; c]" if s.cell.wc is not None else f"x{t}"  # a decoder that reads the context too
        owner = f"the {s.part}'s W_ih" if s.part else "W_ih"
        self.set_titles(f"{whose}h{t} = tanh(W_ih {x} + W_hh h{sub(s.t - 1)} + b)", f"W_ih x{t} = {col} of {owner}")

    @staticmethod
    def _lit(v: UnrollState, phase: str) -> bool:
        return v.active(TANH if phase == SUM else phase)

    @staticmethod
    def _shown(v: UnrollState, phase: str) -> bool:
        return v.done(TANH if phase == SUM else phase)

    @staticmethod
    def _gated_phase(v: UnrollState) -> str | None:
        """The gated sub-step whose equation is shown; None: every gate's value (the whole step, the output)."""
        return None if v.complete or v.phase not in GATED_PHASES else v.phase

    def lines(self, v: UnrollState) -> Sequence[Text]:
        if v.trace.cell != "elman":
            return self._gated(v)
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

    def _gated(self, v: UnrollState) -> Sequence[Text]:
        phase = self._gated_phase(v)
        columns = cell_view.columns(v.step, phase)
        w = max(7, min(16, (self.size.width - 3) // len(columns) - 1))
        labels = [c.label if len(c.label) <= w else c.short for c in columns]
        if 3 + sum(max(w, len(label)) + 1 for label in labels) > self.size.width:
            labels = [c.short for c in columns]
        head = Text("  j")
        for c, label in zip(columns, labels, strict=True):
            lit = v.active(c.phase) and (phase is None or c is columns[-1])  # a sub-step lights its result
            head.append(" ")
            head.append(label.rjust(w)[-w:], self.style("active") if lit else self.style("heading"))

        def row(j: int) -> Text:
            text = Text(f"{j + 1:>3}")
            for c in columns:
                text.append(" ")
                lit = v.active(c.phase) and (phase is None or c is columns[-1])
                if v.hidden:
                    text.append("?".rjust(w), self.style("muted"))
                elif not (lit or v.done(c.phase)):
                    text.append("·".rjust(w), self.style("muted"))
                elif c.gate:  # a σ gate: 0..1, a bar where there is room, and its value
                    value = float(c.values[j])
                    shown = fixed(value)
                    room = w - len(shown) - 1
                    drawn = (bar(value, room) + " " if room >= 2 else "") + shown
                    text.append(drawn.rjust(w), self.style("active") if lit else self.style("positive"))
                else:
                    value = c.values[j]
                    text.append(fmt(value).rjust(w), self.style("active") if lit else self.signed(value))
            return text

        return self.unit_rows(head, len(v.step.h), row)
