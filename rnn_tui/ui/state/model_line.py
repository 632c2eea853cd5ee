"""How a scene names the model it uses: its name, cell, hidden size and what it was trained for,
in parts a title line can cut in order (the details first, the name last). No Textual here."""

from __future__ import annotations

from rnn_tui.engine.rnn import Model

CELLS = {"elman": "Elman", "gru": "GRU", "lstm": "LSTM"}


def cell_name(model: Model) -> str:
    """The model's cell as the lecture names it: Elman, GRU or LSTM."""
    return CELLS.get(model.cell, model.cell)


def trained(model: Model) -> str:
    return "untrained (random, seeded)" if model.trained_for is None else f"trained for {model.trained_for}"


def model_parts(model: Model, halves: bool = False) -> tuple[str, str, str, str]:
    """(name, " (H=8", ", Elman", ", trained for many-to-many)"): a title line cuts the last parts
    first. `halves`: an encoder and a decoder, each with weights of its own."""
    cell = f"{cell_name(model)} encoder + decoder" if halves else cell_name(model)
    return model.name, f" (H={model.hidden_size}", f", {cell}", f", {trained(model)})"


def model_line(model: Model, halves: bool = False) -> str:
    """The whole line, for the help screen: "lecture-next-word (H=8, Elman, trained for many-to-many)"."""
    return "".join(model_parts(model, halves))
