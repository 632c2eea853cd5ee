"""A scene's place as a `Position`, and a `Position` applied to a scene: the presenter's side
and a follower's side of the same few fields."""

from __future__ import annotations

import contextlib
import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.models import CELL_ORDER
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.topologies import Topology
from rnn_tui.engine.trace import Sampling
from rnn_tui.engine.train import CLASS_CONFIG, Config, EpochStats
from rnn_tui.lecture.protocol import EPOCHS_MAX, AssetRef, Position, Prompt, Training
from rnn_tui.ui.state.gradients import SCALES, GradientState, flow_for
from rnn_tui.ui.state.sentiment import SentimentState
from rnn_tui.ui.state.train import TRY, TrainState, Tried
from rnn_tui.ui.state.unroll import UnrollState, phases

MAX_TYPED_KEPT = 50   # a follower keeps the presenter's last 50 typed sentences

if TYPE_CHECKING:
    from rnn_tui.ui.scenes.scene import Scene
    from rnn_tui.ui.session import Session


def position_of(scene: str, state: Any, session: Session, *, seq: int = 0, elapsed: float = 0.0,
                corpus: AssetRef | None = None, weights: AssetRef | str | None = None,
                prompt: Prompt | None = None, trained: tuple[tuple[str, AssetRef], ...] = (),
                run_model: AssetRef | None = None) -> Position:
    """Where `scene` is, with `state` on screen and the session as it is (`run_model`: the Train
    scene's kept weights as they travel)."""
    fields: dict[str, Any] = {}
    if isinstance(state, TrainState):
        fields = {"step": state.step, "training": training_of(state, run_model)}
    elif isinstance(state, UnrollState):
        fields = {"step": state.cursor, "substep": state.substep, "guessing": state.guessing,
                  "hidden": state.hidden, "folded": state.folded}
    elif isinstance(state, SentimentState):
        tested = state.index < len(state.demo.tests)
        fields = {"step": state.step, "item": state.index if tested else -1, "typed": "" if tested else state.text}
    elif isinstance(state, GradientState):
        fields = {"step": state.step, "item": -1 if state.long else state.sentence, "scale": state.scale_index,
                  "compared": state.compares_cells}
    elif isinstance(getattr(state, "step", None), int):
        fields = {"step": state.step}
    shown = getattr(state, "topology", None)   # Topologies: 1-5 choose one there without changing the session's
    topology = shown.name if isinstance(shown, Topology) else session.topology.name
    # The cell on screen: Unroll's trace went through it; elsewhere the session's model for its topology.
    cell = state.trace.cell if isinstance(state, UnrollState) else session.model().cell
    return Position(seq=seq, elapsed=elapsed, scene=scene, topology=topology, sentence=session.text, cell=cell,
                    temperature=session.sampling.temperature, seed=session.sampling.seed,
                    corpus=corpus, weights=weights, prompt=prompt, trained=trained, **fields)


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 1e9   # a diverging loss: off the chart, and valid JSON


def training_of(state: TrainState, model: AssetRef | None) -> Training:
    c = state.config
    history = tuple((_finite(h.loss), h.accuracy, None if h.heldout_loss is None else _finite(h.heldout_loss),
                     h.heldout_accuracy, _finite(h.grad_norm), h.best) for h in state.history[-EPOCHS_MAX:])
    return Training(task=state.task, cell=c.cell, hidden=c.hidden, lr=c.lr, seed=c.seed, epochs=c.epochs,
                    patience=c.patience, running=state.running, used=state.used, error=(state.error or "")[:300],
                    try_text=state.try_text, history=history, model=model)


def training_state(state: TrainState, run: Training, model: Model | None) -> TrainState:
    """The follower's Train state showing the presenter's run (its model once it has travelled)."""
    try:
        config = Config(hidden=run.hidden, epochs=run.epochs, lr=run.lr, seed=run.seed, patience=run.patience,
                        cell=run.cell, unk_rate=float(CLASS_CONFIG[run.task]["unk_rate"] or 0.0))
    except InputError:
        return state
    history = tuple(EpochStats(i + 1, loss, acc, val_loss, val_acc, norm, best)
                    for i, (loss, acc, val_loss, val_acc, norm, best) in enumerate(run.history))
    try_text = run.try_text or TRY[run.task]
    tried = state.tried if model is state.model and try_text == state.try_text else None
    if tried is None and model is not None:
        with contextlib.suppress(InputError, ValueError):
            tried = Tried.of(model, run.task, try_text)
    return replace(state, task=run.task, config=config, history=history, running=run.running, model=model,
                   used=run.used, error=run.error or None, try_text=try_text, tried=tried)


def apply_to_session(session: Session, position: Position) -> None:
    """The topology, the sentence (a typed one is added), the sampling and the cell of `position`
    (the cell where the follower's model has a twin in it: the shipped ones)."""
    session.set_topology(position.topology)
    if position.cell in CELL_ORDER and position.cell != session.model().cell:
        session.cell = position.cell
    try:
        session.sampling = Sampling(position.temperature, position.seed)
    except InputError:
        pass
    if position.sentence and position.sentence != session.text:
        if position.sentence not in session.sentences:
            del session.typed[:1 - MAX_TYPED_KEPT]  # a presenter typing all hour (or a hostile one) fills no memory
            session.index = min(session.index, len(session.sentences) - 1)
        try:
            session.add_sentence(position.sentence)
        except InputError:  # no words in it: stay on the sentence we have
            pass


def state_at(scene: Scene[Any], position: Position, run_model: Model | None = None) -> Any:
    """The scene's state (rebuilt from the session) moved to `position`'s step, kept in range."""
    state = scene.make_state(scene.state)
    if isinstance(state, TrainState):
        return state if position.training is None else training_state(state, position.training, run_model)
    if isinstance(state, UnrollState):
        cursor = min(position.step, state.last_index)
        substep = min(position.substep, len(phases(state.trace.steps[cursor])) - 1)
        return replace(state, cursor=cursor, substep=substep, guessing=position.guessing,
                       hidden=position.hidden, folded=position.folded, playing=False, refused=None)
    if isinstance(state, SentimentState) and 0 <= position.item < len(state.demo.tests):
        if position.item != state.index:
            state = state.with_sentence(position.item)
    elif isinstance(state, SentimentState) and position.typed and position.typed != state.text:
        if len(state.typed) >= MAX_TYPED_KEPT:   # a presenter typing all hour (or a hostile one) fills no memory
            state = replace(state, typed=state.typed[1 - MAX_TYPED_KEPT:]).with_sentence(0)
        with contextlib.suppress(InputError):   # no words in it: stay on the sentence shown
            state = state.with_typed(position.typed)[0]
    if isinstance(state, GradientState):
        place = (position.item < 0, max(position.item, 0) if position.item >= 0 else state.sentence,
                 position.scale % len(SCALES))
        if place != (state.long, state.sentence, state.scale_index):
            state = replace(state, long=place[0], sentence=place[1], scale_index=place[2])
            state = replace(state, flow=flow_for(state.model, state.words, state.scale))
        if position.compared != state.compares_cells:
            state = state.toggled_cells()
    if isinstance(getattr(state, "topology", None), Topology) and hasattr(state, "choose"):
        state = state.choose(position.topology)
    step = getattr(state, "step", None)
    if isinstance(step, int) and hasattr(state, "advance"):
        return state.advance(position.step - step)
    return state
