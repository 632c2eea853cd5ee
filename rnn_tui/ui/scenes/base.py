"""What every lesson scene shares: a title line, a body of boards, a caption a lecturer can
read aloud, the size guard and the Footer. A scene's progress is one number, `step`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from rnn_tui.ui.widgets.styled import Styled


class Board(Styled):
    """A drawing in a scene. Subclasses draw in render() from `self.screen`'s state;
    the scene calls refresh() on the boards when its step changes."""

    DEFAULT_CSS = "Board { height: auto; }"


class Scene(Screen):
    NAME: ClassVar[str] = ""     # the mode name, for --scene and the palette
    TITLE: ClassVar[str] = ""
    BINDINGS = [
        Binding("right,space,l", "advance(1)", "Step", key_display="→"),
        Binding("left,h", "advance(-1)", "Back", key_display="←"),
        Binding("home", "advance(-1000000)", "Start", show=False),
        Binding("end", "advance(1000000)", "End", show=False),
    ]
    step: reactive[int] = reactive(0, init=False)

    @property
    def session(self):
        return self.app.session

    def compose(self) -> ComposeResult:
        yield Static(id="scene-title")
        with VerticalScroll(id="scene-body", can_focus=False):
            yield from self.compose_body()
        yield Static(id="scene-caption")
        yield Static(id="too-small")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p still opens it; 80 columns are few

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()  # the corpus or sentence may have changed in another scene

    def last_step(self) -> int:
        """The largest value of `step`; 0 for a scene with nothing to step through."""
        return 0

    def action_advance(self, delta: int) -> None:
        self.step = max(0, min(self.last_step(), self.step + delta))

    def watch_step(self) -> None:
        self.redraw()

    def caption(self) -> str:
        return ""

    def subtitle(self) -> str:
        """What the title line says after the scene's name."""
        return ""

    def redraw(self) -> None:
        from rnn_tui.ui.scenes import position

        number, total = position(self.NAME)
        title = Text.assemble((" rnn-tui ", "reverse bold"), f" {number}/{total} ", (self.TITLE, "bold"))
        extra = self.subtitle()
        if extra:
            title.append(" │ ")
            title.append(extra)
        if self.last_step():
            title.append(f" │ {self.step}/{self.last_step()}")
        title.no_wrap, title.overflow = True, "ellipsis"
        self.query_one("#scene-title", Static).update(title)
        self.query_one("#scene-caption", Static).update(Text(self.caption()))
        shown = [board for board in self.query(Board) if board.display]
        for board in shown:
            # A line under every board shown but the last: at 80x24 every line counts. Set here,
            # since a `:last-child` rule is not recomputed when a board's display changes.
            board.styles.margin = (0, 0, 0 if board is shown[-1] else 1, 0)
            board.refresh(layout=True)
