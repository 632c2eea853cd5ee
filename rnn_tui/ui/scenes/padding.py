"""Scene 4: padding. Pad every sentence with rows of zeros to the longest one and the size error
is gone, but the matrix is mostly zeros, a dense layer spends multiply-adds on them, and its
weights grow with the longest sentence while an RNN's stay put."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.app import ComposeResult

from rnn_tui.engine.padding import PaddingFigures
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.drawing import count, fit_columns, lines, pct, whole_words
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.padding import PaddingState, make_state

MAX_ROWS = 8      # word-slot rows drawn; a longer sentence collapses the rest into one line


class GridBoard(Board):
    """One sentence's T_max x V block of the padded matrix, every cell drawn, padding rows marked."""

    def shown(self, state: PaddingState) -> bool:
        return state.current is not None

    def draw(self, width: int) -> Text:
        state: PaddingState = self.state
        p, n = state.figures, state.current
        if n is None:
            return Text("")
        words = state.corpus.sentences[n].words
        block = p.blocks[n]
        sentence = whole_words(words, width - 14)
        rows = [Text.assemble((f"sentence {n + 1:,} of {p.sentences:,}: ", self.style("heading")), user_text(sentence)),
                Text(f"padded to T_max = {count(p.longest, 'row')} × V = {count(p.V, 'column')} (with <unk>)",
                     self.style("heading"))]
        labels = list(p.tokens)
        hot = sorted({int(np.argmax(block[t])) for t in range(len(words)) if block[t].any()})
        label_w = min(12, max([3] + [len(w) for w in words])) + 1
        cols = fit_columns(labels, width - label_w, focus=hot[0] if hot else 0, keep=hot)
        if len(cols) < p.V:
            cols = fit_columns(labels, width - label_w - 16, focus=hot[0] if hot else 0, keep=hot)
        head = Text(" " * label_w)
        for c in cols:
            head.append(labels[c] + " ", self.style("hot") if c in hot else self.style("muted"))
        if len(cols) < p.V:
            head.append(f"+{p.V - len(cols):,} columns", self.style("muted"))
        rows.append(head)
        drawn = range(min(p.longest, MAX_ROWS))
        for t in drawn:
            is_pad = t >= len(words)
            name = "pad" if is_pad else words[t] if len(words[t]) < label_w else f"t{t + 1}"
            row = user_text(name.ljust(label_w), self.style("muted") if is_pad else None)
            for c in cols:
                one = block[t, c] == 1
                style = self.style("hot") if one else self.style("future") if is_pad else self.style("muted")
                row.append(("1" if one else "0").center(len(labels[c])), style)
                row.append(" ")
            if is_pad:
                row.append("← all zeros", self.style("muted"))
            rows.append(row)
        if p.longest > MAX_ROWS:
            more_words = max(0, len(words) - MAX_ROWS)
            more_pad = p.longest - max(MAX_ROWS, len(words))
            more = [count(k, f"more {what} row") for k, what in ((more_words, "word"), (more_pad, "pad")) if k]
            rows.append(Text("… " + ", ".join(more), self.style("muted")))
        for row in rows[2:]:
            row.no_wrap, row.overflow = True, "crop"
        ones, pad = len(words), p.longest - len(words)
        rows.append(Text.assemble("this sentence: ", (count(ones, "one"), "bold"), " · ",
                                  (f"{ones * (p.V - 1):,} one-hot zeros", "bold"), " · ",
                                  (f"{pad * p.V:,} padding zeros", self.style("hot") if pad else "bold")))
        cost = p.cost
        rows.append(Text(f"all {p.sentences}: {count(cost.ones, 'one')} · {cost.word_zeros:,} one-hot zeros "
                         f"({pct(cost.sparsity)} of word rows) · {cost.pad_zeros:,} of padding"))
        rows.extend(self.overview(p, n, width))
        return lines(rows)

    def overview(self, p: PaddingFigures, current: int, width: int) -> list[Text]:
        """Every sentence's block side by side, small, when they fit: the whole padded matrix."""
        blocks = range(p.shown)
        if p.longest > MAX_ROWS or len(blocks) * (p.V + 3) > width:
            return []
        rows = [Text(""), Text(f"the whole padded matrix: {p.sentences:,} blocks of {p.longest:,} × {p.V:,}"
                               + ("" if p.sentences == p.shown else f" (the first {p.shown:,} drawn)"),
                               self.style("heading"))]
        head = Text()
        for n in blocks:
            head.append(f"{n + 1}".ljust(p.V + 3), self.style("current") if n == current else self.style("muted"))
        rows.append(head)
        for t in range(p.longest):
            row = Text()
            for n in blocks:
                for c in range(p.V):
                    one = p.blocks[n, t, c] == 1
                    row.append("1" if one else "0", self.style("hot") if one else self.style("muted"))
                row.append("   ")
            rows.append(row)
        return rows


class CostBoard(Board):
    """The bill: the whole padded matrix, a dense layer's multiply-adds, its parameters against an RNN's."""

    def shown(self, state: PaddingState) -> bool:
        return state.current is None

    def draw(self, width: int) -> Text:
        state: PaddingState = self.state
        p = state.figures
        if state.current is not None:
            return Text("")
        c = p.cost
        rows = [
            Text.assemble((f"padding's cost: {c.macs_on_padding:,} of {c.macs_total:,} multiply-adds "
                           f"({pct(c.padding_share)}) go on rows of zeros", self.style("hot"))),
            Text(f"a dense layer of H = {p.H:,} units: V × H = {p.V * p.H:,} multiply-adds per word slot",
                 self.style("heading")),
        ]
        label_w, num_w = 12, len(f"{c.macs_total:,}")
        notes = {"on padding": "zeros in, nothing out", "on the 1s": "the only ones that count"}
        bar_w = max(10, width - (2 + label_w + num_w + 2) - 7 - max(map(len, notes.values())))
        for label, value in (("all slots", c.macs_total), ("on padding", c.macs_on_padding),
                             ("on words", c.macs_on_words), ("on the 1s", c.macs_nonzero)):
            share = value / c.macs_total if c.macs_total else 0.0
            n = max(1 if value else 0, round(share * bar_w))
            row = Text(f"  {label:<{label_w}}{value:>{num_w},}  ")
            row.append("█" * n, self.style("hot") if label == "on padding" else None)
            row.append(" " * (bar_w - n) + f" {pct(share):>4}  ")
            row.append(notes.get(label, ""), self.style("muted"))
            row.no_wrap, row.overflow = True, "crop"
            rows.append(row)
        rows.append(Text(""))
        rows.append(Text(f"the padded matrix: {p.sentences:,} × T_max {p.longest:,} × V {p.V:,} = "
                         f"{count(c.cells, 'cell')}, "
                         f"{c.ones:,} of them ones", self.style("heading")))
        rows.append(Text.assemble("  one-hot's own zeros ", (f"{c.word_zeros:>{num_w},}", "bold"),
                                  f"  {pct(c.sparsity)} of the word rows (V − 1 of every V)"))
        rows.append(Text.assemble("  padding's zeros     ", (f"{c.pad_zeros:>{num_w},}", "bold"),
                                  f"  {pct(c.pad_zero_share)} of the matrix: padding's own"))
        rows.append(Text(""))
        rows.extend(self.growth(p, width))
        return lines(rows)

    def growth(self, p: PaddingFigures, width: int) -> list[Text]:
        rows = [Text(f"parameters as the longest sentence grows (V = {p.V:,}, H = {p.H:,})", self.style("heading"))]
        dense_w = max(5, len(f"{p.growth[-1][1]:,}"))
        rnn_w = max(3, len(f"{max(r for _, _, r in p.growth):,}"))
        biggest = max(max(d, r) for _, d, r in p.growth)
        mark = "  ← our T_max"
        room = width - (2 + 5 + 1 + dense_w + 2) - (2 + rnn_w + 1) - len(mark)
        scale = room / biggest  # both bars share the scale, so they compare
        dense_bar = max(1, round(p.growth[-1][1] * scale))
        rnn_bar = max(1, round(max(r for _, _, r in p.growth) * scale))
        dense_bar = max(1, room - rnn_bar)
        scale = dense_bar / max(d for _, d, _ in p.growth)
        rows.append(Text(f"  {'T_max':>5} {'dense':>{dense_w}}  {'V·T·H + H':<{dense_bar}}  "
                         f"{'RNN':>{rnn_w}} H·V + H·H + 2H", self.style("muted")))
        for T, dense, rnn in p.growth:
            ours = T == p.longest
            row = Text(f"  {T:>5} {dense:>{dense_w},}  ", "bold" if ours else "")
            n = max(1, round(dense * scale))
            row.append("█" * n + " " * (dense_bar - n))
            row.append(f"  {rnn:>{rnn_w},} ", "bold" if ours else None)
            m = max(1, round(rnn * scale))
            row.append("█" * m, self.style("positive"))
            if ours:
                row.append(mark, self.style("hot"))
            row.no_wrap, row.overflow = True, "crop"
            rows.append(row)
        return rows


class PaddingScene(LessonScene[PaddingState]):
    NAME = "padding"
    TITLE = "Padding"
    SESSION_MODEL = "always"   # the title names the session's model: its H sets the RNN's bill

    def make_state(self, previous: PaddingState | None) -> PaddingState:
        weights = self.session.weights
        return make_state(self.session.corpus, self.session.model().hidden_size, previous,
                          weights.vocab if weights is not None else None)

    def compose_body(self) -> ComposeResult:
        yield GridBoard(id="grid").data_bind(state=Scene.state)
        yield CostBoard(id="cost").data_bind(state=Scene.state)
