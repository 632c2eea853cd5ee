"""The GRU and LSTM cells: one step of each added up by hand, the trace recording every gate,
and back-propagation through time against central finite differences for all three cells on
every topology that takes a loss (one-to-one, one-to-many teacher-forced, many-to-one,
many-to-many, and the encoder-decoder, with and without the context at every step)."""

import dataclasses
import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import Model, Params, Vocabulary, run, topology_by_name
from rnn_tui.engine.cells import CELLS, LSTMStep, bptt, cell_of, forward, forward_batch
from rnn_tui.engine.rnn import CellWeights
from rnn_tui.engine.seq2seq import Pair, Weights, batch_loss as pairs_batch_loss, pair_loss
from rnn_tui.engine.train import Config, Example, Trainer, batch_loss, evaluate, loss_and_grads, make_task

CELL_NAMES = ("elman", "gru", "lstm")
FIELDS = ["W_ih", "W_hh", "b_ih", "b_hh", "W_out", "b_out"]


def sig(x):
    return 1.0 / (1.0 + math.exp(-x))


# V = 2 words, H = 1 unit: every gate is one number, small enough to add up by hand.
# Rows of W_ih / W_hh / the biases are the gates in PyTorch's order.
LSTM_HAND = Params(
    W_ih=np.array([[0.5, -1.0], [0.25, 0.5], [1.0, 0.0], [-0.5, 0.75]]),   # i, f, g, o
    W_hh=np.array([[0.1], [0.2], [-0.3], [0.4]]),
    b_ih=np.array([0.1, 0.0, -0.1, 0.2]),
    b_hh=np.array([0.0, 0.3, 0.1, -0.2]),
    W_out=np.array([[1.0]]), b_out=np.zeros(1))

GRU_HAND = Params(
    W_ih=np.array([[0.5, -1.0], [0.25, 0.5], [1.0, 0.0]]),                  # r, z, n
    W_hh=np.array([[0.1], [0.2], [-0.3]]),
    b_ih=np.array([0.1, 0.0, -0.1]),
    b_hh=np.array([0.0, 0.3, 0.1]),
    W_out=np.array([[1.0]]), b_out=np.zeros(1))


def test_one_lstm_step_by_hand():
    s = CELLS["lstm"].step(LSTM_HAND, 0, np.array([0.5]), c_prev=np.array([2.0]))
    # column 0 of W_ih: (0.5, 0.25, 1, -0.5); W_hh h = (0.05, 0.1, -0.15, 0.2)
    i = sig(0.5 + 0.1 + 0.05 + 0.0)        # 0.65
    f = sig(0.25 + 0.0 + 0.1 + 0.3)        # 0.65
    g = math.tanh(1.0 - 0.1 - 0.15 + 0.1)  # 0.85
    o = sig(-0.5 + 0.2 + 0.2 - 0.2)        # -0.3
    c = f * 2.0 + i * g
    np.testing.assert_allclose(s.pre, [0.65, 0.65, 0.85, -0.3])
    np.testing.assert_allclose(s.act, [i, f, g, o])
    np.testing.assert_allclose([s.f_c[0], s.i_g[0], s.c[0]], [f * 2.0, i * g, c])
    np.testing.assert_allclose(s.h, [o * math.tanh(c)])
    assert [gate.name for gate in s.gates] == ["i", "f", "g", "o"]
    assert s.gate("g").squash == "tanh" and s.gate("f").value[0] == pytest.approx(f)
    assert not s.c.flags.writeable and not s.act.flags.writeable


def test_one_gru_step_by_hand():
    s = CELLS["gru"].step(GRU_HAND, 1, np.array([0.5]))
    # column 1 of W_ih: (-1, 0.5, 0); W_hh h = (0.05, 0.1, -0.15)
    r = sig(-1.0 + 0.1 + 0.05 + 0.0)       # -0.85
    z = sig(0.5 + 0.0 + 0.1 + 0.3)         # 0.9
    hn = -0.15 + 0.1                       # b_hn inside the reset product
    n = math.tanh(0.0 - 0.1 + r * hn)
    np.testing.assert_allclose(s.act, [r, z, n])
    np.testing.assert_allclose([s.hn[0], s.r_hn[0]], [hn, r * hn])
    np.testing.assert_allclose(s.h, [(1 - z) * n + z * 0.5])
    np.testing.assert_allclose([s.from_n[0], s.from_h[0]], [(1 - z) * n, z * 0.5])
    assert [gate.name for gate in s.gates] == ["r", "z", "n"]


def test_the_cell_follows_from_the_shapes():
    for name, G in (("elman", 1), ("gru", 3), ("lstm", 4)):
        p = Params.init(5, 4, 2, seed=0, cell=name)
        assert p.W_ih.shape == (G * 4, 5) and p.W_hh.shape == (G * 4, 4) and p.hidden_size == 4
        assert p.cell == name and cell_of(p).name == name


def test_an_elman_init_is_what_it_was():
    """The cell argument draws nothing new for Elman: the same seed, the same weights."""
    np.testing.assert_array_equal(Params.init(5, 4, 2, seed=3).W_hh, Params.init(5, 4, 2, seed=3, cell="elman").W_hh)


def lstm_model():
    p = Params.init(3, 2, 2, seed=5, cell="lstm")
    return Model(p, Vocabulary(("a", "b", "<unk>")), ("neg", "pos"))


def test_the_trace_records_every_gate_and_the_memory_cell():
    model = lstm_model()
    tr = run(model, ["a", "b", "a"], topology_by_name("many-to-many"))
    assert tr.cell == "lstm"
    assert [g.name for g in tr.steps[0].gates] == ["i", "f", "g", "o"]
    assert run(Model(Params.init(3, 2, 2, seed=5), model.vocab, model.labels), ["a"],
               topology_by_name("many-to-one")).steps[0].gates == ()
    c = np.zeros(2)
    for s in tr.steps:
        assert isinstance(s.cell, LSTMStep)
        np.testing.assert_array_equal(s.cell.c_prev, c)         # each step starts from the last c
        i, f, g, o = (gate.value for gate in s.cell.gates)
        np.testing.assert_allclose(s.c, f * c + i * g)
        np.testing.assert_allclose(s.h, o * np.tanh(s.c))
        np.testing.assert_allclose(s.y, np.exp(s.logits) / np.exp(s.logits).sum())
        c = s.c


@pytest.mark.parametrize("cell", CELL_NAMES)
def test_a_batch_steps_as_its_sentences_do_alone(cell):
    p = Params.init(5, 3, 2, seed=2, cell=cell)
    sentences = [[0, 3, 1, 4], [2, -1], [4, 4, 0]]
    xs = np.full((4, 3), -1, dtype=np.intp)
    mask = np.zeros((4, 3), dtype=bool)
    for b, sent in enumerate(sentences):
        xs[:len(sent), b], mask[:len(sent), b] = sent, True
    last = forward_batch(p, xs, mask)[-1]
    for b, sent in enumerate(sentences):
        alone = forward(p, [None if i < 0 else i for i in sent])[-1]
        np.testing.assert_allclose(last.h[b], alone.h, rtol=0, atol=1e-14)
        if cell == "lstm":
            np.testing.assert_allclose(last.c[b], alone.c, rtol=0, atol=1e-14)


# --- BPTT against central finite differences -----------------------------------------------------

def random_params(V, H, O, seed, cell, scale=1.5):
    p = Params.init(V, H, O, seed=seed, cell=cell)
    return Params(*(a * scale * np.sqrt(H) for a in p.arrays()))


def relative_error(a, n):
    denom = np.linalg.norm(a) + np.linalg.norm(n)
    return np.linalg.norm(a - n) / denom if denom > 0 else 0.0


def assert_gradients_match(p, loss, analytic, names, eps=1e-5):
    """Every weight of every array in `names`, nudged both ways."""
    for name in names:
        base = getattr(p, name)
        numeric = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            plus, minus = base.copy(), base.copy()
            plus[idx] += eps
            minus[idx] -= eps
            numeric[idx] = (loss(dataclasses.replace(p, **{name: plus}))
                            - loss(dataclasses.replace(p, **{name: minus}))) / (2 * eps)
        rel = relative_error(analytic[name], numeric)
        assert rel < 1e-6, f"{name}: relative error {rel:.2e}"


# Each topology that takes a loss, as the examples it trains on (one-to-many is teacher-forced:
# its later inputs are the true previous outputs).
TOPOLOGY_EXAMPLES = {
    "one-to-one": Example(x=(1,), targets=(0,)),
    "one-to-many": Example(x=(1, 2, 0, 3), targets=(2, 0, 3, 4)),
    "many-to-one": Example(x=(0, 3, None, 1, 4), targets=(None, None, None, None, 2)),
    "many-to-many": Example(x=(0, 1, 2, None, 1), targets=(1, 2, 3, 1, 4)),
}


@pytest.mark.parametrize("topology", list(TOPOLOGY_EXAMPLES))
@pytest.mark.parametrize("cell", CELL_NAMES)
def test_bptt_against_finite_differences(cell, topology):
    p = random_params(V=5, H=3, O=5, seed=7, cell=cell)
    ex = TOPOLOGY_EXAMPLES[topology]
    r = loss_and_grads(p, ex)
    assert_gradients_match(p, lambda q: loss_and_grads(q, ex).loss, {k: getattr(r.grads, k) for k in FIELDS}, FIELDS)


@pytest.mark.parametrize("context", [False, True])
@pytest.mark.parametrize("cell", CELL_NAMES)
def test_encoder_decoder_bptt_against_finite_differences(cell, context):
    """Back through the decoder, across the handover (h, and an LSTM's c) and through the encoder."""
    H, Vs, Vt, O = 3, 4, 3, 4
    enc = CellWeights(*(a * 2.0 for a in CellWeights.init(Vs, H, seed=1, cell=cell).arrays()))
    dec = random_params(Vt + (H if context else 0), H, O, seed=2, cell=cell, scale=1.2)
    w = Weights(enc, dec)
    pair = Pair(source=(0, 3, None, 1), inputs=(None, 2, 0), targets=(2, 1, 3))
    analytic = pair_loss(w, pair, context=context)[2]
    assert analytic is not None

    def loss_of(part):
        def loss(q):
            return pair_loss(dataclasses.replace(w, **{part: q}), pair, grads=False, context=context)[0]
        return loss

    assert_gradients_match(enc, loss_of("encoder"), {k: analytic[f"encoder.{k}"] for k in enc.names()}, enc.names())
    assert_gradients_match(dec, loss_of("decoder"), {k: analytic[f"decoder.{k}"] for k in dec.names()}, dec.names())


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(("gru", "lstm")), st.integers(0, 1000), st.booleans(),
       st.lists(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=1, max_size=5), min_size=1, max_size=4))
def test_a_batch_gives_the_summed_loss_and_gradients_of_its_sentences(cell, seed, every_step, sentences):
    p = random_params(V=4, H=3, O=3, seed=seed, cell=cell, scale=1.0)
    rng = np.random.default_rng(seed)
    examples = [Example(tuple(x), tuple(int(rng.integers(3)) if every_step or t == len(x) - 1 else None
                                        for t in range(len(x)))) for x in sentences]
    b = batch_loss(p, examples)
    alone = [loss_and_grads(p, ex) for ex in examples]
    assert b.loss == pytest.approx(sum(r.loss for r in alone), rel=1e-12)
    assert b.correct == sum(r.correct for r in alone) and b.counted == sum(r.counted for r in alone)
    assert b.grads is not None
    for name in FIELDS:
        np.testing.assert_allclose(b.grads[name], sum(getattr(r.grads, name) for r in alone), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("cell", ("gru", "lstm"))
def test_encoder_decoder_batch_equals_its_pairs(cell):
    H = 3
    w = Weights(CellWeights.init(5, H, seed=1, cell=cell), Params.init(4, H, 5, seed=2, cell=cell))
    pairs = [Pair((0, 1, 4), (None, 2, 0), (2, 0, 4)), Pair((3,), (None,), (4,)), Pair((2, 2), (None, 1), (1, 4))]
    b = pairs_batch_loss(w, pairs)
    alone = [pair_loss(w, q) for q in pairs]
    assert b.loss == pytest.approx(sum(r[0] for r in alone), rel=1e-12)
    assert b.grads is not None
    for name, g in b.grads.items():
        np.testing.assert_allclose(g, sum(r[2][name] for r in alone if r[2] is not None), rtol=1e-10, atol=1e-12)


def test_bptt_sends_dc_back_to_the_first_memory_cell():
    """What enters c_T from outside reaches c_0 through the forget gates: f_T ... f_1 times it
    (with W_hh = 0, so that no other path leads from c_0 to c_T)."""
    p = Params.init(3, 2, 2, seed=4, cell="lstm")
    p = dataclasses.replace(p, W_hh=np.zeros_like(p.W_hh))
    steps = forward(p, [0, 1, 2])
    b = bptt(p, steps, np.zeros((3, 2)), dc_end=np.ones(2))
    f = np.prod([s.gate("f").value for s in steps], axis=0)
    np.testing.assert_allclose(b.dc0, f)


@pytest.mark.parametrize("cell", ("gru", "lstm"))
def test_a_gated_cell_learns_the_lecture_labels(cell):
    from rnn_tui.engine import LECTURE_CORPUS
    task = make_task("sentiment", LECTURE_CORPUS)
    trainer = Trainer(task, task.examples(LECTURE_CORPUS), config=Config(hidden=6, epochs=40, lr=0.05, cell=cell))
    while not trainer.finished:
        trainer.epoch()
    assert trainer.params.cell == cell
    assert evaluate(trainer.params, task.examples(LECTURE_CORPUS))[1] == 1.0


def test_an_unknown_cell_is_refused():
    from rnn_tui.engine import InputError
    with pytest.raises(InputError, match="unknown cell 'rnn'; expected one of: elman, gru, lstm"):
        Config(cell="rnn")
    assert Config(cell="LSTM").cell == "lstm"


@pytest.mark.parametrize("cell", CELL_NAMES)
def test_every_topology_steps_through_every_cell(cell):
    """The same five schedules over each cell; an LSTM's c runs on through fed-back words, and an
    encoder-decoder hands the decoder the encoder's last h (and c)."""
    from rnn_tui.engine import TOPOLOGIES
    from rnn_tui.engine.seq2seq import Seq2Seq
    from rnn_tui.engine.trace import run_seq2seq
    vocab = Vocabulary(("a", "b", "<unk>"))
    model = Model(Params.init(3, 3, 4, seed=1, cell=cell), vocab, vocab.tokens + ("<eos>",), trained_for="many-to-many")
    for top in TOPOLOGIES:
        if top.name == "encoder-decoder":
            s2s = Seq2Seq(CellWeights.init(3, 3, seed=2, cell=cell), model.params, vocab, vocab, model.labels)
            tr = run_seq2seq(s2s, ["a", "b"], max_words=4)
        else:
            tr = run(model, ["a", "b", "a"], top, gen_steps=4)
        assert tr.cell == cell and len(tr.steps) >= 1
        for before, after in pairwise(tr.steps):
            np.testing.assert_array_equal(after.h_prev, before.h)
            if cell == "lstm":
                np.testing.assert_array_equal(after.cell.c_prev, before.c)
