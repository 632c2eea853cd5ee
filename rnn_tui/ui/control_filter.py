"""Under every widget, a filter that keeps control characters off the terminal (see safe.py)."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from rnn_tui.ui.safe import UNSAFE, terminal_safe


class ControlFilter(LineFilter):
    """The last line of defence, under every widget (Textual's own too: Input, palette, notices):
    a control character that reached a line anyway is dropped before the line is written, so no
    text can move the cursor, set the title or write the clipboard. `user_text` is the path that
    shows such characters; this only makes sure none is ever sent."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(UNSAFE.search(s.text) for s in segments if not s.control):
            return segments
        return [s if s.control else Segment(terminal_safe(s.text), s.style) for s in segments]
