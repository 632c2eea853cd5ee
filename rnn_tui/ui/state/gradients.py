"""Scene 10's state: a fixed gradient (length 1) entering the last hidden state, walked back
through time, on the sentiment model trained in the app when there is one, else the shipped
one. Step k shows how much of it reaches the hidden state k steps back. No loss and no label
enter it, so scaling W_hh changes how the gradient propagates and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rnn_tui.engine import tokenize
from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.gradients import Flow, gradient_flow, ratio_in_words
from rnn_tui.engine.rnn import CELL_NAMES, Model
from rnn_tui.engine.why_gates import GateLesson, gate_lesson
from rnn_tui.ui.state import why_gates
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.sentiment import shipped_model, shipped_tests
from rnn_tui.ui.state.wording import count, sub

SCALES = (0.5, 1.0, 2.0, 4.0)
TRAINED_HERE = "app-trained"   # how the title line names the model trained in Train
LONG = ("i thought the film would be great and the music was lovely but the story was boring "
        "and the food in the city was bad so it was awful")
FLOOR, TOP = 1e-10, 1e4   # the chart's fixed log axis: the same share is drawn at the same height at every scale


@dataclass(frozen=True, eq=False)
class GradientState(Stepping):
    model: Model
    tests: Corpus                 # held-out sentences, for `n`
    flow: Flow                    # for the sentence and scale below
    long: bool = True             # the long sentence, else tests[sentence]
    sentence: int = 0
    scale_index: int = 1
    trained_here: bool = False
    step: int = 0
    cells: GateLesson | None = None   # `c`: the three cells compared on the memory task, else `model`'s flow

    @property
    def compares_cells(self) -> bool:
        """The comparison of the three shipped memory models: the title names no one model."""
        return self.cells is not None

    def toggled_cells(self) -> GradientState:
        """The three cells compared (from the last word), or back to the one model."""
        return replace(self, cells=None if self.cells else gate_lesson(), step=0)

    @property
    def words(self) -> tuple[str, ...]:
        if self.long:
            return tuple(tokenize(LONG))
        return self.tests.sentences[self.sentence % len(self.tests.sentences)].words

    @property
    def scale(self) -> float:
        return SCALES[self.scale_index]

    @property
    def last_step(self) -> int:
        return len((self.cells or self.flow).words) - 1

    @property
    def revealed(self) -> int:
        """How many steps back from the loss are shown: 1 (the last step) .. T."""
        return self.step + 1

    @property
    def reached(self) -> int:
        """The 0-based index of the step just reached."""
        return len(self.flow.words) - self.revealed

    def _recomputed(self, **changes: object) -> GradientState:
        state = replace(self, **changes)  # type: ignore[arg-type]
        return replace(state, flow=flow_for(state.model, state.words, state.scale))

    def scaled(self) -> GradientState:
        """The next scale of W_hh (x0.5, x1, x2, x4, round again), at the same step."""
        return self._recomputed(scale_index=(self.scale_index + 1) % len(SCALES))

    def next_sentence(self, delta: int = 1) -> GradientState:
        """The next held-out sentence, from the loss."""
        return self._recomputed(long=False, sentence=self.sentence + delta, step=0)

    def toggled_long(self) -> GradientState:
        return self._recomputed(long=not self.long, step=0)

    @property
    def subtitle(self) -> str:
        if self.cells:
            return "Elman, GRU, LSTM on the memory task"
        b = self.flow
        if self.trained_here:  # shorter, so that the model's name fits the title line at 80 columns
            return f"{TRAINED_HERE}: W_hh x {self.scale:g}, σ_max {b.sigma_max:.2f}"
        return f"W_hh x {self.scale:g}, σ_max(W_hh) = {b.sigma_max:.2f}"

    @property
    def share(self) -> float:
        """How much of the gradient that entered at the last step reaches the step just reached."""
        return float(self.flow.norms[self.reached])

    @property
    def trend(self) -> str:
        share = self.share
        return "vanishing" if share < 0.1 else "exploding" if share > 10 else "holding"

    @property
    def caption(self) -> str:
        if self.cells:
            return why_gates.caption(self.cells, self.step)
        T, t = len(self.flow.words), self.reached
        if t == T - 1:
            return (f"t={T}: a gradient of length 1 enters h{sub(T)}, the same whatever the model predicts. "
                    "→ walks it back in time.")
        below = " (below the chart's floor)" if self.share < FLOOR else ""
        return (f"t={t + 1}: {count(T - 1 - t, 'step')} back, {ratio_in_words(self.share)} what entered reaches "
                f"h{sub(t + 1)}{below}: {self.trend}. {self.how_a_step_goes_back}")

    @property
    def how_a_step_goes_back(self) -> str:
        """What one step back multiplies the gradient by: for a gated cell, its gates as well."""
        if self.model.cell == "elman":
            return "Each step multiplies by W_hhᵀ and tanh'; x scales W_hh."
        return (f"Each step goes back through the {CELL_NAMES[self.model.cell]}'s gates and W_hhᵀ; "
                "x scales every gate's W_hh.")


def flow_for(model: Model, words: tuple[str, ...], scale: float) -> Flow:
    return gradient_flow(model.with_params(model.params.scaled_recurrence(scale)), words)


def make_state(trained: Model | None, previous: GradientState | None) -> GradientState:
    """On the model trained in the app if there is one, else the shipped one; the sentence, the
    scale and the step are kept."""
    model = trained if trained is not None else shipped_model()
    if previous is not None and previous.model is model:
        return previous
    if previous is None:
        state = GradientState(model, shipped_tests(), flow_for(model, tuple(tokenize(LONG)), SCALES[1]))
        return replace(state, trained_here=trained is not None)
    return previous._recomputed(model=model, trained_here=trained is not None)
