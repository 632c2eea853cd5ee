"""The base of every drawn widget: named styles that app.tcss colours, so no colour lives in Python."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class Styled(Widget):
    can_focus = False
    COMPONENT_CLASSES = {
        "pane--positive", "pane--negative", "pane--active", "pane--muted", "pane--current",
        "pane--future", "pane--hot", "pane--heading",
    }

    def style(self, name: str) -> Style:
        return self.get_component_rich_style(f"pane--{name}", partial=True)

    def signed(self, value: float) -> Style:
        """The diverging palette: the sign is also written, so colour is never the only cue."""
        return self.style("positive" if value > 0 else "negative" if value < 0 else "muted")
