"""Scene 9's state: the training settings, the data a run will use, the run's history so far,
whether it is running, the model it has made, and a sentence tried on it. The Trainer itself (a
process resource, stepped in a worker) stays on the screen; each epoch it finishes comes back
here as a new state.

In class a run must end in well under a minute, so a large data set is trained on a seeded,
balanced sample of its training split (and checked on a sample of its validation split), and
the screen says so before the first epoch."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from rnn_tui.engine import tokenize
from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus
from rnn_tui.engine.rnn import CELL_NAMES, Model
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import Trace, run
from rnn_tui.engine.train import CLASS_CONFIG, Config, EpochStats
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.sentiment import shipped_data
from rnn_tui.ui.state.wording import count, percent

TASKS = ("sentiment", "next-word")
CELLS = tuple(CELL_NAMES)   # the cells a run can train, in the order `c` cycles them: Elman, GRU, LSTM
TRY = {"sentiment": "i do not love this film", "next-word": "hi my name"}
MIN_HIDDEN, MAX_HIDDEN = 2, 256
MIN_LR, MAX_LR = 1e-5, 10.0
PATIENCE = 5           # early stopping: epochs without a better validation loss before a run stops
CLASS_TRAIN = 2000     # at most this many training sentences in class (about a second an epoch)
RARE_FROM = 1000       # a sample this big leaves out words seen once in it (they read as <unk>)
CLASS_VAL = 200        # and this many validation sentences
HELD_BACK = 0.2        # the share of train held back for validation when a set has no val split
MIN_HELD_BACK = 20     # ... if train has at least this many sentences
SAMPLE_SEED = 0        # the sample is the same for every run, so seeds compare models, not data


@dataclass(frozen=True, eq=False)
class Plan:
    """What a run trains on and checks against, and those facts in words for the screen."""

    train: Corpus
    val: Corpus
    vocab: Vocabulary
    words: str


def plan(task: str, corpus: Corpus) -> Plan:
    """The data a run of `task` uses, given the session's corpus: the shipped sentiment set for
    sentiment on the lecture corpus, else the corpus itself. Train is its train split, sampled
    down to CLASS_TRAIN (balanced by label); validation its val split, sampled down to CLASS_VAL,
    or, when it has none, a seeded share of train held back."""
    shipped = corpus is LECTURE_CORPUS and task == "sentiment"
    data = shipped_data() if shipped else corpus
    name = ("the sentiment set" if shipped else "the lecture" if corpus is LECTURE_CORPUS
            else Path(data.source).name)
    train_all, val_all = data.split("train"), data.split("val")
    said_val = ""
    if not val_all.sentences and len(train_all.sentences) >= MIN_HELD_BACK:
        val_all = train_all.sample(round(HELD_BACK * len(train_all.sentences)), SAMPLE_SEED + 1)
        train_all = train_all.without(val_all)
        said_val = f"; {count(len(val_all.sentences), 'sentence')} of train held back to validate (no val split)"
    train, val = train_all.sample(CLASS_TRAIN, SAMPLE_SEED), val_all.sample(CLASS_VAL, SAMPLE_SEED)
    n, of = len(train.sentences), len(train_all.sentences)
    if n < of:
        said = f"{n:,} of {of:,} training sentences of {name}, so it trains in class time"
        said += "; the shipped model used them all" if shipped else ""
    else:
        said = f"all {count(n, 'training sentence')} of {name}"
    if not said_val:
        v, v_of = len(val.sentences), len(val_all.sentences)
        said_val = ("; no validation (too few sentences)" if not v
                    else f"; validation {v:,} of {v_of:,}" if v < v_of else f"; validation {count(v, 'sentence')}")
    # A big set's rare words read as <unk> (seen once in the sample: nothing to learn from them, and
    # a row of weights each to overfit with); a small one keeps every word.
    vocab = Vocabulary.build((s.words for s in train.sentences), min_count=2) if n >= RARE_FROM else data.vocab
    return Plan(train, val, vocab, said + said_val)


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
    config: Config = Config(seed=0, **CLASS_CONFIG["sentiment"])  # type: ignore[arg-type]
    corpus: Corpus = LECTURE_CORPUS  # the session's corpus: `plan` says what is trained on
    history: tuple[EpochStats, ...] = ()
    running: bool = False
    model: Model | None = None       # the weights kept: the best validation epoch's (the last epoch's without val)
    error: str | None = None         # why the last run stopped, when it diverged
    used: bool = False               # `model` is the session's model now
    try_text: str = TRY["sentiment"]
    tried: Tried | None = None       # try_text read by `model`
    step: int = 0

    @cached_property
    def plan(self) -> Plan:
        return plan(self.task, self.corpus)

    @property
    def finished(self) -> bool:
        return self.config.run_is_over(len(self.history), self.best_epoch)

    @property
    def stopped_early(self) -> bool:
        """The validation loss stopped improving: the run ended before its epochs."""
        return self.config.patience_ran_out(len(self.history), self.best_epoch)

    @property
    def best_epoch(self) -> int | None:
        """The epoch with the lowest validation loss so far: its weights are the ones kept."""
        best = [h.epoch for h in self.history if h.best]
        return best[-1] if best else None

    @property
    def status(self) -> str:
        if self.running:
            return "training"
        if self.error:
            return "diverged"
        return "done" if self.finished else "paused" if self.history else "ready"

    @property
    def idle(self) -> bool:
        """Settings can change only between runs: the worker reads them."""
        return not self.running

    # ---- transitions ----

    def started(self) -> TrainState:
        fresh = self.reset() if self.finished or self.error else self
        return replace(fresh, running=True)

    def paused(self) -> TrainState:
        return replace(self, running=False)

    def diverged(self, message: str) -> TrainState:
        """The run stopped because the loss diverged: say why; the epochs before stay drawn."""
        return replace(self, running=False, error=message)

    def after_epoch(self, history: tuple[EpochStats, ...], model: Model) -> TrainState:
        return replace(self, history=history, model=model, used=False,
                       tried=Tried.of(model, self.task, self.try_text))

    def in_use(self) -> TrainState:
        """`model` has become the session's model."""
        return replace(self, used=True)

    def with_corpus(self, corpus: Corpus) -> TrainState:
        return self if corpus is self.corpus else replace(self.reset(), corpus=corpus)

    def reset(self) -> TrainState:
        return replace(self, history=(), running=False, model=None, tried=None,
                       error=None, used=False)

    def with_config(self, **changes: Any) -> TrainState:
        """New settings, and a fresh run. Raises InputError for settings Config refuses."""
        return replace(self.reset(), config=Config(**{**self.config.__dict__, **changes}))

    def next_task(self) -> TrainState:
        task = TASKS[(TASKS.index(self.task) + 1) % len(TASKS)]
        state = replace(self, task=task, try_text=TRY[task])
        return state.with_config(**CLASS_CONFIG[task])

    def hidden_times(self, factor: float) -> TrainState:
        return self.with_config(hidden=int(max(MIN_HIDDEN, min(MAX_HIDDEN, self.config.hidden * factor))))

    def lr_times(self, factor: float) -> TrainState:
        return self.with_config(lr=float(f"{max(MIN_LR, min(MAX_LR, self.config.lr * factor)):.3g}"))

    def next_cell(self) -> TrainState:
        """The next cell to train (Elman, GRU, LSTM, round again), for a fresh run."""
        return self.with_config(cell=CELLS[(CELLS.index(self.config.cell) + 1) % len(CELLS)])

    @property
    def cell_name(self) -> str:
        """The cell this run trains, as the lecture names it."""
        return CELL_NAMES[self.config.cell]

    def next_seed(self) -> TrainState:
        return self.with_config(seed=self.config.seed + 1)

    def toggled_early_stopping(self) -> TrainState:
        return self.with_config(patience=None if self.config.patience else PATIENCE)

    def trying(self, text: str) -> TrainState:
        tried = Tried.of(self.model, self.task, text) if self.model is not None else None
        return replace(self, try_text=text, tried=tried)

    # ---- words ----

    @property
    def subtitle(self) -> str:
        return f"{self.task}, {self.cell_name}, {self.status}"

    @property
    def caption(self) -> str:
        if self.error:
            return self.error
        if self.used and self.model is not None:
            kept = f"epoch {self.best_epoch}'s weights (best on validation)" if self.best_epoch else "these weights"
            where = ("Unroll (many-to-one), Sentiment and Gradients" if self.task == "sentiment"
                     else "Unroll (many-to-many, one-to-one, one-to-many)")
            return f"{kept.capitalize()} are now the session's model: {where} use them."
        if not self.history:
            return (f"Training a{'n' if self.cell_name[0] in 'AEILO' else ''} {self.cell_name} cell (c: another): "
                    "forward through each sentence, loss, back through time, a small step downhill.")
        h = self.history[-1]
        if h.heldout_loss is None or h.heldout_accuracy is None:
            return f"epoch {h.epoch}: loss {h.loss:.4f}, accuracy {percent(h.accuracy)}. u: use this model."
        best = self.history[(self.best_epoch or h.epoch) - 1]
        if self.stopped_early:
            return (f"Stopped early at epoch {h.epoch}: validation loss no better for {self.config.patience} "
                    f"epochs. Kept epoch {best.epoch} (val accuracy {percent(best.heldout_accuracy or 0.0)}); "
                    "u uses it.")
        return (f"epoch {h.epoch}: loss {h.loss:.4f}, accuracy {percent(h.accuracy)}, "
                f"val {percent(h.heldout_accuracy)}; best val loss at epoch {best.epoch}. u: use it.")

    @property
    def file_stem(self) -> str:
        """The name weights are written under (a number is added rather than overwrite)."""
        cell = "" if self.config.cell == "elman" else f"-{self.config.cell}"  # Elman's names stay as they were
        return f"rnn-tui-{self.task}{cell}-h{self.config.hidden}-seed{self.config.seed}"
