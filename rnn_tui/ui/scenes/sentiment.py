"""Scene 8: Sentiment demo. (A placeholder until its scene is written.)"""

from __future__ import annotations

from rnn_tui.ui.scenes.base import Scene


class SentimentScene(Scene):
    NAME = "sentiment"
    TITLE = "Sentiment demo"

    def caption(self) -> str:
        return "This scene is being written."
