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
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.train import EpochInterrupted, EpochStats, Trainer, TrainingDiverged, make_task
from rnn_tui.ui.render.bars import sparkline
from rnn_tui.ui.render.chart import BLOCKS, columns, thinned
from rnn_tui.ui.render.fit import Part, cut_to, fit
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes.base import Board, LessonScene
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.screens.sentence import SentenceScreen
from rnn_tui.ui.state.train import TrainState
from rnn_tui.ui.state.wording import percent

CHART_ROWS = 6   # at 80x24; a taller terminal gives the chart more rows
MAX_CHART_ROWS = 20
AROUND_CHART = 18  # the other lines of the scene at 80x24: the chart takes what a taller screen adds
LABEL = 8        # the axis labels' width
VAL_DOT = "●"    # validation loss, on the train loss's column
BEST = "▲"       # under the best validation epoch


class Settings(Board):
    def render(self) -> Text:
        s: TrainState | None = self.state
        if s is None:
            return Text("")
        c = s.config
        stop = f"patience {c.patience}" if c.patience else "no early stop"
        # At 80 columns the keys in brackets go first, the last setting's first (help lists them).
        settings = [("task ", s.task, "(k)"), ("cell ", s.cell_name, "(c)"), ("H ", str(c.hidden), "(-/+)"),
                    ("lr ", f"{c.lr:g}", "(</>)"),
                    ("seed ", str(c.seed), "(s)"), ("", stop, "(p)")]
        parts: list[Part | str] = []
        for i, (name, value, key) in enumerate(settings):
            parts += [" · " if i else "", Part(name, style="bold"), value,
                      Part(f" {key}", cut=len(settings) - i, keep=0)]
        return Text("\n").join([fit(parts, self.size.width),
                                user_text(f"{len(s.history):,}/{c.epochs:,} epochs on {s.plan.words}",
                                          self.style("muted"))])


class LossChart(Board):
    """Train loss as columns, validation loss as a dot in each column, on one linear axis from 0;
    the best validation epoch is marked under its column; accuracies on the line below. Long
    runs are thinned to the width, never wrapped."""

    def render(self) -> Text:
        s: TrainState | None = self.state
        if s is None:
            return Text("")
        hist = s.history
        if not hist:
            if s.error:
                return Text("No epoch finished: the loss diverged in the first (see below).", self.style("hot"))
            return Text("Press space to train: train loss in columns, validation loss as dots.",
                        self.style("muted"))
        rows = max(CHART_ROWS, min(MAX_CHART_ROWS, self.app.size.height - AROUND_CHART))
        room = max(1, self.size.width - LABEL)
        width = max(1, min(3, room // max(1, s.config.epochs)))
        picked, _ = thinned(range(len(hist)), room // width)
        shown = [hist[i] for i in picked]
        val = [h.heldout_loss for h in shown]
        top = max([h.loss for h in hist] + [v for h in hist if (v := h.heldout_loss) is not None])
        top = top if top > 0 else 1.0
        lines = columns([h.loss / top for h in shown], rows, width)
        text = Text()
        for r, line in enumerate(lines):
            label = f"{top:7.3g} " if r == 0 else f"{0:7d} " if r == rows - 1 else " " * LABEL
            text.append(label, self.style("muted"))
            for i, v in enumerate(val):
                seg = line[i * width:(i + 1) * width]
                if v is not None and min(rows - 1, int((1 - v / top) * rows)) == r:
                    text.append(VAL_DOT * width, self.style("hot"))
                else:
                    text.append(seg, self.style("positive"))
            text.append("\n")
        best = s.best_epoch
        marks = "".join((BEST if h.epoch == best else " ") * width for h in shown)
        if best is not None and best not in [h.epoch for h in shown]:
            marks = marks[:-1] + BEST  # thinned away: marked on the nearest column kept
        text.append(" " * LABEL + marks + "\n", self.style("hot"))
        last = hist[-1]
        legend: list[Part | str] = [Part(f"epoch {last.epoch}: ", style=self.style("muted")),
                                    Part(f"{BLOCKS[8]} train loss {last.loss:.4f}", style=self.style("heading"))]
        if last.heldout_loss is not None and best is not None:
            b = hist[best - 1]
            legend.append(Part(f"   {VAL_DOT} val loss {last.heldout_loss:.4f}", style=self.style("heading")))
            legend.append(Part(f"   {BEST} best val: epoch {best}, {b.heldout_loss:.4f}", cut=1, keep=12,
                               style=self.style("hot")))
        text.append_text(fit(legend, self.size.width))
        text.append("\n")
        # Two sparklines and their words in the width, never wrapped: "accuracy  train " and " 100%",
        # "   val " and " 100%" take 33 cells.
        accs = [h.heldout_accuracy for h in hist if h.heldout_accuracy is not None]
        spark = max(4, (self.size.width - 34) // (2 if accs else 1))
        train_line = sparkline(thinned([h.accuracy for h in hist], spark)[1], 0, 1)
        line = f"accuracy  train {train_line} {percent(last.accuracy)}"
        if last.heldout_accuracy is not None:
            line += f"   val {sparkline(thinned(accs, spark)[1], 0, 1)} {percent(last.heldout_accuracy)}"
        text.append_text(cut_to(Text(line), self.size.width))
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
                text.append(f" {percent(p)}  ", self.signed(p - 0.5))
            else:
                text.append(" → ")
                text.append_text(user_text(model.labels[k]))
                text.append("  ")
        if s.task == "sentiment":
            final = trace.steps[-1]
            assert final.y is not None and final.predicted is not None  # many-to-one: the last step reads out
            text.append(f"\n= {model.labels[final.predicted]} ({percent(float(final.y.max()))}); "
                        "each % is P(positive) after that word")
        return text


class TrainScene(LessonScene[TrainState], inherit_bindings=False):  # no stepping here: space trains
    NAME = "train"
    TITLE = "Train"
    BINDINGS = [
        Binding("space", "toggle_training", "Train", id="train.toggle"),
        Binding("r", "reset", "Reset", id="train.reset"),
        Binding("e", "try_sentence", "Try", id="train.try"),
        Binding("u", "use", "Use", id="train.use", tooltip="make this model the session's: Unroll, "
                "Sentiment and Gradients use it"),
        Binding("w", "write", "Write", id="train.write"),
        Binding("p", "early_stopping", "Early stop", show=False, id="train.early_stopping"),
        Binding("k", "task", "Task", show=False, id="train.task"),
        Binding("c", "cell", "Cell", id="train.cell", tooltip="the cell the next run trains: Elman, GRU or LSTM"),
        Binding("plus,equals_sign", "hidden(2)", "Hidden x2", show=False, id="train.hidden_up"),
        Binding("minus", "hidden(0.5)", "Hidden /2", show=False, id="train.hidden_down"),
        Binding("greater_than_sign,full_stop", "lr(2)", "lr x2", show=False, id="train.lr_up"),
        Binding("less_than_sign,comma", "lr(0.5)", "lr /2", show=False, id="train.lr_down"),
        Binding("s", "seed", "Seed +1", show=False, id="train.seed"),
    ]
    SETTINGS = {"task", "cell", "hidden", "lr", "seed", "early_stopping"}   # changed only while training is paused

    def __init__(self) -> None:
        super().__init__()
        self.trainer: Trainer | None = None   # the run in progress: a process resource, not state
        self._written: tuple[Model, Path] | None = None  # the last `w`: the same weights are written once

    def make_state(self, previous: TrainState | None) -> TrainState:
        return (previous or TrainState()).with_corpus(self.session.corpus)

    def compose_body(self) -> ComposeResult:
        yield Settings(id="train-settings").data_bind(state=Scene.state)
        yield ProgressBar(total=TrainState().config.epochs, show_eta=False, id="train-progress")
        yield LossChart(id="train-chart").data_bind(state=Scene.state)
        yield TryIt(id="train-try").data_bind(state=Scene.state)

    def watch_state(self, state: TrainState) -> None:
        super().watch_state(state)
        epochs = len(state.history) if state.stopped_early else state.config.epochs  # early stopping: done
        self.query_one(ProgressBar).update(total=epochs, progress=len(state.history))

    def key_state(self, state: TrainState) -> tuple[object, ...]:
        return state.idle, state.model is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.state is None:
            return True
        if action in self.SETTINGS:
            return True if self.state.idle else None
        if action in ("write", "use"):
            return True if self.state.model is not None else None
        return True

    def action_toggle_training(self) -> None:
        if self.state.running:
            self.state = self.state.paused()  # the worker stops after the epoch it is in
            return
        if self.state.finished or self.state.error:
            self.trainer = None  # a run that ended starts afresh
        self.state = self.state.started()
        self._train(self.trainer, self.state)

    @work(thread=True, exclusive=True, group="train", exit_on_error=False)
    def _train(self, trainer: Trainer | None, state: TrainState) -> None:
        worker = get_current_worker()
        if trainer is None:  # the set-up (examples, the first loss) is a pass over the data: off the UI thread too
            try:
                data = state.plan
                task = make_task(state.task, data.train, data.vocab)
                trainer = Trainer(task, task.examples(data.train), task.examples(data.val), state.config)
            except InputError as e:
                self.app.call_from_thread(self._refused, worker, str(e))
                return
            if not self.app.call_from_thread(self._adopt, worker, trainer):
                return  # reset or quit while it was set up
        while self.state.running and not worker.is_cancelled and not trainer.finished:
            try:
                trainer.epoch(stop=lambda: worker.is_cancelled)  # a quit ends the epoch between batches
            except EpochInterrupted:
                return
            except TrainingDiverged as e:  # the loss diverged: say so, keep the app
                self.app.call_from_thread(self._diverged, trainer, str(e))
                return
            model = trainer.model(name=f"{trainer.task.name} (trained in the app, seed {trainer.config.seed})",
                                  best=True)
            self.app.call_from_thread(self._after_epoch, trainer, tuple(trainer.history), model)
        self.app.call_from_thread(self._stopped, trainer, None)

    def _adopt(self, worker: Worker[None], trainer: Trainer) -> bool:
        """The worker's new trainer becomes the scene's, unless the run was reset or the app is
        quitting meanwhile (both cancel the worker, on this thread: no race)."""
        if worker.is_cancelled:
            return False
        self.trainer = trainer
        return True

    def _refused(self, worker: Worker[None], message: str) -> None:
        if worker.is_cancelled:
            return
        self.state = self.state.paused()
        self.notify(message, severity="error")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # a bug, not bad input: say so, keep the app
            self._stopped(self.trainer, f"training failed: {event.worker.error!r}")

    def _after_epoch(self, trainer: Trainer, history: tuple[EpochStats, ...], model: Model) -> None:
        if trainer is not self.trainer:
            return  # reset while this epoch ran
        self.state = self.state.after_epoch(history, model)

    def _diverged(self, trainer: Trainer, message: str) -> None:
        if trainer is not self.trainer:
            return
        self.trainer = None  # a diverged run cannot go on: space starts afresh
        self.state = self.state.diverged(message)

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

    def action_cell(self) -> None:
        self._settings("next_cell")

    def action_hidden(self, factor: float) -> None:
        self._settings("hidden_times", factor)

    def action_lr(self, factor: float) -> None:
        self._settings("lr_times", factor)

    def action_seed(self) -> None:
        self._settings("next_seed")

    def action_early_stopping(self) -> None:
        self._settings("toggled_early_stopping")

    def action_use(self) -> None:
        """The kept model becomes the session's: Unroll (in the topology it was trained for),
        Sentiment and Gradients use it from now on."""
        if self.state.model is None:
            return
        self.session.use_trained(self.state.task, self.state.model)
        self.state = self.state.in_use()

    def action_try_sentence(self) -> None:
        def take(text: str | None) -> None:
            if text:
                self.state = self.state.trying(text)
        self.app.push_screen(SentenceScreen(), take)

    def action_write(self) -> None:
        model = self.state.model
        if model is None:
            return
        written = self._written
        if written is not None and written[0] is model and written[1].exists():  # w held down: one file
            self.notify(f"these weights are already in {written[1]}; w writes again once training changes them")
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
        self._written = (model, path)
        note = f" ({base}.npz exists, so not overwritten)" if n > 1 else ""
        self.notify(f"wrote {path}{note}; open it with rnn-tui --weights {path}", timeout=8)
