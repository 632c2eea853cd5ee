"""Scene 8: the sentiment demo. The shipped many-to-one model reads a sentence word by word;
after each word the class sees h_t, what the model would answer if the sentence stopped
there, and where h_t sits on a 2-D map (PCA) of every hidden state of the data set."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal

from rnn_tui.engine import tokenize
from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.models import load_model, sentiment_corpus
from rnn_tui.engine.projection import PCA, fit_pca
from rnn_tui.engine.rnn import readout
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import Trace, run
from rnn_tui.ui.scenes.base import Board, Scene
from rnn_tui.ui.screens.sentence import SentenceScreen
from rnn_tui.ui.session import MAX_TYPED_WORDS
from rnn_tui.ui.view import sub
from rnn_tui.ui.render.bars import fmt, signed_bar
from rnn_tui.ui.render.braille import Canvas, Plot, to_dots

MANY_TO_ONE = topology_by_name("many-to-one")
MAP_WIDTH, MAP_HEIGHT = 32, 14  # character cells of the PCA map: 64 x 56 braille dots
WORD_ROWS = 9                   # words listed at once; a longer sentence scrolls with the cursor
UNIT_COLUMNS = 4                # h_t is printed as rows of this many signed values
STEP_MARKS = "0123456789"       # h_0 .. h_9 on the map; later steps are "•"


@dataclass(frozen=True)
class Demo:
    """Everything the scene needs that does not depend on the sentence, computed once."""

    model: Model
    corpus: Corpus
    pca: PCA              # fitted on the final hidden state of every sentence in the data set
    cloud: np.ndarray     # (M, 2) every h_t of every sentence, projected
    ends: np.ndarray      # (N, 2) every sentence's final h, projected
    labels: np.ndarray    # (N,) the data set's labels (1 = positive)
    lo: np.ndarray        # (2,) the map's bottom-left corner, in PCA coordinates
    hi: np.ndarray        # (2,) its top-right corner
    positive: int         # the index of "positive" among the model's labels

    @property
    def tests(self) -> list[str]:
        return [s.text for s in self.corpus.sentences if s.split == "test"]

    def label_of(self, text: str) -> str | None:
        for s in self.corpus.sentences:
            if s.text == text and s.label is not None:
                return self.model.labels[s.label]
        return None


@lru_cache(maxsize=1)
def demo() -> Demo:
    """The model, the data set's hidden states and their PCA: once per process, not per key."""
    model = load_model("sentiment")
    corpus = sentiment_corpus()
    traces = [run(model, s.words, MANY_TO_ONE) for s in corpus.sentences]
    finals = np.stack([t.steps[-1].h for t in traces])
    every = np.concatenate([t.hidden_states for t in traces])
    labels = np.array(corpus.labels)
    pca = fit_pca(finals, k=2)
    ends = pca.project(finals)
    if ends[labels == 1, 0].mean() < ends[labels != 1, 0].mean():
        pca = pca.flipped(0)  # positive sentences to the right, as the axis label says
        ends = pca.project(finals)
    cloud = pca.project(every)
    points = np.concatenate([cloud, pca.project(np.zeros((1, model.hidden_size)))])
    lo, hi = points.min(axis=0), points.max(axis=0)
    pad = (hi - lo) * 0.03
    positive = model.labels.index("positive") if "positive" in model.labels else len(model.labels) - 1
    return Demo(model, corpus, pca, cloud, ends, labels, lo - pad, hi + pad, positive)


@dataclass(frozen=True)
class Reading:
    """One sentence read by the model: its trace, P(label) after every word, and its path."""

    text: str
    trace: Trace
    probs: np.ndarray     # (T + 1, labels): row 0 is before any word (h_0 = 0), row t after word t
    path: np.ndarray      # (T + 1, 2): h_0 .. h_T on the map

    @classmethod
    def of(cls, text: str, d: Demo) -> "Reading":
        trace = run(d.model, tokenize(text), MANY_TO_ONE)
        hs = np.concatenate([trace.h0[None, :], trace.hidden_states])
        return cls(text, trace, readout(d.model.params, hs), d.pca.project(hs))

    def p_positive(self, t: int) -> float:
        return float(self.probs[t, demo().positive])


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


def map_dots(points: np.ndarray) -> np.ndarray:
    d = demo()
    return to_dots(points, d.lo, d.hi, 2 * MAP_WIDTH, 4 * MAP_HEIGHT)


END_STYLES = {"+": "positive", "−": "negative", "±": "muted"}


@lru_cache(maxsize=1)
def backdrop() -> tuple[Canvas, dict[tuple[int, int], str]]:
    """What never changes on the map, drawn once: every h_t of the data set as braille dots,
    and each cell where sentences end marked + (positive), − (negative) or ± (both)."""
    d = demo()
    cloud = Canvas(MAP_WIDTH, MAP_HEIGHT)
    for x, y in map_dots(d.cloud):
        cloud.set(x, y)
    kinds: dict[tuple[int, int], set[bool]] = {}
    for (x, y), label in zip(map_dots(d.ends), d.labels):
        kinds.setdefault((x // 2, y // 4), set()).add(bool(label == 1))
    ends = {cell: "±" if len(k) == 2 else "+" if True in k else "−" for cell, k in kinds.items()}
    return cloud, ends


class WordsBoard(Board):
    """The sentence, one row per word: P(positive) if it ended there, as a bar around 50%."""

    def render(self) -> Text:
        scene = self.screen
        r: Reading = scene.reading()
        t_now = scene.step
        tokens = r.trace.tokens
        lines = [Text(line) for line in clip_words(f"“{r.text}”", max(20, self.size.width))]
        width = min(14, max(4, *(len(w) for w in tokens)))
        head = Text(f" t {'word'.ljust(width)}  neg │ pos  P(pos) change", self.style("heading"),
                    no_wrap=True, overflow="crop")
        lines.append(head)
        start = max(0, min(t_now - WORD_ROWS // 2 - 1, len(tokens) - WORD_ROWS))
        for i in range(start, min(len(tokens), start + WORD_ROWS)):
            t = i + 1
            row = Text(no_wrap=True, overflow="ellipsis")
            word = tokens[i] if len(tokens[i]) <= width else tokens[i][: width - 1] + "…"
            if t > t_now:
                row.append(f"{t:>2} {word}", self.style("future"))
                lines.append(row)
                continue
            p, before = r.p_positive(t), r.p_positive(t - 1)
            lean = p - 0.5
            row.append(f"{t:>2} ", self.style("current") if t == t_now else None)
            row.append(word.ljust(width), self.style("current") if t == t_now else None)
            row.append(" " + signed_bar(2 * lean, 5), self.signed(lean))
            row.append(f" {p:>4.0%} {'pos' if lean > 0 else 'neg'}", self.signed(lean))
            change = round((p - before) * 100)
            row.append(f" {change:+4d}", self.signed(change))
            lines.append(row)
        if start + WORD_ROWS < len(tokens):
            lines.append(Text(f"   … {len(tokens) - start - WORD_ROWS} more words", self.style("muted")))
        h = r.trace.h0 if t_now == 0 else r.trace.steps[t_now - 1].h
        lines.append(Text(f"h{sub(t_now)}, all {len(h)} units" + (" (zero before any word)" if t_now == 0 else ":"),
                          self.style("heading")))
        for k in range(0, len(h), UNIT_COLUMNS):
            row = Text(no_wrap=True)
            for v in h[k:k + UNIT_COLUMNS]:
                row.append(f"{fmt(v):>6}", self.signed(v))
            lines.append(row)
        return Text("\n").join(lines)


class MapBoard(Board):
    """Every hidden state of the data set seen from above (PCA to 2-D): where sentences end,
    labelled + and −, and the path of this sentence's h_0, h_1, ... up to the current word."""

    def render(self) -> Text:
        scene = self.screen
        r: Reading = scene.reading()
        t_now = scene.step
        plot = Plot(MAP_WIDTH, MAP_HEIGHT)
        cloud, ends = backdrop()
        plot.draw(cloud, self.style("muted"))
        for (col, row), mark in ends.items():
            plot.mark(col, row, mark, self.style(END_STYLES[mark]))
        path = map_dots(r.path[: t_now + 1])
        line = Canvas(MAP_WIDTH, MAP_HEIGHT)
        for (x0, y0), (x1, y1) in zip(path, path[1:]):
            line.line(x0, y0, x1, y1)
        plot.draw(line, self.style("hot"))
        for t, (x, y) in enumerate(path):
            mark = STEP_MARKS[t] if t < len(STEP_MARKS) else "•"
            plot.mark(x // 2, y // 4, mark, self.style("current" if t == t_now else "hot"))
        explained = demo().pca.explained
        title = Text("where h_t goes (PCA to 2-D)", self.style("heading"), no_wrap=True, overflow="ellipsis")
        axis = Text(f"neg ← PC1 ({explained[0]:.0%} of variance) → pos".center(MAP_WIDTH), self.style("muted"))
        ends = Text(no_wrap=True, overflow="ellipsis")
        ends.append("+", self.style("positive"))
        ends.append(" / ")
        ends.append("−", self.style("negative"))
        ends.append(" / ± where sentences end")
        legend = Text(no_wrap=True, overflow="ellipsis")
        legend.append("⠿ every h_t  ")
        legend.append("0 1 2…", self.style("hot"))
        legend.append(" this sentence")
        board = Text("\n").join([title, *plot.render(), axis, ends, legend])
        board.no_wrap = True
        return board


class SentimentScene(Scene):
    NAME = "sentiment"
    TITLE = "Sentiment demo"
    DEFAULT_CSS = """
    SentimentScene #sentiment-row { height: auto; }
    SentimentScene #words { width: 1fr; }
    SentimentScene #map { width: 34; padding: 0 0 0 1; }
    """
    BINDINGS = [
        Binding("e", "type_sentence", "Type"),
        Binding("n", "sentence(1)", "Next sentence", show=False),
        Binding("N", "sentence(-1)", "Previous sentence", key_display="N", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.typed: list[str] = []
        self.index = 0
        self._readings: dict[str, Reading] = {}

    @property
    def sentences(self) -> list[str]:
        return demo().tests + self.typed

    @property
    def text(self) -> str:
        return self.sentences[self.index]

    def reading(self) -> Reading:
        """The current sentence read once; stepping only moves `step` over it."""
        text = self.text
        if text not in self._readings:
            self._readings[text] = Reading.of(text, demo())
        return self._readings[text]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="sentiment-row"):
            yield WordsBoard(id="words")
            yield MapBoard(id="map")

    def last_step(self) -> int:
        return len(self.reading().trace)

    def subtitle(self) -> str:
        n_tests = len(demo().tests)
        if self.index < n_tests:
            label = demo().label_of(self.text)
            return f"test sentence {self.index + 1}/{n_tests}" + (f", labelled {label}" if label else "")
        return f"typed sentence {self.index - n_tests + 1}"

    def caption(self) -> str:
        r = self.reading()
        t = self.step
        if t == 0:
            return (f"Before any word h₀ = 0, so only the bias speaks: {r.p_positive(0):.0%} positive. "
                    "→ reads it word by word; n: next sentence; e: type your own.")
        s = r.trace.steps[t - 1]
        word = f"'{s.typed}'" + (" (unknown, read as <unk>)" if s.typed != s.input_token else "")
        before = "before any word" if t == 1 else f"after '{r.trace.steps[t - 2].input_token}'"
        p, p_before = r.p_positive(t), r.p_positive(t - 1)
        change = round((p - p_before) * 100)
        verb = "pushes it up to" if change > 0 else "pulls it down to" if change < 0 else "leaves it at"
        text = f"{before}: {p_before:.0%} positive; {word} {verb} {p:.0%}"
        if t == len(r.trace):
            y = s.y
            label = r.trace.model.labels[s.predicted]
            text += f". The model's answer: {label} ({y[s.predicted]:.0%})"
            truth = demo().label_of(r.text)
            if truth:
                text += f"; labelled {truth}"
        return text

    def action_sentence(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.sentences)
        self._restart()

    def action_type_sentence(self) -> None:
        def take(text: str | None) -> None:
            if text is None:
                return
            words = tokenize(text)
            if not words:
                self.notify(str(InputError("that sentence has no words (letters or digits)")), severity="error")
                return
            if len(words) > MAX_TYPED_WORDS:
                text = " ".join(words[:MAX_TYPED_WORDS])
                self.notify(f"kept the first {MAX_TYPED_WORDS} words")
            if text in self.sentences:
                self.index = self.sentences.index(text)
            else:
                self.typed.append(text)
                self.index = len(self.sentences) - 1
            self._restart()

        self.app.push_screen(SentenceScreen(), take)

    def _restart(self) -> None:
        if self.step == 0:
            self.redraw()
        else:
            self.step = 0
