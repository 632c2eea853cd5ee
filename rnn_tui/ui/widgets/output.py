"""The output pane: y_t as labelled probability bars where the topology reads an output;
where it reads none, it says so. A long label list keeps the likeliest that fit."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
from rich.text import Text

from rnn_tui.ui.render.bars import bar
from rnn_tui.ui.safe import printable
from rnn_tui.ui.state.unroll import SCORES, SOFTMAX, STOPPED_HERE, UnrollState, only_if_stopped
from rnn_tui.ui.state.wording import percent, sub
from rnn_tui.ui.widgets.pane import Pane

BAR = 10       # a probability bar's cells at 80 columns; a wider pane draws longer bars
MAX_BAR = 40


class Output(Pane):
    _labels: tuple[Sequence[str], list[str]] | None = None  # (a model's labels, made printable)

    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        return super().key(state) + (self.size.height, self.size.width)

    def after_show(self, state: UnrollState) -> None:
        t = state.step.t
        self.set_titles(f"output y{sub(t)} = softmax(W_out h{sub(t)} + b_out)")

    def _printable_labels(self, labels: Sequence[str]) -> list[str]:
        """A model's labels (from a weights file: user text) made printable, once per model."""
        kept = self._labels
        if kept is None or kept[0] is not labels:
            kept = self._labels = (labels, [printable(label) for label in labels])
        return kept[1]

    def lines(self, v: UnrollState) -> Sequence[Text]:
        s = v.step
        top = v.trace.topology
        if s.y is None or s.logits is None:
            return [Text(f"No output at t={s.t}: {top.title.lower()} reads y only where the diagram shows y.",
                         self.style("muted"))]
        if v.hidden:
            return [Text("? What will it predict? Press space or r to reveal.", self.style("muted"))]
        if not v.done(SCORES) and not v.active(SCORES):
            return [Text(f"y{sub(s.t)} comes after h{sub(s.t)} (sub-step {len(v.phases) - 1} of {len(v.phases)}).",
                         self.style("muted"))]
        labels = self._printable_labels(v.trace.model.labels)
        scores_only = v.active(SCORES)
        values = s.logits if scores_only else s.y
        order = np.argsort(-s.y, kind="stable")
        # A many-to-one model's output before the last word: what it is, above the bars.
        stopped = only_if_stopped(v.trace, s)
        room = max(2, self.size.height - (1 if scores_only else 0) - (1 if stopped else 0))
        # Every label if they fit, else the likeliest (in label order) and a line for the rest.
        shown = list(range(len(labels))) if len(labels) <= room else sorted(order[: room - 1])
        width = min(max(12, self.size.width // 4), max(len(labels[i]) for i in shown))
        bar_cells = max(BAR, min(MAX_BAR, self.size.width - width - 8))
        lines = []
        if stopped:
            lines.append(Text(f"{STOPPED_HERE}:", self.style("heading")))
        if scores_only:
            lines.append(Text("scores (logits), before softmax:", self.style("active")))
        for i in shown:
            mark = "◀" if i == s.predicted else " "
            label = labels[i] if len(labels[i]) <= width else labels[i][:width - 1] + "…"
            row = Text(label.ljust(width) + " ")
            if scores_only:
                row.append(f"{values[i]:+7.2f}", self.signed(values[i]))
            else:
                lit = "active" if v.active(SOFTMAX) else "hot" if i == s.predicted else "positive"
                style = self.style(lit)
                row.append(bar(float(values[i]), bar_cells), style)
                row.append(f" {percent(float(values[i])):>4} {mark}")
            lines.append(row)
        if len(labels) > len(shown):
            more = f"+{len(labels) - len(shown)} more"
            if not scores_only:  # before softmax there are no probabilities to add up
                rest_of = np.ones(len(labels), dtype=bool)
                rest_of[shown] = False
                rest = float(np.sum(s.y[rest_of]))
                more += f", {percent(rest)} in all"
            lines.append(Text(more, self.style("muted")))
        return lines
