"""Scene: train a model in the app, watch the loss fall, then try it on a sentence of your own.
Training runs in a worker thread, an epoch at a time, so the screen stays responsive."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import ProgressBar
from textual.worker import Worker, WorkerState, get_current_worker

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.train import EpochStats, Trainer, make_task
from rnn_tui.ui.render.bars import sparkline
from rnn_tui.ui.render.chart import columns
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.screens.sentence import SentenceScreen
from rnn_tui.ui.state.sentiment import shipped_data
from rnn_tui.ui.state.train import TrainState

CHART_ROWS = 6


class Settings(Board):
    def render(self) -> Text:
        s: TrainState | None = self.state
        if s is None:
            return Text("")
        c = s.config
        return Text.assemble(
            ("task ", "bold"), s.task, " (k) · ", ("H ", "bold"), str(c.hidden), " (-/+) · ",
            ("lr ", "bold"), f"{c.lr:g}", " (</>) · ", ("seed ", "bold"), str(c.seed), " (s) · ",
            (s.status, self.style("hot")), "\n",
            user_text(f"{len(s.history)}/{c.epochs} epochs of {s.data_name or 'data chosen at the first epoch'}",
                      self.style("muted")))


class LossChart(Board):
    def render(self) -> Text:
        s: TrainState | None = self.state
        if s is None:
            return Text("")
        hist = s.history
        if not hist:
            return Text("Press space to train. The loss is drawn here, an epoch a column.", self.style("muted"))
        width = max(1, min(3, (self.size.width - 12) // max(1, s.config.epochs)))
        losses = [h.loss for h in hist]
        top = max(losses)
        lines = columns([v / top for v in losses], CHART_ROWS, width)
        text = Text()
        for r, line in enumerate(lines):
            label = f"{top:8.3f} " if r == 0 else f"{0:8.3f} " if r == CHART_ROWS - 1 else " " * 9
            text.append(label, self.style("muted"))
            text.append(line + "\n", self.style("positive"))
        last = hist[-1]
        held = "" if last.heldout_loss is None else f"   held-out loss {last.heldout_loss:.4f}"
        text.append(f"train loss {last.loss:.4f}{held}\n", self.style("heading"))
        text.append(f"{'accuracy':>9}  {sparkline([h.accuracy for h in hist], 0, 1)}  train {last.accuracy:.0%}")
        if last.heldout_accuracy is not None:
            held_out = [h.heldout_accuracy for h in hist if h.heldout_accuracy is not None]
            text.append(f"\n{'':>9}  {sparkline(held_out, 0, 1)}  "
                        f"held-out {last.heldout_accuracy:.0%}")
        return text


class TryIt(Board):
    def render(self) -> Text:
        s: TrainState | None = self.state
        if s is None or s.model is None or s.tried is None:
            return Text("After (or during) training, press e to type a sentence and see the prediction "
                        "word by word.", self.style("muted"))
        model, trace = s.model, s.tried.trace
        text = Text("try: ", self.style("heading"))
        for step, y in zip(trace.steps, s.tried.probs, strict=True):
            text.append_text(user_text(step.input_token or ""))
            k = int(np.argmax(y))
            if s.task == "sentiment":
                p = y[model.positive_index]
                text.append(f" {p:.0%}  ", self.signed(p - 0.5))
            else:
                text.append(" → ")
                text.append_text(user_text(model.labels[k]))
                text.append("  ")
        if s.task == "sentiment":
            final = trace.steps[-1]
            assert final.y is not None and final.predicted is not None  # many-to-one: the last step reads out
            text.append(f"\n= {model.labels[final.predicted]} ({final.y.max():.0%}); "
                        "each % is P(positive) after that word")
        return text


class TrainScene(LessonScene[TrainState], inherit_bindings=False):  # no stepping here: space trains
    NAME = "train"
    TITLE = "Train"
    BINDINGS = [
        Binding("space", "toggle_training", "Train/pause", id="train.toggle"),
        Binding("r", "reset", "Reset", id="train.reset"),
        Binding("e", "try_sentence", "Try", id="train.try"),
        Binding("w", "write", "Write .npz", id="train.write"),
        Binding("k", "task", "Task", show=False, id="train.task"),
        Binding("plus,equals_sign", "hidden(2)", "Hidden x2", show=False, id="train.hidden_up"),
        Binding("minus", "hidden(0.5)", "Hidden /2", show=False, id="train.hidden_down"),
        Binding("greater_than_sign,full_stop", "lr(2)", "lr x2", show=False, id="train.lr_up"),
        Binding("less_than_sign,comma", "lr(0.5)", "lr /2", show=False, id="train.lr_down"),
        Binding("s", "seed", "Seed +1", show=False, id="train.seed"),
    ]
    SETTINGS = {"task", "hidden", "lr", "seed"}   # changed only while training is paused

    def __init__(self) -> None:
        super().__init__()
        self.trainer: Trainer | None = None   # the run in progress: a process resource, not state

    def make_state(self, previous: TrainState | None) -> TrainState:
        return previous if previous is not None else TrainState()

    def compose_body(self) -> ComposeResult:
        yield Settings(id="train-settings").data_bind(state=Scene.state)
        yield ProgressBar(total=TrainState().config.epochs, show_eta=False, id="train-progress")
        yield LossChart(id="train-chart").data_bind(state=Scene.state)
        yield TryIt(id="train-try").data_bind(state=Scene.state)

    def watch_state(self, state: TrainState) -> None:
        super().watch_state(state)
        self.query_one(ProgressBar).update(total=state.config.epochs, progress=len(state.history))

    def key_state(self, state: TrainState) -> tuple[object, ...]:
        return state.idle, state.model is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.state is None:
            return True
        if action in self.SETTINGS:
            return True if self.state.idle else None
        if action == "write":
            return True if self.state.model is not None else None
        return True

    def _data(self) -> tuple[Corpus, Corpus, Corpus, str]:
        corpus = self.session.corpus
        if corpus is not LECTURE_CORPUS:
            name = corpus.source
        elif self.state.task == "sentiment":
            corpus, name = shipped_data(), "the shipped sentiment set"
        else:
            name = "the lecture corpus"
        train, heldout = corpus.split("train"), corpus.split("test")
        return corpus, train, heldout, f"{name}: {len(train.sentences)} train, {len(heldout.sentences)} held-out"

    def action_toggle_training(self) -> None:
        if self.state.running:
            self.state = self.state.paused()  # the worker stops after the epoch it is in
            return
        if self.trainer is None or self.state.finished:
            try:
                corpus, train, heldout, name = self._data()
                task = make_task(self.state.task, train, corpus.vocab)
                self.trainer = Trainer(task, task.examples(train), task.examples(heldout), self.state.config)
            except InputError as e:
                self.notify(str(e), severity="error")
                return
            self.state = self.state.reset().started(name)
        else:
            self.state = self.state.started(self.state.data_name)
        self._train(self.trainer)

    @work(thread=True, exclusive=True, group="train", exit_on_error=False)
    def _train(self, trainer: Trainer) -> None:
        worker = get_current_worker()
        while self.state.running and not worker.is_cancelled and len(trainer.history) < trainer.config.epochs:
            try:
                trainer.epoch()
            except InputError as e:  # the loss diverged: say so, keep the app
                self.app.call_from_thread(self._stopped, trainer, str(e))
                return
            model = trainer.model(name=f"{trainer.task.name} (trained in the app, seed {trainer.config.seed})")
            self.app.call_from_thread(self._after_epoch, trainer, tuple(trainer.history), model)
        self.app.call_from_thread(self._stopped, trainer, None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # a bug, not bad input: say so, keep the app
            self._stopped(self.trainer, f"training failed: {event.worker.error!r}")

    def _after_epoch(self, trainer: Trainer, history: tuple[EpochStats, ...], model: Model) -> None:
        if trainer is not self.trainer:
            return  # reset while this epoch ran
        self.session.trained[self.state.task] = model
        self.state = self.state.after_epoch(history, model)

    def _stopped(self, trainer: Trainer | None, error: str | None) -> None:
        if trainer is not self.trainer:
            return
        self.state = self.state.paused()
        if error:
            self.notify(error, severity="error", timeout=8)

    def _change(self, state: TrainState) -> None:
        self.trainer = None
        self.workers.cancel_group(self, "train")
        self.state = state

    def action_reset(self) -> None:
        self._change(self.state.reset())

    def _settings(self, change: str, *args: float) -> None:
        try:
            self._change(getattr(self.state, change)(*args))
        except InputError as e:
            self.notify(str(e), severity="error")

    def action_task(self) -> None:
        self._settings("next_task")

    def action_hidden(self, factor: float) -> None:
        self._settings("hidden_times", factor)

    def action_lr(self, factor: float) -> None:
        self._settings("lr_times", factor)

    def action_seed(self) -> None:
        self._settings("next_seed")

    def action_try_sentence(self) -> None:
        def take(text: str | None) -> None:
            if text:
                self.state = self.state.trying(text)
        self.app.push_screen(SentenceScreen(), take)

    def action_write(self) -> None:
        model = self.state.model
        if model is None:
            return
        base = self.state.file_stem
        path, n = Path(f"{base}.npz"), 1
        while path.exists():  # never overwrite: pick the next free name and say so
            n += 1
            path = Path(f"{base}-{n}.npz")
        try:
            weights.save(model, path)
        except (OSError, InputError) as e:
            self.notify(f"could not write {path}: {e}", severity="error")
            return
        note = f" ({base}.npz exists, so not overwritten)" if n > 1 else ""
        self.notify(f"wrote {path}{note}; open it with rnn-tui --weights {path}", timeout=8)
