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

from textual import events
from textual.app import ComposeResult
from textual.geometry import Region
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from rnn_tui.ui.widgets.footer import CompactFooter
from rnn_tui.ui.widgets.notice import Notice

if TYPE_CHECKING:
    from typing_extensions import Self  # Textual's own dependency; typing.Self is 3.11+

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

    _opening = False   # the app's first screen, until the app has started (see refresh)
    _whole = False     # while opening: a whole frame of it has been written to the terminal

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """As the app starts, Textual asks again and again to repaint the whole screen (as it is
        shown, and as each await of a mount ends), and so wrote it whole two or three times: 11-17
        KB each through an SSH link. Once a whole frame is on the terminal and until the app has
        started, a whole-screen refresh lays out but does not repaint: a layout paints what it
        moves, and each widget repaints its own changes. (Before that frame, the requests stand:
        Textual drops the frames it draws while it starts the app, and they bring the screen.)"""
        if self._opening and self._whole and not regions:
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def opening(self) -> bool:
        """The app's first screen, before its first whole frame is on the terminal or while the
        app still starts (see refresh)."""
        return self._opening and not self._whole

    def painted_whole(self) -> None:
        """The app wrote a whole frame of this screen to the terminal (see refresh)."""
        self._whole = True
        self._repaint_required = False  # asked before that frame, which showed it all

    def opened(self) -> None:
        """The app has started (see refresh)."""
        self._opening = False

    def _watch_state(self, state: S) -> None:
        """Lecture mode's one hook: the app hears of every new state (a presenter publishes it)."""
        cast("RnnApp", self.app).scene_state_changed(self, state)

    _fresh = False     # the state was made at mount, and the screen is not yet shown

    def on_mount(self) -> None:
        """The first state, before the first layout: the widgets are laid out and drawn once, with it."""
        self.state = self.make_state(None)
        self._fresh = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown again after another scene: rebuild from the session. Shown the first time: the
        state is the one just made at mount, and so are the styles (Textual would apply them all again)."""
        if self._fresh:
            self._fresh = False
            event.refresh_styles = False
            return
        self.state = self.make_state(self.state)
