"""The app's state that outlives a screen: corpus, sentences (typed ones too), models, traces.
Traces are made once per (sentence, topology) and kept; stepping never recomputes them (a trace
computes each step once, when it is first read)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING

import numpy as np

from rnn_tui.engine import tokenize
from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus
from rnn_tui.engine.models import TRAINED_USES, default_model, load_model, load_translation, next_cell, twins
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.text import typed_sentence
from rnn_tui.engine.topologies import Topology, topology_by_name
from rnn_tui.engine.trace import GREEDY, Sampling, Trace, run, run_seq2seq

if TYPE_CHECKING:  # the encoder-decoder's code is imported when its topology is first shown
    from rnn_tui.engine.seq2seq import Seq2Seq

MAX_TRACES = 256       # traces kept for going back; a class typing all hour must not fill memory
MAX_TRACE_BYTES = 256 * 2**20  # ... nor long sentences at a large H: each step keeps its cell's record


def nbytes(value: object, depth: int = 0, seen: set[int] | None = None) -> int:
    """The bytes of the NumPy arrays held in `value` (a trace, its steps, their records), each
    counted once (a step's h is the next one's h_prev; every step holds the same biases) and
    without views into another array (a word's column of W_ih is the model's, not the trace's)."""
    seen = set() if seen is None else seen
    if isinstance(value, np.ndarray):
        if value.base is not None or id(value) in seen:
            return 0
        seen.add(id(value))
        return int(value.nbytes)
    if depth > 4:
        return 0
    if isinstance(value, (list, tuple)):
        return sum(nbytes(v, depth + 1, seen) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return sum(nbytes(getattr(value, f.name, None), depth + 1, seen) for f in fields(value))
    return 0


def trace_bytes(trace: Trace) -> int:
    """What a trace's steps hold once every one is computed (the model is shared: not counted).
    A trace computes its steps as they are read (engine/records.py), so it is counted at its full
    size from the start: the cache's cap holds however far the user steps. Until then every step's
    record is taken to hold as much as the second's, beyond what the first's already holds (its
    h_prev is the first's h; they share the biases): a sentence's steps are all alike."""
    if len(trace) < 2 or trace.computed == len(trace):
        return nbytes([s.cell for s in trace.steps])
    seen: set[int] = set()
    first = nbytes(trace.steps[0].cell, seen=seen)
    return first + (len(trace) - 1) * nbytes(trace.steps[1].cell, seen=seen)


@dataclass
class Session:
    corpus: Corpus = LECTURE_CORPUS
    weights: Model | None = None          # --weights: one model for every topology
    topology: Topology = field(default_factory=lambda: topology_by_name("many-to-many"))
    index: int = 0                        # the sentence on screen
    gen_steps: int = 15                   # one-to-many writes at most this many words (it stops at <eos>)
    sampling: Sampling = GREEDY           # how one-to-many (and a plain model's encoder-decoder) picks its words
    typed: list[str] = field(default_factory=list)
    trained: dict[str, Model] = field(default_factory=dict)  # task -> a model trained in the app, put to use
    cell: str | None = None               # the cell Unroll's cell key chose ("gru"...); None: each model's own
    _models: dict[str, Model] = field(default_factory=dict)
    _traces: dict[tuple[str, str, Sampling, str | None], Trace] = field(default_factory=dict)
    _trace_bytes: dict[tuple[str, str, Sampling, str | None], int] = field(default_factory=dict)
    _translator: Seq2Seq | None = None
    _twins: dict[str, Model] = field(default_factory=dict)

    @property
    def sentences(self) -> list[str]:
        return [s.text for s in self.corpus.sentences] + self.typed

    @property
    def text(self) -> str:
        return self.sentences[self.index]

    def model(self, topology: Topology | None = None) -> Model:
        """The model a topology is shown with: one trained in the app and put to use, for the
        topologies it was trained for; else --weights; else the default for the corpus; then its
        twin with the chosen cell, where a shipped one exists."""
        own = self.own_model(topology)
        family = twins(own.name) if self._loaded(own) else None
        if self.cell is None or own.cell == self.cell or family is None or self.cell not in family:
            return own
        name = family[self.cell]
        if name not in self._twins:
            self._twins[name] = load_model(name)
        return self._twins[name]

    def _loaded(self, model: Model) -> bool:
        """Whether `model` came from a file (--weights or the corpus's default), not trained here."""
        return model is self.weights or any(model is m for m in self._models.values())

    def cell_refusal(self, topology: Topology | None = None) -> str | None:
        """Why the cell key cannot switch the cell of the model on screen; None when it can."""
        top = topology or self.topology
        own = self.own_model(top)
        if self.translator(top) is not None:
            return "the translation model is Elman only: no GRU or LSTM twin of it"
        if not self._loaded(own):
            return f"{own.name} was trained here: no twin of it in another cell"
        if twins(own.name) is None:
            return f"{own.name} has no GRU or LSTM twin: c switches only the shipped models"
        return None

    def switch_cell(self) -> str:
        """The next cell (Elman, GRU, LSTM, round again) for the model on screen; returns it."""
        self.cell = next_cell(self.model().cell)
        return self.cell

    def own_model(self, topology: Topology | None = None) -> Model:
        """The model before the cell key: trained in the app, --weights, or the corpus's default."""
        top = topology or self.topology
        for model in reversed(self.trained.values()):  # the one put to use last first
            if model.trained_for is not None and top.name in TRAINED_USES.get(model.trained_for,
                                                                              frozenset({model.trained_for})):
                return model
        if self.weights is not None:
            return self.weights
        return self._default(top)

    def _default(self, top: Topology) -> Model:
        if top.name not in self._models:
            self._models[top.name] = default_model(top.name, self.corpus)
        return self._models[top.name]

    def translator(self, topology: Topology | None = None) -> Seq2Seq | None:
        """The encoder-decoder that shows the encoder-decoder topology: the shipped English-to-French
        model, with weights of its own for each half, unless --weights or a model put to use says
        otherwise (they step through the same topology with their one set of weights)."""
        top = topology or self.topology
        if top.name != "encoder-decoder" or self.weights is not None or self.own_model(top) is not self._default(top):
            return None
        if self._translator is None:
            self._translator = load_translation()
        return self._translator

    def trace(self) -> Trace:
        return self.trace_of(self.topology)

    def trace_of(self, topology: Topology) -> Trace:
        """The sentence on screen through a topology, computed once. Raises InputError when the
        model cannot run it (a classifier asked to write words): the line says why."""
        key = (self.text, topology.name, self.sampling if topology.feeds_back else GREEDY, self.cell)
        if key not in self._traces:
            words = tokenize(self.text)
            translator = self.translator(topology)
            if translator is not None:
                trace = run_seq2seq(translator, words)
            else:
                trace = run(self.model(topology), words, topology, self.gen_steps, sampling=self.sampling)
            self._traces[key] = trace
            self._trace_bytes[key] = trace_bytes(trace)
            # The oldest go first (they can be recomputed), by count and by bytes; the new one stays.
            while len(self._traces) > 1 and (len(self._traces) > MAX_TRACES
                                             or sum(self._trace_bytes.values()) > MAX_TRACE_BYTES):
                oldest = next(iter(self._traces))
                del self._traces[oldest], self._trace_bytes[oldest]
        return self._traces[key]

    def use_trained(self, task: str, model: Model) -> None:
        """A model trained in the app becomes the session's for its task: Sentiment and Gradients
        read `trained`, Unroll gets it from `model()` for the topologies it was trained for."""
        self.trained.pop(task, None)  # re-inserted last: the latest put to use wins
        self.trained[task] = model
        self._traces.clear()  # traces of the old model are stale now
        self._trace_bytes.clear()

    def set_topology(self, name: str) -> None:
        self.topology = topology_by_name(name)

    def move(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.sentences)

    def add_sentence(self, text: str) -> str | None:
        """Select a typed sentence; returns a note when it was cut. Raises InputError if it has no words."""
        text, note = typed_sentence(text)
        if text in self.sentences:
            self.index = self.sentences.index(text)
        else:
            self.typed.append(text)
            self.index = len(self.sentences) - 1
        return note
