"""Scene 5's state: two orders of the same words, their bags, then the RNN's final states."""

from __future__ import annotations

from dataclasses import dataclass

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.order import OrderTest, order_pair, order_test
from rnn_tui.engine.rnn import Model
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.wording import count

BAG, STATES, VERDICT = 1, 2, 3   # the steps


@dataclass(frozen=True, eq=False)
class OrderState(Stepping):
    corpus: Corpus
    model: Model          # the many-to-one model that reads both
    test: OrderTest
    step: int = 0

    @property
    def last_step(self) -> int:
        return VERDICT

    @property
    def shows_bags(self) -> bool:
        return self.step >= BAG

    @property
    def shows_states(self) -> bool:
        return self.step >= STATES

    @property
    def subtitle(self) -> str:
        return "flattening forgets which word came first"

    @property
    def caption(self) -> str:
        t = self.test
        if t.a == t.b:
            return "This corpus has no two word orders of the same words to compare."
        if self.step == 0:
            return (f"Two sentences, the same {count(len(t.a), 'word')} in another order. "
                    "Do they mean the same to a network?")
        if self.step == BAG:
            if t.same_bag:
                return ("Count the words and forget where they stood: A and B give the same bag-of-words vector. "
                        "Same input, same output.")
            return "These two bags differ (a word the model does not know reads as <unk>)."
        if self.step == STATES:
            return (f"The RNN reads word by word, each step mixing in what came before: its final states differ "
                    f"by {t.distance:.2f}.")
        return "A flattened bag-of-words net cannot tell these apart; the RNN can: it remembers the order."


def make_state(corpus: Corpus, model: Model, previous: OrderState | None) -> OrderState:
    """Two forward passes, once per corpus and model: a model trained since is read at once."""
    if previous is not None and previous.corpus is corpus and previous.model is model:
        return previous
    return OrderState(corpus, model, order_test(model, *order_pair(corpus)))
