"""The Topologies and Sentiment scenes, driven with Pilot at 80x24: the numbers on screen are
the engine's. (No pytest-asyncio here: each test runs its coroutine with asyncio.run.)"""

import re

import numpy as np
import pytest
from textual.widgets import Input

from rnn_tui.engine import tokenize
from rnn_tui.engine.models import load_model
from rnn_tui.engine.topologies import TOPOLOGIES, topology_by_name
from rnn_tui.engine.trace import run, run_seq2seq
from rnn_tui.ui.render.bars import fmt
from rnn_tui.ui.scenes.sentiment import (
    MAP_HEIGHT,
    MAP_WIDTH,
    STEP_MARKS,
    MapBoard,
    SentimentScene,
    WordsBoard,
    map_dots,
)
from rnn_tui.ui.scenes.topologies import ChainBoard, DiagramsBoard, TopologiesScene, diagram
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.sentiment import shipped_map as demo
from rnn_tui.ui.state.wording import sub

from helpers import drive

SIZE = (80, 24)




def lines(widget) -> list[str]:
    return widget.render().plain.split("\n")


def row(widget, name: str) -> str:
    return next(l for l in lines(widget) if l.split() and l.split()[0] == name)


def assert_fits(app) -> None:
    body = app.screen.query_one("#scene-body")
    assert body.max_scroll_y == 0, "the scene scrolls at 80x24"
    for board in app.screen.query("Board"):
        for line in lines(board):
            assert len(line) <= board.size.width, line


# ---- Topologies ----

def expected_trace(session: Session, name: str):
    top = topology_by_name(name)
    if name == "encoder-decoder":  # the shipped translation model: an encoder and a decoder of its own
        return run_seq2seq(session.translator(top), tokenize(session.text))
    return run(session.model(top), tokenize(session.text), top, session.gen_steps)


def check_chain(chain: ChainBoard, trace, t: int) -> None:
    """The columns on screen show the trace's values up to step t and none after; a chain too long
    for the width shows a window of consecutive steps that holds the current one (… marks the cut)."""
    shown = [int(x) for x in row(chain, "t").split()[1:] if x.isdigit()]
    assert shown == list(range(shown[0], shown[0] + len(shown))) and (t == 0 or t in shown)
    if len(shown) < len(trace.steps):
        assert "…" in row(chain, "t")
    steps = trace.steps[shown[0] - 1: shown[-1]]
    past = [s for s in steps if s.t <= t]
    for j in range(4):
        assert row(chain, f"h[{j + 1}]").split()[1:] == [fmt(s.h[j]) for s in past]
    labels = trace.model.labels
    ys = [labels[s.predicted] if s.has_output else "no" for s in past]
    ys += ["y" if s.has_output else "no" for s in steps if s.t > t]
    assert re.fullmatch(r"y\s+" + r"\s+".join(map(re.escape, ys)) + r"\s*", row(chain, "y"))
    ps = [f"{s.y[s.predicted]:.0%}" if s.has_output else "output" for s in past]
    ps += ["?" if s.has_output else "output" for s in steps if s.t > t]
    assert row(chain, "P(y)").split()[1:] == ps
    xs = [s.input_token if s.source == "word" else "·" if s.source == "nothing" else f"↻{s.input_token}"
          for s in steps]
    assert row(chain, "x").split()[1:] == xs


def test_topology_key_steps_through_the_engines_trace():
    """Each topology in turn, in one app: its key, then every step, and one past each end."""
    session = Session()

    async def script(pilot, app):
        scene = app.screen
        assert isinstance(scene, TopologiesScene)
        for top in TOPOLOGIES:
            trace = expected_trace(session, top.name)
            await pilot.press(top.key, "home")  # a new topology keeps the step: start from the first
            assert scene.state.topology.name == top.name
            assert scene.state.last_step == len(trace), top.name
            chain = scene.query_one(ChainBoard)
            check_chain(chain, trace, 0)
            for t in range(1, len(trace) + 1):
                await pilot.press("right")
                assert scene.state.step == t, top.name
                check_chain(chain, trace, t)
                s = trace.steps[t - 1]
                caption = str(scene.query_one("#scene-caption").render())
                assert caption.startswith(f"t={t}:"), (top.name, caption)
                if s.has_output:
                    assert f"({s.y[s.predicted]:.0%})" in caption, (top.name, caption)
                else:
                    assert "no output" in caption, (top.name, caption)
                assert_fits(app)
            await pilot.press("right")  # past the end: stays
            assert scene.state.step == len(trace), top.name
            await pilot.press("left")
            assert scene.state.step == len(trace) - 1, top.name

    drive("topologies", script, session)
    assert session.topology.name == "many-to-many"  # the session's own topology is left alone


def test_topologies_names_the_weights_and_keeps_the_step_when_switching():
    async def script(pilot, app):
        scene = app.screen
        chain = scene.query_one(ChainBoard)
        await pilot.press("4")
        assert "weights: lecture-next-word, trained for many-to-many" in lines(chain)[0]
        await pilot.press("5")  # the shipped English-to-French encoder-decoder, trained for it
        assert "weights: translation-en-fr, trained for encoder-decoder" in lines(chain)[0]
        await pilot.press("3", "right", "right")
        assert scene.state.step == 2
        await pilot.press("1")  # one step only: the cursor comes back to it
        assert scene.state.step == 1 and scene.state.topology.name == "one-to-one"
        await pilot.press("4")
        assert scene.state.step == 1

    drive("topologies", script)


def test_topologies_opens_on_the_topology_the_unroll_scene_chose():
    async def script(pilot, app):
        await pilot.press("2", "pagedown")  # one-to-many in the unroll scene, then the next scene
        scene = app.screen
        assert isinstance(scene, TopologiesScene) and scene.state.topology.name == "one-to-many"
        await pilot.press("4", "right", "pageup", "pagedown")  # our choice stays while unroll's does
        assert scene.state.topology.name == "many-to-many" and scene.state.step == 1
        assert app.session.topology.name == "one-to-many"
        await pilot.press("pageup", "3", "pagedown")
        assert scene.state.topology.name == "many-to-one"

    drive("unroll", script)


def test_diagrams_are_drawn_from_the_engines_schedules():
    assert diagram(topology_by_name("one-to-one")) == ["y", "↑", "h", "↑", "x"]
    assert diagram(topology_by_name("many-to-one"))[0] == "    y"
    assert diagram(topology_by_name("many-to-many"))[4] == "x x x"
    ed = diagram(topology_by_name("encoder-decoder"))
    assert ed[0] == "      y y y" and ed[4] == "x x x · ↻ ↻" and ed[2].count("h") == 6
    assert diagram(topology_by_name("one-to-many"))[4] == "x ↻ ↻"

    async def script(pilot, app):
        text = app.screen.query_one(DiagramsBoard).render().plain
        for top in TOPOLOGIES:
            assert f"{top.key} {top.name}" in text
        for task in ("classification", "caption", "sentiment", "tagging", "translation"):
            assert task in text
        assert_fits(app)

    drive("topologies", script)


def test_topologies_shows_a_typed_sentence_with_unk():
    session = Session()
    session.add_sentence("I love zorbly cats")

    async def script(pilot, app):
        chain = app.screen.query_one(ChainBoard)
        await pilot.press("4", "end")
        assert row(chain, "x").split()[1:] == ["i", "love", "<unk>", "<unk>"]
        check_chain(chain, expected_trace(session, "many-to-many"), 4)

    drive("topologies", script, session)


# ---- Sentiment ----

def engine_y(text: str, topology: str = "many-to-one"):
    return run(load_model("sentiment"), tokenize(text), topology_by_name(topology))


def test_sentiment_starts_on_the_first_test_sentence_and_ends_on_the_engines_answer():
    first = next(s.text for s in demo().corpus.sentences if s.split == "test")
    final = engine_y(first).steps[-1]
    every = engine_y(first, "many-to-many")  # y at every word: what the prefixes should show

    async def script(pilot, app):
        scene = app.screen
        assert isinstance(scene, SentimentScene)
        assert scene.state.text == first and scene.state.step == 0
        words = scene.query_one(WordsBoard)
        positive = demo().model.labels.index("positive")
        for t in range(1, len(every) + 1):
            await pilot.press("right")
            p = every.steps[t - 1].y[positive]
            assert scene.state.reading.p_positive(t) == pytest.approx(p, abs=1e-12)
            shown = next(l for l in lines(words) if l.split()[:2] == [str(t), every.tokens[t - 1]])
            assert f"{p:.0%}" in shown and ("pos" if p > 0.5 else "neg") in shown
            assert_fits(app)
        assert scene.state.step == len(every)
        assert scene.state.reading.probs[-1] == pytest.approx(final.y, abs=1e-12)
        caption = str(scene.query_one("#scene-caption").render())
        label = demo().model.labels[final.predicted]
        assert f"The model's answer: {label} ({final.y[final.predicted]:.0%})" in caption
        shown = lines(words)
        head = next(i for i, l in enumerate(shown) if l.startswith(f"h{sub(len(every))}, all {len(final.h)} units"))
        units = " ".join(shown[head + 1:]).split()  # h_T, all its units, as many to a row as fit
        assert units == [fmt(v) for v in final.h]

    drive("sentiment", script)


def test_typing_a_sentence_updates_the_scene_and_unknown_words_read_as_unk():
    typed = "I love zorbly movie"

    async def script(pilot, app):
        scene = app.screen
        await pilot.press("right", "right")
        await pilot.press("e")
        await pilot.press(*["space" if c == " " else c for c in typed], "enter")
        await pilot.pause()
        assert app.screen is scene
        assert scene.state.text == typed and scene.state.step == 0
        assert scene.state.reading.trace.tokens == ("i", "love", "<unk>", "movie")
        words = scene.query_one(WordsBoard)
        assert lines(words)[0] == f"“{typed}”"
        assert any(l.split()[:2] == ["3", "<unk>"] for l in lines(words))
        await pilot.press("end")
        final = engine_y(typed).steps[-1]
        assert scene.state.reading.probs[-1] == pytest.approx(final.y, abs=1e-12)
        await pilot.press("home", "right", "right", "right")
        caption = str(scene.query_one("#scene-caption").render())
        assert "'zorbly' (unknown, read as <unk>)" in caption
        assert scene.state.subtitle == "typed sentence 1"

    drive("sentiment", script)


def test_typing_nothing_or_cancelling_keeps_the_sentence():
    async def script(pilot, app):
        scene = app.screen
        before = scene.state.text
        await pilot.press("e", "escape")
        assert scene.state.text == before
        await pilot.press("e", "full_stop", "enter")  # no words: the modal says so and stays
        assert app.screen is not scene
        await pilot.press("escape")
        assert scene.state.text == before

    drive("sentiment", script)


def plot_rows(board) -> list[str]:
    """The map's rows of braille and marks: after the title line, as many as the map is tall."""
    return lines(board)[1:1 + board.map_size()[1]]


def assert_path_marked(board, state) -> None:
    """Each h_t up to the step is marked with its digit in its own cell of the map (unless a
    later h_t lands in the same cell and is drawn over it); no later h_t is marked."""
    rows = plot_rows(board)
    cells = [(x // 2, y // 4) for x, y in map_dots(state.demo, state.reading.path, *board.map_size())]
    for t, cell in enumerate(cells[: state.step + 1]):
        if cell not in cells[t + 1: state.step + 1]:
            col, row = cell
            assert rows[row][col] == STEP_MARKS[t], (t, cell, rows[row])
    marks = {ch for row in rows for ch in row if ch.isdigit()}
    assert marks == {STEP_MARKS[t] for t, c in enumerate(cells[: state.step + 1])
                     if c not in cells[t + 1: state.step + 1]}


def test_next_sentence_and_pca_is_computed_once():
    async def script(pilot, app):
        scene = app.screen
        computed = scene.state.demo
        await pilot.press("right", "right", "n")
        assert scene.state.index == 1 and scene.state.step == 0
        assert scene.state.text == demo().tests[1]
        await pilot.press("N", "N")
        assert scene.state.text == demo().tests[-1]
        for _ in range(5):
            await pilot.press("right")
        assert scene.state.demo is computed is demo()  # the map is the process's one, not recomputed
        board = scene.query_one(MapBoard)
        plot = "".join(plot_rows(board))
        assert "+" in plot and "−" in plot  # both kinds of sentence end, on the map itself
        assert_path_marked(board, scene.state)

    drive("sentiment", script)


def test_map_path_grows_with_the_step():
    async def script(pilot, app):
        scene = app.screen
        board = scene.query_one(MapBoard)
        assert_path_marked(board, scene.state)  # h_0 alone
        for _ in range(2):
            await pilot.press("right")
            assert_path_marked(board, scene.state)
        await pilot.press("end")
        assert_path_marked(board, scene.state)
        await pilot.press("home")
        assert scene.state.step == 0
        assert_path_marked(board, scene.state)

    drive("sentiment", script)


def test_pca_orients_positive_sentences_to_the_right():
    d = demo()
    assert d.ends[d.labels == 1, 0].mean() > 0 > d.ends[d.labels == 0, 0].mean()
    assert np.all(d.lo < d.hi)


def test_a_long_typed_sentence_is_clipped_at_a_word_and_the_rows_follow_the_cursor():
    words = [f"word{i}" for i in range(40)]
    typed = " ".join(["great", *words])

    async def script(pilot, app):
        scene = app.screen
        await pilot.press("e")
        app.screen.query_one(Input).value = typed  # typing it key by key is covered above
        await pilot.press("enter")
        await pilot.pause()
        board = scene.query_one(WordsBoard)
        first, second = lines(board)[:2]  # two lines of the sentence, then the table's head
        assert len(first) <= board.size.width and len(second) <= board.size.width
        assert second.endswith(" …") and lines(board)[2].split()[:2] == ["t", "word"]
        shown = (first + " " + second).replace("“", "").replace(" …", "").split()
        assert shown == typed.split()[: len(shown)]  # whole words only
        await pilot.press(*["right"] * 12)
        assert any(l.split()[:2] == ["12", "<unk>"] for l in lines(board))
        assert not any(l.split()[:2] == ["1", "great"] for l in lines(board))
        assert any("more words" in l for l in lines(board))
        assert scene.query_one("#scene-body").max_scroll_y == 0

    drive("sentiment", script)


def test_a_typed_escape_character_is_shown_escaped_never_raw():
    """User text reaches the terminal only through rnn_tui.ui.safe.user_text: an escape sequence
    typed into the sentence box is drawn as \\x1b, on the board and in the caption."""
    typed = "good \x1b[2J film"

    async def script(pilot, app):
        scene = app.screen
        await pilot.press("e")
        app.screen.query_one(Input).value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert scene.state.text == typed
        shown = scene.query_one(WordsBoard).render().plain
        assert "\x1b" not in shown and "\\x1b[2J" in shown
        await pilot.press("right")
        title = app.screen.query_one("#scene-title").render()
        assert "\x1b" not in str(title) and "\x1b" not in str(app.screen.query_one("#scene-caption").render())

    drive("sentiment", script)


def test_the_map_grows_into_a_large_screen_and_back():
    """At 80x24 the map is 32 x 14 cells; on a projector's 120x40 it takes the rows a short
    sentence leaves below its words (they were blank), the path still marked in its cells; a
    smaller terminal brings the small map back."""
    async def script(pilot, app):
        scene = app.screen
        board = scene.query_one(MapBoard)
        await pilot.press("right", "right", "right")
        width, height = board.map_size()
        assert (width, height) == (60, 30)
        assert board.size.width >= width and board.size.height >= height + 4  # title, the map, axis and key
        assert len(plot_rows(board)) == height and all(len(r) == width for r in plot_rows(board))
        assert_path_marked(board, scene.state)
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert board.map_size() == (84, 40)
        assert len(plot_rows(board)) == 40 and board.size.width >= 84
        assert_path_marked(board, scene.state)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert board.map_size() == (MAP_WIDTH, MAP_HEIGHT)
        assert board.outer_size.width == MAP_WIDTH + 2  # app.tcss: 34, the small map and its padding
        assert_path_marked(board, scene.state)
        assert_fits(app)

    drive("sentiment", script, size=(120, 40))
