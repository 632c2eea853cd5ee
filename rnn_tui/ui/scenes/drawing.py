"""Drawing helpers the lesson scenes share: whole words, columns that fit, counts, shares."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.text import Text

from rnn_tui.ui.safe import user_text

# Re-exported: the boards' words too.
from rnn_tui.ui.state.wording import count as count, is_lecture as is_lecture, pct as pct


class Drawn:
    """A drawing laid out for the width Textual gives it, so measuring and painting agree."""

    def __init__(self, draw: Callable[[int], RenderableType]) -> None:
        self._draw = draw

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Drawn while Textual lays the screen out, outside the panes' render() guard: a bug in one
        # board must leave a sign in that board, not end the lecture.
        try:
            drawing = self._draw(max(20, options.max_width))
        except Exception as error:  # noqa: BLE001 - shown in the board, logged for us
            logging.getLogger("rnn_tui").exception("a board could not be drawn")
            drawing = user_text(f"⚠ this board could not be drawn ({type(error).__name__}: {error})")
        yield drawing


def lines(rows: Sequence[Text]) -> Text:
    return Text("\n").join(rows)


def whole_words(words: Sequence[str], width: int) -> str:
    """As many whole words as fit in `width`, with " …" when some are left out. Never cuts a
    word in two, unless the first alone is too long for the width."""
    if len(" ".join(words)) <= width:
        return " ".join(words)
    kept: list[str] = []
    for w in words:
        if len(" ".join(kept + [w])) + 2 > width:
            break
        kept.append(w)
    if not kept:
        return words[0][: max(1, width - 1)] + "…"
    return " ".join(kept) + " …"


def fit_columns(labels: Sequence[str], room: int, focus: int | None = None,
                keep: Sequence[int] = ()) -> list[int]:
    """The columns (indices into `labels`) to draw in `room` characters, each len(label) + 1
    wide. All of them if they fit; else the focus column, then the `keep` columns nearest to
    it, then any others nearest to it, while they fit. Returned in index order."""
    every = list(range(len(labels)))

    def width(cols: Iterable[int]) -> int:
        return sum(len(labels[c]) + 1 for c in cols)

    if width(every) <= room:
        return every
    centre = focus if focus is not None else (min(keep) if keep else 0)
    keep_set = set(keep)
    order = sorted(every, key=lambda c: (c != focus, c not in keep_set, abs(c - centre), c))
    chosen: list[int] = []
    used = 0
    for c in order:
        w = len(labels[c]) + 1
        if used + w > room:
            break  # stop at the first that does not fit, so the columns stay in runs
        chosen.append(c)
        used += w
    return sorted(chosen)
