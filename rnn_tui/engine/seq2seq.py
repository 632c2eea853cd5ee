"""Encoder-decoder (seq2seq) as it is built: an encoder RNN reads the source sentence; its last
hidden state becomes the decoder's first; the decoder, an RNN with weights of its own, writes
the target sentence a word at a time. Its first input is the zero vector (nothing written yet);
each later input is the word it wrote before (in training, the true previous word: teacher
forcing). It stops at <eos>. Both halves step through the same cell: Elman, GRU or LSTM (an
LSTM encoder hands over its memory cell c beside h, as nn.LSTM's (h_n, c_n) would be passed).

A model may also feed the encoder's last state to every decoder step beside the word
(`context_every_step`, as Cho et al. 2014 did): the decoder is then nn.RNN(Vt + H, H) reading
[one-hot; context], so the source is not forgotten as the decoder writes.

A model may read the source sentence backwards (`reverse_source`), as Sutskever et al. (2014)
did: the first source words are then the last the encoder reads, close to the first words the
decoder writes. The Translation says so, and keeps the words in the order they were read.

Training runs a batch of pairs at once: padded, masked, one matrix product per step for the
whole batch through the same cell (`cells.forward_batch`, `cells.bptt`); `pair_loss`
is the one-pair reference its gradients are tested against.

The weights are those of a PyTorch module holding `encoder = nn.RNN(Vs, H)`, `decoder =
nn.RNN(Vt, H)` and `out = nn.Linear(H, O)` (see docs/weights.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from rnn_tui.engine.cells import Record, bptt, forward, forward_batch, memory, read_only, step as cell_step
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Array, CellWeights, Params, log_softmax, logits, softmax
from rnn_tui.engine.text import EOS, UNK, Vocabulary, tokenize
from rnn_tui.engine.train import Config, Optimizer

MAX_OUTPUT_WORDS = 20  # greedy decoding stops here if <eos> never comes


@dataclass(frozen=True)
class Seq2Seq:
    encoder: CellWeights
    decoder: Params            # the decoder's cell and the readout over the target words
    source: Vocabulary         # the encoder's one-hot columns
    target: Vocabulary         # the decoder's one-hot columns: the target words it can be fed
    labels: tuple[str, ...]    # the decoder's outputs: the target words and <eos>
    name: str = "untrained"
    trained_for: str | None = "encoder-decoder"
    reverse_source: bool = False  # the encoder reads the source sentence from its last word to its first
    context_every_step: bool = False  # every decoder step reads [one-hot; the encoder's last state]

    def __post_init__(self) -> None:
        H = self.encoder.hidden_size
        inputs = self.target.size + (H if self.context_every_step else 0)
        checks = [
            (self.encoder.W_ih.shape[1] == self.source.size, "the encoder's W_ih columns and the source vocabulary"),
            (self.decoder.input_size == inputs, "the decoder's W_ih columns and the target vocabulary"
             + (" plus H (the context read at every step)" if self.context_every_step else "")),
            (self.decoder.hidden_size == H, "the encoder's and the decoder's hidden sizes"),
            (self.encoder.cell == self.decoder.cell, "the encoder's and the decoder's cells"),
            (self.decoder.output_size == len(self.labels), "out.weight's rows and the labels"),
            (EOS in self.labels, "the labels (no <eos> to stop at)"),
        ]
        for ok, what in checks:
            if not ok:
                raise InputError(f"a seq2seq model whose sizes disagree: {what}")

    @property
    def hidden_size(self) -> int:
        return self.encoder.hidden_size

    @property
    def cell(self) -> str:
        """The cell both halves step through: "elman", "gru" or "lstm"."""
        return self.encoder.cell

    def input_index(self, label: str) -> int | None:
        """The decoder's one-hot column for a word it wrote (None: a word it has no column for)."""
        return self.target.index(label)

    def encoder_words(self, words: Sequence[str]) -> tuple[str, ...]:
        """The source words in the order the encoder reads them."""
        return tuple(reversed(words)) if self.reverse_source else tuple(words)


@dataclass(frozen=True, eq=False)
class Translation:
    """One sentence through the model: every encoder step, every decoder step and its output."""

    words: tuple[str, ...]     # the source sentence, as written
    encoder: tuple[Record, ...]  # each step's record (ElmanStep, GRUStep or LSTMStep)
    decoder: tuple[Record, ...]
    y: tuple[Array, ...]       # the decoder's output distribution at each of its steps
    output: tuple[str, ...]    # the words written, up to and without <eos>
    reversed_source: bool = False  # the encoder read the sentence backwards: encoder[t] read read[t]
    context_every_step: bool = False  # every decoder step read the handover beside its word (step.context)

    @property
    def read(self) -> tuple[str, ...]:
        """The source words in the order the encoder read them: encoder step t read read[t]."""
        return tuple(reversed(self.words)) if self.reversed_source else self.words

    @property
    def reading(self) -> str:
        """How the encoder read the sentence, in words to say aloud."""
        if self.reversed_source:
            return f"the encoder reads the sentence backwards, last word first: {' '.join(self.read)}"
        return f"the encoder reads the sentence in order: {' '.join(self.read)}"

    @property
    def handover(self) -> Array:
        """The encoder's last state: everything the decoder knows of the source sentence."""
        return self.encoder[-1].h if self.encoder else np.zeros(0)


def translate(model: Seq2Seq, words: Sequence[str], max_words: int = MAX_OUTPUT_WORDS) -> Translation:
    """Greedy decoding: the decoder writes its most likely word at each step."""
    if not words:
        raise InputError("the sentence has no words")
    enc = forward(model.encoder, model.source.encode(model.encoder_words(words)))
    h, c = enc[-1].h, memory(enc[-1])  # an LSTM hands over its memory cell too, as nn.LSTM's (h_n, c_n)
    context = h if model.context_every_step else None
    dec: list[Record] = []
    ys: list[Array] = []
    out: list[str] = []
    x: int | None = None  # the decoder's first input: nothing written yet
    for _ in range(max_words):
        step = cell_step(model.decoder, x, h, context=context, c_prev=c)
        y = read_only(softmax(logits(model.decoder, step.h)))
        dec.append(step)
        ys.append(y)
        word = model.labels[int(np.argmax(y))]
        if word == EOS:
            break
        out.append(word)
        x, h, c = model.input_index(word), step.h, memory(step)
    return Translation(tuple(words), tuple(enc), tuple(dec), tuple(ys), tuple(out), model.reverse_source,
                       model.context_every_step)


@dataclass(frozen=True)
class Pair:
    """A training pair as indices: the source (in the sentence's order), the decoder's inputs
    (None, then the true words: teacher forcing) and its targets (the true words, then <eos>)."""

    source: tuple[int | None, ...]
    inputs: tuple[int | None, ...]
    targets: tuple[int, ...]

    def read(self, reverse: bool) -> tuple[int | None, ...]:
        """The source in the order the encoder reads it."""
        return self.source[::-1] if reverse else self.source


@dataclass(frozen=True)
class Weights:
    """Both halves' weights together, as the optimiser sees them: flat, named arrays."""

    encoder: CellWeights
    decoder: Params

    def named(self) -> dict[str, Array]:
        return {**{f"encoder.{k}": a for k, a in zip(self.encoder.names(), self.encoder.arrays(), strict=True)},
                **{f"decoder.{k}": a for k, a in zip(self.decoder.names(), self.decoder.arrays(), strict=True)}}

    @classmethod
    def from_named(cls, named: dict[str, Array]) -> Weights:
        def part(prefix: str) -> dict[str, Array]:
            return {k.removeprefix(prefix): v for k, v in named.items() if k.startswith(prefix)}

        return cls(CellWeights(**part("encoder.")), Params(**part("decoder.")))


def pair_loss(w: Weights, pair: Pair, grads: bool = True, reverse: bool = False, context: bool = False
              ) -> tuple[float, int, dict[str, Array] | None, bool]:
    """Cross-entropy over the decoder's steps (mean), how many words it got right, (if grads) the
    gradients of every weight: back through the decoder, then on through the encoder from its
    last state, and whether every word was right. One pair at a time: the reference
    `batch_loss` is checked against."""
    enc = forward(w.encoder, pair.read(reverse))
    dec = forward(w.decoder, pair.inputs, h0=enc[-1].h, context=enc[-1].h if context else None, c0=memory(enc[-1]))
    hs = np.stack([s.h for s in dec])
    logp = log_softmax(logits(w.decoder, hs))
    n = len(pair.targets)
    rows = np.arange(n)
    targets = np.array(pair.targets)
    loss = float(-np.mean(logp[rows, targets]))
    hits = np.argmax(logp, axis=1) == targets
    exact = bool(np.all(hits))
    if not grads:
        return loss, int(hits.sum()), None, exact
    dlogits = np.exp(logp)
    dlogits[rows, targets] -= 1.0
    dlogits /= n
    d = bptt(w.decoder, dec, dlogits @ w.decoder.W_out)
    dh_enc = np.zeros((len(enc), w.encoder.hidden_size))
    dh_enc[-1] = d.dh0 + d.dcontext if context else d.dh0
    e = bptt(w.encoder, enc, dh_enc, dc_end=d.dc0)  # an LSTM's c_T reaches the decoder's c_0
    g = {f"encoder.{k}": v for k, v in e.grads.items()}
    g |= {f"decoder.{k}": v for k, v in d.grads.items()}
    g["decoder.W_out"] = dlogits.T @ hs
    g["decoder.b_out"] = dlogits.sum(axis=0)
    return loss, int(hits.sum()), g, exact


@dataclass(frozen=True)
class BatchLoss:
    """A batch's figures, summed over its pairs: each pair's loss is its mean over its steps."""

    loss: float                        # the sum over pairs of each pair's mean cross-entropy
    correct: int                       # words right (teacher-forced), over all pairs
    exact: int                         # pairs with every word right
    grads: dict[str, Array] | None     # the gradient of `loss`: the sum of pair_loss's gradients


def _padded(rows: Sequence[Sequence[int | None]]) -> tuple[np.ndarray, np.ndarray]:
    """Rows of indices as a (T, B) array, -1 for the zero vector and for padding, and the mask
    of real steps."""
    T = max(len(r) for r in rows)
    xs = np.full((T, len(rows)), -1, dtype=np.intp)
    mask = np.zeros((T, len(rows)), dtype=bool)
    for b, r in enumerate(rows):
        xs[:len(r), b] = [-1 if i is None else i for i in r]
        mask[:len(r), b] = True
    return xs, mask


def batch_loss(w: Weights, pairs: Sequence[Pair], grads: bool = True, reverse: bool = False,
               context: bool = False) -> BatchLoss:
    """`pair_loss` for a batch at once: the pairs padded to the longest, with a mask, so each
    step of the encoder and of the decoder is one matrix product for the whole batch."""
    B, H = len(pairs), w.encoder.hidden_size
    src, src_mask = _padded([p.read(reverse) for p in pairs])
    dec_in, dec_mask = _padded([p.inputs for p in pairs])
    enc = forward_batch(w.encoder, src, src_mask)
    handover = enc[-1].h                                             # a padded row kept its last state
    dec = forward_batch(w.decoder, dec_in, dec_mask, h0=handover, context=handover if context else None,
                        c0=memory(enc[-1]))
    hs = np.stack([s.h for s in dec])                                # (T, B, H)
    logp = log_softmax(logits(w.decoder, hs))                        # (T, B, O)
    targets = np.zeros(dec_mask.shape, dtype=np.intp)
    for b, p in enumerate(pairs):
        targets[:len(p.targets), b] = p.targets
    share = dec_mask / dec_mask.sum(axis=0)                          # 1/n on a pair's n steps, 0 on padding
    picked = np.take_along_axis(logp, targets[..., None], axis=2)[..., 0]
    loss = float(-np.sum(share * picked))
    hits = (np.argmax(logp, axis=2) == targets) & dec_mask
    correct, exact = int(hits.sum()), int(np.sum(np.all(hits | ~dec_mask, axis=0)))
    if not grads:
        return BatchLoss(loss, correct, exact, None)
    dlogits = np.exp(logp)
    np.put_along_axis(dlogits, targets[..., None], np.take_along_axis(dlogits, targets[..., None], axis=2) - 1.0,
                      axis=2)
    dlogits *= share[..., None]
    d = bptt(w.decoder, dec, dlogits @ w.decoder.W_out)
    dh_enc = np.zeros((len(enc), B, H))
    dh_enc[-1] = d.dh0 + d.dcontext if context else d.dh0
    e = bptt(w.encoder, enc, dh_enc, dc_end=d.dc0)
    g = {f"encoder.{k}": v for k, v in e.grads.items()}
    g |= {f"decoder.{k}": v for k, v in d.grads.items()}
    flat = dlogits.reshape(-1, dlogits.shape[2])
    g["decoder.W_out"] = flat.T @ hs.reshape(-1, H)
    g["decoder.b_out"] = flat.sum(axis=0)
    return BatchLoss(loss, correct, exact, g)


@dataclass(frozen=True)
class ParallelCorpus:
    """Parallel sentences, tokenised, with their split (train, val or test)."""

    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]

    def split(self, name: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        return [(s, t) for s, t, split in self.pairs if split == name]


def load_pairs(path: str) -> ParallelCorpus:
    """A CSV with source, target and split columns (the shipped translation data)."""
    import csv

    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pairs = []
    for n, row in enumerate(rows, 2):
        try:
            source, target, split = tokenize(row["source"]), tokenize(row["target"]), row.get("split") or "train"
        except (KeyError, AttributeError):
            raise InputError(f"{path}:{n}: needs source and target columns") from None
        if not source or not target:
            raise InputError(f"{path}:{n}: a source or target with no words")
        pairs.append((tuple(source), tuple(target), split.strip().lower()))
    return ParallelCorpus(tuple(pairs))


@dataclass
class Seq2SeqTrainer:
    """Teacher-forced training, an epoch at a time, a batch of pairs at once (`batch_loss`),
    keeping the epoch with the lowest validation loss (early stopping when config.patience is
    set). reverse_source: the encoder reads each source sentence backwards; context_every_step:
    the decoder reads the encoder's last state at every step; lr_decay: the learning rate is
    multiplied by it after each epoch (1: constant)."""

    source: Vocabulary
    target: Vocabulary
    labels: tuple[str, ...]
    train_pairs: list[Pair]
    val_pairs: list[Pair]
    config: Config
    history: list[tuple[float, float | None]] = field(default_factory=list)  # (train loss, val loss)
    best_epoch: int | None = None
    reverse_source: bool = False
    context_every_step: bool = False
    lr_decay: float = 1.0

    def __post_init__(self) -> None:
        cfg, H = self.config, self.config.hidden
        decoder_inputs = self.target.size + (H if self.context_every_step else 0)
        init = Weights(CellWeights.init(self.source.size, H, seed=cfg.seed, cell=cfg.cell),
                       Params.init(decoder_inputs, H, len(self.labels), seed=cfg.seed + 1, cell=cfg.cell))
        self._opt = Optimizer(cfg, init.named())
        self._rng = np.random.default_rng(cfg.seed)
        self._best: Weights | None = None
        self._best_loss = np.inf

    @property
    def weights(self) -> Weights:
        return Weights.from_named(self._opt.weights)

    @property
    def finished(self) -> bool:
        return self.config.run_is_over(len(self.history), self.best_epoch)

    def epoch(self) -> tuple[float, float | None]:
        cfg = replace(self.config, lr=self.config.lr * self.lr_decay ** len(self.history))
        self._opt.config = cfg
        order = self._rng.permutation(len(self.train_pairs))
        for start in range(0, len(order), cfg.batch_size):
            batch = [self.train_pairs[i] for i in order[start:start + cfg.batch_size]]
            total = batch_loss(self.weights, batch, reverse=self.reverse_source,
                               context=self.context_every_step).grads
            assert total is not None
            norm = self._opt.step({k: v / len(batch) for k, v in total.items()})
            if not np.isfinite(norm):
                raise InputError(f"training stopped at epoch {len(self.history) + 1}: the gradient is no longer "
                                 f"finite; lower the learning rate (now {cfg.lr:g})")
        w = self.weights
        loss = mean_loss(w, self.train_pairs, self.reverse_source, self.context_every_step)
        val = mean_loss(w, self.val_pairs, self.reverse_source, self.context_every_step) if self.val_pairs else None
        if val is not None and val < self._best_loss:
            self.best_epoch, self._best, self._best_loss = len(self.history) + 1, w, val
        self.history.append((loss, val))
        return loss, val

    def model(self, name: str = "seq2seq", best: bool = True) -> Seq2Seq:
        w = self._best if best and self._best is not None else self.weights
        return Seq2Seq(w.encoder, w.decoder, self.source, self.target, self.labels, name=name,
                       reverse_source=self.reverse_source, context_every_step=self.context_every_step)


def mean_loss(w: Weights, pairs: Sequence[Pair], reverse: bool = False, context: bool = False,
              batch_size: int = 256) -> float:
    """The mean over pairs of each pair's loss, forward only, a batch at a time."""
    total = sum(batch_loss(w, pairs[i:i + batch_size], grads=False, reverse=reverse, context=context).loss
                for i in range(0, len(pairs), batch_size))
    return total / len(pairs)


def build_vocabularies(train: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]
                       ) -> tuple[Vocabulary, Vocabulary, tuple[str, ...]]:
    """The source words, the target words (the decoder's inputs) and the labels (target words
    and <eos>), all from the training pairs, in first-seen order."""
    source = Vocabulary.build(s for s, _ in train)
    target = Vocabulary.build(t for _, t in train)
    labels = tuple(w for w in target.tokens if w != UNK) + (EOS,)
    return source, target, labels


def to_pair(source: Vocabulary, target: Vocabulary, labels: tuple[str, ...],
            src: Sequence[str], tgt: Sequence[str]) -> Pair:
    index = {w: i for i, w in enumerate(labels)}
    unk_label = index.get(UNK)
    targets = tuple(index.get(w, unk_label if unk_label is not None else index[EOS]) for w in tgt) + (index[EOS],)
    return Pair(tuple(source.encode(src)), (None,) + tuple(target.encode(tgt)), targets)


def exact_match(model: Seq2Seq, pairs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> float:
    """The share of pairs translated word for word as the reference (greedy decoding)."""
    return float(np.mean([translate(model, s).output == tuple(t) for s, t in pairs]))
