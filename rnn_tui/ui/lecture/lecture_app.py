"""What the presenter's and a follower's apps share: the lecture line on every scene."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from textual.screen import Screen

from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.lecture.bar import LectureBar
from rnn_tui.ui.scenes.scene import Scene

YOUNG_COLLECTION_EVERY = 10_000   # objects made (net) between the collector's young passes; Python's: 700


class LectureApp(RnnApp):
    CSS_PATH = str(Path(__file__).parent.parent / "app.tcss")   # Textual reads it beside the subclass otherwise
    bar_text: str = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bars: dict[Screen[Any], LectureBar] = {}   # scene -> its lecture line (modes keep their scenes)
        self._gc_threshold = gc.get_threshold()

    def on_mount(self) -> None:  # besides RnnApp's (Textual calls each class's handler)
        self.mode_change_signal.subscribe(self, self.mode_changed, immediate=True)
        # A class's 20 followers and the presenter repaint each step on the same few cores: every
        # young collection one of them runs delays the last follower's frame. Measured when a step
        # still left ~1,000 objects in cycles (a Strip's divide cache; render/partial.py avoids it
        # now), 10,000 cut a follower's CPU per step from 15.5 to 15.0 ms (8 followers); a run of
        # bench_lecture without it since then had the worst follower at 172 ms against 127 ms.
        gc.set_threshold(YOUNG_COLLECTION_EVERY, *self._gc_threshold[1:])

    def on_unmount(self) -> None:
        gc.set_threshold(*self._gc_threshold)   # as it was (tests run apps one after another)

    def mode_changed(self, mode: str) -> None:
        """Another scene, by a key, the jump list, the palette or a follower's own switch: a scene
        shown again with its state unchanged sets no new state, so this is the only word of it."""

    def say(self, text: str) -> None:
        """The lecture line, on the scene shown now (each scene gets one when first shown)."""
        self.bar_text = text
        try:
            screen = self.screen
        except Exception:  # noqa: BLE001 - before the first screen or after the last: nothing to say it on
            return
        if isinstance(screen, Scene):
            self._bar(screen).show(text)

    def _bar(self, scene: Screen[Any]) -> LectureBar:
        """The scene's lecture line, mounted the first time (kept by scene: a DOM query on every
        step a follower hears cost ~2 ms of its ~15 ms)."""
        bar = self._bars.get(scene)
        if bar is None:
            bar = self._bars[scene] = LectureBar(id="lecture-bar")
            scene.mount(bar)
        return bar

    def scene_state_changed(self, scene: Screen[Any], state: object) -> None:
        if isinstance(scene, Scene) and scene not in self._bars:
            self._bar(scene).show(self.bar_text)
