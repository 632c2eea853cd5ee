"""One gate of a GRU or LSTM step, term by term, as the Unroll scene's equation pane shows it
unit by unit: the blocks of the step's stacked arrays that make up the gate's pre-activation,
and its value. Nothing is recomputed but the sum of the two biases (as the Elman pane's b)."""

from __future__ import annotations

from typing import NamedTuple

from rnn_tui.engine.gated import GRUStep, LSTMStep
from rnn_tui.engine.rnn import Array


class GateTerms(NamedTuple):
    """pre = w_x + w_h + bias, value = squash(pre), each of shape (H,).

    For the GRU's candidate n, w_h is r * (W_hn h_{t-1} + b_hn), what the reset gate lets
    through, and bias is b_in alone (b_hn is inside the reset product)."""

    w_x: Array     # W_i? x_t (and the context columns times c, for a decoder)
    w_h: Array     # W_h? h_{t-1}
    bias: Array    # b_i? + b_h?
    pre: Array
    value: Array


def gate_terms(step: GRUStep | LSTMStep, name: str) -> GateTerms:
    """The terms of gate `name` ("r", "z", "n" or "i", "f", "g", "o") of one unbatched step."""
    k, H = step.GATES.index(name), step.h.shape[-1]
    block = slice(k * H, (k + 1) * H)
    w_x = step.wx[block] if step.wc is None else step.wx[block] + step.wc[block]
    gate = step.gate(name)
    if isinstance(step, GRUStep) and name == "n":
        return GateTerms(w_x, step.r_hn, step.b_ih[block], gate.pre, gate.value)
    return GateTerms(w_x, step.wh[block], step.b_ih[block] + step.b_hh[block], gate.pre, gate.value)
