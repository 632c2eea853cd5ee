"""The engine: pure NumPy. It never imports Textual or Rich.

Data flows one way: corpus -> vocabulary -> model -> trace (one Step per time step).
"""

from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus, Sentence, load_corpus
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.engine.text import EOS, UNK, Vocabulary, tokenize
from rnn_tui.engine.topologies import TOPOLOGIES, Topology, topology_by_name
from rnn_tui.engine.trace import Step, Trace, run

__all__ = [
    "InputError", "UNK", "EOS", "Vocabulary", "tokenize",
    "Corpus", "Sentence", "LECTURE_CORPUS", "load_corpus",
    "Params", "Model", "TOPOLOGIES", "Topology", "topology_by_name",
    "Step", "Trace", "run",
]
