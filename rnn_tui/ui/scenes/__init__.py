"""One screen per lesson, in the lecture's order; PageDown/PageUp walk through them."""

from __future__ import annotations

from rnn_tui.ui.scenes.flatten import FlattenScene
from rnn_tui.ui.scenes.gradients import GradientScene
from rnn_tui.ui.scenes.onehot import OneHotScene
from rnn_tui.ui.scenes.order import OrderScene
from rnn_tui.ui.scenes.padding import PaddingScene
from rnn_tui.ui.scenes.sentiment import SentimentScene
from rnn_tui.ui.scenes.sequences import SequencesScene
from rnn_tui.ui.scenes.topologies import TopologiesScene
from rnn_tui.ui.scenes.train import TrainScene
from rnn_tui.ui.scenes.unroll import UnrollScene

SCENES = [
    SequencesScene, OneHotScene, FlattenScene, PaddingScene, OrderScene,
    UnrollScene, TopologiesScene, SentimentScene, TrainScene, GradientScene,
]
NAMES = [s.NAME for s in SCENES]


def position(name: str) -> tuple[int, int]:
    """(1-based number, how many) of a scene, for its title line."""
    return NAMES.index(name) + 1, len(SCENES)
