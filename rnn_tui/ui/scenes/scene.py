"""The base of every scene. A scene's state is one frozen value (see `rnn_tui/ui/state/`),
built from the session and held in one reactive; keys replace it, and the widgets that draw
it receive it with `data_bind`. Nothing else about the scene changes between key presses.

A subclass:
- sets NAME and TITLE, and declares its keys in BINDINGS (with `id=` so they can be remapped);
- builds its state in `make_state(previous)` from the session as it is now, keeping the place
  (`previous`) where that still makes sense: it is called whenever the screen is shown, so a
  model trained in another scene or a sentence typed elsewhere is never stale here;
- composes its widgets in `compose_scene()`, binding them with `.data_bind(state=...)`;
- replaces `self.state` in its actions, and lets `check_action` hide keys that do nothing now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from rnn_tui.ui.widgets.footer import CompactFooter
from rnn_tui.ui.widgets.notice import Notice

if TYPE_CHECKING:
    from rnn_tui.ui.app import RnnApp
    from rnn_tui.ui.session import Session

S = TypeVar("S")


class Scene(Screen[None], Generic[S]):
    NAME: ClassVar[str] = ""   # the mode name, for --scene and the palette
    TITLE: ClassVar[str] = ""
    state: reactive[Any] = reactive(None, init=False, repaint=False)
    """The scene's whole state: a frozen dataclass from `rnn_tui.ui.state`, replaced, never changed."""

    @property
    def session(self) -> Session:
        return cast("RnnApp", self.app).session

    def make_state(self, previous: S | None) -> S:
        """The state for the session as it is now; `previous` (None the first time) keeps the place."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield from self.compose_scene()
        yield Static(id="too-small")
        yield Notice(id="notice")  # in the Footer's line while a notice is up (see RnnApp.notify)
        yield CompactFooter()

    def compose_scene(self) -> ComposeResult:
        yield from ()

    def details(self) -> list[tuple[str, str]]:
        """What the scene shows that a narrow screen may cut, whole, for the help screen:
        (what, text) pairs such as ("model", "lecture-next-word (H=8, Elman, ...)")."""
        return []

    def _watch_state(self, state: S) -> None:
        """Lecture mode's one hook: the app hears of every new state (a presenter publishes it)."""
        cast("RnnApp", self.app).scene_state_changed(self, state)

    def on_screen_resume(self) -> None:
        """Shown (the first time, or again after another scene): rebuild from the session."""
        self.state = self.make_state(self.state)
