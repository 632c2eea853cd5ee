"""The Gradients scene's comparison of the three cells (`c`): one strip per cell on one fixed log
axis (the words left to right, revealed from the last word back), the LSTM's forget gate under
its strip, and the figures at the word reached. Drawn from the state's `GateLesson`."""

from __future__ import annotations

from rich.text import Text

from rnn_tui.ui.render.bars import sparkline
from rnn_tui.ui.render.chart import columns, on_log_axis
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board
from rnn_tui.ui.state.gradients import GradientState
from rnn_tui.ui.state.wording import pct, sub

ROWS, MAX_ROWS = 3, 8   # each cell's strip at 80x24, and at most on a tall screen
AROUND = 24             # the screen's height at which the strips have ROWS rows; each 3 more add a row
NAME, AXIS = 8, 6       # the label column: the cell's name or accuracy (or "LSTM f₁₀"), then the axis
LABEL = NAME + AXIS     # and a space before the strips
NOT_YET = "·"
DECIDING = "▲"


def power_of_ten(exponent: int) -> str:
    """ "1", "10⁻⁷", "10²": an axis label."""
    if exponent == 0:
        return "1"
    return "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


class CellsBoard(Board):
    """A board of the comparison: shown only while the three cells are compared (`c`)."""

    def shown(self, state: GradientState) -> bool:
        return state.cells is not None


class CellsSentence(CellsBoard):
    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None or state.cells is None:
            return Text("")
        lesson = state.cells
        text = Text("memory task, a test sentence: ", self.style("heading"))
        for t, word in enumerate(lesson.words):
            text.append_text(user_text(word, self.style("hot") if t == lesson.deciding else ""))
            text.append(" ")
        text.no_wrap, text.overflow = True, "ellipsis"
        return text


class CellsChart(CellsBoard):
    """Each cell's share of the gradient at the last word that reaches each word, on the one log
    axis the engine picked for all three; the LSTM's forget gate (its units that keep c the
    longest) on 0..1 under its strip."""

    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None or state.cells is None:
            return Text("")
        lesson = state.cells
        survival, forget = lesson.survival, lesson.forget
        T, low, high = len(lesson.words), *survival.decades
        rows = max(ROWS, min(MAX_ROWS, ROWS + (self.app.size.height - AROUND) // 3))
        room = max(1, self.size.width - LABEL)
        width = max(1, min(3, room // T))
        fits = room // width
        reached = T - 1 - state.step
        first = max(0, min(reached - fits // 2, T - fits))  # a window round the word reached
        shown = range(first, min(T, first + fits))
        text = Text("share of the last word's gradient reaching each word (log) · f: forget gate\n",
                    self.style("heading"))
        for cell in survival.cells:
            heights = [on_log_axis(float(cell.share[T - 1 - t]), 10.0**low, 10.0**high) if t >= reached else 0.0
                       for t in shown]
            names = [cell.name, f"{100 * lesson.accuracy[cell.cell]:.3g}%"]
            for r, line in enumerate(columns(heights, rows, width)):
                name = names[r] if r < len(names) else ""
                axis = power_of_ten(high) if r == 0 else power_of_ten(low) if r == rows - 1 else ""
                text.append(f"{name:<{NAME}}", self.style("heading"))
                text.append(f"{axis:>{AXIS - 1}} ", self.style("muted"))
                for i, t in enumerate(shown):
                    seg = line[i * width:(i + 1) * width]
                    if t < reached:
                        text.append(NOT_YET * width if r == rows - 1 else seg, self.style("muted"))
                    else:
                        text.append(seg, self.style("hot") if t == reached else self.style("positive"))
                text.append("\n")
        for u in forget.keepers(lesson.deciding_back):
            text.append(f"{'LSTM f' + sub(u + 1):<{NAME}}{'0..1':>{AXIS - 1}} ", self.style("muted"))
            text.append("".join(ch * width for ch in sparkline([float(forget.f[t, u]) for t in shown], 0.0, 1.0)),
                        self.style("heading"))
            text.append("\n")
        marks = "".join((DECIDING if t == lesson.deciding else " ") * width for t in shown)
        text.append(f"{'deciding':>{LABEL - 1}} ", self.style("muted"))
        text.append(marks, self.style("hot"))
        text.no_wrap, text.overflow = True, "ellipsis"
        return text


class CellsDetail(CellsBoard):
    """The figures at the word reached: each cell's share, then why the LSTM's is what it is."""

    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None or state.cells is None:
            return Text("")
        lesson, k = state.cells, state.step
        t = len(lesson.words) - 1 - k
        text = Text.assemble((f"{k} back ", "bold"), "reads ", user_text(repr(lesson.words[t])))
        if t == lesson.deciding:
            text.append(f" {DECIDING}", self.style("hot"))
        for cell in lesson.survival.cells:
            text.append(f"   {cell.name} {float(cell.share[k]):.1e}")
        forget, T = lesson.forget, len(lesson.words)
        for u in forget.keepers(lesson.deciding_back):
            text.append(f"\nLSTM unit {u + 1}: f keeps {pct(float(forget.kept(k)[u]))} of c{sub(t + 1)}; "
                        f"c{sub(T)} = {forget.c[-1, u]:+.2f}, tanh' {forget.slope[u]:.1e} lets "
                        f"{forget.entry[u]:.1e} in")
        text.no_wrap, text.overflow = True, "ellipsis"
        return text
