"""The base of every pane of the Unroll scene. The scene binds its state to each pane's `state`
(`data_bind`); a pane repaints only when its own part of the state changed (its `key()`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from rich.text import Text
from textual.containers import ScrollableContainer
from textual.reactive import reactive

from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.widgets.styled import Styled


class Pane(Styled):
    """Subclasses say what they depend on in `key()` and draw it in `render()`."""

    state: reactive[UnrollState | None] = reactive(None, init=False, repaint=False)
    """The scene's state, bound from `UnrollScene.state`; `show` decides whether to repaint."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._key: Hashable = None
        self._trace: object = None  # the trace last drawn: a new one needs a new layout

    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        # The trace itself, not its id(): an id can be reused once a trace is dropped. The width:
        # a wider pane draws longer bars and more words.
        return (state.trace, state.cursor, state.phase_index, state.hidden, self.size.width)

    def on_resize(self) -> None:
        self.redraw()

    def watch_state(self, state: UnrollState | None) -> None:
        if state is not None:
            self.show(state)

    def show(self, state: UnrollState) -> bool:
        """Repaint only if this pane's part of `state` changed. Returns whether it did."""
        key = self.key(state)
        if key == self._key:
            return False
        # A pane's height depends on the model and sentence, not on the step: only a new trace
        # needs a new layout; a step just repaints.
        new_trace = state.trace is not self._trace
        self._key, self._trace = key, state.trace
        self.refresh(layout=new_trace)
        self.after_show(state)
        return True

    def redraw(self) -> None:
        """Repaint whatever the key says (after a resize: what fits has changed)."""
        self._key = None
        if self.state is not None and self.show(self.state):
            self.refresh(layout=True)  # a pane's height may follow its width (a caption that wraps)

    @property
    def scroller(self) -> ScrollableContainer | None:
        """The scroll container the pane sits in (its parent, or the parent's), if any."""
        for node in (self.parent, getattr(self.parent, "parent", None)):
            if isinstance(node, ScrollableContainer):
                return node
        return None

    def on_mount(self) -> None:
        scroller = self.scroller
        if scroller is not None:  # rows drawn depend on the scroll
            self.watch(scroller, "scroll_y", self._scrolled, init=False)

    def _scrolled(self, _scroll_y: float) -> None:
        self.refresh()

    def visible_rows(self, above: int = 2) -> range:
        """The rows (from 0) that the scroll container shows, `above` lines (border, header)
        below the pane's top, with one to spare each side. Panes with a row per hidden unit draw
        only these, so a step costs the same at H = 8 and H = 256."""
        parent = self.scroller
        if parent is None or parent.size.height == 0:
            return range(0, 1 << 30)
        top = int(parent.scroll_y)
        return range(max(0, top - above - 1), top + parent.size.height - above + 1)

    def unit_rows(self, head: Text, count: int, draw: Callable[[int], Text]) -> Text:
        """`head`, then draw(j) for each of `count` rows on screen; rows off screen are empty
        lines, which keep the pane's height and cost nothing to draw."""
        visible = self.visible_rows()
        return Text("\n").join([head] + [draw(j) if j in visible else Text() for j in range(count)])

    def after_show(self, state: UnrollState) -> None:
        """A hook for panes that set their border title from the state."""
