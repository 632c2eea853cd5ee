"""The caption: what this step did (a line, two when it needs them), a line with the topology in
words, and a warning when the weights were not trained for it: beside the topology when both fit
whole, else on a line of its own. No line wraps: at 80 columns the topology's example goes first,
then its words, each cut with "…" (`?` has them whole)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.text import Text

from rnn_tui.ui.render.fit import Part, cut_to, fit
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.widgets.pane import Pane

CAPTION_LINES = 2


class Caption(Pane):
    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        return super().key(state) + (state.refused, self.size.width)

    def lines(self, state: UnrollState) -> Sequence[Text]:
        # Its height follows the caption's length and the warning's place: the base lays the
        # pane out again when the number of lines changes. Width 0 before the first layout.
        return self._lines(state, max(1, self.size.width))

    def _lines(self, v: UnrollState, width: int) -> list[Text]:
        # The caption is read aloud: it may take two lines, and is cut with "…" only beyond that.
        wrapped = list(user_text(v.caption, self.style("heading")).wrap(self.app.console, width))  # it quotes words
        if len(wrapped) > CAPTION_LINES:
            wrapped[CAPTION_LINES - 1] = cut_to(wrapped[CAPTION_LINES - 1] + Text(" …"), width)
        lines = wrapped[:CAPTION_LINES]
        if v.refused:  # nothing to say about a topology that did not run
            return lines
        parts: list[Part | str] = [Part(text, cut, keep, self.style("muted")) for text, cut, keep in v.topology_parts]
        note = v.trained_note
        if not note:
            return [*lines, fit(parts, width)]
        warning = Part(f"⚠ {note}", cut=5, keep=16, style=self.style("active"))
        needed = sum(len(text) for text, cut, keep in v.topology_parts if keep) + 2 + len(warning.text)
        if needed <= width:  # the warning beside the topology, both whole (but for the example)
            return [*lines, fit([*parts, "  ", warning], width)]
        return [*lines, fit(parts, width), fit([warning], width)]  # a line of its own
