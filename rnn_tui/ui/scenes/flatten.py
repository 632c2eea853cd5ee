"""Scene 3: Flatten. (A placeholder until its scene is written.)"""

from __future__ import annotations

from rnn_tui.ui.scenes.base import Scene


class FlattenScene(Scene):
    NAME = "flatten"
    TITLE = "Flatten"

    def caption(self) -> str:
        return "This scene is being written."
