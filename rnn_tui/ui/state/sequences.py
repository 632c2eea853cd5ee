"""Scene 1's state: kinds of sequential data, which network fits which data (with the board's
examples: an ANN on a table of passengers, a CNN on a 28 x 28 image, the RNN of the 1980s), and
the corpus."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rnn_tui.engine.corpus import Corpus
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.wording import is_lecture

KINDS = (
    ("text", "Hi my name is Barry", "words, one after another"),
    ("time series", "12.1 12.4 12.3 12.9 13.4 …", "a price, a temperature, a heartbeat"),
    ("speech", "▁▃▇▅▂▁▆█▃▁▂▅▇▃", "sound samples, thousands a second"),
    ("DNA", "A C G T T A G C C A T …", "bases along a strand"),
)
MODELS = (
    ("tabular data", "fixed columns", "ANN"),
    ("images", "a fixed grid", "CNN"),
    ("sequences", "any length", "RNN (1980s)"),
)
ANN, CNN, RNN = range(3)
# The board's table: the first passengers of the Titanic data set, as a feed-forward net takes them.
PASSENGERS = (("Gender", "Fare", "Survived"), ("male", "7.25", "0"), ("female", "71.28", "1"),
              ("female", "7.93", "1"), ("male", "8.05", "0"))
IMAGE_SIZE = 28   # a handwritten digit, MNIST's size: 28 x 28 = 784 pixels


def digit_image() -> npt.NDArray[np.bool_]:
    """A handwritten-looking 7 on a 28 x 28 grid: the CNN's fixed-size input."""
    image = np.zeros((IMAGE_SIZE, IMAGE_SIZE), dtype=bool)
    strokes = ((5, 6, 22, 5), (22, 5, 12, 24), (9, 14, 19, 14))  # (x0, y0, x1, y1): top, stem, bar
    for x0, y0, x1, y1 in strokes:
        for f in np.linspace(0, 1, 60):
            x, y = round(x0 + (x1 - x0) * f), round(y0 + (y1 - y0) * f)
            image[max(0, y - 1):y + 1, max(0, x - 1):x + 2] = True  # a pen 2-3 pixels wide
    return image


@dataclass(frozen=True, eq=False)
class SequencesState(Stepping):
    corpus: Corpus
    step: int = 0

    @property
    def last_step(self) -> int:
        return len(KINDS) + len(MODELS)   # the kinds, one network a step, then our corpus

    @property
    def kinds(self) -> tuple[tuple[str, str, str], ...]:
        """The kinds of sequence shown so far: one more a step. The text is the corpus's first
        sentence (the lecture's "Hi my name is Barry" on the lecture corpus)."""
        text = KINDS[0] if is_lecture(self.corpus) else (KINDS[0][0], self.corpus.sentences[0].text, KINDS[0][2])
        return ((text,) + KINDS[1:])[: self.step + 1]

    @property
    def models(self) -> tuple[tuple[str, str, str], ...]:
        """The rows of the network table shown so far, once every kind is."""
        return MODELS[: max(0, self.step - len(KINDS) + 1)]

    @property
    def example(self) -> int | None:
        """The network whose example is shown (ANN, CNN or RNN), once the table has begun."""
        return min(len(self.models), len(MODELS)) - 1 if self.models else None

    @property
    def caption(self) -> str:
        if self.step < len(KINDS):
            kind, _, what = KINDS[self.step]
            return f"Sequential data: {kind}, {what}. Order matters. (→ for more)"
        if self.step < self.last_step:
            return {
                ANN: "An ANN takes a fixed set of columns: a passenger's gender and fare in, survived or not out.",
                CNN: f"A CNN takes a fixed grid: {IMAGE_SIZE} × {IMAGE_SIZE} = {IMAGE_SIZE ** 2} pixels of a "
                     "handwritten digit. Sentences have neither shape.",
                RNN: "The RNN (1980s) reads one item a step with the same weights, feeding its hidden state "
                     "back into itself: any length.",
            }[self.step - len(KINDS)]
        lengths = self.corpus.lengths
        spread = f"{min(lengths)} to {max(lengths)} words" if min(lengths) != max(lengths) else f"{lengths[0]} words"
        return f"Our sentences run from {spread}: an RNN reads them one word at a time, whatever the length."


def make_state(corpus: Corpus, previous: SequencesState | None) -> SequencesState:
    return SequencesState(corpus, previous.step if previous else 0)
