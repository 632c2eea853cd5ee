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

from rnn_tui.engine import tokenize, weights
from rnn_tui.engine.corpus import LECTURE_CORPUS
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.models import sentiment_corpus
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.engine.train import SHIPPED_CONFIG, Config, Trainer, make_task
from rnn_tui.ui.scenes.base import Board, Scene
from rnn_tui.ui.screens.sentence import SentenceScreen
from rnn_tui.ui.render.bars import sparkline
from rnn_tui.ui.render.chart import columns

CHART_ROWS = 6


class Settings(Board):
    def render(self) -> Text:
        s: TrainScene = self.screen
        c = s.config
        state = "training" if s.running else "done" if s.finished else "paused" if s.history else "ready"
        return Text.assemble(
            ("task ", "bold"), s.task_name, " (k) · ", ("H ", "bold"), str(c.hidden), " (-/+) · ",
            ("lr ", "bold"), f"{c.lr:g}", " (</>) · ", ("seed ", "bold"), str(c.seed), " (s) · ",
            (state, self.style("hot")), "\n",
            Text(f"{len(s.history)}/{c.epochs} epochs of {s.data_name or 'data chosen at the first epoch'}",
                 self.style("muted")))


class LossChart(Board):
    def render(self) -> Text:
        s: TrainScene = self.screen
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
            text.append(f"\n{'':>9}  {sparkline([h.heldout_accuracy for h in hist], 0, 1)}  "
                        f"held-out {last.heldout_accuracy:.0%}")
        return text


class TryIt(Board):
    def render(self) -> Text:
        s: TrainScene = self.screen
        model = s.model
        if model is None:
            return Text("After (or during) training, press e to type a sentence and see the prediction "
                        "word by word.", self.style("muted"))
        words = tokenize(s.try_text)
        trace = run(model, words, topology_by_name("many-to-one" if s.task_name == "sentiment" else "many-to-many"))
        probs = trace.readout_every_step()
        text = Text("try: ", self.style("heading"))
        for step, y in zip(trace.steps, probs):
            word = Text(step.input_token)
            text.append_text(word)
            k = int(np.argmax(y))
            if s.task_name == "sentiment":
                p = y[model.labels.index("positive")] if "positive" in model.labels else y[k]
                text.append(f" {p:.0%}  ", self.signed(p - 0.5))
            else:
                text.append(" → ")
                text.append_text(Text(model.labels[k]))
                text.append("  ")
        if s.task_name == "sentiment":
            final = trace.steps[-1]
            text.append(f"\n= {model.labels[final.predicted]} ({final.y.max():.0%}); each % is P(positive) after that word")
        return text


class TrainScene(Scene, inherit_bindings=False):  # no stepping here: space trains
    NAME = "train"
    TITLE = "Train"
    BINDINGS = [
        Binding("space", "toggle", "Train/pause"),
        Binding("r", "reset", "Reset"),
        Binding("e", "try_sentence", "Try"),
        Binding("w", "write", "Write .npz"),
        Binding("k", "task", "Task", show=False),
        Binding("plus,equals_sign", "hidden(2)", "Hidden x2", show=False),
        Binding("minus", "hidden(0.5)", "Hidden /2", show=False),
        Binding("greater_than_sign,full_stop", "lr(2)", "lr x2", show=False),
        Binding("less_than_sign,comma", "lr(0.5)", "lr /2", show=False),
        Binding("s", "seed", "Seed +1", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.task_name = "sentiment"
        self.config = Config(hidden=16, seed=0, **SHIPPED_CONFIG["sentiment"])
        self.trainer: Trainer | None = None
        self.model = None
        self.running = False
        self.try_text = "i do not love this film"
        self.data_name = ""

    @property
    def history(self):
        return self.trainer.history if self.trainer else []

    @property
    def finished(self) -> bool:
        return len(self.history) >= self.config.epochs

    def compose_body(self) -> ComposeResult:
        yield Settings(id="train-settings")
        yield ProgressBar(total=self.config.epochs, show_eta=False, id="train-progress")
        yield LossChart(id="train-chart")
        yield TryIt(id="train-try")

    def subtitle(self) -> str:
        return f"{self.task_name}, {'training' if self.running else 'done' if self.finished else 'paused' if self.history else 'ready'}"

    def caption(self) -> str:
        if not self.history:
            return "Training repeats: forward through each sentence, loss, back through time, a small step downhill."
        h = self.history[-1]
        held = "" if h.heldout_accuracy is None else f", held-out {h.heldout_accuracy:.0%}"
        return f"epoch {h.epoch}: loss {h.loss:.4f}, accuracy {h.accuracy:.0%}{held}"

    def _data(self):
        corpus = self.session.corpus
        if corpus is not LECTURE_CORPUS:
            name = corpus.source
        elif self.task_name == "sentiment":
            corpus, name = sentiment_corpus(), "the shipped sentiment set"
        else:
            name = "the lecture corpus"
        train, heldout = corpus.split("train"), corpus.split("test")
        return corpus, train, heldout, f"{name}: {len(train.sentences)} train, {len(heldout.sentences)} held-out"

    def _new_trainer(self) -> Trainer:
        corpus, train, heldout, self.data_name = self._data()
        task = make_task(self.task_name, train, corpus.vocab)
        return Trainer(task, task.examples(train), task.examples(heldout), self.config)

    def action_toggle(self) -> None:
        if self.running:
            self.running = False  # the worker stops after the epoch it is in
        else:
            if self.trainer is None or self.finished:
                try:
                    self.trainer = self._new_trainer()
                except InputError as e:
                    self.notify(str(e), severity="error")
                    return
            self.running = True
            self._train(self.trainer)
        self.redraw()

    @work(thread=True, exclusive=True, group="train", exit_on_error=False)
    def _train(self, trainer: Trainer) -> None:
        worker = get_current_worker()
        while self.running and not worker.is_cancelled and len(trainer.history) < trainer.config.epochs:
            try:
                trainer.epoch()
            except InputError as e:  # the loss diverged: say so, keep the app
                self.app.call_from_thread(self._stopped, str(e))
                return
            model = trainer.model(name=f"{self.task_name} (trained in the app, seed {trainer.config.seed})")
            if trainer is not self.trainer:
                return  # reset while this epoch ran
            self.app.call_from_thread(self._after_epoch, model)
        self.app.call_from_thread(self._stopped, None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # a bug, not bad input: say so, keep the app
            self._stopped(f"training failed: {event.worker.error!r}")

    def _after_epoch(self, model) -> None:
        self.model = model
        self.session.trained[self.task_name] = model
        self.query_one(ProgressBar).update(total=self.config.epochs, progress=len(self.history))
        self.redraw()

    def _stopped(self, error: str | None) -> None:
        self.running = False
        if error:
            self.notify(error, severity="error", timeout=8)
        self.redraw()

    def _change(self, **changes) -> None:
        if self.running:
            self.notify("pause (space) before changing the settings", severity="warning")
            return
        try:
            self.config = Config(**{**self.config.__dict__, **changes})
        except InputError as e:
            self.notify(str(e), severity="error")
            return
        self.action_reset()

    def action_reset(self) -> None:
        self.running = False
        self.trainer = None
        self.model = None
        self.workers.cancel_group(self, "train")
        self.query_one(ProgressBar).update(total=self.config.epochs, progress=0)
        self.redraw()

    def action_task(self) -> None:
        task = "next-word" if self.task_name == "sentiment" else "sentiment"
        if self.running:
            self.notify("pause (space) before changing the task", severity="warning")
            return
        self.task_name = task
        self.try_text = "i do not love this film" if task == "sentiment" else "hi my name"
        self._change(**SHIPPED_CONFIG[task])

    def action_hidden(self, factor: float) -> None:
        self._change(hidden=int(max(2, min(256, self.config.hidden * factor))))

    def action_lr(self, factor: float) -> None:
        self._change(lr=float(f"{max(1e-5, min(10.0, self.config.lr * factor)):.3g}"))

    def action_seed(self) -> None:
        self._change(seed=self.config.seed + 1)

    def action_try_sentence(self) -> None:
        def take(text: str | None) -> None:
            if text:
                self.try_text = text
                self.redraw()
        self.app.push_screen(SentenceScreen(), take)

    def action_write(self) -> None:
        if self.model is None:
            self.notify("nothing trained yet: press space first", severity="warning")
            return
        base = f"rnn-tui-{self.task_name}-h{self.config.hidden}-seed{self.config.seed}"
        path, n = Path(f"{base}.npz"), 1
        while path.exists():  # never overwrite: pick the next free name and say so
            n += 1
            path = Path(f"{base}-{n}.npz")
        try:
            weights.save(self.model, path)
        except (OSError, InputError) as e:
            self.notify(f"could not write {path}: {e}", severity="error")
            return
        note = f" ({base}.npz exists, so not overwritten)" if n > 1 else ""
        self.notify(f"wrote {path}{note}; open it with rnn-tui --weights {path}", timeout=8)
