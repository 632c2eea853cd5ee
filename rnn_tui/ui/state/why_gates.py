"""Words for the Gradients scene's comparison of the three cells (`c`): the caption a lecturer
reads aloud at k steps back, and the lines under the chart. The figures are the engine's
(`rnn_tui.engine.why_gates`); this only words them."""

from __future__ import annotations

from rnn_tui.engine.why_gates import GateLesson
from rnn_tui.ui.state.wording import count


def accuracies(lesson: GateLesson) -> str:
    """ "Elman 48.5%, GRU 100%, LSTM 100%": each model's accuracy on the memory task's test split."""
    return ", ".join(f"{c.name} {100 * lesson.accuracy[c.cell]:.3g}%" for c in lesson.survival.cells)


def shares(lesson: GateLesson, k: int) -> str:
    """What reaches the word k steps back in each cell, in words: "Elman passes about 1.1% of what
    reaches the last word, GRU about 4%, LSTM about 1%"."""
    elman, gru, lstm = (c.said(k) for c in lesson.survival.cells)
    return f"Elman passes {elman} what reaches the last word, GRU {_short(gru)}, LSTM {_short(lstm)}"


def _short(said: str) -> str:
    """ "about 4% of" -> "about 4%": the first share has said what it is of."""
    return said.removesuffix(" of")


def caption(lesson: GateLesson, k: int) -> str:
    d, word = lesson.deciding_back, lesson.words[lesson.deciding]
    if k == 0:
        return (f"Memory task: {word!r}, {count(d, 'word')} before the end, decides the label. Test accuracy "
                f"{accuracies(lesson)}. A gradient enters each at the last word: → walks it back.")
    if k != d:
        return f"{count(k, 'step')} back: {shares(lesson, k)}."
    keeper = lesson.forget.keepers(k)[0]
    return (f"The deciding word {word!r}, {d} back: {shares(lesson, k)} (its unit {keeper + 1} keeps c, "
            "but c is so big that tanh is flat: little gets in).")
