"""A GRU's or LSTM's trace keeps h (and c) a step, as little as an Elman trace (issue 15), and
a step read later shows the very numbers the step computed, bit for bit."""

import gc
import tracemalloc
import weakref
from types import SimpleNamespace

import numpy as np
import pytest

from rnn_tui.engine import Model, Params, Vocabulary, run, topology_by_name
from rnn_tui.engine.cells import CELLS, LSTMStep
from rnn_tui.engine.gated import RECENT, slim

PARTS = {"lstm": ("wx", "wh", "pre", "act", "f_c", "i_g", "tanh_c", "c", "h"),
         "gru": ("wx", "wh", "hn", "r_hn", "pre", "act", "from_n", "from_h", "h")}


def _model(cell: str, hidden: int, words: int = 60) -> Model:
    vocab = Vocabulary(tuple(f"w{i}" for i in range(words - 1)) + ("<unk>",))
    return Model(Params.init(vocab.size, hidden, vocab.size, seed=3, cell=cell), vocab, vocab.tokens,
                 name=cell, trained_for="many-to-many")


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_a_long_gated_trace_holds_about_what_an_elman_one_does(cell):
    H, T = 256, 200
    model = _model(cell, H)
    words = [f"w{i % 59}" for i in range(T)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        trace = run(model, words, topology_by_name("many-to-many"))
        assert trace.steps[-1].h is not None  # every step computed (a trace computes them when first read)
        held = tracemalloc.get_traced_memory()[0] - before
        for s in trace.steps:  # a user stepping through every gate of every step
            assert len(s.gates) == CELLS[cell].gates
        after_reading = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # An Elman step keeps 3 vectors of H (W_hh h, the sum, h); before issue 15 a GRU step kept 14
    # and an LSTM step 17. Four is a wide margin over h (and c) and each step's small objects.
    assert held < T * 4 * H * 8, f"{held / T / (8 * H):.1f} vectors of H a step"
    # Reading every step keeps the last few steps' parts (RECENT: at most 15 vectors of H each),
    # not all of them.
    assert after_reading - held < (RECENT._size + 8) * 16 * H * 8
    assert len(trace) == T


def _both(cell: str, p: Params, x: int | None, h: np.ndarray, c: np.ndarray | None, context=None):
    kept = CELLS[cell].step(p, x, h, context=context, c_prev=c)
    return kept, slim(kept)


@pytest.mark.parametrize("cell", ["gru", "lstm"])
@pytest.mark.parametrize("with_context", [False, True])
def test_a_slim_step_reads_the_very_numbers_the_step_computed(cell, with_context):
    V, H, C = 7, 5, 3
    p = _model(cell, H, V + C).params  # a decoder's W_ih: V word columns, then C context columns
    rng = np.random.default_rng(1)
    context = rng.normal(size=C) if with_context else None
    h, c = np.zeros(H), None
    pairs = []
    for x in [0, 3, None, 6, 2, 2, None, 5] * 6:  # None: the zero vector, as a generating step reads
        kept, thin = _both(cell, p, x, h, c, context)
        assert thin.kept is None and kept.kept is not None
        pairs.append((kept, thin))
        h, c = kept.h, (kept.c if isinstance(kept, LSTMStep) else None)
    for kept, thin in reversed(pairs):  # read again after the first ones have left RECENT
        for name in PARTS[cell]:
            a, b = getattr(kept, name), getattr(thin, name)
            np.testing.assert_array_equal(b, a, err_msg=name)
            assert not b.flags.writeable, name
        for g, k in zip(thin.gates, kept.gates, strict=True):
            np.testing.assert_array_equal(g.pre, k.pre)
            np.testing.assert_array_equal(g.value, k.value)
        assert thin.b_ih is p.b_ih and thin.b_hh is p.b_hh
        if thin.x_index is not None:  # the word's column: a view of W_ih, no copy
            assert np.shares_memory(thin.wx, p.W_ih)
    assert len(pairs) > RECENT._size


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_a_trace_keeps_no_parts_and_its_gates_match_a_fresh_step(cell):
    model = _model(cell, 6)
    trace = run(model, ["w1", "w2", "nope", "w3"], topology_by_name("many-to-many"))
    h, c = np.zeros(6), None
    for s in trace.steps:
        assert s.cell.kept is None  # slim: h (and c) only
        fresh = CELLS[cell].step(model.params, s.x_index, h, c_prev=c)
        np.testing.assert_array_equal(s.pre, fresh.pre)
        np.testing.assert_array_equal(s.wh, fresh.wh)
        np.testing.assert_array_equal(s.h, fresh.h)
        h, c = fresh.h, getattr(fresh, "c", None)


def test_a_step_whose_weights_could_change_keeps_its_parts():
    p = _model("lstm", 4).params
    live = SimpleNamespace(W_ih=p.W_ih.copy(), W_hh=p.W_hh.copy(), b_ih=p.b_ih.copy(), b_hh=p.b_hh.copy(),
                           hidden_size=4)  # writable, as an optimiser's own arrays are
    s = CELLS["lstm"].step(live, 1, np.zeros(4))
    assert slim(s) is s
    assert slim(CELLS["lstm"].step(p, 1, np.zeros(4))).kept is None


def test_a_dropped_trace_leaves_no_parts_behind():
    trace = run(_model("lstm", 4), ["w1", "w2", "w3"], topology_by_name("many-to-many"))
    weights = weakref.ref(trace.model.params.W_ih)
    for s in trace.steps:
        assert s.cell.gate("f").value.shape == (4,)
    del trace, s
    gc.collect()
    assert len(run(_model("gru", 4), ["w1"], topology_by_name("many-to-many")).steps[0].gates) == 3  # tidies up
    assert weights() is None  # the parts read (views of W_ih) did not keep the old model's weights
