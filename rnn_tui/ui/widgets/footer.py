"""The scenes' Footer: Textual's, compact, with each key born compact."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
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
        # Textual's Footer composes no keys at first, and all of them a frame after its screen's
        # bindings are first published: the app's first frame had a blank footer line, and the
        # keys came ~15 ms later in a second frame (after two rebuilds: the bindings are published
        # twice). Composed with the screen, they are in the first frame; a key that the scene's
        # first state greys out (made after its widgets are composed) is flipped in place by
        # bindings_changed, not rebuilt.
        self._bindings_ready = True
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        """A step that only greys a key out or back in (Back at t=1) flips that key where it is,
        in the same frame as the step. Textual's Footer rebuilds every key a frame later instead:
        two more updates and about 45 ms more before the step's last byte reaches the terminal.
        A change of which keys are shown still rebuilds."""
        if self._bindings_ready and screen is self.screen and self.is_attached and self.app.app_focus:
            keys = list(self.query(FooterKey))
            first: dict[str, tuple[str, str, bool]] = {}  # by action, as compose() groups them
            for _, binding, enabled, _ in screen.active_bindings.values():
                if binding.show and binding.action not in first:
                    first[binding.action] = (binding.key, binding.description, enabled)
            wanted = [(action, key, description) for action, (key, description, _) in first.items()]
            if wanted == [(k.action, k.key, k.description) for k in keys]:
                for k, (_, _, enabled) in zip(keys, first.values(), strict=True):
                    # FooterKey keeps "greyed out" as _disabled (a click rings the bell) and the
                    # -disabled class (the look), both set only in its __init__: set both here.
                    k._disabled = not enabled
                    k.set_class(not enabled, "-disabled")
                return
        super().bindings_changed(screen)
