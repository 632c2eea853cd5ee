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
