"""Scene: backpropagation through time, and why long sentences are hard. A gradient of length 1
enters the last hidden state and flows back step by step; each step multiplies it by W_hhᵀ and
tanh', so it shrinks (vanishes) or, with a large W_hh, grows (explodes). The chart's log axis
is fixed, so x0.5, x1, x2 and x4 are drawn on the same scale."""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from rnn_tui.ui.render.chart import BLOCKS, columns, on_log_axis
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.cells_chart import CellsChart, CellsDetail, CellsSentence
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.gradients import FLOOR, SCALES, TOP, GradientState, make_state  # noqa: F401 - SCALES for tests
from rnn_tui.ui.state.wording import sub

CHART_ROWS = 7
LABEL = 8          # the axis labels' width
NOT_YET = "·"      # a step not yet reached: nothing drawn, a dot on the floor
BELOW = "↓"        # a step reached whose share fell below the floor
ABOVE = "↑"        # a step reached whose share rose above the top


def axis_label(row: int) -> str:
    """The share at the top edge of a row (0: the chart's top): 10⁴, 10², 1, 10⁻², ..."""
    decades = math.log10(TOP) - math.log10(FLOOR)
    exponent = round(math.log10(TOP) - row * decades / CHART_ROWS)  # two decades a row
    return "1" if exponent == 0 else f"10{sub(exponent).replace('₋', '⁻')}".translate(
        str.maketrans("₀₁₂₃₄₅₆₇₈₉", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


class NormChart(Board):
    """How much of the gradient reaches each step, on one fixed log axis, revealed from the last
    step back."""

    def shown(self, state: GradientState) -> bool:
        return state.cells is None  # `c` compares the three cells instead

    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None:
            return Text("")
        norms = state.flow.norms
        T = len(norms)
        room = max(1, self.size.width - LABEL)
        width = max(1, min(4, room // max(1, T)))
        fits = room // width
        first = max(0, min(state.reached - fits // 2, T - fits))  # a window round the step reached
        shown = range(first, min(T, first + fits))
        heights = [on_log_axis(float(norms[t]), FLOOR, TOP) if t >= state.reached else 0.0 for t in shown]
        lines = columns(heights, CHART_ROWS, width)
        text = Text(f"how much of a gradient entering h{sub(T)} reaches h_t (one fixed log axis)\n",
                    self.style("heading"))
        for r, line in enumerate(lines):
            text.append(f"{axis_label(r):>{LABEL - 1}} ", self.style("muted"))
            for i, t in enumerate(shown):
                seg = line[i * width:(i + 1) * width]
                if t < state.reached:
                    seg = (NOT_YET * width) if r == CHART_ROWS - 1 else seg
                    text.append(seg, self.style("muted"))
                    continue
                if r == CHART_ROWS - 1 and norms[t] <= FLOOR:
                    seg = BELOW * width
                elif r == 0 and not norms[t] < TOP:
                    seg = ABOVE * width
                text.append(seg, self.style("hot") if t == state.reached else self.style("positive"))
            text.append("\n")
        ticks = "".join(str((t + 1) % 10).ljust(width) for t in shown)
        text.append(" " * LABEL + ticks + " t\n", self.style("muted"))
        text.append(f"{BLOCKS[8]} reached   {NOT_YET} not yet   {BELOW} below {axis_label(CHART_ROWS)}   "
                    f"{ABOVE} above {axis_label(0)}", self.style("muted"))
        text.no_wrap, text.overflow = True, "ellipsis"
        return text


class StepDetail(Board):
    def shown(self, state: GradientState) -> bool:
        return state.cells is None  # `c` compares the three cells instead

    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None:
            return Text("")
        b = state.flow
        t = state.reached
        text = Text.assemble(
            (f"t={t + 1} ", "bold"), "reads ", user_text(repr(b.words[t])),
            f"   reaches h{sub(t + 1)}: {b.norms[t]:.2e} of 1")
        if t < len(b.words) - 1:
            f = b.factors[t]
            text.append(f"   = {f:.2f} x what reached h{sub(t + 2)}", self.style("hot"))
        text.append("\n")
        dh = b.dh[t]
        text.append(f"g{sub(t + 1)}: ")
        fit = max(1, (self.size.width - 22) // 9)
        for v in dh[:fit]:
            text.append(f"{v:+.1e} ", self.signed(v))
        if len(dh) > fit:
            text.append(f"… ({len(dh):,} units)", self.style("muted"))
        text.no_wrap, text.overflow = True, "ellipsis"
        return text


class SentenceLine(Board):
    def shown(self, state: GradientState) -> bool:
        return state.cells is None  # `c` compares the three cells instead

    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None:
            return Text("")
        words = state.flow.words
        text = Text("sentence: ", self.style("heading"))
        text.append_text(user_text(" ".join(words)))
        text.append_text(user_text(f"  ({len(words):,} words; no loss, no label: a fixed gradient)",
                                   self.style("muted")))
        return text


class GradientScene(LessonScene[GradientState]):
    NAME = "gradients"
    TITLE = "Gradients"
    BINDINGS = [
        Binding("x", "scale", "Scale W_hh", id="gradients.scale"),
        Binding("n", "sentence(1)", "Next sentence", show=False, id="gradients.next"),
        Binding("L", "long", "Long sentence", key_display="L", show=False, id="gradients.long"),
        Binding("c", "cells", "Compare cells", id="gradients.cells",
                tooltip="Elman, GRU and LSTM side by side on the memory task, or back to one model"),
    ]
    ONE_MODEL = {"scale", "sentence", "long"}   # greyed out while the three cells are compared

    def make_state(self, previous: GradientState | None) -> GradientState:
        return make_state(self.session.trained.get("sentiment"), previous)

    def compose_body(self) -> ComposeResult:
        yield SentenceLine(id="gradient-sentence").data_bind(state=Scene.state)
        yield NormChart(id="norm-chart").data_bind(state=Scene.state)
        yield StepDetail(id="step-detail").data_bind(state=Scene.state)
        yield CellsSentence(id="cells-sentence").data_bind(state=Scene.state)
        yield CellsChart(id="cells-chart").data_bind(state=Scene.state)
        yield CellsDetail(id="cells-detail").data_bind(state=Scene.state)

    def key_state(self, state: GradientState) -> tuple[object, ...]:
        return (*super().key_state(state), state.compares_cells)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ONE_MODEL and self.state is not None and self.state.compares_cells:
            return None
        return super().check_action(action, parameters)

    def details(self) -> list[tuple[str, str]]:
        said = super().details()
        if self.state is not None and self.state.compares_cells:  # three models, not the one in the title
            said[0] = ("models", "memory-elman, memory-gru, memory-lstm (H=16 each, trained for many-to-one)")
        return said

    def action_cells(self) -> None:
        self.state = self.state.toggled_cells()

    def action_scale(self) -> None:
        self.state = self.state.scaled()

    def action_sentence(self, delta: int) -> None:
        self.state = self.state.next_sentence(delta)

    def action_long(self) -> None:
        self.state = self.state.toggled_long()
