"""The base of every pane: it takes a View and refreshes only when its own part of it changed."""

from __future__ import annotations

from typing import Hashable

from rnn_tui.ui.view import View
from rnn_tui.ui.widgets.styled import Styled


class Pane(Styled):
    """Subclasses say what they depend on in `key()` and draw it in `render()`."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.view: View | None = None
        self._key: Hashable = None

    def key(self, view: View) -> Hashable:
        return (id(view.trace), view.cursor, view.phase_index, view.hidden)

    def show(self, view: View) -> bool:
        """Take the new view; repaint only if this pane's part changed. Returns whether it did."""
        key = self.key(view)
        # A pane's height depends on the model and sentence, not on the step: only a new trace
        # needs a new layout; a step just repaints.
        new_trace = self.view is None or view.trace is not self.view.trace
        self.view = view
        if key == self._key:
            return False
        self._key = key
        self.refresh(layout=new_trace)
        self.after_show()
        return True

    def after_show(self) -> None:
        """A hook for panes that set their border title from the view."""
