"""The app: a session (corpus, models, traces), its scenes, the theme and the size guard."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.console import RenderableType
from textual import events
from textual._compositor import LayoutUpdate
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widgets import Static

from rnn_tui.ui import quiet_gc
from rnn_tui.ui.bindings import APP_KEYS, active_keys, key_text
from rnn_tui.ui.control_filter import ControlFilter
from rnn_tui.ui.safe import printable
from rnn_tui.ui.scenes import NAMES, TITLES, scene_class
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.session import Session
from rnn_tui.ui.widgets.notice import Notice, notice_text

NOTICES_KEPT = 5

THEMES = {"dark": "textual-dark", "light": "textual-light"}  # --theme's two short names
# `t` goes to a theme's light or dark twin; a theme without one goes to textual-light or -dark.
TWINS = {"textual-dark": "textual-light", "solarized-dark": "solarized-light", "atom-one-dark": "atom-one-light",
         "ansi-dark": "ansi-light", "catppuccin-mocha": "catppuccin-latte", "catppuccin-frappe": "catppuccin-latte",
         "catppuccin-macchiato": "catppuccin-latte", "rose-pine": "rose-pine-dawn", "rose-pine-moon": "rose-pine-dawn"}
TWINS |= {"textual-light": "textual-dark", "solarized-light": "solarized-dark", "atom-one-light": "atom-one-dark",
          "ansi-light": "ansi-dark", "catppuccin-latte": "catppuccin-mocha", "rose-pine-dawn": "rose-pine"}


def screenshot_folder() -> Path:
    """Where `S` saves: the Downloads folder, as Textual does, or the current folder without one."""
    from platformdirs import user_downloads_path  # Textual's own dependency, for the same folder

    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()
MIN_WIDTH, MIN_HEIGHT = 80, 24
CONTROL_FILTER = ControlFilter()


def open_scene(name: str) -> Scene[Any]:
    """A scene's screen, the first time its mode is entered. It is styled as it mounts, with the
    stylesheet as it is, so it is marked up to date: else Textual 8 re-parses all the CSS and
    re-styles every widget of the app twice as the mode opens (and again on later visits, while it
    has not yet mounted), which was most of a scene switch's time. A theme change still marks
    every screen stale and re-styles it when shown.

    It also gets the size classes (HORIZONTAL_BREAKPOINTS...) now, as Textual's first Resize would
    set them: set after mount, they would re-style every widget and paint the screen again."""
    scene = scene_class(name)()
    app = scene.app
    if not app._is_mounted:
        # The app's first screen, built before Textual styles the app itself: style it first, or
        # the scene would take its colours from an unstyled app (and be painted again, right).
        app.stylesheet.apply(app)
        scene._opening = True
    scene._css_update_count = app._css_update_count
    width, height = app.size
    scene.add_class(*scene._get_breakpoint_classes(width, RnnApp.HORIZONTAL_BREAKPOINTS),
                    *scene._get_breakpoint_classes(height, RnnApp.VERTICAL_BREAKPOINTS), update=False)
    return scene


class RnnApp(App[None]):
    TITLE = "rnn-tui"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(APP_KEYS)
    MODES = {name: partial(open_scene, name) for name in NAMES}
    # Screen classes that app.tcss uses to hide the scene below the smallest supported size.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-wide-enough"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall-enough"), (36, "-tall")]

    def __init__(self, session: Session | None = None, theme: str = "dark", scene: str = "unroll") -> None:
        super().__init__()
        # Open in the first scene's mode (as a DEFAULT_MODE would), not on Textual's default screen
        # and then a switch to the scene: that styled the scene three times and painted it twice
        # before the first frame was complete.
        self._screen_stacks = {scene: []}
        self._current_mode = scene
        self.session = session or Session()
        self.theme = THEMES.get(theme, theme)
        self.first_scene = scene
        self._toggled_from: tuple[str, str] | None = None  # (theme before `t`, theme after): `t` again goes back
        self.notices: list[str] = []   # the last few notices, whole, for the help screen
        # No toasts: they float over the output pane's numbers and stack. Notices go in the notice
        # line instead (see notify). Textual reads this flag when it composes a screen.
        self._disable_notifications = True
        self._notice_count = 0

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        """Textual's, but the first scene's first frame on the terminal is whole, and the scene
        hears of it (see Scene.refresh). Textual drops the frames drawn while it starts the app,
        so its first written update may be a part of the screen, the rest following later."""
        written = (renderable is not None and not self._batch_count and self._running and not self._closed
                   and not self.is_headless and self._driver is not None)
        opening = isinstance(screen, Scene) and screen.opening
        if written and opening and not isinstance(renderable, LayoutUpdate):
            renderable = screen._compositor.render_full_update()
        super()._display(screen, renderable)
        if written and opening and isinstance(screen, Scene):
            screen.painted_whole()
            quiet_gc.resume()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (NO_COLOR, dim) and ours, which keeps control characters off the terminal."""
        return [*super().get_line_filters(), CONTROL_FILTER]

    def on_mount(self) -> None:
        if isinstance(self.screen, Scene):  # started: its refreshes are Textual's own again
            self.call_after_refresh(self.screen.opened)
        # SIGTERM, SIGQUIT (ctrl+backslash) or a dropped SSH link (SIGHUP): leave through Textual, so the
        # terminal gets its screen back and mouse tracking off.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
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

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A notice goes in the scene's notice line (the Footer's, for a few seconds), never over a
        pane; the next replaces it. Textual keeps it too, but draws no toast (see __init__)."""
        # Plain text, whatever the caller asked: notices quote paths, words and error messages.
        message, title = printable(str(message)), printable(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
        self.notices = [*self.notices[-(NOTICES_KEPT - 1):], notice_text(message, title)]
        scene = next((s for s in reversed(self.screen_stack) if s.query("#notice")), None)
        if scene is None:
            return
        notice = scene.query_one("#notice", Notice)
        notice.say(message, title, error=severity == "error")
        scene.add_class("-notice")
        self._notice_count += 1
        count = self._notice_count

        def clear() -> None:
            if count == self._notice_count:  # no newer notice since
                scene.remove_class("-notice")

        self.set_timer(self.NOTIFICATION_TIMEOUT if timeout is None else timeout, clear)

    def scene_state_changed(self, scene: Screen[Any], state: object) -> None:
        """Every scene's every new state comes here: lecture mode (`rnn_tui.ui.lecture`) overrides it."""

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
        """Light to dark and back: to the theme's twin, else to textual-light/dark and then back to it."""
        now = self.theme
        if self._toggled_from and self._toggled_from[1] == now:
            target = self._toggled_from[0]
        else:
            target = TWINS.get(now) or (THEMES["light"] if self.current_theme.dark else THEMES["dark"])
        self.theme = target
        self._toggled_from = (now, target)

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, with guards against its crashes (screens/once.py)."""
        from rnn_tui.ui.screens.once import Palette  # the dialogs when first opened, not at start-up

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's "Choose a theme": the same guarded palette, listing the themes."""
        from rnn_tui.ui.screens.once import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_jump(self) -> None:
        """j: the list of scenes, to go to one by its number (from the help screen too)."""
        from rnn_tui.ui.screens.help import HelpScreen
        from rnn_tui.ui.screens.jump import JumpScreen

        if isinstance(self.screen, HelpScreen):  # its own `j` runs this: the list replaces it
            self.screen.dismiss()

        def go(name: str | None) -> None:
            if name is not None and name != self.current_mode:
                self.switch_mode(name)

        self.push_screen(JumpScreen(self.current_mode), go)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """S: an SVG of the screen; a moment later, so a palette that ran it has closed."""
        self.set_timer(0.1, partial(self.deliver_screenshot, filename, path))

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """In a browser, a download (Textual's). In a terminal, a new file in Downloads, or in the
        current folder when there is none (Textual would fail there), never over another file,
        and a notice saying where."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        folder = Path(path) if path else screenshot_folder()
        stem = Path(filename).stem if filename else f"rnn-tui-{self.current_mode}-{datetime.now():%Y%m%d-%H%M%S}"
        svg = self.export_screenshot()
        for n in range(1, 1000):
            target = folder / (f"{stem}.svg" if n == 1 else f"{stem}-{n}.svg")
            try:
                with open(target, "x", encoding="utf-8") as out:
                    out.write(svg)
            except FileExistsError:
                continue
            except OSError as error:
                self.notify(f"{target}: {error.strerror or error}", title="Screenshot not saved",
                            severity="error", markup=False)
                return None
            self.notify(f"Saved to {target}", title="Screenshot", markup=False)
            return str(target)
        self.notify(f"{folder}: too many screenshots named {stem}", title="Screenshot not saved",
                    severity="error", markup=False)
        return None

    def action_help(self) -> None:
        from rnn_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            scene = self.screen
            scene_keys, app_keys = active_keys(scene)
            details = scene.details() if isinstance(scene, Scene) else []
            self.push_screen(HelpScreen(getattr(scene, "TITLE", ""), scene_keys, app_keys,
                                        scene_name=getattr(scene, "NAME", ""),
                                        details=[*details, *(("notice", n) for n in reversed(self.notices))]))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key is also a command in the palette (ctrl+p), named as in the Footer, once."""
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":  # the S key's command below does it
                continue
            if command.title == "Theme":  # Textual's list of every theme, not `t`'s toggle
                command = command._replace(title="Choose a theme")
            yield command
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
