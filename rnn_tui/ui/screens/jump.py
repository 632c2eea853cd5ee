"""The jump list under `j`: the ten scenes with their numbers; a digit goes there at once
(1-9, 0 for the tenth), or the arrows and Enter; Escape stays where you are."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rnn_tui.ui.scenes import NAMES, TITLES, jump_digit
from rnn_tui.ui.screens.once import ClosesOnce


class JumpScreen(ModalScreen[str | None], ClosesOnce):
    """Dismissed with the chosen scene's name, or None."""

    BINDINGS = [
        Binding("escape,j,q", "dismiss(None)", "Cancel", id="jump.cancel"),
        *(Binding(jump_digit(name), f"go('{name}')", TITLES[name], show=False, id=f"jump.{name}")
          for name in NAMES),
    ]

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="jump-box"):
            yield Static(Text("Jump to a scene: press its number", style="bold"))
            options = OptionList(*(Option(self._label(name), id=name) for name in NAMES), id="jump-list")
            if self.current in NAMES:
                options.highlighted = NAMES.index(self.current)
            yield options
            yield Static(Text("↑ ↓ Enter choose too; Escape stays here"))

    def _label(self, name: str) -> Text:
        number = NAMES.index(name) + 1
        tenth = f" (scene {number})" if number >= 10 else ""
        here = "  ◀ here" if name == self.current else ""
        return Text.assemble((jump_digit(name), "bold"), f"  {TITLES[name]}{tenth}{here}")

    def action_go(self, name: str) -> None:
        self.dismiss(name)

    @on(OptionList.OptionSelected, "#jump-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
