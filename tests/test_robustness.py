"""Nothing a room of students does breaks it: generated key sequences across every scene,
generated hostile text, resize storms, generated corpus and weights files, extreme weights.
Hypothesis makes the cases; each property is checked after every key, not just at the end.
The long runs are behind `-m slow`."""

from __future__ import annotations

import asyncio
import io
import string
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from textual.widgets import Input

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import load_corpus
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.topologies import TOPOLOGIES
from rnn_tui.engine.trace import run
from rnn_tui.ui.app import MIN_HEIGHT, MIN_WIDTH, RnnApp
from rnn_tui.ui.safe import printable
from rnn_tui.ui.scenes import NAMES
from rnn_tui.ui.scenes.base import Scene
from rnn_tui.ui.scenes.unroll import UnrollScene
from rnn_tui.ui.session import Session
from rnn_tui.ui.widgets.pane import Pane

from helpers import error_notices

# Every key a scene or the app binds, except those that leave the app (q), write files (w),
# or start training in a thread (space in the Train scene; right steps everywhere else).
KEYS = ["right", "left", "down", "up", "home", "end", "pagedown", "pageup", "1", "2", "3", "4", "5",
        "n", "N", "f", "g", "r", "i", "escape", "question_mark", "t", "x", "L", "k", "plus", "minus",
        "p", "l", "h", "ctrl+down", "ctrl+up", "s", "less_than_sign", "greater_than_sign"]

# Text a student might type: markup, escape sequences, controls, emoji, combining marks, RTL, CJK.
HOSTILE = st.lists(
    st.sampled_from(list(string.ascii_letters + " []/=.,!?'\"\\") + [
        "[red]", "[/]", "[link=http://x]", "\x1b[31m", "\x1b]0;title\x07", "\x07", "\x00", "\r", "\t",
        "\u202e", "\u200f", "😀", "👩‍🔬", "e\u0301", "\u0300", "مرحبا", "שלום", "日本語", "한국어", "ｗｉｄｅ",
    ]),
    min_size=1, max_size=25,
).map("".join)
ACTIONS = st.lists(st.one_of(st.sampled_from(KEYS), st.tuples(st.just("type"), HOSTILE)), min_size=1, max_size=40)


def check_invariants(app: RnnApp, errors: list[str]) -> None:
    assert not errors, errors
    screen = app.screen
    if isinstance(screen, UnrollScene) and screen.state is not None:
        v = screen.state
        assert 0 <= v.cursor < len(v.trace)
        assert -1 <= v.substep < len(v.phases)
        for pane in screen.query(Pane):  # every pane shows the cursor's step
            assert pane.state is v
        assert f"t={v.step.t}/{len(v.trace)}" in screen.query_one("#status").render().plain
    elif isinstance(screen, Scene):
        assert 0 <= screen.step <= screen.last_step()


async def mash(actions, scene: str, size=(80, 24)) -> None:
    app = RnnApp(Session(), scene=scene)
    errors = error_notices(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for action in actions:
            if isinstance(action, tuple):  # type a sentence through the `e` dialog, if this scene has one
                await pilot.press("e")
                inputs = app.screen.query(Input)
                if inputs:
                    inputs.first().value = action[1]
                    await pilot.press("enter")
                    if app.screen.query(Input):  # refused (no words): the dialog stays; leave it
                        await pilot.press("escape")
            else:
                await pilot.press(action)
            check_invariants(app, errors)
        for screen in app.screen_stack:  # user text never reaches the screen raw
            for widget in screen.query("*"):
                if hasattr(widget, "render") and isinstance(widget, Pane):
                    plain = widget.render().plain
                    assert "\x1b" not in plain and "\x07" not in plain


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=ACTIONS, scene=st.sampled_from(NAMES))
def test_random_keys_in_every_scene_keep_every_invariant(actions, scene):
    asyncio.run(mash(actions, scene))


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=st.lists(st.sampled_from(KEYS), min_size=50, max_size=200), scene=st.sampled_from(NAMES))
def test_many_random_keys_slow(actions, scene):
    asyncio.run(mash(actions, scene))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sizes=st.lists(st.tuples(st.integers(20, 250), st.integers(6, 80)), min_size=1, max_size=12),
       scene=st.sampled_from(NAMES))
def test_a_resize_storm_never_crashes_and_says_the_size_it_needs(sizes, scene):
    async def main():
        app = RnnApp(Session(), scene=scene)
        async with app.run_test(size=(80, 24)) as pilot:
            for w, h in sizes:
                await pilot.resize_terminal(w, h)
                await pilot.press("right")
                message = app.screen.query_one("#too-small")
                small = w < MIN_WIDTH or h < MIN_HEIGHT
                assert message.display == small
                if small:
                    assert f"at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {w}x{h}" in str(message.render())
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


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=4), max_size=8),
       newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_any_csv_loads_or_gives_one_line_naming_the_file(tmp_path, rows, newline, bom):
    text = newline.join(",".join(r) for r in [["text", "label"]] + rows)
    path = tmp_path / "c.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass"))
    try:
        load_corpus(path)
    except InputError as e:
        assert "\n" not in str(e) and str(path) in str(e)


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
