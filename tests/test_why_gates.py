"""The lesson on gates in figures (rnn_tui/engine/why_gates.py): the three shipped memory models
on one held-out sentence, the LSTM's forget gate that says why its share is small, and the test
accuracies the Gradients scene and the README quote."""

from __future__ import annotations

import numpy as np
import pytest

from rnn_tui.engine.gradients import gradient_survival
from rnn_tui.engine.models import MEMORY_MODELS, load_model, memory_split
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.engine.why_gates import ForgetGate, deciding_index, forget_gate, gate_lesson


def test_the_forget_gate_keeps_c_by_its_product_and_a_saturated_c_lets_little_in():
    f = np.array([[0.5, 0.9], [0.5, 0.9], [0.5, 0.9]])
    gate = ForgetGate(f=f, o=np.full((3, 2), 0.5), c=np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 8.0]]))
    np.testing.assert_allclose(gate.kept(0), [1.0, 1.0])
    np.testing.assert_allclose(gate.kept(2), [0.25, 0.81])      # f over the last two steps
    np.testing.assert_allclose(gate.slope, [1.0, 1 - np.tanh(8.0) ** 2])
    np.testing.assert_allclose(gate.entry, [0.5, 0.5 * (1 - np.tanh(8.0) ** 2)])
    assert gate.entry[1] < 1e-6                                  # tanh is flat at c = 8
    assert gate.keepers(2) == (1, 0) and gate.keepers(2, 1) == (1,)


def test_forget_gate_reads_the_lstm_trace_and_refuses_another_cell():
    model = load_model(MEMORY_MODELS["lstm"])
    words = "it was lovely and then we walked".split()
    gate = forget_gate(model, words)
    last = run(model, words, topology_by_name("many-to-one")).steps[-1].cell
    np.testing.assert_array_equal(gate.f[-1], last.gate("f").value)
    np.testing.assert_array_equal(gate.c[-1], last.c)
    with pytest.raises(ValueError, match="LSTM"):
        forget_gate(load_model(MEMORY_MODELS["gru"]), words)


def test_the_word_after_was_decides_every_memory_sentence():
    sentences = memory_split("test").sentences + memory_split("val").sentences
    deciding: dict[str, set[int | None]] = {}
    for s in sentences:
        deciding.setdefault(s.words[deciding_index(s.words)], set()).add(s.label)
    assert len(deciding) == 24 and all(len(labels) == 1 for labels in deciding.values())


def test_the_lesson_is_the_readmes_sentence_accuracies_and_why_the_lstm_passes_little():
    lesson = gate_lesson()
    assert len(lesson.words) == 38 and lesson.words[lesson.deciding] == "unpleasant" and lesson.deciding_back == 34
    assert lesson.accuracy == {"elman": 0.485, "gru": 1.0, "lstm": 1.0} and lesson.tested_on == 600
    models = [load_model(MEMORY_MODELS[c]) for c in ("elman", "gru", "lstm")]
    again = gradient_survival(models, lesson.words)
    for shown, computed in zip(lesson.survival.cells, again.cells, strict=True):
        np.testing.assert_array_equal(shown.share, computed.share)
    # What the scene says of the LSTM: its best keeper holds c from the deciding word to the end,
    # but that c saturates tanh, so almost no gradient from h at the last word gets into it.
    k, forget = lesson.deciding_back, lesson.forget
    keeper = forget.keepers(k)[0]
    assert keeper == 7 and forget.kept(k)[keeper] > 0.1 and np.median(forget.f[lesson.deciding + 1:, keeper]) > 0.9
    assert abs(forget.c[-1, keeper]) > 5 and forget.entry[keeper] < 1e-4
    assert np.median(forget.f) < 0.7                                 # the other units forget fast
