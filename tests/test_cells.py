"""The one Elman cell: a step by hand, its backward step against finite differences, the
sentence's weight gradients in one product against the per-step sum, and the callers
(trace, training, the gradient scene) agreeing because they share it."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import LECTURE_CORPUS, Params, topology_by_name
from rnn_tui.engine.cells import ELMAN, backward, forward
from rnn_tui.engine.gradients import backward_many_to_one
from rnn_tui.engine.models import load_model
from rnn_tui.engine.trace import run
from rnn_tui.engine.train import Example, evaluate, loss_and_grads, make_task

# V = 2 words, H = 2 units, O = 2 outputs: small enough to add up by hand.
HAND = Params(
    W_ih=np.array([[0.5, -1.0], [0.25, 0.0]]),
    W_hh=np.array([[0.1, 0.2], [-0.3, 0.4]]),
    b_ih=np.array([0.1, -0.1]),
    b_hh=np.array([0.0, 0.2]),
    W_out=np.eye(2),
    b_out=np.zeros(2),
)


def test_one_step_by_hand():
    s = ELMAN.step(HAND, 1, np.array([0.5, -0.5]))
    # W_ih x picks column 1: (-1, 0). W_hh h = (0.05 - 0.1, -0.15 - 0.2) = (-0.05, -0.35).
    np.testing.assert_allclose(s.wx, [-1.0, 0.0])
    np.testing.assert_allclose(s.wh, [-0.05, -0.35])
    # -1 + 0.1 - 0.05 + 0 = -0.95 ; 0 - 0.1 - 0.35 + 0.2 = -0.25
    np.testing.assert_allclose(s.pre, [-0.95, -0.25])
    np.testing.assert_allclose(s.h, [math.tanh(-0.95), math.tanh(-0.25)])
    assert s.x_index == 1 and not s.h.flags.writeable


def test_the_zero_vector_reads_nothing():
    s = ELMAN.step(HAND, None, np.zeros(2))
    np.testing.assert_array_equal(s.wx, [0.0, 0.0])
    np.testing.assert_allclose(s.h, np.tanh(HAND.b_ih + HAND.b_hh))


def random_params(V, H, seed):
    p = Params.init(V, H, 3, seed=seed)
    return Params(*(a * 2.0 * np.sqrt(H) for a in p.arrays()))  # well away from tanh's linear part


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 5), st.integers(0, 3))
def test_backward_step_against_finite_differences(seed, H, x):
    p = random_params(4, H, seed)
    rng = np.random.default_rng(seed)
    h_prev, upstream = rng.normal(size=H), rng.normal(size=H)
    loss = lambda h: float(upstream @ ELMAN.step(p, x, h).h)  # a linear loss of h_t
    s = ELMAN.step(p, x, h_prev)
    dpre, dh_prev = ELMAN.backward_step(p, s, upstream)
    eps = 1e-6
    numeric = np.array([(loss(h_prev + eps * e) - loss(h_prev - eps * e)) / (2 * eps) for e in np.eye(H)])
    np.testing.assert_allclose(dh_prev, numeric, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(dpre, upstream * (1 - s.h ** 2))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=9))
def test_weight_grads_of_a_sentence_equal_the_sum_over_its_steps(seed, xs):
    """One matrix product per weight gives what an outer product per step gives, repeated words
    and zero inputs included."""
    p = random_params(5, 3, seed)
    steps = forward(p, xs)
    dpre = np.random.default_rng(seed).normal(size=(len(xs), 3))
    g = ELMAN.weight_grads(p, steps, dpre)
    want = {"W_ih": np.zeros((3, 5)), "W_hh": np.zeros((3, 3)), "b_ih": np.zeros(3), "b_hh": np.zeros(3)}
    for s, d in zip(steps, dpre, strict=True):
        if s.x_index is not None:
            want["W_ih"][:, s.x_index] += d
        want["W_hh"] += np.outer(d, s.h_prev)
        want["b_ih"] += d
        want["b_hh"] += d
    for name, value in want.items():
        np.testing.assert_allclose(g[name], value, atol=1e-12, err_msg=name)


def test_trace_and_training_step_the_same_cell():
    model = load_model("lecture-next-word")
    words = ["hi", "my", "name", "is", "barry"]
    trace = run(model, words, topology_by_name("many-to-many"))
    steps = forward(model.params, model.vocab.encode(words))
    for recorded, trained in zip(trace.steps, steps, strict=True):
        np.testing.assert_array_equal(recorded.h, trained.h)
        np.testing.assert_array_equal(recorded.pre, trained.pre)


def test_the_gradient_scene_and_training_agree():
    """The gradient scene's one forward and one backward pass give training's dL/dh_t."""
    model = load_model("sentiment")
    words = ["the", "food", "was", "not", "good", "at", "all"]
    back = backward_many_to_one(model, words, target=0)
    x = tuple(model.vocab.encode(words))
    trained = loss_and_grads(model.params, Example(x, (None,) * (len(x) - 1) + (0,)))
    np.testing.assert_allclose(back.dh, trained.dh, atol=1e-14)
    assert back.loss == pytest.approx(trained.loss, abs=1e-12)


def test_backward_sends_the_outputs_gradient_back_through_every_step():
    p = random_params(5, 3, 7)
    steps = forward(p, [0, 1, 2])
    dh_out = np.zeros((3, 3))
    dh_out[-1] = [1.0, -2.0, 0.5]
    _, dh, dh0 = backward(p, steps, dh_out)
    np.testing.assert_array_equal(dh[-1], dh_out[-1])
    for t in (1, 0):  # dL/dh_t = W_hh^T (dL/dh_{t+1} * tanh'(pre_{t+1}))
        np.testing.assert_allclose(dh[t], p.W_hh.T @ (dh[t + 1] * (1 - steps[t + 1].h ** 2)))
    np.testing.assert_allclose(dh0, p.W_hh.T @ (dh[0] * (1 - steps[0].h ** 2)))  # into h_0


def test_evaluation_is_forward_only_and_equals_the_training_loss():
    task = make_task("next-word", LECTURE_CORPUS)
    examples = task.examples(LECTURE_CORPUS)
    p = random_params(task.vocab.size, 4, 3)
    p = Params(p.W_ih, p.W_hh, p.b_ih, p.b_hh, *Params.init(4, 4, len(task.labels), seed=1).arrays()[4:])
    loss, accuracy = evaluate(p, examples)
    results = [loss_and_grads(p, ex) for ex in examples]
    assert loss == pytest.approx(np.mean([r.loss for r in results]), abs=1e-12)
    assert accuracy == sum(r.correct for r in results) / sum(r.counted for r in results)


# ---- the same cell on a batch: rows of (B, H), hot indices (B,), a mask ---------------------

from rnn_tui.engine.cells import backward_batch, backward_with_context, forward_batch  # noqa: E402


def batch_of(sentences):
    """Sentences of hot indices (None: the zero vector) as (T, B) indices, -1 padded, and the mask."""
    T = max(len(s) for s in sentences)
    xs = np.full((T, len(sentences)), -1, dtype=np.intp)
    mask = np.zeros((T, len(sentences)), dtype=bool)
    for b, s in enumerate(sentences):
        xs[:len(s), b] = [-1 if x is None else x for x in s]
        mask[:len(s), b] = True
    return xs, mask


sentence_lists = st.lists(st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=7),
                          min_size=1, max_size=5)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), sentence_lists, st.booleans())
def test_a_batch_steps_each_sentence_as_the_single_step_does(seed, sentences, with_context):
    """Row b of the batch, at its last word, holds the state the one-sentence forward ends in;
    a padded row keeps its state on unchanged."""
    p = random_params(5 + (2 if with_context else 0), 3, seed)
    rng = np.random.default_rng(seed)
    h0, context = rng.normal(size=(len(sentences), 3)), rng.normal(size=(len(sentences), 2))
    xs, mask = batch_of(sentences)
    steps = forward_batch(p, xs, mask, h0, context if with_context else None)
    for b, s in enumerate(sentences):
        single = forward(p, s, h0[b], context[b] if with_context else None)
        for t, one in enumerate(single):
            # The batch sums W_ih x, W_hh h and the biases in another order than one sentence does:
            # equal to float64 rounding (seed 438 put pre 1.1e-14 apart), where a wrong term is 0.1 off.
            np.testing.assert_allclose(steps[t].h[b], one.h, rtol=0, atol=1e-13)
            np.testing.assert_allclose(steps[t].pre[b], one.pre, rtol=0, atol=1e-13)
        np.testing.assert_array_equal(steps[-1].h[b], steps[len(s) - 1].h[b])  # carried through the padding


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), sentence_lists, st.booleans())
def test_batch_gradients_equal_the_sum_of_the_single_sentence_ones(seed, sentences, with_context):
    p = random_params(5 + (2 if with_context else 0), 3, seed)
    rng = np.random.default_rng(seed)
    h0, context = rng.normal(size=(len(sentences), 3)), rng.normal(size=(len(sentences), 2))
    xs, mask = batch_of(sentences)
    dh_out = rng.normal(size=(*xs.shape, 3)) * mask[..., None]  # no loss on padding
    steps = forward_batch(p, xs, mask, h0, context if with_context else None)
    g, dh, dh0, dc = backward_batch(p, steps, dh_out)
    want = {k: np.zeros_like(v) for k, v in g.items()}
    for b, s in enumerate(sentences):
        single = forward(p, s, h0[b], context[b] if with_context else None)
        gb, dhb, dh0b, dcb = backward_with_context(p, single, dh_out[:len(s), b])
        for k in want:
            want[k] += gb[k]
        np.testing.assert_allclose(dh[:len(s), b], dhb, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(dh0[b], dh0b, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(dc[b], dcb, rtol=1e-12, atol=1e-12)
    for k, v in want.items():
        np.testing.assert_allclose(g[k], v, rtol=1e-12, atol=1e-12, err_msg=k)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), sentence_lists)
def test_batch_gradients_against_finite_differences(seed, sentences):
    """A linear loss of every real step's h, with a context: dL/dW, dL/dh_0 and dL/dc numerically."""
    rng = np.random.default_rng(seed)
    p = random_params(7, 3, seed)
    h0, context = rng.normal(size=(len(sentences), 3)), rng.normal(size=(len(sentences), 2))
    xs, mask = batch_of(sentences)
    upstream = rng.normal(size=(*xs.shape, 3)) * mask[..., None]

    def loss(q, h, c):
        return float(sum(np.sum(u * s.h) for u, s in zip(upstream, forward_batch(q, xs, mask, h, c), strict=True)))

    g, _, dh0, dc = backward_batch(p, forward_batch(p, xs, mask, h0, context), upstream)
    eps = 1e-6
    for name in ("W_ih", "W_hh", "b_ih"):
        a = getattr(p, name)
        for idx in list(np.ndindex(a.shape))[:12]:
            bump = np.zeros_like(a)
            bump[idx] = eps
            up = Params(**{**{n: getattr(p, n) for n in p.names()}, name: a + bump})
            down = Params(**{**{n: getattr(p, n) for n in p.names()}, name: a - bump})
            numeric = (loss(up, h0, context) - loss(down, h0, context)) / (2 * eps)
            assert g[name][idx] == pytest.approx(numeric, rel=1e-5, abs=1e-8), (name, idx)
    for arr, grad, which in ((h0, dh0, "h0"), (context, dc, "c")):
        for idx in np.ndindex(arr.shape):
            bump = np.zeros_like(arr)
            bump[idx] = eps
            args = (h0 + bump, context) if which == "h0" else (h0, context + bump)
            args_down = (h0 - bump, context) if which == "h0" else (h0, context - bump)
            numeric = (loss(p, *args) - loss(p, *args_down)) / (2 * eps)
            assert grad[idx] == pytest.approx(numeric, rel=1e-5, abs=1e-8), (which, idx)


def test_a_context_read_at_every_step_is_the_last_columns_of_w_ih():
    """x_t = [one-hot; c]: the step adds W_ih[:, -C:] c to the word's column, as nn.RNN(V + C, H)."""
    p = random_params(7, 3, 1)
    c = np.array([0.5, -1.0])
    s = ELMAN.step(p, 2, np.zeros(3), context=c)
    x = np.concatenate([np.eye(5)[2], c])
    np.testing.assert_allclose(s.pre, p.W_ih @ x + p.b_ih + p.b_hh, atol=1e-15)
    np.testing.assert_allclose(s.wc, p.W_ih[:, -2:] @ c)
    assert ELMAN.step(p, 2, np.zeros(3)).context is None
