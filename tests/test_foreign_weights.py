"""Weights made by other frameworks step through the app exactly as they run there.

The fixtures in tests/data/ were made by scripts/make_pytorch_fixture.py with real PyTorch
(and Keras' SimpleRNN equation worked out in NumPy); each holds the model's weights under the
app's key names plus the framework's own reference outputs for one sentence. These tests read
only the .npz files, so they need no torch.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from rnn_tui import cli
from rnn_tui.engine import InputError, topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.engine.weights import load

DATA = Path(__file__).resolve().parent / "data"

# PyTorch computed its reference in float32, so allow float32 rounding. The Keras reference was
# worked out in float64 from the same float32 weights the engine reads, so it must agree closely.
FIXTURES = {
    "pytorch_rnn.npz": dict(rtol=1e-5, atol=1e-6),
    "keras_rnn.npz": dict(rtol=1e-9, atol=1e-12),
}


def _reference(name: str) -> dict[str, np.ndarray]:
    with np.load(DATA / name, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


@pytest.mark.parametrize("name", FIXTURES)
def test_every_step_matches_the_framework(name):
    ref = _reference(name)
    model = load(DATA / name)
    sentence = [str(w) for w in ref["sentence"]]
    trace = run(model, sentence, topology_by_name("many-to-many"))

    assert model.vocab.tokens == tuple(ref["vocab"])
    assert model.labels == tuple(ref["labels"])
    assert len(trace) == len(sentence) == len(ref["expected_h"])
    tol = FIXTURES[name]
    for t, step in enumerate(trace.steps):
        np.testing.assert_allclose(step.h, ref["expected_h"][t], **tol, err_msg=f"{name}: h at step {t + 1}")
        np.testing.assert_allclose(step.y, ref["expected_y"][t], **tol, err_msg=f"{name}: y at step {t + 1}")
        assert step.predicted == int(np.argmax(ref["expected_y"][t]))
    # The recurrence threads through: each step starts from the previous step's h.
    np.testing.assert_array_equal(trace.steps[0].h_prev, np.zeros(model.hidden_size))
    for before, after in pairwise(trace.steps):
        np.testing.assert_array_equal(after.h_prev, before.h)


def test_an_unknown_word_reads_as_unk_as_in_the_reference():
    # The Keras fixture's sentence has "dog", which its vocabulary lacks; the reference fed
    # <unk>'s one-hot there, and the engine must pick the same column.
    ref = _reference("keras_rnn.npz")
    sentence = [str(w) for w in ref["sentence"]]
    assert "dog" in sentence and "dog" not in set(ref["vocab"])
    trace = run(load(DATA / "keras_rnn.npz"), sentence, topology_by_name("many-to-many"))
    step = trace.steps[sentence.index("dog")]
    assert step.input_token == "<unk>"
    assert step.x_index == list(ref["vocab"]).index("<unk>")


@pytest.mark.parametrize("name", FIXTURES)
def test_cli_trace_prints_the_same_hidden_states(name, capsys):
    ref = _reference(name)
    sentence = [str(w) for w in ref["sentence"]]
    text = " ".join(sentence).capitalize() + "."   # the CLI lowercases and drops punctuation
    code = cli.main(["trace", "--weights", str(DATA / name), "--text", text,
                     "--topology", "many-to-many", "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    report = json.loads(out.out)
    assert [s["input_token"] for s in report["steps"]] == [w if w in set(ref["vocab"]) else "<unk>" for w in sentence]
    # The JSON rounds to 6 decimals: allow that on top of float32 rounding.
    h = np.array([s["h"] for s in report["steps"]])
    y = np.array([s["y"] for s in report["steps"]])
    np.testing.assert_allclose(h, ref["expected_h"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(y, ref["expected_y"], rtol=1e-5, atol=1e-6)
    assert report["output"] == [str(ref["labels"][i]) for i in np.argmax(ref["expected_y"], axis=1)]


# ---- an encoder-decoder from PyTorch: two nn.RNN and an nn.Linear --------------------------

@pytest.mark.parametrize("fixture", ["pytorch_seq2seq.npz", "pytorch_seq2seq_context.npz"])
def test_a_pytorch_encoder_decoder_translates_as_pytorch_did(fixture):
    """Two nn.RNN and an nn.Linear; the second fixture reads its source backwards and feeds the
    encoder's last state to every decoder step (nn.RNN(Vt + H, H)), as the shipped model does."""
    from rnn_tui.engine.seq2seq import translate
    from rnn_tui.engine.weights import load_seq2seq

    path = DATA / fixture
    model = load_seq2seq(path)
    ref = np.load(path)
    tr = translate(model, [str(w) for w in ref["sentence"]])
    np.testing.assert_allclose([s.h for s in tr.encoder], ref["expected_encoder_h"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose([s.h for s in tr.decoder], ref["expected_decoder_h"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(tr.y, ref["expected_y"], rtol=1e-12, atol=1e-14)
    assert tr.output == tuple(str(w) for w in ref["expected_output"]) and len(tr.output) >= 2


def test_an_encoder_decoder_file_is_not_read_as_a_plain_rnn():
    from rnn_tui.engine.weights import load

    with pytest.raises(InputError, match="encoder-decoder"):
        load(DATA / "pytorch_seq2seq.npz")
