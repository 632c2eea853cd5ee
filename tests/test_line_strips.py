"""A pane's lines drawn without Textual's per-line style arithmetic (render/strips.py, issue 15)
are what Textual draws, segment for segment: text, colours, attributes and the `offset` each
segment carries for text selection."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Span, Text
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from rnn_tui.ui.render.changed import changed_spans
from rnn_tui.ui.render.partial import render_cropped
from rnn_tui.ui.render.strips import LineStrips
from rnn_tui.ui.widgets.equation import Equation
from rnn_tui.ui.widgets.output import Output
from rnn_tui.ui.widgets.pane import Pane

from helpers import drive

CONSOLE = Console()
BASE = Style.parse("#e0e0e0 on #101820")
WIDTH = 40


def textual_strips(texts: list[Text], width: int = WIDTH):
    """Textual's own conversion of the lines, as a pane's `_to_strips` asks for it unwrapped."""
    content = Content.from_rich_text(Text("\n").join(texts), console=CONSOLE)
    rules = {"text_wrap": "nowrap", "text_overflow": "fold", "text_align": "left", "line_pad": 0}
    return content.render_strips(width, None, BASE, RenderOptions(Style.parse, rules))


def segments(strip):
    """A strip as comparable values: Rich styles compare equal with the same colours,
    attributes, link and meta (the offset among them)."""
    return [(s.text, s.style, s.style.meta if s.style else None, s.control) for s in strip]


styles = st.sampled_from([
    RichStyle(bold=True), RichStyle(color="red"), RichStyle(color="#33cc66", bgcolor="grey11"),
    RichStyle(dim=True, italic=True), RichStyle(reverse=True), "bold magenta", "underline",
    RichStyle(meta={"@click": "app.bell"}), RichStyle(link="https://example.org"), "",
])
words = st.text(alphabet="ab ·│▆█₁₂+-.0", max_size=8)


@st.composite
def lines(draw):
    text = Text(style=draw(styles))
    for _ in range(draw(st.integers(0, 5))):
        text.append(draw(words), style=draw(st.one_of(st.none(), styles)))
    length = len(text.plain)
    for _ in range(draw(st.integers(0, 3))):  # overlapping spans, some covering nothing
        start = draw(st.integers(0, length))
        text.spans.append(Span(start, draw(st.integers(start, length)), draw(styles)))
    return text


@settings(max_examples=200, deadline=None)
@given(st.lists(lines(), min_size=1, max_size=6))
def test_lines_are_drawn_as_textual_draws_them(texts):
    expected = textual_strips(texts)
    convert = LineStrips(BASE, CONSOLE.get_style, None)
    for y, text in enumerate(texts):
        strip = convert.strip(text, y, alone=len(texts) == 1)
        if strip is None:  # one it leaves to Textual: spans that cover nothing, alone
            assert len(texts) == 1
            continue
        assert segments(strip) == segments(expected[y]), (y, text, text.spans)
        assert strip.cell_length == expected[y].cell_length
        if not any(s.style.link for s in strip):  # a link's id differs from one drawing to the next
            assert strip.render(CONSOLE) == expected[y].render(CONSOLE)  # the same bytes on the terminal


def test_a_line_it_cannot_say_is_left_to_textual():
    convert = LineStrips(BASE, CONSOLE.get_style, None)
    assert convert.strip(Text("a\tb"), 0) is None  # a tab
    assert convert.strip(Text("a\nb"), 0) is None  # two lines
    spilling = Text("ab")
    spilling.spans.append(Span(1, 5, "bold"))  # a span past its end would reach the next line
    assert convert.strip(spilling, 0) is None


def test_the_panes_draw_every_line_on_screen_as_textual_does():
    async def script(pilot, app):
        await pilot.press("right", "right", "down", "left")
        compared = 0
        for pane in app.screen.query(Pane):
            text = pane.render()
            shown = text.plain.split("\n")
            textual = textual_strips_of(pane, text)
            for y, strip in pane._strips.items():
                if y < len(shown) and shown[y]:  # on screen (rows off screen are blank in render())
                    assert segments(strip) == segments(textual[y]), (type(pane).__name__, y)
                    compared += 1
        converters = [pane for pane in app.screen.query(Pane) if pane._line_strips is not None]
        assert compared > 20 and len(converters) >= 4, (compared, converters)

    drive("unroll", script)


def textual_strips_of(pane, text):
    from textual.visual import Visual, visualize
    return Visual.to_strips(pane, visualize(pane, text), pane.size.width, None, pane.visual_style)


# ---- which cells changed, when a step keeps the runs where they were (render/changed.py) -----------

def one_cell_each(line: list[Segment]) -> list[Segment]:
    return [Segment(c, s.style) for s in line for c in s.text]


@st.composite
def aligned(draw):
    """Two drawings of a line with runs of the same lengths: new characters or colours in some."""
    parts = draw(st.lists(st.tuples(st.text(alphabet="ab·", min_size=1, max_size=5),
                                    st.sampled_from([None, SEG_BOLD, SEG_BLUE])), min_size=1, max_size=6))
    old = [Segment(text, style) for text, style in parts]
    new = [Segment("".join(draw(st.sampled_from("ab·")) if draw(st.booleans()) else c for c in text),
                   draw(st.sampled_from([style, style, SEG_BOLD]))) for text, style in parts]
    return old, new


SEG_BOLD, SEG_BLUE = RichStyle(bold=True), RichStyle(color="blue")


@given(aligned())
def test_runs_in_the_same_cells_change_as_any_others(lines):
    old, new = lines
    # Cut into single cells, the same line goes the general way: the same cells must come out.
    assert changed_spans(old, new) == changed_spans(old, one_cell_each(new))


def test_text_dragged_over_in_a_pane_is_the_text_selected():
    """Textual finds the character under the pointer from the `offset` in each segment's style."""
    async def script(pilot, app):
        await pilot.press("right")
        for pane, (x1, y1), (x2, y2) in ((app.screen.query_one(Output), (2, 1), (12, 2)),
                                         (app.screen.query_one(Equation), (3, 2), (9, 4))):
            lines = pane.render().plain.split("\n")
            region = pane.content_region
            await pilot.mouse_down(None, (region.x + x1, region.y + y1))
            await pilot.hover(None, (region.x + x2, region.y + y2))
            await pilot.mouse_up(None, (region.x + x2, region.y + y2))
            await pilot.pause()
            expected = "\n".join([lines[y1][x1:], *lines[y1 + 1:y2], lines[y2][:x2 + 1]])
            assert app.screen.get_selected_text() == expected, type(pane).__name__
            assert pane._line_strips is not None  # drawn by LineStrips, not Textual's conversion

    drive("unroll", script)


# ---- a chop cut to what a partial update writes (render/partial.py) ----------------------------------

narrow_texts = st.text(alphabet="ab │█₁", max_size=6)
any_texts = st.text(alphabet="ab │█₁名\u0301\x1b", max_size=6)  # some wide, of no width, a control


def strips_of(texts):
    return st.lists(st.tuples(texts, st.sampled_from([None, SEG_BOLD, SEG_BLUE])), max_size=6).map(
        lambda parts: Strip([Segment(text, style) for text, style in parts]))


@given(st.one_of(strips_of(narrow_texts), strips_of(any_texts)), st.data(), st.sampled_from(["256", "truecolor"]))
def test_a_cut_line_writes_what_textuals_crop_writes(strip, data, colours):
    console = Console(color_system=colours, force_terminal=True)
    start = data.draw(st.integers(-1, strip.cell_length + 1))
    end = data.draw(st.integers(start - 1, strip.cell_length + 1))
    assert render_cropped(strip, start, end, console) == strip.crop(start, end).render(console)


def test_a_step_repaints_every_cell_of_a_border_title_it_changed():
    """A title too long for its border (the output pane's at 80x24, cut with '…') as well as
    those that fit: each cell that looks different after a step is one the step repaints."""
    async def script(pilot, app):
        panes = list(app.screen.query(Pane))
        for key in ["right"] * 4 + ["down"] * 3 + ["left"] * 4:
            before = {pane: pane.render_lines(Region(0, 0, pane.outer_size.width, 1))[0] for pane in panes}
            refreshed: dict[Pane, list[Region] | None] = {pane: [] for pane in panes}
            for pane in panes:
                def spy(*regions, _pane=pane, _refresh=pane.refresh, _seen=refreshed, **kwargs):
                    offset = _pane.content_offset  # regions in the content's cells; the border is around
                    if not regions:
                        _seen[_pane] = None  # all of it
                    elif _seen[_pane] is not None:
                        _seen[_pane] += [region.translate(offset) for region in regions]
                    return _refresh(*regions, **kwargs)
                pane.refresh = spy
            await pilot.press(key)
            for pane in panes:
                del pane.refresh
                pane._styles_cache.clear()
                after = pane.render_lines(Region(0, 0, pane.outer_size.width, 1))[0]
                regions = refreshed[pane]
                for x1, x2 in changed_spans(before[pane], after, join=0):
                    assert regions is None or all(any(r.contains(x, 0) for r in regions) for x in range(x1, x2)), (
                        key, type(pane).__name__, (x1, x2), regions)

    drive("unroll", script)


def test_the_installed_rich_styles_are_filled_in_directly() -> None:
    """With a Rich whose styles have other attributes the panes still draw right (Textual's own
    method makes each style) but a step costs more: this says so when Rich changes."""
    from rnn_tui.ui.render import strips

    assert strips._FILLED_IN
