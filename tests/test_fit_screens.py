"""Nothing important is cut, nothing overflows, a larger screen is used: one run of the app per
size (80x24, 120x40, 160x50) visits every scene and every topology and checks, on the screen as
the user sees it, that each warning, label, model name and sentence is whole or ends in a
visible "…" with the whole text in the help screen (`?`, one key away)."""

from __future__ import annotations

import asyncio
import re

import pytest
from textual import events
from textual.widgets import Input

from rnn_tui.engine.models import load_model
from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.scenes import NAMES
from rnn_tui.ui.screens.help import HelpScreen
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.model_line import model_line

from helpers import error_notices

SIZES = [(80, 24), (120, 40), (160, 50)]
NINETEEN = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
           "fifteen sixteen seventeen eighteen nineteen"


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


async def type_sentence(pilot, app: RnnApp, text: str) -> None:
    await pilot.press("e")
    app.screen.query_one(Input).post_message(events.Paste(text))
    await pilot.press("enter")


async def check_unroll(pilot, app: RnnApp, width: int, height: int) -> None:
    for key in "12345":
        await pilot.press(key)
        scene, lines = app.screen, screen_lines(app)
        v, said = scene.state, dict(app.screen.details())
        model = v.trace.model
        assert said["model"] == model_line(model)
        assert shows(lines[0], model.name), (key, lines[0])  # the status line names the model
        assert not lines[0].rstrip().endswith("│")
        caption = rows_of(app, "#caption")
        if v.trained_note:  # the warning: whole (at 80 columns too, on a line of its own if need be)
            assert any(f"⚠ {v.trained_note}" in line for line in caption), (key, caption)
            assert said["warning"] == v.trained_note
        assert any(line.lstrip().startswith(f"{key} {v.trace.topology.title}") for line in caption), caption
        timeline = rows_of(app, "#timeline")
        for s in v.trace.steps[:5]:  # every output label drawn whole (these are short)
            if s.predicted is not None and s.t <= 5:
                assert model.labels[s.predicted] in timeline[0], (key, timeline)
        for line in lines:
            assert len(line) <= width


async def check_long_sentence_and_fold(pilot, app: RnnApp) -> None:
    await pilot.press("4")
    await type_sentence(pilot, app, NINETEEN)
    timeline = rows_of(app, "#timeline")
    assert re.search(r"… \d+ more ▶", timeline[2]) and timeline[4].split()[:2] == ["<unk>", "<unk>"], timeline
    status = screen_lines(app)[0]
    assert shows(status, NINETEEN), status
    assert ("sentence", f"typed 1: {NINETEEN}") in app.screen.details()
    await pilot.press("end", "f")  # t=19: the folded box keeps its shape at two-digit steps
    box = [line for line in rows_of(app, "#timeline") if "╭" in line or "╰" in line]
    assert len(box) == 2 and box[0].index("╮") == box[1].index("╯"), box
    await pilot.press("f", "n")  # back to the first sentence


async def check_guess_mode(pilot, app: RnnApp) -> None:
    await pilot.press("4", "home", "g")  # many-to-many next word: the next word is the answer
    inputs = rows_of(app, "#timeline")[4].split()
    assert inputs[:2] == ["hi", "my"] and set(inputs[2:]) == {"?"}, inputs
    status = screen_lines(app)[0]
    assert "name is Barry" not in status and "hi my …" in status, status
    await pilot.press("space", "space")  # to t=2, revealed: 'name' may show now
    assert rows_of(app, "#timeline")[4].split()[:3] == ["hi", "my", "name"]
    await pilot.press("g")


async def check_notices(pilot, app: RnnApp, height: int) -> None:
    output_before = rows_of(app, "#output")
    await pilot.press("p")  # a notice: in the Footer's line, not over the output pane
    notice = app.screen.query_one("#notice")
    assert notice.display and notice.region.y == height - 1
    assert "playing" in screen_lines(app)[height - 1]
    await pilot.press("p", "+")  # a second notice replaces the first: no stack
    assert "s a step" in screen_lines(app)[height - 1] and "playing" not in "".join(screen_lines(app))
    assert len(rows_of(app, "#output")) == len(output_before)
    await pilot.press("home")


async def check_sentiment_labels_and_aligned_rows(pilot, app: RnnApp) -> None:
    app.session.use_trained("sentiment", load_model("sentiment"))
    await pilot.press("3")
    timeline = " ".join(rows_of(app, "#timeline"))
    assert "negative" in timeline or "positive" in timeline, timeline
    await pilot.press("ctrl+down", "ctrl+down", "ctrl+down")
    for line in rows_of(app, "#units-scroll"):  # the equation's j and the hidden state's j, side by side
        numbers = re.findall(r"^\s*(\d+)\s.*│?\s+(\d+)\s+.*│", line)
        if numbers:
            assert numbers[0][0] == numbers[0][1], line
    await pilot.press("ctrl+up", "ctrl+up", "ctrl+up")


async def check_help(pilot, app: RnnApp) -> None:
    said = app.screen.details()
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    shown = " ".join(" ".join(screen_lines(app)).split())
    for _, text in said[:2]:
        assert " ".join(text.split())[:30] in shown
    await pilot.press("escape")


async def check_lesson_scenes(pilot, app: RnnApp, width: int, height: int, every: bool = True) -> None:
    """Each scene's title names its model; not `every`: Topologies alone (its table grows with the
    screen; the title lines are the same code at every width, and 80 columns is where they are cut)."""
    for number, name in enumerate(NAMES, 1):
        if name == "unroll" or (not every and name != "topologies"):
            continue
        await pilot.press("j", str(number % 10))
        await pilot.pause()
        assert app.current_mode == name
        title = screen_lines(app)[0]
        used = app.screen.used_model(app.screen.state)
        assert (used is None) == (name in ("sequences", "train")), name  # with --weights, One-hot and Flatten too
        if used is not None:
            assert shows(title, used[0].name), (name, title)
            assert ("model", model_line(*used)) in app.screen.details()
        if name == "topologies":
            await check_topologies(pilot, app, height)
        if name == "train" and width == 80:  # where a chart could wrap; a run is not quick enough for three sizes
            await check_train(pilot, app, width)
        for line in screen_lines(app):
            assert len(line) <= width


async def check_topologies(pilot, app: RnnApp, height: int) -> None:
    for key in "1345":
        await pilot.press(key, "home", "right")
        board = " ".join(rows_of(app, "#chain"))
        hidden = app.screen.state.trace.model.hidden_size
        units = len(re.findall(r"h\[\d+\]", board.split("…")[0]))
        if units < hidden:  # what is left out is said, with how many
            assert f"+{hidden - units} more" in board, board
        if height >= 50:  # a tall screen shows the lecture models' every unit, and more of a larger model's
            assert units == hidden if hidden <= 8 else units >= 30, board


async def check_train(pilot, app: RnnApp, width: int) -> None:
    await pilot.press("k", "space")
    for _ in range(100):
        if len(app.screen.state.history) >= 3:
            break
        await pilot.pause(0.05)
    await pilot.press("space")
    await pilot.pause(0.2)
    chart = rows_of(app, "#train-chart")
    accuracy = [line for line in chart if line.strip().startswith("accuracy")]
    assert len(accuracy) == 1 and re.search(r"\d+%\s*$", accuracy[0]), chart  # one line, whole
    try_line = [line for line in screen_lines(app) if line.strip().startswith("try:")]
    assert try_line, screen_lines(app)
    await pilot.press("r", "k")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_scene_and_topology_fits_and_says_its_model(size: tuple[int, int]) -> None:
    width, height = size

    async def main() -> None:
        app = RnnApp(Session(weights=load_model("lecture-next-word")), scene="unroll")
        app.animation_level = "none"
        errors = error_notices(app)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await check_unroll(pilot, app, width, height)
            await check_long_sentence_and_fold(pilot, app)
            await check_guess_mode(pilot, app)
            await check_notices(pilot, app, height)
            await check_help(pilot, app)
            await check_sentiment_labels_and_aligned_rows(pilot, app)
            await check_lesson_scenes(pilot, app, width, height, every=size == (80, 24))
            assert not errors, errors

    asyncio.run(main())
