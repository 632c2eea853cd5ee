"""The lecture line at the foot of every scene: who is presenting or following, whether this
screen follows, and the guess prompt with its keys or its tally. Text from the wire is data."""

from __future__ import annotations

from textual.widgets import Static

from rnn_tui.ui.safe import user_text


class LectureBar(Static):
    """Styled in app.tcss (LectureBar), with the rest of the layout."""

    said: str | None = None

    def show(self, text: str) -> None:
        if text == self.said:
            return   # a follower hears every step: redraw the line only when it changes
        self.said = text
        line = user_text(text)
        line.no_wrap, line.overflow = True, "ellipsis"
        self.update(line)
