"""The unroll scene: step through the RNN, a time step or a sub-step per key press."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from rnn_tui.engine.errors import InputError
from rnn_tui.ui.bindings import SCENE_KEYS
from rnn_tui.ui.screens.sentence import SentenceScreen
from rnn_tui.ui.screens.unit import UnitScreen
from rnn_tui.ui.view import View, phases
from rnn_tui.ui.widgets.caption import Caption
from rnn_tui.ui.widgets.equation import Equation
from rnn_tui.ui.widgets.hidden import HiddenState
from rnn_tui.ui.widgets.onehot import OneHot
from rnn_tui.ui.widgets.output import Output
from rnn_tui.ui.widgets.pane import Pane
from rnn_tui.ui.widgets.status import StatusLine
from rnn_tui.ui.widgets.timeline import Timeline

SPEEDS = (3.0, 2.0, 1.0, 0.5, 0.25, 0.1, 0.03)  # seconds per step while playing


class UnrollScene(Screen):
    NAME = "unroll"
    TITLE = "Unroll"
    BINDINGS = SCENE_KEYS
    # The panes repaint themselves when their part of the view changes; the screen need not.
    view: reactive[View | None] = reactive(None, init=False, repaint=False)

    def __init__(self) -> None:
        super().__init__()
        self.speed = 2
        self._player: Timer | None = None
        self._unit = 0
        self._guessing = False  # predict, then reveal: each new step starts hidden

    @property
    def session(self):
        return self.app.session

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield Timeline(id="timeline")
        yield Caption(id="caption")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                with VerticalScroll(id="equation-scroll", can_focus=False):
                    yield Equation(id="equation")
                yield OneHot(id="onehot")
            with Vertical(id="right"):
                with VerticalScroll(id="hidden-scroll", can_focus=False):
                    yield HiddenState(id="hidden")
                yield Output(id="output")
        yield Static(id="too-small")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p still opens it; 80 columns are few

    def on_mount(self) -> None:
        self.load_trace()

    # The one way state reaches the panes.
    def watch_view(self, view: View) -> None:
        status = self.query_one(StatusLine)
        status.where, status.text = self._where(), self.session.text
        for pane in self.query(Pane):
            pane.show(view)

    def _where(self) -> str:
        s = self.session
        n_corpus = len(s.corpus.sentences)
        if s.index < n_corpus:
            return f"sentence {s.index + 1}/{n_corpus}"
        return f"typed {s.index - n_corpus + 1}"

    def load_trace(self, cursor: int = 0) -> None:
        trace = self.session.trace()
        old = self.view
        self.view = View(trace, cursor=min(cursor, len(trace) - 1), folded=old.folded if old else False,
                         hidden=self._guessing, guessing=self._guessing)

    def _go(self, cursor: int, substep: int = -1, hidden: bool | None = None) -> None:
        v = self.view
        cursor = max(0, min(cursor, len(v.trace) - 1))
        if hidden is None:
            hidden = self._guessing and cursor > v.cursor  # only a step not seen yet is hidden
        self.view = v.replace(cursor=cursor, substep=substep, hidden=hidden)

    # Time steps.
    def action_next_step(self) -> None:
        v = self.view
        if v.hidden:
            self._go(v.cursor, hidden=False)  # the first press reveals, the next one moves on
        elif v.cursor + 1 < len(v.trace):
            self._go(v.cursor + 1)
        else:
            self._stop_playing()

    def action_prev_step(self) -> None:
        self._go(self.view.cursor - 1, hidden=False)

    def action_first(self) -> None:
        self._go(0, hidden=False)

    def action_last(self) -> None:
        self._go(len(self.view.trace) - 1, hidden=False)

    # Sub-steps: the terms of one step, in the order the cell computes them.
    # From the whole step, down starts its first sub-step; past the last it goes on to the next step.
    def action_next_substep(self) -> None:
        v = self.view
        if v.hidden:
            self._go(v.cursor, hidden=False)
        elif v.complete:
            self._go(v.cursor, 0, hidden=False)
        elif v.substep + 1 < len(v.phases):
            self._go(v.cursor, v.substep + 1, hidden=False)
        elif v.cursor + 1 < len(v.trace):
            self._go(v.cursor + 1, 0, hidden=False)

    def action_prev_substep(self) -> None:
        v = self.view
        if v.complete:
            self._go(v.cursor, len(v.phases) - 1, hidden=False)
        elif v.substep > 0:
            self._go(v.cursor, v.substep - 1, hidden=False)
        elif v.cursor > 0:
            prev = v.trace.steps[v.cursor - 1]
            self._go(v.cursor - 1, len(phases(prev)) - 1, hidden=False)

    # Playing.
    def action_play(self) -> None:
        if self._player:
            self._stop_playing()
            return
        if self.view.cursor + 1 >= len(self.view.trace):
            self._go(0, hidden=False)
        self._player = self.set_interval(SPEEDS[self.speed], self.action_next_step)
        self.notify(f"playing, {SPEEDS[self.speed]:g} s a step (p pauses)", timeout=2)

    def _stop_playing(self) -> None:
        if self._player:
            self._player.stop()
            self._player = None

    def action_speed(self, delta: int) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + delta))
        if self._player:
            self._stop_playing()
            self._player = self.set_interval(SPEEDS[self.speed], self.action_next_step)
        self.notify(f"{SPEEDS[self.speed]:g} s a step", timeout=1.5)

    # What is on screen.
    def action_topology(self, name: str) -> None:
        self.session.set_topology(name)
        self.load_trace()

    def action_sentence(self, delta: int) -> None:
        self.session.move(delta)
        self.load_trace()

    def action_fold(self) -> None:
        self.view = self.view.replace(folded=not self.view.folded)

    def action_guess(self) -> None:
        self._guessing = not self._guessing
        self.view = self.view.replace(hidden=False, guessing=self._guessing)
        self.notify("guess mode: each step's results stay hidden until space or r" if self._guessing
                    else "guess mode off", timeout=2)

    def action_reveal(self) -> None:
        self._go(self.view.cursor, self.view.substep, hidden=False)

    def action_type_sentence(self) -> None:
        self._stop_playing()

        def take(text: str | None) -> None:
            if text is None:
                return
            try:
                note = self.session.add_sentence(text)
            except InputError as e:
                self.notify(str(e), severity="error")
                return
            if note:
                self.notify(note)
            self.load_trace()

        self.app.push_screen(SentenceScreen(), take)

    def action_inspect(self) -> None:
        self.app.push_screen(UnitScreen(self.view.trace, self._unit))

    def action_scroll_panes(self, delta: int) -> None:
        for scroll in self.query(VerticalScroll):
            scroll.scroll_relative(y=delta * 3, animate=False)

    @on(Timeline.Jump)
    def jump(self, event: Timeline.Jump) -> None:
        self._go(event.index, hidden=False)
