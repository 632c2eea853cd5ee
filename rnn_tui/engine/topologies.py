"""The five topologies are schedules over one cell: at each step, where the input comes
from and whether an output is read there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rnn_tui.engine.errors import InputError

if TYPE_CHECKING:
    from rnn_tui.engine.rnn import Model

# Where a step's input comes from.
WORD = "word"          # the sentence's next word
FEEDBACK = "feedback"  # the previous step's output, as its argmax word
NOTHING = "nothing"    # the zero vector: the decoder's first step has no word to read


@dataclass(frozen=True)
class Planned:
    source: str
    position: int | None  # index into the sentence's words when source is WORD
    output: bool          # whether y_t is read (and so whether a loss can be taken) here


def _one_to_one(n: int, gen: int) -> list[Planned]:
    return [Planned(WORD, 0, True)]


def _one_to_many(n: int, gen: int) -> list[Planned]:
    return [Planned(WORD, 0, True)] + [Planned(FEEDBACK, None, True)] * (gen - 1)


def _many_to_one(n: int, gen: int) -> list[Planned]:
    return [Planned(WORD, i, i == n - 1) for i in range(n)]


def _many_to_many(n: int, gen: int) -> list[Planned]:
    return [Planned(WORD, i, True) for i in range(n)]


def _encoder_decoder(n: int, gen: int) -> list[Planned]:
    encode = [Planned(WORD, i, False) for i in range(n)]
    return encode + [Planned(NOTHING, None, True)] + [Planned(FEEDBACK, None, True)] * (gen - 1)


@dataclass(frozen=True)
class Topology:
    name: str      # the CLI's spelling
    key: str       # the app's key
    title: str
    shape: str
    example: str   # a task it suits, in a few words
    about: str     # what happens, in a sentence
    plan: Callable[[int, int], list[Planned]]

    @property
    def feeds_back(self) -> bool:
        """Whether its outputs become its next inputs (one-to-many, encoder-decoder)."""
        return any(p.source == FEEDBACK for p in self.plan(2, 2))

    def schedule(self, n_words: int, gen_steps: int = 5) -> list[Planned]:
        if n_words < 1:
            raise InputError("the sentence has no words")
        return self.plan(n_words, max(1, gen_steps))


TOPOLOGIES: tuple[Topology, ...] = (
    Topology("one-to-one", "1", "One to one", "vec → vec", "classifying one thing",
             "one word in, one prediction out: a feed-forward net in RNN clothes", _one_to_one),
    Topology("one-to-many", "2", "One to many", "vec → seq", "image to caption",
             "one input, a sequence out; each output is fed back as the next input", _one_to_many),
    Topology("many-to-one", "3", "Many to one", "seq → vec", "sentiment",
             "a sentence in, one label out at the last word", _many_to_one),
    Topology("many-to-many", "4", "Many to many (synced)", "seq → seq", "tagging, next word",
             "an output at every word", _many_to_many),
    Topology("encoder-decoder", "5", "Many to many (encoder-decoder)", "seq → seq", "translation",
             "read it all, then write a sequence of another length", _encoder_decoder),
)


def topology_by_name(name: str) -> Topology:
    for top in TOPOLOGIES:
        if name in (top.name, top.key):
            return top
    names = ", ".join(t.name for t in TOPOLOGIES)
    raise InputError(f"unknown topology {name!r}; expected one of: {names}")


# The topologies that feed an output back in as the next input, so the outputs must be words.
WRITES_WORDS = frozenset({"one-to-many", "encoder-decoder"})
WHAT_IT_NEEDS = {
    "one-to-many": "feeds words back in",
    "encoder-decoder": "writes words",
}


def outputs_are_words(model: Model) -> bool:
    """Whether the model's outputs name words it can read back in: a next-word model's do
    (every label is a vocabulary word, or <eos>); a classifier's do not (its labels, such as
    "positive", are not words of its vocabulary, or it was trained for one label at the end)."""
    from rnn_tui.engine.text import EOS  # here, not at the top: the CLI's --help lists topologies without NumPy

    if model.trained_for == "many-to-one":
        return False
    return all(label == EOS or label in model.vocab for label in model.labels)


def refusal(model: Model, topology: Topology) -> str | None:
    """Why `model` cannot run `topology`, in one line; None when it can.
    A classifier's label fed back in would read as <unk>: it would generate nothing."""
    if topology.name not in WRITES_WORDS or outputs_are_words(model):
        return None
    shown = ", ".join(model.labels[:3]) + (", …" if len(model.labels) > 3 else "")
    return f"{topology.name} {WHAT_IT_NEEDS[topology.name]}; {model.name} outputs labels ({shown})"


def only_had_it_stopped(model: Model, source: str, t: int, n_words: int) -> bool:
    """Whether the readout at step `t` is only what the model would say had the sentence stopped
    there: a model trained with a loss at the last word alone (many-to-one) was never trained to
    answer at an earlier word, nor after reading anything but the sentence's last word."""
    return model.trained_for == "many-to-one" and not (source == WORD and t == n_words)
