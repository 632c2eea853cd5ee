"""Scene 5: order. Two sentences with the same words in a different order have the same bag of
words, so a bag-of-words net must treat them alike. Flattened and padded they differ, but each
slot has weights of its own. The RNN reads them in order with one set of weights and ends in
different hidden states."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.ui.render.bars import fmt, signed_bar
from rnn_tui.ui.safe import printable, user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.drawing import fit_columns, lines, whole_words
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.order import OrderState, make_state
from rnn_tui.ui.state.wording import fixed


class PairBoard(Board):
    """The two sentences: on one line when they fit, else one a line."""

    def draw(self, width: int) -> Text:
        t = self.state.test
        heading = Text(f"A and B: {self.state.source}", self.style("heading"))
        a = Text.assemble(("A  ", "bold"), user_text(whole_words(t.a, width - 3)))
        b = Text.assemble(("B  ", "bold"), user_text(whole_words(t.b, width - 3)))
        if len(a) + len(b) + 6 <= width:
            return lines([heading, Text.assemble(a, " " * 6, b)])
        return lines([heading, a, b])


class BagBoard(Board):
    """Both bags of words, column by column over the model's vocabulary."""

    def shown(self, state: OrderState) -> bool:
        return state.shows_bags

    def draw(self, width: int) -> Text:
        state: OrderState = self.state
        if not state.shows_bags:
            return Text("")
        t, vocab, bag_b = state.test, state.model.vocab, state.test.bag_b
        used = list(t.used)
        labels = [printable(w) for w in vocab.tokens]  # from a weights file: user text
        cols = fit_columns(labels, width - 4, focus=used[0] if used else 0, keep=used)
        if len(cols) < len(labels):
            cols = fit_columns(labels, width - 4 - 24, focus=used[0] if used else 0, keep=used)
        rows = [Text("bag of words: the one-hots summed, wherever each word stands", self.style("heading"))]
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
                row.append(f"+ {len(labels) - len(cols):,} zero columns", self.style("muted"))
            rows.append(row)
        for row in rows[1:]:
            row.no_wrap, row.overflow = True, "crop"
        if t.same_bag:
            rows.append(Text.assemble(("= the same vector", self.style("hot")),
                                      ": a bag-of-words net gets identical input for A and B"))
        else:
            rows.append(Text("≠ the bags differ", self.style("hot")))
        return lines(rows)


class FlatBoard(Board):
    """Both sentences flattened and padded: each word in its slot, each slot with weights of its own."""

    def shown(self, state: OrderState) -> bool:
        return state.shows_flat

    def draw(self, width: int) -> Text:
        state: OrderState = self.state
        if not state.shows_flat:
            return Text("")
        t, T, V = state.test, state.test.slots, state.test.V
        rows = [Text(f"flattened, padded to T = {T} slots × V = {V:,} = {T * V:,} inputs", self.style("heading"))]
        cell = max(len("slot 00"), *(len(w) for w in t.a + t.b)) + 2
        room = max(1, (width - 5) // cell)
        shown = range(min(T, room))
        more = " …" if T > len(shown) else ""
        moved = {w for w, _, _ in t.moved}
        head = Text("     ", self.style("muted"))
        for k in shown:
            head.append(f"slot {k + 1}".ljust(cell), self.style("muted"))
        rows.append(head)
        for name, words in (("A", t.a), ("B", t.b)):
            row = Text(f"{name}    ", "bold")
            for k in shown:
                w = words[k] if k < len(words) else "(pad)"
                row.append_text(user_text(w.ljust(cell), self.style("hot") if w in moved else None))
            row.append(more, self.style("muted"))
            rows.append(row)
        for row in rows[1:]:
            row.no_wrap, row.overflow = True, "crop"
        rows.append(Text.assemble(("≠ different inputs", self.style("hot")),
                                  f" (distance {fixed(t.flat_distance)}): each word keeps its place"))
        ex = state.example
        if ex is not None:
            w, i, j = ex
            rows.append(user_text(f"but '{w}' meets slot {i}'s weights in A (inputs {(i - 1) * V + 1:,}–{i * V:,}), "
                                  f"slot {j}'s in B ({(j - 1) * V + 1:,}–{j * V:,}):"))
            rows.append(user_text(f"what slot {i} learns about '{w}' tells slot {j} nothing"))
        return lines(rows)


class WaysBoard(Board):
    """Once the RNN has read both: the three ways side by side, each with its distance."""

    def shown(self, state: OrderState) -> bool:
        return state.shows_states

    def draw(self, width: int) -> Text:
        state: OrderState = self.state
        t = state.test
        def differ(a: str, b: str, d: float) -> str:
            return f"{a} = {b}" if d < 1e-9 else f"{a} ≠ {b}"

        ways = (("bag of words", differ("A", "B", t.bag_distance), "order lost; one size, no padding"),
                ("flattened", differ("A", "B", t.flat_distance), "order kept; a weight per slot, grows with T"),
                ("RNN", differ("h_A", "h_B", t.distance), "order kept; one set of weights for every step"))
        rows = [Text("three ways to feed A and B to a network", self.style("heading"))]
        for name, verdict, what in ways:
            row = Text(f"{name:<14}", "bold")
            row.append(f"{verdict:<11}", self.style("hot"))
            row.append(what, self.style("muted"))
            row.no_wrap, row.overflow = True, "ellipsis"
            rows.append(row)
        return lines(rows)


class StatesBoard(Board):
    """The two final hidden states as signed bars side by side, and how far apart they are."""

    def shown(self, state: OrderState) -> bool:
        return state.shows_states

    def draw(self, width: int) -> Text:
        state: OrderState = self.state
        if not state.shows_states:
            return Text("")
        t = state.test
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
        rows.append(Text.assemble("distance ‖h_A − h_B‖ = ", (fixed(t.distance), "bold"),
                                  (": the same state" if same else ": different states", self.style("hot")),
                                  f" · between the bags: {fixed(t.bag_distance)}"))
        return lines(rows)


class OrderScene(LessonScene[OrderState]):
    NAME = "order"
    TITLE = "Order"

    def make_state(self, previous: OrderState | None) -> OrderState:
        session = self.session
        return make_state(session.corpus, session.model(topology_by_name("many-to-one")), previous)

    def compose_body(self) -> ComposeResult:
        yield PairBoard(id="pair").data_bind(state=Scene.state)
        yield BagBoard(id="bag").data_bind(state=Scene.state)
        yield FlatBoard(id="flat").data_bind(state=Scene.state)
        yield WaysBoard(id="ways").data_bind(state=Scene.state)
        yield StatesBoard(id="states").data_bind(state=Scene.state)
