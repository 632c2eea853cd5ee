"""The unroll scene, driven with Textual's Pilot the way a lecturer drives it: keys, clicks,
resizes. What a key does to the state is tested without an app in test_state_unroll.py; here
each key is checked to reach its transition (the wiring), and what is on screen is checked
against the state and the engine's trace, never recomputed.

pytest-asyncio is not installed (and is not a dependency), so each test is an async
function run by `asyncio.run` through the small `with_app` decorator below.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Awaitable, Callable
from itertools import pairwise

import pytest
from textual import events
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from rnn_tui.engine.corpus import LECTURE_CORPUS
from rnn_tui.engine.models import untrained
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.scenes.unroll import SPEEDS
from rnn_tui.ui.screens.help import HelpScreen
from rnn_tui.ui.screens.sentence import SentenceScreen
from rnn_tui.ui.screens.unit import UnitScreen
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.unroll import UnrollState, sub
from rnn_tui.ui.state.wording import signed
from rnn_tui.ui.widgets.equation import Equation
from rnn_tui.ui.widgets.onehot import OneHot
from rnn_tui.ui.widgets.pane import Pane
from rnn_tui.ui.widgets.timeline import Timeline

from helpers import error_notices, whole_or_cut

SIZE = (80, 24)
TOPOLOGY_KEYS = {"1": "one-to-one", "2": "one-to-many", "3": "many-to-one",
                 "4": "many-to-many", "5": "encoder-decoder"}
PANES = ("#status", "#timeline", "#caption", "#equation", "#hidden", "#onehot", "#output")
# The equation and hidden panes scroll inside these; the other panes are on screen themselves.
ON_SCREEN = ("#status", "#timeline", "#caption", "#units-scroll", "#onehot", "#output")
NUMBER = re.compile(r"[+-]?\d+\.\d\d")  # signed, or 0.00 (zero has no sign)


# ---- running the app -------------------------------------------------------------------

def with_app(size: tuple[int, int] = SIZE, session: Callable[[], Session] = Session):
    """Turn `async def test_x(app, pilot, **params)` into a sync pytest test that runs the
    unroll scene at `size` and hands the script the app and its pilot. Parameters after
    (app, pilot) stay visible to pytest, so parametrize works on top of this decorator."""

    def decorate(script: Callable[..., Awaitable[None]]):
        def test(**params) -> None:
            async def main() -> None:
                app = RnnApp(session(), scene="unroll")
                errors = error_notices(app)  # a failing key becomes an error toast: catch it
                async with app.run_test(size=size) as pilot:
                    await pilot.pause()
                    await script(app, pilot, **params)
                    assert not errors, errors
            asyncio.run(main())

        signature = inspect.signature(script)
        test.__signature__ = signature.replace(parameters=list(signature.parameters.values())[2:])
        test.__name__, test.__qualname__, test.__doc__ = script.__name__, script.__qualname__, script.__doc__
        test.__module__ = script.__module__
        return test

    return decorate


def screen_strips(app: RnnApp):
    """The terminal as the user sees it, one Strip per row. Textual has no public API for
    this; the compositor's strips are what the driver writes (Textual is pinned to 8.x)."""
    return app.screen._compositor.render_strips()


def screen_lines(app: RnnApp) -> list[str]:
    return [strip.text for strip in screen_strips(app)]


def screen_text(app: RnnApp) -> str:
    return "\n".join(screen_lines(app))


def region_text(app: RnnApp, selector: str) -> list[str]:
    """The rows of the screen inside one widget's region."""
    region = app.screen.query_one(selector).region
    return [strip.crop(region.x, region.right).text for strip in screen_strips(app)[region.y:region.bottom]]


def plain(app: RnnApp, selector: str) -> str:
    """What a pane draws, as plain text, whatever its size on screen."""
    return app.screen.query_one(selector).render().plain


def f2(value: float) -> str:
    """Signed, two decimals, rounded half up; zero has no sign (" 0.00", never "-0.00")."""
    return signed(value).strip()


def equation_rows(app: RnnApp) -> list[list[str]]:
    """The equation pane's rows: [W_ih x, W_hh h, b, sum, h] per unit, as drawn. A pane draws only
    the units on screen (rows below are blank until scrolled to): those must be 1, 2, 3, ..."""
    lines = [line for line in plain(app, "#equation").splitlines()[1:] if line.strip()]
    rows = []
    for j, line in enumerate(lines, 1):
        cells = line.split()
        assert cells[0] == str(j), line
        rows.append(cells[1:])
    return rows


def hidden_rows(app: RnnApp) -> list[list[str]]:
    """The hidden pane's numbers per unit on screen: [h_{t-1}] or [h_{t-1}, h_t]."""
    return [NUMBER.findall(line) for line in plain(app, "#hidden").splitlines()[1:] if line.strip()]


def check_step_numbers(app: RnnApp) -> None:
    """The equation, hidden and output panes show this step's numbers from the trace."""
    view = app.screen.state
    s = view.step
    expected = [[f2(a), f2(b), f2(c), f2(d), f2(e)]
                for a, b, c, d, e in zip(s.w_input, s.wh, s.b_ih + s.b_hh, s.pre, s.h, strict=True)]
    where = f"{view.trace.topology.name} t={s.t}"
    drawn = equation_rows(app)
    assert len(drawn) >= min(8, len(s.h)) and drawn == expected[:len(drawn)], where  # at least 8 units on screen
    hidden = hidden_rows(app)
    assert hidden == [[f2(a), f2(b)] for a, b in zip(s.h_prev, s.h, strict=True)][:len(hidden)], where
    out = plain(app, "#output")
    if s.has_output:
        label = view.trace.model.labels[s.predicted]
        line = next((l for l in out.splitlines() if l.startswith(label[:12] + " ")), None)
        assert line is not None, (where, out)
        assert f"{s.y[s.predicted]:4.0%} ◀" in line, (where, line)
        assert "No output" not in out
    else:
        assert out.startswith(f"No output at t={s.t}"), (where, out)


def apply(app: RnnApp, *transitions: Callable[[UnrollState], UnrollState]) -> None:
    """Replace the scene's state as its keys do (each key's wiring is tested just below). The
    panes are bound to the state and take it at once, so what they render() can be read at
    once too: no key press, and no wait for the app to go idle."""
    for transition in transitions:
        app.screen.state = transition(app.screen.state)


# ---- stepping --------------------------------------------------------------------------

# What each key must do to the state (the transition is tested in test_state_unroll.py).
WIRING = [
    ("left", UnrollState.prev_step),  # greyed out at t=1: nothing happens
    ("right", UnrollState.next_step), ("space", UnrollState.next_step), ("l", UnrollState.next_step),
    ("left", UnrollState.prev_step), ("h", UnrollState.prev_step),
    ("down", UnrollState.next_substep), ("down", UnrollState.next_substep), ("up", UnrollState.prev_substep),
    ("end", UnrollState.last), ("right", UnrollState.next_step), ("home", UnrollState.first),
    ("f", UnrollState.toggle_fold), ("f", UnrollState.toggle_fold),
    ("g", UnrollState.toggle_guess), ("right", UnrollState.next_step), ("r", UnrollState.reveal),
    ("right", UnrollState.next_step), ("space", UnrollState.next_step), ("g", UnrollState.toggle_guess),
    ("plus", lambda s: s.with_speed(1)), ("minus", lambda s: s.with_speed(-1)),
]


@with_app()
async def test_every_key_reaches_its_transition_and_the_panes_show_the_state(app, pilot):
    scene = app.screen
    n = len(app.session.trace())
    for key, transition in WIRING:
        before = scene.state
        await pilot.press(key)
        assert scene.state == transition(before), key
        s = scene.state
        assert f"t={s.cursor + 1}/{n}" in plain(app, "#status"), key
        caption = plain(app, "#caption")
        assert " ".join(line.strip() for line in caption.splitlines()[:-1]) == s.caption, key  # one line or two
        line = caption.splitlines()[-1].rstrip()  # the topology's example may give way at 80 columns
        assert whole_or_cut(line, s.topology_line) or s.topology_line.startswith(line + "; e.g."), key
        assert all(pane.state is s for pane in scene.query(Pane)), key
    # The equation's title follows the cursor.
    await pilot.press("end")
    assert scene.query_one(Equation).border_title == f"h{sub(n)} = tanh(W_ih x{sub(n)} + W_hh h{sub(n - 1)} + b)"
    # Sentences and topologies: a new trace from the session, at its first step.
    await pilot.press("3", "right", "n")
    assert scene.state.trace is app.session.trace() and app.session.text == "I love AI"
    assert scene.state.trace.topology.name == "many-to-one" and scene.state.cursor == 0
    assert "2/3: I love AI" in plain(app, "#status")


def enabled(app: RnnApp) -> dict[str, bool]:
    """Key -> whether it does something now, as the Footer shows it (greyed out if not)."""
    return {key: b.enabled for key, b in app.screen.active_bindings.items()}


def footer_disabled(app: RnnApp) -> set[str]:
    return {key.action for key in app.screen.query(FooterKey) if key.has_class("-disabled")}


@with_app()
async def test_keys_that_would_do_nothing_are_greyed_out(app, pilot):
    keys = enabled(app)
    assert not keys["left"] and not keys["home"] and not keys["r"]
    assert keys["right"] and keys["end"] and keys["down"] and keys["up"] and keys["p"] and keys["f"]
    assert footer_disabled(app) == {"prev_step"}  # the Footer greys out "← Back" at t=1
    await pilot.press("end")
    keys = enabled(app)
    assert not keys["right"] and not keys["space"] and not keys["end"] and keys["left"] and keys["home"]
    await pilot.press("g", "home", "right")  # guess mode: the step is hidden, r reveals it
    assert enabled(app)["r"]
    await pilot.press("r")
    assert not enabled(app)["r"]
    await pilot.press(*["plus"] * 4)
    assert not enabled(app)["plus"] and enabled(app)["minus"]
    assert footer_disabled(app) == set()


@with_app()
async def test_a_step_that_greys_a_key_flips_it_in_place_without_rebuilding_the_footer(app, pilot):
    """Back greys out at t=1 and comes back at t=2: the same key widgets change their look in the
    step's own frame, where a rebuild would draw the footer again a frame later."""
    before = list(app.screen.query(FooterKey))
    await pilot.press("right")
    after = list(app.screen.query(FooterKey))
    assert after == before and footer_disabled(app) == set()
    back = next(key for key in after if key.action == "prev_step")
    await pilot.press("left")
    assert list(app.screen.query(FooterKey)) == before and footer_disabled(app) == {"prev_step"}
    assert back.has_class("-disabled")


@with_app()
async def test_every_step_shows_the_traces_numbers(app, pilot):
    for key in TOPOLOGY_KEYS:
        await pilot.press(key)
        trace = app.session.trace()
        assert trace.topology.name == TOPOLOGY_KEYS[key]
        assert app.screen.state.trace is trace
        assert plain(app, "#status").startswith(" rnn-tui  6/10 │ ")  # scene 6 of 10
        assert plain(app, "#caption").splitlines()[-1].startswith(f"{key} {trace.topology.title}")
        for i in range(len(trace)):
            assert app.screen.state.cursor == i
            check_step_numbers(app)
            apply(app, UnrollState.next_step)
        # Back-stepping is exact: the same numbers as on the way forward.
        apply(app, UnrollState.first)
        check_step_numbers(app)


@with_app()
async def test_output_pane_says_no_output_where_the_topology_reads_none(app, pilot):
    await pilot.press("3")  # many-to-one: only the last word has an output
    for t in range(1, 5):
        assert plain(app, "#output").startswith(f"No output at t={t}: many to one")
        assert "no output here in many-to-one" in plain(app, "#caption")
        apply(app, UnrollState.next_step)
    trace = app.session.trace()
    label = trace.model.labels[trace.steps[-1].predicted]
    assert label in plain(app, "#output") and "No output" not in plain(app, "#output")
    assert f"predicts '{label}'" in plain(app, "#caption")
    # The sub-steps of a step without output end at tanh: four of them, then the next step.
    apply(app, UnrollState.first, UnrollState.next_step, UnrollState.next_substep)
    assert app.screen.state.cursor == 1
    for n_columns in (1, 2, 3):
        assert all(row[n_columns:] == ["·"] * (5 - n_columns) for row in equation_rows(app))
        apply(app, UnrollState.next_substep)
    assert all("·" not in row for row in equation_rows(app))
    check_step_numbers(app)
    apply(app, UnrollState.next_substep)
    assert app.screen.state.cursor == 2


# ---- sub-steps -------------------------------------------------------------------------

@with_app()
async def test_substeps_fill_the_equation_term_by_term(app, pilot):
    trace = app.session.trace()
    s = trace.steps[1]  # t=2 reads 'my', and has an output (many-to-many)
    columns = zip(s.w_input, s.wh, s.b_ih + s.b_hh, s.pre, s.h, strict=True)
    values = [[f2(a), f2(b), f2(c), f2(d), f2(e)] for a, b, c, d, e in columns]

    def shown(n_columns: int) -> list[list[str]]:
        return [row[:n_columns] + ["·"] * (5 - n_columns) for row in values]

    apply(app, UnrollState.next_step)  # the whole of t=2 is on screen, nothing lit
    assert equation_rows(app) == values
    apply(app, UnrollState.next_substep)  # down starts t=2's first sub-step
    assert app.screen.state.cursor == 1
    assert equation_rows(app) == shown(1)
    assert app.screen.query_one(Equation).border_subtitle == f"W_ih x₂ = column {s.x_index} of W_ih"
    assert plain(app, "#caption").startswith(f"t=2: reads 'my': x₂ is one-hot, so W_ih x₂ is just column {s.x_index}")
    assert all(len(r) == 1 for r in hidden_rows(app)), "h₂ is not computed yet"
    assert plain(app, "#output").startswith("y₂ comes after h₂")

    apply(app, UnrollState.next_substep)
    assert equation_rows(app) == shown(2)
    assert plain(app, "#caption").startswith("t=2: add W_hh h₁")
    apply(app, UnrollState.next_substep)
    assert equation_rows(app) == shown(3)
    assert plain(app, "#caption").startswith("t=2: add the two biases")
    apply(app, UnrollState.next_substep)
    assert equation_rows(app) == shown(5)  # tanh: the sum and h₂ appear together
    assert hidden_rows(app) == [[f2(a), f2(b)] for a, b in zip(s.h_prev, s.h, strict=True)]
    assert plain(app, "#caption").startswith("t=2: tanh squashes the sum")
    assert plain(app, "#output").startswith("y₂ comes after h₂")

    apply(app, UnrollState.next_substep)  # the scores, before softmax
    out = plain(app, "#output")
    assert out.startswith("scores (logits), before softmax:")
    best = trace.model.labels[s.predicted]
    assert f"{s.logits[s.predicted]:+7.2f}" in next(l for l in out.splitlines() if l.startswith(best[:12] + " "))
    assert "%" not in out  # no probabilities before softmax

    apply(app, UnrollState.next_substep)  # softmax: probabilities, with its own caption
    out = plain(app, "#output")
    assert f"{s.y[s.predicted]:4.0%} ◀" in next(l for l in out.splitlines() if l.startswith(best[:12] + " "))
    assert app.screen.state.cursor == 1
    assert plain(app, "#caption").startswith("t=2: softmax turns the scores into probabilities")

    apply(app, UnrollState.next_substep)  # past the last sub-step: the next step's first
    assert app.screen.state.cursor == 2
    assert equation_rows(app)[0][1:] == ["·"] * 4

    apply(app, UnrollState.prev_substep)  # and back: t=2's last sub-step, softmax
    assert app.screen.state.cursor == 1
    assert equation_rows(app) == values
    assert plain(app, "#caption").startswith("t=2: softmax")
    apply(app, UnrollState.prev_substep)
    assert app.screen.state.cursor == 1
    assert plain(app, "#output").startswith("scores (logits)")


# ---- typed sentences, other sentences ----------------------------------------------------

@with_app()
async def test_typed_sentence_reads_unknown_words_as_unk(app, pilot):
    await pilot.press("e")
    assert isinstance(app.screen, SentenceScreen)
    app.screen.query_one(Input).post_message(events.Paste("I love zebras"))  # typing is the Input's job
    await pilot.press("enter")
    assert not isinstance(app.screen, SentenceScreen)
    assert app.session.text == "I love zebras"
    assert "typed 1: I love zebras" in plain(app, "#status")
    trace = app.session.trace()
    assert [s.input_token for s in trace.steps] == ["i", "love", "<unk>"]
    inputs = plain(app, "#timeline").splitlines()[4].split()
    assert inputs == ["i", "love", "<unk>"]
    await pilot.press("end")
    caption = plain(app, "#caption")
    assert caption.startswith("t=3: reads 'zebras', not in the vocabulary, so as <unk>"), caption
    head, *rows = plain(app, "#onehot").splitlines()
    tokens = head.split()
    assert tokens[-1] == "<unk>"
    last = rows[-1].split()
    assert last[0] == "x₃" and last[1:].index("1") == tokens.index("<unk>")
    check_step_numbers(app)


@with_app()
async def test_a_sentence_without_words_is_refused_and_the_box_stays_open(app, pilot):
    for typed in ("", "?! ,,"):
        await pilot.press("e")
        if typed:
            app.screen.query_one(Input).post_message(events.Paste(typed))
        await pilot.press("enter")
        assert isinstance(app.screen, SentenceScreen)
        assert "That has no words (letters or digits): try again." in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, SentenceScreen)
        assert app.session.text == "Hi my name is Barry" and app.session.typed == []


@with_app(size=(100, 24))  # wide enough for the whole sentence beside the model's name and cell
async def test_typed_markup_and_escapes_are_shown_literally(app, pilot):
    text = "[red]x[/] \x1b[31m"
    await pilot.press("e")
    app.screen.query_one(Input).post_message(events.Paste(text))  # pasted: an escape can't be typed
    await pilot.pause()
    await pilot.press("enter")
    assert app.session.text == text
    status = app.screen.query_one("#status")
    line = screen_lines(app)[0]
    assert "typed 1: [red]x[/] " in line and "[31m │" in line  # brackets on screen
    assert "\x1b" not in line  # the escape byte never reaches the terminal
    typed = [seg for seg in status.render_line(0) if "x[/]" in seg.text]
    assert typed, "the typed text is drawn as it is"
    assert all(seg.style is None or seg.style.color is None or seg.style.color.name != "red" for seg in typed)


@with_app()
async def test_n_and_shift_n_change_the_sentence(app, pilot):
    await pilot.press("right", "n")
    assert app.session.text == "I love AI"
    assert "2/3: I love AI" in plain(app, "#status")
    assert app.screen.state.cursor == 0 and plain(app, "#caption").startswith("t=1: reads 'i'")
    check_step_numbers(app)
    await pilot.press("N", "N")  # back past the first wraps to the last
    assert "3/3: Barry is my name" in plain(app, "#status")  # "sentence " gives way at 80 columns
    assert plain(app, "#timeline").splitlines()[4].split() == ["barry", "is", "my", "name"]
    check_step_numbers(app)


# ---- fold, click, guess, theme, help, unit, play ---------------------------------------

@with_app()
async def test_fold_draws_the_loop_and_unfolds(app, pilot):
    await pilot.press("f")  # folded at t=1
    assert "t=1 of 5" in plain(app, "#timeline")
    assert "╰── W_hh ─╯" in "\n".join(region_text(app, "#timeline"))
    await pilot.press("right")
    step = app.session.trace().steps[1]
    folded = plain(app, "#timeline")
    assert "W_hh" in folded and "t=2 of 5" in folded and "[ h₂ ]" in folded
    assert "x₂ = my" in folded and f"y₂ = {app.session.trace().model.labels[step.predicted]}" in folded
    assert "[h₁]" not in folded
    await pilot.press("right")
    assert "t=3 of 5" in plain(app, "#timeline")
    await pilot.press("f")
    unfolded = plain(app, "#timeline")
    assert "W_hh" not in unfolded and all(f"[h{sub(t)}]" in unfolded for t in range(1, 6))


@with_app()
async def test_clicking_a_timeline_cell_jumps_to_its_step(app, pilot):
    timeline = app.screen.query_one(Timeline)
    cells = plain(app, "#timeline").splitlines()[2]
    for t in (4, 2, 5, 1):
        label = f"[h{sub(t)}]"
        # Offsets are from the widget's edge; the text starts after its left padding.
        x = timeline.styles.padding.left + cells.index(label) + 1
        await pilot.click(Timeline, offset=(x, 2))
        await pilot.pause()
        assert app.screen.state.cursor == t - 1, label
        assert plain(app, "#caption").startswith(f"t={t}: ")
        check_step_numbers(app)


@with_app()
async def test_guess_mode_hides_h_and_the_answer_until_revealed(app, pilot):
    trace = app.session.trace()
    apply(app, UnrollState.toggle_guess, UnrollState.next_step)
    s = trace.steps[1]
    assert all(row[3:] == ["?", "?"] for row in equation_rows(app))
    rows = zip(equation_rows(app), s.w_input, s.wh, s.b_ih + s.b_hh, strict=True)
    assert all(row[:3] == [f2(a), f2(b), f2(c)] for row, a, b, c in rows)
    hidden = plain(app, "#hidden").splitlines()[1:]
    assert all(line.rstrip().endswith("?") for line in hidden)
    assert all(len(NUMBER.findall(line)) == 1 for line in hidden)
    assert plain(app, "#output").startswith("? What will it predict?")
    assert "What will h₂ be? Guess" in plain(app, "#caption")
    assert plain(app, "#timeline").splitlines()[0].split()[:2] == ["my", "?"]
    apply(app, UnrollState.next_step)  # reveals; it does not move on
    assert app.screen.state.cursor == 1
    check_step_numbers(app)
    apply(app, UnrollState.next_step)  # next step hidden again; r reveals it
    assert app.screen.state.cursor == 2 and equation_rows(app)[0][4] == "?"
    apply(app, UnrollState.reveal)
    check_step_numbers(app)
    apply(app, UnrollState.toggle_guess, UnrollState.next_step)  # guess mode off: steps arrive revealed
    check_step_numbers(app)
    # Nor does the timeline give the answer away, where each output is fed back as an input.
    await pilot.press("2")
    apply(app, UnrollState.toggle_guess, UnrollState.next_step)  # one-to-many, t=2: what follows 'my'?
    answer = app.session.trace().model.labels[app.session.trace().steps[1].predicted]
    assert answer == "name"
    assert plain(app, "#output").startswith("? What will it predict?")
    assert answer not in plain(app, "#timeline")


@with_app(size=(120, 60))  # every key on screen at once, no scrolling
async def test_help_lists_every_key(app, pilot):
    from rnn_tui.ui.bindings import APP_KEYS, SCENE_KEYS, key_text

    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    text = screen_text(app)
    assert "rnn-tui: keys" in text
    lines = [line.strip(" │") for line in region_text(app, "#help")]
    for binding in SCENE_KEYS + APP_KEYS:
        keys = key_text(binding)
        assert any(line.startswith(keys + " ") for line in lines), keys
    assert "fold the unrolled chain back into one cell" in text
    assert re.search(r"→ space l +Step", text)
    for key, what in (("j", "jump to a scene by its number"), ("S", "save the screen as an SVG"),
                      ("ctrl+p", "command palette"), ("t", "light/dark theme")):  # the app's keys say what they do
        assert any(f"│ {key}  " in line and what in line for line in text.splitlines()), (key, text)
    await pilot.press("escape")
    assert not isinstance(app.screen, HelpScreen)
    assert app.screen.state.cursor == 0


@with_app()
async def test_unit_close_up_and_up_down_change_the_unit(app, pilot):
    trace = app.session.trace()
    await pilot.press("i")
    assert isinstance(app.screen, UnitScreen)

    def expect(j: int) -> None:
        text = screen_text(app)
        assert f"hidden unit {j + 1} of 8" in text
        values = "  ".join(f"t{s.t}:{f2(s.h[j])}" for s in trace.steps)
        assert values in text, values

    expect(0)
    await pilot.press("down")
    expect(1)
    await pilot.press("up", "up")
    expect(7)  # wraps round
    await pilot.press("escape")
    assert not isinstance(app.screen, UnitScreen)


class FakeTimer:
    def __init__(self, interval: float, callback) -> None:
        self.interval, self.callback, self.stopped = interval, callback, False

    def stop(self) -> None:
        self.stopped = True


@with_app()
async def test_p_plays_and_pauses(app, pilot):
    scene = app.screen
    timers: list[FakeTimer] = []

    def set_interval(interval, callback, **kwargs):
        timers.append(FakeTimer(interval, callback))
        return timers[-1]

    scene.set_interval = set_interval  # the timer is driven by hand: no waiting
    await pilot.press("p")
    assert len(timers) == 1 and timers[0].interval == SPEEDS[2] and not timers[0].stopped
    timers[0].callback()
    await pilot.pause()
    assert scene.state.cursor == 1 and plain(app, "#caption").startswith("t=2: ")
    await pilot.press("plus")  # faster: a new timer, the old one stopped
    assert timers[0].stopped and timers[1].interval == SPEEDS[3] < SPEEDS[2]
    await pilot.press("p")
    assert timers[1].stopped and len(timers) == 2
    await pilot.press("p")
    assert len(timers) == 3 and not timers[2].stopped
    for _ in range(5):
        timers[2].callback()
    await pilot.pause()
    assert scene.state.cursor == 4 and timers[2].stopped  # the last step stops playing
    await pilot.press("p")  # from the end, play starts again at t=1
    assert scene.state.cursor == 0 and len(timers) == 4
    await pilot.press("p")
    assert timers[3].stopped


# ---- sizes -----------------------------------------------------------------------------

def assert_panes_shown(app: RnnApp) -> None:
    width, height = app.size
    for selector in PANES:
        pane = app.screen.query_one(selector)
        assert pane.display and pane.region.area > 0, selector
    for selector in ON_SCREEN:
        region = app.screen.query_one(selector).region
        assert region.area > 0 and region.right <= width and region.bottom <= height, selector
    assert not app.screen.query_one("#too-small").display
    assert "needs a terminal" not in screen_text(app)


def assert_equation_rows_on_one_line(app: RnnApp) -> None:
    """Each unit's row of the equation reads across one screen line: j and five terms."""
    rows = [line.split() for line in region_text(app, "#units-scroll")]
    h = app.screen.state.trace.model.hidden_size
    on_screen = min(h, len(rows) - 2)  # a large H scrolls: the rows the pane's height holds (title, header)
    assert on_screen >= min(h, 6)
    for j in range(1, on_screen + 1):
        assert any(r[:1] == [str(j)] and len(r) >= 6 for r in rows), (j, "\n".join(map(" ".join, rows)))


@with_app(size=(60, 20))
async def test_too_small_terminal_says_so_and_resizing_back_restores(app, pilot):
    message = app.screen.query_one("#too-small")
    assert message.display
    text = " ".join(screen_text(app).split())
    assert "needs a terminal of at least 80x24; this one is 60x20" in text
    for selector in PANES:
        assert app.screen.query_one(selector).region.area == 0, selector
    await pilot.resize_terminal(79, 30)
    await pilot.pause()
    assert "this one is 79x30" in " ".join(screen_text(app).split())
    await pilot.resize_terminal(80, 24)
    await pilot.pause()
    assert_panes_shown(app)
    await pilot.press("right")
    check_step_numbers(app)


@pytest.mark.parametrize("start, via", [((120, 40), (60, 20)), ((60, 20), (120, 40))])
def test_resizing_back_to_80x24_shows_every_pane_and_fits_the_equation_rows(start, via):
    @with_app(size=start)
    async def run(app, pilot):
        for size in (via, (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert_panes_shown(app)
        assert_equation_rows_on_one_line(app)
        assert plain(app, "#caption").startswith("t=1: ")
    run()


@with_app()
async def test_equation_rows_fit_at_t10_and_later(app, pilot):
    await pilot.press("e")
    app.screen.query_one(Input).post_message(events.Paste("hi my name is barry i love ai my name is barry"))
    await pilot.press("enter")
    await pilot.press("end")
    assert app.screen.state.step.t == 12
    check_step_numbers(app)
    assert_equation_rows_on_one_line(app)


@with_app(session=lambda: Session(weights=untrained(LECTURE_CORPUS, hidden=16)))
async def test_onehot_shows_the_current_row_when_squeezed(app, pilot):
    await pilot.press("right", "right")
    rows = plain(app, "#onehot").splitlines()
    assert any(r.split()[:1] == ["x₃"] for r in rows), rows
    assert not any("3 earlier rows" in r for r in rows), rows


# ---- repainting only what changed --------------------------------------------------------

@with_app()
async def test_panes_repaint_only_what_changed_and_only_a_new_trace_relayouts(app, pilot):
    repainted: dict[str, list[bool]] = {}
    relayout: dict[str, list[bool]] = {}
    for pane in app.screen.query(Pane):
        def spy(state, pane=pane, show=pane.show):
            did = show(state)
            repainted.setdefault(pane.id, []).append(did)
            return did

        def refresh(*args, pane=pane, refresh=pane.refresh, **kwargs):
            relayout.setdefault(pane.id, []).append(kwargs.get("layout", False))
            return refresh(*args, **kwargs)
        pane.show, pane.refresh = spy, refresh

    async def step(*keys: str) -> dict[str, bool]:
        repainted.clear()
        relayout.clear()
        await pilot.press(*keys)
        return {name: any(calls) for name, calls in repainted.items()}

    did = await step("down")  # t=2, first sub-step
    timeline = app.screen.query_one(Timeline)
    before, key = plain(app, "#timeline"), timeline._key
    did = await step("down")  # t=2 at + W_hh h₁: the timeline draws the same cells
    assert not did["timeline"] and timeline._key == key and plain(app, "#timeline") == before
    onehot = app.screen.query_one(OneHot)
    key, text = onehot._key, plain(app, "#onehot")
    did = await step("down")  # + b: only the equation's columns and the caption change
    assert did["equation"] and did["caption"]
    assert not did["onehot"] and not did["status"] and not did["timeline"]
    assert onehot._key == key and plain(app, "#onehot") == text
    did = await step("down")  # tanh: h₂ appears in the hidden pane
    assert did["hidden"] and did["equation"] and not did["onehot"]
    did = await step("f")  # folding changes the timeline only
    assert did["timeline"] and not any(did[p] for p in ("equation", "hidden", "onehot", "output", "status"))
    did = await step("right")  # a new step changes every pane, and just repaints it
    assert all(did[p] for p in ("equation", "hidden", "onehot", "output", "status", "caption", "timeline"))
    assert not any(any(calls) for calls in relayout.values()), relayout
    await step("n")  # a new sentence: a new trace, so a new layout (the panes' heights may change)
    assert all(relayout[p] and any(relayout[p]) for p in ("equation", "hidden", "onehot", "output")), relayout


# ---- keys in the help screen and the command palette ----------------------------------------

@with_app()
async def test_the_palette_lists_every_key_of_the_scene_once(app, pilot):
    from rnn_tui.ui.bindings import APP_KEYS, SCENE_KEYS, key_text

    titles = [c.title for c in app.get_system_commands(app.screen)]
    for b in SCENE_KEYS + [b for b in APP_KEYS if b.action != "quit"]:
        assert titles.count(f"{b.description} ({key_text(b)})") == 1, b
    ours = [t for t in titles if t.endswith(")") and not re.match(r"Scene \d+:", t)]
    assert len(ours) == len(SCENE_KEYS) + len(APP_KEYS) - 2, ours  # both quits are Textual's Quit


# ---- the state is rebuilt from the session when the scene is shown again ---------------------

@with_app()
async def test_coming_back_keeps_the_place_unless_the_session_changed(app, pilot):
    await pilot.press("right", "right", "f", "question_mark", "escape")  # a modal: the place is kept
    assert (app.screen.state.cursor, app.screen.state.folded) == (2, True)
    app.switch_mode("sequences")
    await pilot.pause()
    app.switch_mode("unroll")
    await pilot.pause()
    assert (app.screen.state.cursor, app.screen.state.folded) == (2, True)  # nothing changed
    app.switch_mode("sequences")
    await pilot.pause()
    app.session.move(1)  # another scene moved on to the next sentence
    app.switch_mode("unroll")
    await pilot.pause()
    state = app.screen.state
    assert state.trace is app.session.trace() and state.text == "I love AI" and state.cursor == 0
    assert state.folded and "2/3: I love AI" in plain(app, "#status")


# ---- a classifier in the topologies that write words; a many-to-one model's earlier outputs ----

def sentiment_session() -> Session:
    from rnn_tui.engine.models import load_model
    return Session(weights=load_model("sentiment"), topology=topology_by_name("many-to-one"))


@with_app(session=sentiment_session)
async def test_a_classifier_is_refused_for_2_and_5_in_the_caption(app, pilot):
    await pilot.press("right")
    before = app.screen.state.trace
    for key, name in (("2", "one-to-many"), ("5", "encoder-decoder")):
        await pilot.press(key)
        assert app.screen.state.trace is before and app.session.topology.name == "many-to-one"
        first = " ".join(line.strip() for line in plain(app, "#caption").splitlines())
        assert first.startswith(f"⚠ {name} ") and first.endswith("sentiment outputs labels (negative, positive)")
    await pilot.press("right")  # the next key: the step's own caption again
    assert plain(app, "#caption").startswith("t=3: reads ")


@with_app(session=lambda: Session(weights=sentiment_session().weights, topology=topology_by_name("many-to-many")))
async def test_the_output_pane_says_a_many_to_one_models_earlier_output_is_had_it_stopped(app, pilot):
    assert plain(app, "#output").splitlines()[0] == "had the sentence stopped here:"
    assert "had the sentence stopped here" in " ".join(line.strip() for line in plain(app, "#caption").splitlines())
    await pilot.press("end")
    assert "stopped" not in plain(app, "#output") and "predicts" in plain(app, "#caption")


@with_app()
async def test_one_to_many_is_greedy_until_T_and_R_draw_words_at_a_temperature(app, pilot):
    await pilot.press("2")
    scene = app.screen
    assert scene.state.trace.outputs == ["my", "name", "is", "barry", "<eos>"]
    assert plain(app, "#caption").splitlines()[-1].endswith("; greedy")
    assert scene.check_action("resample", ()) is None  # greedy: nothing to draw again
    await pilot.press("T", "T", "T")  # greedy, 0.5, 1, then 2
    assert plain(app, "#caption").splitlines()[-1].endswith("; sampled, T=2, seed 0")
    drawn = [tuple(scene.state.trace.outputs)]
    for _ in range(5):
        await pilot.press("R")
        drawn.append(tuple(scene.state.trace.outputs))
    assert "seed 5" in plain(app, "#caption") and len(set(drawn)) > 1  # other seeds, other sentences
    for before, after in pairwise(scene.state.trace.steps):  # what it wrote is what it reads next
        if after.typed is not None and before.chosen is not None:
            assert after.typed == scene.state.trace.model.labels[before.chosen]
    await pilot.press("4")  # many-to-many reads every word it is given: nothing to sample
    assert scene.check_action("temperature", ()) is None and scene.check_action("resample", ()) is None
    await pilot.press("T")
    assert "sampled" not in plain(app, "#caption")
