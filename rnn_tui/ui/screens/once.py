"""Modal screens that close once. Enter pressed twice quickly, or a click just after Enter, reaches a
screen that is already closing; Textual would then pop the scene under it (ScreenStackError)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList

# What a late key or click turns into on its way up to a closing screen.
LATE_INPUT = (events.InputEvent, Input.Submitted, OptionList.OptionSelected, Button.Pressed)


class ClosesOnce(Screen[Any]):
    """A mixin for modal screens: the first dismiss closes the screen; any later one, and any
    input already on its way to it, is dropped. List it after the screen's base class (Textual
    takes CSS and component classes from the first base)."""

    _dismissed_once = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._dismissed_once or self not in self.app.screen_stack:
            return AwaitComplete.nothing()  # type: ignore[no-any-return, no-untyped-call]
        self._dismissed_once = True
        return super().dismiss(result)

    async def _on_message(self, message: Message) -> None:
        if self._dismissed_once and isinstance(message, LATE_INPUT):
            return
        await super()._on_message(message)


class Palette(CommandPalette, ClosesOnce):
    """Textual's command palette (ctrl+p) closing once, and two more of its bugs in 8.2 kept away:
    at a few columns its list has no width and Rich divides by it; PageDown before the list is laid
    out looks up a line that is not there (KeyError)."""

    DEFAULT_CSS = """
    Palette CommandList, Palette #--input { min-width: 12; }
    """

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):  # the list is not laid out yet: nothing to move through
            pass
