"""What every lesson scene shares: a title line, a body of boards, a caption a lecturer can read
aloud, the stepping keys. All of it is drawn from the one `state` (see `rnn_tui/ui/state/`):
the boards receive it with `data_bind` and draw from it, never from the screen."""

from __future__ import annotations

from typing import Any, ClassVar, SupportsInt, TypeVar, cast

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from rnn_tui.engine.rnn import Model
from rnn_tui.ui.render.fit import Part, fit
from rnn_tui.ui.safe import printable, user_text
from rnn_tui.ui.scenes.drawing import Drawn
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.model_line import model_line, model_parts
from rnn_tui.ui.widgets.styled import Styled

S = TypeVar("S", bound=Stepping)
FAR = 1_000_000   # home and end: as far as the state lets the step go


def model_of(state: object) -> tuple[Model, bool] | None:
    """The model a lesson scene's state shows, and whether it is an encoder-decoder's two halves:
    its `model` (Order, Gradients, Train once trained), its demo's (Sentiment), or its trace's
    (Topologies); None for a scene that shows no model's numbers."""
    if getattr(state, "compares_cells", False):  # several models at once: the scene names them
        return None
    model = getattr(state, "model", None)
    if model is None:
        model = getattr(getattr(state, "demo", None), "model", None)
    trace = getattr(state, "trace", None)
    if model is None and trace is not None:
        return trace.model, trace.source_vocab is not None
    return (model, False) if isinstance(model, Model) else None


class Board(Styled):
    """A drawing in a scene, bound to the scene's state. A subclass draws in `draw(width)` (or
    `render()`) from `self.state`, and says in `shown(state)` whether it is drawn at all."""

    state: reactive[Any] = reactive(None, layout=True)
    """The scene's state, bound from the screen."""

    def shown(self, state: Any) -> bool:
        return True

    def render(self) -> RenderableType:
        if self.state is None:
            return Text("")
        return Drawn(self.draw)

    def draw(self, width: int) -> Text:
        return Text("")


class LessonScene(Scene[S]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,space,l", "advance(1)", "Step", key_display="→", id="lesson.step"),
        Binding("left,h", "advance(-1)", "Back", key_display="←", id="lesson.back"),
        Binding("home", f"advance(-{FAR})", "Start", show=False, id="lesson.start"),
        Binding("end", f"advance({FAR})", "End", show=False, id="lesson.end"),
    ]

    _keys: tuple[object, ...] | None = None   # what check_action last saw: the Footer redraws when it changes
    SESSION_MODEL: ClassVar[str] = ""   # "weights" or "always": the title names the session's model (used_model)

    def compose_scene(self) -> ComposeResult:
        yield Static(id="scene-title")
        with VerticalScroll(id="scene-body", can_focus=False):
            yield from self.compose_body()
        yield Static(id="scene-caption")

    def compose_body(self) -> ComposeResult:
        """The boards, each bound with `.data_bind(state=Scene.state)`."""
        yield from ()

    def action_advance(self, delta: int) -> None:
        self.state = self.state.advance(delta)

    def key_state(self, state: S) -> tuple[object, ...]:
        """What `check_action` depends on: the Footer is redrawn only when this changes, not at every step."""
        return state.can_advance(-1), state.can_advance(1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "advance" and self.state is not None:
            return True if self.state.can_advance(int(cast(SupportsInt, parameters[0]))) else None  # shown, greyed out
        return True

    def title_line(self, state: S, width: int) -> Text:
        """Scene, subtitle, step and model in `width` cells: the model's H and details are cut
        first, then a long model name (to 12 cells), then the subtitle, each with "…" (`?` has
        them whole)."""
        from rnn_tui.ui.scenes import position

        number, total = position(self.NAME)
        parts: list[Part | str] = [Part(" rnn-tui ", style="reverse bold"), f" {number}/{total} ",
                                   Part(self.TITLE, style="bold")]
        if state.subtitle:
            parts += [" │ ", Part(printable(state.subtitle), cut=4, keep=10)]
        if state.last_step:
            parts.append(f" │ {state.step:,}/{state.last_step:,}")
        used = self.used_model(state)
        if used is not None:
            name, size, cell, details = model_parts(*used)
            parts += [" │ ", Part("model ", cut=1, keep=0), Part(printable(name), cut=3, keep=12, style="bold"),
                      Part(size + cell, cut=2, keep=1), Part(details, cut=1, keep=1)]
        return fit(parts, width)

    def used_model(self, state: S) -> tuple[Model, bool] | None:
        """The model this scene shows (see model_of), or the session's where the scene reads it
        (SESSION_MODEL: "weights", only a --weights model's vocabulary; "always", its H too)."""
        found = model_of(state)
        if found is None and (self.SESSION_MODEL == "always" or
                              (self.SESSION_MODEL == "weights" and self.session.weights is not None)):
            return self.session.model(), False
        return found

    def details(self) -> list[tuple[str, str]]:
        state = self.state
        used = self.used_model(state) if state is not None else None
        said = [("model", model_line(*used) if used else "none: this scene shows no RNN's numbers")]
        if state is not None and state.subtitle:
            said.append(("here", state.subtitle))
        if state is not None and state.caption:
            said.append(("caption", state.caption))
        return said

    _drawn_for: object = None   # the screen size the title and boards were last laid out for

    def on_resize(self) -> None:
        if self.state is not None and self.size != self._drawn_for:
            self._drawn_for = self.size
            self.query_one("#scene-title", Static).update(self.title_line(self.state, self.size.width))
            for board in self.query(Board):  # a board may draw more of itself on a larger screen
                board.refresh(layout=True)

    def watch_state(self, state: S) -> None:
        self._drawn_for = self.size
        self.query_one("#scene-title", Static).update(self.title_line(state, self.size.width))
        self.query_one("#scene-caption", Static).update(user_text(state.caption))
        boards = list(self.query(Board))
        for board in boards:
            board.display = board.shown(state)
        shown = [board for board in boards if board.display]
        for board in shown:
            # A line under every board shown but the last: at 80x24 every line counts. Set here,
            # since a `:last-child` rule is not recomputed when a board's display changes.
            board.styles.margin = (0, 0, 0 if board is shown[-1] else 1, 0)
        keys = self.key_state(state)
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()
