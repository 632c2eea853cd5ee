"""One tour per terminal size: one app walks every scene (and, in Unroll and Topologies, every
topology) and, at each stop, runs the checks of what is on screen there that used to start an app
each (starting the app and mounting its ten scenes was most of what they cost).

At every stop of every tour, on the screen as the user sees it:
- fit: each warning, label, model name and sentence is whole or ends in a visible "…" (whole in
  the help screen, `?`, one key away); no line is wider than the terminal; panes that scroll
  together stay aligned; notices never cover numbers; a tall screen shows more units;
- contrast: every letter and digit at least 4.5:1, in truecolor and in 256 colours (the measure is
  test_contrast.py's); Unroll also in its step, sub-step, guess, folded, help and unit views;
- the command palette holds every key of the scene once; no error notice;
- Unroll: in every topology every pane is shown and draws the trace's numbers (test_app_unroll.py's
  checks), the model is named, the caption names the topology and warns in full.
Some tours only (Spec.once): the jump list (`j`) from every scene, at 80x24 and 120x40; Unroll's
panes after its modals, at 80x24 and 120x40; the Train chart after a run, at 80x24 (where it could
wrap); every key of every scene with the invariants after each (test_robustness.py's), and resizing
each scene across the limits, once at 80x24.

Each tour is its own test (pytest-xdist runs them side by side; conftest.py starts them first), in
a theme and with a session of its own: the lecture's default models, or one --weights model for
every topology. A failing check does not end the tour: the test fails at the end listing each one
as "size-theme-session · scene · what: why"."""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from test_app_unroll import (
    TOPOLOGY_KEYS,
    apply,
    assert_equation_rows_on_one_line,
    assert_panes_shown,
    check_step_numbers,
)
from test_contrast import eight_bit, readable_runs, report, truecolor, worst
from test_robustness import EDGES, assert_no_raw_user_text, check_invariants, resize_storm, scene_keys
from textual import events
from textual.screen import ModalScreen
from textual.widgets import Input

from rnn_tui.engine.models import load_model
from rnn_tui.ui.app import MIN_HEIGHT, MIN_WIDTH, RnnApp
from rnn_tui.ui.bindings import active_keys, key_text
from rnn_tui.ui.scenes import NAMES, TITLES, jump_digit
from rnn_tui.ui.screens.help import HelpScreen
from rnn_tui.ui.screens.jump import JumpScreen
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.model_line import model_line
from rnn_tui.ui.state.unroll import UnrollState

from helpers import error_notices

NINETEEN = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
           "fifteen sixteen seventeen eighteen nineteen"


@dataclass(frozen=True)
class Spec:
    """One tour: its terminal, theme and session, and the checks only some tours make: "every key"
    and "resize" once (they do not depend on the size); "train", a run at 80 columns, where the
    chart could wrap; "jump", going from scene to scene by the jump list (`j`), and "modals",
    Unroll's panes after its modal screens close, at two sizes (the others go by the mode's name)."""
    size: tuple[int, int]
    theme: str
    weights: str | None  # --weights for every topology, or the lecture's default models
    once: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        width, height = self.size
        return f"{width}x{height}-{self.theme.removeprefix('textual-')}-{self.weights or 'default'}"

    @property
    def no_model(self) -> set[str]:
        """The scenes whose title names no model: One-hot and Flatten name a --weights model only."""
        return {"sequences", "train"} | (set() if self.weights else {"onehot", "flatten"})


# Both themes at 80x24 (where most is cut); each session in each theme once.
SPECS = [
    Spec((80, 24), "textual-dark", None, frozenset({"every key", "modals"})),
    Spec((80, 24), "textual-light", "lecture-next-word", frozenset({"train", "resize", "jump"})),
    Spec((120, 40), "textual-dark", "lecture-next-word", frozenset({"jump", "modals"})),
    Spec((160, 50), "textual-light", None),
]


class Tour:
    """The app, its pilot, and the failed checks so far, each named by tour, scene and what."""

    def __init__(self, spec: Spec, app: RnnApp, pilot, errors: list[str]) -> None:
        self.spec, self.app, self.pilot = spec, app, pilot
        self.width, self.height = spec.size
        self.errors = errors  # the app's error notices (a failing key or pane), noted at each check
        self.failures: list[str] = []

    async def check(self, where: str, what: str, check: Callable[[], Awaitable[None] | None]) -> None:
        """Run one check; a failed one is noted (with a modal it left open closed, and the error
        notices it saw forgotten) and the tour goes on."""
        try:
            result = check()
            if inspect.isawaitable(result):
                await result
        except AssertionError as e:
            self.failures.append(f"{self.spec.id} · {where} · {what}: {e}")
            self.errors.clear()
            while len(self.app.screen_stack) > 1:
                self.app.pop_screen()
            await self.pilot.pause()
        except Exception as e:
            raise RuntimeError(f"{self.spec.id} · {where} · {what}") from e


# ---- the screen as the user sees it ----------------------------------------------------------

def screen_lines(app: RnnApp) -> list[str]:
    """The terminal as the user sees it (Textual has no public API for this; it is pinned to 8.x)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def rows_of(app: RnnApp, selector: str) -> list[str]:
    region = app.screen.query_one(selector).region
    return [line[region.x:region.right] for line in screen_lines(app)[region.y:region.bottom]]


def shows(line: str, whole: str, at_least: int = 8) -> bool:
    """`whole` is on the line, or at least its first `at_least` characters and then "…"."""
    if whole in line:
        return True
    return any(whole[:k] + "…" in line for k in range(len(whole) - 1, min(at_least, len(whole)) - 1, -1))


def assert_fits(tour: Tour) -> None:
    for line in screen_lines(tour.app):
        assert len(line) <= tour.width, line


# ---- contrast ---------------------------------------------------------------------------------

def assert_readable(tour: Tour, view: str) -> None:
    """The view draws letters, and every one is at least 4.5:1 in truecolor and in 256 colours."""
    runs = list(readable_runs(tour.app, f"{view} ({tour.app.theme})"))
    assert runs, "no letters on screen"
    for depth in (truecolor, eight_bit):
        failures = worst(runs, depth)
        assert not failures, report(failures)


async def contrast(tour: Tour, view: str) -> None:
    await tour.check(view, "every letter at least 4.5:1", lambda: assert_readable(tour, view))


# ---- finding your way: the jump list and the palette --------------------------------------------

async def jump(tour: Tour, target: str) -> None:
    """From this scene, `j` lists every scene with this one marked, and the target's digit goes there."""
    app, pilot = tour.app, tour.pilot
    here = app.current_mode

    async def check() -> None:
        if app.screen.has_class("-notice"):  # a notice holds the Footer's line for a few seconds:
            app.screen.remove_class("-notice")  # end it now, as its timer would
        await pilot.pause()  # the Footer is recomposed after its keys change: read it once it is
        assert " j Jump " in screen_lines(app)[-1], "\n".join(screen_lines(app))  # the Footer shows the key
        await pilot.press("j")
        assert isinstance(app.screen, JumpScreen)
        shown = "\n".join(screen_lines(app)).splitlines()
        for n, other in enumerate(NAMES, 1):
            assert any(f"{n % 10}  {TITLES[other]}" in line for line in shown), (other, shown)
        assert [line for line in shown if "◀ here" in line] == \
            [line for line in shown if f"{TITLES[here]}  " in line or f"{TITLES[here]} (" in line], shown
        await pilot.press(jump_digit(target))
        assert app.current_mode == target and not isinstance(app.screen, JumpScreen)

    await tour.check(here, f"j then {jump_digit(target)} goes to {target}", check)
    if app.current_mode != target:  # the jump failed: go on from the target all the same
        app.switch_mode(target)
        await pilot.pause()


async def go(tour: Tour, target: str) -> None:
    """To the next stop: by the jump list, or straight by the mode's name."""
    if "jump" in tour.spec.once:
        await jump(tour, target)
    else:
        tour.app.switch_mode(target)
        await tour.pilot.pause()


def assert_palette_holds_every_key_once(app: RnnApp, name: str) -> None:
    titles = [c.title for c in app.get_system_commands(app.screen)]
    assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)
    scene, app_keys = active_keys(app.screen)
    for b in scene + app_keys:
        if b.action != "quit":  # Textual's own Quit does it
            assert f"{b.description} ({key_text(b)})" in titles, b
    assert {"Step (→ space l)", "Back (← h)", "Start (home)", "End (end)"} <= set(titles) \
        or name in ("unroll", "train"), titles  # Unroll's are First step, Last step; Train has none
    assert sum("screenshot" in t.lower() for t in titles) == 1, titles
    assert sum("theme" in t.lower() for t in titles) == 2, titles  # `t` and Textual's list of themes


# ---- Unroll ----------------------------------------------------------------------------------

async def type_sentence(pilot, app: RnnApp, text: str) -> None:
    await pilot.press("e")
    app.screen.query_one(Input).post_message(events.Paste(text))
    await pilot.press("enter")


async def unroll_views(tour: Tour) -> None:
    """The states of Unroll that draw differently, for contrast: a step, a sub-step with a lit
    term, guess mode with the step's results hidden, the folded cell, the help and unit screens."""
    pilot = tour.pilot
    await contrast(tour, "unroll")
    for view, keys in (("unroll step 2", ("right",)), ("unroll sub-step", ("down", "down")),
                       ("unroll guess", ("g", "right")), ("unroll folded", ("f",)),
                       ("unroll help", ("question_mark",)), ("unroll unit", ("escape", "i"))):
        await pilot.press(*keys)
        await pilot.pause()
        await contrast(tour, view)
    await pilot.press("escape", "g", "f", "home")  # back to the first step, guess mode off, unfolded


async def unroll_topology(tour: Tour, key: str) -> None:
    """Topology `key`: the status line names the model, the caption the topology (and the warning,
    whole), every output label is whole; then a step on, every pane is on screen with its numbers."""
    app, pilot = tour.app, tour.pilot
    await pilot.press(key)
    lines, v, said = screen_lines(app), app.screen.state, dict(app.screen.details())
    model = v.trace.model
    assert said["model"] == model_line(model, halves=v.trace.source_vocab is not None)  # a translator's two halves
    assert shows(lines[0], model.name), lines[0]  # the status line names the model
    assert not lines[0].rstrip().endswith("│")
    caption = rows_of(app, "#caption")
    if v.trained_note:  # the warning: whole (at 80 columns too, on a line of its own if need be)
        assert any(f"⚠ {v.trained_note}" in line for line in caption), caption
        assert said["warning"] == v.trained_note
    assert any(line.lstrip().startswith(f"{key} {v.trace.topology.title}") for line in caption), caption
    timeline = rows_of(app, "#timeline")
    for s in v.trace.steps[:5]:  # every output label drawn whole (these are short)
        if s.predicted is not None and s.t <= 5:
            assert model.labels[s.predicted] in timeline[0], timeline
    assert_fits(tour)
    apply(app, UnrollState.next_step)
    await pilot.pause()  # the panes' regions are what was drawn
    assert_panes_shown(app)
    assert_equation_rows_on_one_line(app)
    check_step_numbers(app)


async def unroll_panes_after_modals(tour: Tour) -> None:
    app, pilot = tour.app, tour.pilot
    await pilot.press("down", "f", "question_mark", "escape", "i", "escape", "e", "escape")
    assert_panes_shown(app)
    await pilot.press("f", "home")


async def long_sentence_and_fold(tour: Tour) -> None:
    app, pilot = tour.app, tour.pilot
    await pilot.press("4")
    await type_sentence(pilot, app, NINETEEN)
    try:
        timeline = rows_of(app, "#timeline")
        assert re.search(r"… \d+ more ▶", timeline[2]) and timeline[4].split()[:2] == ["<unk>", "<unk>"], timeline
        status = screen_lines(app)[0]
        assert shows(status, NINETEEN), status
        assert ("sentence", f"typed 1: {NINETEEN}") in app.screen.details()
        await pilot.press("end", "f")  # t=19: the folded box keeps its shape at two-digit steps
        box = [line for line in rows_of(app, "#timeline") if "╭" in line or "╰" in line]
        assert len(box) == 2 and box[0].index("╮") == box[1].index("╯"), box
        await pilot.press("f")
    finally:
        await pilot.press("n")  # back to the first sentence


async def guess_mode(tour: Tour) -> None:
    app, pilot = tour.app, tour.pilot
    await pilot.press("4", "home", "g")  # many-to-many next word: the next word is the answer
    try:
        inputs = rows_of(app, "#timeline")[4].split()
        assert inputs[:2] == ["hi", "my"] and set(inputs[2:]) == {"?"}, inputs
        status = screen_lines(app)[0]
        assert "name is Barry" not in status and "hi my …" in status, status
        await pilot.press("space", "space")  # to t=2, revealed: 'name' may show now
        assert rows_of(app, "#timeline")[4].split()[:3] == ["hi", "my", "name"]
    finally:
        await pilot.press("g")


async def notices(tour: Tour) -> None:
    app, pilot, height = tour.app, tour.pilot, tour.height
    output_before = rows_of(app, "#output")
    await pilot.press("p")  # a notice: in the Footer's line, not over the output pane
    try:
        notice = app.screen.query_one("#notice")
        assert notice.display and notice.region.y == height - 1
        assert "playing" in screen_lines(app)[height - 1]
    finally:
        await pilot.press("p")
    await pilot.press("+")  # a second notice replaces the first: no stack
    assert "s a step" in screen_lines(app)[height - 1] and "playing" not in "".join(screen_lines(app))
    assert len(rows_of(app, "#output")) == len(output_before)
    await pilot.press("home")


async def help_holds_what_is_cut(tour: Tour) -> None:
    app, pilot = tour.app, tour.pilot
    said = app.screen.details()
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    shown = " ".join(" ".join(screen_lines(app)).split())
    for _, text in said[:2]:
        assert " ".join(text.split())[:30] in shown
    await pilot.press("escape")


async def sentiment_labels_and_aligned_rows(tour: Tour) -> None:
    app, pilot = tour.app, tour.pilot
    app.session.use_trained("sentiment", load_model("sentiment"))
    await pilot.press("3")
    timeline = " ".join(rows_of(app, "#timeline"))
    assert "negative" in timeline or "positive" in timeline, timeline
    await pilot.press("ctrl+down", "ctrl+down", "ctrl+down")
    try:
        for line in rows_of(app, "#units-scroll"):  # the equation's j and the hidden state's j, side by side
            numbers = re.findall(r"^\s*(\d+)\s.*│?\s+(\d+)\s+.*│", line)
            if numbers:
                assert numbers[0][0] == numbers[0][1], line
    finally:
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+up")


async def unroll_stop(tour: Tour) -> None:
    await unroll_views(tour)
    for key, name in TOPOLOGY_KEYS.items():
        await tour.check("unroll", f"{key} {name}: says its model, fits, shows every pane",
                         lambda key=key: unroll_topology(tour, key))
    if "modals" in tour.spec.once:
        await tour.check("unroll", "every pane after the modals", lambda: unroll_panes_after_modals(tour))
    await tour.check("unroll", "a 19-word sentence and the folded box", lambda: long_sentence_and_fold(tour))
    await tour.check("unroll", "guess mode gives nothing away", lambda: guess_mode(tour))
    await tour.check("unroll", "notices in the Footer's line", lambda: notices(tour))
    await tour.check("unroll", "the help holds what is cut", lambda: help_holds_what_is_cut(tour))
    await tour.check("unroll", "sentiment labels, aligned rows",
                     lambda: sentiment_labels_and_aligned_rows(tour))


# ---- the lesson scenes --------------------------------------------------------------------------

def assert_title_names_its_model(tour: Tour, name: str) -> None:
    app = tour.app
    title = screen_lines(app)[0]
    used = app.screen.used_model(app.screen.state)
    assert (used is None) == (name in tour.spec.no_model), used
    if used is not None:
        assert shows(title, used[0].name), title
        assert ("model", model_line(*used)) in app.screen.details()
    assert_fits(tour)


async def topologies(tour: Tour) -> None:
    app, pilot = tour.app, tour.pilot
    for key in "1345":
        await pilot.press(key, "home", "right")
        chain = rows_of(app, "#chain")
        board = " ".join(chain)
        hidden = app.screen.state.trace.model.hidden_size
        units = sum(bool(re.match(r"\s*h\[\d+\]", row)) for row in chain)  # a row per unit shown
        if units < hidden:  # what is left out is said, with how many
            assert f"+{hidden - units} more" in board, (key, board)
        if tour.height >= 50:  # a tall screen shows the lecture models' every unit, and more of a larger model's
            assert units == hidden if hidden <= 8 else units >= 30, (key, board)
        assert_fits(tour)


async def train(tour: Tour) -> None:
    app, pilot = tour.app, tour.pilot
    await pilot.press("k", "space")
    for _ in range(100):
        if len(app.screen.state.history) >= 3:
            break
        await pilot.pause(0.05)
    await pilot.press("space")
    await pilot.pause(0.2)
    try:
        chart = rows_of(app, "#train-chart")
        accuracy = [line for line in chart if line.strip().startswith("accuracy")]
        assert len(accuracy) == 1 and re.search(r"\d+%\s*$", accuracy[0]), chart  # one line, whole
        assert [line for line in screen_lines(app) if line.strip().startswith("try:")], screen_lines(app)
        assert_fits(tour)
    finally:
        await pilot.press("r", "k")


async def lesson_stop(tour: Tour, name: str) -> None:
    await contrast(tour, name)
    await tour.check(name, "the title names its model; nothing wider than the screen",
                     lambda: assert_title_names_its_model(tour, name))
    if name == "topologies":
        await tour.check(name, "every unit or how many more", lambda: topologies(tour))
    if name == "train" and "train" in tour.spec.once:
        await tour.check(name, "the chart's lines whole after a run", lambda: train(tour))


# ---- once: every key, resizing -----------------------------------------------------------------

async def every_key(tour: Tour) -> list[str]:
    """Each key the scene binds, once (a modal it opens, closed again), the invariants after each."""
    app, pilot, errors = tour.app, tour.pilot, tour.errors
    keys = scene_keys(app.screen)
    for key in keys:
        await pilot.press(key)
        check_invariants(app, errors)
        if isinstance(app.screen, ModalScreen):
            await pilot.press("escape")
            check_invariants(app, errors)
    assert_no_raw_user_text(app)
    return keys


async def every_key_of_every_scene(tour: Tour) -> None:
    app, pilot, errors = tour.app, tour.pilot, tour.errors
    pressed: dict[str, list[str]] = {}
    for name in NAMES:
        app.switch_mode(name)
        await pilot.pause()

        async def keys(name: str = name) -> None:
            pressed[name] = await every_key(tour)
        await tour.check(name, "every key keeps every invariant", keys)

    async def theme_and_help() -> None:
        await pilot.press("t", "question_mark")  # the other theme, the help over the last scene
        check_invariants(app, errors)
        assert_no_raw_user_text(app)
    await tour.check(NAMES[-1], "t and ? keep every invariant", theme_and_help)
    await tour.check("every scene", "keys pressed", lambda: assert_pressed(pressed))


def assert_pressed(pressed: dict[str, list[str]]) -> None:
    assert len(pressed.get("unroll", [])) >= 20 and all(pressed.values()), pressed


async def resize(tour: Tour, n: int) -> None:
    """Across a limit (the first scene: each side of both, the smallest, a large one) and back."""
    sizes = EDGES if n == 0 else [EDGES[n % len(EDGES)]]
    await resize_storm(tour.app, tour.pilot, [*sizes, (MIN_WIDTH, MIN_HEIGHT)])
    if tour.spec.size != (MIN_WIDTH, MIN_HEIGHT):
        await tour.pilot.resize_terminal(*tour.spec.size)


def assert_no_new_error(errors: list[str]) -> None:
    """No error notice since the last stop (a failing key or pane becomes one)."""
    found = errors[:]
    errors.clear()
    assert not found, found


# ---- the tours -----------------------------------------------------------------------------------

# Each tour in two halves (scenes 1-5, then 6-10), each its own app, so that xdist spreads them.
HALVES = {"scenes 1-5": range(0, 5), "scenes 6-10": range(5, len(NAMES))}


@pytest.mark.parametrize("half", list(HALVES))
@pytest.mark.parametrize("spec", SPECS, ids=[spec.id for spec in SPECS])
def test_every_scene_and_topology_fits_reads_and_finds_its_way(spec: Spec, half: str, small_class_data) -> None:
    scenes = HALVES[half]

    async def main() -> None:
        session = Session(weights=load_model(spec.weights)) if spec.weights else Session()
        app = RnnApp(session, scene=NAMES[scenes[0]])
        app.animation_level = "none"
        errors = error_notices(app)
        async with app.run_test(size=spec.size) as pilot:
            app.theme = spec.theme
            await pilot.pause()
            tour = Tour(spec, app, pilot, errors)
            for n in scenes:
                name = NAMES[n]
                if n != scenes[0]:
                    await go(tour, name)
                if name == "unroll":
                    await unroll_stop(tour)
                else:
                    await lesson_stop(tour, name)
                await tour.check(name, "the palette holds every key once",
                                 lambda name=name: assert_palette_holds_every_key_once(app, name))
                if "resize" in spec.once:
                    await tour.check(name, "resizing says the size it needs", lambda n=n: resize(tour, n))
                await tour.check(name, "no error notice", lambda: assert_no_new_error(errors))
            await go(tour, NAMES[scenes[0]])  # the jump list from the last scene too
            if "every key" in spec.once and scenes[0] == 0:
                await every_key_of_every_scene(tour)
            assert not tour.failures, "\n".join(tour.failures)
            assert not errors, errors

    asyncio.run(main())
