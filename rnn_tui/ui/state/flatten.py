"""Scene 3's state: the first sentences fed one a step to a dense layer built for sentence 1,
then the whole corpus summed up."""

from __future__ import annotations

from dataclasses import dataclass

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.padding import FlattenFigures, flatten_figures
from rnn_tui.engine.text import Vocabulary
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.wording import count

MAX_FED = 4   # sentences fed one at a time; the last step sums up the whole corpus


@dataclass(frozen=True, eq=False)
class FlattenState(Stepping):
    corpus: Corpus
    sizes: FlattenFigures
    step: int = 0
    vocab: Vocabulary | None = None   # a loaded model's vocabulary; None: the corpus's own

    @property
    def fed(self) -> int:
        """How many sentences are fed one a step."""
        return min(self.sizes.sentences, MAX_FED)

    @property
    def last_step(self) -> int:
        return self.fed + 1

    @property
    def summary(self) -> bool:
        return self.step > self.fed

    @property
    def current(self) -> int | None:
        """The sentence just fed (0-based), or None before the first and at the summary."""
        return self.step - 1 if 1 <= self.step <= self.fed else None

    @property
    def shown(self) -> list[int]:
        """The sentences whose bars are drawn: the one just fed, or every fed one at the summary."""
        if self.current is not None:
            return [self.current]
        if self.summary and self.fed <= 3:
            return list(range(self.fed))
        return []

    @property
    def subtitle(self) -> str:
        return "a sentence as one long row of inputs"

    @property
    def caption(self) -> str:
        s = self.sizes
        if self.step == 0:
            return (f"Flatten a sentence: its T one-hot vectors in one row of T × V numbers. "
                    f"A dense layer is built for sentence 1: {s.board[0]:,} inputs.")
        n = self.current
        if n is not None:
            rejected = s.rejected_board.get(n)
            if n == 0:
                return f"Sentence 1 goes in: {s.board[0]:,} inputs, exactly what the layer was built for. OK."
            if rejected:
                T, T0 = s.lengths[n], s.lengths[0]
                return (f"Sentence {n + 1:,}: input size error: expected {rejected.expected:,} inputs, got "
                        f"{rejected.got:,}. {count(T, 'word')}, not {T0}, and its weights take exactly "
                        f"{rejected.expected:,}.")
            return f"Sentence {n + 1:,} has {count(s.lengths[n], 'word')}, like sentence 1: it fits. OK."
        bad, N = len(s.rejected_board), s.sentences
        if not bad:
            if N == 1:
                return "One sentence, so it fits, trivially. A second sentence of another length would not."
            return (f"All {N} sentences fit, only because they all have {count(s.lengths[0], 'word')}. "
                    "One longer sentence and the layer fails.")
        which = (f"The model's V = {s.V_true:,}" if s.given else
                 f"The true V = {s.V_true:,} ({s.unique:,} words + <unk>)")
        return (f"{bad:,} of {count(N, 'sentence')} rejected. {which} changes the sizes, not their "
                "difference: a dense layer takes one size; sentences have many lengths.")


def make_state(corpus: Corpus, previous: FlattenState | None, vocab: Vocabulary | None = None) -> FlattenState:
    """`vocab`: a loaded model's vocabulary (--weights), whose V the other scenes say too."""
    if previous is not None and previous.corpus is corpus and previous.vocab is vocab:
        return previous
    return FlattenState(corpus, flatten_figures(corpus, vocab), vocab=vocab)
