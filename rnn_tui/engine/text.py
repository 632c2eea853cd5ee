"""Words, vocabulary and one-hot vectors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from rnn_tui.engine.errors import InputError

UNK = "<unk>"  # any word the vocabulary has not seen
EOS = "<eos>"  # end of sentence: a next-word model's last target, and where generation stops

# A word is a run of letters (any script) or digits: [^\W_] is \w without the underscore.
# Combining marks (accents, Devanagari and Thai vowel signs, Arabic harakat) are not \w, so a
# candidate run also takes any other non-ASCII, non-space character; _split_run then keeps the
# marks with the letter before them and splits at everything else (non-ASCII punctuation).
_RUN = re.compile(r"(?:[^\W_]|[^\w\s\x00-\x7f])+")


MAX_TYPED_WORDS = 200  # a typed sentence longer than this is cut, and the app says so


def typed_sentence(text: str) -> tuple[str, str | None]:
    """A sentence typed in the app, checked: (the text to use, a note when it was cut).
    Raises InputError when it has no words."""
    words = tokenize(text)
    if not words:
        raise InputError("that sentence has no words (letters or digits)")
    if len(words) > MAX_TYPED_WORDS:
        return " ".join(words[:MAX_TYPED_WORDS]), f"kept the first {MAX_TYPED_WORDS} words"
    return text, None


def tokenize(text: str) -> list[str]:
    """Lowercase words; whitespace and punctuation separate them."""
    words: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFC", text.lower())):
        if run.isalnum():
            words.append(run)
        else:
            words.extend(_split_run(run))
    return words


def _split_run(run: str) -> list[str]:
    words, word = [], ""
    for ch in run:
        if ch.isalnum() or (word and unicodedata.category(ch).startswith("M")):
            word += ch
        else:
            if word:
                words.append(word)
            word = ""
    if word:
        words.append(word)
    return words


@dataclass(frozen=True)
class Vocabulary:
    """Tokens in first-seen order; position i is the hot index of a one-hot vector.

    `<unk>` comes after the words seen in the corpus, so the lecture's words keep
    their board order. A vocabulary loaded from someone else's weights may lack it:
    then an unknown word has no column and reads as the zero vector.
    """

    tokens: tuple[str, ...]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {tok: i for i, tok in enumerate(self.tokens)})

    @classmethod
    def build(cls, sentences: Iterable[Sequence[str]], min_count: int = 1) -> Vocabulary:
        """The words in first-seen order, then <unk>. Words seen fewer than `min_count` times are
        left out and read as <unk>, so training learns what an unknown word means."""
        counts: dict[str, int] = {}
        for words in sentences:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        counts.pop(UNK, None)
        return cls(tuple(w for w, n in counts.items() if n >= min_count) + (UNK,))

    @property
    def size(self) -> int:
        """V: the length of a one-hot vector (the words plus any special tokens)."""
        return len(self.tokens)

    @property
    def words(self) -> tuple[str, ...]:
        """The unique words, without special tokens: the lecture's 8."""
        return tuple(t for t in self.tokens if t not in (UNK, EOS))

    def __contains__(self, word: str) -> bool:
        return word in self._index

    def index(self, word: str) -> int | None:
        """The hot index of `word`: its own, else `<unk>`'s, else None (no column)."""
        i = self._index.get(word)
        return i if i is not None else self._index.get(UNK)

    def encode(self, words: Sequence[str]) -> list[int | None]:
        return [self.index(w) for w in words]

    def shown(self, word: str) -> str:
        """How a word reads once encoded: itself if known, else `<unk>`."""
        return word if word in self._index else UNK

    def one_hot(self, word: str) -> np.ndarray:
        x = np.zeros(self.size)
        i = self.index(word)
        if i is not None:
            x[i] = 1.0
        return x

    def bag_of_words(self, words: Sequence[str]) -> np.ndarray:
        """Counts per token: what an order-blind model sees."""
        bag = np.zeros(self.size)
        for i in self.encode(words):
            if i is not None:
                bag[i] += 1
        return bag
