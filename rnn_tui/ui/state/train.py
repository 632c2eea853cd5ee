"""Scene 9's state: the training settings, the run's history so far, whether it is running, the
model it has made, and a sentence tried on it. The Trainer itself (a process resource, stepped
in a worker) stays on the screen; each epoch it finishes comes back here as a new state."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from rnn_tui.engine import tokenize
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import Trace, run
from rnn_tui.engine.train import SHIPPED_CONFIG, Config, EpochStats
from rnn_tui.ui.state.lesson import Stepping

TASKS = ("sentiment", "next-word")
TRY = {"sentiment": "i do not love this film", "next-word": "hi my name"}
MIN_HIDDEN, MAX_HIDDEN = 2, 256
MIN_LR, MAX_LR = 1e-5, 10.0


@dataclass(frozen=True, eq=False)
class Tried:
    """A sentence read by the trained model: its trace and the read-out after every word."""

    trace: Trace
    probs: np.ndarray       # (T, labels)

    @classmethod
    def of(cls, model: Model, task: str, text: str) -> Tried:
        topology = topology_by_name("many-to-one" if task == "sentiment" else "many-to-many")
        trace = run(model, tokenize(text), topology)
        return cls(trace, trace.readout_every_step())


@dataclass(frozen=True, eq=False)
class TrainState(Stepping):
    task: str = "sentiment"
    config: Config = Config(hidden=16, seed=0, **SHIPPED_CONFIG["sentiment"])  # type: ignore[arg-type]
    history: tuple[EpochStats, ...] = ()
    running: bool = False
    model: Model | None = None       # the model after the last epoch
    data_name: str = ""              # what it trains on, named once the first epoch starts
    try_text: str = TRY["sentiment"]
    tried: Tried | None = None       # try_text read by `model`
    step: int = 0

    @property
    def finished(self) -> bool:
        return len(self.history) >= self.config.epochs

    @property
    def status(self) -> str:
        return "training" if self.running else "done" if self.finished else "paused" if self.history else "ready"

    @property
    def idle(self) -> bool:
        """Settings can change only between runs: the worker reads them."""
        return not self.running

    # ---- transitions ----

    def started(self, data_name: str) -> TrainState:
        fresh = self.reset() if self.finished else self
        return replace(fresh, running=True, data_name=data_name)

    def paused(self) -> TrainState:
        return replace(self, running=False)

    def after_epoch(self, history: tuple[EpochStats, ...], model: Model) -> TrainState:
        return replace(self, history=history, model=model, tried=Tried.of(model, self.task, self.try_text))

    def reset(self) -> TrainState:
        return replace(self, history=(), running=False, model=None, tried=None)

    def with_config(self, **changes: Any) -> TrainState:
        """New settings, and a fresh run. Raises InputError for settings Config refuses."""
        return replace(self.reset(), config=Config(**{**self.config.__dict__, **changes}))

    def next_task(self) -> TrainState:
        task = TASKS[(TASKS.index(self.task) + 1) % len(TASKS)]
        state = replace(self, task=task, try_text=TRY[task])
        return state.with_config(**SHIPPED_CONFIG[task])

    def hidden_times(self, factor: float) -> TrainState:
        return self.with_config(hidden=int(max(MIN_HIDDEN, min(MAX_HIDDEN, self.config.hidden * factor))))

    def lr_times(self, factor: float) -> TrainState:
        return self.with_config(lr=float(f"{max(MIN_LR, min(MAX_LR, self.config.lr * factor)):.3g}"))

    def next_seed(self) -> TrainState:
        return self.with_config(seed=self.config.seed + 1)

    def trying(self, text: str) -> TrainState:
        tried = Tried.of(self.model, self.task, text) if self.model is not None else None
        return replace(self, try_text=text, tried=tried)

    # ---- words ----

    @property
    def subtitle(self) -> str:
        return f"{self.task}, {self.status}"

    @property
    def caption(self) -> str:
        if not self.history:
            return "Training repeats: forward through each sentence, loss, back through time, a small step downhill."
        h = self.history[-1]
        held = "" if h.heldout_accuracy is None else f", held-out {h.heldout_accuracy:.0%}"
        return f"epoch {h.epoch}: loss {h.loss:.4f}, accuracy {h.accuracy:.0%}{held}"

    @property
    def file_stem(self) -> str:
        """The name weights are written under (a number is added rather than overwrite)."""
        return f"rnn-tui-{self.task}-h{self.config.hidden}-seed{self.config.seed}"
