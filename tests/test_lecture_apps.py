"""Lecture mode's wiring, on 127.0.0.1 only: the presenter's app publishes every step and counts
one answer per follower; a follower's app shows what it is sent (a typed sentence, another scene,
a guess prompt), survives junk, detaches on a key and follows again on F, and carries on when
the presenter goes. Each side runs headless against the bare protocol of the other."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from rnn_tui.lecture.notes import load_notes
from rnn_tui.lecture.protocol import (
    Answer,
    Asset,
    Hello,
    NotesLogin,
    Position,
    Prompt,
    decode_from_presenter,
    encode,
)
from rnn_tui.lecture.token import read_token, token_path
from rnn_tui.lecture.wire import Broadcast, Follow
from rnn_tui.serve import app_command
from rnn_tui.ui.lecture.bar import LectureBar
from rnn_tui.ui.lecture.follower import FollowerApp
from rnn_tui.ui.lecture.presenter import PresenterApp
from rnn_tui.ui.session import Session
from rnn_tui.ui.widgets.status import StatusLine

HOST = "127.0.0.1"


async def until(pilot, condition, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("not within the time allowed")


@contextlib.asynccontextmanager
async def connected_follower() -> AsyncIterator[tuple[Broadcast, FollowerApp, object]]:
    """A presenter's broadcast on loopback and a follower app at 80x24, connected to it."""
    presenter = Broadcast()
    await presenter.start(HOST, 0)
    app = FollowerApp(HOST, presenter.port)
    app.animation_level = "none"
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.status == "connected")
            yield presenter, app, pilot
    finally:
        await presenter.close()


def bar(app) -> str:
    return str(app.screen.query_one(LectureBar).render())


async def next_position(reader: asyncio.StreamReader, where=lambda position: True) -> Position:
    """The next position read (the next one for which `where` holds)."""
    while True:
        line = await asyncio.wait_for(reader.readline(), 5)
        assert line, "the presenter closed the connection"
        message = decode_from_presenter(line)
        if isinstance(message, Position) and where(message):
            return message


def test_the_presenter_publishes_every_step_and_tallies_one_answer_per_follower(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    _, notes = load_notes()

    async def main() -> None:
        app = PresenterApp(Session(), host=HOST, port=0, assets=[Asset("notes", "notes.md", notes)])
        app.animation_level = "none"
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            (r1, w1), (r2, w2), (rn, wn) = [await asyncio.open_connection(HOST, app.port) for _ in range(3)]
            ids = ["a1" * 16, "b2" * 16]
            for w, follower in zip((w1, w2), ids, strict=True):
                w.write(encode(Hello(follower)))
            assert read_token(app.port) == app.token                          # where `rnn-tui notes PORT` reads it
            wn.write(encode(NotesLogin(app.token)))
            first = decode_from_presenter(await asyncio.wait_for(r1.readline(), 5))
            assert isinstance(first, Position) and first.scene == "unroll"    # a follower: where it is, no notes
            told = [decode_from_presenter(await asyncio.wait_for(rn.readline(), 5)) for _ in range(2)]
            assert Asset("notes", "notes.md", notes) in told                   # the notes terminal: the notes too
            await next_position(r2)
            await until(pilot, lambda: "2 following" in bar(app))

            await pilot.press("right")
            moved = await next_position(r1)
            assert (moved.step, moved.substep, moved.sentence) == (1, -1, "Hi my name is Barry")
            await pilot.press("down")
            assert (await next_position(r1)).substep == 0
            await pilot.press("g", "right")        # guess mode, and the next step hidden
            hidden = await next_position(r1, lambda p: p.hidden)
            prompt = hidden.prompt
            assert prompt is not None and prompt.answer is None and prompt.question.startswith("t=3: Which word")
            w1.write(encode(Answer(prompt.id, 0)))
            w1.write(encode(Answer(prompt.id, 1)))         # a second answer: replaces the first, not added
            w1.write(b'{"v": 1, "t": "position", "scene": "gradients"}\n')  # not an answer: ignored
            w2.write(encode(Answer(prompt.id, 0)))
            w2.write(encode(Answer(prompt.id + 1, 1)))     # another prompt's: not counted
            await until(pilot, lambda: app.tally.total == 2)
            await pilot.pause(0.1)
            assert app.tally.counts[:2] == [1, 1]
            w1.close()                                     # follower 1 reconnects and answers again:
            r1, w1 = await asyncio.open_connection(HOST, app.port)
            w1.write(encode(Hello(ids[0])) + encode(Answer(prompt.id, 0)))
            await until(pilot, lambda: app.tally.counts[:2] == [2, 0])   # its answer replaced, not added
            assert app.tally.total == 2
            assert app.current_mode == "unroll"            # nothing a follower sent moved the presenter
            await until(pilot, lambda: f"answers 2 of 2: 1 {prompt.choices[0]} 2" in bar(app))   # not 3: notes aside

            await pilot.press("space")                     # the reveal sends the true answer
            revealed = await next_position(r2, lambda p: p.prompt is not None and p.prompt.answer is not None)
            assert not revealed.hidden and revealed.prompt.id == prompt.id
            assert revealed.prompt.choices[revealed.prompt.answer] == "is"
            await pilot.press("pagedown")
            assert (await next_position(r1, lambda p: p.scene != "unroll")).scene == "topologies"
            await pilot.press("2")          # Topologies: one-to-many shown, the session's topology unchanged
            assert (await next_position(r1, lambda p: p.topology == "one-to-many")).scene == "topologies"
            await pilot.press("pageup")     # back to a scene whose state has not changed: still published
            back = await next_position(r1, lambda p: p.scene != "topologies")
            assert (back.scene, back.step, back.hidden, back.topology) == ("unroll", 2, False, "many-to-many")
            for w in (w1, w2, wn):
                w.close()
        assert not token_path(app.port).exists()          # the token file goes with its presenter
    asyncio.run(main())


HOSTILE = "[red]hi[/] \x1b[2J my \x1b]0;pwned\x07 name"


def test_a_follower_shows_what_it_is_sent_detaches_on_a_key_and_outlives_the_presenter() -> None:
    async def main() -> None:
        answers: list[Answer] = []
        presenter = Broadcast(on_answer=lambda follower, answer: answers.append(answer) is None)
        await presenter.start(HOST, 0)
        port = presenter.port
        app = FollowerApp(HOST, port)
        app.animation_level = "none"
        start = Position(seq=1, elapsed=3.0, scene="unroll", step=2, sentence="Hi my name is Barry")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.status == "connected")
            presenter.publish(start)
            await until(pilot, lambda: getattr(app.screen.state, "cursor", None) == 2)
            assert "t=3/5" in str(app.screen.query_one(StatusLine).render())
            assert bar(app) == f"following {HOST}:{port}"

            # a sentence the presenter typed, with markup and escapes: shown as text
            presenter.publish(replace(start, seq=2, step=1, sentence=HOSTILE))
            await until(pilot, lambda: app.session.text == HOSTILE)
            status = str(app.screen.query_one(StatusLine).render())
            # (80 columns keep the model's cell whole and cut the sentence after its "\": the escape as text)
            assert "[red]hi[/] \\" in status and "\x1b" not in status

            # another scene and its step
            presenter.publish(replace(start, seq=3, scene="flatten", step=2))
            await until(pilot, lambda: app.current_mode == "flatten" and getattr(app.screen.state, "step", 0) == 2)

            # Topologies with a topology chosen there
            presenter.publish(replace(start, seq=30, scene="topologies", step=1, topology="one-to-many"))
            await until(pilot, lambda: app.current_mode == "topologies" and app.shown is not None
                        and app.shown.scene == "topologies")
            assert app.screen.state.topology.name == "one-to-many" and app.screen.state.step == 1

            # junk, hostile and truncated lines: dropped, and the next good one is shown
            for conn in presenter.connections.values():
                for junk in (b"junk\n", b"\x00\xff\n", b'{"v": 1, "t": "position", "step": 1e999}\n',
                             encode(replace(start, seq=99))[:-30] + b"\n", b'{"v": 1, "t": "answer", "prompt": 1}\n',
                             b"[" * 50_000 + b"\n"):
                    conn.writer.write(junk)
            presenter.publish(replace(start, seq=40, step=4))
            await until(pilot, lambda: app.current_mode == "unroll" and getattr(app.screen.state, "cursor", 0) == 4)

            # a key detaches; the presenter's next step is not applied; F follows again
            await pilot.press("left")
            await until(pilot, lambda: not app.attached)
            assert bar(app).startswith("detached: exploring on your own")
            assert app.screen.state.cursor == 3
            presenter.publish(replace(start, seq=45, step=1))
            await pilot.pause(0.2)
            assert app.screen.state.cursor == 3
            await pilot.press("F")
            await until(pilot, lambda: app.screen.state.cursor == 1 and app.attached)
            presenter.publish(replace(start, seq=50, scene="flatten", step=1))    # flatten's state: made before
            await until(pilot, lambda: app.current_mode == "flatten" and getattr(app.screen.state, "step", 0) == 1)
            presenter.publish(replace(start, seq=51, step=1))
            await until(pilot, lambda: app.current_mode == "unroll" and app.attached)
            await pilot.press("j", "3")     # the jump list, to a scene seen before, its state unchanged: detached
            await until(pilot, lambda: app.current_mode == "flatten")
            assert not app.attached
            await pilot.press("F")
            await until(pilot, lambda: app.current_mode == "unroll" and app.attached)

            # a guess prompt: a digit answers, once
            prompt = Prompt(7, "t=2: [b]Which[/b] word\x1b[31m comes next?", ("my", "name", "is"))
            presenter.publish(replace(start, seq=56, step=1, guessing=True, hidden=True, prompt=prompt))
            await until(pilot, lambda: "1:my 2:name 3:is" in bar(app))
            assert "[b]Which[/b] word\\x1b[31m" in bar(app)          # the presenter's text, shown as text
            await pilot.press("2", "3")
            await until(pilot, lambda: answers == [Answer(7, 1)])
            await pilot.pause(0.1)
            assert answers == [Answer(7, 1)] and app.session.topology.name == "many-to-many"  # 3 did not switch
            presenter.publish(replace(start, seq=57, step=1, guessing=True, prompt=replace(prompt, answer=2)))
            await until(pilot, lambda: "answer: is; you said name: not this time" in bar(app))

            # the presenter goes: this app carries on and says so; it follows again when it is back
            await presenter.close()
            await until(pilot, lambda: app.status == "lost")
            assert "has gone" in bar(app)
            await pilot.press("right")
            assert app.screen.state.cursor == 2
            again = Broadcast()
            await again.start(HOST, port)
            again.publish(replace(start, seq=1, step=0))
            await until(pilot, lambda: app.status == "connected" and app.screen.state.cursor == 0, seconds=8)
            assert app.attached
            await again.close()
    asyncio.run(main())


def test_a_follower_takes_only_the_newest_of_the_positions_that_arrive_together() -> None:
    """Positions received together (a held key, or steps that came while the app was drawing, as
    when 20 followers share 2 cores) are not each applied in turn, a repaint's work apiece: the
    newest is handed on, once; an asset among them still is, and a position alone at once."""
    async def main() -> None:
        presenter = Broadcast()
        await presenter.start(HOST, 0)
        taken: list[int | str] = []
        link = Follow(HOST, presenter.port, lambda m: taken.append(m.seq if isinstance(m, Position) else m.name),
                      lambda status: None)
        task = asyncio.create_task(link.run())
        try:
            while not presenter.connections:
                await asyncio.sleep(0.01)
            start = Position(seq=1, elapsed=0.0, scene="unroll", sentence="Hi my name is Barry")
            presenter.publish(start)
            while taken != [1]:
                await asyncio.sleep(0.01)
            for step in (1, 2, 3, 4):   # written at once: they reach the follower in one read
                presenter.publish(replace(start, seq=1 + step, step=step))
                if step == 2:
                    presenter.add_asset(Asset("corpus", "class.csv", b"text,label\nthe cat sat,1\n"))
            for conn in presenter.connections.values():
                conn.writer.write(b"junk after the newest\n")
            await asyncio.wait_for(_until_taken(taken, 5), 5)
            assert taken == [1, "class.csv", 5]
        finally:
            task.cancel()
            await presenter.close()
    asyncio.run(main())


async def _until_taken(taken: list[int | str], seq: int) -> None:
    while seq not in taken:
        await asyncio.sleep(0.01)


def test_serve_follow_makes_every_visitor_a_follower() -> None:
    args = argparse.Namespace(follow="127.0.0.1:8470", corpus=None, weights=None, topology=None, scene=None,
                              theme="light")
    command = app_command(args)
    assert command.endswith("-m rnn_tui follow 127.0.0.1:8470 --theme light")


def test_a_follower_loads_the_presenters_corpus_and_weights_without_naming_a_file() -> None:
    corpus = b"text,label\nthe cat sat on the mat,1\nthe dog ate my homework,0\n"
    broken = b"PK\x03\x04 not really a zip"

    async def main() -> None:
        async with connected_follower() as (presenter, app, pilot):
            sent = Asset("corpus", "class.csv", corpus)
            presenter.add_asset(sent)
            presenter.publish(Position(seq=1, elapsed=0.0, scene="unroll", step=1, sentence="the dog ate my homework",
                                       corpus=sent.ref, weights="lecture-next-word"))
            await until(pilot, lambda: app.session.text == "the dog ate my homework")
            assert [s.text for s in app.session.corpus.sentences] == ["the cat sat on the mat",
                                                                       "the dog ate my homework"]
            assert app.session.index == 1 and not app.session.typed   # the corpus's own sentence, not a typed one
            assert app.session.weights is not None and app.session.weights.name.startswith("lecture")
            assert app.screen.state.cursor == 1

            # weights that fail the loader's checks: said on the lecture line, and the app goes on
            bad = Asset("weights", "model.npz", broken)
            presenter.add_asset(bad)
            presenter.publish(Position(seq=2, elapsed=1.0, scene="unroll", step=2, sentence="the dog ate my homework",
                                       corpus=sent.ref, weights=bad.ref))
            await until(pilot, lambda: "could not be loaded here" in bar(app))
            assert app.screen.state.cursor == 2
    asyncio.run(main())


def test_the_presenter_drops_a_follower_that_floods_it() -> None:
    """Twenty lines that are not counted answers are tolerated; then the follower is dropped. A line
    over the cap drops it at once. The presenter goes on publishing to the others."""
    async def main() -> None:
        presenter = Broadcast(on_answer=lambda follower, answer: False)
        await presenter.start(HOST, 0)
        flood_r, flood_w = await asyncio.open_connection(HOST, presenter.port)
        long_r, long_w = await asyncio.open_connection(HOST, presenter.port)
        calm_r, calm_w = await asyncio.open_connection(HOST, presenter.port)
        flood_w.write(encode(Answer(1, 0)) * 25)
        long_w.write(b"x" * 10_000 + b"\n")
        assert await asyncio.wait_for(flood_r.read(), 5) == b""     # closed by the presenter
        assert await asyncio.wait_for(long_r.read(), 5) == b""
        presenter.publish(Position(seq=1, elapsed=0.0, scene="order"))
        assert decode_from_presenter(await asyncio.wait_for(calm_r.readline(), 5)).scene == "order"
        assert len(presenter.connections) == 1
        await presenter.close()
    asyncio.run(main())


TEXTS = ["", " ", "!!!", HOSTILE, "x" * 10_000, "🙂 " * 300, "\u202e reversed \u2066", "a\nb\tc\rd",
         "ﬁ ǅ Å Ω", "[link=http://x]click[/link]", "I love AI", "zebras " * 250]


def test_a_follower_takes_extreme_valid_positions_in_stride() -> None:
    follow_extreme_positions(8)


@pytest.mark.slow
def test_a_follower_takes_many_extreme_valid_positions_in_stride() -> None:
    follow_extreme_positions(80, seed=2026)


def follow_extreme_positions(count: int, seed: int = 14) -> None:
    """Positions at the edges of what validation lets through (steps far past the end, every
    sub-step, any text as the sentence, eight choices, every topology) in a seeded random order:
    each is shown within range, and the app never fails."""
    import random

    from rnn_tui.engine.topologies import TOPOLOGIES

    from helpers import error_notices

    rng = random.Random(seed)

    async def main() -> None:
        async with connected_follower() as (presenter, app, pilot):
            errors = error_notices(app)
            for seq in range(1, count + 1):
                scene = rng.choice(["unroll", "unroll", "unroll", "flatten", "order", "onehot", "topologies"])
                choices = tuple(rng.choice(TEXTS)[:60] or "-" for _ in range(rng.randint(2, 8)))
                position = Position(
                    seq=seq, elapsed=rng.uniform(0, 1e6), scene=scene, step=rng.choice([0, 1, 3, 999_999]),
                    substep=rng.randint(-1, 16), topology=rng.choice(TOPOLOGIES).name, sentence=rng.choice(TEXTS),
                    guessing=rng.random() < 0.5, hidden=rng.random() < 0.5, folded=rng.random() < 0.3,
                    temperature=rng.choice([None, 0.5, 100.0]), seed=rng.randint(0, 2**53),
                    prompt=rng.choice([None, Prompt(seq, rng.choice(TEXTS)[:300] or "?", choices,
                                                    rng.choice([None, 0]))]))
                presenter.publish(position)
                await until(pilot, lambda seq=seq, scene=scene: app.latest is not None and app.latest.seq == seq
                            and app.current_mode == scene and app.pending is None)
                await pilot.pause()
                state = app.screen.state
                if scene == "unroll":
                    assert 0 <= state.cursor <= state.last_index
                    assert state.substep < len(state.phases)
                else:
                    assert 0 <= state.step <= state.last_step
                assert "\x1b" not in bar(app)
            assert app.attached and not errors
    asyncio.run(main())


def test_serve_follow_names_a_bad_address(cli) -> None:
    from helpers import assert_one_line_error

    run = cli("serve", "--follow", "nowhere")
    assert_one_line_error(run.code, run.err, "--follow", "'nowhere'")


def test_a_follower_keeps_only_the_presenters_last_typed_sentences() -> None:
    from rnn_tui.ui.lecture.position import MAX_TYPED_KEPT, apply_to_session

    session = Session()
    for n in range(MAX_TYPED_KEPT + 30):
        apply_to_session(session, Position(seq=n, elapsed=0.0, scene="unroll", sentence=f"sentence number {n}"))
    assert len(session.typed) == MAX_TYPED_KEPT
    assert session.text == f"sentence number {MAX_TYPED_KEPT + 29}"
    apply_to_session(session, Position(seq=99, elapsed=0.0, scene="unroll", sentence="I love AI"))
    assert session.index == 1 and len(session.typed) == MAX_TYPED_KEPT   # a corpus sentence is not typed


class StubScene:
    """A scene as `state_at` sees it: its state, and make_state keeping it."""

    def __init__(self, state) -> None:
        self.state = state

    def make_state(self, previous):
        return previous


def test_the_sentiment_demos_sentence_and_the_gradients_scale_travel() -> None:
    from rnn_tui.ui.lecture.position import position_of, state_at
    from rnn_tui.ui.state import gradients, sentiment

    session = Session()
    shown = sentiment.make_state(None, None).with_sentence(7).advance(3)
    place = position_of("sentiment", shown, session)
    assert (place.item, place.step) == (7, 3)
    followed = state_at(StubScene(sentiment.make_state(None, None)), place)
    assert (followed.index, followed.step, followed.text) == (7, 3, shown.text)

    scaled = gradients.make_state(None, None).scaled().scaled().next_sentence(2)   # x4, held-out sentence 2
    place = position_of("gradients", scaled, session)
    assert (place.item, place.scale) == (2, 3)
    followed = state_at(StubScene(gradients.make_state(None, None)), place)
    assert (followed.long, followed.sentence, followed.scale) == (False, 2, 4.0)
    assert followed.flow.sigma_max == scaled.flow.sigma_max

    compared = gradients.make_state(None, None).toggled_cells().advance(34)   # c: the three cells, 34 back
    place = position_of("gradients", compared, session)
    assert place.compared and place.step == 34
    followed = state_at(StubScene(gradients.make_state(None, None)), place)
    assert followed.cells is compared.cells and followed.step == 34 and followed.caption == compared.caption
    back = state_at(StubScene(followed), position_of("gradients", gradients.make_state(None, None), session))
    assert not back.compares_cells and back.step == 0


def test_the_presenter_survives_followers_sending_random_bytes() -> None:
    """Thirty followers each send a seeded burst of random bytes (some with newlines, some without,
    some over the line cap) and leave: the presenter counts no answer and still publishes."""
    import random

    rng = random.Random(8470)

    async def main() -> None:
        counted: list[Answer] = []
        presenter = Broadcast(on_answer=lambda follower, answer: counted.append(answer) is None)
        await presenter.start(HOST, 0)
        for _ in range(30):
            _, writer = await asyncio.open_connection(HOST, presenter.port)
            burst = bytes(rng.getrandbits(8) for _ in range(rng.choice([1, 100, 5_000])))
            writer.write(burst.replace(b"\n", b"") if rng.random() < 0.5 else burst)
            await writer.drain()
            writer.close()
        calm_r, calm_w = await asyncio.open_connection(HOST, presenter.port)   # kept: a dropped writer closes
        for _ in range(250):            # until the thirty have been read to their end and dropped
            if len(presenter.connections) == 1:
                break
            await asyncio.sleep(0.02)
        presenter.publish(Position(seq=1, elapsed=0.0, scene="padding", step=2))
        line = await asyncio.wait_for(calm_r.readline(), 5)
        got = decode_from_presenter(line)
        assert isinstance(got, Position) and (got.scene, got.step) == ("padding", 2), line[:200]
        assert counted == [] and len(presenter.connections) == 1
        calm_w.close()
        await presenter.close()
    asyncio.run(main())


def test_the_presenters_trained_models_travel_once_each_and_a_replaced_one_is_retired() -> None:
    from rnn_tui.engine.models import load_model
    from rnn_tui.ui.lecture.presenter import trained_asset

    app = PresenterApp(Session(), host=HOST, port=0, assets=[], token_file=False)
    assert app._trained() == ()
    first, second = load_model("sentiment"), load_model("sentiment-gru")
    app.session.use_trained("sentiment", first)
    refs = app._trained()
    assert [task for task, _ in refs] == ["sentiment"] and app._trained() == refs       # written once, not per step
    assert list(app.broadcast.assets) == [refs[0][1].sha256]
    app.session.use_trained("sentiment", second)                                          # trained again, put to use
    again = app._trained()
    assert again != refs and list(app.broadcast.assets) == [again[0][1].sha256]           # the old one no longer sent
    asset = trained_asset("sentiment", first)
    assert asset is not None and asset.sha256 == refs[0][1].sha256                         # content-addressed


def test_a_follower_uses_the_presenters_trained_model_and_its_typed_sentiment_sentence() -> None:
    import numpy as np

    from rnn_tui.engine.models import load_model
    from rnn_tui.ui.lecture.presenter import trained_asset

    model = load_model("sentiment-gru")   # stands in for one trained in the presenter's app

    async def main() -> None:
        async with connected_follower() as (presenter, app, pilot):
            asset = trained_asset("sentiment", model)
            presenter.add_asset(asset)
            presenter.publish(Position(seq=1, elapsed=0.0, scene="sentiment", step=2, typed="i really love this film",
                                       trained=(("sentiment", asset.ref),)))
            await until(pilot, lambda: app.current_mode == "sentiment" and app.shown is not None
                        and app.shown.typed == "i really love this film")
            used = app.session.trained["sentiment"]
            assert np.array_equal(used.params.W_hh, model.params.W_hh) and used.cell == "gru"
            state = app.screen.state
            assert state.trained_here and state.demo.model is used
            assert (state.text, state.step) == ("i really love this film", 2)
    asyncio.run(main())


def test_the_train_scenes_run_is_followed_live_and_its_weights_travel_once_it_pauses() -> None:
    from dataclasses import replace as changed

    from rnn_tui.engine.models import load_model
    from rnn_tui.engine.train import EpochStats
    from rnn_tui.ui.lecture.position import position_of, state_at
    from rnn_tui.ui.state.train import TrainState

    model = load_model("sentiment")     # stands in for the run's kept weights
    epochs = (EpochStats(1, 0.69, 0.55, 0.66, 0.6, 3.0, True), EpochStats(2, 0.41, 0.81, 0.52, 0.78, 2.0, True))
    running = changed(TrainState().next_cell().started().after_epoch(epochs, model), running=True)
    presenter = PresenterApp(Session(), host=HOST, port=0, assets=[], token_file=False)
    assert presenter._run_model(running) is None and not presenter.broadcast.assets   # no weights each epoch
    place = position_of("train", running, presenter.session)
    assert place.training is not None and place.training.running and len(place.training.history) == 2
    assert decode_from_presenter(encode(place)) == place

    followed = state_at(StubScene(TrainState()), place)
    assert followed.running and followed.cell_name == running.cell_name and followed.history == epochs
    assert followed.caption == running.caption and followed.model is None      # the figures, live

    paused = running.paused()
    ref = presenter._run_model(paused)
    assert ref is not None and list(presenter.broadcast.assets) == [ref.sha256]
    assert presenter._run_model(paused) == ref and len(presenter.broadcast.assets) == 1   # written once
    place = position_of("train", paused, presenter.session, run_model=ref)
    followed = state_at(StubScene(followed), place, model)
    assert not followed.running and followed.model is model and followed.tried is not None
    assert followed.caption == paused.caption
    assert presenter._run_model(paused.started()) is None    # running again: no older run's weights on followers


def test_the_presenter_sends_a_step_once_its_own_frame_is_drawn(monkeypatch) -> None:
    """The projector first: the class's apps, woken by the position, must not compete with the
    lecturer's own repaint (with 20 followers on 2 cores the lecturer's step took 167 ms, now 15 ms)."""
    from rnn_tui.ui.app import RnnApp

    events: list[str] = []
    drawn = RnnApp._display

    def display(app, screen, renderable):   # the frame drawn (and written, on a terminal)
        drawn(app, screen, renderable)
        if renderable is not None:
            events.append("frame")

    monkeypatch.setattr(RnnApp, "_display", display)
    # Only the frame may send it here: the fallback timer (0.1 s) could beat a repaint on a busy machine.
    monkeypatch.setattr("rnn_tui.ui.lecture.presenter.UNSENT_AT_MOST", 60.0)
    app = PresenterApp(Session(), host=HOST, port=0, assets=[], token_file=False)
    sent = app.broadcast.publish

    def publish(position):
        events.append(f"step {position.step}")
        sent(position)

    app.broadcast.publish = publish  # type: ignore[method-assign]

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "step 0" in events)
            events.clear()
            await pilot.press("right")
            await until(pilot, lambda: "step 1" in events)
            assert "frame" in events and events.index("frame") < events.index("step 1")

    asyncio.run(main())
