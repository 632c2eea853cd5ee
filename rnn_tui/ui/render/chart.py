"""Column charts drawn with block characters, an eighth of a cell at a time."""

from __future__ import annotations

import math
from collections.abc import Sequence

BLOCKS = " ▁▂▃▄▅▆▇█"


def columns(heights: Sequence[float], rows: int, width: int = 1) -> list[str]:
    """Rows of text, top first, for columns whose heights are fractions 0..1 of the chart."""
    lines = []
    for r in range(rows - 1, -1, -1):
        line = []
        for h in heights:
            eighths = round(max(0.0, min(1.0, h)) * rows * 8) - r * 8
            line.append(BLOCKS[max(0, min(8, eighths))] * width)
        lines.append("".join(line))
    return lines


def log_heights(values: Sequence[float], decades: int = 8) -> tuple[list[float], float, float]:
    """Heights on a log scale spanning `decades` below the largest value, so 1e-5 and 1 both show."""
    top = max([v for v in values if v > 0] or [1.0])
    low = top / 10**decades
    span = math.log10(top) - math.log10(low)
    return [0.0 if v <= low else (math.log10(v) - math.log10(low)) / span for v in values], low, top


def on_log_axis(value: float, floor: float, top: float) -> float:
    """The height (0..1) of a value on a fixed log axis from `floor` to `top`: the same value is
    always drawn at the same height, whatever else is on the chart. Below the floor: 0; above
    the top (or not finite): 1."""
    if not math.isfinite(value) or value >= top:
        return 1.0
    if value <= floor:
        return 0.0
    return (math.log10(value) - math.log10(floor)) / (math.log10(top) - math.log10(floor))


def thinned(values: Sequence[float], room: int) -> tuple[list[int], list[float]]:
    """At most `room` of the values, evenly spaced and always keeping the last, with their
    indices: a history of 200 epochs drawn in 60 columns, never wrapped."""
    n = len(values)
    if n <= room:
        return list(range(n)), list(values)
    picked = sorted({round((i + 1) * n / room) - 1 for i in range(room)})
    return picked, [values[i] for i in picked]
