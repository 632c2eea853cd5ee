"""The gradient scene's quantity: a fixed unit gradient entering h_T carried back through time.
It is the Jacobian (dh_T/dh_t)ᵀ applied to a fixed vector, whatever the label or prediction,
and on the chart's fixed axis each scaling of W_hh draws differently."""

from __future__ import annotations

import itertools

import numpy as np

from rnn_tui.engine import tokenize
from rnn_tui.engine.gradients import gradient_flow, ratio_in_words, upstream
from rnn_tui.engine.models import load_model
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.ui.render.chart import on_log_axis
from rnn_tui.ui.state.gradients import FLOOR, LONG, SCALES, TOP

MODEL = load_model("sentiment")


def scaled(scale: float):
    return MODEL.with_params(MODEL.params.scaled_recurrence(scale))


def test_the_flow_is_the_jacobian_of_the_last_state_applied_to_a_fixed_vector():
    """g_t = (dh_T/dh_t)ᵀ u, against central differences of u·h_T as h_t is nudged."""
    words = "the film was not good at all".split()
    flow = gradient_flow(MODEL, words)
    trace = run(MODEL, words, topology_by_name("many-to-one"))
    u = upstream(MODEL.hidden_size)
    assert abs(np.linalg.norm(u) - 1) < 1e-12 and abs(flow.norms[-1] - 1) < 1e-12  # all of it, at the last step

    def last_state_along_u(t: int, h: np.ndarray) -> float:
        if t == len(words) - 1:
            return float(u @ h)
        return float(u @ run(MODEL, words[t + 1:], topology_by_name("many-to-one"), h0=h).steps[-1].h)

    eps = 1e-6
    for t in range(len(words)):
        h = trace.steps[t].h
        numeric = [(last_state_along_u(t, h + eps * e) - last_state_along_u(t, h - eps * e)) / (2 * eps)
                   for e in np.eye(len(h))]
        np.testing.assert_allclose(flow.dh[t], numeric, rtol=1e-5, atol=1e-10)


def test_each_scaling_of_w_hh_draws_differently_on_the_fixed_axis():
    """At the first word of the long sentence, 28 steps back: x0.5, x1, x2, x4 at different heights (at least
    two eighths of a row apart, in order), none a full wall; x0.5 and x1 more than a row apart."""
    words = tuple(tokenize(LONG))
    heights = [on_log_axis(float(gradient_flow(scaled(s), words).norms[0]), FLOOR, TOP) for s in SCALES]
    assert all(0 < h < 1 for h in heights)
    assert all(b - a > 2 / 56 for a, b in itertools.pairwise(heights)), heights
    assert heights[1] - heights[0] > 1 / 7


def test_the_chart_axis_is_fixed():
    assert on_log_axis(1.0, FLOOR, TOP) == on_log_axis(1.0, 1e-10, 1e4) == 10 / 14
    assert on_log_axis(1e-11, FLOOR, TOP) == 0 and on_log_axis(1e5, FLOOR, TOP) == 1
    assert on_log_axis(float("inf"), FLOOR, TOP) == 1


def test_shares_are_said_in_words():
    said = {r: ratio_in_words(r) for r in (1.1e-3, 1.5e-3, 2e-7, 0.052, 1.0, 2.1, 3e6, 0.0, 1e-20)}
    assert said == {1.1e-3: "about a thousandth of", 1.5e-3: "about 1.5 thousandths of",
                    2e-7: "about 200 billionths of", 0.052: "about 5.2% of", 1.0: "about as much as",
                    2.1: "about twice", 3e6: "about 3 million times", 0.0: "none of",
                    1e-20: "less than a trillionth of"}
    assert not any("e-" in s or "e+" in s for s in said.values())
