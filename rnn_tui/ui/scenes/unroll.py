"""The unroll scene: step through the RNN, a time step or a sub-step per key press.
Every key replaces the one `state` (an `UnrollState`); the panes are bound to it and draw it."""

from __future__ import annotations

from typing import ClassVar, SupportsInt, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.topologies import Topology, refusal, topology_by_name
from rnn_tui.engine.trace import Sampling
from rnn_tui.ui.bindings import SCENE_KEYS
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.screens.sentence import SentenceScreen
from rnn_tui.ui.screens.unit import UnitScreen
from rnn_tui.ui.state.model_line import model_line
from rnn_tui.ui.state.unroll import SPEEDS, UnrollState
from rnn_tui.ui.widgets.caption import Caption
from rnn_tui.ui.widgets.equation import Equation
from rnn_tui.ui.widgets.hidden import HiddenState
from rnn_tui.ui.widgets.onehot import OneHot
from rnn_tui.ui.widgets.output import Output
from rnn_tui.ui.widgets.status import StatusLine, sentence_shown
from rnn_tui.ui.widgets.timeline import Timeline

__all__ = ["SPEEDS", "UnrollScene"]

# Keys whose action is one transition of the state, with no argument: enabled when it changes it.
TRANSITIONS = {
    "next_step": UnrollState.next_step, "prev_step": UnrollState.prev_step,
    "first": UnrollState.first, "last": UnrollState.last,
    "next_substep": UnrollState.next_substep, "prev_substep": UnrollState.prev_substep,
    "reveal": UnrollState.reveal, "fold": UnrollState.toggle_fold,
}


class UnrollScene(Scene[UnrollState]):
    NAME = "unroll"
    TITLE = "Unroll"
    BINDINGS: ClassVar[list[BindingType]] = list(SCENE_KEYS)

    def __init__(self) -> None:
        super().__init__()
        self._player: Timer | None = None
        self._player_speed: int | None = None
        self._enabled: tuple[bool, ...] = ()

    def make_state(self, previous: UnrollState | None) -> UnrollState:
        refused = self._refusal(self.session.topology)
        if refused is not None:  # the session's model changed to one that cannot run this topology
            self.session.set_topology("many-to-one")  # what a classifier runs
        trace = self.session.trace()
        where, text = self._where(), self.session.text
        if previous is None:
            state = UnrollState(trace, where=where, text=text)
        elif previous.trace is trace:  # the same sentence and model: keep the place
            state = previous
        else:
            state = previous.with_trace(trace, where, text)
        return state if refused is None else state.refuse(refused)

    def _refusal(self, topology: Topology) -> str | None:
        """Why the session's model for `topology` cannot run it (a classifier asked to write words)."""
        return refusal(self.session.model(topology), topology)

    def _where(self) -> str:
        s = self.session
        n_corpus = len(s.corpus.sentences)
        if s.index < n_corpus:
            return f"sentence {s.index + 1:,}/{n_corpus:,}"
        return f"typed {s.index - n_corpus + 1:,}"

    def details(self) -> list[tuple[str, str]]:
        """The status line's and caption's texts whole (80 columns may cut them); in guess mode
        the sentence only as far as it gives nothing away."""
        v = self.state
        if v is None:
            return []
        trace = v.trace
        said = [("sentence", f"{v.where}: {sentence_shown(v)}"),
                ("model", model_line(trace.model, halves=trace.source_vocab is not None)),
                ("topology", v.topology_line)]
        if v.trained_note:
            said.append(("warning", v.trained_note))
        return [*said, ("caption", v.caption)]

    def compose_scene(self) -> ComposeResult:
        state = UnrollScene.state
        yield StatusLine(id="status").data_bind(state=state)
        yield Timeline(id="timeline").data_bind(state=state)
        yield Caption(id="caption").data_bind(state=state)
        with Vertical(id="body"):
            # The equation and the hidden state have a row per unit: one scroll holds both, so
            # their rows stay side by side however far they scroll.
            with VerticalScroll(id="units-scroll", can_focus=False), Horizontal(id="units"):
                yield Equation(id="equation").data_bind(state=state)
                yield HiddenState(id="hidden").data_bind(state=state)
            with Horizontal(id="lower"):
                yield OneHot(id="onehot").data_bind(state=state)
                yield Output(id="output").data_bind(state=state)

    def watch_state(self, state: UnrollState) -> None:
        self._sync_player(state)
        enabled = tuple(bool(self.check_action(action, ())) for action in TRANSITIONS) + (
            state.speed > 0, state.speed < len(SPEEDS) - 1)
        if enabled != self._enabled:  # the Footer recomposes on refresh_bindings: only when needed
            self._enabled = enabled
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would do nothing now are shown greyed out (None), not hidden."""
        state = self.state
        if state is None:
            return True
        if action in TRANSITIONS:
            return True if TRANSITIONS[action](state) != state else None
        if action in ("temperature", "resample"):  # only where a word is written and fed back, by one RNN
            writes = state.trace.topology.feeds_back and state.trace.source_vocab is None and state.refused is None
            return True if writes and (action == "temperature" or self.session.sampling.temperature) else None
        if action == "speed" and parameters:
            return True if state.with_speed(int(cast(SupportsInt, parameters[0]))) != state else None
        return True

    # ---- the player: a timer that follows `state.playing` and `state.speed` ----------------

    def _sync_player(self, state: UnrollState) -> None:
        if state.playing and (self._player is None or self._player_speed != state.speed):
            self._stop_player()
            self._player = self.set_interval(state.seconds_per_step, self.action_next_step)
            self._player_speed = state.speed
        elif not state.playing:
            self._stop_player()

    def _stop_player(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player = None

    # ---- keys: each replaces the state ------------------------------------------------------

    def action_next_step(self) -> None:
        self.state = self.state.next_step()

    def action_prev_step(self) -> None:
        self.state = self.state.prev_step()

    def action_first(self) -> None:
        self.state = self.state.first()

    def action_last(self) -> None:
        self.state = self.state.last()

    def action_next_substep(self) -> None:
        self.state = self.state.next_substep()

    def action_prev_substep(self) -> None:
        self.state = self.state.prev_substep()

    def action_play(self) -> None:
        self.state = self.state.toggle_play()
        if self.state.playing:
            self.notify(f"playing, {self.state.seconds_per_step:g} s a step (p pauses)", timeout=2)

    def action_speed(self, delta: int) -> None:
        self.state = self.state.with_speed(delta)
        self.notify(f"{self.state.seconds_per_step:g} s a step", timeout=1.5)

    def action_topology(self, name: str) -> None:
        """Another topology; one the model cannot run leaves the trace and says why in the caption."""
        refused = self._refusal(topology_by_name(name))
        if refused is not None:
            self.state = self.state.refuse(refused)
            return
        self.session.set_topology(name)
        self.state = self.state.with_trace(self.session.trace())

    def action_cell(self) -> None:
        """The same sentence through the next cell (Elman, GRU, LSTM); where the model has no twin, why not."""
        refused = self.session.cell_refusal()
        if refused is not None:
            self.state = self.state.refuse(refused)
            return
        self.session.switch_cell()
        self.state = self.state.with_cell(self.session.trace())

    def action_sentence(self, delta: int) -> None:
        self.session.move(delta)
        self.state = self.state.with_trace(self.session.trace(), self._where(), self.session.text)

    def action_temperature(self) -> None:
        self._resample(self.session.sampling.hotter())

    def action_resample(self) -> None:
        self._resample(self.session.sampling.reseeded())

    def _resample(self, sampling: Sampling) -> None:
        self.session.sampling = sampling
        self.state = self.state.with_trace(self.session.trace())
        self.refresh_bindings()  # R is enabled only while sampling

    def action_fold(self) -> None:
        self.state = self.state.toggle_fold()

    def action_guess(self) -> None:
        self.state = self.state.toggle_guess()
        self.notify("guess mode: each step's results stay hidden until space or r" if self.state.guessing
                    else "guess mode off", timeout=2)

    def action_reveal(self) -> None:
        self.state = self.state.reveal()

    def action_type_sentence(self) -> None:
        self.state = self.state.pause()

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
            self.state = self.state.with_trace(self.session.trace(), self._where(), self.session.text)

        self.app.push_screen(SentenceScreen(), take)

    def action_inspect(self) -> None:
        self.app.push_screen(UnitScreen(self.state.trace))

    def action_scroll_panes(self, delta: int) -> None:
        for scroll in self.query(VerticalScroll):
            scroll.scroll_relative(y=delta * 3, animate=False)

    @on(Timeline.Jump)
    def jump(self, event: Timeline.Jump) -> None:
        self.state = self.state.jump(event.index)
