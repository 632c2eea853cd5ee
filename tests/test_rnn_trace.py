"""The cell and the recorded trace: one step checked by hand, then the properties every step keeps."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import Model, Params, Vocabulary, run, topology_by_name
from rnn_tui.engine.rnn import softmax
from rnn_tui.engine.topologies import NOTHING, WORD

MANY_TO_MANY = topology_by_name("many-to-many")
MANY_TO_ONE = topology_by_name("many-to-one")


def tiny_model() -> Model:
    """V=3 (a, b, <unk>), H=2, O=2, with weights small enough to add up by hand."""
    params = Params(
        W_ih=np.array([[0.5, -0.3, 0.1],
                       [0.2, 0.4, -0.6]]),
        W_hh=np.array([[0.1, -0.2],
                       [0.3, 0.05]]),
        b_ih=np.array([0.01, -0.02]),
        b_hh=np.array([0.03, 0.04]),
        W_out=np.array([[1.0, -1.0],
                        [0.5, 2.0]]),
        b_out=np.array([0.1, -0.1]),
    )
    return Model(params, Vocabulary(("a", "b", "<unk>")), ("neg", "pos"))


def test_two_steps_by_hand():
    trace = run(tiny_model(), ["a", "b"], MANY_TO_MANY)
    s1, s2 = trace.steps
    assert (s1.t, s1.source, s1.input_token, s1.x_index) == (1, WORD, "a", 0)
    assert (s2.t, s2.source, s2.input_token, s2.x_index) == (2, WORD, "b", 1)

    # Step 1, "a" (x = [1, 0, 0]), h_0 = 0:
    #   wx  = column 0 of W_ih          = [0.5, 0.2]
    #   wh  = W_hh @ [0, 0]             = [0, 0]
    #   pre = wx + b_ih + wh + b_hh     = [0.5 + 0.01 + 0 + 0.03, 0.2 - 0.02 + 0 + 0.04] = [0.54, 0.22]
    #   h_1 = tanh(pre)                 = [0.4929879667, 0.2165180615]
    np.testing.assert_array_equal(s1.h_prev, [0.0, 0.0])
    np.testing.assert_array_equal(s1.wx, [0.5, 0.2])
    np.testing.assert_array_equal(s1.wh, [0.0, 0.0])
    np.testing.assert_allclose(s1.pre, [0.54, 0.22], rtol=0, atol=1e-15)
    np.testing.assert_allclose(s1.h, [math.tanh(0.54), math.tanh(0.22)], rtol=1e-15)
    np.testing.assert_allclose(s1.h, [0.4929879667, 0.2165180615], atol=1e-10)

    # Step 2, "b" (x = [0, 1, 0]), h_1 from step 1:
    #   wx  = column 1 of W_ih = [-0.3, 0.4]
    #   wh  = W_hh @ h_1 = [0.1 * 0.4929879667 - 0.2 * 0.2165180615,
    #                       0.3 * 0.4929879667 + 0.05 * 0.2165180615]
    #                    = [0.04929879667 - 0.0433036123, 0.14789639 + 0.01082590308]
    #                    = [0.0059951844, 0.1587222931]
    #   pre = [-0.3 + 0.01 + 0.0059951844 + 0.03, 0.4 - 0.02 + 0.1587222931 + 0.04]
    #       = [-0.2540048156, 0.5787222931]
    #   h_2 = [tanh(-0.2540048156), tanh(0.5787222931)] = [-0.2486795396, 0.5217361456]
    np.testing.assert_array_equal(s2.h_prev, s1.h)
    np.testing.assert_array_equal(s2.wx, [-0.3, 0.4])
    np.testing.assert_allclose(s2.wh, [0.0059951844, 0.1587222931], atol=1e-10)
    np.testing.assert_allclose(s2.pre, [-0.2540048156, 0.5787222931], atol=1e-10)
    np.testing.assert_allclose(s2.h, [math.tanh(-0.2540048156), math.tanh(0.5787222931)], atol=1e-10)
    np.testing.assert_allclose(s2.h, [-0.2486795396, 0.5217361456], atol=1e-10)
    np.testing.assert_array_equal(s2.b_ih, [0.01, -0.02])
    np.testing.assert_array_equal(s2.b_hh, [0.03, 0.04])

    # Output at step 2:
    #   logits = W_out @ h_2 + b_out
    #          = [1.0 * -0.2486795396 - 1.0 * 0.5217361456 + 0.1,
    #             0.5 * -0.2486795396 + 2.0 * 0.5217361456 - 0.1]
    #          = [-0.6704156852, 0.8191325214]
    #   y = exp(logits) / sum = [e^-0.6704156852, e^0.8191325214] / (0.5115 + 2.2685)
    #     = [0.1839895488, 0.8160104512]
    np.testing.assert_allclose(s2.logits, [-0.6704156852, 0.8191325214], atol=1e-10)
    e0, e1 = math.exp(-0.6704156852), math.exp(0.8191325214)
    np.testing.assert_allclose(s2.y, [e0 / (e0 + e1), e1 / (e0 + e1)], atol=1e-10)
    np.testing.assert_allclose(s2.y, [0.1839895488, 0.8160104512], atol=1e-10)
    assert s2.y.sum() == pytest.approx(1.0, abs=1e-15)
    assert s2.predicted == 1
    # Step 1's output: logits = [0.4929879667 - 0.2165180615 + 0.1, 0.2464939834 + 0.4330361230 - 0.1]
    #                         = [0.3764699052, 0.5795301064]: "pos" too.
    np.testing.assert_allclose(s1.logits, [0.3764699052, 0.5795301064], atol=1e-10)
    assert trace.output == ["pos", "pos"]

    np.testing.assert_array_equal(trace.hidden_states, np.stack([s1.h, s2.h]))
    assert trace.tokens == ("a", "b")


def test_many_to_one_reads_output_at_last_step_only():
    trace = run(tiny_model(), ["a", "b"], MANY_TO_ONE)
    s1, s2 = trace.steps
    assert s1.y is None and s1.logits is None and not s1.has_output and s1.predicted is None
    np.testing.assert_allclose(s2.y, [0.1839895488, 0.8160104512], atol=1e-10)
    assert trace.output == "pos"


def test_unknown_word_reads_as_unk_column():
    trace = run(tiny_model(), ["zebra"], MANY_TO_ONE)
    step = trace.steps[0]
    assert (step.typed, step.input_token, step.x_index) == ("zebra", "<unk>", 2)
    np.testing.assert_array_equal(step.wx, [0.1, -0.6])
    assert trace.tokens == ("<unk>",)
    assert trace.words == ("zebra",)


def test_unknown_word_without_unk_is_the_zero_vector():
    m = tiny_model()
    model = Model(dataclasses.replace(m.params, W_ih=m.params.W_ih[:, :2]), Vocabulary(("a", "b")), m.labels)
    step = run(model, ["zebra"], MANY_TO_ONE).steps[0]
    assert step.x_index is None
    np.testing.assert_array_equal(step.wx, [0.0, 0.0])
    np.testing.assert_allclose(step.pre, [0.04, 0.02], atol=1e-15)  # biases only


def test_decoder_first_step_has_no_input():
    writer = dataclasses.replace(tiny_model(), labels=("a", "<eos>"))  # outputs that are words: it may write
    trace = run(writer, ["a"], topology_by_name("encoder-decoder"), gen_steps=1)
    reading, decoding = trace.steps
    assert decoding.source == NOTHING
    assert decoding.input_token is None and decoding.x_index is None
    np.testing.assert_array_equal(decoding.wx, [0.0, 0.0])
    np.testing.assert_array_equal(decoding.h_prev, reading.h)


def test_given_h0_is_used():
    h0 = np.array([0.5, -0.5])
    step = run(tiny_model(), ["a"], MANY_TO_ONE, h0=h0).steps[0]
    np.testing.assert_array_equal(step.h_prev, h0)
    # W_hh @ [0.5, -0.5] = [0.05 + 0.1, 0.15 - 0.025]
    np.testing.assert_allclose(step.wh, [0.15, 0.125], atol=1e-15)


def test_softmax_by_hand():
    # exp([1, 2, 3]) = [2.718281828, 7.389056099, 20.08553692]; sum 30.19287485
    np.testing.assert_allclose(softmax(np.array([1.0, 2.0, 3.0])),
                               [0.0900305732, 0.2447284711, 0.6652409558], atol=1e-10)
    np.testing.assert_array_equal(softmax(np.zeros(4)), [0.25] * 4)


def test_softmax_is_stable_for_huge_logits():
    y = softmax(np.array([1e6, 1e6 - 1.0, -1e6]))
    assert np.all(np.isfinite(y))
    # the shift leaves [0, -1, -2e6]: [1, e^-1, 0] / (1 + e^-1)
    np.testing.assert_allclose(y, [1 / (1 + math.exp(-1)), math.exp(-1) / (1 + math.exp(-1)), 0.0], atol=1e-15)


def test_steps_are_immutable():
    trace = run(tiny_model(), ["a", "b"], MANY_TO_MANY)
    step = trace.steps[0]
    for name in ("h_prev", "wx", "wh", "b_ih", "b_hh", "pre", "h", "logits", "y"):
        array = getattr(step, name)
        assert not array.flags.writeable, name
        with pytest.raises(ValueError):
            array[0] = 99.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.h = np.zeros(2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        trace.steps = ()
    assert not trace.h0.flags.writeable


def test_trace_does_not_change_when_the_model_weights_do():
    model = tiny_model()
    trace = run(model, ["a", "b"], MANY_TO_MANY)
    before = trace.steps[0].wx.copy()
    with pytest.raises(ValueError):  # a model's weights are read-only...
        model.params.W_ih[:, 0] = 7.0
    source = np.array(model.params.W_ih)
    rebuilt = Params(source, *model.params.arrays()[1:])
    source[:, 0] = 7.0  # ...and copies of the caller's arrays
    assert rebuilt.W_ih[0, 0] != 7.0
    np.testing.assert_array_equal(trace.steps[0].wx, before)


def test_params_init_is_reproducible_with_a_seed():
    a, b, c = Params.init(9, 4, 10, seed=3), Params.init(9, 4, 10, seed=3), Params.init(9, 4, 10, seed=4)
    for x, y in zip(a.arrays(), b.arrays(), strict=True):
        np.testing.assert_array_equal(x, y)
    assert all(not np.array_equal(x, z) for x, z in zip(a.arrays(), c.arrays(), strict=True))
    # PyTorch's default range: uniform in +-1/sqrt(H) = +-0.5
    assert all(np.max(np.abs(x)) <= 0.5 for x in a.arrays())
    assert [x.shape for x in a.arrays()] == [(4, 9), (4, 4), (4,), (4,), (10, 4), (10,)]
    assert a.count == 36 + 16 + 4 + 4 + 40 + 10
    assert (a.input_size, a.hidden_size, a.output_size) == (9, 4, 10)


def test_same_seed_same_trace():
    vocab = Vocabulary(("a", "b", "<unk>"))
    traces = [run(Model(Params.init(3, 5, 2, seed=s), vocab, ("x", "y")), ["a", "b", "a"], MANY_TO_MANY)
              for s in (1, 1, 2)]
    np.testing.assert_array_equal(traces[0].hidden_states, traces[1].hidden_states)
    assert not np.array_equal(traces[0].hidden_states, traces[2].hidden_states)


def test_scaled_recurrence_only_scales_w_hh():
    p = tiny_model().params
    q = p.scaled_recurrence(2.0)
    np.testing.assert_array_equal(q.W_hh, [[0.2, -0.4], [0.6, 0.1]])
    np.testing.assert_array_equal(q.W_ih, p.W_ih)
    np.testing.assert_array_equal(p.W_hh, [[0.1, -0.2], [0.3, 0.05]])


def test_model_rejects_mismatched_shapes():
    p = tiny_model().params
    with pytest.raises(ValueError, match="3 columns for a vocabulary of 2"):
        Model(p, Vocabulary(("a", "<unk>")), ("neg", "pos"))
    with pytest.raises(ValueError, match="2 rows for 3 labels"):
        Model(p, Vocabulary(("a", "b", "<unk>")), ("x", "y", "z"))


def test_extreme_weights_stay_finite():
    V, H, O = 4, 3, 3
    signs = np.array([1.0, -1.0])
    rng = np.random.default_rng(0)
    w = lambda *shape: 1e6 * rng.choice(signs, size=shape)
    params = Params(w(H, V), w(H, H), w(H), w(H), w(O, H), w(O))
    model = Model(params, Vocabulary(("a", "b", "c", "<unk>")), ("x", "y", "z"))
    trace = run(model, ["a", "b", "zebra", "c"], MANY_TO_MANY)
    for s in trace.steps:
        assert np.all(np.isfinite(s.h)) and np.all(np.abs(s.h) <= 1.0)
        assert np.all(np.isfinite(s.logits)) and np.all(np.isfinite(s.y))
        assert s.y.sum() == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(1e-3, 1e6), st.lists(st.sampled_from("ab?"), min_size=1, max_size=6),
       st.sampled_from(["one-to-one", "one-to-many", "many-to-one", "many-to-many", "encoder-decoder"]))
def test_any_scale_any_topology_gives_finite_probabilities(seed, scale, words, topology):
    rng = np.random.default_rng(seed)
    p = Params.init(3, 4, 3, seed=seed)
    params = Params(*(a * scale * rng.uniform(0.5, 1.5) for a in p.arrays()))
    model = Model(params, Vocabulary(("a", "b", "<unk>")), ("a", "b", "<eos>"))
    trace = run(model, words, topology_by_name(topology), gen_steps=4)
    assert len(trace) >= 1
    for s in trace.steps:
        assert np.all(np.abs(s.h) <= 1.0)
        np.testing.assert_allclose(s.pre, s.wx + s.b_ih + s.wh + s.b_hh)
        if s.has_output:
            assert np.all(np.isfinite(s.y)) and np.all(s.y >= 0)
            assert s.y.sum() == pytest.approx(1.0)
