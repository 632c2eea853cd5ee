"""Make tests/data/pytorch_rnn.npz and tests/data/keras_rnn.npz: two small foreign models, each
with the hidden states and outputs its own framework's equations give for one sentence, so that
tests/test_foreign_weights.py can check the engine reads them the same way without torch.

Needs real PyTorch: pip install torch==2.13.0. Run from anywhere:

    python scripts/make_pytorch_fixture.py

The export code in docs/weights.md is copied from the functions marked "docs/weights.md" below;
this script runs that code as written (in a temporary folder, so "model.npz" lands there) and
checks that the doc still holds it word for word.
"""

from __future__ import annotations

import inspect
import json
import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
DOC = ROOT / "docs" / "weights.md"

# V, H and O all differ, so a weight left untransposed is a shape error, never a silent match.
VOCAB = ["the", "cat", "sat", "on", "mat", "<unk>"]          # V = 6
TAGS = ["DET", "NOUN", "VERB", "ADP"]                         # O = 4
PYTORCH_SENTENCE = "the cat sat on the mat".split()
KERAS_SENTENCE = "the dog sat on the mat".split()             # "dog" is not in VOCAB: it reads as <unk>
PYTORCH_HIDDEN = 5
KERAS_HIDDEN = 7
KERAS_LABELS = ["negative", "neutral", "positive"]            # O = 3
KERAS_FOLD = "kernel = embeddings @ kernel   # (V, E) @ (E, H) = (V, H)\n"  # as run in check_embedding_fold


# The shape the app reads: attributes `rnn` and `out`, so the state_dict keys are rnn.weight_ih_l0,
# rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0, out.weight and out.bias. (docs/weights.md)
class Tagger(nn.Module):
    def __init__(self, V, H, O, cell=nn.RNN):   # nn.RNN, nn.GRU or nn.LSTM
        super().__init__()
        self.rnn = cell(V, H)       # one layer, with biases: the defaults (nn.RNN: tanh)
        self.out = nn.Linear(H, O)

    def forward(self, x):           # x: (T, V) one-hot rows, one per word
        hs, _ = self.rnn(x)         # (T, H); h_0 (and an LSTM's c_0) is zero, as in the app
        return hs, torch.softmax(self.out(hs), dim=-1)


class EmbeddingTagger(nn.Module):
    """The common variant the app does not read directly: an Embedding before the RNN."""

    def __init__(self, V: int, E: int, H: int, O: int):
        super().__init__()
        self.embedding = nn.Embedding(V, E)
        self.rnn = nn.RNN(E, H)
        self.out = nn.Linear(H, O)

    def forward(self, idx: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hs, _ = self.rnn(self.embedding(idx))
        return hs, torch.softmax(self.out(hs), dim=-1)


def hot_indices(words: list[str], vocab: list[str]) -> list[int]:
    """Each word's column; an unknown word takes <unk>'s, as the app does."""
    return [vocab.index(w) if w in vocab else vocab.index("<unk>") for w in words]


def one_hot(words: list[str], vocab: list[str]) -> np.ndarray:
    x = np.zeros((len(words), len(vocab)))
    x[np.arange(len(words)), hot_indices(words, vocab)] = 1.0
    return x


# ---- docs/weights.md: the export code, exactly as the doc shows it --------------------------

def export_pytorch(module, vocab, labels):
    np.savez("model.npz", **{k: v.numpy() for k, v in module.state_dict().items()},
             vocab=np.array(vocab), labels=np.array(labels))


def export_pytorch_embedding(module, vocab, labels):
    state = {k: v.numpy() for k, v in module.state_dict().items()}
    state["rnn.weight_ih_l0"] = (state.pop("embedding.weight") @ state["rnn.weight_ih_l0"].T).T
    np.savez("model.npz", **state, vocab=np.array(vocab), labels=np.array(labels))


def export_keras(kernel, recurrent_kernel, bias, dense_kernel, dense_bias, vocab, labels):
    np.savez("model.npz", **{
        "rnn.weight_ih_l0": kernel.T,            # (V, H) -> (H, V)
        "rnn.weight_hh_l0": recurrent_kernel.T,  # (H, H), transposed
        "rnn.bias_ih_l0": bias,                  # Keras has one bias...
        "rnn.bias_hh_l0": np.zeros_like(bias),   # ...so PyTorch's second one is zero
        "out.weight": dense_kernel.T,            # (H, O) -> (O, H)
        "out.bias": dense_bias,
    }, vocab=np.array(vocab), labels=np.array(labels))

# ---- end of the doc's code -----------------------------------------------------------------


def run_export(export, *args) -> dict[str, np.ndarray]:
    """Run an export function as written (it saves to ./model.npz) in a temporary folder."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            export(*args)
            with np.load("model.npz", allow_pickle=False) as npz:
                return {k: npz[k] for k in npz.files}
        finally:
            os.chdir(here)


def write_fixture(path: Path, arrays: dict[str, np.ndarray], sentence: list[str],
                  expected_h: np.ndarray, expected_y: np.ndarray, **extra: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, **arrays, sentence=np.array(sentence), expected_h=expected_h, expected_y=expected_y, **extra)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def engine_trace(arrays: dict[str, np.ndarray], sentence: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """h and y per step as the app computes them, when rnn_tui is importable."""
    from rnn_tui.engine import topology_by_name
    from rnn_tui.engine.trace import run
    from rnn_tui.engine.weights import from_arrays
    trace = run(from_arrays(arrays, "fixture"), sentence, topology_by_name("many-to-many"))
    return trace.hidden_states, np.stack([s.y for s in trace.steps])


def pytorch_fixture() -> None:
    torch.manual_seed(0)
    module = Tagger(len(VOCAB), PYTORCH_HIDDEN, len(TAGS)).eval()
    x = torch.tensor(one_hot(PYTORCH_SENTENCE, VOCAB), dtype=torch.float32)
    with torch.no_grad():
        hs, ys = module(x)
    arrays = run_export(export_pytorch, module, VOCAB, TAGS)
    assert sorted(k for k in arrays if "." in k) == sorted(module.state_dict()), arrays.keys()
    expected_h, expected_y = hs.numpy(), ys.numpy()   # float32, as PyTorch computed them
    write_fixture(DATA / "pytorch_rnn.npz", arrays, PYTORCH_SENTENCE, expected_h, expected_y)
    h, y = engine_trace(arrays, PYTORCH_SENTENCE)
    np.testing.assert_allclose(h, expected_h, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(y, expected_y, rtol=1e-5, atol=1e-6)


GATED_HIDDEN = 4   # with V = 6 and O = 4: 4H = 16 and 3H = 12 rows differ from every other size


def pytorch_gated_fixtures() -> None:
    """nn.GRU and nn.LSTM taggers, exported by the same code as nn.RNN's, with what PyTorch computed
    in float64: the engine must agree to rounding."""
    for name, cell in (("gru", nn.GRU), ("lstm", nn.LSTM)):
        torch.manual_seed(0)
        module = Tagger(len(VOCAB), GATED_HIDDEN, len(TAGS), cell=cell).double().eval()
        x = torch.tensor(one_hot(PYTORCH_SENTENCE, VOCAB))
        with torch.no_grad():
            hs, ys = module(x)
            c_n = module.rnn(x)[1][1].numpy()[0] if cell is nn.LSTM else None
        arrays = run_export(export_pytorch, module, VOCAB, TAGS)
        assert arrays["rnn.weight_hh_l0"].shape == ({"gru": 3, "lstm": 4}[name] * GATED_HIDDEN, GATED_HIDDEN)
        extra = {} if c_n is None else {"expected_c_last": c_n}
        write_fixture(DATA / f"pytorch_{name}.npz", arrays, PYTORCH_SENTENCE, hs.numpy(), ys.numpy(), **extra)
        h, y = engine_trace(arrays, PYTORCH_SENTENCE)
        np.testing.assert_allclose(h, hs.numpy(), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(y, ys.numpy(), rtol=1e-12, atol=1e-14)


def keras_fixture() -> None:
    """Keras' SimpleRNN + Dense, simulated: the weights as layer.get_weights() returns them
    (float32; SimpleRNN gives [kernel (V,H), recurrent_kernel (H,H), bias (H,)], Dense gives
    [kernel (H,O), bias (O,)]) and Keras' own equation, h_t = tanh(x_t W + h_{t-1} U + b),
    worked out in NumPy float64 from those float32 weights."""
    rng = np.random.default_rng(0)
    V, H, O = len(VOCAB), KERAS_HIDDEN, len(KERAS_LABELS)
    glorot = lambda n_in, n_out: rng.uniform(-1, 1, (n_in, n_out)) * np.sqrt(6 / (n_in + n_out))
    kernel = glorot(V, H).astype(np.float32)
    recurrent_kernel = np.linalg.qr(rng.normal(size=(H, H)))[0].astype(np.float32)  # orthogonal, as Keras starts it
    bias = rng.uniform(-0.3, 0.3, H).astype(np.float32)       # non-zero, as after training
    dense_kernel = glorot(H, O).astype(np.float32)
    dense_bias = rng.uniform(-0.3, 0.3, O).astype(np.float32)

    W, U, b = kernel.astype(np.float64), recurrent_kernel.astype(np.float64), bias.astype(np.float64)
    h = np.zeros(H)
    expected_h = []
    for x in one_hot(KERAS_SENTENCE, VOCAB):
        h = np.tanh(x @ W + h @ U + b)
        expected_h.append(h)
    expected_h = np.array(expected_h)
    expected_y = softmax(expected_h @ dense_kernel.astype(np.float64) + dense_bias.astype(np.float64))

    arrays = run_export(export_keras, kernel, recurrent_kernel, bias, dense_kernel, dense_bias,
                        VOCAB, KERAS_LABELS)
    write_fixture(DATA / "keras_rnn.npz", arrays, KERAS_SENTENCE, expected_h, expected_y)
    h, y = engine_trace(arrays, KERAS_SENTENCE)
    np.testing.assert_allclose(h, expected_h, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(y, expected_y, rtol=1e-9, atol=1e-12)


def check_embedding_fold() -> None:
    """Before the doc claims that an Embedding folds into W_ih, show it: the folded one-hot
    model gives what PyTorch's Embedding + RNN gives (and the same for Keras' matrices)."""
    torch.manual_seed(1)
    module = EmbeddingTagger(len(VOCAB), 3, PYTORCH_HIDDEN, len(TAGS)).eval()
    idx = torch.tensor(hot_indices(PYTORCH_SENTENCE, VOCAB))
    with torch.no_grad():
        hs, ys = module(idx)
    arrays = run_export(export_pytorch_embedding, module, VOCAB, TAGS)
    h, y = engine_trace(arrays, PYTORCH_SENTENCE)
    np.testing.assert_allclose(h, hs.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(y, ys.numpy(), rtol=1e-5, atol=1e-6)

    # Keras: Embedding(V, E) then SimpleRNN reads x_t = embeddings[i], and embeddings[i] @ kernel is
    # row i of embeddings @ kernel, so that (V, H) product is the one-hot model's kernel.
    rng = np.random.default_rng(1)
    V, E, H, O = len(VOCAB), 3, KERAS_HIDDEN, len(KERAS_LABELS)
    embeddings = rng.normal(size=(V, E)).astype(np.float32)
    kernel = rng.normal(size=(E, H)).astype(np.float32)
    recurrent_kernel = (rng.normal(size=(H, H)) / 3).astype(np.float32)
    bias = rng.normal(size=H).astype(np.float32)
    dense_kernel, dense_bias = rng.normal(size=(H, O)).astype(np.float32), rng.normal(size=O).astype(np.float32)
    f64 = lambda a: a.astype(np.float64)
    h, expected_h = np.zeros(H), []
    for i in hot_indices(KERAS_SENTENCE, VOCAB):    # Keras' own equation, with the lookup
        h = np.tanh(f64(embeddings)[i] @ f64(kernel) + h @ f64(recurrent_kernel) + f64(bias))
        expected_h.append(h)
    expected_y = softmax(np.array(expected_h) @ f64(dense_kernel) + f64(dense_bias))

    kernel = embeddings @ kernel   # (V, E) @ (E, H) = (V, H)
    arrays = run_export(export_keras, kernel, recurrent_kernel, bias, dense_kernel, dense_bias,
                        VOCAB, KERAS_LABELS)
    h, y = engine_trace(arrays, KERAS_SENTENCE)
    np.testing.assert_allclose(h, expected_h, rtol=1e-5, atol=1e-6)   # the product was taken in float32
    np.testing.assert_allclose(y, expected_y, rtol=1e-5, atol=1e-6)
    print("checked: an Embedding folds into W_ih (PyTorch and Keras)")


def check_doc() -> None:
    """The doc's code blocks must hold each export function's body word for word."""
    if not DOC.exists():
        print(f"note: {DOC.relative_to(ROOT)} not found; doc check skipped")
        return
    doc = DOC.read_text()
    pieces = {fn.__name__: textwrap.dedent("".join(inspect.getsourcelines(fn)[0][1:]))
              for fn in (export_pytorch, export_pytorch_embedding, export_keras)}
    pieces["class Tagger"] = inspect.getsource(Tagger)
    pieces["class Translator"] = inspect.getsource(Translator)
    assert KERAS_FOLD.strip() in inspect.getsource(check_embedding_fold), "KERAS_FOLD is not the line run"
    pieces["the Keras fold"] = KERAS_FOLD
    for what, code in pieces.items():
        if code not in doc:
            raise SystemExit(f"{DOC.relative_to(ROOT)}: the code of {what} is not in it word for word")
    print(f"checked: {DOC.relative_to(ROOT)} holds the export code as run here")


# An encoder-decoder as docs/weights.md describes it: the state_dict keys are encoder.*, decoder.*
# and out.*. Source and target vocabularies and the labels all differ in size.
SOURCE_VOCAB = ["hi", "my", "name", "is", "barry", "i", "love", "ai", "<unk>"]               # Vs = 9
TARGET_VOCAB = ["salut", "je", "m", "appelle", "barry", "j", "aime", "l", "ia", "<unk>"]   # Vt = 10
TARGET_LABELS = TARGET_VOCAB[:-1] + ["<eos>"]                                             # O = 10
SEQ2SEQ_SENTENCE = "hi my name is barry".split()
SEQ2SEQ_HIDDEN = 6


class Translator(nn.Module):
    def __init__(self, Vs, Vt, H, O):
        super().__init__()
        self.encoder = nn.RNN(Vs, H)
        self.decoder = nn.RNN(Vt, H)
        self.out = nn.Linear(H, O)


class ContextTranslator(nn.Module):
    """The shipped model's shape: the decoder reads [one-hot; the encoder's last state] at every step."""

    def __init__(self, Vs, Vt, H, O):
        super().__init__()
        self.encoder = nn.RNN(Vs, H)
        self.decoder = nn.RNN(Vt + H, H)
        self.out = nn.Linear(H, O)


class GatedTranslator(nn.Module):
    """The same encoder-decoder with nn.GRU or nn.LSTM halves: an LSTM hands over (h_n, c_n)."""

    def __init__(self, Vs, Vt, H, O, cell=nn.LSTM):
        super().__init__()
        self.encoder = cell(Vs, H)
        self.decoder = cell(Vt, H)
        self.out = nn.Linear(H, O)


def seq2seq_fixture() -> None:
    """Greedy decoding as PyTorch computes it: the encoder's last state starts the decoder, whose
    first input is zero and each next input the one-hot of the word it wrote, until <eos>."""
    write_seq2seq_fixture("pytorch_seq2seq.npz", Translator, reverse=False, context=False)


def seq2seq_context_fixture() -> None:
    """Reversed source and the context at every step (the shipped model's shape), decoded by PyTorch."""
    write_seq2seq_fixture("pytorch_seq2seq_context.npz", ContextTranslator, reverse=True, context=True)


def seq2seq_gated_fixtures() -> None:
    """GRU and LSTM encoder-decoders decoded by PyTorch: the LSTM's decoder starts from (h_n, c_n)."""
    for name, cell in (("gru", nn.GRU), ("lstm", nn.LSTM)):
        shape = lambda Vs, Vt, H, O, cell=cell: GatedTranslator(Vs, Vt, H, O, cell=cell)
        write_seq2seq_fixture(f"pytorch_seq2seq_{name}.npz", shape, reverse=False, context=False)


def write_seq2seq_fixture(name: str, shape: Callable[..., nn.Module], reverse: bool, context: bool) -> None:
    """The first seed whose untrained model writes 3 to 6 words, then <eos>, with what PyTorch computed."""
    for seed in range(1000):
        module, enc, dec_h, ys, written = greedy_pytorch(seed, shape, reverse, context)
        if 3 <= len(written) <= 6 and len(ys) == len(written) + 1:
            break
    meta = {"meta": np.array(json.dumps({"reverse_source": True, "context_every_step": True}))} if context else {}
    np.savez(DATA / name, **{k: v.numpy() for k, v in module.state_dict().items()},
             source_vocab=np.array(SOURCE_VOCAB), target_vocab=np.array(TARGET_VOCAB),
             labels=np.array(TARGET_LABELS), sentence=np.array(SEQ2SEQ_SENTENCE), **meta,
             expected_encoder_h=enc, expected_decoder_h=np.array(dec_h), expected_y=np.array(ys),
             expected_output=np.array(written))
    print(f"{name} (seed {seed}): {' '.join(SEQ2SEQ_SENTENCE)} -> {' '.join(written)} <eos>")


def greedy_pytorch(seed: int, shape: Callable[..., nn.Module], reverse: bool, context: bool):
    torch.manual_seed(seed)
    module = shape(len(SOURCE_VOCAB), len(TARGET_VOCAB), SEQ2SEQ_HIDDEN, len(TARGET_LABELS)).double().eval()
    source = list(reversed(SEQ2SEQ_SENTENCE)) if reverse else SEQ2SEQ_SENTENCE
    with torch.no_grad():
        enc, h = module.encoder(torch.tensor(one_hot(source, SOURCE_VOCAB)))  # an LSTM's h is (h_n, c_n)
        c = h  # (1, H): the encoder's last state, read beside every word when `context` (nn.RNN only)
        x = torch.zeros(1, len(TARGET_VOCAB), dtype=torch.float64)
        dec_h, ys, written = [], [], []
        for _ in range(8):
            out, h = module.decoder(torch.cat([x, c], dim=-1) if context else x, h)
            y = torch.softmax(module.out(out[-1]), dim=-1)
            dec_h.append(out[-1].numpy())
            ys.append(y.numpy())
            word = TARGET_LABELS[int(torch.argmax(y))]
            if word == "<eos>":
                break
            written.append(word)
            x = torch.tensor(one_hot([word], TARGET_VOCAB))
    return module, enc.numpy(), dec_h, ys, written


def main() -> None:
    print(f"torch {torch.__version__}, numpy {np.__version__}")
    pytorch_fixture()
    pytorch_gated_fixtures()
    seq2seq_fixture()
    seq2seq_context_fixture()
    seq2seq_gated_fixtures()
    keras_fixture()
    check_embedding_fold()
    check_doc()


if __name__ == "__main__":
    main()
