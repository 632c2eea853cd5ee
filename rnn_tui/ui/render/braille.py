"""Braille dot drawing: a character cell holds 2x4 dots (U+2800..U+28FF), so a 32x12 cell
plot has 64x48 dots. Canvas is pure (no Textual); Plot stacks canvases and text markers into
styled Rich Text rows, the later layer on top, so a plot can read without colour."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from rich.style import Style
from rich.text import Text

BLANK = "\u2800"  # the braille cell with no dots
# The bit of each dot in a cell, by [dot row][dot column] (Unicode's dots 1-8).
BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


class Canvas:
    """width x height character cells, (2 * width) x (4 * height) dots; (0, 0) is top-left.
    Dots outside the canvas are ignored, so a line may run off the edge."""

    def __init__(self, width: int, height: int) -> None:
        if width < 1 or height < 1:
            raise ValueError(f"a canvas needs at least one cell, got {width}x{height}")
        self.width, self.height = width, height
        self._cells = bytearray(width * height)

    @property
    def dot_width(self) -> int:
        return 2 * self.width

    @property
    def dot_height(self) -> int:
        return 4 * self.height

    def _inside(self, x: int, y: int) -> bool:
        return 0 <= x < self.dot_width and 0 <= y < self.dot_height

    def set(self, x: int, y: int) -> None:
        x, y = int(x), int(y)
        if self._inside(x, y):
            self._cells[(y // 4) * self.width + x // 2] |= BITS[y % 4][x % 2]

    def get(self, x: int, y: int) -> bool:
        x, y = int(x), int(y)
        return self._inside(x, y) and bool(self._cells[(y // 4) * self.width + x // 2] & BITS[y % 4][x % 2])

    def line(self, x0: int, y0: int, x1: int, y1: int) -> None:
        """Every dot on the straight line from (x0, y0) to (x1, y1), both ends included."""
        x0, y0, x1, y1 = int(x0), int(y0), int(x1), int(y1)
        n = max(abs(x1 - x0), abs(y1 - y0))
        for i in range(n + 1):
            f = i / n if n else 0.0
            self.set(round(x0 + (x1 - x0) * f), round(y0 + (y1 - y0) * f))

    def filled(self, col: int, row: int) -> bool:
        return bool(self._cells[row * self.width + col])

    def char(self, col: int, row: int) -> str:
        return chr(0x2800 + self._cells[row * self.width + col])

    def rows(self) -> list[str]:
        """One string of braille characters per cell row (U+2800 where a cell has no dot)."""
        return ["".join(self.char(c, r) for c in range(self.width)) for r in range(self.height)]

    def render(self, style: str | Style = "") -> list[Text]:
        return [Text(row, style=style) for row in self.rows()]


def to_dots(points: npt.ArrayLike, lo: npt.ArrayLike, hi: npt.ArrayLike, dot_width: int,
            dot_height: int) -> npt.NDArray[np.int_]:
    """(N, 2) data points to (N, 2) integer dots, x rightwards and y upwards as on paper:
    lo maps to the bottom-left dot, hi to the top-right; points outside are clamped to the edge."""
    p = np.atleast_2d(np.asarray(points, dtype=np.float64))
    low, high = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
    span = np.where(high > low, high - low, 1.0)
    f = np.clip((p - low) / span, 0.0, 1.0)
    x = np.rint(f[:, 0] * (dot_width - 1))
    y = np.rint((1.0 - f[:, 1]) * (dot_height - 1))
    return np.stack([x, y], axis=1).astype(int)


class Plot:
    """Layers over a width x height grid of cells: braille canvases and single-character marks.
    What is drawn later covers what is under it, cell by cell."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self._cells: list[list[tuple[str, str | Style]]] = [[(" ", "")] * width for _ in range(height)]

    def draw(self, canvas: Canvas, style: str | Style = "") -> None:
        for r in range(min(self.height, canvas.height)):
            for c in range(min(self.width, canvas.width)):
                if canvas.filled(c, r):
                    self._cells[r][c] = (canvas.char(c, r), style)

    def mark(self, col: int, row: int, char: str, style: str | Style = "") -> None:
        if 0 <= col < self.width and 0 <= row < self.height:
            self._cells[row][col] = (char, style)

    def render(self) -> list[Text]:
        rows = []
        for cells in self._cells:
            row = Text(no_wrap=True, overflow="crop")
            for char, style in cells:
                row.append(char, style)
            rows.append(row)
        return rows
