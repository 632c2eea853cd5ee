"""The lecture line at the foot of every scene: who is presenting or following, whether this
screen follows, and the guess prompt with its keys or its tally. Text from the wire is data."""

from __future__ import annotations

from textual.widgets import Static

from rnn_tui.ui.safe import user_text


class LectureBar(Static):
    DEFAULT_CSS = """
    LectureBar {
        dock: bottom;
        height: 1;
        margin-bottom: 1;   /* above the Footer, which docks at the bottom too */
        width: 100%;
        padding: 0 1;
        background: $accent-muted;
        color: $text;
        text-style: bold;
    }
    """

    said: str | None = None

    def show(self, text: str) -> None:
        if text == self.said:
            return   # a follower hears every step: redraw the line only when it changes
        self.said = text
        line = user_text(text)
        line.no_wrap, line.overflow = True, "ellipsis"
        self.update(line)
