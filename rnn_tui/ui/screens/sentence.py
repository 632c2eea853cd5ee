"""Type a sentence of your own. Unknown words are shown as <unk>, as the model reads them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from rnn_tui.engine import tokenize
from rnn_tui.ui.screens.once import ClosesOnce


class SentenceScreen(ModalScreen[str | None], ClosesOnce):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="sentence.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="sentence-box"):
            yield Label("Type a sentence, then Enter (Escape cancels):")
            yield Input(placeholder="I love this lecture", id="sentence-input", max_length=2000)
            yield Label("", id="sentence-error")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        if not tokenize(event.value):
            self.query_one("#sentence-error", Label).update("That has no words (letters or digits): try again.")
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
