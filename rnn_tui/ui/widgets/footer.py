"""The scenes' Footer: Textual's, compact, with each key born compact."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class CompactFooter(Footer):
    """Footer(compact=True) binds each key's `compact` to its own, and the key's watcher then adds
    the "-compact" class, which re-styles the key from scratch: about a millisecond per key, on
    every recompose (each scene switch and each change of the keys in force), most of a scene
    switch's time. A key that has the class from birth is styled once, the same."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)  # ctrl+p still opens it; 80 columns are few

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget
