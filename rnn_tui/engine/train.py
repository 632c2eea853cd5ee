"""Backpropagation through time, in the style of Karpathy's min-char-rnn: one sentence at a
time (`loss_and_grads`, what the gradient scene reads), a loss at any chosen steps, so
many-to-one sentiment and synced next-word share one path.

Training and evaluation run a batch of sentences at once (`batch_loss`: padded, masked, one
matrix product per step for the whole batch, forward and back); it gives the same loss and
gradients as `loss_and_grads` summed over the batch, to float rounding (a test checks it). What
keeps it ahead of PyTorch doing the same (benchmarks/bench_training.py): W_ih x_t is a column
lookup and its gradient a scatter-add over the words read, never a V-wide one-hot product; the
optimiser takes W_ih's gradient in those columns only; the readout is computed only where a loss
is taken; each weight's gradient is one matrix product over the batch's real (unpadded) steps;
evaluation batches sentences of similar length; Adam works in place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from rnn_tui.engine.arrays import Indices
from rnn_tui.engine.cells import Record, backward, bptt, forward, forward_batch
from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Array, Model, Params, check_cell, log_softmax, logits
from rnn_tui.engine.text import EOS, UNK, Vocabulary

# The settings the shipped weights were made with (scripts/train_shipped.py); the CLI and the
# Train scene start from them too. Each is Config's keyword arguments but the hidden size and the
# seed, which the user picks; every task names the same keys, so changing task resets them all.
SHIPPED_CONFIG: dict[str, dict[str, float | None]] = {
    # scripts/eval_sentiment.py's recipe: Adam, at most 40 epochs, early stopping once the validation
    # loss has not improved for 6 (the best epoch's weights are kept), 5% of training words read as <unk>.
    "sentiment": {"epochs": 40, "lr": 0.003, "batch_size": 16, "clip": 5.0, "patience": 6, "unk_rate": 0.05},
    "next-word": {"epochs": 200, "lr": 0.02, "batch_size": 16, "clip": 5.0, "patience": None, "unk_rate": 0.0},
}
# The shipped models' shape: the hidden size, and how often a word must be seen in the training
# split to have a row of its own (Vocabulary.build's min_count; rarer words read as <unk>).
SHIPPED_MODEL: dict[str, dict[str, int]] = {
    "sentiment": {"hidden": 32, "min_count": 2},
    "next-word": {"hidden": 8, "min_count": 1},
}
# What the Train scene starts from: settings for a sample of the data that trains in class time
# (well under a minute, at Config's default hidden size of 16), with early stopping on for
# sentiment; `Config(**CLASS_CONFIG[task])` takes them, and switching task keeps the hidden size.
CLASS_CONFIG: dict[str, dict[str, float | None]] = {
    "sentiment": {"epochs": 30, "lr": 0.01, "patience": 5, "unk_rate": 0.05},
    "next-word": {"epochs": 200, "lr": 0.02, "patience": None, "unk_rate": 0.0},
}


DIVERGED = 10  # a training loss this many times the untrained model's has diverged, finite or not


class TrainingDiverged(InputError):
    """The loss or a weight stopped being finite: the learning rate is too high."""


class EpochInterrupted(Exception):
    """`stop()` said so between two batches: the epoch is dropped unrecorded (the app is quitting,
    or the run was reset), so a large data set never holds up a quit for a whole epoch."""


@dataclass(frozen=True)
class Example:
    x: tuple[int | None, ...]        # hot index per step (None: the zero vector)
    targets: tuple[int | None, ...]  # the wanted output per step; None where no loss is taken


@dataclass(frozen=True)
class Task:
    name: str           # "sentiment" or "next-word"
    topology: str       # the topology the task trains
    labels: tuple[str, ...]
    vocab: Vocabulary

    def examples(self, corpus: Corpus) -> list[Example]:
        out = []
        for s in corpus.sentences:
            x = tuple(self.vocab.encode(s.words))
            if self.name == "sentiment":
                targets = (None,) * (len(x) - 1) + (s.label,)
            else:
                following = [self.labels.index(self.vocab.shown(w)) for w in s.words[1:]]
                targets = tuple(following) + (self.labels.index(EOS),)
            out.append(Example(x, targets))
        return out


def make_task(name: str, corpus: Corpus, vocab: Vocabulary | None = None,
              labels: tuple[str, ...] | None = None) -> Task:
    vocab = vocab or corpus.vocab
    if not corpus.sentences:
        raise InputError(f"{corpus.source}: no sentences to train on")
    if name == "sentiment":
        if not corpus.labelled:
            raise InputError(f"{corpus.source}: the sentiment task needs a label for every sentence")
        n = max(label for label in corpus.labels if label is not None) + 1
        labels = labels or corpus.label_names
        if len(labels) < n:
            raise InputError(f"{corpus.source}: label {n - 1} has no name among {len(labels)} labels")
        return Task(name, "many-to-one", labels, vocab)
    if name == "next-word":
        return Task(name, "many-to-many", vocab.tokens + (EOS,), vocab)
    raise InputError(f"unknown task {name!r}; expected sentiment or next-word")


@dataclass(frozen=True)
class Result:
    loss: float                # mean cross-entropy over the steps that take a loss
    grads: Params
    dh: np.ndarray             # (T, H): dL/dh_t, everything that flows into h_t, for t = 1..T
    correct: int
    counted: int

    @property
    def dh_norms(self) -> Array:
        """||dL/dh_t|| for t = 1..T: the vanishing-gradient picture."""
        return np.asarray(np.linalg.norm(self.dh, axis=1), dtype=np.float64)


@dataclass(frozen=True)
class Scored:
    """A forward pass with its loss: what evaluation needs, and what the backward pass starts from."""

    steps: list[Record]
    at: list[int]              # the steps that take a loss
    logp: np.ndarray           # (len(at), O): log-probabilities there
    targets: np.ndarray        # (len(at),)

    @property
    def loss(self) -> float:
        return float(-np.mean(self.logp[np.arange(len(self.at)), self.targets]))

    @property
    def correct(self) -> int:
        return int(np.sum(np.argmax(self.logp, axis=1) == self.targets))


def score(p: Params, ex: Example) -> Scored:
    """Forward through the sentence, and the readout where a loss is taken."""
    steps = forward(p, ex.x)
    at = [t for t, target in enumerate(ex.targets) if target is not None]
    hs = np.stack([steps[t].h for t in at])
    return Scored(steps, at, log_softmax(logits(p, hs)), np.array([ex.targets[t] for t in at]))


def loss_and_grads(p: Params, ex: Example) -> Result:
    """Forward through the sentence, then back through time."""
    fwd = score(p, ex)
    n = len(fwd.at)
    dlogits = np.exp(fwd.logp)                        # softmax - one-hot(target), over n losses
    dlogits[np.arange(n), fwd.targets] -= 1.0
    dlogits /= n
    hs = np.stack([fwd.steps[t].h for t in fwd.at])
    dh_out = np.zeros((len(ex.x), p.hidden_size))
    dh_out[fwd.at] = dlogits @ p.W_out
    cell_grads, dh, _ = backward(p, fwd.steps, dh_out)
    grads = Params(W_out=dlogits.T @ hs, b_out=dlogits.sum(axis=0), **cell_grads)
    return Result(fwd.loss, grads, dh, fwd.correct, n)


@dataclass(frozen=True)
class BatchResult:
    """A batch's figures: `loss` is the sum over its sentences of each one's mean cross-entropy."""

    loss: float
    correct: int
    counted: int
    grads: dict[str, Array] | None   # the gradient of `loss`: the sum of loss_and_grads' over the batch
    columns: Indices | None = None   # compact: grads["W_ih"] holds only these columns (the words read)


def _padded(examples: Sequence[Example]) -> tuple[Indices, np.ndarray, np.ndarray, np.ndarray]:
    """The batch as (T, B) arrays: hot indices (-1: the zero vector, or past the end), the mask
    of real words, and the (t, b) of each loss taken with its target."""
    T, B = max(len(ex.x) for ex in examples), len(examples)
    xs = np.full((T, B), -1, dtype=np.intp)
    at_t, at_b, targets = [], [], []
    for b, ex in enumerate(examples):
        xs[:len(ex.x), b] = [-1 if i is None else i for i in ex.x]
        for t, target in enumerate(ex.targets):
            if target is not None:
                at_t.append(t)
                at_b.append(b)
                targets.append(target)
    lengths = np.array([len(ex.x) for ex in examples])
    mask = np.arange(T)[:, None] < lengths[None, :]
    return xs, mask, np.array([at_t, at_b], dtype=np.intp), np.array(targets, dtype=np.intp)


def batch_loss(p: Params, examples: Sequence[Example], grads: bool = True, compact: bool = False) -> BatchResult:
    """`loss_and_grads` for many sentences at once: padded to the longest with a mask, so each
    step is one matrix product for the whole batch, forward and back. compact: W_ih's gradient
    only in the columns of the words read (BatchResult.columns), for the optimiser."""
    xs, mask, (at_t, at_b), targets = _padded(examples)
    T, B, H = xs.shape[0], xs.shape[1], p.hidden_size
    steps = forward_batch(p, xs, mask)
    hs = np.stack([s.h for s in steps])[at_t, at_b]                   # (n, H): h where a loss is taken
    logp = log_softmax(logits(p, hs))                                 # (n, O)
    n = len(targets)
    share = 1.0 / np.bincount(at_b, minlength=B)[at_b]                # 1/n on a sentence's n losses
    picked = logp[np.arange(n), targets]
    loss = float(-np.sum(share * picked))
    correct = int(np.sum(np.argmax(logp, axis=1) == targets))
    if not grads:
        return BatchResult(loss, correct, n, None)
    dlogits = np.exp(logp)                                            # softmax - one-hot(target)
    dlogits[np.arange(n), targets] -= 1.0
    dlogits *= share[:, None]
    dh_out = np.zeros((T, B, H))
    dh_out[at_t, at_b] = dlogits @ p.W_out
    back = bptt(p, steps, dh_out, compact=compact)
    g = back.grads | {"W_out": dlogits.T @ hs, "b_out": dlogits.sum(axis=0)}
    return BatchResult(loss, correct, n, g, back.input_columns)


@dataclass(frozen=True)
class Config:
    hidden: int = 16
    epochs: int = 60
    lr: float = 0.01
    seed: int = 0
    optimizer: str = "adam"   # or "sgd" (with momentum)
    momentum: float = 0.9
    clip: float = 5.0         # the largest global gradient norm let through
    batch_size: int = 16
    patience: int | None = None  # early stopping: stop once the held-out loss has not improved for this
                                 # many epochs (None: train every epoch); the best epoch's weights are kept
    unk_rate: float = 0.0     # the share of training words read as <unk>, drawn afresh each epoch, so the
                              # model learns what an unknown word means and one cannot decide a label
    cell: str = "elman"       # the recurrent cell: "elman", "gru" or "lstm"

    def __post_init__(self) -> None:
        for name, what in (("hidden", "the hidden size"), ("epochs", "the number of epochs"),
                           ("batch_size", "the batch size")):
            if getattr(self, name) < 1:
                raise InputError(f"{what} must be at least 1 (got {getattr(self, name)})")
        if not (self.lr > 0 and np.isfinite(self.lr)):
            raise InputError(f"the learning rate must be a positive number (got {self.lr})")
        if not (self.clip > 0 and np.isfinite(self.clip)):  # a negative clip would climb the loss
            raise InputError(f"clip must be a positive number (got {self.clip})")
        if not 0 <= self.momentum < 1:
            raise InputError(f"momentum must be at least 0 and below 1 (got {self.momentum})")
        if self.patience is not None and self.patience < 1:
            raise InputError(f"the patience must be at least 1 epoch (got {self.patience})")
        if not 0 <= self.unk_rate < 1:
            raise InputError(f"the share of words read as <unk> must be at least 0 and below 1 (got {self.unk_rate})")
        if self.optimizer not in ("adam", "sgd"):
            raise InputError(f"unknown optimizer {self.optimizer!r}; expected adam or sgd")
        object.__setattr__(self, "cell", check_cell(self.cell))

    def patience_ran_out(self, epochs_done: int, best_epoch: int | None) -> bool:
        """Early stopping: the held-out loss has not improved for `patience` epochs since its best."""
        return self.patience is not None and best_epoch is not None and epochs_done - best_epoch >= self.patience

    def run_is_over(self, epochs_done: int, best_epoch: int | None) -> bool:
        """Every epoch trained, or early stopping ended the run (every trainer asks this)."""
        return epochs_done >= self.epochs or self.patience_ran_out(epochs_done, best_epoch)


class Optimizer:
    """Adam, or SGD with momentum, over named weight arrays that it owns and updates in place,
    after clipping the batch's gradient to a global norm of config.clip. Each array keeps the
    memory layout it was given (the Trainer gives W_ih column-major: see Trainer)."""

    def __init__(self, config: Config, weights: dict[str, Array]) -> None:
        self.config = config
        self.weights = {k: np.array(v, dtype=np.float64) for k, v in weights.items()}
        self._m = {k: np.zeros_like(v) for k, v in self.weights.items()}  # momentum / Adam's first moment
        self._v = {k: np.zeros_like(v) for k, v in self.weights.items()}  # Adam's second moment
        self._scratch = {k: (np.empty_like(v), np.empty_like(v)) for k, v in self.weights.items()}
        self._steps = 0

    def step(self, g: dict[str, Array], columns: dict[str, Indices] | None = None) -> float:
        """One update; returns the gradient's global norm before clipping (not finite: no update).
        columns[k] says g[k] is weight k's gradient in those columns only (zero in the others):
        a word's column of W_ih has a gradient only in a batch that reads the word. Every array
        is updated as if the zeros were there, in place, with the textbook's arithmetic in the
        textbook's order."""
        cfg = self.config
        columns = columns or {}
        norm = float(np.sqrt(sum(np.sum(v * v) for v in g.values())))
        if not np.isfinite(norm):
            return norm
        if norm > cfg.clip:
            g = {k: v * (cfg.clip / norm) for k, v in g.items()}
        self._steps += 1
        b1, b2, eps = 0.9, 0.999, 1e-8
        for k, w in self.weights.items():
            m, v, cols = self._m[k], self._v[k], columns.get(k)
            at = (slice(None), cols) if cols is not None else ...
            if cfg.optimizer == "sgd":
                m *= cfg.momentum                   # m = momentum * m + g
                m[at] += g[k]
                w -= cfg.lr * m
                continue
            m *= b1                                 # m = b1 m + (1 - b1) g
            m[at] += (1 - b1) * g[k]
            v *= b2                                 # v = b2 v + (1 - b2) g²
            v[at] += (1 - b2) * g[k] ** 2
            step, root = self._scratch[k]           # w -= lr m̂ / (sqrt(v̂) + eps)
            np.divide(m, 1 - b1 ** self._steps, out=step)
            step *= cfg.lr
            np.divide(v, 1 - b2 ** self._steps, out=root)
            np.sqrt(root, out=root)
            root += eps
            step /= root
            w -= step
        return norm


@dataclass(frozen=True)
class EpochStats:
    epoch: int
    loss: float
    accuracy: float
    heldout_loss: float | None
    heldout_accuracy: float | None
    grad_norm: float          # global norm before clipping, averaged over the epoch's batches
    best: bool = False        # the lowest held-out loss so far: these weights are the ones kept


EVAL_BATCH = 256   # sentences scored at once


def evaluate(p: Params, examples: Sequence[Example]) -> tuple[float, float]:
    """Mean loss per sentence and accuracy over the steps that take a loss: forward only, a
    batch at a time, sentences of similar length together so little is padding."""
    order = sorted(range(len(examples)), key=lambda i: len(examples[i].x))
    parts = [batch_loss(p, [examples[i] for i in order[s:s + EVAL_BATCH]], grads=False)
             for s in range(0, len(order), EVAL_BATCH)]
    return (sum(r.loss for r in parts) / len(examples),
            sum(r.correct for r in parts) / sum(r.counted for r in parts))


def _live(weights: dict[str, Array]) -> Params:
    """The optimiser's weights as a Params without copying them: read-only views, for one batch
    (they change at the next step; `Trainer.params` is the copy that keeps)."""
    p = object.__new__(Params)
    for k, a in weights.items():
        view = a.view()
        view.setflags(write=False)
        object.__setattr__(p, k, view)
    return p


class Trainer:
    """Trains epoch by epoch, so the app can run it in a worker and pause between epochs."""

    def __init__(self, task: Task, train: Sequence[Example], heldout: Sequence[Example] = (),
                 config: Config = Config()):
        if not train:
            raise InputError("nothing to train on: the training split is empty")
        self.task, self.train_set, self.heldout, self.config = task, list(train), list(heldout), config
        init = Params.init(task.vocab.size, config.hidden, len(task.labels), seed=config.seed, cell=config.cell)
        # W_ih column-major: a word's column (what a step reads, and what its gradient updates)
        # is then contiguous in memory, and reading a batch's words is a gather of whole rows of W_ih.T.
        weights = dict(zip(init.names(), init.arrays(), strict=True)) | {"W_ih": np.asfortranarray(init.W_ih)}
        self._opt = Optimizer(config, weights)
        self._rng = np.random.default_rng(config.seed)
        self.history: list[EpochStats] = []
        self.best_epoch: int | None = None   # the epoch with the lowest held-out loss
        self._best: Params | None = None
        self._best_loss = np.inf
        with np.errstate(over="ignore", invalid="ignore"):
            self.start_loss = evaluate(init, self.train_set)[0]  # where the loss starts: divergence is told from it
        self._unk = task.vocab.index(UNK) if UNK in task.vocab else None

    @property
    def stopped_early(self) -> bool:
        """Whether early stopping ended the run: the held-out loss stopped improving."""
        return self.config.patience_ran_out(len(self.history), self.best_epoch)

    @property
    def finished(self) -> bool:
        return self.config.run_is_over(len(self.history), self.best_epoch)

    @property
    def params(self) -> Params:
        return Params(**{k: np.ascontiguousarray(v) for k, v in self._opt.weights.items()})  # read-only copies

    def model(self, name: str = "trained", best: bool = False) -> Model:
        """The weights as they are now, or (best=True) those of the epoch with the lowest held-out loss."""
        params = self._best if best and self._best is not None else self.params
        return Model(params, self.task.vocab, self.task.labels, name=name, trained_for=self.task.topology)

    def epoch(self, stop: Callable[[], bool] | None = None) -> EpochStats:
        """One pass over the training set. `stop`, asked before each batch and before the
        evaluation, ends it early with EpochInterrupted; the weights are then mid-epoch, so a
        run that is to go on is paused between epochs instead."""
        # Overflow is caught below as divergence, so numpy need not also warn about it.
        with np.errstate(over="ignore", invalid="ignore"):
            return self._epoch(stop or (lambda: False))

    def _epoch(self, stop: Callable[[], bool]) -> EpochStats:
        cfg = self.config
        order = self._rng.permutation(len(self.train_set))
        norms = []
        for start in range(0, len(order), cfg.batch_size):
            if stop():
                raise EpochInterrupted
            batch = [self._with_unknowns(self.train_set[i]) for i in order[start:start + cfg.batch_size]]
            r = batch_loss(_live(self._opt.weights), batch, compact=True)
            assert r.grads is not None
            norm = self._opt.step({k: v / len(batch) for k, v in r.grads.items()},
                                  None if r.columns is None else {"W_ih": r.columns})
            if not np.isfinite(norm):
                self._diverged("the gradient")
            norms.append(norm)
        if stop():
            raise EpochInterrupted
        p = self.params
        loss, acc = evaluate(p, self.train_set)
        if not np.isfinite(loss) or not all(np.all(np.isfinite(a)) for a in p.arrays()):
            self._diverged("the loss")
        if loss > DIVERGED * self.start_loss:
            self._diverged(f"the loss rose to {loss:,.3g}, over {DIVERGED} times where it started "
                           f"({self.start_loss:.3g})",
                           finite=True)
        h_loss, h_acc = evaluate(p, self.heldout) if self.heldout else (None, None)
        best = False
        if h_loss is not None and h_loss < self._best_loss:
            best, self.best_epoch, self._best, self._best_loss = True, len(self.history) + 1, p, h_loss
        stats = EpochStats(len(self.history) + 1, loss, acc, h_loss, h_acc, float(np.mean(norms)), best)
        self.history.append(stats)
        return stats

    def _with_unknowns(self, ex: Example) -> Example:
        """The example with a share (unk_rate) of its words read as <unk>, drawn from the seeded rng."""
        if not self.config.unk_rate or self._unk is None:
            return ex
        hide = self._rng.random(len(ex.x)) < self.config.unk_rate
        x = tuple(self._unk if h and x is not None else x for x, h in zip(ex.x, hide, strict=True))
        return Example(x, ex.targets)

    def _diverged(self, what: str, finite: bool = False) -> None:
        said = what if finite else f"{what} is no longer finite"
        raise TrainingDiverged(f"training stopped at epoch {len(self.history) + 1}: {said}; "
                               f"lower the learning rate (now {self.config.lr:g})")


def train(task: Task, corpus: Corpus, config: Config = Config(), heldout: Corpus | None = None,
          on_epoch: Callable[[EpochStats], None] | None = None) -> Trainer:
    """Train for config.epochs, or until early stopping; on_epoch(stats) is called after each."""
    trainer = Trainer(task, task.examples(corpus), task.examples(heldout) if heldout else (), config)
    while not trainer.finished:
        stats = trainer.epoch()
        if on_epoch:
            on_epoch(stats)
    return trainer
