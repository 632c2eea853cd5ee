"""Every letter readable on a projector: text contrast measured on the running app, cell by cell.

The tours (tests/test_tour.py) measure every scene, at 80x24 in both themes and at 120x40 and
160x50 in one each, with this file's measure: every cell that draws a letter or digit is
taken with the colours the compositor writes (after Textual's own filters, with `reverse` and `dim`
applied as a terminal would), and its WCAG contrast ratio must be at least 4.5:1 (AA), both in
truecolor and after both colours are downgraded to 256 colours, the way Textual's driver does for
a terminal without COLORTERM (SSH). On failure the worst cells are listed.

With NO_COLOR, Textual turns every colour into a grey: what colour marked (a future step, a lit
term) must then still show, by a style a monochrome terminal draws.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from rich.color import Color as RichColor, ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.constants import DIM_FACTOR

from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.scenes import NAMES
from rnn_tui.ui.session import Session
from rnn_tui.ui.widgets.styled import Styled

SIZE = (80, 24)
AA = 4.5
RGB = tuple[int, int, int]


# ---- the WCAG 2 contrast ratio ----

def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: RGB, bg: RGB) -> float:
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast((18, 18, 18), (18, 18, 18)) == 1


# ---- what the terminal shows in each cell ----

@dataclass(frozen=True)
class Run:
    """Letters or digits of one segment, with the colours the terminal draws them in."""
    where: str
    text: str
    fg: RGB
    bg: RGB

    def ratio(self) -> float:
        return contrast(self.fg, self.bg)


def _rgb(color: RichColor | None, default: RGB) -> RGB:
    if color is None or color.is_default:
        return default
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def _blend(fg: RGB, bg: RGB, factor: float) -> RGB:
    """What `dim` looks like: Textual's DimFilter blends the colour towards the background."""
    (r, g, b), (r0, g0, b0) = fg, bg
    return (round(r0 + (r - r0) * factor), round(g0 + (g - g0) * factor), round(b0 + (b - b0) * factor))


def cell_colours(style: Style | None, default_fg: RGB, default_bg: RGB) -> tuple[RGB, RGB]:
    """(foreground, background) as drawn: unset colours are the terminal's, reverse swaps, dim fades."""
    if style is None:
        return default_fg, default_bg
    fg, bg = _rgb(style.color, default_fg), _rgb(style.bgcolor, default_bg)
    if style.dim:
        fg = _blend(fg, bg, DIM_FACTOR)
    if style.reverse:
        fg, bg = bg, fg
    return fg, bg


def eight_bit(rgb: RGB) -> RGB:
    """The colour a 256-colour terminal shows for it (Rich's downgrade, as Textual's driver does)."""
    triplet = RichColor.from_rgb(*rgb).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def screen_segments(app: RnnApp) -> Iterator[tuple[int, Segment]]:
    """(row, segment) of the whole terminal, as the compositor writes it (Textual has no public API
    for this; its filters have run, transparent backgrounds are blended)."""
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            if not segment.control:
                yield y, segment


def readable_runs(app: RnnApp, where: str) -> Iterator[Run]:
    """Every run of letters and digits on screen with its final colours."""
    ansi = app.ansi_theme_dark if app.current_theme.dark else app.ansi_theme_light
    fg0, bg0 = ansi.foreground_color, ansi.background_color
    default_fg: RGB = (fg0.red, fg0.green, fg0.blue)  # an unset colour: the terminal's own
    default_bg: RGB = (bg0.red, bg0.green, bg0.blue)
    for y, segment in screen_segments(app):
        text = "".join(ch for ch in segment.text if ch.isalnum())
        if text:
            fg, bg = cell_colours(segment.style, default_fg, default_bg)
            yield Run(f"{where} row {y}", text, fg, bg)


# ---- every scene, and the states of Unroll that draw differently ----

Script = Callable[[Any, RnnApp], Awaitable[None]]


async def _nothing(pilot: Any, app: RnnApp) -> None:
    pass


def _keys(*keys: str) -> Script:
    async def press(pilot: Any, app: RnnApp) -> None:
        await pilot.press(*keys)
        await pilot.pause()
    return press


# (label, scene, what to do there). Unroll: a step, a sub-step with a lit term, guess mode with the
# step's results hidden, the folded cell, and the help and unit screens over it.
VIEWS: list[tuple[str, str, Script]] = [(name, name, _nothing) for name in NAMES] + [
    ("unroll step 2", "unroll", _keys("right")),
    ("unroll sub-step", "unroll", _keys("down", "down")),
    ("unroll guess", "unroll", _keys("g", "right")),
    ("unroll folded", "unroll", _keys("f")),
    ("unroll help", "unroll", _keys("question_mark")),
    ("unroll unit", "unroll", _keys("i")),
]


async def _visit(app: RnnApp, pilot: Any, scene: str, script: Script) -> None:
    while len(app.screen_stack) > 1:  # close a help screen left open
        app.pop_screen()
    await app.switch_mode(scene)
    await pilot.pause()
    await script(pilot, app)
    await pilot.pause()


def collect(theme: str, views: list[tuple[str, str, Script]] = VIEWS, *,
            visit: Callable[[RnnApp, str], None] | None = None) -> list[Run]:
    """One app session in `theme` that shows every view and gathers its readable cells."""
    runs: list[Run] = []

    async def main() -> None:
        app = RnnApp(Session(), scene=views[0][1])
        app.animation_level = "none"
        async with app.run_test(size=SIZE) as pilot:
            app.theme = theme
            await pilot.pause()
            for label, scene, script in views:
                await _visit(app, pilot, scene, script)
                runs.extend(readable_runs(app, f"{label} ({theme})"))
                if visit:
                    visit(app, label)

    asyncio.run(main())
    return runs


def worst(runs: list[Run], depth: Callable[[RGB], RGB]) -> list[tuple[float, Run]]:
    """The runs under 4.5:1 at this colour depth, worst first, one per (text, colours)."""
    seen: dict[tuple[str, RGB, RGB], tuple[float, Run]] = {}
    for run in runs:
        fg, bg = depth(run.fg), depth(run.bg)
        ratio = contrast(fg, bg)
        key = (run.text, fg, bg)
        if ratio < AA and key not in seen:
            seen[key] = (ratio, Run(run.where, run.text, fg, bg))
    return sorted(seen.values(), key=lambda pair: pair[0])


def report(failures: list[tuple[float, Run]], limit: int = 25) -> str:
    def hex_(rgb: RGB) -> str:
        return "#{:02x}{:02x}{:02x}".format(*rgb)
    lines = [f"{len(failures)} runs of text under {AA}:1; the worst:"]
    lines += [f"  {ratio:4.2f}:1  {hex_(run.fg)} on {hex_(run.bg)}  {run.text[:30]!r:32}  {run.where}"
              for ratio, run in failures[:limit]]
    return "\n".join(lines)


def truecolor(rgb: RGB) -> RGB:
    return rgb


# ---- NO_COLOR: what colour marks, a style marks too ----

# The pane styles whose meaning colour carries, and what must show instead when colour is gone.
# positive/negative need nothing more: every signed number is written with its sign.
VISIBLE = ("bold", "italic", "underline", "reverse")
MARKED = ("future", "muted", "hot", "current", "active", "heading")


def _marks(style: Style) -> frozenset[str]:
    return frozenset(name for name in VISIBLE if getattr(style, name))


def test_no_color_keeps_every_distinction(monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR, the future and muted steps still differ from the current and plain ones, and a
    lit term still stands out, by a style a monochrome terminal draws. Also: the screen is still
    legible (Textual's monochrome filter turns colours to greys; they must keep 4.5:1)."""
    monkeypatch.setenv("NO_COLOR", "1")
    found: dict[str, frozenset[str]] = {}
    plain: set[frozenset[str]] = set()

    def visit(app: RnnApp, label: str) -> None:
        assert app.no_color
        for pane in app.screen.query(Styled):
            plain.add(_marks(pane.rich_style))
            for name in MARKED:
                found.setdefault(name, _marks(pane.style(name)))

    views = [view for view in VIEWS if view[1] == "unroll"]
    runs = collect("textual-dark", views, visit=visit) + collect("textual-light", views[:1], visit=visit)
    assert found, "no Styled pane on screen"
    for name, marks in found.items():
        assert marks and marks not in plain, f"pane--{name} looks like plain text without colour: {set(marks)}"
    assert found["future"] != found["current"]
    assert found["hot"] != found["future"]
    failures = worst(runs, truecolor)
    assert not failures, report(failures)
