"""The engine: pure NumPy. It never imports Textual or Rich.

Data flows one way: corpus -> vocabulary -> model -> trace (one Step per time step).

The names below are imported on first use (PEP 562), not with the package: `rnn-tui --help` and
`rnn_tui.engine.errors` must not pay for NumPy.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (`rnn-tui --help` imports errors)
if TYPE_CHECKING:
    from typing import Any

    from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus, Sentence, load_corpus
    from rnn_tui.engine.errors import InputError
    from rnn_tui.engine.rnn import Model, Params
    from rnn_tui.engine.text import EOS, UNK, Vocabulary, tokenize
    from rnn_tui.engine.topologies import TOPOLOGIES, Topology, topology_by_name
    from rnn_tui.engine.trace import Step, Trace, run

_HOME = {
    "InputError": "errors",
    "UNK": "text", "EOS": "text", "Vocabulary": "text", "tokenize": "text",
    "Corpus": "corpus", "Sentence": "corpus", "LECTURE_CORPUS": "corpus", "load_corpus": "corpus",
    "Params": "rnn", "Model": "rnn",
    "TOPOLOGIES": "topologies", "Topology": "topologies", "topology_by_name": "topologies",
    "Step": "trace", "Trace": "trace", "run": "trace",
}

__all__ = [  # spelt out (not list(_HOME)) so that linters and type checkers read the exports
    "InputError", "UNK", "EOS", "Vocabulary", "tokenize",
    "Corpus", "Sentence", "LECTURE_CORPUS", "load_corpus",
    "Params", "Model", "TOPOLOGIES", "Topology", "topology_by_name",
    "Step", "Trace", "run",
]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"rnn_tui.engine.{_HOME[name]}"), name)
    # A submodule (`from rnn_tui.engine import weights`) is found by the import system itself.
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
