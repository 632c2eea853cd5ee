"""Scene 7: Topologies. (A placeholder until its scene is written.)"""

from __future__ import annotations

from rnn_tui.ui.scenes.base import Scene


class TopologiesScene(Scene):
    NAME = "topologies"
    TITLE = "Topologies"

    def caption(self) -> str:
        return "This scene is being written."
