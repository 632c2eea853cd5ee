"""The unrolled RNN: one cell per time step, chained by h arrows, inputs below, outputs above.
Folded, it is one cell with its loop: the recursion picture. Only the cells that fit are
drawn, around the cursor, so a step costs the same for a 3-word and a 3,000-word sentence."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.text import Text
from textual import events
from textual.message import Message

from rnn_tui.engine.topologies import FEEDBACK, NOTHING
from rnn_tui.ui.safe import printable
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.state.wording import sub
from rnn_tui.ui.widgets.pane import Pane

ARROW = "─▶"
HANDOVER = "═▶"  # an encoder-decoder's encoder hands its last state to the decoder here
LEAD = "h₀─▶"
MORE = " … 9,999 more ▶"  # the widest "more" marker: room is kept for it so the row never wraps


def _fit(word: str, width: int) -> str:
    return word if len(word) <= width else word[: width - 1] + "…"


class Timeline(Pane):
    class Jump(Message):
        """A cell was clicked: go to that step."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cells: list[tuple[int, int, int]] = []  # (x_start, x_end, step index) as last drawn

    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        # Nothing here depends on the sub-step, so walking sub-steps does not repaint the timeline.
        return (state.trace, state.cursor, state.hidden, state.guessing, state.folded, self.size.width)

    def lines(self, v: UnrollState) -> Sequence[Text]:
        return self._folded(v) if v.folded else self._unrolled(v)

    def _cell_width(self, v: UnrollState) -> int:
        """Wide enough for the longest input word or output label (of the first 50 steps), within
        reason: at 80 columns at most 10, wider on a wider terminal; a longer word ends in "…"."""
        steps = v.trace.steps[:50]
        labels = v.trace.model.labels
        words = [printable(s.input_token or "") for s in steps]
        words += [printable(labels[s.predicted]) for s in steps if s.predicted is not None]
        widest = max(10, min(16, self.size.width // 8))
        return max(6, min(widest, max(map(len, words), default=0) + 2))

    def _window(self, v: UnrollState, cw: int) -> range:
        n = len(v.trace.steps)
        fit = max(1, (self.size.width - len(LEAD) - 2) // (cw + len(ARROW)))
        if fit < n:  # not all fit: keep room for the "more" marker
            fit = max(1, (self.size.width - len(LEAD) - 2 - len(MORE)) // (cw + len(ARROW)))
        start = min(max(0, v.cursor - fit + 2), max(0, n - fit))
        return range(start, min(n, start + fit))

    def _unrolled(self, v: UnrollState) -> list[Text]:
        cw = self._cell_width(v)
        window = self._window(v, cw)
        rows = [Text() for _ in range(5)]  # output, up-arrow, cells, up-arrow, input
        lead = LEAD if window.start == 0 else "◀ …"
        for i, r in enumerate(rows):
            r.append(lead if i == 2 else " " * len(lead))
        self._cells = []
        for i in window:
            s = v.trace.steps[i]
            style = self.style("current") if i == v.cursor else self.style("future") if i > v.cursor else None
            # In guess mode no output after the cursor is drawn, nor an input fed back from one.
            secret = v.secret(i)
            x0 = rows[2].cell_len
            best = s.predicted
            if best is not None:  # where the topology reads an output
                out = "?" if secret else printable(v.trace.model.labels[best])
                rows[0].append(_fit(out, cw).center(cw), style if i >= v.cursor else self.style("hot"))
                rows[1].append("↑".center(cw), style if i > v.cursor else None)
            else:
                rows[0].append(" " * cw)
                rows[1].append(" " * cw)
            rows[2].append(f"[h{sub(s.t)}]".center(cw), style)
            if s.source == NOTHING:
                rows[3].append(" " * cw)
                rows[4].append("(none)".center(cw), self.style("muted"))
            else:
                rows[3].append(("↻" if s.source == FEEDBACK else "↑").center(cw), style if i > v.cursor else None)
                hide = (secret and s.source == FEEDBACK) or v.word_secret(i)  # it would give an answer away
                word = "?" if hide else printable(s.input_token or "")
                rows[4].append(_fit(word, cw).center(cw), style)
            self._cells.append((x0, x0 + cw, i))
            more = i < len(v.trace.steps) - 1
            arrow = HANDOVER if i == v.trace.handover else ARROW
            for r in rows:
                r.append(arrow if r is rows[2] and more else " " * len(ARROW),
                         self.style("future") if r is rows[2] and i >= v.cursor else None)
        if window.stop < len(v.trace.steps):
            rows[2].append(f" … {len(v.trace.steps) - window.stop:,} more ▶")
        for r in rows:
            r.no_wrap, r.overflow = True, "ellipsis"
        return rows

    def _folded(self, v: UnrollState) -> list[Text]:
        s = v.step
        best = s.predicted
        out = "(no output)" if best is None else "?" if v.hidden else printable(v.trace.model.labels[best])
        word = "(nothing)" if s.source == NOTHING else printable(s.input_token or "")
        pad = " " * 6
        t = sub(s.t)
        when = (f"t={s.t} of {len(v.trace.steps)}", self.style("current"))
        self._cells = []
        if s.c is not None:  # the LSTM: two loops, c on top (as it is), h below (through W_hh)
            lines = [
                Text.assemble(pad, "        y", t, " = ", Text(out)),
                Text.assemble(pad, "╭─── c ", "─" * (len(t) * 2), "─────╮     the same W_ih, W_hh, b at every step"),
                Text.assemble(pad, "├─▶[ h", t, " c", t, " ]──┤     ", when, ": two loops"),
                Text.assemble(pad, "╰── W_hh ", "─" * (len(t) * 2), "───╯     h", t, " goes back through W_hh, c", t,
                              " as it is"),
                Text.assemble(pad, "        ↑ x", t, " = ", Text(word)),
            ]
            return lines
        back = f" goes back in as the next step's h{' (through its gates)' if v.trace.cell == 'gru' else ''}"
        lines = [
            Text.assemble(pad, "      y", t, " = ", Text(out)),
            Text.assemble(pad, "      ↑        the same W_ih, W_hh, b at every step"),
            Text.assemble(pad, "╭─▶[ h", t, " ]─╮     ", when),
            Text.assemble(pad, "╰── W_hh " + "─" * len(t) + "╯", "     h", t, back),
            Text.assemble(pad, "      ↑ x", t, " = ", Text(word)),
        ]
        return lines

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # cells are laid out inside the padding
        if offset is None:
            return
        for x0, x1, i in self._cells:
            if x0 <= offset.x < x1:
                self.post_message(self.Jump(i))
                return
