"""Scene 7: the five topologies side by side, then one of them stepped through on the session's
sentence with real numbers: what goes in, h_t, and what comes out (or that nothing does)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from rnn_tui.engine.topologies import FEEDBACK, NOTHING, TOPOLOGIES, WORD, Topology
from rnn_tui.engine.trace import Step, Trace
from rnn_tui.ui.render.bars import fmt
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.topologies import TopologiesState, make_state
from rnn_tui.ui.state.wording import percent

# The lecture slide's example task under each diagram, in lines that fit a narrow column.
TASKS = {
    "one-to-one": ("image", "classification"),
    "one-to-many": ("image to", "caption"),
    "many-to-one": ("sentiment",),
    "many-to-many": ("tagging",),
    "encoder-decoder": ("translation",),
}
# How a step's input reads in the diagrams and the table.
INPUT_MARK = {WORD: "x", FEEDBACK: "↻", NOTHING: "·"}
SCHEMATIC_WORDS, SCHEMATIC_GEN = 3, 3  # the diagrams' length: 3 words in, 3 generated
UNITS = 4          # hidden units shown per step at least; a taller terminal shows more, up to all of them
OTHER_ROWS = 5     # the chain's rows that are not units: its head line, t, x, y and P(y)
AROUND_CHAIN = 14  # the title, the diagrams and their margin, a two-line caption, the Footer
LABEL_WIDTH = 6    # the table's row names


def diagram(top: Topology) -> list[str]:
    """The topology's schedule as five rows: y, ↑, h→h→h, ↑, input (x, ↻ or ·).
    Made from the engine's schedule, so it cannot disagree with what the trace does."""
    plan = top.schedule(SCHEMATIC_WORDS, SCHEMATIC_GEN)
    ys = " ".join("y" if p.output else " " for p in plan)
    up_y = " ".join("↑" if p.output else " " for p in plan)
    hs = "→".join("h" for _ in plan)
    up_x = " ".join(" " if p.source == NOTHING else "↑" for p in plan)
    xs = " ".join(INPUT_MARK[p.source] for p in plan)
    return [ys, up_y, hs, up_x, xs]


class DiagramsBoard(Board):
    """Five small unrolled pictures in one row; the chosen one is lit."""

    def render(self) -> Text:
        if self.state is None:
            return Text("")
        blocks = []
        for top in TOPOLOGIES:
            current = top.name == self.state.topology.name
            head = Text(f"{top.key} {top.name}", self.style("current" if current else "heading"))
            body = [Text(row, self.style("hot") if current else "") for row in diagram(top)]
            task = TASKS[top.name]
            foot = [Text(line, self.style("hot") if current else "") for line in task]
            if top.name in self.state.refusals:  # this model cannot run it: the chain below says why
                foot = [Text("✗ refused", self.style("hot"))]
            foot += [Text("")] * (2 - len(foot))
            blocks.append([head, *body, *foot])
        widths = [max(t.cell_len for t in block) for block in blocks]
        room = max(self.size.width, sum(widths) + len(widths) - 1)
        gap = min(4, (room - sum(widths)) // (len(widths) - 1))
        lines = []
        for r in range(len(blocks[0])):
            line = Text(no_wrap=True, overflow="crop")
            for i, block in enumerate(blocks):
                cell = block[r]
                line.append_text(cell)
                if i < len(blocks) - 1:
                    line.append(" " * (widths[i] - cell.cell_len + gap))
            lines.append(line)
        legend = Text("x reads a word  ↻ reads its own last output  · reads nothing  y output read",
                      self.style("muted"), no_wrap=True, overflow="ellipsis")
        board = Text("\n").join(lines + [legend])
        board.no_wrap = True
        return board


class ChainBoard(Board):
    """The chosen topology unrolled over the session's sentence: a column per step with the
    input, the first units of h_t, and the output label and probability where one is read.
    Steps after the current one show only what they will read and whether they will output."""

    def render(self) -> Text:
        state: TopologiesState | None = self.state
        if state is None:
            return Text("")
        trace = state.trace
        model = trace.model
        head = Text(no_wrap=True, overflow="ellipsis")
        note = state.note
        if state.refused:  # a classifier cannot write words: the one line why, and no chain
            return user_text(f"⚠ {state.refused}", self.style("hot"))
        if note:
            head.append(f"⚠ {note}", self.style("hot"))
        else:
            head.append_text(user_text(f"weights: {model.name}, trained for {model.trained_for}", self.style("muted")))
        units = self._units(model.hidden_size)
        names = ["t", "x", *[f"h[{j + 1}]" for j in range(units)], "y", "P(y)"]
        cursor = state.cursor  # step 0 is the overview: no column is current yet
        # The widths of the steps that can be on screen: a column takes at least 7 cells, and a long
        # sentence's later steps are not computed until shown (engine/records.py).
        seen = max(cursor, 0) + 2 + max(0, self.size.width - LABEL_WIDTH) // 7
        widths = [self._width(trace, s) for s in trace.steps[:seen]]
        window = self._window(widths, max(cursor, 0), self.size.width - LABEL_WIDTH)
        if window.start > 0:
            names[0] = "t …"
        rows = [Text(no_wrap=True, overflow="crop") for _ in names]
        for row, name in zip(rows, names, strict=True):
            row.append(name.ljust(LABEL_WIDTH), self.style("heading"))
        for i in window:
            s = trace.steps[i]
            w = widths[i]
            past = i <= cursor
            style = self.style("current") if i == cursor else None if past else self.style("future")
            cells = [str(s.t), self._input(s)]
            for j in range(units):
                cells.append(fmt(s.h[j]) if past else "")
            k, sure = s.predicted, s.confidence  # kept for every step: no output layer to compute
            if k is not None and sure is not None:  # s.has_output
                cells += [model.labels[k], percent(sure)] if past else ["y", "?"]
            else:
                cells += ["no", "output"]
            for r, (row, cell) in enumerate(zip(rows, cells, strict=True)):
                cell_style = style
                if past and 2 <= r < 2 + units and i != cursor:
                    cell_style = self.signed(s.h[r - 2])
                row.append(" ")
                row.append_text(user_text(cell.rjust(w - 1)[: w - 1], cell_style))
        if window.stop < len(trace.steps):
            rows[0].append(" …")
        if units < model.hidden_size:  # say what is left out, and where to see it
            more = model.hidden_size - units
            rows.insert(2 + units, Text(f"… +{more:,} more: h[{units + 1}]..h[{model.hidden_size}] on a taller "
                                        "terminal, or in Unroll", self.style("muted"), no_wrap=True,
                                        overflow="ellipsis"))
        table = Text("\n").join([head, *rows])
        table.no_wrap = True
        return table

    def _units(self, hidden: int) -> int:
        """As many of the hidden units as the screen's free rows hold: all if they fit, else as many
        as fit beside a line saying how many more there are (at least UNITS). Reckoned from the
        screen's height, not the layout's, which this board's own height feeds back into."""
        free = self.app.size.height - AROUND_CHAIN - OTHER_ROWS
        return hidden if hidden <= free else max(min(UNITS, hidden), free - 1)

    @staticmethod
    def _input(s: Step) -> str:
        if s.source == NOTHING:
            return "·"
        if s.source == FEEDBACK:
            return f"↻{s.input_token}"
        assert s.input_token is not None  # a step that reads a word has its token
        return s.input_token

    def _width(self, trace: Trace, s: Step) -> int:
        label = "output" if s.predicted is None else trace.model.labels[s.predicted]
        return max(6, len(self._input(s)), len(label), len(str(s.t))) + 1

    @staticmethod
    def _window(widths: list[int], cursor: int, room: int) -> range:
        """The steps that fit in `room` columns, from the first if the cursor is among them,
        else ending one step after the cursor, so the class sees what comes next."""
        ahead = min(cursor + 1, len(widths) - 1)
        start = 0
        while start < cursor and sum(widths[start:ahead + 1]) + 2 > room:
            start += 1
        stop, used = start, 0
        while stop < len(widths) and used + widths[stop] + 2 <= room:
            used += widths[stop]
            stop += 1
        return range(start, max(stop, start + 1))


class TopologiesScene(LessonScene[TopologiesState]):
    NAME = "topologies"
    TITLE = "Topologies"
    BINDINGS = [
        *(Binding(t.key, f"choose('{t.name}')", t.title if t.key != "1" else "Topology",
                  key_display="1-5" if t.key == "1" else None, show=t.key == "1",
                  id=f"topologies.{t.name}") for t in TOPOLOGIES),
    ]

    def make_state(self, previous: TopologiesState | None) -> TopologiesState:
        s = self.session
        return make_state(s.text, s.trace_of, s.topology, previous)

    def compose_body(self) -> ComposeResult:
        yield DiagramsBoard(id="diagrams").data_bind(state=Scene.state)
        yield ChainBoard(id="chain").data_bind(state=Scene.state)

    def action_choose(self, name: str) -> None:
        self.state = self.state.choose(name)
