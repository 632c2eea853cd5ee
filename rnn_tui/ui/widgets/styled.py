"""The base of every drawn widget: named styles that app.tcss colours, so no colour lives in Python."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.style import Style as VisualStyle
from textual.widget import Widget

_NO_BACKGROUND: dict[Style, Style] = {}
_GUARDED: set[Callable[[Styled], RenderResult]] = set()  # the render() wrappers, never wrapped twice


class Styled(Widget):
    can_focus = False
    _failed: str  # the last render() error shown, once set (see __init_subclass__)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._named: dict[str, Style] = {}  # style(name), until the CSS or the theme changes
        self._restyle = False  # the CSS was applied since the styles were looked up
        self._seen: VisualStyle | None = None  # the pane's own style (colour, background) when last looked
        super().__init__(*args, **kwargs)
        # No links here; Textual's link-hover check would repaint a pane at every mouse move.
        self.auto_links = False
    COMPONENT_CLASSES = {
        "pane--positive", "pane--negative", "pane--active", "pane--muted", "pane--current",
        "pane--future", "pane--hot", "pane--heading",
    }

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A bug in one drawing must not end the class: every subclass's render() is guarded,
        so a failure shows in its own pane and as an error notice, and the app goes on."""
        super().__init_subclass__(**kwargs)
        draw: Callable[[Styled], RenderResult] | None = cls.__dict__.get("render")
        if draw is None or draw in _GUARDED:
            return

        @functools.wraps(draw)
        def render(self: Styled) -> RenderResult:
            try:
                return draw(self)
            except Exception as error:  # noqa: BLE001 - shown to the user, logged for us
                self.log.error(f"{type(self).__name__}.render failed: {error!r}")
                if getattr(self, "_failed", None) != repr(error):  # say it once, not every frame
                    self._failed = repr(error)
                    self.app.call_later(self.app.notify, f"{type(error).__name__}: {error}",
                                        title=f"{type(self).__name__} failed; the app goes on",
                                        severity="error", timeout=8)
                return Text(f"⚠ this pane could not be drawn ({type(error).__name__})")

        _GUARDED.add(render)
        setattr(cls, "render", render)  # noqa: B010 - a method replaced on purpose: the subclass's own, guarded

    def notify_style_update(self) -> None:
        """The CSS was applied again (a theme, or a class on the screen such as a notice's): the
        named styles are looked up again before they are next used."""
        super().notify_style_update()
        self._restyle = True

    def restyled(self) -> bool:
        """Whether the CSS applied since the last look changed a named style or the pane's own
        (what was drawn with the old ones must be drawn again). Most updates change nothing."""
        if not self._restyle:
            return False
        self._restyle = False
        before, self._named = self._named, {}
        for name in before:
            self.style(name)
        seen = self._seen
        self._seen = self.visual_style
        return before != self._named or (seen is not None and seen != self._seen)

    def style(self, name: str) -> Style:
        """The named style, resolved against the widget's background (so `auto 60%` and the
        theme's muted colours come out right), minus that background, which spans don't need.
        Kept until the CSS changes: Textual's own cache is emptied at every refresh, and a step
        asks for a style a hundred times."""
        if self._restyle:
            self.restyled()
        named = self._named.get(name)
        if named is not None:
            return named
        full = self.get_component_rich_style(f"pane--{name}")
        if full not in _NO_BACKGROUND:
            _NO_BACKGROUND[full] = Style(color=full.color, bold=full.bold, dim=full.dim, italic=full.italic,
                                         underline=full.underline, reverse=full.reverse)
        named = self._named[name] = _NO_BACKGROUND[full]
        return named

    def signed(self, value: float) -> Style:
        """The diverging palette: the sign is also written, so colour is never the only cue."""
        return self.style("positive" if value > 0 else "negative" if value < 0 else "muted")
