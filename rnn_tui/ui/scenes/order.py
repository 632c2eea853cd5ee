"""Scene 5: order. Two sentences with the same words in a different order have the same bag of
words, so a bag-of-words net must treat them alike. Flattened and padded they differ, but each
slot has weights of its own. The RNN reads them in order with one set of weights and ends in
different hidden states."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Size

from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.ui.render.bars import fmt, signed_bar
from rnn_tui.ui.safe import printable, user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.drawing import count, fit_columns, lines, whole_words
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
        rows = [Text(f"flattened, padded to T = {T:,} slots × V = {V:,} = {T * V:,} inputs", self.style("heading"))]
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
            rows.append(user_text(f"but '{w}' meets slot {i:,}'s weights in A (inputs {(i - 1) * V + 1:,}–{i * V:,}), "
                                  f"slot {j:,}'s in B ({(j - 1) * V + 1:,}–{j * V:,}):"))
            rows.append(user_text(f"what slot {i:,} learns about '{w}' tells slot {j:,} nothing"))
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


@dataclass(frozen=True)
class UnitGrid:
    """How the two final states' units are set out: `columns` side by side, `rows` deep (unit
    k*rows + r in column k, row r), `half` cells each side of a bar's axis (0: numbers only),
    `diff` whether B−A has a number of its own, `units` the units drawn (all, unless too many fit)."""
    columns: int
    rows: int
    half: int
    diff: bool
    units: tuple[int, ...]


MIN_HALF = 3       # a bar narrower than this reads as noise: numbers alone then
GAP = 3            # between columns of units
STATES_ROWS = 3    # the board's rows that are not units: its heading, A/B over the columns, the distance


def unit_width(name_w: int, half: int, diff: bool) -> int:
    """One unit's cells: name, A (number and bar), B, B−A; numbers alone when half is 0."""
    if half:
        return name_w + 4 * half + 23
    return name_w + 11 + (6 if diff else 0)


def unit_grid(h_a: np.ndarray, h_b: np.ndarray, width: int, rows: int) -> UnitGrid:
    """The most that fits in `width` x `rows`: bars in as few columns as hold every unit, else
    numbers with B−A, else numbers alone; else the units that differ most, with a line (a row of
    `rows`) saying how many more there are."""
    H = len(h_a)
    name_w = len(f"h{H}") + 1
    rows = max(1, rows)
    every = tuple(range(H))
    for half_for, diff in ((lambda col: (col - name_w - 27) // 4, True), (lambda col: 0, True),
                           (lambda col: 0, False)):
        for k in range(1, H + 1):
            col = (width - GAP * (k - 1)) // k
            half = half_for(col)
            if (half and half < MIN_HALF) or unit_width(name_w, half, diff) > col:
                break   # more columns are narrower still
            if -(-H // k) <= rows:
                return UnitGrid(k, -(-H // k), half, diff, every)
    k = max(1, (width + GAP) // (unit_width(name_w, 0, False) + GAP))
    room = max(1, rows - 1) * k
    apart = np.argsort(-np.abs(h_b - h_a), kind="stable")[:room]
    return UnitGrid(k, max(1, rows - 1), 0, False, tuple(sorted(int(j) for j in apart)))


class StatesBoard(Board):
    """The two final hidden states side by side, unit by unit, and how far apart they are: every
    unit on the screen, in as many columns as that takes (bars where they fit, else numbers); a
    model too wide for that shows the units that differ most and says how many more there are."""

    _room: int | None = None   # the body's height at the last layout (see get_content_height)

    def shown(self, state: OrderState) -> bool:
        return state.shows_states

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Keep the rows this board may fill: the scene body's height less the boards above it
        (measured at this width), so the board never needs a scroll bar. Measured here, in the
        layout, since the body's height depends on the caption's and the lecture bar's."""
        above = sum(b.get_content_height(container, viewport, width) + 1
                    for b in self.screen.query(Board) if b is not self and b.display)
        room = container.height - above
        if room != self._room:
            self._room = room
            self.clear_cached_dimensions()   # the height was measured for the old room
        return super().get_content_height(container, viewport, width)

    def draw(self, width: int) -> Text:
        state: OrderState = self.state
        if not state.shows_states:
            return Text("")
        t = state.test
        H = len(t.h_a)
        # Before any layout (a drawing asked for directly): the screen less the title, the pair and ways
        # boards with their margins, a two-line caption and the Footer, as at 80x24.
        room = self._room if self._room is not None else self.app.size.height - 12
        grid = unit_grid(t.h_a, t.h_b, width, room - STATES_ROWS)
        name_w = len(f"h{H}") + 1
        heading = Text(f"the RNN's final hidden state after reading each (many-to-one model, H = {H:,})",
                       self.style("heading"))
        rows = [heading, self._header(grid, name_w)]
        for r in range(grid.rows):
            row = Text()
            for k in range(grid.columns):
                n = k * grid.rows + r
                if n < len(grid.units):
                    j = grid.units[n]
                    row.pad_right(k * (unit_width(name_w, grid.half, grid.diff) + GAP) - row.cell_len)
                    row.append_text(self._unit(grid, name_w, j, float(t.h_a[j]), float(t.h_b[j])))
            rows.append(row)
        left = H - len(grid.units)
        if left:
            rest = np.delete(np.abs(t.h_b - t.h_a), grid.units)
            rows.append(Text(f"… {count(left, 'more unit')}, each |B−A| ≤ {fixed(float(rest.max()))}: "
                             "the distance counts them all", self.style("muted")))
        for row in rows:
            row.no_wrap, row.overflow = True, "ellipsis"
        same = t.distance < 1e-9
        rows.append(Text.assemble("distance ‖h_A − h_B‖ = ", (fixed(t.distance), "bold"),
                                  (": the same state" if same else ": different states", self.style("hot")),
                                  f" · between the bags: {fixed(t.bag_distance)}"))
        return lines(rows)

    def _header(self, grid: UnitGrid, name_w: int) -> Text:
        if grid.half:
            col = 6 + 2 * grid.half + 1
            one = " " * name_w + "A".center(col) + "  " + "B".center(col) + "  B−A"
        else:
            one = " " * name_w + "    A     B" + ("   B−A" if grid.diff else "")
        width = unit_width(name_w, grid.half, grid.diff)
        return Text((" " * GAP).join(one.ljust(width) for _ in range(grid.columns)).rstrip(), "bold")

    def _unit(self, grid: UnitGrid, name_w: int, j: int, a: float, b: float) -> Text:
        row = Text(f"h{j + 1}".ljust(name_w), self.style("muted"))
        for n, v in enumerate((a, b)):
            row.append(fmt(v), self.signed(v))
            if grid.half:
                row.append(" ")
                row.append(signed_bar(v, grid.half), self.signed(v))
                row.append("  ")
            elif n == 0 or grid.diff:
                row.append(" ")
        d = b - a
        if grid.diff:
            row.append(fmt(d), "bold" if abs(d) >= 0.05 else self.style("muted"))
        return row


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
