"""Scene 5: Order. (A placeholder until its scene is written.)"""

from __future__ import annotations

from rnn_tui.ui.scenes.base import Scene


class OrderScene(Scene):
    NAME = "order"
    TITLE = "Order"

    def caption(self) -> str:
        return "This scene is being written."
