"""Scene 5: order. Two sentences with the same words in a different order have the same bag of
words, so a flattened bag-of-words net must treat them alike; the RNN reads them in order and
ends in different hidden states."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.app import ComposeResult

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.order import OrderTest, order_pair, order_test
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.ui.scenes.base import Board, Scene
from rnn_tui.ui.scenes.drawing import Drawn, count, fit_columns, lines, whole_words
from rnn_tui.ui.render.bars import fmt, signed_bar

BAG, STATES, VERDICT = 1, 2, 3   # the steps
PAIR_SEARCH = 300   # sentences searched for the pair: order_pair's work grows with their square


class Compared:
    """The engine's order test for the corpus's pair, on the many-to-one model, and B's bag."""

    def __init__(self, model: Model, a, b) -> None:
        self.test: OrderTest = order_test(model, a, b)
        self.vocab = model.vocab
        self.bag_b = model.vocab.bag_of_words(b)
        self.bag_distance = float(np.linalg.norm(self.test.bag - self.bag_b))


def tested(scene: "OrderScene") -> OrderTest:
    return compared(scene).test


def compared(scene: "OrderScene") -> Compared:
    """Computed once per corpus and model: two forward passes."""
    corpus, model = scene.session.corpus, scene.session.model(topology_by_name("many-to-one"))
    cached = scene._compared
    if cached is None or cached[0] is not corpus or cached[1] is not model:
        searched = corpus
        if len(corpus.sentences) > PAIR_SEARCH:  # order_pair tries every pair of sentences
            searched = Corpus(corpus.sentences[:PAIR_SEARCH], corpus.source)
        scene._compared = cached = (corpus, model, Compared(model, *order_pair(searched)))
    return cached[2]


class PairBoard(Board):
    """The two sentences: on one line when they fit, else one a line."""

    def render(self) -> Drawn:
        return Drawn(self.draw)

    def draw(self, width: int) -> Text:
        t = tested(self.screen)
        heading = Text("two orders of the same words, from the corpus", self.style("heading"))
        a = Text.assemble(("A  ", "bold"), Text(whole_words(t.a, width - 3)))
        b = Text.assemble(("B  ", "bold"), Text(whole_words(t.b, width - 3)))
        if len(a) + len(b) + 6 <= width:
            return lines([heading, Text.assemble(a, " " * 6, b)])
        return lines([heading, a, b])


class BagBoard(Board):
    """Both bags of words, column by column over the model's vocabulary."""

    def render(self) -> Drawn:
        return Drawn(self.draw)

    def draw(self, width: int) -> Text:
        scene = self.screen
        if scene.step < BAG:
            return Text("")
        cmp = compared(scene)
        t, vocab, bag_b = cmp.test, cmp.vocab, cmp.bag_b
        used = [i for i in range(len(t.bag)) if t.bag[i] or bag_b[i]]
        labels = list(vocab.tokens)
        cols = fit_columns(labels, width - 4, focus=used[0] if used else 0, keep=used)
        if len(cols) < len(labels):
            cols = fit_columns(labels, width - 4 - 24, focus=used[0] if used else 0, keep=used)
        rows = [Text("bag of words: how often each word occurs, wherever it stands", self.style("heading"))]
        head = Text("    ")
        for c in cols:
            head.append(labels[c] + " ", self.style("heading") if c in used else self.style("muted"))
        rows.append(head)
        for name, bag in (("A", t.bag), ("B", bag_b)):
            row = Text(f"{name}   ", "bold")
            for c in cols:
                n = int(bag[c])
                row.append(str(n).center(len(labels[c])), self.style("hot") if n else self.style("muted"))
                row.append(" ")
            if len(cols) < len(labels):
                row.append(f"+ {len(labels) - len(cols)} zero columns", self.style("muted"))
            rows.append(row)
        for row in rows[1:]:
            row.no_wrap, row.overflow = True, "crop"
        if t.same_bag:
            rows.append(Text.assemble(("= the same vector", self.style("hot")),
                                      ": a bag-of-words net gets identical input for A and B"))
        else:
            rows.append(Text("≠ the bags differ", self.style("hot")))
        return lines(rows)


class StatesBoard(Board):
    """The two final hidden states as signed bars side by side, and how far apart they are."""

    def render(self) -> Drawn:
        return Drawn(self.draw)

    def draw(self, width: int) -> Text:
        scene = self.screen
        if scene.step < STATES:
            return Text("")
        t = tested(scene)
        H = len(t.h_a)
        name_w = len(f"h{H}") + 1
        half = max(3, (width - name_w - 2 * 7 - 4 - 9) // 4)
        rows = [Text(f"the RNN's final hidden state after reading each (many-to-one model, H = {H})",
                     self.style("heading"))]
        col = 6 + 2 * half + 1
        rows.append(Text(" " * name_w + "A".center(col) + "  " + "B".center(col) + "  B−A", "bold"))
        for j in range(H):
            a, b = float(t.h_a[j]), float(t.h_b[j])
            row = Text(f"h{j + 1}".ljust(name_w), self.style("muted"))
            for v in (a, b):
                row.append(fmt(v), self.signed(v))
                row.append(" ")
                row.append(signed_bar(v, half), self.signed(v))
                row.append("  ")
            d = b - a
            row.append(fmt(d), "bold" if abs(d) >= 0.05 else self.style("muted"))
            row.no_wrap, row.overflow = True, "crop"
            rows.append(row)
        same = t.distance < 1e-9
        rows.append(Text.assemble("distance ‖h_A − h_B‖ = ", (f"{t.distance:.2f}", "bold"),
                                  (": the same state" if same else ": different states", self.style("hot")),
                                  f" · between the bags: {compared(scene).bag_distance:.2f}"))
        return lines(rows)


class OrderScene(Scene):
    NAME = "order"
    TITLE = "Order"

    _compared = None

    def compose_body(self) -> ComposeResult:
        yield PairBoard(id="pair")
        yield BagBoard(id="bag")
        yield StatesBoard(id="states")

    def last_step(self) -> int:
        return VERDICT

    def subtitle(self) -> str:
        return "flattening forgets which word came first"

    def redraw(self) -> None:
        self.query_one("#bag").display = self.step >= BAG
        self.query_one("#states").display = self.step >= STATES
        super().redraw()

    def caption(self) -> str:
        t = tested(self)
        if t.a == t.b:
            return "This corpus has no two word orders of the same words to compare."
        n = len(t.a)
        if self.step == 0:
            return f"Two sentences, the same {count(n, 'word')} in another order. Do they mean the same to a network?"
        if self.step == BAG:
            if t.same_bag:
                return ("Count the words and forget where they stood: A and B give the same bag-of-words vector. "
                        "Same input, same output.")
            return "These two bags differ (a word the model does not know reads as <unk>)."
        if self.step == STATES:
            return (f"The RNN reads word by word, each step mixing in what came before: its final states differ "
                    f"by {t.distance:.2f}.")
        return "A flattened bag-of-words net cannot tell these apart; the RNN can: it remembers the order."
