"""The lesson on gates in figures: the three shipped memory models (one per cell) on one long
held-out sentence of the memory task. How much gradient survives k steps back in each (one log
axis), the LSTM's forget gate and cell state that say why its share is what it is, and each
model's accuracy on the test split. Computed once per process: the shipped files never change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.gated import LSTMStep
from rnn_tui.engine.gradients import Survival, gradient_survival
from rnn_tui.engine.models import MEMORY_MODELS, load_model, memory_split
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.engine.train import evaluate, make_task

LONG_ENOUGH = 36     # the lesson's sentence: the first test sentence at least this long (38 words)


@dataclass(frozen=True)
class ForgetGate:
    """An LSTM's forget gate, output gate and cell state over a sentence, per step and unit: the
    numbers that say how much of a gradient at the last word reaches c k steps back. Along the
    memory path, dc_{T-k} = dc_T * f_T * ... * f_{T-k+1} (`kept`), and what a gradient on h_T
    puts into c_T is o_T * tanh'(c_T) of it (`entry`): a unit whose c has grown large (tanh
    saturated) lets almost none in, however well its forget gate keeps c."""

    f: np.ndarray       # (T, H): the forget gate's value at each step
    o: np.ndarray       # (T, H): the output gate's
    c: np.ndarray       # (T, H): the cell state after each step

    def kept(self, k: int) -> np.ndarray:
        """(H,): the product of the forget gate over the last k steps: how much of c, k steps
        back, the memory path carries to the last word (1 for k = 0)."""
        T = len(self.f)
        return np.asarray(np.prod(self.f[T - k:], axis=0) if k > 0 else np.ones(self.f.shape[1]))

    @property
    def slope(self) -> np.ndarray:
        """(H,): tanh'(c_T) = 1 - tanh(c_T)², near 0 where c has saturated tanh."""
        return np.asarray(1.0 - np.tanh(self.c[-1]) ** 2)

    @property
    def entry(self) -> np.ndarray:
        """(H,): o_T * tanh'(c_T): the share of a gradient on h_T that gets into c_T."""
        return np.asarray(self.o[-1] * self.slope)

    def keepers(self, k: int, n: int = 2) -> tuple[int, ...]:
        """The n units (0-based) whose forget gates keep the most of c over the last k steps."""
        return tuple(int(u) for u in np.argsort(-self.kept(k), kind="stable")[:n])


def forget_gate(model: Model, words: Sequence[str]) -> ForgetGate:
    """An LSTM model's gates and cell state over the words, read from its trace."""
    if model.cell != "lstm":
        raise ValueError(f"forget_gate needs an LSTM model, not {model.cell}")
    steps = [s.cell for s in run(model, words, topology_by_name("many-to-one")).steps]
    lstm = [s for s in steps if isinstance(s, LSTMStep)]
    return ForgetGate(np.array([s.gate("f").value for s in lstm]), np.array([s.gate("o").value for s in lstm]),
                      np.array([s.c for s in lstm]))


def deciding_index(words: Sequence[str]) -> int:
    """Where a memory-task sentence's deciding word is: every opener ends with "was"
    (scripts/make_memory_data.py), and the word after it decides."""
    return list(words).index("was") + 1


def accuracy(model: Model, corpus: Corpus) -> float:
    """The share of the corpus's sentences whose label the model gets right (at the last word)."""
    task = make_task("sentiment", corpus, model.vocab)
    return evaluate(model.params, task.examples(corpus))[1]


@dataclass(frozen=True)
class GateLesson:
    """Everything the Gradients scene's comparison of the three cells draws."""

    survival: Survival            # Elman, GRU, LSTM on `survival.words`
    deciding: int                 # the deciding word's index in the sentence
    forget: ForgetGate            # the LSTM's, on the same words
    accuracy: dict[str, float]    # cell -> accuracy on the memory task's test split
    tested_on: int                # how many test sentences

    @property
    def words(self) -> tuple[str, ...]:
        return self.survival.words

    @property
    def deciding_back(self) -> int:
        """How many steps before the last word the deciding word is read."""
        return len(self.words) - 1 - self.deciding


@cache
def gate_lesson() -> GateLesson:
    """The shipped memory-elman, memory-gru and memory-lstm on the first held-out test sentence of
    at least LONG_ENOUGH words (the one the README quotes), and their test accuracies."""
    test = memory_split("test")
    models = [load_model(MEMORY_MODELS[c]) for c in ("elman", "gru", "lstm")]
    words = next(s for s in test.sentences if len(s.words) >= LONG_ENOUGH).words
    return GateLesson(gradient_survival(models, words), deciding_index(words), forget_gate(models[2], words),
                      {m.cell: accuracy(m, test) for m in models}, len(test.sentences))
