"""Scene 7's state: the five topologies side by side, one of them stepped through on the
session's sentence. Step 0 is the overview; step t shows time step t."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.models import trained_note
from rnn_tui.engine.topologies import TOPOLOGIES, Topology, topology_by_name
from rnn_tui.engine.trace import Trace
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.unroll import UnrollState


@dataclass(frozen=True, eq=False)
class TopologiesState(Stepping):
    text: str
    traces: Mapping[str, Trace]   # topology name -> its trace of `text`, every topology computed once
    topology: Topology
    followed: str                 # the session's topology when this state was made (chosen in Unroll)
    step: int = 0
    refusals: Mapping[str, str] = field(default_factory=dict)  # topology name -> why its model cannot run
                                                               # it (a classifier cannot write words): no trace

    @property
    def refused(self) -> str | None:
        """Why the chosen topology cannot run its model, in one line; None when it runs."""
        return self.refusals.get(self.topology.name)

    @property
    def trace(self) -> Trace:
        """The chosen topology's trace; a refused one shows the first topology's, never drawn as its own."""
        trace = self.traces.get(self.topology.name)
        return trace if trace is not None else next(iter(self.traces.values()))

    @property
    def last_step(self) -> int:
        return 0 if self.refused else len(self.trace)

    @property
    def cursor(self) -> int:
        """The index of the current step in the trace; -1 on the overview."""
        return self.step - 1

    @property
    def note(self) -> str | None:
        """Why the topology cannot run, else a warning when the weights were not trained for what it shows."""
        return self.refused or trained_note(self.trace.model, self.topology.name)

    def choose(self, name: str) -> TopologiesState:
        """Another topology, at the same step where it has one."""
        chosen = replace(self, topology=topology_by_name(name))
        return replace(chosen, step=min(self.step, chosen.last_step))

    @property
    def subtitle(self) -> str:
        top = self.topology
        return f"{top.key} {top.title}: {top.shape}"

    @property
    def caption(self) -> str:
        top = self.topology
        if self.refused:
            return f"⚠ {self.refused}"
        if self.step == 0:
            return f"{top.title}, {top.shape}: {top.about}; e.g. {top.example}. → steps through it."
        return UnrollState(self.trace, self.cursor).caption


def make_state(text: str, trace_for: Callable[[Topology], Trace], session_topology: Topology,
               previous: TopologiesState | None) -> TopologiesState:
    """The session's sentence under every topology, traced as the session traces it (computed
    once there). Shows the topology the Unroll scene last chose; keys 1-5 here choose without
    changing it. A topology the model cannot run is kept with the line that says why."""
    traces, refusals = {}, {}
    for top in TOPOLOGIES:
        try:
            traces[top.name] = trace_for(top)
        except InputError as refused:
            refusals[top.name] = str(refused)
    if previous is None:
        return TopologiesState(text, traces, session_topology, session_topology.name, refusals=refusals)
    state = replace(previous, text=text, traces=traces, refusals=refusals)
    if previous.followed != session_topology.name:
        state = replace(state, topology=session_topology, followed=session_topology.name)
    return replace(state, step=min(state.step, state.last_step))  # the sentence may be shorter
