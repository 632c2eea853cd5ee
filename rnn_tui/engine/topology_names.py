"""The five topologies' names, as the command line spells them: `rnn-tui --help` lists them
without importing the topologies themselves (dataclasses, inspect: a third of its time)."""

TOPOLOGY_NAMES = ("one-to-one", "one-to-many", "many-to-one", "many-to-many", "encoder-decoder")
