"""Textual writes a partial update (the regions refreshed since the last frame) line by line, but
from the left edge of the widget each region lies in, not from the region's start: a pane that
refreshes the one digit that changed at column 40 still has its line written from column 0
(Textual 8.2, `ChopsUpdate.render_segments`). `install()` makes it start where the region starts,
as its own `__rich_console__` path already does, so a step writes what changed and little more.
The cells left out are those Textual itself marked unchanged: the screen looks the same.

It also asks each widget for only the rows a partial update writes in it: Textual asks every
widget in the rectangle around all the changed regions (after a step, most of the screen) for all
of its lines, then writes only the changed cells, so a step ran every line of every pane, changed
or not, through the line filters and cropping again (`Compositor._render_chops`). A widget hidden
behind those in front of it, where cells are written, is not asked at all.

Private Textual (and Rich) names used here are pinned by tests/test_pane_lines.py (a partial update
writes what Textual's own writes) and tests/test_line_strips.py (a cut line as Strip.crop cuts it)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.console import Console
from rich.control import Control
from rich.style import Style as RichStyle
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

_ORIGINAL = ChopsUpdate.render_segments
_ORIGINAL_PARTIAL = Compositor.render_partial_update


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
            append(move_to(start, y).segment.text)
            if (start, stop) == (x, end):
                append(strip.render(console))
            else:
                append(render_cropped(strip, start - x, stop - x, console))
        if y != last_y:
            append("\n")
    return "".join(sequences)


def render_cropped(strip: Strip, start: int, end: int, console: Console) -> str:
    """`strip.crop(start, end).render(console)`, step for step as Strip.crop cuts: for a strip
    of one-cell characters (nearly every line here) the texts are sliced and written straight,
    without the cropped Strip (and its seven caches) made to be written once. Any other strip
    goes Textual's way."""
    cell_length = strip.cell_length
    start, end = max(0, start), min(cell_length, end)
    segments = list(strip)
    if (start == 0 and end == cell_length or sum(len(text) for text, _, _ in segments) != cell_length
            or not all(_one_cell_each(text) for text, _, _ in segments)):
        return strip.crop(start, end).render(console)
    if end <= start:
        return ""
    color_system = console._color_system or ColorSystem.TRUECOLOR  # as Strip.render reads it
    render_style = Strip.render_style
    index, position = 0, 0
    while position + len(segments[index].text) <= start:  # to the segment that reaches start
        position += len(segments[index].text)
        index += 1
    first = (segments[index].text[start - position:], segments[index].style)
    rest = [(text, style) for text, style, _ in segments[index + 1:]]
    pieces: list[tuple[str, RichStyle | None]] = [first, *rest]
    if end < cell_length:  # up to the segment that reaches end, cut there
        pieces, position = [], start
        for text, style in [first, *rest]:
            if position + len(text) >= end:
                pieces.append((text[:end - position], style))
                break
            pieces.append((text, style))
            position += len(text)
    return "".join(text if style is None else render_style(style, text, color_system) for text, style in pieces)


@lru_cache(maxsize=4096)
def _one_cell_each(text: str) -> bool:
    """Whether every character of `text` takes one cell (none wide, none of no width)."""
    return text.isascii() and text.isprintable() or all(get_character_cell_size(c) == 1 for c in text)


def _render_rows(self: Compositor, crop: Region,
                 spans: dict[int, list[tuple[int, int]]]) -> list[dict[int, Strip | None]]:
    """Compositor._render_chops, each widget rendered only on the rows where it shows in a cell
    that is written (`spans`: the [x1, x2) written on each row), each run of such rows at once.
    Textual's renders all of a widget's rows in the rectangle around every change, and drops the
    rows and cells not written; a chop left out here is one `_render_segments` does not write."""
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    crop_overlaps = crop.overlaps
    for widget, (region, clip) in self.visible_widgets.items():  # front to back: the first strip wins
        if not crop_overlaps(clip):
            continue
        shown = region.intersection(clip)
        if not shown.width or not shown.height:
            continue
        left, right = shown.x, shown.right
        rows = [y for y in range(max(shown.y, crop.y), min(shown.bottom, crop.bottom))
                if y in spans and _wanted(cuts[y], chops[y], spans[y], left, right)]
        first_cut, last_cut = shown.column_span
        for top, bottom in _runs(rows):
            strips = widget.render_lines(Region(shown.x - region.x, top - region.y, shown.width, bottom - top))
            for y, strip in zip(range(top, bottom), strips):  # noqa: B905 - as Textual pairs them
                chops_line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                for cut, piece in zip(final_cuts, _divided(strip, [cut - shown.x for cut in final_cuts[1:]])):  # noqa: B905
                    if chops_line.get(cut) is None:
                        chops_line[cut] = piece
    return chops


def _divided(strip: Strip, cuts: list[int]) -> Sequence[Strip]:
    """`strip.divide(cuts)`, without Textual's cache where the strip is one piece whole: that
    cache holds [strip] in the strip itself, a reference cycle, so every line a step wrote whole
    was left for the cyclic collector (about a thousand objects a step)."""
    if [cut for cut in cuts if cut <= strip.cell_length] == [strip.cell_length]:
        return [strip]
    return strip.divide(cuts)


def _wanted(cuts: list[int], chops: dict[int, Strip | None], spans: list[tuple[int, int]],
            left: int, right: int) -> bool:
    """Whether a widget that spans columns [left, right) of a row shows in a cell written there:
    a chop of its columns that a written span reaches and no widget in front of it has filled."""
    for cut, end in zip(cuts, cuts[1:]):  # noqa: B905 - a cut and the next
        if cut >= right:
            break
        if cut >= left and chops[cut] is None and any(x1 < end and x2 > cut for x1, x2 in spans):
            return True
    return False


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Rows in order as runs [top, bottom) of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for y in rows:
        if runs and runs[-1][1] == y:
            runs[-1] = (runs[-1][0], y + 1)
        else:
            runs.append((y, y + 1))
    return runs


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """Compositor.render_partial_update, with `_render_rows` in place of `_render_chops`."""
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(list(update_regions)).intersection(self.size.region)
    spans = list(self._regions_to_spans(update_regions))
    by_row: dict[int, list[tuple[int, int]]] = {}
    for y, x1, x2 in spans:
        by_row.setdefault(y, []).append((x1, x2))
    chops = _render_rows(self, crop, by_row)
    chop_ends = [cut_set[1:] for cut_set in self.cuts]
    return ChopsUpdate(chops, spans, chop_ends)


def install() -> None:
    """Use `_render_segments` and `_render_partial_update` for every partial update (once).
    Textual is kept within 8.x (pyproject)."""
    if ChopsUpdate.render_segments is _ORIGINAL:
        ChopsUpdate.render_segments = _render_segments  # type: ignore[method-assign]
    if Compositor.render_partial_update is _ORIGINAL_PARTIAL:
        Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
