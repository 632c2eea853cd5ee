"""The base of every drawn widget: named styles that app.tcss colours, so no colour lives in Python."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

_NO_BACKGROUND: dict[Style, Style] = {}


class Styled(Widget):
    can_focus = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # No links here; Textual's link-hover check would repaint a pane at every mouse move.
        self.auto_links = False
    COMPONENT_CLASSES = {
        "pane--positive", "pane--negative", "pane--active", "pane--muted", "pane--current",
        "pane--future", "pane--hot", "pane--heading",
    }

    def style(self, name: str) -> Style:
        """The named style, resolved against the widget's background (so `auto 60%` and the
        theme's muted colours come out right), minus that background, which spans don't need."""
        full = self.get_component_rich_style(f"pane--{name}")
        if full not in _NO_BACKGROUND:
            _NO_BACKGROUND[full] = Style(color=full.color, bold=full.bold, dim=full.dim, italic=full.italic,
                                         underline=full.underline, reverse=full.reverse)
        return _NO_BACKGROUND[full]

    def signed(self, value: float) -> Style:
        """The diverging palette: the sign is also written, so colour is never the only cue."""
        return self.style("positive" if value > 0 else "negative" if value < 0 else "muted")
