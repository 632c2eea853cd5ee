"""Scene 3: flatten. Give a feed-forward net a sentence by laying its one-hot vectors end to
end: T words x V numbers. A dense layer built for the first sentence takes exactly that many
inputs, so a sentence of another length is an "input size error"."""

from __future__ import annotations

from math import ceil

from rich.text import Text
from textual.app import ComposeResult

from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.drawing import count, is_lecture, lines, whole_words
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.state.flatten import FlattenState, make_state


class TableBoard(Board):
    """Each sentence, its length T and its flattened size with both V's, and, once fed, the verdict."""

    def draw(self, width: int) -> Text:
        state: FlattenState = self.state
        s, corpus, fed, step = state.sizes, state.corpus, state.fed, state.step
        head_b = f"{'board' if is_lecture(corpus) else 'tokens'}: V = {s.V_board:,}"
        head_t = f"{'model' if s.given else 'true'}: V = {s.V_true:,}"
        lengths = s.lengths[: fed]
        cell_b = [f"{T:,} × {s.V_board:,} = {n:,}" for T, n in zip(lengths, s.board[: fed], strict=True)]
        cell_t = [f"{T:,} × {s.V_true:,} = {n:,}" for T, n in zip(lengths, s.true[: fed], strict=True)]
        w_num = len(str(fed))
        w_b = max(len(head_b), *map(len, cell_b[: fed]))
        w_t = max(len(head_t), *map(len, cell_t[: fed]))
        w_verdict = len("✗ size error")
        room = width - (w_num + 2 + 2 + w_b + 2 + w_t + 2 + w_verdict)
        texts = [whole_words(sent.words, max(8, room)) for sent in corpus.sentences[: fed]]
        w_s = max(len("sentence"), *map(len, texts))
        rows = [Text("each sentence flattened: T one-hot vectors end to end = T × V numbers",
                     self.style("heading"))]
        rows.append(Text("  ".join(["#".rjust(w_num), "sentence".ljust(w_s), head_b.ljust(w_b),
                                    head_t.ljust(w_t), "dense layer"]), self.style("muted")))
        for n in range(fed):
            current = 1 <= step <= fed and n == step - 1
            row = Text(f"{n + 1:>{w_num}}  ", self.style("current") if current else "")
            row.append_text(user_text(texts[n].ljust(w_s)))
            row.append(f"  {cell_b[n]:<{w_b}}  {cell_t[n]:<{w_t}}  ")
            if n < step:
                rejected = s.rejected_board.get(n)
                if n == 0:
                    row.append("built for it", self.style("muted"))
                elif rejected:
                    row.append("✗ size error", self.style("hot"))
                else:
                    row.append("✓ fits")
            row.no_wrap, row.overflow = True, "crop"
            rows.append(row)
        if s.sentences > fed:
            rest = range(fed, s.sentences)
            bad = s.rejected_from(fed)
            note = f"… {count(len(rest), 'more sentence')}"
            if step > fed:
                note += f": {bad:,} of them rejected, {len(rest) - bad:,} fit"
            rows.append(Text(note, self.style("muted")))
        if step <= fed:
            rows.append(self.flattened(state, max(0, step - 1), width))
        return lines(rows)

    def flattened(self, state: FlattenState, n: int, width: int) -> Text:
        """Sentence n's numbers with the true V, a group of V per word, each word under its group:
        the one long row a dense layer reads. A V too wide for the screen gets each group's 1 named."""
        s, vocab = state.sizes, state.vocab or state.corpus.vocab
        words = state.corpus.sentences[n].words
        head = Text(f"sentence {n + 1} flattened with the {'model' if s.given else 'true'} V = {s.V_true:,}: "
                    f"{len(words):,} × {s.V_true:,} = {s.true[n]:,} numbers", self.style("muted"))
        if s.V_true + 3 > width:
            row = Text("  ")
            for k, w in enumerate(words):
                i = vocab.index(w)
                piece = f"{w}: 1 in column {i:,}" if i is not None else f"{w}: all zeros"
                if len(row) + len(piece) + 20 > width:
                    row.append(f"… {count(len(words) - k, 'more word')}", self.style("muted"))
                    break
                row.append_text(user_text(piece))
                row.append(" · ", self.style("muted"))
            else:
                row.append("0 elsewhere", self.style("muted"))
            return lines([Text(""), head, row])
        numbers, names = Text("  "), Text("  ")
        used, room = 2, width - len(" … more")
        for w in words:
            size = max(s.V_true, len(w)) + 1
            if used + size > room:
                numbers.append(" … more", self.style("muted"))
                break
            i = vocab.index(w)
            for c in range(s.V_true):
                numbers.append("1" if c == i else "0", self.style("hot") if c == i else None)
            numbers.append(" " * (size - s.V_true))
            names.append_text(user_text(w.ljust(size), self.style("muted")))
            used += size
        for row in (numbers, names):
            row.no_wrap, row.overflow = True, "crop"
        return lines([Text(""), head, numbers, names])


class LayerBoard(Board):
    """The dense layer's input slots against the sentence fed in, as bars, for both V's."""

    def draw(self, width: int) -> Text:
        state: FlattenState = self.state
        s, corpus, shown = state.sizes, state.corpus, state.shown
        label_w = 12
        tails: list[tuple[str, str, int, int, str, bool]] = []   # (V name, label, got, expected, tail, bad)
        for name, _V, size in (("board", s.V_board, s.board), ("true", s.V_true, s.true)):
            expected = size[0]
            tails.append((name, "layer takes", expected, expected, f"{expected:,} inputs", False))
            for n in shown:
                got = size[n]
                if got == expected:
                    verdict = "✓ fits"
                elif got < expected:
                    verdict = f"✗ {expected - got:,} slots empty"
                else:
                    verdict = f"✗ {got - expected:,} too many"
                tails.append((name, f"sentence {n + 1}", got, expected, f"{got:,} {verdict}", got != expected))
        room = max(10, width - 2 - label_w - 1 - max(len(t[4]) for t in tails))
        biggest = max(t[2] for t in tails)
        scale = max(1, ceil(biggest / room))
        per = "" if scale == 1 else f"; █ = {scale:,} inputs"
        rows = [Text(f"a dense layer built for sentence 1: one weight per input{per}",
                     self.style("heading"))]
        for name, label, got, expected, tail, bad in tails:
            if label == "layer takes":
                if name == "board":
                    who = "the board's V = {} (it counted tokens)" if is_lecture(corpus) else "V = {} (tokens)"
                else:
                    who = ("the model's V = {:,} (its vocabulary, as in One-hot)" if s.given else
                           f"the true V = {{}} ({s.unique:,} unique words + <unk>, as in One-hot)")
                rows.append(Text(who.format(s.V_board if name == "board" else s.V_true), self.style("muted")))
            rows.append(self.bar_row(label, got, expected, scale, label_w, tail, bad=bad))
        if not shown and state.step == 0:
            rows.append(Text("press → to feed sentence 1 in", self.style("muted")))
        elif len(shown) == 1 and shown[0] in s.rejected_board:
            b, t = s.rejected_board[shown[0]], s.rejected_true.get(shown[0])
            error = Text.assemble(("✗ input size error: ", self.style("hot")),
                                  (f"expected {b.expected:,} inputs, got {b.got:,}", "bold"))
            also = f"  (true V: expected {t.expected:,}, got {t.got:,})" if t else ""
            if len(error) + len(also) <= width:
                error.append(also)
            rows.append(error)
        elif len(shown) == 1:
            rows.append(Text(f"✓ OK: {s.board[shown[0]]:,} inputs, as the layer expects", "bold"))
        return lines(rows)

    def bar_row(self, label: str, got: int, expected: int, scale: int, label_w: int, tail: str,
                bad: bool = False) -> Text:
        filled = ceil(got / scale)
        slots = ceil(expected / scale)
        row = Text(f"  {label:<{label_w}}")
        row.append("█" * min(filled, slots), self.style("hot") if bad else None)
        if filled < slots:
            row.append("░" * (slots - filled), self.style("muted"))
        elif filled > slots:
            row.append("█" * (filled - slots), self.style("hot"))
        row.append(f" {tail}", self.style("hot") if bad else None)
        row.no_wrap, row.overflow = True, "crop"
        return row


class FlattenScene(LessonScene[FlattenState]):
    NAME = "flatten"
    TITLE = "Flatten"
    SESSION_MODEL = "weights"   # the title names the session's model: a --weights model's vocabulary

    def make_state(self, previous: FlattenState | None) -> FlattenState:
        weights = self.session.weights
        return make_state(self.session.corpus, previous, weights.vocab if weights is not None else None)

    def compose_body(self) -> ComposeResult:
        yield TableBoard(id="table").data_bind(state=Scene.state)
        yield LayerBoard(id="layer").data_bind(state=Scene.state)
