"""Scene 2: One-hot. (A placeholder until its scene is written.)"""

from __future__ import annotations

from rnn_tui.ui.scenes.base import Scene


class OneHotScene(Scene):
    NAME = "onehot"
    TITLE = "One-hot"

    def caption(self) -> str:
        return "This scene is being written."
