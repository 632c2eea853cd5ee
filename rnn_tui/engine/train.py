"""Backpropagation through time, in the style of Karpathy's min-char-rnn: one sentence at a
time, a loss at any chosen steps, so many-to-one sentiment and synced next-word share one path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.engine.text import EOS, Vocabulary


# The settings the shipped weights were made with (scripts/train_shipped.py); the CLI and the
# Train scene start from them too.
SHIPPED_CONFIG = {
    "sentiment": {"epochs": 30, "lr": 0.01},
    "next-word": {"epochs": 200, "lr": 0.02},
}


class TrainingDiverged(InputError):
    """The loss or a weight stopped being finite: the learning rate is too high."""


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
        n = max(corpus.labels) + 1
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
    def dh_norms(self) -> np.ndarray:
        """||dL/dh_t|| for t = 1..T: the vanishing-gradient picture."""
        return np.linalg.norm(self.dh, axis=1)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    m = np.max(z)
    return z - m - np.log(np.sum(np.exp(z - m)))


def loss_and_grads(p: Params, ex: Example) -> Result:
    """Forward through the sentence, then back through time."""
    T, H = len(ex.x), p.hidden_size
    hs = [np.zeros(H)]
    logps: dict[int, np.ndarray] = {}
    for t, i in enumerate(ex.x):
        wx = p.W_ih[:, i] if i is not None else 0.0
        hs.append(np.tanh(wx + p.b_ih + p.W_hh @ hs[-1] + p.b_hh))
        if ex.targets[t] is not None:
            logps[t] = _log_softmax(p.W_out @ hs[-1] + p.b_out)
    n = len(logps)
    loss = -sum(lp[ex.targets[t]] for t, lp in logps.items()) / n
    correct = sum(int(np.argmax(lp) == ex.targets[t]) for t, lp in logps.items())

    g = {name: np.zeros_like(a) for name, a in zip(p.names(), p.arrays())}
    dh_next = np.zeros(H)
    dhs = np.zeros((T, H))
    for t in reversed(range(T)):
        h, h_prev = hs[t + 1], hs[t]
        dh = dh_next.copy()
        if t in logps:
            dlogits = np.exp(logps[t])
            dlogits[ex.targets[t]] -= 1.0
            dlogits /= n
            g["W_out"] += np.outer(dlogits, h)
            g["b_out"] += dlogits
            dh += p.W_out.T @ dlogits
        dhs[t] = dh
        dpre = dh * (1.0 - h * h)  # tanh' = 1 - tanh^2
        if ex.x[t] is not None:
            g["W_ih"][:, ex.x[t]] += dpre
        g["b_ih"] += dpre
        g["b_hh"] += dpre
        g["W_hh"] += np.outer(dpre, h_prev)
        dh_next = p.W_hh.T @ dpre
    return Result(float(loss), Params(**g), dhs, correct, n)


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

    def __post_init__(self) -> None:
        for name in ("hidden", "epochs", "batch_size"):
            if getattr(self, name) < 1:
                raise InputError(f"--{name.replace('_', '-')} must be at least 1 (got {getattr(self, name)})")
        if not (self.lr > 0 and np.isfinite(self.lr)):
            raise InputError(f"--lr must be a positive number (got {self.lr})")
        if not (self.clip > 0 and np.isfinite(self.clip)):  # a negative clip would climb the loss
            raise InputError(f"clip must be a positive number (got {self.clip})")
        if not 0 <= self.momentum < 1:
            raise InputError(f"momentum must be at least 0 and below 1 (got {self.momentum})")
        if self.optimizer not in ("adam", "sgd"):
            raise InputError(f"unknown optimizer {self.optimizer!r}; expected adam or sgd")


@dataclass(frozen=True)
class EpochStats:
    epoch: int
    loss: float
    accuracy: float
    heldout_loss: float | None
    heldout_accuracy: float | None
    grad_norm: float          # global norm before clipping, averaged over the epoch's batches
    dh_norms: np.ndarray      # ||dL/dh_t|| for the probe (longest training) sentence


def evaluate(p: Params, examples: Sequence[Example]) -> tuple[float, float]:
    """Mean loss per sentence and accuracy over the steps that take a loss."""
    results = [loss_and_grads(p, ex) for ex in examples]
    return (float(np.mean([r.loss for r in results])),
            sum(r.correct for r in results) / sum(r.counted for r in results))


class Trainer:
    """Trains epoch by epoch, so the app can run it in a worker and pause between epochs."""

    def __init__(self, task: Task, train: Sequence[Example], heldout: Sequence[Example] = (),
                 config: Config = Config()):
        if not train:
            raise InputError("nothing to train on: the training split is empty")
        self.task, self.train_set, self.heldout, self.config = task, list(train), list(heldout), config
        init = Params.init(task.vocab.size, config.hidden, len(task.labels), seed=config.seed)
        self._w = {name: a.copy() for name, a in zip(init.names(), init.arrays())}
        self._m = {k: np.zeros_like(v) for k, v in self._w.items()}  # momentum / Adam's first moment
        self._v = {k: np.zeros_like(v) for k, v in self._w.items()}  # Adam's second moment
        self._steps = 0
        self._rng = np.random.default_rng(config.seed)
        self.probe = max(self.train_set, key=lambda ex: len(ex.x))
        self.history: list[EpochStats] = []

    @property
    def params(self) -> Params:
        return Params(**{k: v.copy() for k, v in self._w.items()})

    def model(self, name: str = "trained") -> Model:
        return Model(self.params, self.task.vocab, self.task.labels, name=name, trained_for=self.task.topology)

    def epoch(self) -> EpochStats:
        # Overflow is caught below as divergence, so numpy need not also warn about it.
        with np.errstate(over="ignore", invalid="ignore"):
            return self._epoch()

    def _epoch(self) -> EpochStats:
        cfg = self.config
        order = self._rng.permutation(len(self.train_set))
        norms = []
        for start in range(0, len(order), cfg.batch_size):
            batch = [self.train_set[i] for i in order[start:start + cfg.batch_size]]
            p = self.params
            grads = [loss_and_grads(p, ex).grads for ex in batch]
            g = {k: sum(getattr(r, k) for r in grads) / len(batch) for k in self._w}
            norm = float(np.sqrt(sum(np.sum(v * v) for v in g.values())))
            if not np.isfinite(norm):
                self._diverged("the gradient")
            norms.append(norm)
            if norm > cfg.clip:
                g = {k: v * (cfg.clip / norm) for k, v in g.items()}
            self._update(g)
        p = self.params
        loss, acc = evaluate(p, self.train_set)
        if not np.isfinite(loss) or not all(np.all(np.isfinite(a)) for a in p.arrays()):
            self._diverged("the loss")
        dh_norms = loss_and_grads(p, self.probe).dh_norms
        if not np.all(np.isfinite(dh_norms)):
            self._diverged("the gradient")
        h_loss, h_acc = evaluate(p, self.heldout) if self.heldout else (None, None)
        stats = EpochStats(len(self.history) + 1, loss, acc, h_loss, h_acc, float(np.mean(norms)), dh_norms)
        self.history.append(stats)
        return stats

    def _update(self, g: dict[str, np.ndarray]) -> None:
        cfg = self.config
        self._steps += 1
        for k, w in self._w.items():
            if cfg.optimizer == "sgd":
                self._m[k] = cfg.momentum * self._m[k] + g[k]
                w -= cfg.lr * self._m[k]
            else:
                b1, b2, eps = 0.9, 0.999, 1e-8
                self._m[k] = b1 * self._m[k] + (1 - b1) * g[k]
                self._v[k] = b2 * self._v[k] + (1 - b2) * g[k] ** 2
                m_hat = self._m[k] / (1 - b1 ** self._steps)
                v_hat = self._v[k] / (1 - b2 ** self._steps)
                w -= cfg.lr * m_hat / (np.sqrt(v_hat) + eps)

    def _diverged(self, what: str) -> None:
        raise TrainingDiverged(
            f"training stopped at epoch {len(self.history) + 1}: {what} is no longer finite; "
            f"lower the learning rate (now {self.config.lr:g})")


def train(task: Task, corpus: Corpus, config: Config = Config(), heldout: Corpus | None = None,
          on_epoch=None) -> Trainer:
    """Train for config.epochs; on_epoch(stats) is called after each."""
    trainer = Trainer(task, task.examples(corpus), task.examples(heldout) if heldout else (), config)
    for _ in range(config.epochs):
        stats = trainer.epoch()
        if on_epoch:
            on_epoch(stats)
    return trainer
