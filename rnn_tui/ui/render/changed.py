"""Where two drawings of a line differ, cell by cell: a pane repaints only those cells, so a step
writes little more than what changed (a digit, a bar) instead of every line it touches whole."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.segment import Segment

JOIN = 8  # changed runs fewer cells apart are written as one: a cursor move costs about as much


def changed_spans(old: Iterable[Segment], new: Iterable[Segment], join: int = JOIN,
                  whole_segments: bool = False) -> list[tuple[int, int]]:
    """The cell ranges [start, end) in which `new` differs from `old` (a character or its style),
    in order; ranges less than `join` cells apart are joined. Empty when the two look the same.
    `whole_segments`: a segment with a changed character counts as changed whole ("t=3/5", not "3")."""
    a = [s for s in old if not s.control and s.text]
    b = [s for s in new if not s.control and s.text]
    if a == b:
        return []
    plain_a, plain_b = "".join(s.text for s in a), "".join(s.text for s in b)
    wide_a, wide_b = cell_len(plain_a), cell_len(plain_b)
    if wide_a != len(plain_a) or wide_b != len(plain_b):  # a wide character: the whole line
        return [(0, max(wide_a, wide_b))]
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        if spans and start - spans[-1][1] < join:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))

    if len(a) == len(b) and [len(s.text) for s in a] == [len(s.text) for s in b]:
        # The usual step: the same runs, in the same cells, some with new digits or colours.
        x = 0
        for (ta, style_a, _), (tb, style_b, _) in zip(a, b):  # noqa: B905 - as long, just checked
            if style_a is not style_b and style_a != style_b:
                add(x, x + len(ta))
            elif ta != tb:
                if whole_segments:
                    add(x, x + len(ta))
                else:
                    for k, (ca, cb) in enumerate(zip(ta, tb)):  # noqa: B905 - as long
                        if ca != cb:
                            add(x + k, x + k + 1)
            x += len(ta)
        return spans

    i = j = 0
    sa = sb = 0  # where a[i] and b[j] start
    while i < len(a) and j < len(b):
        ta, tb = a[i].text, b[j].text
        ea, eb = sa + len(ta), sb + len(tb)
        lo, hi = max(sa, sb), min(ea, eb)
        if lo < hi:
            if a[i].style != b[j].style:
                add(lo, hi)
            else:
                pa, pb = ta[lo - sa:hi - sa], tb[lo - sb:hi - sb]
                if pa != pb and whole_segments:
                    add(lo, hi)
                elif pa != pb:
                    for k in range(hi - lo):
                        if pa[k] != pb[k]:
                            add(lo + k, lo + k + 1)
        if ea <= eb:
            i, sa = i + 1, ea
        if eb <= ea:
            j, sb = j + 1, eb
    rest_a = sa + sum(len(s.text) for s in a[i:])
    rest_b = sb + sum(len(s.text) for s in b[j:])
    if rest_a != rest_b:  # one is longer: its tail is new (or gone)
        add(min(rest_a, rest_b), max(rest_a, rest_b))
    return spans
