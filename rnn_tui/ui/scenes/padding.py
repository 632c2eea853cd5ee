"""Scene 4: Padding. (A placeholder until its scene is written.)"""

from __future__ import annotations

from rnn_tui.ui.scenes.base import Scene


class PaddingScene(Scene):
    NAME = "padding"
    TITLE = "Padding"

    def caption(self) -> str:
        return "This scene is being written."
