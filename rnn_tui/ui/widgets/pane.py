"""The base of every pane: it takes a View and refreshes only when its own part of it changed."""

from __future__ import annotations

from typing import Hashable

from rich.text import Text
from textual.containers import ScrollableContainer

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

    def on_mount(self) -> None:
        if isinstance(self.parent, ScrollableContainer):  # rows drawn depend on the scroll
            self.watch(self.parent, "scroll_y", lambda _: self.refresh(), init=False)

    def visible_rows(self, above: int = 2) -> range:
        """The rows (from 0) that the scroll container shows, `above` lines (border, header)
        below the pane's top, with one to spare each side. Panes with a row per hidden unit draw
        only these, so a step costs the same at H = 8 and H = 256."""
        parent = self.parent
        if not isinstance(parent, ScrollableContainer) or parent.size.height == 0:
            return range(0, 1 << 30)
        top = int(parent.scroll_y)
        return range(max(0, top - above - 1), top + parent.size.height - above + 1)

    def unit_rows(self, head: Text, count: int, draw) -> Text:
        """`head`, then draw(j) for each of `count` rows on screen; rows off screen are empty
        lines, which keep the pane's height and cost nothing to draw."""
        visible = self.visible_rows()
        return Text("\n").join([head] + [draw(j) if j in visible else Text() for j in range(count)])

    def after_show(self) -> None:
        """A hook for panes that set their border title from the view."""
