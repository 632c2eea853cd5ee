"""The base of every pane of the Unroll scene. The scene binds its state to each pane's `state`
(`data_bind`); a pane redraws only when its own part of the state changed (its `key()`).

Panes draw line by line (Textual's Line API): `lines(state)` gives the pane's lines as Rich Text,
and a pane with a row per hidden unit gives them lazily, so only the rows on screen are ever
drawn and a step costs the same at H = 8 and H = 1,024. After a step each line on screen is
compared with what it was, and only the cells that changed are repainted: a step writes the
digits and bars that moved, not every line of every pane."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import overload

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.css.query import NoMatches
from textual.css.styles import RulesMap
from textual.errors import NoWidget
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import RenderOptions, Visual, visualize

from rnn_tui.ui.render import partial
from rnn_tui.ui.render.changed import changed_spans
from rnn_tui.ui.render.strips import LineStrips
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.widgets.styled import Styled

partial.install()  # without it Textual writes each changed line from the pane's left edge


def _changed_cells(old: str | None, new: str, width: int) -> tuple[int, int] | None:
    """The cells [start, end) of a border title that differ between `old` and `new`, when both
    are plain, one cell a character, and fit the border whole; else None (draw and compare)."""
    if old is None or "[" in old + new or "\\" in old + new or max(len(old), len(new)) + 2 > width:
        return None
    if cell_len(old) != len(old) or cell_len(new) != len(new):
        return None
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    # A common ending stands in the same cells only when both have one length: a shorter title
    # shifts it left, and the cells it leaves must be repainted too (they held the old ending).
    tail = 0
    while len(old) == len(new) and tail < len(old) - same and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return same, max(len(old), len(new)) - tail


def _changed_runs(old: str | None, new: str, width: int) -> list[tuple[int, int]] | None:
    """The runs of cells [start, end) of a border title that differ between `old` and `new` when
    both are plain, one cell a character and as long as each other, but too long for the border
    (`_changed_cells` takes those that fit): Textual cuts both at the same cell and ends them
    with the same '…', so only characters that differ before the cut can look different. Runs
    fewer than changed.JOIN cells apart are one (changed_spans); None for any other pair (draw and compare)."""
    if old is None or len(old) != len(new) or "[" in old + new or "\\" in old + new:
        return None
    if cell_len(old) != len(old) or cell_len(new) != len(new):
        return None
    shown = max(0, min(len(new), width - 2))  # what the border shows, and a cell or two more
    return changed_spans([Segment(old[:shown])], [Segment(new[:shown])])


ROWS_AT_ONCE = 24  # rows drawn together when one comes on screen (a scroll brings the next ones)


def _line_key(text: Text) -> Hashable:
    """What a line's strip depends on, as `Text.join` reads it (its plain text, style, spans)."""
    return text.plain, text.style, tuple(text.spans)


class UnitLines(Sequence[Text]):
    """A head line, then a row per unit, each drawn only when asked for (and then kept)."""

    def __init__(self, head: Text, count: int, draw: Callable[[int], Text]) -> None:
        self._head, self._count, self._draw = head, count, draw
        self._drawn: dict[int, Text] = {}

    def __len__(self) -> int:
        return 1 + self._count

    @overload
    def __getitem__(self, y: int) -> Text: ...
    @overload
    def __getitem__(self, y: slice) -> Sequence[Text]: ...

    def __getitem__(self, y: int | slice) -> Text | Sequence[Text]:
        if isinstance(y, slice):
            return [self[i] for i in range(*y.indices(len(self)))]
        if y < 0:
            y += len(self)
        if not 0 <= y < len(self):
            raise IndexError(y)
        if y == 0:
            return self._head
        if y not in self._drawn:
            self._drawn[y] = self._draw(y - 1)
        return self._drawn[y]


class Pane(Styled):
    """Subclasses say what they depend on in `key()` and draw it in `lines()`."""

    WHOLE_SEGMENTS = False  # repaint a changed run of one style whole, not only its changed characters

    state: reactive[UnrollState | None] = reactive(None, init=False, repaint=False)
    """The scene's state, bound from `UnrollScene.state`; `show` decides what to repaint."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._key: Hashable = None
        self._trace: object = None  # the trace last drawn: a new one needs a new layout
        self._content: Sequence[Text] | None = None  # what the pane shows now, drawn for self._width
        self._strips: dict[int, Strip] = {}  # those lines as Textual draws them, once asked for
        self._count = 0  # lines on screen: a Text longer than the pane wraps (not a row per unit)
        self._width = 0
        self._titles: tuple[str | None, str | None] = (None, None)
        # The strips of the lines drawn last, by line: a step changes some lines and leaves the
        # rest (a heading, the words, the 0% rows), and those need not be converted again.
        self._kept: dict[int, tuple[Hashable, Strip]] = {}
        self._kept_width = 0
        self._line_strips: LineStrips | None = None  # converts lines that fit, styles worked out once

    # ---- what subclasses say ------------------------------------------------------------------

    def key(self, state: UnrollState) -> tuple[Hashable, ...]:
        # The trace itself, not its id(): an id can be reused once a trace is dropped. The width:
        # a wider pane draws longer bars and more words.
        return (state.trace, state.cursor, state.phase_index, state.hidden, self.size.width)

    def lines(self, state: UnrollState) -> Sequence[Text]:
        """The pane's lines, one Text each (no line breaks inside)."""
        return []

    def after_show(self, state: UnrollState) -> None:
        """A hook for panes that set their border title from the state (with `set_titles`)."""

    # ---- following the state ------------------------------------------------------------------

    def on_resize(self) -> None:
        self.redraw()

    def watch_state(self, state: UnrollState | None) -> None:
        if state is not None:
            self.show(state)

    def show(self, state: UnrollState) -> bool:
        """Redraw only if this pane's part of `state` changed; repaint only the cells that
        changed. Returns whether anything was redrawn."""
        self._restyled()
        key = self.key(state)
        if key == self._key:
            return False
        new_trace = state.trace is not self._trace
        self._key, self._trace = key, state.trace
        before, before_strips, width = self._content, (self._strips, self._count), self._width
        self._draw(state)
        self.after_show(state)
        auto = self.styles.height is None or self.styles.height.is_auto
        grown = before_strips[1] != self._count and auto  # its height follows its lines (the caption)
        if before is None or new_trace or grown or width != self._width:
            # A new model or sentence, a new height: all of it, laid out again (the panes' heights
            # follow the model's H and the caption's length).
            self.refresh(layout=True)
        else:
            self._repaint_changed(*before_strips)
        return True

    def redraw(self) -> None:
        """Draw and repaint all of it (after a resize: what fits has changed)."""
        self._key = None
        if self.state is not None and self.show(self.state):
            self.refresh(layout=True)  # a pane's height may follow its width (a caption that wraps)

    def _restyled(self) -> None:
        """New colours (a theme): the lines are drawn again. Looked at when the pane is next
        drawn or painted, once every style has been applied (not in notify_style_update, when a
        colour that follows its parent's may still be the old one)."""
        if self.restyled():
            self._content, self._strips, self._kept = None, {}, {}

    def _draw(self, state: UnrollState) -> None:
        self._width = self.size.width
        self._strips = {}
        try:
            self._content = self.lines(state)
        except Exception as error:  # noqa: BLE001 - a bug in one drawing must not end the class
            self._content = [self.failed(error)]
        if isinstance(self._content, UnitLines):  # drawn line by line, as they come on screen
            self._count = len(self._content)
        else:  # a few lines, drawn whole now: a long one wraps, as in any Textual widget
            texts = list(self._content)
            kept = self._convert(texts, 0)
            if kept is not None:
                self._strips, self._count = kept, len(texts)
                return
            strips = self._to_strips(Text("\n").join(texts), None)
            self._strips = dict(enumerate(strips))
            self._count = len(strips)

    def _convert(self, texts: Sequence[Text], first: int) -> dict[int, Strip] | None:
        """The strips of lines first, first + 1, ... (`texts`), each line one strip: those that
        are as last drawn kept, the others converted together (Textual's conversion costs about as
        much for one line as for twenty). Lines not converted go in empty, so each keeps its own
        line number (text selection reads it). None when a line wraps (or a selection is shown):
        then the caller draws them the ordinary way."""
        width = self.size.width
        if self._kept_width != width:
            self._kept, self._kept_width = {}, width
        if self.text_selection is not None or not texts:
            return None
        kept = self._kept
        keys = [_line_key(text) for text in texts]
        strips: dict[int, Strip] = {}
        missing: list[int] = []
        for y, key in enumerate(keys, first):
            old = kept.get(y)
            if old is not None and old[0] == key:
                strips[y] = old[1]
            else:
                missing.append(y)
        if missing:
            drawn = self._fast_strips(texts, first, missing, width)
            if drawn is None:
                last, wanted = missing[-1], set(missing)
                joined = Text("\n").join([texts[y - first] if y in wanted else Text() for y in range(last + 1)])
                drawn = dict(enumerate(self._to_strips(joined, None)))
                if len(drawn) != last + 1:  # a line wrapped: not one strip a line
                    return None
            for y in missing:
                strips[y] = drawn[y]
                kept[y] = (keys[y - first], drawn[y])
        return strips

    def _fast_strips(self, texts: Sequence[Text], first: int, missing: list[int],
                     width: int) -> dict[int, Strip] | None:
        """The strips of lines `missing` (of `texts`, from line `first`) as `_to_strips` would
        draw them joined, each converted on its own (`LineStrips`); None unless every one of them
        fits the pane unwrapped, in a pane drawn plainly (left-aligned, no selection or links)."""
        styles = self.styles
        if (width <= 0 or self.auto_links
                or styles.content_align != ("left", "top") or styles.text_align not in ("left", "start")
                or styles.line_pad):
            return None
        app, base = self.app, self.visual_style
        maker = self._line_strips
        if maker is None or maker.base != base or maker.ansi_theme is not app.ansi_theme:
            maker = self._line_strips = LineStrips(base, app.console.get_style, app.ansi_theme)
        alone = missing[-1] == 0  # the only line of the text Textual would convert
        drawn: dict[int, Strip] = {}
        for y in missing:
            text = texts[y - first]
            strip = maker.strip(text, y, alone) if cell_len(text.plain) <= width else None
            if strip is None:
                return None
            drawn[y] = strip
        return drawn

    def _to_strips(self, text: Text, height: int | None) -> list[Strip]:
        """`text` as Textual draws a widget's render(): the same styles, wrapped or cut the same.
        When every line fits, Textual's word wrapping (most of the conversion's time after the
        styles) finds nothing to break: it is skipped, and each line drawn as it is."""
        visual: Visual = visualize(self, text, markup=False)
        width, styles = self.size.width, self.styles
        if (isinstance(visual, Content) and self.text_selection is None and not self.auto_links
                and styles.content_align == ("left", "top") and styles.text_align != "justify"
                and max(map(cell_len, text.plain.split("\n"))) <= width - 2 * styles.line_pad):
            rules: RulesMap = {"text_wrap": "nowrap", "text_overflow": styles.text_overflow,
                     "text_align": styles.text_align, "line_pad": styles.line_pad}
            return visual.render_strips(width, height, self.visual_style, RenderOptions(self._get_style, rules))
        return Visual.to_strips(self, visual, width, height, self.visual_style)

    # ---- drawing: Textual's Line API ----------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._restyled()
        strip = self._strips.get(y)
        if strip is None:
            strip = self._strips[y] = self._strip(y)
        return strip

    def _strip(self, y: int) -> Strip:
        width = self.size.width
        if self._content is None and self.state is not None:
            self._draw(self.state)
            if y in self._strips:
                return self._strips[y]
        lines = self._content
        if not isinstance(lines, UnitLines) or y >= len(lines) or width <= 0:
            return Strip.blank(width, self.visual_style.rich_style)
        self._draw_rows(range(y, y + ROWS_AT_ONCE))  # the rows that come on screen with it
        return self._strips[y]

    def _draw_rows(self, rows: range) -> None:
        """Draw the rows in `rows` not drawn yet, as one Text: Textual's conversion costs about as
        much for one line as for twenty. Lines above them go in empty, so each row keeps its own
        line number (text selection reads it)."""
        lines = self._content
        assert isinstance(lines, UnitLines)
        missing = [y for y in rows if y < len(lines) and y not in self._strips]
        if not missing:
            return
        first, last = missing[0], missing[-1]
        texts: list[Text] = [Text()] * first
        for y in range(first, last + 1):
            try:
                texts.append(lines[y])
            except Exception as error:  # noqa: BLE001 - one row that fails shows where it is
                texts.append(self.failed(error))
        kept = self._convert(texts[first:], first)
        if kept is not None:
            for y, strip in kept.items():
                self._strips.setdefault(y, strip)
            return
        strips = self._to_strips(Text("\n").join(texts), None)
        if len(strips) != last + 1:  # a row too long for the pane wrapped: one at a time, cut
            strips = [*strips[:first], *(self._to_strips(text, 1)[0] for text in texts[first:])]
        for y in range(first, last + 1):
            self._strips.setdefault(y, strips[y])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.state is None:
            return 1
        self._restyled()
        if self._content is None:
            self._draw(self.state)
        return self._count

    def render(self) -> Text:
        """The whole pane as one Text, rows off screen empty (what tests read; Textual draws render_line)."""
        self._restyled()
        if self._content is None and self.state is not None:
            self._draw(self.state)
        lines = self._content
        if lines is None:
            return Text("")
        shown = self._on_screen(len(lines))
        return Text("\n").join(lines[y] if y in shown else Text() for y in range(len(lines)))

    # ---- repainting only what changed ---------------------------------------------------------

    def _on_screen(self, count: int) -> range:
        """The lines (from 0) on screen now, one to spare each side; all of them if unknown."""
        try:
            geometry = self.screen.find_widget(self)
        except (NoWidget, NoMatches, AttributeError):
            return range(count)
        shown = geometry.region.intersection(geometry.clip)
        top = shown.y - self.content_region.y  # in the pane's content lines
        return range(max(0, top - 1), min(count, top + shown.height + 1))

    def _repaint_changed(self, before: dict[int, Strip], before_count: int) -> None:
        """Repaint the cells that differ from what was drawn: for each line on screen, the runs of
        cells that changed; lines off screen are only marked stale (that writes nothing). A pane
        of a set height (one-hot, output) is blank below its lines."""
        width, height = self.size
        count = min(max(self._count, before_count), max(self._count, height))
        shown = self._on_screen(count)
        blank = Strip.blank(width, self.visual_style.rich_style)
        regions = []
        if shown.start > 0:
            regions.append(Region(0, 0, width, shown.start))
        if shown.stop < count:
            regions.append(Region(0, shown.stop, width, count - shown.stop))
        if isinstance(self._content, UnitLines):
            self._draw_rows(shown)
        for y in shown:
            old, new = before.get(y) if y < before_count else blank, self.render_line(y)
            if old is None:
                regions.append(Region(0, y, width, 1))
                continue
            if old is new:  # a line kept as it was drawn
                continue
            spans = changed_spans(old, new, whole_segments=self.WHOLE_SEGMENTS)
            regions += [Region(x1, y, x2 - x1, 1) for x1, x2 in spans]
        if regions:
            self.refresh(*regions)

    def set_titles(self, title: str, subtitle: str | None = None) -> None:
        """The border's title and subtitle. Textual repaints the whole pane when either is set; a
        step changes a subscript or two in them, so only those cells are repainted."""
        if (title, subtitle) == self._titles:
            return
        old_title, self._titles = self._titles[0], (title, subtitle)
        if not self.is_mounted or self.outer_size.height == 0:
            self.border_title, self.border_subtitle = title, subtitle
            return
        width, height = self.outer_size
        bottom = subtitle is not None and self.styles.border_bottom[0] not in ("", "none", "hidden")
        rows = [0, height - 1] if bottom else [0]  # without a bottom border the subtitle is not drawn
        left = self.styles.border_title_align == "left"
        quick = _changed_cells(old_title, title, width) if left and not bottom else None
        runs = _changed_runs(old_title, title, width) if left and not bottom and not quick else None
        before = [] if quick or runs is not None else [self.render_lines(Region(0, y, width, 1))[0] for y in rows]
        # As Textual's setters store them, without their repaint of the whole pane.
        self._border_title = self.render_str(title).expand_tabs(4).split()[0]
        self._border_subtitle = None if subtitle is None else self.render_str(subtitle).expand_tabs(4).split()[0]
        offset = self.content_offset
        if quick:  # a left-aligned title starts after the border's first cell
            runs = [quick]
        if runs is not None:
            for start, end in runs:
                self.refresh(Region(1 + start - offset.x, -offset.y, end - start, 1))
            return
        for y, old in zip(rows, before, strict=True):
            self._styles_cache.set_dirty(Region(0, y, width, 1))  # drawn again with the new title
            new = self.render_lines(Region(0, y, width, 1))[0]
            for x1, x2 in changed_spans(old, new):
                self.refresh(Region(x1 - offset.x, y - offset.y, x2 - x1, 1))

    # ---- for panes with a row per unit -----------------------------------------------------------

    @property
    def scroller(self) -> ScrollableContainer | None:
        """The scroll container the pane sits in (its parent, or the parent's), if any."""
        for node in (self.parent, getattr(self.parent, "parent", None)):
            if isinstance(node, ScrollableContainer):
                return node
        return None

    def unit_rows(self, head: Text, count: int, draw: Callable[[int], Text]) -> UnitLines:
        """`head`, then draw(j) for each of `count` rows, each drawn only once it is on screen."""
        return UnitLines(head, count, draw)

    def failed(self, error: Exception) -> Text:
        """A failed drawing, shown in its own pane and once as an error notice; the app goes on."""
        self.log.error(f"{type(self).__name__} failed to draw: {error!r}")
        if getattr(self, "_failed", None) != repr(error):  # say it once, not every frame
            self._failed = repr(error)
            self.app.call_later(self.app.notify, f"{type(error).__name__}: {error}",
                                title=f"{type(self).__name__} failed; the app goes on", severity="error", timeout=8)
        return Text(f"⚠ this pane could not be drawn ({type(error).__name__})")
