"""Scene 5's state: two orders of the same words, fed three ways: as a bag of words (order lost),
flattened and padded (order kept, but a weight per slot), and to the RNN (order kept, one set of
weights for every step)."""

from __future__ import annotations

from dataclasses import dataclass

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.order import OrderPair, OrderTest, find_pair, order_test
from rnn_tui.engine.rnn import Model
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.wording import count, fixed

BAG, FLAT, STATES, VERDICT = 1, 2, 3, 4   # the steps

MAX_DROPPED = 3   # dropped words named; more are counted


def quoted(words: tuple[str, ...]) -> str:
    if len(words) > MAX_DROPPED:
        return count(len(words), "word")
    return ", ".join(f"'{w}'" for w in words)


@dataclass(frozen=True, eq=False)
class OrderState(Stepping):
    corpus: Corpus
    model: Model          # the many-to-one model that reads both
    pair: OrderPair       # the two orders, and which sentences they come from
    test: OrderTest
    step: int = 0

    @property
    def last_step(self) -> int:
        return VERDICT

    @property
    def shows_bags(self) -> bool:
        return BAG <= self.step < STATES

    @property
    def shows_flat(self) -> bool:
        return self.step == FLAT

    @property
    def shows_states(self) -> bool:
        return self.step >= STATES

    @property
    def source(self) -> str:
        """Where A and B come from, said truly: "sentences 1 and 3 of the corpus, 1 without 'hi'"."""
        p = self.pair
        if p.second is None:
            return f"sentence {p.first + 1:,} of the corpus (A), and its words reversed (B)"
        text = f"sentences {p.first + 1:,} and {p.second + 1:,} of the corpus"
        cuts = [f"{n + 1:,} without {quoted(d)}" for n, d in ((p.first, p.dropped_a), (p.second, p.dropped_b)) if d]
        return text + (f", {' and '.join(cuts)}" if cuts else "")

    @property
    def example(self) -> tuple[str, int, int] | None:
        """A word that stands in another slot in B (slots from 1, as t counts steps)."""
        if not self.test.moved:
            return None
        w, i, j = self.test.moved[0]
        return w, i + 1, j + 1

    @property
    def subtitle(self) -> str:
        return "who keeps the word order"

    @property
    def caption(self) -> str:
        t = self.test
        if t.a == t.b:
            return "This corpus has no two word orders of the same words to compare."
        if self.step == 0:
            return (f"Two sentences, the same {count(len(t.a), 'word')} in another order. "
                    "Does a network see a difference?")
        if self.step == BAG:
            if t.same_bag:
                return (f"A bag of words sums the one-hots: one size (V = {t.V:,}) with no padding, but A and B give "
                        "the same vector. The order is lost.")
            return "These two bags differ (a word the model does not know reads as <unk>)."
        ex = self.example
        if self.step == FLAT:
            grows = f"and the input grows with T ({t.slots:,} × {t.V:,} = {t.slots * t.V:,})"
            if ex is None:
                return f"Flattened, each word keeps its slot; but every slot has weights of its own, {grows}."
            w, i, j = ex
            return (f"Flattened, A and B differ: the order is kept. But '{w}' in slot {i:,} and '{w}' in slot {j:,} "
                    f"meet different weights, {grows}.")
        if self.step == STATES:
            same = f": '{ex[0]}' meets the same weights at step {ex[1]:,} and at step {ex[2]:,}" if ex else ""
            return (f"The RNN reads word by word with one W_ih and W_hh for every step{same}. "
                    f"Its final states differ by {fixed(t.distance)}.")
        return ("Bag of words: one size, order lost. Flattened: order kept, a weight per slot, size grows "
                "with T. RNN: order kept, one set of weights shared across time.")


def make_state(corpus: Corpus, model: Model, previous: OrderState | None) -> OrderState:
    """Two forward passes, once per corpus and model: a model trained since is read at once."""
    if previous is not None and previous.corpus is corpus and previous.model is model:
        return previous
    pair = find_pair(corpus)
    return OrderState(corpus, model, pair, order_test(model, pair.a, pair.b))
