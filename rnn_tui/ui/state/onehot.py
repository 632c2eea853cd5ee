"""Scene 2's state: the corpus read a token at a time into a vocabulary and one-hot vectors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.text import UNK, Vocabulary
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.wording import count


@dataclass(frozen=True, eq=False)
class Tokens:
    """The corpus as one stream of tokens, and how many unique words the first k of them hold:
    built once per corpus, so a step costs the same for 12 tokens and a million."""

    corpus: Corpus
    tokens: tuple[tuple[int, int, str], ...]   # (sentence, position, word)
    new: tuple[bool, ...]                      # whether token i is a word's first appearance
    unique: tuple[int, ...]                    # unique words among the first k tokens, k = 0..n

    @classmethod
    def of(cls, corpus: Corpus) -> Tokens:
        tokens = tuple((n, t, w) for n, s in enumerate(corpus.sentences) for t, w in enumerate(s.words))
        seen: set[str] = set()
        new, unique = [], [0]
        for _, _, w in tokens:
            new.append(w not in seen)
            seen.add(w)
            unique.append(len(seen))
        return cls(corpus, tokens, tuple(new), tuple(unique))


@dataclass(frozen=True, eq=False)
class OneHotState(Stepping):
    """Where the reading is after `step` tokens. The vocabulary is the corpus's own, built as it
    is read, or a loaded model's (--weights), given: then each word is looked up in it."""

    read: Tokens
    step: int = 0
    given: Vocabulary | None = None   # a loaded model's vocabulary; None: the corpus's, built here

    @property
    def corpus(self) -> Corpus:
        return self.read.corpus

    @property
    def vocab(self) -> Vocabulary:
        return self.given if self.given is not None else self.corpus.vocab

    @property
    def built(self) -> bool:
        """The vocabulary is built from the corpus as it is read (not a loaded model's)."""
        return self.given is None

    @property
    def unknown(self) -> int:
        """The corpus's unique words the vocabulary lacks (they read as <unk>): 0 when built here."""
        if self.built:
            return 0
        return sum(1 for w in {w for _, _, w in self.read.tokens} if w not in self.vocab)

    @property
    def total(self) -> int:
        return len(self.read.tokens)

    @property
    def last_step(self) -> int:
        return self.total

    @property
    def seen(self) -> int:
        """How many words of vocab.words (in first-seen order) have been read."""
        return self.read.unique[self.step]

    @property
    def current(self) -> tuple[int, int, str] | None:
        return self.read.tokens[self.step - 1] if self.step else None

    @property
    def word(self) -> str | None:
        return self.current[2] if self.current else None

    @property
    def index(self) -> int | None:
        return self.vocab.index(self.word) if self.word is not None else None

    @property
    def is_new(self) -> bool:
        return bool(self.step) and self.read.new[self.step - 1]

    @property
    def done(self) -> bool:
        return self.step == self.total

    @property
    def subtitle(self) -> str:
        return "corpus → tokens → vocabulary → one-hot"

    @property
    def caption(self) -> str:
        if not self.built:
            return self._looked_up()
        words, V = len(self.vocab.words), self.vocab.size
        if not self.step:
            return (f"Our corpus: {count(len(self.corpus.sentences), 'sentence')}. → reads it word by word; "
                    "every word read is a token.")
        w = self.word
        if self.done:
            was = "new" if self.is_new else "seen before"
            return (f"All {count(self.total, 'token')} read (the last, '{w}', was {was}): only "
                    f"{count(words, 'unique word')}, so V = {words:,} + {UNK} = {V:,}.")
        if self.is_new:
            return f"'{w}' is new: it gets index {self.index:,}; its one-hot vector has a 1 in column {self.index:,}."
        return f"'{w}' again: it keeps index {self.index:,}, the same one-hot vector; the vocabulary does not grow."

    def _looked_up(self) -> str:
        """The captions with a loaded model's vocabulary: each word is looked up, not added."""
        V = self.vocab.size
        if not self.step:
            return (f"Our corpus: {count(len(self.corpus.sentences), 'sentence')}. The loaded model brings its own "
                    f"vocabulary of {V:,}: → looks each word up.")
        if self.done:
            return (f"All {count(self.total, 'token')} read: {count(self.seen, 'unique word')}, "
                    f"{self.unknown:,} of them unknown to the model (read as {UNK}); its V = {V:,}.")
        w, i = self.word or "", self.index
        if w in self.vocab and i is not None:
            return f"'{w}' is word {i + 1:,} of the model's {V:,}: a 1 in column {i:,} (columns count from 0)."
        if i is None:
            return f"'{w}' is not among the model's {V:,} words, and it has no {UNK}: the zero vector."
        return f"'{w}' is not among the model's {V:,} words: it reads as {UNK}, column {i:,}."


def make_state(corpus: Corpus, previous: OneHotState | None, given: Vocabulary | None = None) -> OneHotState:
    """The same place in the same corpus and vocabulary; the start of a new one. `given`: a loaded
    model's vocabulary, which the words are looked up in instead of building the corpus's own."""
    if previous is not None and previous.corpus is corpus and previous.given is given:
        return previous
    return OneHotState(Tokens.of(corpus), given=given)


GAP = None  # in a list of columns: a run of columns left out, drawn as "…"
GAP_WIDTH = 2  # "…" and a space


def window(widths: Sequence[int], focus: int | None, keep: Sequence[int], room: int) -> list[int | None]:
    """The columns of a one-hot vector to draw in `room` characters, each widths[c] + 1 wide.
    Every column if they fit; else the hot column (`focus`), then the `keep` columns (the rows
    above's hot words, most recent first), then the focus's neighbours, nearest first, both
    sides, while they fit. In index order, with GAP where a run of zero columns is left out,
    so a vocabulary of 5,000 shows the hot word among its neighbours and where it sits."""
    if sum(w + 1 for w in widths) <= room:
        return list(range(len(widths)))
    centre = focus if focus is not None else (keep[0] if keep else 0)
    chosen: set[int] = set()

    def drawn(cols: set[int]) -> list[int | None]:
        out: list[int | None] = []
        for c in sorted(cols):
            if (out and out[-1] is not None and c > out[-1] + 1) or (not out and c > 0):
                out.append(GAP)
            out.append(c)
        if out and out[-1] is not None and out[-1] < len(widths) - 1:
            out.append(GAP)
        return out

    def width(cols: list[int | None]) -> int:
        return sum(GAP_WIDTH if c is None else widths[c] + 1 for c in cols)

    def neighbours() -> Iterator[int]:
        yield centre
        for d in range(1, len(widths)):
            yield from (c for c in (centre - d, centre + d) if 0 <= c < len(widths))

    for c in ([focus] if focus is not None else []) + list(keep):
        if c not in chosen and width(drawn(chosen | {c})) <= room:
            chosen.add(c)
    for c in neighbours():
        if c in chosen:
            continue
        if width(drawn(chosen | {c})) > room:
            break
        chosen.add(c)
    return drawn(chosen)
