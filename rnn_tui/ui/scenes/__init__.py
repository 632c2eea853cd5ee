"""One screen per lesson, in the lecture's order; PageDown/PageUp walk through them.
A scene's module is imported the first time it is shown, so start-up pays only for the first."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rnn_tui.ui.scenes.scene import Scene

# (name for --scene, title, module:class), in the lecture's order
REGISTRY = [
    ("sequences", "Sequences", "sequences:SequencesScene"),
    ("onehot", "One-hot", "onehot:OneHotScene"),
    ("flatten", "Flatten", "flatten:FlattenScene"),
    ("padding", "Padding", "padding:PaddingScene"),
    ("order", "Order", "order:OrderScene"),
    ("unroll", "Unroll", "unroll:UnrollScene"),
    ("topologies", "Topologies", "topologies:TopologiesScene"),
    ("sentiment", "Sentiment demo", "sentiment:SentimentScene"),
    ("train", "Train", "train:TrainScene"),
    ("gradients", "Gradients", "gradients:GradientScene"),
]
NAMES = [name for name, _, _ in REGISTRY]
TITLES = {name: title for name, title, _ in REGISTRY}


def scene_class(name: str) -> type[Scene[Any]]:
    module, cls = dict((n, w) for n, _, w in REGISTRY)[name].split(":")
    found: type[Scene[Any]] = getattr(import_module(f"rnn_tui.ui.scenes.{module}"), cls)
    return found


def position(name: str) -> tuple[int, int]:
    """(1-based number, how many) of a scene, for its title line."""
    return NAMES.index(name) + 1, len(NAMES)
