"""Deprecated: the old name of `rnn_tui.ui.state.unroll`, kept until the Topologies scene
imports from there. The lead removes this shim at merge time."""

from __future__ import annotations

from rnn_tui.ui.state.unroll import (  # noqa: F401 - re-exported
    BIAS, CELL_PHASES, INPUT, OUTPUT_PHASES, RECURRENT, SCORES, SOFTMAX, TANH,
    UnrollState as View, caption, phases, quoted, sub, topology_line, trained_note,
)
