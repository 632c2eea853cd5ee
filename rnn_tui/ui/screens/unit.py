"""A close-up of hidden unit j: its row of W_hh (what it hears from each unit), its
weight from each word in W_ih (sorted), and h_j over the whole sentence as a sparkline; for a GRU
or an LSTM also each of its gates (and the LSTM's c_j) over the sentence."""

from __future__ import annotations

import numpy as np
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Static

from rnn_tui.engine.trace import Trace
from rnn_tui.ui.render.bars import fmt, signed_bar, sparkline
from rnn_tui.ui.safe import printable
from rnn_tui.ui.screens.once import ClosesOnce
from rnn_tui.ui.state.cell_view import candidate_block, over_time

TOP_WORDS = 12


class UnitScreen(ModalScreen[None], ClosesOnce):
    BINDINGS = [
        Binding("escape,i,q", "dismiss", "Close", id="unit.close"),
        Binding("down,j,right", "unit(1)", "Next unit", id="unit.next"),
        Binding("up,k,left", "unit(-1)", "Previous unit", id="unit.previous"),
    ]
    unit: reactive[int] = reactive(0)

    def __init__(self, trace: Trace, unit: int = 0) -> None:
        super().__init__()
        self.trace = trace
        self.set_reactive(UnitScreen.unit, unit)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="unit-box"):
            yield Static(id="unit-title")
            yield Static(id="unit-values")
            yield Static(id="unit-weights")

    def on_mount(self) -> None:
        self.watch_unit(self.unit)

    def action_unit(self, delta: int) -> None:
        self.unit = (self.unit + delta) % self.trace.model.hidden_size

    def watch_unit(self, j: int) -> None:
        p, vocab = self.trace.model.params, self.trace.model.vocab
        hj = self.trace.hidden_states[:, j]
        self.query_one("#unit-title", Static).update(Text.assemble(
            (f"hidden unit {j + 1} of {p.hidden_size}", "bold"),
            " (the decoder's weights)" if self.trace.source_vocab is not None else "",
            "   ↑/↓ another unit, Escape closes\n",
            f"h_t[{j + 1}] over the sentence, t = 1..{len(hj)} (▁ = -1, █ = +1): ",
            (sparkline(hj), "bold")))
        words = " ".join(printable(s.input_token or "·") for s in self.trace.steps)
        by_step = "  ".join(f"t{s.t}:{fmt(v)}" for s, v in zip(self.trace.steps, hj, strict=True))
        values = Text.assemble(Text(words), "\n", by_step)
        for gate in over_time(self.trace.steps, j):  # a GRU's or LSTM's gates over the sentence
            span = "0..1" if gate.low == 0 else "-1..1"
            values.append(f"\n{gate.label:<15} {span:>5} ")
            values.append(sparkline(gate.values, gate.low, gate.high), "bold")
            values.append("  " + " ".join(fmt(v) for v in gate.values[:8]) + (" …" if len(gate.values) > 8 else ""))
        self.query_one("#unit-values", Static).update(values)

        # A gated cell stacks a block of rows per gate: show the candidate's (what the unit may write).
        block, w_hh, w_ih = candidate_block(self.trace.cell)
        r = block * p.hidden_size + j
        table = Table(box=None, expand=True, pad_edge=False)
        table.add_column(f"{w_hh} row {j + 1}: from unit", no_wrap=True)
        table.add_column(f"{w_ih}[{j + 1}, word], sorted", no_wrap=True)
        # W_ih's word columns only: a seq2seq decoder's last columns read the context, not words.
        row = p.W_ih[r, : vocab.size]
        order = np.argsort(-row, kind="stable")
        scale = _scale(row)
        by_word = [Text.assemble(Text(printable(vocab.tokens[c])[:12].ljust(12)),
                               f" {signed_bar(row[c] / scale, 4)} {fmt(row[c])}")
                 for c in order[:TOP_WORDS]]
        if len(order) > TOP_WORDS:
            by_word.append(Text(f"… {len(order) - TOP_WORDS} more words"))
        recur = [Text(f"{k + 1:>3} {signed_bar(w / _scale(p.W_hh[r]), 4)} {fmt(w)}") for k, w in enumerate(p.W_hh[r])]
        for i in range(max(len(by_word), len(recur))):
            table.add_row(recur[i] if i < len(recur) else "", by_word[i] if i < len(by_word) else "")
        self.query_one("#unit-weights", Static).update(table)


def _scale(row: np.ndarray) -> float:
    """Bars relative to the row's largest weight, so small rows still show their shape."""
    m = float(np.max(np.abs(row)))
    return m if m > 0 else 1.0
