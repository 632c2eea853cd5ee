"""Scene: backpropagation through time, and why long sentences are hard. The gradient of the
loss at the last word flows back step by step; each step multiplies it by W_hh and tanh',
so it shrinks (vanishes) or, with a large W_hh, grows (explodes)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from rnn_tui.ui.render.chart import columns, log_heights
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.gradients import SCALES, GradientState, make_state  # noqa: F401 - SCALES for tests
from rnn_tui.ui.state.wording import sub

CHART_ROWS = 7


class NormChart(Board):
    """||dL/dh_t|| per step on a log scale, revealed from the last step back."""

    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None:
            return Text("")
        b = state.backward
        T = len(b.words)
        shown = state.revealed
        norms = [float(n) if t >= T - shown else 0.0 for t, n in enumerate(b.norms)]
        width = max(1, min(4, (self.size.width - 8) // max(1, T)))
        heights, low, top = log_heights([n for n in norms if n > 0] or [1.0])
        full, i = [], 0
        for n in norms:
            if n > 0:
                full.append(heights[i])
                i += 1
            else:
                full.append(0.0)
        lines = columns(full, CHART_ROWS, width)
        text = Text("||dL/dh_t|| per step, log scale; the bold column is the step reached\n", self.style("heading"))
        for r, line in enumerate(lines):
            label = f"{top:7.0e} " if r == 0 else f"{low:7.0e} " if r == CHART_ROWS - 1 else " " * 8
            text.append(label, self.style("muted"))
            for t in range(T):
                seg = line[t * width:(t + 1) * width]
                style = self.style("hot") if t == T - shown else self.style("positive")
                text.append(seg, style)
            text.append("\n")
        ticks = "".join(str((t + 1) % 10).ljust(width) for t in range(T))
        text.append(" " * 8 + ticks + " t", self.style("muted"))
        return text


class StepDetail(Board):
    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None:
            return Text("")
        b = state.backward
        t = state.reached
        text = Text.assemble(
            (f"t={t + 1} ", "bold"), "reads ", user_text(repr(b.words[t])),
            f"   ||dL/dh{sub(t + 1)}|| = {b.norms[t]:.2e}")
        if t < len(b.words) - 1:
            f = b.factors[t]
            text.append(f"   = {f:.2f} x ||dL/dh{sub(t + 2)}||", self.style("hot"))
        text.append("\n")
        dh = b.dh[t]
        text.append(f"dL/dh{sub(t + 1)}: ")
        fit = max(1, (self.size.width - 22) // 9)
        for v in dh[:fit]:
            text.append(f"{v:+.1e} ", self.signed(v))
        if len(dh) > fit:
            text.append(f"… ({len(dh)} units)", self.style("muted"))
        return text


class SentenceLine(Board):
    def render(self) -> Text:
        state: GradientState | None = self.state
        if state is None:
            return Text("")
        words = state.backward.words
        text = Text("sentence: ", self.style("heading"))
        text.append_text(user_text(" ".join(words)))
        label = state.model.labels[state.backward.target]
        text.append_text(user_text(f"  ({len(words)} words; loss against '{label}')", self.style("muted")))
        return text


class GradientScene(LessonScene[GradientState]):
    NAME = "gradients"
    TITLE = "Gradients"
    BINDINGS = [
        Binding("x", "scale", "Scale W_hh", id="gradients.scale"),
        Binding("n", "sentence(1)", "Next sentence", show=False, id="gradients.next"),
        Binding("L", "long", "Long sentence", key_display="L", show=False, id="gradients.long"),
    ]

    def make_state(self, previous: GradientState | None) -> GradientState:
        return make_state(self.session.trained.get("sentiment"), previous)

    def compose_body(self) -> ComposeResult:
        yield SentenceLine(id="gradient-sentence").data_bind(state=Scene.state)
        yield NormChart(id="norm-chart").data_bind(state=Scene.state)
        yield StepDetail(id="step-detail").data_bind(state=Scene.state)

    def action_scale(self) -> None:
        self.state = self.state.scaled()

    def action_sentence(self, delta: int) -> None:
        self.state = self.state.next_sentence(delta)

    def action_long(self) -> None:
        self.state = self.state.toggled_long()
