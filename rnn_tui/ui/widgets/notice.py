"""The notice line: a notice (play speed, guess mode, "wrote ...", an error) takes the Footer's
line for a few seconds instead of floating over the panes, so it never covers a number, and a
new one replaces the last rather than stacking. Cut with "…" to one line; `?` lists the last
few whole."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from rnn_tui.ui.render.fit import cut_to
from rnn_tui.ui.safe import printable


def notice_text(message: str, title: str = "") -> str:
    """A notice as one line: its title, then the message, its line breaks as spaces."""
    said = f"{title}: {message}" if title else message
    return printable(" ".join(said.split()))


class Notice(Static):
    """Shown by RnnApp.notify on the scene on screen; hidden again when its time is up."""

    def say(self, message: str, title: str = "", error: bool = False) -> None:
        self.set_class(error, "-error")
        self._said = ("⚠ " if error else "") + notice_text(message, title)
        self.update(self._line())

    def _line(self) -> Text:
        return cut_to(Text(" " + getattr(self, "_said", "")), max(1, self.size.width or 80))

    def on_resize(self) -> None:
        self.update(self._line())
