"""Lines that fit their width: a line is made of parts, and the parts that may be cut are cut in
a set order, each ending in a visible "…", so what matters most (a warning, a model's name)
stays whole at 80 columns and a larger terminal shows more. Rich Text in, Rich Text out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

ELLIPSIS = "…"


@dataclass(frozen=True)
class Part:
    text: Text | str
    cut: int = 0     # 0: never cut; otherwise parts are cut in this order, 1 first
    keep: int = 1    # cells it keeps when cut, the "…" included; 0: it goes altogether (a word that helps, no more)
    style: str | Style = ""


def cut_to(text: Text, width: int) -> Text:
    """`text` in at most `width` cells, ending in "…" when anything was left out."""
    if text.cell_len <= width:
        return text
    if width <= 0:
        return Text()
    short = text.copy()
    short.truncate(width, overflow="ellipsis")
    return short


def fit(parts: Sequence[Part | Text | str], width: int) -> Text:
    """The parts side by side in `width` cells: cut parts first in their order (to `keep` cells),
    and if that is not enough, the whole line ends in "…"."""
    items = [p if isinstance(p, Part) else Part(p) for p in parts]
    whole = [p.text if isinstance(p.text, Text) else Text(p.text, p.style) for p in items]
    texts = list(whole)
    over = sum(t.cell_len for t in texts) - width
    orders = sorted({p.cut for p in items if p.cut})
    for order in orders:
        for i, p in enumerate(items):
            if over <= 0:
                break
            if p.cut != order:
                continue
            length = texts[i].cell_len
            room = 0 if p.keep == 0 else max(min(p.keep, length), length - over)
            if room < length:
                texts[i] = cut_to(texts[i], room)
                over -= length - texts[i].cell_len
    # A part dropped whole may leave room over: give it back to the parts cut before, last cut first.
    for order in reversed(orders):
        for i, p in enumerate(items):
            if over >= 0 or p.cut != order or texts[i].cell_len == whole[i].cell_len:
                continue
            length = texts[i].cell_len
            room = min(whole[i].cell_len, length - over)
            if p.keep == 0 and room < whole[i].cell_len:
                continue  # all or nothing
            texts[i] = cut_to(whole[i], room)
            over += texts[i].cell_len - length
    for i in range(1, len(texts)):  # one "…" says it: a part cut to nothing after a cut part goes
        if texts[i].plain == ELLIPSIS and Text().join(texts[:i]).plain.endswith(ELLIPSIS):
            texts[i] = Text()
    line = Text().join(texts)
    line.no_wrap, line.overflow = True, "ellipsis"
    return cut_to(line, width)
