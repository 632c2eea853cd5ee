"""Text bars for signed values and probabilities, readable without colour."""

from __future__ import annotations

from collections.abc import Iterable

from rnn_tui.ui.state.wording import signed

EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar(fraction: float, width: int) -> str:
    """A left-aligned bar filling `fraction` (0..1) of `width` cells, to an eighth of a cell."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


def signed_bar(value: float, half: int) -> str:
    """A bar out from a centre axis: left for negative, right for positive, |value| <= 1.
    Negative bars use whole cells (partial blocks only grow rightwards)."""
    v = min(max(value, -1.0), 1.0)
    if v < 0:
        n = round(-v * half)
        return " " * (half - n) + "█" * n + "│" + " " * half
    return " " * half + "│" + bar(v, half)


def fmt(value: float) -> str:
    """Always signed, two decimals, so the sign reads in monochrome; rounded half up, and a
    value that rounds to zero reads " 0.00", never "-0.00" (see `wording.signed`). A value of
    1,000 or more (from weights far larger than training makes) as a power of ten in no more
    cells than +1.00: +3e6."""
    if abs(value) < 999.995:
        return signed(value)
    return f"{value:+.0e}".replace("e+0", "e").replace("e+", "e").replace("e-0", "e-")


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Iterable[float], low: float = -1.0, high: float = 1.0) -> str:
    """One character per value on a fixed scale (tanh's -1..1), so units compare fairly."""
    span = high - low
    return "".join(SPARKS[min(7, max(0, int((min(max(v, low), high) - low) / span * 7.999)))] for v in values)
