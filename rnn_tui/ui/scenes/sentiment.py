"""Scene 8: the sentiment demo. The shipped many-to-one model reads a sentence word by word;
after each word the class sees h_t, what the model would answer if the sentence stopped
there, and where h_t sits on a 2-D map (PCA) of every hidden state of the test split."""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.projection import SentimentMap
from rnn_tui.ui.render.bars import fmt, signed_bar
from rnn_tui.ui.render.braille import Canvas, Plot, to_dots
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.screens.sentence import SentenceScreen
from rnn_tui.ui.state.sentiment import SentimentState, make_state
from rnn_tui.ui.state.wording import half_up, percent, sub

MAP_WIDTH, MAP_HEIGHT = 32, 14  # character cells of the PCA map: 64 x 56 braille dots
# On a screen 120 wide and 36 tall or more (a projector's), the map grows into the room a short
# sentence leaves below its words (at 80x24's size it left the lower third of 120x40 empty): as
# tall as the screen allows (it keeps ROWS_AROUND_MAP for the title line, the caption and the
# map's own title and key), about twice as wide, and WORDS_WIDTH left to the words.
ROWS_AROUND_MAP, WORDS_WIDTH = 10, 60
WORD_ROWS = 9                   # words listed at once at most; a longer sentence scrolls with the cursor
UNIT_WIDTH = 6                  # h_t is printed as rows of signed values this wide, as many as fit (4 or more)
SHARED_ROWS = 15                # the rows the words and h_t share at 80x24: fewer words when h_t needs more
STEP_MARKS = "0123456789"       # h_0 .. h_9 on the map; later steps are "•"


def clip_words(text: str, width: int, rows: int = 2) -> list[str]:
    """`text` as at most `rows` lines of `width`, broken between words; if it is longer,
    the last line ends with "…" after the last whole word that fits."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word[:width]
    lines.append(line)
    if len(lines) <= rows:
        return lines
    last = lines[rows - 1]
    while len(last) + 2 > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    return lines[: rows - 1] + [f"{last} …"]


def map_dots(d: SentimentMap, points: np.ndarray, width: int = MAP_WIDTH, height: int = MAP_HEIGHT) -> np.ndarray:
    """`points` (PCA coordinates) as braille dots of a map `width` x `height` cells."""
    return to_dots(points, d.lo, d.hi, 2 * width, 4 * height)


END_STYLES = {"+": "positive", "−": "negative", "±": "muted"}


@lru_cache(maxsize=4)
def backdrop(d: SentimentMap, width: int = MAP_WIDTH,
             height: int = MAP_HEIGHT) -> tuple[Canvas, dict[tuple[int, int], str]]:
    """What never changes on a map of `width` x `height` cells, drawn once: every h_t of the data
    set as braille dots, and each cell where sentences end marked + (positive), − (negative) or ± (both)."""
    cloud = Canvas(width, height)
    for x, y in map_dots(d, d.cloud, width, height):
        cloud.set(x, y)
    kinds: dict[tuple[int, int], set[bool]] = {}
    for (x, y), label in zip(map_dots(d, d.ends, width, height), d.labels, strict=True):
        kinds.setdefault((x // 2, y // 4), set()).add(bool(label == 1))
    ends = {cell: "±" if len(k) == 2 else "+" if True in k else "−" for cell, k in kinds.items()}
    return cloud, ends


class WordsBoard(Board):
    """The sentence, one row per word: P(positive) if it ended there, as a bar around 50%."""

    def shown(self, state: SentimentState) -> bool:
        return not state.code

    def render(self) -> Text:
        state: SentimentState | None = self.state
        if state is None:
            return Text("")
        r, t_now = state.reading, state.step
        tokens = r.trace.tokens
        lines = [user_text(line) for line in clip_words(f"“{r.text}”", max(20, self.size.width))]
        width = min(14, max(4, *(len(w) for w in tokens)))
        head = Text(f" t {'word'.ljust(width)}  neg │ pos  P(pos) change", self.style("heading"),
                    no_wrap=True, overflow="crop")
        lines.append(head)
        h = r.trace.h0 if t_now == 0 else r.trace.steps[t_now - 1].h
        per_row = max(4, self.size.width // UNIT_WIDTH)
        word_rows = max(3, min(WORD_ROWS, SHARED_ROWS - math.ceil(len(h) / per_row)))
        start = max(0, min(t_now - word_rows // 2 - 1, len(tokens) - word_rows))
        for i in range(start, min(len(tokens), start + word_rows)):
            t = i + 1
            row = Text(no_wrap=True, overflow="ellipsis")
            word = tokens[i] if len(tokens[i]) <= width else tokens[i][: width - 1] + "…"
            if t > t_now:
                row.append_text(user_text(f"{t:>2} {word}", self.style("future")))
                lines.append(row)
                continue
            p = r.p_positive(t)
            lean = p - 0.5
            row.append(f"{t:>2} ", self.style("current") if t == t_now else None)
            row.append_text(user_text(word.ljust(width), self.style("current") if t == t_now else None))
            row.append(" " + signed_bar(2 * lean, 5), self.signed(lean))
            row.append(f" {percent(p):>4} {'pos' if lean > 0 else 'neg'}", self.signed(lean))
            change = int(half_up(r.change(t)))  # the one rounding rule, as the percentages
            row.append(f" {change:+4d}", self.signed(change))
            lines.append(row)
        if start + word_rows < len(tokens):
            lines.append(Text(f"   … {len(tokens) - start - word_rows:,} more words", self.style("muted")))
        lines.append(Text(f"h{sub(t_now)}, all {len(h):,} units" + (" (zero before any word)" if t_now == 0 else ":"),
                          self.style("heading")))
        for k in range(0, len(h), per_row):
            row = Text(no_wrap=True)
            for v in h[k:k + per_row]:
                row.append(f"{fmt(v):>6}", self.signed(v))
            lines.append(row)
        return Text("\n").join(lines)


class MapBoard(Board):
    """Every hidden state of the data set seen from above (PCA to 2-D): where sentences end,
    labelled + and −, and the path of this sentence's h_0, h_1, ... up to the current word."""

    def shown(self, state: SentimentState) -> bool:
        return not state.code

    def map_size(self) -> tuple[int, int]:
        """The map's cells, width by height: larger on a large screen, where app.tcss lets the
        board be as wide as its map."""
        screen = self.screen
        if not (screen.has_class("-wide") and screen.has_class("-tall")):
            return MAP_WIDTH, MAP_HEIGHT
        columns, rows = screen.size
        height = max(MAP_HEIGHT, rows - ROWS_AROUND_MAP)
        return max(MAP_WIDTH, min(2 * height + 4, columns - WORDS_WIDTH)), height

    def render(self) -> Text:
        state: SentimentState | None = self.state
        if state is None:
            return Text("")
        d, r, t_now = state.demo, state.reading, state.step
        width, height = self.map_size()
        plot = Plot(width, height)
        cloud, ends = backdrop(d, width, height)
        plot.draw(cloud, self.style("muted"))
        for (col, row), mark in ends.items():
            plot.mark(col, row, mark, self.style(END_STYLES[mark]))
        path = map_dots(d, r.path[: t_now + 1], width, height)
        line = Canvas(width, height)
        for (x0, y0), (x1, y1) in pairwise(path):
            line.line(x0, y0, x1, y1)
        plot.draw(line, self.style("hot"))
        for t, (x, y) in enumerate(path):
            mark = STEP_MARKS[t] if t < len(STEP_MARKS) else "•"
            plot.mark(x // 2, y // 4, mark, self.style("current" if t == t_now else "hot"))
        explained = d.pca.explained
        title = Text("where h_t goes (PCA to 2-D)", self.style("heading"), no_wrap=True, overflow="ellipsis")
        axis = Text(f"neg ← PC1 ({percent(explained[0])} of variance) → pos".center(width), self.style("muted"))
        ends_key = Text(no_wrap=True, overflow="ellipsis")
        ends_key.append("+", self.style("positive"))
        ends_key.append(" / ")
        ends_key.append("−", self.style("negative"))
        ends_key.append(" / ± where sentences end")
        legend = Text(no_wrap=True, overflow="ellipsis")
        legend.append("⠿ every h_t  ")
        legend.append("0 1 2…", self.style("hot"))
        legend.append(" this sentence")
        board = Text("\n").join([title, *plot.render(), axis, ends_key, legend])
        board.no_wrap = True
        return board


class CodeBoard(Board):
    """The code that builds the model on screen, in Keras or PyTorch (the lecture's demo is Keras)."""

    def shown(self, state: SentimentState) -> bool:
        return bool(state.code)

    def render(self) -> Text:
        state: SentimentState | None = self.state
        if state is None or not state.code:
            return Text("")
        name = "Keras" if state.code == "keras" else "PyTorch"
        heading = Text(f"the model on screen, built in {name} (c: next)", self.style("heading"))
        code = Text(state.code_text, no_wrap=True, overflow="ellipsis")
        return Text("\n").join([heading, code])


class SentimentScene(LessonScene[SentimentState]):
    NAME = "sentiment"
    TITLE = "Sentiment demo"
    BINDINGS = [
        Binding("e", "type_sentence", "Type", id="sentiment.type"),
        Binding("c", "code", "Code", id="sentiment.code", tooltip="The model in Keras, then PyTorch"),
        Binding("n", "sentence(1)", "Next sentence", show=False, id="sentiment.next"),
        Binding("N", "sentence(-1)", "Previous sentence", key_display="N", show=False, id="sentiment.previous"),
    ]

    def make_state(self, previous: SentimentState | None) -> SentimentState:
        return make_state(self.session.trained.get("sentiment"), previous)

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="sentiment-row"):
            yield WordsBoard(id="words").data_bind(state=Scene.state)
            yield MapBoard(id="map").data_bind(state=Scene.state)
        yield CodeBoard(id="code").data_bind(state=Scene.state)

    def action_code(self) -> None:
        self.state = self.state.next_code()

    def action_sentence(self, delta: int) -> None:
        self.state = self.state.next_sentence(delta)

    def action_type_sentence(self) -> None:
        def take(text: str | None) -> None:
            if text is None:
                return
            try:
                self.state, note = self.state.with_typed(text)
            except InputError as e:  # the modal checks too; this is the last guard
                self.notify(str(e), severity="error")
                return
            if note:
                self.notify(note)

        self.app.push_screen(SentenceScreen(), take)
