"""Nothing a room of students does breaks it: every key of every scene, generated hostile
text, resize storms, generated corpus and weights files, extreme weights. Each property is
checked after every key, not just at the end.

The default run is quick: the scenes' state machines are driven directly in their own tests
(tests/test_state_unroll.py for Unroll); every key a scene binds, once, in every scene, and
resizing every scene across the limits, are stops of the 80x24 tour (tests/test_tour.py).
The long random runs are behind `-m slow`."""

from __future__ import annotations

import asyncio
import csv
import io
import string
import unicodedata
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra import numpy as hnp
from textual.geometry import Region
from textual.widgets import Input

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import load_corpus
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.topologies import TOPOLOGIES
from rnn_tui.engine.trace import run
from rnn_tui.ui.app import MIN_HEIGHT, MIN_WIDTH, RnnApp
from rnn_tui.ui.bindings import active_keys
from rnn_tui.ui.safe import BIDI_CONTROLS, printable
from rnn_tui.ui.scenes import NAMES
from rnn_tui.ui.scenes.base import LessonScene
from rnn_tui.ui.scenes.unroll import UnrollScene
from rnn_tui.ui.session import Session
from rnn_tui.ui.widgets.pane import Pane

from helpers import error_notices

# Every key a scene or the app binds, except those that leave the app (q), write files (w),
# or start training in a thread (space in the Train scene; right steps everywhere else).
KEYS = ["right", "left", "down", "up", "home", "end", "pagedown", "pageup", "1", "2", "3", "4", "5",
        "n", "N", "f", "g", "r", "i", "escape", "question_mark", "t", "x", "L", "k", "plus", "minus",
        "p", "l", "h", "ctrl+down", "ctrl+up", "s", "less_than_sign", "greater_than_sign"]
NEVER = {"q", "ctrl+c", "w", "space"}

# Text a student might type: markup, escape sequences, controls, emoji, combining marks, RTL, CJK.
HOSTILE = st.lists(
    st.sampled_from(list(string.ascii_letters + " []/=.,!?'\"\\") + [
        "[red]", "[/]", "[link=http://x]", "\x1b[31m", "\x1b]0;title\x07", "\x07", "\x00", "\r", "\t",
        "\u202e", "\u200f", "😀", "👩‍🔬", "e\u0301", "\u0300", "مرحبا", "שלום", "日本語", "한국어", "ｗｉｄｅ",
    ]),
    min_size=1, max_size=25,
).map("".join)
ACTIONS = st.lists(st.one_of(st.sampled_from(KEYS), st.tuples(st.just("type"), HOSTILE)), min_size=1, max_size=40)
# One hostile sentence with words, for the quick run: markup, an escape sequence, a bell, bidi.
TYPED = "[red]hi[/] \x1b[31mmy\x07 name \u202eis\x1b]0;title\x07 barry"


def check_invariants(app: RnnApp, errors: list[str]) -> None:
    assert not errors, errors
    screen = app.screen
    state = getattr(screen, "state", None)
    if isinstance(screen, UnrollScene) and state is not None:
        assert 0 <= state.cursor < len(state.trace)
        assert -1 <= state.substep < len(state.phases)
        for pane in screen.query(Pane):  # every pane draws the scene's one state
            assert pane.state is state
        assert f"t={state.step.t}/{len(state.trace)}" in screen.query_one("#status").render().plain
    elif isinstance(screen, LessonScene) and state is not None:
        assert type(state).__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert 0 <= state.step <= state.last_step


def raw_control(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" or c in BIDI_CONTROLS for c in text)


def drawn(app: RnnApp):
    """(widget, line) for every line every widget of every screen on the stack draws: panes,
    labels, titles, the Footer, borders; what would reach the terminal."""
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            width, height = widget.outer_size
            if widget.display and width and height:
                for strip in widget.render_lines(Region(0, 0, width, height)):
                    yield widget, strip.text


def assert_no_raw_user_text(app: RnnApp) -> None:
    """User text never reaches the terminal raw: no control or bidi character anywhere."""
    for widget, line in drawn(app):
        assert not raw_control(line), (widget, line)


async def type_sentence(app: RnnApp, pilot, text: str) -> None:
    """Type `text` through the scene's `e` dialog, if it has one."""
    await pilot.press("e")
    inputs = app.screen.query(Input)
    if inputs:
        inputs.first().value = text
        await pilot.press("enter")
        if app.screen.query(Input):  # refused (no words): the dialog stays; leave it
            await pilot.press("escape")


async def mash(actions, scene: str, size=(80, 24)) -> None:
    app = RnnApp(Session(), scene=scene)
    errors = error_notices(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for action in actions:
            if isinstance(action, tuple):
                await type_sentence(app, pilot, action[1])
            else:
                await pilot.press(action)
            check_invariants(app, errors)
        assert_no_raw_user_text(app)


def scene_keys(screen) -> list[str]:
    """The first key of each binding the scene declares (the palette's list), bar NEVER."""
    keys = [b.key.split(",")[0] for b in active_keys(screen)[0]]
    return [k for k in keys if k not in NEVER]


@pytest.mark.parametrize("scene", [
    "unroll", "sentiment",
])
def test_a_typed_sentence_never_reaches_the_terminal_raw(scene):
    """Markup stays text; an escape sequence, a bell or a bidi override is shown escaped."""
    async def main():
        app = RnnApp(Session(), scene=scene)
        errors = error_notices(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await type_sentence(app, pilot, TYPED)
            await pilot.press("right")
            check_invariants(app, errors)
            assert_no_raw_user_text(app)
            shown = "\n".join(line for _, line in drawn(app))
            assert "[red]hi[/]" in shown, shown  # it is on screen, as typed
    asyncio.run(main())


def test_words_labels_and_names_from_a_weights_file_never_reach_the_terminal_raw():
    """A weights file is user text too: its vocabulary, labels and name."""
    vocab = Vocabulary(("hi", "my\x07", "\x1b[31mname", "<unk>"))
    labels = ("\x1b]0;title\x07", "ok\u202e", "<eos>")
    model = Model(Params.init(4, 6, 3, seed=1), vocab, labels, name="evil\x1b[2J")

    async def main():
        app = RnnApp(Session(weights=model), scene="unroll")
        errors = error_notices(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for keys in (["right"], ["f"], ["f", "2", "right"], ["i"]):  # unrolled, folded, fed back, a unit
                await pilot.press(*keys)
                check_invariants(app, errors)
                assert_no_raw_user_text(app)
            shown = "\n".join(line for _, line in drawn(app))
            assert "\\x1b[31mname" in shown  # the unit close-up lists the words, escaped
    asyncio.run(main())


@pytest.mark.slow
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=ACTIONS, scene=st.sampled_from(NAMES))
def test_random_keys_in_every_scene_keep_every_invariant(actions, scene):
    asyncio.run(mash(actions, scene))


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=st.lists(st.sampled_from(KEYS), min_size=50, max_size=200), scene=st.sampled_from(NAMES))
def test_many_random_keys_slow(actions, scene):
    asyncio.run(mash(actions, scene))


async def resize_storm(app: RnnApp, pilot, sizes) -> None:
    for w, h in sizes:
        await pilot.resize_terminal(w, h)
        await pilot.press("right")
        message = app.screen.query_one("#too-small")
        small = w < MIN_WIDTH or h < MIN_HEIGHT
        assert message.display == small, (app.current_mode, w, h)
        if small:
            assert f"at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {w}x{h}" in str(message.render())


# Each side of both limits, the smallest and a large terminal: every scene gets one of them,
# then 80x24 again; the first scene gets them all (tests/test_tour.py).
EDGES = [(79, 24), (80, 23), (20, 6), (250, 80)]


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sizes=st.lists(st.tuples(st.integers(20, 250), st.integers(6, 80)), min_size=1, max_size=12),
       scene=st.sampled_from(NAMES))
def test_a_resize_storm_never_crashes_and_says_the_size_it_needs(sizes, scene):
    async def main():
        app = RnnApp(Session(), scene=scene)
        async with app.run_test(size=(80, 24)) as pilot:
            await resize_storm(app, pilot, sizes)
    asyncio.run(main())


@settings(max_examples=200, deadline=None)
@given(text=HOSTILE)
def test_typed_text_is_shown_as_typed_and_never_as_control_characters(text):
    shown = printable(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u200f" for c in shown)
    assert "[red]" not in text or "[red]" in shown  # markup stays text
    session = Session()
    try:
        session.add_sentence(text)
    except InputError as e:
        assert "no words" in str(e)
        return
    trace = session.trace()
    assert all(tok for tok in trace.tokens)


# ---- files ------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".csv", ".tsv", ""]))
def test_any_bytes_as_a_corpus_load_or_give_one_line(tmp_path, data, suffix):
    path = tmp_path / f"corpus{suffix}"
    path.write_bytes(data)
    try:
        corpus = load_corpus(path)
    except InputError as e:
        assert "\n" not in str(e) and str(path) in str(e)
        return
    assert corpus.sentences and all(s.words for s in corpus.sentences)


# Rows that load (words, a label 0..999) as often as rows that don't (any text, any cells).
WORDS = st.from_regex(r"[a-z]{1,6}( [a-z]{1,6}){0,2}", fullmatch=True)
CSV_ROW = st.one_of(
    st.tuples(st.one_of(WORDS, st.text(max_size=12)),
              st.one_of(st.integers(0, 999).map(str), st.text(max_size=4))).map(list),
    st.lists(st.text(max_size=12), max_size=4),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(CSV_ROW, max_size=8), newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_any_csv_loads_or_gives_one_line_naming_the_file(tmp_path, rows, newline, bom):
    text = newline.join(",".join(r) for r in [["text", "label"]] + rows)
    path = tmp_path / "c.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass"))
    try:
        corpus = load_corpus(path)
    except InputError as e:
        assert "\n" not in str(e) and str(path) in str(e)
        return
    # It loaded: exactly the file's data rows as Python's csv module reads them, blank rows
    # skipped, each row's text (with words) and whole-number label.
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    data = [r for r in parsed[1:] if any(c.strip() for c in r)]
    assert [(s.text, s.label) for s in corpus.sentences] == [(r[0].strip(), int(r[1])) for r in data]
    assert all(s.words for s in corpus.sentences)


KEY_NAMES = ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "out.weight", "out.bias"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(arrays=st.dictionaries(
    st.sampled_from(KEY_NAMES + ["vocab", "labels", "rnn.weight_ih_l1", "extra"]),
    st.one_of(
        hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
                   elements=st.floats(allow_nan=True, allow_infinity=True)),
        hnp.arrays(np.int32, hnp.array_shapes(max_dims=2, max_side=4)),
        hnp.arrays(hnp.unicode_string_dtypes(max_len=5), hnp.array_shapes(max_dims=2, max_side=4)),
    ), max_size=9))
def test_any_npz_loads_or_gives_one_line_naming_the_key(tmp_path, arrays):
    path = tmp_path / "w.npz"
    np.savez(path, **arrays)
    try:
        model = weights.load(path)
    except InputError as e:
        assert "\n" not in str(e)
        return
    assert np.all(np.isfinite(model.params.W_hh))


def test_a_pickled_object_array_is_refused_and_never_unpickled(tmp_path):
    path = tmp_path / "evil.npz"
    buf = io.BytesIO()
    np.save(buf, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("vocab.npy", buf.getvalue())
    with pytest.raises(InputError, match="vocab"):
        weights.load(path)


# ---- numerics ---------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(scale=st.floats(1e-3, 1e6), seed=st.integers(0, 2**16), length=st.integers(1, 300))
def test_extreme_weights_and_long_sentences_keep_every_value_finite(scale, seed, length):
    vocab = Vocabulary(("a", "b", "c", "<unk>"))
    p = Params.init(4, 6, 4, seed=seed)
    big = Params(*(a * scale for a in p.arrays()))
    model = Model(big, vocab, ("a", "b", "c", "<eos>"))
    words = list(np.random.default_rng(seed).choice(["a", "b", "c", "zz"], size=length))
    for top in TOPOLOGIES:
        trace = run(model, words, top)
        for s in trace.steps:
            assert np.all(np.isfinite(s.pre)) and np.all(np.abs(s.h) <= 1)
            if s.y is not None:
                assert np.all(np.isfinite(s.y)) and abs(s.y.sum() - 1) < 1e-9


# ---- a bug inside a scene -----------------------------------------------------------------

def test_a_failing_key_or_pane_is_shown_as_a_notice_and_the_app_goes_on(monkeypatch):
    from rnn_tui.ui.widgets.onehot import OneHot

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    async def main():
        app = RnnApp(Session(), scene="unroll")
        notices: list[str] = []
        notify = app.notify
        app.notify = lambda message, *a, **k: (notices.append(str(message)), notify(message, *a, **k))
        async with app.run_test(size=(80, 24)) as pilot:
            monkeypatch.setattr(UnrollScene, "action_fold", broken)
            await pilot.press("f")
            assert any("RuntimeError: a bug" in n for n in notices)
            await pilot.press("right")  # the app goes on
            assert app.screen.state.cursor == 1
            monkeypatch.setattr(OneHot, "_columns", broken)  # render() calls it
            await pilot.press("right")
            await pilot.pause()
            assert "could not be drawn" in app.screen.query_one(OneHot).render().plain
            assert sum("a bug" in n for n in notices) == 2  # once for the key, once for the pane
            await pilot.press("right")
            assert app.screen.state.cursor == 3 and app.is_running
    asyncio.run(main())
