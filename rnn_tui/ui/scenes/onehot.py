"""Scene 2: one-hot. The corpus read word by word: each token is looked up in (or added to)
the vocabulary, and becomes a vector with a single 1. The board counted 12 tokens; a one-hot
vector needs one column per unique word (8), plus <unk> (V = 9). A vocabulary too wide for the
screen (a big corpus, or a loaded model's thousand words) shows the hot word among its
neighbours and where it sits, with the Unroll pane's own window (`state.onehot.window`)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult

from rnn_tui.engine.text import UNK
from rnn_tui.ui.safe import printable, user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.drawing import count, is_lecture, lines
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.onehot import GAP, OneHotState, make_state, window

SENTENCE_ROWS = 5    # sentences shown at once; a longer corpus shows a window around the current one
VOCAB_LINES = 3      # lines the vocabulary may take; a larger vocabulary shows a window
MAX_HEADING = 12     # a long word's heading in a window of the vocabulary, as in the Unroll pane


class SentencesBoard(Board):
    """The corpus, one sentence a line, the tokens read so far in plain type, the current one
    highlighted, the rest dimmed; a counter of tokens and unique words below."""

    def draw(self, width: int) -> Text:
        r: OneHotState = self.state
        sentences = r.corpus.sentences
        here = r.current[0] if r.current else 0
        first = max(0, min(here - SENTENCE_ROWS // 2, len(sentences) - SENTENCE_ROWS))
        shown = range(first, min(len(sentences), first + SENTENCE_ROWS))
        which = (count(len(sentences), "sentence") if len(shown) == len(sentences)
                 else f"sentences {shown[0] + 1:,}–{shown[-1] + 1:,} of {len(sentences):,}")
        rows = [Text(f"the corpus, read a word at a time ({which})", self.style("heading"))]
        number_width = len(str(shown[-1] + 1)) + 2
        for n in shown:
            rows.append(self.sentence_row(r, n, number_width, width))
        rows.append(Text(""))
        rows.append(self.counter(r))
        return lines(rows)

    def sentence_row(self, r: OneHotState, n: int, number_width: int, width: int) -> Text:
        words = r.corpus.sentences[n].words
        room = width - number_width
        cur_n, cur_t = (r.current[0], r.current[1]) if r.current else (-1, -1)
        read_upto = len(words) if (r.current and n < cur_n) else (cur_t + 1 if n == cur_n else 0)
        # a sentence too long for one line: a window of whole words around the current token
        lo, hi = 0, len(words)
        if len(" ".join(words)) > room:
            centre = cur_t if n == cur_n else 0
            lo = hi = centre
            used = len(words[centre])
            while True:
                grew = False
                for side in (hi + 1, lo - 1):
                    if 0 <= side < len(words) and side not in range(lo, hi + 1):
                        extra = len(words[side]) + 1
                        if used + extra + 4 <= room:  # room for "… " at both ends
                            used += extra
                            lo, hi = min(lo, side), max(hi, side)
                            grew = True
                if not grew:
                    break
            hi += 1
        row = Text(f"{n + 1:>{number_width - 2}}  ", self.style("muted"))
        if lo > 0:
            row.append("… ", self.style("muted"))
        for t in range(lo, hi):
            if t > lo:
                row.append(" ")
            if n == cur_n and t == cur_t:
                style = self.style("current")
            elif t < read_upto:
                style = None
            else:
                style = self.style("future")
            row.append_text(user_text(words[t], style))
        if hi < len(words):
            row.append(" …", self.style("muted"))
        row.no_wrap, row.overflow = True, "crop"
        return row

    def counter(self, r: OneHotState) -> Text:
        unique = count(r.seen, "unique word")
        so_far = " · vocabulary so far: " if r.built else " · read so far: "
        if not r.step:
            return Text.assemble(("no token read yet", "bold"), f" ({r.total:,} to read)",
                                 so_far, "empty" if r.built else "none")
        return Text.assemble((f"token {r.step:,} of {r.total:,}", "bold"), so_far, (unique, "bold"))


class VocabularyBoard(Board):
    """The vocabulary in first-seen order, each word with its index; the current word highlighted."""

    def draw(self, width: int) -> Text:
        r: OneHotState = self.state
        if r.built:
            heading = Text("vocabulary, in first-seen order: index (from 0) word", self.style("heading"))
            if not r.seen:
                return lines([heading, Text("(empty: no word read yet)", self.style("muted"))])
            entries = [f"{i:,} {printable(w)}" for i, w in enumerate(r.vocab.words[: r.seen])]
            focus = r.index if r.index is not None and r.index < r.seen else r.seen - 1
        else:  # a loaded model's: every word there from the start, the hot one among its neighbours
            heading = Text(f"the loaded model's vocabulary, V = {r.vocab.size:,}: index (from 0) word",
                           self.style("heading"))
            entries = [f"{i:,} {printable(w)}" for i, w in enumerate(r.vocab.tokens)]
            focus = r.index if r.index is not None else 0
        lo, hi = self.window(entries, focus, width)
        row, rows, used = Text(), [], 0

        def put(piece: str, style: Style | str | None = None) -> None:
            nonlocal row, used
            if used and used + 2 + len(piece) > width:
                rows.append(row)
                row, used = Text(), 0
            if used:
                row.append("  ")
                used += 2
            row.append_text(user_text(piece, style))
            used += len(piece)

        if lo:
            put(f"… {lo:,} more", self.style("muted"))
        for i in range(lo, hi):
            put(entries[i], self.style("current") if i == focus and r.index is not None and r.word else None)
        if hi < len(entries):
            put(f"{len(entries) - hi:,} more …", self.style("muted"))
        rows.append(row)
        return lines([heading] + rows)

    @staticmethod
    def window(entries: list[str], focus: int, width: int) -> tuple[int, int]:
        """The run of entries [lo, hi) to show in VOCAB_LINES lines: all of them if they fit,
        else the newest ones when they include the focus, else the ones around the focus."""

        def fits(lo: int, hi: int) -> bool:
            pieces = ([f"… {lo:,} more"] if lo else []) + entries[lo:hi] + (
                [f"{len(entries) - hi:,} more …"] if hi < len(entries) else [])
            n, used = 1, 0
            for p in pieces:
                if used and used + 2 + len(p) > width:
                    n, used = n + 1, 0
                used += (2 if used else 0) + len(p)
            return n <= VOCAB_LINES

        if fits(0, len(entries)):
            return 0, len(entries)
        lo, hi = focus, focus + 1
        if focus >= len(entries) - 1 or fits(focus, len(entries)):
            lo, hi = focus, len(entries)
            while lo > 0 and fits(lo - 1, hi):
                lo -= 1
            return lo, hi
        while True:
            grew = False
            if hi < len(entries) and fits(lo, hi + 1):
                hi, grew = hi + 1, True
            if lo > 0 and fits(lo - 1, hi):
                lo, grew = lo - 1, True
            if not grew:
                return lo, hi


class VectorBoard(Board):
    """The current word's one-hot vector. A vocabulary that fits is drawn whole, every column
    labelled; a wider one shows the hot word among its neighbours and the sentence's earlier
    words, "…" for each run of zero columns left out, and says where the hot word sits."""

    def draw(self, width: int) -> Text:
        r: OneHotState = self.state
        V = r.vocab.size
        if r.word is None:
            return lines([Text(f"one-hot vector: V = {V:,} numbers, one per vocabulary word (with {UNK})",
                                self.style("heading")),
                          Text("press → to read the first word", self.style("muted"))])
        tokens = [printable(t) for t in r.vocab.tokens]
        label = ["index", "word", "x"]
        label_w = max(map(len, label)) + 2
        whole = sum(max(len(t), len(f"{i:,}")) + 2 for i, t in enumerate(tokens)) <= width - label_w
        headings = tokens if whole else [t if len(t) <= MAX_HEADING else t[: MAX_HEADING - 1] + "…" for t in tokens]
        col_w = [max(len(h), len(f"{i:,}")) for i, h in enumerate(headings)]
        cols = window(col_w, r.index, self.earlier(r), width - label_w)
        gap = 2 if whole else 1
        heading = Text.assemble(("one-hot vector of ", self.style("heading")),
                                user_text(f"'{r.word}'", self.style("current")))
        if r.index is None:
            heading.append(f": no column, the zero vector of {V:,}", self.style("heading"))
        elif whole:
            heading.append(f": a 1 in column {r.index:,}, 0 in the other {V - 1:,}", self.style("heading"))
        else:
            heading.append(f": word {r.index + 1:,} of {V:,} (index {r.index:,}), 0 elsewhere", self.style("heading"))
        rows = [Text(l.ljust(label_w), self.style("muted")) for l in label]
        pad = " " * gap
        for c in cols:
            if c is GAP:
                for row in rows:
                    row.append("… ", self.style("muted"))
                continue
            unseen = r.built and c >= r.seen and r.vocab.tokens[c] != UNK
            hot = c == r.index
            rows[0].append(f"{c:,}".center(col_w[c]) + pad, self.style("muted"))
            rows[1].append(headings[c].center(col_w[c]), self.style("future") if unseen else
                           self.style("current") if hot else None)
            rows[1].append(pad)
            rows[2].append(("1" if hot else "0").center(col_w[c]), self.style("hot") if hot else self.style("muted"))
            rows[2].append(pad)
        if any(c is not GAP and r.built and c >= r.seen and r.vocab.tokens[c] != UNK for c in cols):
            rows[1].append("(dim: not read yet)", self.style("muted"))
        for row in rows:
            row.no_wrap, row.overflow = True, "crop"
        return lines([heading] + rows)

    @staticmethod
    def earlier(r: OneHotState) -> list[int]:
        """The hot columns of the sentence's earlier words, most recent first: kept in the window."""
        if r.current is None:
            return []
        n, t, _ = r.current
        words = r.corpus.sentences[n].words[:t]
        return [i for i in (r.vocab.index(w) for w in reversed(words)) if i is not None]


class TruthBoard(Board):
    """At the end: the board's figure against the truth."""

    def shown(self, state: OneHotState) -> bool:
        return state.done

    def draw(self, width: int) -> Text:
        r: OneHotState = self.state
        if not r.done:
            return Text("")
        board = " (the board's 12)" if is_lecture(r.corpus) else ""
        if not r.built:
            return lines([
                Text("the count against the model's vocabulary", self.style("heading")),
                Text.assemble((count(r.total, "token"), "bold"), board, " · ", (count(r.seen, "unique word"), "bold"),
                              f", {r.unknown:,} unknown · ", (f"V = {r.vocab.size:,}", "bold")),
                Text(f"Its words come from its own training data; any other word reads as {UNK}.",
                     self.style("muted")),
            ])
        words = len(r.vocab.words)
        figure = Text.assemble((count(r.total, "token"), "bold"), board, " · ",
                               (count(words, "unique word"), "bold"),
                               " · ", (f"V = {r.vocab.size:,} with {UNK}", "bold"))
        return lines([
            Text("the count against the truth", self.style("heading")),
            figure,
            Text(f"Tokens count every word, repeats too; a one-hot vector needs one column per unique "
                 f"word, plus {UNK} for words never seen.", self.style("muted")),
        ])


class OneHotScene(LessonScene[OneHotState]):
    NAME = "onehot"
    TITLE = "One-hot"
    SESSION_MODEL = "weights"   # the title names the session's model: a --weights model's vocabulary

    def make_state(self, previous: OneHotState | None) -> OneHotState:
        weights = self.session.weights
        return make_state(self.session.corpus, previous, weights.vocab if weights is not None else None)

    def compose_body(self) -> ComposeResult:
        yield SentencesBoard(id="sentences").data_bind(state=Scene.state)
        yield VocabularyBoard(id="vocabulary").data_bind(state=Scene.state)
        yield VectorBoard(id="vector").data_bind(state=Scene.state)
        yield TruthBoard(id="truth").data_bind(state=Scene.state)
