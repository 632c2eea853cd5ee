"""The app: a session (corpus, models, traces), its scenes, the theme and the size guard."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any, ClassVar

from textual import events
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from rnn_tui.ui.bindings import APP_KEYS, active_keys, key_text
from rnn_tui.ui.scenes import NAMES, TITLES, scene_class
from rnn_tui.ui.screens.help import HelpScreen
from rnn_tui.ui.session import Session

THEMES = {"dark": "textual-dark", "light": "textual-light"}
MIN_WIDTH, MIN_HEIGHT = 80, 24


class RnnApp(App[None]):
    TITLE = "rnn-tui"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(APP_KEYS)
    MODES = {name: partial(lambda n: scene_class(n)(), name) for name in NAMES}
    # Screen classes that app.tcss uses to hide the scene below the smallest supported size.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-wide-enough"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall-enough"), (36, "-tall")]

    def __init__(self, session: Session | None = None, theme: str = "dark", scene: str = "unroll") -> None:
        super().__init__()
        self.session = session or Session()
        self.theme = THEMES[theme]
        self.first_scene = scene

    def on_mount(self) -> None:
        self.switch_mode(self.first_scene)
        # SIGTERM or a dropped SSH link (SIGHUP): leave through Textual, so the terminal is restored.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.exit)

    async def run_action(self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """A bug behind one key must not end the class: say so, and carry on."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:  # noqa: BLE001 - shown to the user, logged for us
            self.log.error(f"action {action!r} failed: {error!r}")
            self.notify(f"{type(error).__name__}: {error}", title="That key failed; the app goes on",
                        severity="error", timeout=8)
            return True

    def on_resize(self, event: events.Resize) -> None:
        self._say_size(event.size.width, event.size.height)

    def on_screen_resume(self) -> None:
        self._say_size(*self.size)

    def _say_size(self, width: int, height: int) -> None:
        for label in self.screen.query("#too-small"):
            if isinstance(label, Static):
                label.update(f"rnn-tui needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; "
                             f"this one is {width}x{height}. Enlarge the window or make the font smaller.")

    def action_scene(self, delta: int) -> None:
        """PageDown/PageUp: the next or previous scene, in the lecture's order."""
        if self.current_mode not in NAMES:
            return
        i = NAMES.index(self.current_mode) + delta
        if 0 <= i < len(NAMES):
            self.switch_mode(NAMES[i])

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            scene = self.screen
            scene_keys, app_keys = active_keys(scene)
            self.push_screen(HelpScreen(getattr(scene, "TITLE", ""), scene_keys, app_keys))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key is also a command in the palette (ctrl+p), named as in the Footer."""
        yield from super().get_system_commands(screen)
        for n, name in enumerate(NAMES, 1):
            yield SystemCommand(f"Scene {n}: {TITLES[name]}", f"Go to the {TITLES[name]} scene",
                                partial(self.switch_mode, name))
        scene_keys, app_keys = active_keys(screen)
        seen = {"quit"}  # Textual's palette has its own Quit
        for target, bindings in ((screen, scene_keys), (self, app_keys)):
            for b in bindings:
                if b.action not in seen:  # one command per action, even when two bindings run it
                    seen.add(b.action)
                    yield SystemCommand(f"{b.description} ({key_text(b)})", b.description,
                                        partial(self.run_action, b.action, target))
