"""One screen per lesson, in the lecture's order; PageDown/PageUp walk through them.
A scene's module is imported the first time it is shown, so start-up pays only for the first."""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: --help imports this module
if TYPE_CHECKING:
    from typing import Any

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


def jump_digit(name: str) -> str:
    """The key that jumps to a scene in the jump list (`j`): 1-9, then 0 for the tenth."""
    return str((NAMES.index(name) + 1) % 10)


def scene_by_number_or_name(text: str) -> str | None:
    """The scene `--scene` names: its number in the lecture's order (from 1) or its name; None if neither."""
    if text.isdigit() and 1 <= int(text) <= len(NAMES):
        return NAMES[int(text) - 1]
    return text if text in NAMES else None


def numbered() -> str:
    """"1 sequences, 2 onehot, ...": the scenes as --help and errors list them."""
    return ", ".join(f"{n} {name}" for n, name in enumerate(NAMES, 1))


def position(name: str) -> tuple[int, int]:
    """(1-based number, how many) of a scene, for its title line."""
    return NAMES.index(name) + 1, len(NAMES)
