"""Scene 4: padding. Pad every sentence with rows of zeros to the longest one and the size error
is gone, but the matrix is mostly zeros, a dense layer spends multiply-adds on them, and its
weights grow with the longest sentence while an RNN's stay put."""

from __future__ import annotations


import numpy as np
from rich.text import Text
from textual.app import ComposeResult

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.padding import PaddingCost, padding_cost, param_growth
from rnn_tui.ui.scenes.base import Board, Scene
from rnn_tui.ui.scenes.drawing import Drawn, count, fit_columns, lines, pct, whole_words

MAX_SHOWN = 6     # sentences drawn one a step; the summary covers the whole corpus
MAX_ROWS = 8      # word-slot rows drawn; a longer sentence collapses the rest into one line
LENGTHS = (3, 5, 10, 20, 50, 100)


class Padded:
    """The scene's figures for a corpus, V being its unique words and H the model's hidden size."""

    def __init__(self, corpus: Corpus, hidden: int) -> None:
        self.corpus = corpus
        self.V = len(corpus.vocab.words)
        self.H = hidden
        self.N, self.T = len(corpus.sentences), max(corpus.lengths)
        self.cost: PaddingCost = padding_cost(corpus, self.V, hidden)
        self.shown = min(self.N, MAX_SHOWN)
        self.growth = param_growth(self.V, hidden, tuple(sorted(set(LENGTHS) | {self.T})))
        # the blocks of the padded matrix that are drawn: the whole (N, T_max, V) one can be far too
        # big to hold for a large corpus (engine.padding.padded_matrix builds it all)
        self.X = np.stack([self.block(n) for n in range(self.shown)])

    def block(self, n: int) -> np.ndarray:
        """padded_matrix(corpus, V)[n]: sentence n's one-hot rows, then zero rows up to T_max."""
        X = np.zeros((self.T, self.V))
        for t, w in enumerate(self.corpus.sentences[n].words):
            X[t] = self.corpus.vocab.one_hot(w)[: self.V]
        return X


def padded(scene: "PaddingScene") -> Padded:
    corpus, hidden = scene.session.corpus, scene.session.model().hidden_size
    p = scene._figures
    if p is None or p.corpus is not corpus or p.H != hidden:
        scene._figures = p = Padded(corpus, hidden)
    return p


class GridBoard(Board):
    """One sentence's T_max x V block of the padded matrix, every cell drawn, padding rows marked."""

    def render(self) -> Drawn:
        return Drawn(self.draw)

    def draw(self, width: int) -> Text:
        scene = self.screen
        p = padded(scene)
        if scene.step >= p.shown:
            return Text("")
        n = scene.step
        words = p.corpus.sentences[n].words
        block = p.X[n]
        sentence = whole_words(words, width - 14)
        rows = [Text.assemble((f"sentence {n + 1} of {p.N}: ", self.style("heading")), Text(sentence)),
                Text(f"padded to T_max = {count(p.T, 'row')} × V = {count(p.V, 'column')} (unique words)",
                     self.style("heading"))]
        labels = list(p.corpus.vocab.words[: p.V])
        hot = sorted({int(np.argmax(block[t])) for t in range(len(words)) if block[t].any()})
        label_w = min(12, max([3] + [len(w) for w in words])) + 1
        cols = fit_columns(labels, width - label_w, focus=hot[0] if hot else 0, keep=hot)
        if len(cols) < p.V:
            cols = fit_columns(labels, width - label_w - 16, focus=hot[0] if hot else 0, keep=hot)
        head = Text(" " * label_w)
        for c in cols:
            head.append(labels[c] + " ", self.style("hot") if c in hot else self.style("muted"))
        if len(cols) < p.V:
            head.append(f"+{p.V - len(cols)} columns", self.style("muted"))
        rows.append(head)
        drawn = range(min(p.T, MAX_ROWS))
        for t in drawn:
            is_pad = t >= len(words)
            name = "pad" if is_pad else words[t] if len(words[t]) < label_w else f"t{t + 1}"
            row = Text(name.ljust(label_w), self.style("muted") if is_pad else None)
            for c in cols:
                one = block[t, c] == 1
                style = self.style("hot") if one else self.style("future") if is_pad else self.style("muted")
                row.append(("1" if one else "0").center(len(labels[c])), style)
                row.append(" ")
            if is_pad:
                row.append("← all zeros", self.style("muted"))
            rows.append(row)
        if p.T > MAX_ROWS:
            more_words = max(0, len(words) - MAX_ROWS)
            more_pad = p.T - max(MAX_ROWS, len(words))
            more = [count(k, f"more {what} row") for k, what in ((more_words, "word"), (more_pad, "pad")) if k]
            rows.append(Text("… " + ", ".join(more), self.style("muted")))
        for row in rows[2:]:
            row.no_wrap, row.overflow = True, "crop"
        ones = len(words)
        cells_n = p.T * p.V
        rows.append(Text.assemble("this sentence:  ", (f"{count(ones, 'one')} in {count(cells_n, 'cell')}", "bold"),
                                  f" = {pct(1 - ones / cells_n)} zeros"))
        rows.append(Text.assemble(f"all {p.N} padded: ", (f"{count(p.cost.ones, 'one')} in {count(p.cost.cells, 'cell')}", "bold"),
                                  " = ", (f"{pct(p.cost.zero_share)} zeros", "bold")))
        rows.extend(self.overview(p, n, width))
        return lines(rows)

    def overview(self, p: Padded, current: int, width: int) -> list[Text]:
        """Every sentence's block side by side, small, when they fit: the whole padded matrix."""
        blocks = range(p.shown)
        if p.T > MAX_ROWS or len(blocks) * (p.V + 3) > width:
            return []
        rows = [Text(""), Text(f"the whole padded matrix: {p.N} blocks of {p.T} × {p.V}"
                               + ("" if p.N == p.shown else f" (the first {p.shown} drawn)"),
                               self.style("heading"))]
        head = Text()
        for n in blocks:
            head.append(f"{n + 1}".ljust(p.V + 3), self.style("current") if n == current else self.style("muted"))
        rows.append(head)
        for t in range(p.T):
            row = Text()
            for n in blocks:
                for c in range(p.V):
                    one = p.X[n, t, c] == 1
                    row.append("1" if one else "0", self.style("hot") if one else self.style("muted"))
                row.append("   ")
            rows.append(row)
        return rows


class CostBoard(Board):
    """The bill: the whole padded matrix, a dense layer's multiply-adds, its parameters against an RNN's."""

    def render(self) -> Drawn:
        return Drawn(self.draw)

    def draw(self, width: int) -> Text:
        scene = self.screen
        p = padded(scene)
        if scene.step < p.shown:
            return Text("")
        c = p.cost
        rows = [
            Text(f"the padded matrix: {count(p.N, 'sentence')} × T_max {p.T} × V {p.V}", self.style("heading")),
            Text.assemble(f"{count(c.cells, 'cell')}, {count(c.ones, 'one')} (one per word), ",
                          (f"{c.cells - c.ones:,} zeros = {pct(c.zero_share)}", "bold")),
            Text(""),
            Text(f"first dense layer, H = {p.H} units: multiply-adds (V × H = {p.V * p.H:,} per word slot)",
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
        rows.extend(self.growth(p, width))
        return lines(rows)

    def growth(self, p: Padded, width: int) -> list[Text]:
        rows = [Text(f"parameters as the longest sentence grows (V = {p.V}, H = {p.H})", self.style("heading"))]
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
            ours = T == p.T
            row = Text(f"  {T:>5} {dense:>{dense_w},}  ", "bold" if ours else None)
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


class PaddingScene(Scene):
    NAME = "padding"
    TITLE = "Padding"

    _figures: Padded | None = None

    def compose_body(self) -> ComposeResult:
        yield GridBoard(id="grid")
        yield CostBoard(id="cost")

    def last_step(self) -> int:
        return min(len(self.session.corpus.sentences), MAX_SHOWN)

    def subtitle(self) -> str:
        return "zeros to the longest sentence"

    def redraw(self) -> None:
        p = padded(self)
        self.query_one("#grid").display = self.step < p.shown
        self.query_one("#cost").display = self.step >= p.shown
        super().redraw()

    def caption(self) -> str:
        p = padded(self)
        c = p.cost
        if self.step < p.shown:
            n = self.step
            words = p.corpus.lengths[n]
            pad = p.T - words
            ones, cells = words, p.T * p.V
            if not pad:
                return (f"Sentence {n + 1}: {count(words, 'word')}, the longest: no padding, yet "
                        f"{cells - ones:,} of its {cells:,} cells are 0.")
            return (f"Sentence {n + 1}: {count(words, 'word')}, padded with {count(pad, 'zero row')} to {p.T}: "
                    f"{cells - ones:,} of its {cells:,} cells are 0.")
        return (f"{pct(c.zero_share)} of the padded matrix is zeros, {pct(c.padding_share)} of the multiply-adds "
                f"go on padding; the dense layer grows with T_max, the RNN stays at {p.growth[0][2]:,}.")
