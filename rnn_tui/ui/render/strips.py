"""A pane's lines (Rich Text, one line each) as Textual Strips, the same segment for segment as
Textual makes them (`Content.from_rich_text`, then `Content.render_strips` without wrapping)
when a line fits the pane. Textual works out every segment's style again from the line's spans,
for every line, every step: the style arithmetic (converting the Rich styles, combining them on
the widget's style) was about a quarter of a step's CPU. The same few span styles recur line
after line, so here it is done once for each run of spans and kept; a line then costs a slice
and a style carrying its cell offset (the `offset` meta Textual's text selection reads)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import count
from pickle import dumps  # as Rich stores a style's meta
from random import getrandbits
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.terminal_theme import TerminalTheme
from rich.text import Span, Text
from textual.strip import Strip
from textual.style import Style

# A Rich style with meta gets a link id unique in the process (Rich counts from a random start);
# Textual reads it only to highlight links, but the ids are kept unique as Rich keeps them.
_link_ids = count(getrandbits(24))
_new_rich_style = RichStyle.__new__
# Every attribute a Rich style has, as `_Piece.at` fills them in. A Rich with other attributes
# (rich is not pinned) gets its styles made by Textual's own method instead: slower, never wrong.
_RICH_SLOTS = {"_color", "_bgcolor", "_attributes", "_set_attributes", "_link", "_link_id", "_ansi",
               "_style_definition", "_hash", "_null", "_meta"}
_FILLED_IN = set(getattr(RichStyle, "__slots__", ())) == _RICH_SLOTS

LAYOUTS_KEPT = 1024  # runs of spans remembered (a pane has a few dozen; a scroll brings more)
OFFSETS_KEPT = 4096  # styles remembered for one run's style, by cell (more than a 160x50 pane has)


class _Piece:
    """A run of a line's characters in one style: Textual's final style for it, that style as
    Rich draws it without the offset, and the Rich styles made from it so far, by offset. The
    same style object for the same cell each step lets what follows keep its work: Rich's hash
    and SGR codes, the line filter's cache of converted styles."""

    __slots__ = ("at_offset", "link", "meta", "rich", "style")

    def __init__(self, style: Style) -> None:
        self.style = style
        self.rich = style.rich_style_with_offset(0, 0)
        self.meta: dict[str, Any] = dict(style.meta)
        self.link = bool(self.rich._link)
        self.at_offset: dict[tuple[int, int], RichStyle] = {}

    def at(self, x: int, y: int) -> RichStyle:
        """`self.style.rich_style_with_offset(x, y)`, from the style worked out once."""
        style = self.at_offset.get((x, y))
        if style is not None:
            return style
        if self.link or not _FILLED_IN:  # a link keeps its own id: drawn the way Textual draws it
            return self.style.rich_style_with_offset(x, y)
        template = self.rich
        style = _new_rich_style(RichStyle)
        style._ansi = None
        style._style_definition = None
        style._color = template._color
        style._bgcolor = template._bgcolor
        style._attributes = template._attributes
        style._set_attributes = template._set_attributes
        style._link = None
        style._meta = meta = dumps({**self.meta, "offset": (x, y)})
        style._link_id = f"{next(_link_ids)}{hash(meta)}"
        style._hash = None
        style._null = False
        if len(self.at_offset) >= OFFSETS_KEPT:
            self.at_offset.clear()
        self.at_offset[x, y] = style
        return style


Layout = Sequence[tuple[int, int, _Piece]]


class LineStrips:
    """Converts lines for one widget style (`base`, the widget's `visual_style`), Rich styles
    read with `get_style` (the app console's) and ANSI colours mapped with `ansi_theme`, as
    `Content.from_rich_text` does."""

    def __init__(self, base: Style, get_style: Callable[[str], RichStyle], ansi_theme: TerminalTheme | None) -> None:
        self.base, self._get_style, self.ansi_theme = base, get_style, ansi_theme
        self._converted: dict[object, Style] = {}
        self._combined: dict[tuple[object, ...], _Piece] = {}
        self._layouts: dict[tuple[object, ...], Layout | None] = {}

    def strip(self, text: Text, y: int, alone: bool = False) -> Strip | None:
        """Line `y` of a widget's text as Textual draws it, or None where this does not say
        (a line with tabs, line breaks or other control characters, or odd spans): then the
        caller converts it Textual's way. `alone`: the only line of the text converted."""
        plain = text.plain
        if not plain.isprintable():
            return None
        spans: tuple[Span, ...] = tuple(text.spans)
        if text.style:  # as `Text.join` puts a line's own style: a span before its spans
            spans = (Span(0, len(plain), text.style), *spans)
        key = (len(plain), alone, spans)
        layout = self._layouts.get(key)
        if layout is None:
            if key in self._layouts:
                return None
            layout = self._layout(len(plain), spans, alone)
            if len(self._layouts) >= LAYOUTS_KEPT:
                self._layouts.clear()
            self._layouts[key] = layout
            if layout is None:
                return None
        segments = [Segment(plain[start:end], piece.at(start, y)) for start, end, piece in layout]
        return Strip(segments, cell_len(plain))

    def _layout(self, length: int, spans: tuple[Span, ...], alone: bool) -> Layout | None:
        """The runs of one style in a line of `length` characters with `spans`. As Textual cuts a
        text into lines, a span that covers nothing is dropped, and with it any cut it makes; a
        line converted alone keeps them (None: let Textual do it)."""
        if any(start < 0 or end > length or start > end for start, end, _ in spans):
            return None  # it would reach into the next line: Textual's way
        if alone and any(start == end for start, end, _ in spans):
            return None
        spans = tuple(span for span in spans if span.end > span.start)
        if not spans:
            return ((0, length, self._piece(())),)
        cuts = sorted({0, length, *(span.start for span in spans), *(span.end for span in spans)})
        layout = []
        for start, end in zip(cuts, cuts[1:]):  # noqa: B905 - each cut and the next
            active = tuple(span.style for span in spans if span.start <= start and end <= span.end)
            layout.append((start, end, self._piece(active)))
        return tuple(layout)

    def _piece(self, active: tuple[object, ...]) -> _Piece:
        """Textual's style for characters under the spans of styles `active` (in span order):
        the widget's style, then each span's, combined (`Content.render`), and the widget's style
        again beneath (`_FormattedLine.to_strip`)."""
        piece = self._combined.get(active)
        if piece is None:
            combined = Style.combine([self.base, *map(self._convert, active)])
            piece = self._combined[active] = _Piece(self.base + combined)
        return piece

    def _convert(self, style: object) -> Style:
        """A span's Rich style (or style name) as `Content.from_rich_text` converts it."""
        converted = self._converted.get(style)
        if converted is None:
            rich = self._get_style(style) if isinstance(style, str) else style
            assert isinstance(rich, RichStyle)
            converted = self._converted[style] = Style.from_rich_style(rich, self.ansi_theme)
        return converted
