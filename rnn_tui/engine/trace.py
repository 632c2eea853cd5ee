"""A forward pass, recorded once: one immutable Step per time step. Stepping through it
in the app only moves a cursor; no pane recomputes the maths. A step keeps its cell's record
(a few vectors of H); its outputs (O scores and their softmax, O as large as the vocabulary) are
computed when asked, a few steps' worth kept (readout.py), so a trace's memory does not grow with O.
Where the inputs are the sentence's words, the records themselves are computed in order when first
read, and kept (records.py): a long sentence opens on step 1 without waiting for its last."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from rnn_tui.engine.cells import ElmanStep, GRUStep, LSTMStep, memory, read_only, step as cell_step
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.gated import Gate, slim
from rnn_tui.engine.readout import Readout
from rnn_tui.engine.records import Record, Records
from rnn_tui.engine.rnn import Array, Model, logits, readout, softmax
from rnn_tui.engine.text import EOS, Vocabulary
from rnn_tui.engine.topologies import FEEDBACK, NOTHING, WORD, Planned, Topology, refusal, topology_by_name

if TYPE_CHECKING:  # the encoder-decoder (and the training code it brings) is imported when one is run
    from rnn_tui.engine.seq2seq import Seq2Seq


def _from_cell(name: str) -> Any:
    """A read-only attribute of a Step that is the same-named field of its cell's record."""
    return property(lambda step: getattr(step.cell, name), doc=f"the cell's {name}")


@dataclass(frozen=True, eq=False)
class Step:
    t: int                     # 1-based, as on the board
    source: str                # WORD, FEEDBACK or NOTHING
    input_token: str | None    # the token as the model reads it (an unknown word reads as <unk>)
    typed: str | None          # the word as typed, before the vocabulary saw it
    records: Records = field(repr=False)  # the trace's cell records: this step's is records[t - 1] (`cell`)
    readout: Readout | None = field(default=None, repr=False)  # the output layer, where the topology reads
                                                                # an output: computed when asked, not kept
    row: int = -1              # this step's h among the readout's
    written: int | None = None  # the word a generating topology picked and fed back (greedy or sampled)
    part: str | None = None    # in an encoder-decoder: "encoder" or "decoder", whose weights this step used

    # The cell's sub-steps by name, as the panes read them: x_index, h_prev, wx, wh, b_ih, b_hh, pre, h.
    # A gated cell's wx, wh, the biases and pre stack its gates (G*H); its `gates` name each one.
    x_index = _from_cell("x_index")
    h_prev = _from_cell("h_prev")
    wx = _from_cell("wx")
    wh = _from_cell("wh")
    b_ih = _from_cell("b_ih")
    b_hh = _from_cell("b_hh")
    pre = _from_cell("pre")
    h = _from_cell("h")

    @property
    def cell(self) -> ElmanStep | GRUStep | LSTMStep:
        """The cell's sub-steps: W_ih x, W_hh h, the biases, the sum, then tanh (Elman) or every
        gate (GRU, LSTM: `cell.gates`); computed, with every step before it, when first read."""
        record: ElmanStep | GRUStep | LSTMStep = self.records[self.t - 1]
        return record

    @property
    def w_input(self) -> Array:
        """W_ih times all this step reads: the word's column, plus W_ih's context columns times c
        where a decoder reads the encoder's last state beside its word."""
        return self.wx if self.cell.wc is None else read_only(self.wx + self.cell.wc)

    @property
    def gates(self) -> tuple[Gate, ...]:
        """Every gate of a GRU or LSTM step, in PyTorch's order, each with its pre-activation and
        value (an Elman step has none: its one tanh is `pre` and `h`)."""
        return () if isinstance(self.cell, ElmanStep) else self.cell.gates

    @property
    def c(self) -> Array | None:
        """An LSTM's memory cell c_t after this step; None for the other cells."""
        return memory(self.cell)

    @property
    def has_output(self) -> bool:
        return self.readout is not None

    @property
    def logits(self) -> Array | None:
        """W_out h_t + b_out, where the topology reads an output (computed now, a few steps kept)."""
        return None if self.readout is None else self.readout.logits(self.row)

    @property
    def y(self) -> Array | None:
        """softmax(logits), where the topology reads an output (computed now, a few steps kept)."""
        return None if self.readout is None else self.readout.y(self.row)

    @property
    def predicted(self) -> int | None:
        """The most likely output (kept once computed: one number a step)."""
        return None if self.readout is None else self.readout.best(self.row)

    @property
    def confidence(self) -> float | None:
        """y[predicted]: how sure the model is of its most likely output (kept, as `predicted`)."""
        return None if self.readout is None else self.readout.p_best(self.row)

    @property
    def chosen(self) -> int | None:
        """The output written: the word fed back where a topology generates, else the most likely."""
        return self.written if self.written is not None else self.predicted


@dataclass(frozen=True, eq=False)
class Trace:
    model: Model
    topology: Topology
    words: tuple[str, ...]      # the sentence's words as typed (lowercased)
    steps: tuple[Step, ...]
    h0: Array
    source_vocab: Vocabulary | None = None  # an encoder-decoder's encoder reads these words; model.vocab the decoder's
    reading: str = ""                       # how the encoder read the sentence, when that is worth saying
    sampling: str = ""                      # how a generating topology picked its words ("greedy", ...)

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def computed(self) -> int:
        """How many of its steps are computed so far: the first `computed` (see records.py)."""
        return self.steps[0].records.done if self.steps else 0

    @property
    def cell(self) -> str:
        """The cell every step went through: "elman", "gru" or "lstm"."""
        return self.model.cell

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words as the model reads them (unknown ones as <unk>)."""
        return tuple(self.model.vocab.shown(w) for w in self.words)

    @property
    def outputs(self) -> list[str]:
        """The outputs written, in order: the most likely labels, or the sampled words."""
        return [self.model.labels[s.chosen] for s in self.steps if s.chosen is not None]

    @property
    def output(self) -> str | list[str]:
        """One label for a single-output topology, else the sequence of labels."""
        outs = self.outputs
        return outs[0] if len(outs) == 1 else outs

    def readout_every_step(self) -> Array:
        """(T, O): the output layer applied to every h_t, even where the topology reads none:
        what a many-to-one model would say if the sentence stopped at each word."""
        return readout(self.model.params, self.hidden_states)

    def vocab_at(self, step: Step) -> Vocabulary:
        """The one-hot columns this step's input is one of: the encoder's words or the decoder's."""
        return self.source_vocab if step.part == "encoder" and self.source_vocab is not None else self.model.vocab

    @property
    def handover(self) -> int | None:
        """In an encoder-decoder, the index of the encoder's last step: its h starts the decoder."""
        encoder = [i for i, s in enumerate(self.steps) if s.part == "encoder"]
        return encoder[-1] if encoder else None

    @property
    def hidden_states(self) -> Array:
        """(T, H): h_1 .. h_T."""
        return np.stack([s.h for s in self.steps])


@dataclass(frozen=True)
class Sampling:
    """How a generating topology picks the word it writes: the most likely (greedy, temperature None)
    or one drawn from softmax(scores / temperature), from a seeded generator: the same seed, the same
    sentence. Low temperatures stay near greedy; high ones take more chances."""

    temperature: float | None = None
    seed: int = 0

    def __post_init__(self) -> None:
        if self.temperature is not None and not (0 < self.temperature < float("inf")):
            raise InputError(f"the sampling temperature must be a positive number (got {self.temperature})")

    @property
    def described(self) -> str:
        """In a few words, for the screen: "greedy", or "sampled, T=1, seed 3"."""
        return "greedy" if self.temperature is None else f"sampled, T={self.temperature:g}, seed {self.seed}"

    def hotter(self) -> Sampling:
        """The next setting of the temperature key: greedy, then 0.5, 1 and 2, then greedy again."""
        i = TEMPERATURES.index(self.temperature) if self.temperature in TEMPERATURES else 0
        return replace(self, temperature=TEMPERATURES[(i + 1) % len(TEMPERATURES)])

    def reseeded(self) -> Sampling:
        """Another draw: the next seed (greedy stays greedy)."""
        return replace(self, seed=self.seed + 1)

    def chooser(self) -> Callable[[Array], int]:
        if self.temperature is None:
            return lambda scores: int(np.argmax(scores))
        rng, temperature = np.random.default_rng(self.seed), self.temperature
        return lambda scores: int(rng.choice(len(scores), p=softmax(scores / temperature)))


GREEDY = Sampling()
TEMPERATURES: tuple[float | None, ...] = (None, 0.5, 1.0, 2.0)  # what the app's temperature key cycles through


def run(model: Model, words: Sequence[str], topology: Topology, gen_steps: int = 5,
        h0: Array | None = None, sampling: Sampling = GREEDY) -> Trace:
    """Step the cell along the topology's schedule and record every step. Where an output is fed
    back (one-to-many, encoder-decoder), `sampling` picks the word written. Raises InputError,
    saying why, when the model cannot run the topology (a classifier asked to write words)."""
    refused = refusal(model, topology)
    if refused is not None:
        raise InputError(refused)
    p, vocab = model.params, model.vocab
    h = read_only(np.zeros(p.hidden_size) if h0 is None else h0)
    plan = topology.schedule(len(words), gen_steps)
    feeds_back = topology.feeds_back
    # (t, plan's source, the word typed or fed back, whether it reads an output, the word written)
    planned: list[tuple[int, str, str | None, bool, int | None]]
    if feeds_back:  # its inputs are its own outputs: computed now, to the <eos> that ends it
        recorded = _generate(model, words, plan, h, sampling.chooser())
        planned = [(t, source, typed, output, written) for t, source, typed, _, output, written in recorded]
        records = Records.computed([cell for *_, cell, _, _ in recorded], h)
    else:  # its inputs are the words: each step computed when first read (records.py)
        planned = [(t, pl.source, None if pl.position is None else words[pl.position], pl.output, None)
                   for t, pl in enumerate(plan, start=1)]
        records = Records(p, [None if typed is None else vocab.index(typed) for _, _, typed, _, _ in planned], h)
    # The outputs are computed when a step is shown; a generating topology's one step at a time,
    # exactly as its words were picked.
    out = Readout(p, records.states([t - 1 for t, *_, output, _ in planned if output]),
                  one_at_a_time=feeds_back)
    steps: list[Step] = []
    row = 0  # the next output step's place among the readout's
    for t, source, typed, output, written in planned:
        steps.append(Step(t=t, source=source, input_token=None if typed is None else vocab.shown(typed),
                          typed=typed, records=records, readout=out if output else None,
                          row=row if output else -1, written=written))
        row += output
    return Trace(model=model, topology=topology, words=tuple(words), steps=tuple(steps), h0=h,
                 sampling=sampling.described if feeds_back else "")


def _generate(model: Model, words: Sequence[str], plan: Sequence[Planned], h: Array,
              choose: Callable[[Array], int]) -> list[tuple[int, str, str | None, Record, bool, int | None]]:
    """Step the cell along a schedule whose outputs are fed back as its next inputs, picking each
    word written with `choose`, until the plan ends or the model writes <eos>. Returns, for each
    step: t, the plan's source, the word typed or fed back, the cell's record (slim), whether it
    reads an output, and the word written."""
    p, vocab = model.params, model.vocab
    c: Array | None = None  # an LSTM's memory cell: zeros to start, as PyTorch's default c_0
    recorded: list[tuple[int, str, str | None, Record, bool, int | None]] = []
    fed_back: str | None = None
    for t, pl in enumerate(plan, start=1):
        if pl.source == FEEDBACK and fed_back == EOS:
            break  # the model said the sentence is over
        if pl.source == WORD:
            assert pl.position is not None
            typed: str | None = words[pl.position]
        elif pl.source == FEEDBACK:
            typed = fed_back
        else:
            typed = None
        x = None if typed is None else vocab.index(typed)
        cell = cell_step(p, x, h, c_prev=c)
        written = None
        if pl.output:  # the next step reads this word: pick it now (its y is not kept)
            written = choose(logits(p, cell.h))
            fed_back = model.labels[written]
        recorded.append((t, pl.source, typed, slim(cell), pl.output, written))  # a gated step: h and c only
        h, c = cell.h, memory(cell)
    return recorded


def run_seq2seq(model: Seq2Seq, words: Sequence[str], max_words: int | None = None) -> Trace:
    """An encoder-decoder's translation as a trace: the encoder's steps (its own weights, no output),
    then the decoder's (its own weights, starting from the encoder's last state, writing a word a
    step until <eos>). The trace's model is the decoder; the encoder's words are `source_vocab`.
    At most `max_words` outputs (None: seq2seq.MAX_OUTPUT_WORDS)."""
    from rnn_tui.engine.seq2seq import MAX_OUTPUT_WORDS, translate

    tr = translate(model, words, MAX_OUTPUT_WORDS if max_words is None else max_words)
    decoder = Model(model.decoder, model.target, model.labels, name=model.name, trained_for="encoder-decoder",
                    context_size=model.hidden_size if model.context_every_step else 0)
    assert len(tr.read) == len(tr.encoder) and len(tr.y) == len(tr.decoder)
    h0 = read_only(np.zeros(model.hidden_size))
    records = Records.computed([slim(cell) for cell in (*tr.encoder, *tr.decoder)], h0)
    steps: list[Step] = []
    for t, word in enumerate(tr.read, start=1):
        steps.append(Step(t=t, source=WORD, input_token=model.source.shown(word), typed=word, records=records,
                          part="encoder"))
    # The decoder's outputs are computed when shown, one step at a time: the numbers `translate` read.
    out = Readout(model.decoder, [cell.h for cell in tr.decoder], one_at_a_time=True)
    written: str | None = None
    for k, y in enumerate(tr.y):
        chosen = int(np.argmax(y))
        steps.append(Step(t=len(steps) + 1, source=NOTHING if k == 0 else FEEDBACK,
                          input_token=None if written is None else model.target.shown(written), typed=written,
                          records=records, readout=out, row=k, written=chosen, part="decoder"))
        written = model.labels[chosen]
    top = topology_by_name("encoder-decoder")
    return Trace(model=decoder, topology=top, words=tuple(words), steps=tuple(steps),
                 h0=h0, source_vocab=model.source,
                 reading=tr.reading if model.reverse_source else "")
