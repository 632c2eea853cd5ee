"""The help screen under `?`: every key in force on the scene underneath, read from its active
bindings (see `bindings.active_keys`), so it cannot drift from what the keys do."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from rnn_tui.ui.bindings import APP_KEYS, EXPLAIN, SCENE_KEYS, key_text
from rnn_tui.ui.safe import user_text

# Textual's own key, which the app's bindings do not hold.
PALETTE_KEY = Binding("ctrl+p", "command_palette", "Commands", id="help.palette")


def keys_table(bindings: list[Binding]) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("what")
    for b in bindings:
        table.add_row(key_text(b), EXPLAIN.get(b.action, b.description))
    return table


def details_table(details: list[tuple[str, str]]) -> Table:
    """(what, text) rows; the text is user data (a sentence, a model's name): never markup."""
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("what", style="bold", no_wrap=True)
    table.add_column("text")
    for what, text in details:
        table.add_row(what, user_text(text))
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the scene underneath (every scene has its own), then the app's."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
        Binding("j", "app.jump", "Jump", id="help.jump"),  # a modal screen holds back the app's own keys
    ]

    def __init__(self, scene_title: str = "Unroll", scene_keys: list[Binding] | None = None,
                 app_keys: list[Binding] | None = None, details: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.details = details or []  # what the scene shows, whole: a narrow screen may cut it with "…"
        self.scene_title = scene_title
        self.scene_keys = SCENE_KEYS if scene_keys is None else scene_keys
        self.app_keys = APP_KEYS if app_keys is None else app_keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            if self.details:
                yield Static(Text(f"On screen in {self.scene_title}, whole", style="bold"))
                yield Static(details_table(self.details))
            yield Static(Text(f"rnn-tui: keys of the {self.scene_title} scene", style="bold"))
            yield Static(keys_table(self.scene_keys))
            yield Static(Text("keys of every scene", style="bold"))
            yield Static(keys_table([*self.app_keys, PALETTE_KEY]))
            yield Static(Text(
                "The top line says where you are. The timeline is the RNN unrolled in time: "
                "inputs below, outputs above, h carried along the arrows. "
                "Click a cell to jump to it. Escape closes this screen."))
