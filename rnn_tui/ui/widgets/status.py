"""The top line: scene, step, sentence and model, so a late-comer knows where we are. At 80
columns the model's details go first, then the sentence's end, each cut with "…"; the help
screen (`?`) has them whole."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.text import Text

from rnn_tui.ui.render.fit import Part, fit
from rnn_tui.ui.safe import printable
from rnn_tui.ui.scenes import position
from rnn_tui.ui.state.model_line import model_parts
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.widgets.pane import Pane


def sentence_shown(v: UnrollState) -> str:
    """The sentence as typed; in guess mode, only its words that give no answer away."""
    words = v.shown_words
    return v.text if words is None else " ".join(words + ("…",))


def where(said: str) -> list[Part | str]:
    """"│ sentence 1/3: ", whose "sentence " goes first at 80 columns."""
    word, _, rest = said.rpartition(" ")
    return ["│ ", Part(f"{word} ", cut=3, keep=0), f"{rest}: "] if word == "sentence" else [f"│ {said}: "]


class StatusLine(Pane):
    # "t=3/5" is written whole when the step changes, not the "3" alone: a few bytes more, and
    # the terminal's stream says where the class is (a session log, the lecture tests read it).
    WHOLE_SEGMENTS = True

    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        return (state.trace, state.cursor, state.hidden, state.where, state.text, state.guessing, self.size.width)

    def lines(self, v: UnrollState) -> Sequence[Text]:
        tr = v.trace
        halves = tr.source_vocab is not None
        name, size, cell, details = model_parts(tr.model, halves=halves)
        return [fit([
            Part(" rnn-tui ", style=self.style("current")), " {}/{} ".format(*position("unroll")),
            Part(f"│ t={v.step.t}/{len(tr.steps)} ", style=self.style("heading")),
            "│ guess mode " if v.guessing else "",
            *where(v.where), Part(printable(sentence_shown(v)), cut=5, keep=8),
            " │ ", Part("model ", cut=2, keep=0), Part(printable(name), cut=6, keep=8, style=self.style("heading")),
            # One cell is never cut (the c key changes it); "Elman encoder + decoder" may be.
            size, Part(cell, cut=4 if halves else 0, keep=1), Part(details, cut=1, keep=1),
        ], self.size.width)]
