"""Textual writes a partial update (the regions refreshed since the last frame) line by line, but
from the left edge of the widget each region lies in, not from the region's start: a pane that
refreshes the one digit that changed at column 40 still has its line written from column 0
(Textual 8.2, `ChopsUpdate.render_segments`). `install()` makes it start where the region starts,
as its own `__rich_console__` path already does, so a step writes what changed and little more.
The cells left out are those Textual itself marked unchanged: the screen looks the same."""

from __future__ import annotations

from rich.console import Console
from rich.control import Control
from textual._compositor import ChopsUpdate

_ORIGINAL = ChopsUpdate.render_segments


def _render_segments(self: ChopsUpdate, console: Console) -> str:
    """ChopsUpdate.render_segments, each chop cut to the span on both sides."""
    sequences: list[str] = []
    append = sequences.append
    move_to = Control.move_to
    chops, chop_ends = self.chops, self.chop_ends
    last_y = self.spans[-1][0]
    for y, x1, x2 in self.spans:
        for end, (x, strip) in zip(chop_ends[y], chops[y].items()):  # noqa: B905 - as Textual pairs them
            if strip is None or x >= x2 or end <= x1:
                continue
            start, stop = max(x, x1), min(end, x2)
            if (start, stop) != (x, end):
                strip = strip.crop(start - x, stop - x)
            append(move_to(start, y).segment.text)
            append(strip.render(console))
        if y != last_y:
            append("\n")
    return "".join(sequences)


def install() -> None:
    """Use `_render_segments` for every partial update (once). Textual is kept within 8.x (pyproject)."""
    if ChopsUpdate.render_segments is _ORIGINAL:
        ChopsUpdate.render_segments = _render_segments  # type: ignore[method-assign]
