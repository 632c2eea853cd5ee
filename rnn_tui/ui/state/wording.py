"""Words for figures, shared by the captions (in the states) and the boards: counts, shares."""

from __future__ import annotations

from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus


def sub(n: int | str) -> str:
    """Subscript digits, as on the board: h₂."""
    return str(n).translate(str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋"))


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 word", "12 words", "1,361 tokens". """
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def pct(share: float) -> str:
    """A share as a percentage, never rounded to 0% or 100% unless it is exactly that."""
    for digits in (0, 1, 2, 3):
        text = f"{share:.{digits}%}"
        if not (0 < share < 1 and float(text[:-1]) in (0.0, 100.0)):
            break
    return text


def is_lecture(corpus: Corpus) -> bool:
    """The three sentences on the board, so the board's own figures can be quoted."""
    return corpus.sentences == LECTURE_CORPUS.sentences
