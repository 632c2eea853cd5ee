"""The code the Sentiment scene shows (`c`): Keras and PyTorch, written from the model's real sizes.
It must be Python that builds that model: compiled here, and, where torch is installed, run, its
state_dict checked against the engine's weights key by key and shape by shape."""

from __future__ import annotations

import ast

import pytest

from rnn_tui.engine.model_code import LANGUAGES, keras_params, model_code
from rnn_tui.engine.models import load_model
from rnn_tui.engine.weights import KEYS
from rnn_tui.ui.state.sentiment import make_state

MODELS = ("sentiment", "lecture-next-word", "lecture-labels")


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_code_is_python_with_the_models_real_sizes(name, language):
    model = load_model(name)
    p = model.params
    code = model_code(model, language)
    tree = ast.parse(code)  # valid Python
    sizes = next(n for n in tree.body if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Tuple))
    assert [t.id for t in sizes.targets[0].elts] == ["V", "H", "O"]
    assert [c.value for c in sizes.value.elts] == [p.input_size, p.hidden_size, p.output_size]
    assert all(len(line) <= 78 for line in code.splitlines())  # it fits the board at 80 columns
    count = keras_params(model) if language == "keras" else p.count
    assert f"# {count:,}" in code
    many_to_one = model.trained_for == "many-to-one"
    if language == "keras":
        assert ("return_sequences=True" in code) != many_to_one
        assert keras_params(model) == p.count - p.hidden_size  # one bias, not two
    else:
        assert ("h_T[0]" in code) == many_to_one


def test_the_sentiment_models_sizes():
    code = model_code(load_model("sentiment"), "keras")
    assert "V, H, O = 1054, 32, 2" in code and "1,053 words + <unk>" in code and "negative, positive" in code
    assert "34,850 parameters" in code


@pytest.mark.parametrize("name", MODELS)
def test_the_pytorch_module_has_the_engines_weights_keys_and_shapes(name):
    torch = pytest.importorskip("torch")
    model = load_model(name)
    scope: dict[str, object] = {}
    exec(model_code(model, "pytorch"), scope)  # noqa: S102 - our own generated code
    module = scope["model"]
    state = module.state_dict()
    assert {k: tuple(v.shape) for k, v in state.items()} == {
        k: getattr(model.params, field).shape for k, field in KEYS.items()}
    # with the engine's weights loaded, it gives the engine's answer
    module.double()  # float64, as the engine, before the weights go in
    module.load_state_dict({k: torch.tensor(getattr(model.params, f)) for k, f in KEYS.items()})
    from rnn_tui.engine.rnn import logits
    from rnn_tui.engine.topologies import topology_by_name
    from rnn_tui.engine.trace import run
    words = ["this", "movie", "was", "good"] if name == "sentiment" else ["hi", "my", "name"]
    top = topology_by_name("many-to-one" if model.trained_for == "many-to-one" else "many-to-many")
    trace = run(model, words, top)
    x = torch.zeros(1, len(words), model.vocab.size, dtype=torch.float64)
    for t, i in enumerate(model.vocab.encode(words)):
        x[0, t, i] = 1.0
    out = module(x).detach().numpy()
    expected = logits(model.params, trace.steps[-1].h)
    got = out[0] if out.ndim == 2 else out[0, -1]
    assert got == pytest.approx(expected, abs=1e-9)


def test_c_cycles_keras_pytorch_and_back_to_the_demo():
    state = make_state(None, None)
    assert state.code is None and state.code_text == ""
    keras = state.next_code()
    assert keras.code == "keras" and keras.code_text.startswith("import keras")
    assert keras.caption.startswith("The model on screen in Keras, from its real sizes: V = 1,054, H = 32, O = 2")
    torch_state = keras.next_code()
    assert torch_state.code == "pytorch" and "nn.RNN(V, H, batch_first=True)" in torch_state.code_text
    assert torch_state.next_code().code is None
