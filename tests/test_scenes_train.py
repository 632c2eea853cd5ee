"""The training and gradient scenes (the lecture's practical demo, and why plain RNNs forget),
and bringing your own data and model. Numbers on screen are checked against the engine."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from rnn_tui.cli import build_parser
from rnn_tui.engine import weights
from rnn_tui.engine.gradients import backward_many_to_one, gradient_flow, ratio_in_words
from rnn_tui.engine.models import load_model
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.engine.train import Config
from rnn_tui.engine.why_gates import gate_lesson
from rnn_tui.ui.launch import build_session
from rnn_tui.ui.scenes.gradients import BELOW, NOT_YET, SCALES

from helpers import drive

DATA = Path(__file__).parent / "data"


def text_of(app, selector: str) -> str:
    return app.screen.query_one(selector).render().plain


# ---- the gradient scene -----------------------------------------------------------------

def test_dh_is_the_derivative_of_the_loss_with_respect_to_each_hidden_state():
    """dL/dh_t from BPTT against central differences: nudge h_t, run the rest of the sentence."""
    model = load_model("sentiment")
    words = "the film was not good at all".split()
    back = backward_many_to_one(model, words, target=0)
    many_to_one = topology_by_name("many-to-one")
    trace = run(model, words, many_to_one)

    def loss_from(t: int, h: np.ndarray) -> float:
        if t == len(words) - 1:
            p = model.params
            z = p.W_out @ h + p.b_out
            return float(np.log(np.sum(np.exp(z - z.max()))) + z.max() - z[0])
        rest = run(model, words[t + 1:], many_to_one, h0=h)
        return float(-np.log(rest.steps[-1].y[0]))

    eps = 1e-6
    for t in range(len(words)):
        h = trace.steps[t].h
        numeric = np.array([(loss_from(t, h + eps * e) - loss_from(t, h - eps * e)) / (2 * eps)
                            for e in np.eye(len(h))])
        np.testing.assert_allclose(back.dh[t], numeric, rtol=1e-5, atol=1e-10)


def test_gradient_scene_shows_the_engines_flow_step_by_step_back():
    async def script(pilot, app):
        scene = app.screen
        flow = gradient_flow(load_model("sentiment"), scene.state.words)
        T = len(scene.state.words)
        assert f"reaches h{_sub(T)}: {flow.norms[-1]:.2e} of 1" in text_of(app, "#step-detail")
        await pilot.press("right", "right")  # two steps back: t = T-2
        detail = text_of(app, "#step-detail")
        assert f"reaches h{_sub(T - 2)}: {flow.norms[T - 3]:.2e} of 1" in detail
        assert f"= {flow.factors[T - 3]:.2f} x what reached h{_sub(T - 1)}" in detail
        await pilot.press("end")
        assert f"reaches h₁: {flow.norms[0]:.2e}" in text_of(app, "#step-detail")
        assert ratio_in_words(float(flow.norms[0])) in text_of(app, "#scene-caption")  # read aloud, in words
        await pilot.press("x", "x", "x")  # round to x0.5: the gradient vanishes on the way back
        assert "vanishing" in text_of(app, "#scene-caption")
    drive("gradients", script)


def test_c_sets_the_three_cells_side_by_side_and_walks_them_back_to_the_deciding_word():
    lesson = gate_lesson()
    elman, gru, lstm = lesson.survival.cells

    async def script(pilot, app):
        scene = app.screen
        await pilot.press("c")
        assert scene.query_one("#cells-chart").display and not scene.query_one("#norm-chart").display
        title = text_of(app, "#scene-title")
        assert "Elman, GRU, LSTM on the memory task │ 0/37" in title and "sentiment" not in title
        chart = text_of(app, "#cells-chart")
        lines = chart.splitlines()
        for name, accuracy in (("Elman", "48.5%"), ("GRU", "100%"), ("LSTM", "100%")):  # a strip each
            at = next(i for i, line in enumerate(lines) if line.startswith(name))
            assert lines[at + 1].startswith(accuracy)
        assert "LSTM f₈  0..1" in chart and "LSTM f₁₀ 0..1" in chart and "10⁻⁷" in chart  # names apart from the axis
        # The forget gate's strip and the deciding word's mark start in the strips' first column: word t under word t.
        floor = next(line for line in lines if "10⁻⁷" in line)
        first_word = floor.index("10⁻⁷") + len("10⁻⁷ ")
        gate_row = next(line for line in lines if line.startswith("LSTM f₈"))
        assert gate_row.index("0..1 ") + len("0..1 ") == first_word
        marks = next(line for line in lines if "deciding" in line)
        assert marks.index("▲") == first_word + lesson.deciding  # one column a word at 80 columns
        assert all(len(line) <= 78 for line in chart.splitlines())   # at 80 columns, never wrapped
        await pilot.press("x")  # W_hh's scale belongs to the one model: greyed out here
        assert scene.state.scale == 1.0
        await pilot.press("end", "left", "left", "left")   # 37 back, then 34: the deciding word
        detail = text_of(app, "#cells-detail")
        assert detail.startswith("34 back reads 'unpleasant' ▲")
        assert f"Elman {elman.share[34]:.1e}   GRU {gru.share[34]:.1e}   LSTM {lstm.share[34]:.1e}" in detail
        c = lesson.forget.c[-1, 7]
        assert f"LSTM unit 8: f keeps {lesson.forget.kept(34)[7]:.0%} of c₄; c₃₈ = {c:+.2f}" in detail
        assert "tanh is flat" in text_of(app, "#scene-caption")
        assert ("models", "memory-elman, memory-gru, memory-lstm (H=16 each, trained for many-to-one)") \
            in scene.details()
        await pilot.press("c")  # back to the one model, from the loss
        assert scene.query_one("#norm-chart").display and scene.state.step == 0
        assert "sentiment" in text_of(app, "#scene-title")
    drive("gradients", script)


def test_a_step_below_the_floor_is_drawn_apart_from_one_not_yet_reached():
    async def script(pilot, app):
        scene = app.screen
        bottom = text_of(app, "#norm-chart").splitlines()[7]  # the chart's lowest row
        assert NOT_YET in bottom and BELOW not in bottom  # only the last step reached
        scene.state = replace(scene.state, flow=replace(scene.state.flow, dh=scene.state.flow.dh * 1e-14))
        await pilot.press("end")
        bottom = text_of(app, "#norm-chart").splitlines()[7]
        assert BELOW in bottom and NOT_YET not in bottom
        assert "(below the chart's floor)" in text_of(app, "#scene-caption")
    drive("gradients", script)


def test_scaling_w_hh_changes_its_largest_singular_value_and_the_flow():
    async def script(pilot, app):
        scene = app.screen
        base = load_model("sentiment")
        sigma = np.linalg.norm(base.params.W_hh, 2)
        assert f"σ_max(W_hh) = {sigma:.2f}" in text_of(app, "#scene-title")
        await pilot.press("end")
        first_at_x1 = scene.state.flow.norms[0]
        for scale in SCALES[2:]:  # x2, then x4: the early steps get more of the gradient
            await pilot.press("x")
            assert f"W_hh x {scale:g}, σ_max(W_hh) = {sigma * scale:.2f}" in text_of(app, "#scene-title")
        assert scene.state.flow.norms[0] > 100 * first_at_x1  # holding or growing, against vanishing at x1
        await pilot.press("x")  # wraps round to x0.5: smaller still than at x1
        assert scene.state.flow.norms[0] < first_at_x1
    drive("gradients", script)


def _sub(n: int) -> str:
    from rnn_tui.ui.state.wording import sub
    return sub(n)


# ---- the training scene -----------------------------------------------------------------

def test_training_in_the_app_lowers_the_loss_and_the_new_model_is_tried_word_by_word(small_class_data):
    async def script(pilot, app):
        scene = app.screen
        scene.state = replace(scene.state, config=Config(hidden=8, epochs=6, lr=0.02, seed=3))
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        history = scene.state.history
        assert len(history) == 6
        assert history[-1].loss < history[0].loss
        last = history[-1]
        assert f"epoch 6: loss {last.loss:.4f}, accuracy {last.accuracy:.0%}" in text_of(app, "#scene-caption")
        chart = text_of(app, "#train-chart")
        assert f"val loss {last.heldout_loss:.4f}" in chart and f"best val: epoch {scene.state.best_epoch}" in chart
        assert scene.query_one("#train-progress").progress == 6
        # The kept model drives the "try it" line: P(positive) after each word, from the engine.
        assert "sentiment" not in app.session.trained  # not the session's until u
        await pilot.press("u")
        model = app.session.trained["sentiment"]
        assert model is scene.state.model
        assert app.session.model(topology_by_name("many-to-one")) is model  # Unroll's many-to-one too
        assert app.session.model(topology_by_name("many-to-many")) is not model
        assert "are now the session's model" in text_of(app, "#scene-caption")
        trace = run(model, scene.state.try_text.split(), topology_by_name("many-to-one"))
        probs = trace.readout_every_step()[:, model.labels.index("positive")]
        shown = text_of(app, "#train-try")
        for word, p in zip(scene.state.try_text.split(), probs, strict=True):
            assert f"{word} {p:.0%}" in shown
    drive("train", script)


def test_a_run_is_reproducible_from_its_seed(small_class_data):
    losses = []

    async def script(pilot, app):
        scene = app.screen
        scene.state = replace(scene.state, config=Config(hidden=4, epochs=2, lr=0.02, seed=7))
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        losses.append([h.loss for h in scene.state.history])
    drive("train", script)
    drive("train", script)
    assert len(losses[0]) == 2 and all(np.isfinite(losses[0]))  # it trained: two epochs, not none
    assert losses[0] == losses[1]


def test_writing_weights_never_overwrites_and_reads_back(tmp_path, monkeypatch, small_class_data):
    monkeypatch.chdir(tmp_path)
    first, second = tmp_path / "rnn-tui-sentiment-h4-seed0.npz", tmp_path / "rnn-tui-sentiment-h4-seed0-2.npz"
    first.write_bytes(b"a lecturer's file")

    async def script(pilot, app):
        scene = app.screen
        scene.state = replace(scene.state, config=Config(hidden=4, epochs=1, lr=0.02, seed=0))
        await pilot.press("w")  # nothing trained yet: nothing written
        assert list(tmp_path.iterdir()) == [first]
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not (set(tmp_path.iterdir()) - {first})
        await pilot.press("w", "w", "w")  # held down: the same weights are written once
    drive("train", script)
    assert first.read_bytes() == b"a lecturer's file"  # never overwritten
    assert {p.name for p in tmp_path.iterdir()} == {first.name, second.name}  # one new file, no temporary ones
    assert weights.load(second).labels == ("negative", "positive")


def test_a_huge_learning_rate_stops_with_a_message_not_nan(small_class_data):
    async def script(pilot, app):
        scene = app.screen
        errors = []
        def notify(message, *a, severity="information", **k):
            if severity == "error":
                errors.append(message)

        app.notify = notify
        scene.state = replace(scene.state, config=Config(hidden=8, epochs=3, lr=1e300, seed=0))
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not scene.state.running and not errors  # said on the screen, not in a notice
        caption = text_of(app, "#scene-caption")
        assert caption.startswith("training stopped at epoch 1:") and "lower the learning rate" in caption
        assert all(np.isfinite(h.loss) for h in scene.state.history)
        scene.state = replace(scene.state, config=Config(hidden=4, epochs=1, lr=0.02, seed=0))
        await pilot.press("space")  # the scene stays usable: a sane rate trains again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(scene.state.history) == 1 and scene.state.error is None
    drive("train", script)


# ---- your own data and model --------------------------------------------------------------

def test_a_pytorch_export_drives_every_pane():
    args = build_parser().parse_args(["--weights", str(DATA / "pytorch_rnn.npz"), "--topology", "many-to-many"])
    session = build_session(args)
    expected = np.load(DATA / "pytorch_rnn.npz")

    async def script(pilot, app):
        assert "cat" in text_of(app, "#onehot")  # its vocabulary labels the one-hot pane
        await pilot.press("e")
        await pilot.press(*"the cat sat on the mat", "enter")
        trace = app.session.trace()
        np.testing.assert_allclose(trace.hidden_states, expected["expected_h"], rtol=1e-5, atol=1e-6)
        h = trace.steps[0].h
        rows = text_of(app, "#equation").splitlines()[1:]
        assert [r.split()[-1] for r in rows] == [f"{v:+.2f}" for v in h]
    drive("unroll", script, session)


def test_a_corpus_file_trains_in_the_app(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("text,label\ngreat fun,1\nawful mess,0\nreally great,1\nreally awful,0\n")
    args = build_parser().parse_args(["--corpus", str(path)])
    session = build_session(args)

    async def script(pilot, app):
        scene = app.screen
        scene.state = replace(scene.state, config=Config(hidden=4, epochs=30, lr=0.05, seed=0))
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "mine.csv" in text_of(app, "#train-settings")
        assert scene.state.history[-1].accuracy == 1.0
    drive("train", script, session)


# ---- a model trained in the app reaches the other scenes, whatever the visit order ----------

def _quick_sentiment_model():
    from rnn_tui.engine.corpus import Corpus
    from rnn_tui.engine.train import Trainer, make_task
    from rnn_tui.ui.state.sentiment import shipped_data
    data = shipped_data()
    train = Corpus(data.split("train").sentences[:500], data.source)  # an epoch of all 8,643 takes seconds
    task = make_task("sentiment", train, data.vocab)
    trainer = Trainer(task, task.examples(train), (), Config(hidden=4, epochs=1, lr=0.02, seed=5))
    trainer.epoch()
    return trainer.model(name="sentiment (trained in the app, seed 5)")


def test_gradients_and_sentiment_use_the_model_trained_in_the_app_whatever_the_visit_order(small_class_data):
    trained = _quick_sentiment_model()

    async def script(pilot, app):
        await pilot.press("pagedown")  # Gradients, first seen with the shipped model
        gradients = app.screen
        assert gradients.state.model.hidden_size != 4  # the shipped model
        assert "trained in the app" not in text_of(app, "#scene-title")
        app.session.trained["sentiment"] = trained  # as Train does after an epoch
        await pilot.press("pageup", "pageup", "pagedown", "pagedown")  # Sentiment, Train, Gradients again
        assert app.screen is gradients and gradients.state.model is trained
        assert gradients.state.flow.dh.shape[1] == 4
        assert "app-trained: W_hh x 1" in text_of(app, "#scene-title")
        await pilot.press("pageup", "pageup")  # Sentiment, never shown before this model
        sentiment = app.screen
        assert sentiment.state.demo.model is trained
        title = text_of(app, "#scene-title")
        # named (cut with "…" at 80 columns), it fits, and `?` has it whole
        assert "│ sentiment (" in title and title.rstrip().endswith("…") and len(title) <= 80
        assert ("model", f"{trained.name} (H=4, Elman, trained for many-to-one)") in \
            sentiment.details()
        assert len(sentiment.state.reading.trace.steps[0].h) == 4

    drive("train", script)


def test_the_cell_key_trains_a_gru_and_u_puts_it_to_use_in_every_scene(small_class_data):
    async def script(pilot, app):
        scene = app.screen
        scene.state = replace(scene.state, config=Config(hidden=4, epochs=2, lr=0.02, seed=3))
        await pilot.press("c")
        assert scene.state.config.cell == "gru" and scene.state.config.hidden == 4
        assert "cell GRU" in text_of(app, "#train-settings")
        assert "sentiment, GRU, ready" in text_of(app, "#scene-title")
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(scene.state.history) == 2 and scene.state.model.cell == "gru"
        await pilot.press("u")
        model = app.session.trained["sentiment"]
        assert model.cell == "gru" and "are now the session's model" in text_of(app, "#scene-caption")
        await pilot.press("pagedown")  # Gradients walks the GRU's own backward steps
        assert app.screen.state.model is model
        np.testing.assert_allclose(app.screen.state.flow.dh, gradient_flow(model, app.screen.state.words).dh)
        await pilot.press("pageup", "pageup")  # Sentiment reads with it
        assert app.screen.state.demo.model is model
        assert ("model", f"{model.name} (H=4, GRU, trained for many-to-one)") in app.screen.details()
    drive("train", script)


def test_a_run_is_set_up_off_the_ui_thread_and_a_quit_ends_its_epoch_between_batches(monkeypatch):
    """The class sample's set-up (its examples and first loss) runs in the worker, and cancelling
    the worker, as quitting does, ends the epoch it is in instead of waiting for it to finish."""
    import asyncio
    import contextlib
    import threading

    import rnn_tui.ui.scenes.train as train_scene

    built_on: list[str] = []
    started = threading.Event()  # the worker is in its first epoch
    ended = threading.Event()  # the worker's epoch has returned or raised

    class Recorded(train_scene.Trainer):
        def __init__(self, *args, **kwargs):
            built_on.append(threading.current_thread().name)
            super().__init__(*args, **kwargs)

        def epoch(self, stop=None):
            # A slow epoch: its first batch waits until `stop` says stop (at most 10 s), then the
            # engine's check before the next batch ends it.
            started.set()
            try:
                pause = threading.Event()
                for _ in range(1000):
                    if stop is not None and stop():
                        break
                    pause.wait(0.01)
                return super().epoch(stop)
            finally:
                ended.set()

    monkeypatch.setattr(train_scene, "Trainer", Recorded)

    async def script(pilot, app):
        scene = app.screen
        await pilot.press("space")
        for _ in range(200):  # until the worker has set the run up and handed it over
            if scene.trainer is not None:
                break
            await pilot.pause(0.01)
        trainer = scene.trainer
        assert trainer is not None and built_on and built_on[0] != threading.main_thread().name
        from textual.worker import WorkerCancelled

        # Cancel inside the epoch, not before it (a cancel before would end the run without one).
        assert await asyncio.to_thread(started.wait, 30)
        scene.workers.cancel_group(scene, "train")  # what App.exit does to every worker
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        # A cancelled worker's thread runs on by itself (Python cannot stop it): wait for its epoch to end.
        assert await asyncio.to_thread(ended.wait, 30)
        assert trainer.history == []  # the first epoch was cut short, not run out
        assert "epoch 1" not in text_of(app, "#scene-caption")
    drive("train", script)
