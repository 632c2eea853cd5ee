"""The base of every pane: it takes a View and refreshes only when its own part of it changed."""

from __future__ import annotations

from typing import Hashable

from rich.style import Style
from textual.widget import Widget

from rnn_tui.ui.view import View


class Pane(Widget):
    """Subclasses say what they depend on in `key()` and draw it in `render()`."""

    can_focus = False
    # Colours live in app.tcss; panes ask for them by these names.
    COMPONENT_CLASSES = {
        "pane--positive", "pane--negative", "pane--active", "pane--muted", "pane--current",
        "pane--future", "pane--hot", "pane--heading",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.view: View | None = None
        self._key: Hashable = None

    def key(self, view: View) -> Hashable:
        return (id(view.trace), view.cursor, view.phase_index, view.hidden)

    def show(self, view: View) -> bool:
        """Take the new view; repaint only if this pane's part changed. Returns whether it did."""
        key = self.key(view)
        self.view = view
        if key == self._key:
            return False
        self._key = key
        self.refresh(layout=True)
        self.after_show()
        return True

    def after_show(self) -> None:
        """A hook for panes that set their border title from the view."""

    def style(self, name: str) -> Style:
        return self.get_component_rich_style(f"pane--{name}", partial=True)

    def signed(self, value: float) -> Style:
        """The diverging palette: the sign is also written, so colour is never the only cue."""
        return self.style("positive" if value > 0 else "negative" if value < 0 else "muted")
