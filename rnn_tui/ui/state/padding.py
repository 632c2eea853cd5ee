"""Scene 4's state: the first sentences padded one a step, then the bill for the whole corpus."""

from __future__ import annotations

from dataclasses import dataclass

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.padding import PaddingFigures, padding_figures
from rnn_tui.engine.text import Vocabulary
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.wording import count, pct

MAX_SHOWN = 6     # sentences drawn one a step; the summary covers the whole corpus


@dataclass(frozen=True, eq=False)
class PaddingState(Stepping):
    corpus: Corpus
    figures: PaddingFigures
    step: int = 0
    vocab: Vocabulary | None = None   # a loaded model's vocabulary; None: the corpus's own

    @property
    def last_step(self) -> int:
        return self.figures.shown

    @property
    def current(self) -> int | None:
        """The sentence whose block is drawn, or None at the summary."""
        return self.step if self.step < self.figures.shown else None

    @property
    def subtitle(self) -> str:
        return "zeros to the longest sentence"

    @property
    def caption(self) -> str:
        p = self.figures
        n = self.current
        if n is not None:
            words = self.corpus.lengths[n]
            pad = p.longest - words
            own = f"{words * (p.V - 1):,} zeros one-hot has anyway (V − 1 = {p.V - 1:,} a word)"
            if not pad:
                return f"Sentence {n + 1:,}: {count(words, 'word')}, the longest: no padding; its {own}."
            return (f"Sentence {n + 1:,}: {count(words, 'word')}, padded with {count(pad, 'zero row')} to "
                    f"{p.longest}: {pad * p.V:,} zeros of padding, beside the {own}.")
        c = p.cost
        return (f"Padding costs a dense layer {c.macs_on_padding:,} of its {c.macs_total:,} multiply-adds "
                f"({pct(c.padding_share)}) on zeros, and its weights grow with T_max; the RNN's stay at "
                f"{p.growth[0][2]:,}.")

def make_state(corpus: Corpus, hidden: int, previous: PaddingState | None,
               vocab: Vocabulary | None = None) -> PaddingState:
    """H is the session's model's hidden size: a model with another H redraws the bill. `vocab`: a
    loaded model's vocabulary (--weights), whose V the other scenes say too."""
    if (previous is not None and previous.corpus is corpus and previous.figures.H == hidden
            and previous.vocab is vocab):
        return previous
    return PaddingState(corpus, padding_figures(corpus, hidden, MAX_SHOWN, vocab), vocab=vocab)
