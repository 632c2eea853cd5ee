"""The code that builds a model in Keras and in PyTorch, written from its real sizes: what the
lecture's practical demo types, for the model on screen. The PyTorch module's state_dict has the
keys and shapes of the app's weight files (rnn.*, out.*; see docs/weights.md), so its weights
load with `--weights`; Keras keeps one bias where PyTorch has two, so it counts H fewer."""

from __future__ import annotations

from rnn_tui.engine.rnn import Model

LANGUAGES = ("keras", "pytorch")


def sizes_lines(model: Model) -> list[str]:
    """The sizes, said once, at the top of either snippet: what they count, then their values."""
    p, vocab = model.params, model.vocab
    known = set(vocab.words)  # vocab.words is a new tuple each time: built once, not once per token
    specials = [t for t in vocab.tokens if t not in known]
    words = f"{len(known):,} words" + "".join(f" + {t}" for t in specials[:2])
    labels = ", ".join(model.labels) if len(model.labels) <= 3 else f"{len(model.labels):,} labels"
    return [f"# vocabulary: {words}; hidden units; outputs: {labels}",
            f"V, H, O = {p.input_size}, {p.hidden_size}, {p.output_size}"]


def answers_at_last_word(model: Model) -> bool:
    """A many-to-one model answers after the last word; any other at every step."""
    return model.trained_for == "many-to-one"


def keras_params(model: Model) -> int:
    """Keras's count: SimpleRNN has one bias of H where nn.RNN has two."""
    return model.params.count - model.hidden_size


def keras_code(model: Model) -> str:
    last = answers_at_last_word(model)
    rnn = (['    layers.SimpleRNN(H, name="rnn"),  # h_t = tanh(x_t W + h_t-1 U + b)'] if last else
           ["    # h_t = tanh(x_t W + h_t-1 U + b), every h_t passed on",
            '    layers.SimpleRNN(H, return_sequences=True, name="rnn"),'])
    what = "after the last word" if last else "at every step"
    return "\n".join([
        "import keras",
        "from keras import layers",
        "",
        *sizes_lines(model),
        "model = keras.Sequential([",
        "    keras.Input(shape=(None, V)),  # T one-hot rows, any T",
        *rnn,
        f'    layers.Dense(O, activation="softmax", name="out"),  # {what}',
        "])",
        f"model.summary()  # {keras_params(model):,} parameters (one RNN bias: H fewer than PyTorch)",
    ])


def pytorch_code(model: Model) -> str:
    last = answers_at_last_word(model)
    name = "Classifier" if last else "Tagger"
    out = ("return self.out(h_T[0])  # an answer after the last word" if last
           else "return self.out(hs)      # an output at every step")
    return "\n".join([
        "import torch",
        "from torch import nn",
        "",
        *sizes_lines(model),
        "",
        f"class {name}(nn.Module):",
        "    def __init__(self):",
        "        super().__init__()",
        "        self.rnn = nn.RNN(V, H, batch_first=True)  # tanh, two biases",
        "        self.out = nn.Linear(H, O)  # W_out, b_out; softmax in the loss",
        "",
        "    def forward(self, x):        # x: (batch, T, V), one-hot rows",
        "        hs, h_T = self.rnn(x)    # h_0 = 0, as in the app",
        f"        {out}",
        "",
        f"model = {name}()",
        f"print(sum(p.numel() for p in model.parameters()))  # {model.params.count:,}",
    ])


def model_code(model: Model, language: str) -> str:
    if language == "keras":
        return keras_code(model)
    if language == "pytorch":
        return pytorch_code(model)
    raise ValueError(f"unknown language {language!r}: one of {', '.join(LANGUAGES)}")
