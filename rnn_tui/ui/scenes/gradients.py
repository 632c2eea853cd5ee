"""Scene: backpropagation through time, and why long sentences are hard. The gradient of the
loss at the last word flows back step by step; each step multiplies it by W_hh and tanh',
so it shrinks (vanishes) or, with a large W_hh, grows (explodes)."""

from __future__ import annotations

from functools import cached_property

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from rnn_tui.engine import tokenize
from rnn_tui.engine.gradients import Backward, backward_many_to_one
from rnn_tui.engine.models import load_model, sentiment_corpus
from rnn_tui.ui.scenes.base import Board, Scene
from rnn_tui.ui.view import sub
from rnn_tui.ui.render.chart import columns, log_heights

SCALES = (0.5, 1.0, 2.0, 4.0)
CHART_ROWS = 7
LONG = ("i thought the film would be great and the music was lovely but the story was boring "
        "and the food in the city was bad so it was awful")


class NormChart(Board):
    """||dL/dh_t|| per step on a log scale, revealed from the last step back."""

    def render(self) -> Text:
        scene: GradientScene = self.screen
        b = scene.backward
        T = len(b.words)
        shown = scene.revealed()
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
        scene: GradientScene = self.screen
        b = scene.backward
        T = len(b.words)
        t = T - scene.revealed()  # 0-based index of the step just reached
        text = Text.assemble(
            (f"t={t + 1} ", "bold"), "reads ", Text(repr(b.words[t])),
            f"   ||dL/dh{sub(t + 1)}|| = {b.norms[t]:.2e}")
        if t < T - 1:
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
        scene: GradientScene = self.screen
        text = Text("sentence: ", self.style("heading"))
        text.append(Text(" ".join(scene.words)))
        label = scene.base_model.labels[scene.target]
        text.append(f"  ({len(scene.words)} words; loss against '{label}')", self.style("muted"))
        return text


class GradientScene(Scene):
    NAME = "gradients"
    TITLE = "Gradients"
    BINDINGS = Scene.BINDINGS + [
        Binding("x", "scale", "Scale W_hh"),
        Binding("n", "sentence(1)", "Next sentence", show=False),
        Binding("L", "long", "Long sentence", key_display="L", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scale_index = 1
        self.sentence = 0
        self.long = True

    def compose_body(self) -> ComposeResult:
        yield SentenceLine(id="gradient-sentence")
        yield NormChart(id="norm-chart")
        yield StepDetail(id="step-detail")

    @cached_property
    def data(self):
        return sentiment_corpus().split("test")

    @cached_property
    def base_model(self):
        return getattr(self.session, "trained", {}).get("sentiment") or load_model("sentiment")

    @property
    def words(self) -> tuple[str, ...]:
        if self.long:
            return tuple(tokenize(LONG))
        return self.data.sentences[self.sentence % len(self.data.sentences)].words

    @property
    def target(self) -> int | None:
        if self.long:
            return 0  # a negative review
        return self.data.sentences[self.sentence % len(self.data.sentences)].label

    @property
    def backward(self) -> Backward:
        key = (self.words, SCALES[self.scale_index])
        if getattr(self, "_key", None) != key:
            model = self.base_model
            scaled = model.with_params(model.params.scaled_recurrence(SCALES[self.scale_index]))
            self._backward = backward_many_to_one(scaled, self.words, self.target)
            self._key = key
        return self._backward

    def revealed(self) -> int:
        """How many steps back from the loss are shown: 1 (the last step) .. T."""
        return self.step + 1

    def last_step(self) -> int:
        return len(self.words) - 1

    def subtitle(self) -> str:
        b = self.backward
        return f"W_hh x {SCALES[self.scale_index]:g}, σ_max(W_hh) = {b.sigma_max:.2f}, loss {b.loss:.3f}"

    def caption(self) -> str:
        b = self.backward
        T = len(b.words)
        t = T - self.revealed()
        if t == T - 1:
            return (f"t={T}: the loss is taken at the last word; its gradient enters h{sub(T)}. "
                    "→ walks it back in time.")
        ratio = b.norms[t] / b.norms[-1] if b.norms[-1] > 0 else 0.0
        trend = "vanishing" if ratio < 0.1 else "exploding" if ratio > 10 else "holding"
        return (f"t={t + 1}: back {T - 1 - t} steps, the gradient is {ratio:.1e} of what entered at t={T} "
                f"({trend}); each step multiplies by W_hhᵀ and tanh'. x scales W_hh.")

    def action_scale(self) -> None:
        self.scale_index = (self.scale_index + 1) % len(SCALES)
        self.redraw()

    def action_sentence(self, delta: int) -> None:
        self.long = False
        self.sentence += delta
        self.step = 0
        self.redraw()

    def action_long(self) -> None:
        self.long = not self.long
        self.step = 0
        self.redraw()
