"""Make the foreign-model fixtures in tests/data/ and run every recipe of docs/weights.md and the
README as written, against real PyTorch and real Keras 3 (on its torch backend):

- pytorch_rnn.npz, pytorch_gru.npz, pytorch_lstm.npz: a tagger of each cell (nn.RNN, nn.GRU,
  nn.LSTM) exported by the doc's code, with what PyTorch computed for one sentence;
- pytorch_seq2seq*.npz: encoder-decoders (plain, reversed with the context at every step, GRU,
  LSTM) with PyTorch's greedy translation;
- keras_rnn.npz: Keras' SimpleRNN equation worked out in NumPy float64 (the engine must agree to
  1e-9); keras_gru.npz, keras_lstm.npz: real Keras GRU and LSTM models exported by the doc's code,
  with what Keras computed (float32);
- recipes.json: every Python block of docs/weights.md and README.md that was run here, by its
  SHA-256; tests/test_doc_recipes.py fails when a block in the docs is not among them.

Each doc block runs in a fresh namespace holding only what the text before it gives (`module`,
`model`, `vocab`, `labels`, and numpy as np, torch, nn, json), in a temporary folder, so a recipe
that needs a name it never defined fails here as it would for a reader. The tests read only the
.npz and .json files, so they need neither torch nor Keras.

Needs real PyTorch (pip install torch==2.13.0) and Keras 3 (pip install keras). Run from anywhere:

    python scripts/make_pytorch_fixture.py
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("KERAS_BACKEND", "torch")  # Keras 3 without TensorFlow

import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
DOC = ROOT / "docs" / "weights.md"
README = ROOT / "README.md"

# V, H and O all differ, so a weight left untransposed is a shape error, never a silent match.
VOCAB = ["the", "cat", "sat", "on", "mat", "<unk>"]          # V = 6
TAGS = ["DET", "NOUN", "VERB", "ADP"]                         # O = 4
PYTORCH_SENTENCE = "the cat sat on the mat".split()
KERAS_SENTENCE = "the dog sat on the mat".split()             # "dog" is not in VOCAB: it reads as <unk>
PYTORCH_HIDDEN = 5
GATED_HIDDEN = 4   # with V = 6 and O = 4: 4H = 16 and 3H = 12 rows differ from every other size
KERAS_HIDDEN = 7
KERAS_LABELS = ["negative", "neutral", "positive"]            # O = 3

RAN: list[dict[str, str]] = []   # every doc block run: what recipes.json records


# ---- the docs' code blocks, run as written -----------------------------------------------------

def python_blocks(path: Path) -> list[str]:
    """Every ```python block of a Markdown file, as written."""
    return re.findall(r"```python\n(.*?)```", path.read_text(), flags=re.S)


def block(path: Path, marker: str) -> str:
    """The one Python block of `path` that contains `marker`."""
    found = [b for b in python_blocks(path) if marker in b]
    if len(found) != 1:
        raise SystemExit(f"{path.relative_to(ROOT)}: {len(found)} Python blocks contain {marker!r}; expected 1")
    return found[0]


def run_block(path: Path, marker: str, checked: str, **names: Any) -> dict[str, Any]:
    """Run the block in a fresh namespace holding only `names` (and the usual imports), in a
    temporary folder; return the namespace, with the arrays of any .npz it saved under "saved"."""
    code = block(path, marker)
    namespace: dict[str, Any] = {"np": np, "torch": torch, "nn": nn, "json": json, **names}
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            exec(compile(code, f"{path.name}: the block with {marker!r}", "exec"), namespace)
            saved = {}
            for npz in Path(tmp).glob("*.npz"):
                with np.load(npz, allow_pickle=False) as f:
                    saved[npz.name] = {k: f[k] for k in f.files}
        finally:
            os.chdir(here)
    namespace["saved"] = saved
    RAN.append({"file": str(path.relative_to(ROOT)), "sha256": hashlib.sha256(code.encode()).hexdigest(),
                "first_line": code.splitlines()[0], "checked": checked})
    return namespace


def doc_class(marker: str, checked: str) -> Any:
    """A class the doc defines (class Tagger, class Translator), from its block as written."""
    name = marker.split()[1].split("(")[0]
    return run_block(DOC, marker, checked)[name]


# ---- helpers ---------------------------------------------------------------------------------

def hot_indices(words: list[str], vocab: list[str]) -> list[int]:
    """Each word's column; an unknown word takes <unk>'s, as the app does."""
    return [vocab.index(w) if w in vocab else vocab.index("<unk>") for w in words]


def one_hot(words: list[str], vocab: list[str]) -> np.ndarray:
    x = np.zeros((len(words), len(vocab)))
    x[np.arange(len(words)), hot_indices(words, vocab)] = 1.0
    return x


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def write_fixture(name: str, arrays: dict[str, np.ndarray], sentence: list[str],
                  expected_h: np.ndarray, expected_y: np.ndarray, **extra: np.ndarray) -> None:
    path = DATA / name
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, **arrays, sentence=np.array(sentence), expected_h=expected_h, expected_y=expected_y, **extra)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


def engine_trace(arrays: dict[str, np.ndarray], sentence: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """h and y per step as the app computes them."""
    from rnn_tui.engine import topology_by_name
    from rnn_tui.engine.trace import run
    from rnn_tui.engine.weights import from_arrays
    trace = run(from_arrays(arrays, "fixture"), sentence, topology_by_name("many-to-many"))
    return trace.hidden_states, np.stack([s.y for s in trace.steps])


def assert_engine_agrees(arrays: dict[str, np.ndarray], sentence: list[str], h: np.ndarray, y: np.ndarray,
                         tol: float) -> None:
    got_h, got_y = engine_trace(arrays, sentence)
    np.testing.assert_allclose(got_h, h, rtol=tol, atol=tol / 10)
    np.testing.assert_allclose(got_y, y, rtol=tol, atol=tol / 10)


# ---- PyTorch: a tagger of each cell ----------------------------------------------------------

class EmbeddingTagger(nn.Module):
    """The common variant the app does not read directly: an Embedding before the RNN."""

    def __init__(self, V: int, E: int, H: int, O: int, cell: type[nn.Module] = nn.RNN):
        super().__init__()
        self.embedding = nn.Embedding(V, E)
        self.rnn = cell(E, H)
        self.out = nn.Linear(H, O)

    def forward(self, idx: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hs, _ = self.rnn(self.embedding(idx))
        return hs, torch.softmax(self.out(hs), dim=-1)


def pytorch_fixtures() -> None:
    """The doc's Tagger with each cell, saved by the doc's export line. nn.RNN's is recorded in
    float32, as a user's model is; the gated ones in float64, so the engine must agree to rounding."""
    Tagger = doc_class("class Tagger(nn.Module)", "the PyTorch taggers below are this class")
    export = 'np.savez("model.npz", **{k: v.detach()'
    x = one_hot(PYTORCH_SENTENCE, VOCAB)
    for name, cell, hidden, dtype, tol in (("rnn", nn.RNN, PYTORCH_HIDDEN, torch.float32, 1e-5),
                                           ("gru", nn.GRU, GATED_HIDDEN, torch.float64, 1e-12),
                                           ("lstm", nn.LSTM, GATED_HIDDEN, torch.float64, 1e-12)):
        torch.manual_seed(0)
        module = Tagger(len(VOCAB), hidden, len(TAGS), cell=cell).to(dtype).eval()
        with torch.no_grad():
            hs, ys = module(torch.tensor(x, dtype=dtype))
            extra = {"expected_c_last": module.rnn(torch.tensor(x, dtype=dtype))[1][1].numpy()[0]} \
                if cell is nn.LSTM else {}
        arrays = run_block(DOC, export, "PyTorch nn.RNN, nn.GRU and nn.LSTM taggers: the app's h and y equal "
                           "PyTorch's", module=module, vocab=VOCAB, labels=TAGS)["saved"]["model.npz"]
        assert sorted(k for k in arrays if "." in k) == sorted(module.state_dict()), arrays.keys()
        write_fixture(f"pytorch_{name}.npz", arrays, PYTORCH_SENTENCE, hs.numpy(), ys.numpy(), **extra)
        assert_engine_agrees(arrays, PYTORCH_SENTENCE, hs.numpy(), ys.numpy(), tol)


def check_pytorch_embedding_fold() -> None:
    """The doc's fold gives what PyTorch's Embedding + RNN (or GRU, LSTM) gives."""
    for cell in (nn.RNN, nn.GRU, nn.LSTM):
        torch.manual_seed(1)
        module = EmbeddingTagger(len(VOCAB), 3, PYTORCH_HIDDEN, len(TAGS), cell=cell).double().eval()
        with torch.no_grad():
            hs, ys = module(torch.tensor(hot_indices(PYTORCH_SENTENCE, VOCAB)))
        ns = run_block(DOC, 'state.pop("embedding.weight")', "PyTorch Embedding + nn.RNN/nn.GRU/nn.LSTM, folded: "
                       "the app's h and y equal PyTorch's", module=module, vocab=VOCAB, labels=TAGS)
        assert_engine_agrees(ns["saved"]["model.npz"], PYTORCH_SENTENCE, hs.numpy(), ys.numpy(), 1e-12)
    print("checked: an Embedding folds into W_ih (PyTorch: RNN, GRU, LSTM)")


def check_readme_example() -> None:
    """The README's worked example, trained as written, then stepped through by the app."""
    ns = run_block(README, "module = Tagger(len(vocab), 8, len(labels))", "trained as written; the app's y equal "
                   "PyTorch's softmax at every word")
    with torch.no_grad():
        ys = torch.softmax(ns["module"](ns["x"]), dim=-1).numpy()
    _, y = engine_trace(ns["saved"]["model.npz"], ns["words"])
    np.testing.assert_allclose(y, ys, rtol=1e-5, atol=1e-6)
    assert [ns["labels"][i] for i in y.argmax(axis=1)] == ns["words"][1:] + ["<eos>"], "the example did not learn"
    print("checked: the README's worked example trains, saves and steps through")


# ---- Keras -----------------------------------------------------------------------------------

class StandIn:
    """A Keras model as far as the doc's code uses it: get_layer(name).get_weights()."""

    def __init__(self, **layers: list[np.ndarray]):
        self.layers = layers

    def get_layer(self, name: str) -> Any:
        weights = self.layers[name]
        return type("Layer", (), {"get_weights": lambda self: weights})()


def keras_rnn_fixture() -> None:
    """Keras' SimpleRNN + Dense, worked out in NumPy float64 from float32 weights as get_weights()
    returns them ([kernel (V,H), recurrent_kernel (H,H), bias (H,)] and [kernel (H,O), bias (O,)]),
    h_t = tanh(x_t W + h_{t-1} U + b): the engine must agree to 1e-9. (check_keras_models runs
    the same doc block on a real Keras model.)"""
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
    model = StandIn(rnn=[kernel, recurrent_kernel, bias], out=[dense_kernel, dense_bias])
    arrays = run_block(DOC, "# SimpleRNN\n", "Keras SimpleRNN: NumPy's float64 SimpleRNN (keras_rnn.npz) and a "
                       "real Keras model", model=model, vocab=VOCAB, labels=KERAS_LABELS)["saved"]["model.npz"]
    write_fixture("keras_rnn.npz", arrays, KERAS_SENTENCE, expected_h, expected_y)
    assert_engine_agrees(arrays, KERAS_SENTENCE, expected_h, expected_y, 1e-9)


def keras_model(layer: keras.layers.Layer, V: int, O: int, seed: int, embedding: int | None = None) -> keras.Model:
    """Input (T, V) one-hot rows (or word indices before an Embedding), the recurrent layer named
    "rnn", Dense(O, softmax) named "out"; every weight drawn at random (biases too, as after
    training), from a seed."""
    keras.utils.set_random_seed(seed)
    if embedding is None:
        inputs = keras.Input((None, V))
        x = inputs
    else:
        inputs = keras.Input((None,), dtype="int32")
        x = keras.layers.Embedding(V, embedding, name="embedding")(inputs)
    outputs = keras.layers.Dense(O, activation="softmax", name="out")(layer(x))
    model = keras.Model(inputs, outputs)
    rng = np.random.default_rng(seed)
    for lyr in model.layers:
        lyr.set_weights([rng.uniform(-0.6, 0.6, w.shape).astype(np.float32) for w in lyr.get_weights()])
    return model


def keras_outputs(model: keras.Model, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What Keras computes: the recurrent layer's h_t and the model's y_t, for one sentence."""
    hidden = keras.Model(model.inputs, model.get_layer("rnn").output)
    with warnings.catch_warnings():  # Keras 3.15 warns about the structure of a lone input tensor
        warnings.simplefilter("ignore", UserWarning)
        h = keras.ops.convert_to_numpy(hidden(x[None]))[0]
        y = keras.ops.convert_to_numpy(model(x[None]))[0]
    return h, y


KERAS_EXPORTS = {"simple_rnn": "# SimpleRNN\n", "gru": "# GRU: (V, 3H)", "lstm": "# LSTM: (V, 4H)"}


def check_keras_models() -> None:
    """Real Keras SimpleRNN, GRU and LSTM models, exported by the doc's blocks; the GRU and LSTM
    ones are kept as fixtures with what Keras computed (float32, so the tests allow its rounding)."""
    V, H, O = len(VOCAB), KERAS_HIDDEN, len(KERAS_LABELS)
    x = one_hot(KERAS_SENTENCE, VOCAB).astype(np.float32)
    layers = {"simple_rnn": lambda: keras.layers.SimpleRNN(H, return_sequences=True, name="rnn"),
              "gru": lambda: keras.layers.GRU(H, return_sequences=True, name="rnn"),
              "lstm": lambda: keras.layers.LSTM(H, return_sequences=True, name="rnn")}
    for name, make in layers.items():
        model = keras_model(make(), V, O, seed=3)
        h, y = keras_outputs(model, x)
        ns = run_block(DOC, KERAS_EXPORTS[name], f"a real Keras {name} model: the app's h and y equal Keras'",
                       model=model, vocab=VOCAB, labels=KERAS_LABELS)
        arrays = ns["saved"]["model.npz"]
        assert_engine_agrees(arrays, KERAS_SENTENCE, h, y, 1e-5)
        if name != "simple_rnn":
            write_fixture(f"keras_{name}.npz", arrays, KERAS_SENTENCE, h, y)
    # Keras' old GRU (reset_after=False) is not PyTorch's: the doc's code must stop on it.
    model = keras_model(keras.layers.GRU(H, return_sequences=True, name="rnn", reset_after=False), V, O, seed=3)
    try:
        run_block(DOC, KERAS_EXPORTS["gru"], "a Keras GRU with reset_after=False is refused", model=model,
                  vocab=VOCAB, labels=KERAS_LABELS)
    except AssertionError as e:
        assert "reset_after=False" in str(e)
    else:
        raise SystemExit("the doc's GRU export took a reset_after=False GRU")
    print("checked: Keras SimpleRNN, GRU and LSTM exports against real Keras", keras.__version__)


def check_keras_embedding_fold() -> None:
    """The doc's Keras fold, whole, against a real Keras Embedding + SimpleRNN (also with E = V,
    where a fold that was skipped would still load)."""
    V, H, O = len(VOCAB), KERAS_HIDDEN, len(KERAS_LABELS)
    idx = np.array(hot_indices(KERAS_SENTENCE, VOCAB), dtype=np.int32)
    for E in (3, V):
        model = keras_model(keras.layers.SimpleRNN(H, return_sequences=True, name="rnn"), V, O, seed=4, embedding=E)
        h, y = keras_outputs(model, idx)
        ns = run_block(DOC, 'model.get_layer("embedding")', "a real Keras Embedding + SimpleRNN (E = 3 and E = V): "
                       "the app's h and y equal Keras'", model=model, vocab=VOCAB, labels=KERAS_LABELS)
        assert_engine_agrees(ns["saved"]["model.npz"], KERAS_SENTENCE, h, y, 1e-5)
    print("checked: the Keras Embedding fold, run whole in a fresh namespace")


# ---- encoder-decoders ------------------------------------------------------------------------

# An encoder-decoder as docs/weights.md describes it: the state_dict keys are encoder.*, decoder.*
# and out.*. Source and target vocabularies and the labels all differ in size.
SOURCE_VOCAB = ["hi", "my", "name", "is", "barry", "i", "love", "ai", "<unk>"]               # Vs = 9
TARGET_VOCAB = ["salut", "je", "m", "appelle", "barry", "j", "aime", "l", "ia", "<unk>"]   # Vt = 10
TARGET_LABELS = TARGET_VOCAB[:-1] + ["<eos>"]                                             # O = 10
SEQ2SEQ_SENTENCE = "hi my name is barry".split()
SEQ2SEQ_HIDDEN = 6


class ContextTranslator(nn.Module):
    """The shipped model's shape: the decoder reads [one-hot; the encoder's last state] at every step."""

    def __init__(self, Vs, Vt, H, O):
        super().__init__()
        self.encoder = nn.RNN(Vs, H)
        self.decoder = nn.RNN(Vt + H, H)
        self.out = nn.Linear(H, O)


class GatedTranslator(nn.Module):
    """The doc's encoder-decoder with nn.GRU or nn.LSTM halves: an LSTM hands over (h_n, c_n)."""

    def __init__(self, Vs, Vt, H, O, cell=nn.LSTM):
        super().__init__()
        self.encoder = cell(Vs, H)
        self.decoder = cell(Vt, H)
        self.out = nn.Linear(H, O)


def seq2seq_fixtures() -> None:
    """Greedy decoding as PyTorch computes it: the encoder's last state starts the decoder, whose
    first input is zero and each next input the one-hot of the word it wrote, until <eos>."""
    Translator = doc_class("class Translator(nn.Module)", "pytorch_seq2seq.npz is this class, decoded by PyTorch")
    write_seq2seq_fixture("pytorch_seq2seq.npz", Translator, reverse=False, context=False)
    write_seq2seq_fixture("pytorch_seq2seq_context.npz", ContextTranslator, reverse=True, context=True)
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


def check_doc_decoding_and_save() -> None:
    """The doc's greedy loop (reversed source, the context at every step) and its save with the
    flags in meta, run as written; the app must write the same words."""
    from rnn_tui.engine.seq2seq import translate
    from rnn_tui.engine.weights import seq2seq_from_arrays
    for seed in range(1000):
        torch.manual_seed(seed)
        module = ContextTranslator(len(SOURCE_VOCAB), len(TARGET_VOCAB), SEQ2SEQ_HIDDEN, len(TARGET_LABELS)).eval()
        x = torch.tensor(one_hot(SEQ2SEQ_SENTENCE, SOURCE_VOCAB), dtype=torch.float32)
        with torch.no_grad():
            ns = run_block(DOC, "for _ in range(20):", "PyTorch's greedy decoding, reversed with the context: the app "
                           "writes the same words", module=module, x=x, Vt=len(TARGET_VOCAB), labels=TARGET_LABELS,
                           target_vocab=TARGET_VOCAB)
        RAN.pop()  # counted once, below, for the seed kept
        if 3 <= len(ns["written"]) <= 6:   # words, then <eos>
            break
    with torch.no_grad():
        run_block(DOC, "for _ in range(20):", "PyTorch's greedy decoding, reversed with the context: the app "
                  "writes the same words", module=module, x=x, Vt=len(TARGET_VOCAB), labels=TARGET_LABELS,
                  target_vocab=TARGET_VOCAB)
    saved = run_block(DOC, 'np.savez("translator.npz"', "the saved translator loads with its flags and translates "
                      "as PyTorch did", module=module, source_vocab=SOURCE_VOCAB, target_vocab=TARGET_VOCAB,
                      labels=TARGET_LABELS)["saved"]["translator.npz"]
    model = seq2seq_from_arrays(saved, "translator.npz")
    assert model.reverse_source and model.context_every_step
    assert list(translate(model, SEQ2SEQ_SENTENCE).output) == ns["written"], (ns["written"], seed)
    print(f"checked: the doc's greedy decoding and save (seed {seed}: {' '.join(ns['written'])})")


# ---- every block run -------------------------------------------------------------------------

def write_recipes() -> None:
    """recipes.json: each distinct block run, with what it was checked against."""
    unique: dict[str, dict[str, str]] = {}
    for r in RAN:
        unique.setdefault(r["sha256"], r)
    everything = {(p, b) for p in (DOC, README) for b in python_blocks(p)}
    missing = [f"{p.relative_to(ROOT)}: {b.splitlines()[0]}" for p, b in everything
               if hashlib.sha256(b.encode()).hexdigest() not in unique]
    if missing:
        raise SystemExit("blocks in the docs that were not run: " + "; ".join(missing))
    path = DATA / "recipes.json"
    path.write_text(json.dumps(sorted(unique.values(), key=lambda r: (r["file"], r["first_line"])), indent=1) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(unique)} blocks run as written")


def main() -> None:
    print(f"torch {torch.__version__}, keras {keras.__version__} ({keras.backend.backend()}), numpy {np.__version__}")
    pytorch_fixtures()
    check_pytorch_embedding_fold()
    check_readme_example()
    seq2seq_fixtures()
    check_doc_decoding_and_save()
    keras_rnn_fixture()
    check_keras_models()
    check_keras_embedding_fold()
    write_recipes()


if __name__ == "__main__":
    main()
