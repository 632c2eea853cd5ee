"""Words for figures, shared by the captions (in the states) and the boards: counts, shares,
signed values. Every figure is rounded by one rule, half up as on paper (87.5% reads 88%,
92.5% reads 93%), not Python's round-half-even, and a value that rounds to zero has no sign."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus


def sub(n: int | str) -> str:
    """Subscript digits, as on the board: h₂."""
    return str(n).translate(str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋"))


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 word", "12 words", "1,361 tokens". """
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def half_up(value: float | Decimal, digits: int = 0) -> Decimal:
    """`value` to `digits` decimals, halves away from zero, taken as the decimal it prints as
    (0.125 -> 0.13, where Python's round and format give 0.12: the float is a hair below)."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def fixed(value: float, digits: int = 2) -> str:
    """`value` with `digits` decimals, rounded half up; never "-0.00"."""
    d = half_up(value, digits)
    return f"{abs(d) if d == 0 else d:,.{digits}f}"


def signed(value: float, digits: int = 2) -> str:
    """Always signed, so the sign reads in monochrome: "+0.12", "-0.50"; a value that rounds to
    zero has no sign to give and reads " 0.00", the same width."""
    d = half_up(value, digits)
    return f" {abs(d):.{digits}f}" if d == 0 else f"{d:+.{digits}f}"


def percent(share: float, digits: int = 0) -> str:
    """A share as a percentage, rounded half up: percent(0.875) is "88%", percent(0.925) "93%"."""
    return f"{half_up(Decimal(repr(float(share))).scaleb(2), digits):.{digits}f}%"


def pct(share: float) -> str:
    """A share as a percentage, never rounded to 0% or 100% unless it is exactly that."""
    for digits in (0, 1, 2, 3):
        text = percent(share, digits)
        if not (0 < share < 1 and float(text[:-1]) in (0.0, 100.0)):
            break
    return text


def is_lecture(corpus: Corpus) -> bool:
    """The three sentences on the board, so the board's own figures can be quoted."""
    return corpus.sentences == LECTURE_CORPUS.sentences
