"""Scene 1's state: kinds of sequential data, which network fits which data, and the corpus."""

from __future__ import annotations

from dataclasses import dataclass

from rnn_tui.engine.corpus import Corpus
from rnn_tui.ui.state.lesson import Stepping

KINDS = (
    ("text", "Hi my name is Barry", "words, one after another"),
    ("time series", "12.1 12.4 12.3 12.9 13.4 …", "a price, a temperature, a heartbeat"),
    ("speech", "▁▃▇▅▂▁▆█▃▁▂▅▇▃", "sound samples, thousands a second"),
    ("DNA", "A C G T T A G C C A T …", "bases along a strand"),
)
MODELS = (
    ("tabular data", "a fixed set of columns", "ANN (feed-forward)"),
    ("images", "a fixed grid of pixels", "CNN"),
    ("sequences", "any length, order matters", "RNN"),
)


@dataclass(frozen=True, eq=False)
class SequencesState(Stepping):
    corpus: Corpus
    step: int = 0

    @property
    def last_step(self) -> int:
        return len(KINDS) + len(MODELS) - 1

    @property
    def kinds(self) -> tuple[tuple[str, str, str], ...]:
        """The kinds of sequence shown so far: one more a step."""
        return KINDS[: self.step + 1]

    @property
    def models(self) -> tuple[tuple[str, str, str], ...]:
        """The rows of the network table shown so far, once every kind is."""
        return MODELS[: max(0, self.step - len(KINDS) + 1)]

    @property
    def caption(self) -> str:
        if self.step < len(KINDS):
            kind, _, what = KINDS[self.step]
            return f"Sequential data: {kind}, {what}. Order matters. (→ for more)"
        lengths = self.corpus.lengths
        spread = f"{min(lengths)} to {max(lengths)} words" if min(lengths) != max(lengths) else f"{lengths[0]} words"
        if self.step < self.last_step:
            return "An ANN wants a fixed number of inputs; a CNN a fixed grid. Sentences have neither."
        return f"Our sentences run from {spread}: an RNN reads them one word at a time, whatever the length."


def make_state(corpus: Corpus, previous: SequencesState | None) -> SequencesState:
    return SequencesState(corpus, previous.step if previous else 0)
