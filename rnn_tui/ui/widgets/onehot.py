"""The one-hot pane: x_t with its vocabulary words labelled, and the sentence's one-hot matrix
so far. A small vocabulary is drawn whole (its headings cut to fit if need be); one too wide
for the pane shows the hot word among its neighbours, the rows above's hot words, and "…" for
each run of zero columns left out, and the title says where the hot word sits: word 4,993 of 5,000."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.text import Text

from rnn_tui.engine.text import Vocabulary
from rnn_tui.ui.safe import printable
from rnn_tui.ui.state.onehot import GAP, window
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.state.wording import sub
from rnn_tui.ui.widgets.pane import Pane

ROW_LABEL = 5      # "x₁₂ " and a space
MIN_HEADING = 3    # a whole vocabulary may cut its headings to "fo…", no shorter
MAX_HEADING = 12   # a long word's heading in a window of the vocabulary


def cut(word: str, width: int) -> str:
    return word if len(word) <= width else word[: max(1, width - 1)] + "…"


class OneHot(Pane):
    _headings: tuple[object, int, list[str], bool] | None = None  # (vocabulary, room, headings, whole)

    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        return (state.trace, state.cursor, state.reading_x, self.size.width, self.size.height)

    def after_show(self, state: UnrollState) -> None:
        vocab = state.trace.vocab_at(state.step)
        t, hot = sub(state.step.t), state.step.x_index
        whose = f"the {state.step.part}'s words, " if state.step.part else ""  # an encoder-decoder's two vocabularies
        _, whole = self._fitted(vocab, max(1, self.size.width - ROW_LABEL))
        if hot is None or whole:  # drawn whole: every column is on screen, V says the count
            self.set_titles(f"one-hot x{t}  ({whose}V = {vocab.size:,})")
            return
        where = f"one-hot x{t}: {whose}word {hot + 1:,} of {vocab.size:,}"
        more = f"{where} (index {hot:,})"
        self.set_titles(more if len(more) + 4 <= self.size.width else where)

    @staticmethod
    def _rows(v: UnrollState) -> list[int]:
        """The steps so far whose inputs share the current step's vocabulary: all of them, or in an
        encoder-decoder those of the same half (the encoder reads English, the decoder French)."""
        part = v.step.part
        return [i for i in range(v.cursor + 1) if v.trace.steps[i].part == part]

    def _fitted(self, vocab: Vocabulary, room: int) -> tuple[list[str], bool]:
        """Every token's heading, and whether the whole vocabulary fits in `room` (its headings
        then cut to fit). Kept for the vocabulary and width: 5,000 words are measured once, not
        at every step."""
        kept = self._headings
        if kept is not None and kept[0] is vocab and kept[1] == room:
            return kept[2], kept[3]
        tokens = [printable(t) for t in vocab.tokens]
        longest = max(len(t) for t in tokens)
        cap = longest
        while cap > MIN_HEADING and sum(min(len(t), cap) + 1 for t in tokens) > room:
            cap -= 1  # a small vocabulary is drawn whole, its long headings cut
        whole = sum(min(len(t), cap) + 1 for t in tokens) <= room
        headings = [cut(t, cap if whole else MAX_HEADING) for t in tokens]
        self._headings = (vocab, room, headings, whole)
        return headings, whole

    def _columns(self, v: UnrollState) -> tuple[list[int | None], list[str], bool]:
        """The columns to draw (GAP for a run left out), every token's heading, and whether
        the whole vocabulary is drawn."""
        room = max(1, self.size.width - ROW_LABEL)
        headings, whole = self._fitted(v.trace.vocab_at(v.step), room)
        if whole:
            return list(range(len(headings))), headings, True
        steps = [v.trace.steps[i] for i in self._rows(v)]
        earlier = [s.x_index for s in reversed(steps[:-1]) if s.x_index is not None]
        cols = window([len(h) for h in headings], v.step.x_index, earlier, room)
        return cols, headings, False

    def lines(self, v: UnrollState) -> Sequence[Text]:
        cols, headings, _whole = self._columns(v)
        head = Text(" " * ROW_LABEL, no_wrap=True, overflow="crop")
        for c in cols:
            if c is GAP:
                head.append("… ", self.style("muted"))
            else:
                hot = c == v.step.x_index
                head.append(headings[c], self.style("current" if hot else "heading"))
                head.append(" ")
        lines = [head]
        room = max(1, self.size.height - 1)  # rows below the header
        rows = self._rows(v)
        first = 0
        if len(rows) > room:  # keep the latest rows, the current one always among them
            first = len(rows) - max(1, room - 1)
            if room > 1:
                lines.append(Text(f"  ⋮  {first} earlier rows", self.style("muted")))
        for i in rows[first:]:
            s = v.trace.steps[i]
            current = i == v.cursor
            row = Text(no_wrap=True, overflow="crop")
            row.append(f"x{sub(s.t)}".ljust(ROW_LABEL), self.style("current") if current else None)
            for c in cols:
                if c is GAP:
                    row.append("… ", self.style("muted"))
                    continue
                w = len(headings[c])
                if s.x_index == c:
                    style = self.style("active" if current and v.reading_x else "hot")
                    row.append("1".rjust(w), style)
                else:
                    row.append("0".rjust(w), self.style("muted"))
                row.append(" ")
            lines.append(row)
        return lines
