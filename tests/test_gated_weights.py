"""GRU and LSTM weights in and out: PyTorch's state_dict names and stacked layout, the cell told
from the shapes, checked against what real PyTorch computed (tests/data/pytorch_{gru,lstm}.npz and
pytorch_seq2seq_{gru,lstm}.npz, made by scripts/make_pytorch_fixture.py in float64), and a wrong
shape said as the key, what was found and what each cell expects. No torch here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rnn_tui import cli
from rnn_tui.engine import InputError, Model, Params, Vocabulary, topology_by_name
from rnn_tui.engine.rnn import CellWeights
from rnn_tui.engine.seq2seq import Seq2Seq, translate
from rnn_tui.engine.trace import run
from rnn_tui.engine.weights import from_arrays, load, load_seq2seq, save, save_seq2seq, seq2seq_from_arrays

DATA = Path(__file__).resolve().parent / "data"


def reference(name: str) -> dict[str, np.ndarray]:
    with np.load(DATA / name, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_a_pytorch_gated_tagger_steps_as_pytorch_did(cell):
    ref = reference(f"pytorch_{cell}.npz")
    model = load(DATA / f"pytorch_{cell}.npz")
    assert model.cell == cell and model.hidden_size == 4
    trace = run(model, [str(w) for w in ref["sentence"]], topology_by_name("many-to-many"))
    np.testing.assert_allclose(trace.hidden_states, ref["expected_h"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose([s.y for s in trace.steps], ref["expected_y"], rtol=1e-12, atol=1e-14)
    if cell == "lstm":  # nn.LSTM's c_n: the memory cell the trace records at the last step
        np.testing.assert_allclose(trace.steps[-1].c, ref["expected_c_last"], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_a_pytorch_gated_encoder_decoder_translates_as_pytorch_did(cell):
    """An LSTM's decoder starts from the encoder's (h_n, c_n), as PyTorch's does."""
    path = DATA / f"pytorch_seq2seq_{cell}.npz"
    model, ref = load_seq2seq(path), reference(f"pytorch_seq2seq_{cell}.npz")
    assert model.cell == cell
    tr = translate(model, [str(w) for w in ref["sentence"]])
    np.testing.assert_allclose([s.h for s in tr.encoder], ref["expected_encoder_h"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose([s.h for s in tr.decoder], ref["expected_decoder_h"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(tr.y, ref["expected_y"], rtol=1e-12, atol=1e-14)
    assert tr.output == tuple(str(w) for w in ref["expected_output"]) and len(tr.output) >= 2


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_the_cli_traces_a_pytorch_gated_model(cell, capsys):
    ref = reference(f"pytorch_{cell}.npz")
    code = cli.main(["trace", "--weights", str(DATA / f"pytorch_{cell}.npz"), "--text", " ".join(ref["sentence"]),
                     "--topology", "many-to-many", "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    h = np.array([s["h"] for s in json.loads(out.out)["steps"]])
    np.testing.assert_allclose(h, ref["expected_h"], atol=1e-6)   # the JSON rounds to 6 decimals


@pytest.mark.parametrize("cell", ["elman", "gru", "lstm"])
def test_save_and_load_keep_the_cell_and_every_weight(tmp_path, cell):
    model = Model(Params.init(3, 4, 2, seed=1, cell=cell), Vocabulary(("a", "b", "<unk>")), ("neg", "pos"),
                  name="m", trained_for="many-to-one")
    back = load(save(model, tmp_path / "m.npz"))
    assert back.cell == cell
    for a, b in zip(model.params.arrays(), back.params.arrays(), strict=True):
        np.testing.assert_array_equal(a, b)
    with np.load(tmp_path / "m.npz") as npz:   # PyTorch's names: a state_dict loads it as it is
        assert npz["rnn.weight_ih_l0"].shape == ({"elman": 1, "gru": 3, "lstm": 4}[cell] * 4, 3)


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_save_and_load_a_gated_encoder_decoder(tmp_path, cell):
    src, tgt = Vocabulary(("hi", "<unk>")), Vocabulary(("salut", "<unk>"))
    model = Seq2Seq(CellWeights.init(2, 3, seed=0, cell=cell), Params.init(2, 3, 2, seed=1, cell=cell), src, tgt,
                    ("salut", "<eos>"))
    back = load_seq2seq(save_seq2seq(model, tmp_path / "s.npz"))
    assert back.cell == cell
    np.testing.assert_array_equal(back.decoder.W_hh, model.decoder.W_hh)


def lstm_arrays() -> dict[str, np.ndarray]:
    """An LSTM with V = 3, H = 4, O = 2 as a state_dict would hold it."""
    p = Params.init(3, 4, 2, seed=0, cell="lstm")
    return {"rnn.weight_ih_l0": p.W_ih, "rnn.weight_hh_l0": p.W_hh, "rnn.bias_ih_l0": p.b_ih,
            "rnn.bias_hh_l0": p.b_hh, "out.weight": p.W_out, "out.bias": p.b_out,
            "vocab": np.array(["a", "b", "<unk>"])}


def error(arrays: dict[str, np.ndarray]) -> str:
    with pytest.raises(InputError) as e:
        from_arrays(arrays, "m.npz")
    assert "\n" not in str(e.value)
    return str(e.value)


@pytest.mark.parametrize("key, bad, found, expected", [
    ("rnn.weight_ih_l0", np.zeros((12, 3)), "(12, 3)", "(16, 3)"),   # a GRU's rows under an LSTM's W_hh
    ("rnn.weight_ih_l0", np.zeros((3, 16)), "(3, 16)", "(16, 3)"),   # Keras' kernel, not transposed
    ("rnn.bias_ih_l0", np.zeros(4), "(4,)", "(16,)"),                # one block of four
    ("rnn.bias_hh_l0", np.zeros(12), "(12,)", "(16,)"),
])
def test_a_wrong_gated_shape_names_the_key_and_what_each_cell_expects(key, bad, found, expected):
    message = error({**lstm_arrays(), key: bad})
    assert f"key {key!r} has shape {found}; expected {expected}" in message
    assert "makes it an LSTM with H=4" in message and "Elman 4, GRU 12, LSTM 16 rows" in message


@pytest.mark.parametrize("shape", [(8, 4), (10, 4), (4, 3), (16,)])
def test_a_weight_hh_of_no_cell_is_refused(shape):
    message = error({**lstm_arrays(), "rnn.weight_hh_l0": np.zeros(shape)})
    assert f"key 'rnn.weight_hh_l0' has shape {shape}; expected (H, H) for an Elman cell (nn.RNN), " \
           "(3H, H) for a GRU or (4H, H) for an LSTM" in message


def test_an_encoder_and_decoder_of_different_cells_are_refused():
    gru, lstm = CellWeights.init(2, 3, seed=0, cell="gru"), Params.init(2, 3, 2, seed=1, cell="lstm")
    arrays = {**{f"encoder.{k}": v for k, v in zip(("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"),
                                                   gru.arrays(), strict=True)},
              **{f"decoder.{k}": v for k, v in zip(("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"),
                                                   lstm.arrays()[:4], strict=True)},
              "out.weight": lstm.W_out, "out.bias": lstm.b_out, "source_vocab": np.array(["hi", "<unk>"]),
              "target_vocab": np.array(["salut", "<unk>"]), "labels": np.array(["salut", "<eos>"])}
    with pytest.raises(InputError, match=r"key 'decoder.weight_hh_l0' has shape \(12, 3\); expected \(9, 3\)"):
        seq2seq_from_arrays(arrays, "s.npz")


def test_an_lstm_projection_is_refused():
    """nn.LSTM(proj_size=...) adds weight_hr_l0: stepping without it would show the wrong numbers."""
    message = error({**lstm_arrays(), "rnn.weight_hr_l0": np.zeros((2, 4))})
    assert "'rnn.weight_hr_l0'" in message and "one layer, one direction" in message


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_the_cli_trains_a_gated_model_that_trace_reads(cli, tmp_path, cell):
    out_path = tmp_path / "m.npz"
    code, _, err = cli("train", "--task", "next-word", "--cell", cell, "--epochs", "3", "--hidden", "5",
                       "--out", str(out_path))
    assert code == 0, err
    model = load(out_path)
    assert model.cell == cell and model.hidden_size == 5
    code, out, _ = cli("trace", "--text", "hi my name", "--topology", "many-to-many", "--weights", str(out_path),
                       "--format", "json")
    assert code == 0 and [len(s["h"]) for s in json.loads(out)["steps"]] == [5, 5, 5]


def test_the_cli_refuses_an_unknown_cell(cli, tmp_path):
    from helpers import assert_one_line_error
    code, _, err = cli("train", "--task", "next-word", "--cell", "rnn", "--out", str(tmp_path / "m.npz"))
    assert_one_line_error(code, err, "--cell", "'rnn'", "elman")


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_a_keras_gated_model_steps_as_keras_did(cell):
    """Real Keras 3 GRU / LSTM models exported by docs/weights.md's code (Keras' z, r, h gates
    reordered, its two GRU biases, the kernels transposed), against what Keras computed in float32."""
    ref = reference(f"keras_{cell}.npz")
    model = load(DATA / f"keras_{cell}.npz")
    assert model.cell == cell
    trace = run(model, [str(w) for w in ref["sentence"]], topology_by_name("many-to-many"))
    np.testing.assert_allclose(trace.hidden_states, ref["expected_h"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose([s.y for s in trace.steps], ref["expected_y"], rtol=1e-5, atol=1e-6)
