"""The Unroll scene's state, driven directly: no app, no Pilot. Hypothesis walks every
transition over real traces of all five topologies and all three cells (the shipped models and
their GRU and LSTM twins) and checks the invariants after each one; hand-written examples pin
the captions a lecturer reads aloud."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from rnn_tui.engine import tokenize
from rnn_tui.engine.models import CELL_ORDER, LECTURE_LABELS_MODELS, LECTURE_NEXT_WORD_MODELS, default_model, load_model
from rnn_tui.engine.topologies import FEEDBACK, NOTHING, TOPOLOGIES, topology_by_name
from rnn_tui.engine.trace import Trace, run
from rnn_tui.ui.state.cell_view import GATED_PHASES
from rnn_tui.ui.state.unroll import (
    BIAS,
    CELL_PHASES,
    INPUT,
    OUTPUT_PHASES,
    RECURRENT,
    SCORES,
    SOFTMAX,
    SPEEDS,
    UnrollState,
    phases,
    sub,
    topology_line,
)

SENTENCES = ("Hi my name is Barry", "I love AI", "Barry is my name", "zebras", "hi zebras love my name is ai")
ALL_PHASES = CELL_PHASES + GATED_PHASES + OUTPUT_PHASES


@cache
def trace(sentence: str = SENTENCES[0], topology: str = "many-to-many", cell: str = "elman") -> Trace:
    """The sentence through the lecture's model for `topology` (its GRU or LSTM twin for `cell`)."""
    family = LECTURE_LABELS_MODELS if topology == "many-to-one" else LECTURE_NEXT_WORD_MODELS
    return run(load_model(family[cell]), tokenize(sentence), topology_by_name(topology))


CELLS = st.sampled_from(CELL_ORDER)
TRACES = st.builds(trace, st.sampled_from(SENTENCES), st.sampled_from([t.name for t in TOPOLOGIES]), CELLS)


# ---- the state machine ----------------------------------------------------------------------

class UnrollMachine(RuleBasedStateMachine):
    """Every transition, in any order; each rule checks what that key promises."""

    state: UnrollState

    @initialize(tr=TRACES)
    def start(self, tr: Trace) -> None:
        self.state = UnrollState(tr)

    def go(self, new: UnrollState) -> UnrollState:
        old, self.state = self.state, new
        # Only these keys touch the modes; nothing else does.
        assert new.trace is old.trace and new.folded == old.folded and new.speed == old.speed
        return old

    @rule()
    def next_step(self) -> None:
        old = self.go(self.state.next_step())
        s = self.state
        if old.hidden:  # the first press reveals the whole step, the next one moves on
            assert (s.cursor, s.substep, s.hidden) == (old.cursor, -1, False)
        elif old.cursor < old.last_index:
            assert (s.cursor, s.substep, s.hidden) == (old.cursor + 1, -1, old.guessing)
        else:  # the last step: nothing moves, and playing stops there
            assert s == replace(old, playing=False)

    @rule()
    def prev_step(self) -> None:
        old = self.go(self.state.prev_step())
        assert (self.state.cursor, self.state.substep, self.state.hidden) == (max(0, old.cursor - 1), -1, False)

    @rule()
    def forward_and_back_is_exact(self) -> None:
        """Back-stepping lands on the very same Step: the same record, not a recomputation."""
        old = self.state
        there = old.reveal().next_step()
        back = there.prev_step()
        if there.cursor == old.cursor + 1:
            assert back.step is old.step and back.cursor == old.cursor
        self.go(back)

    @rule()
    def first(self) -> None:
        self.go(self.state.first())
        assert (self.state.cursor, self.state.substep, self.state.hidden) == (0, -1, False)

    @rule()
    def last(self) -> None:
        self.go(self.state.last())
        s = self.state
        assert (s.cursor, s.substep, s.hidden) == (len(s.trace) - 1, -1, False)

    @rule(index=st.integers(-3, 40))
    def jump(self, index: int) -> None:
        self.go(self.state.jump(index))
        s = self.state
        assert (s.cursor, s.substep, s.hidden) == (max(0, min(index, len(s.trace) - 1)), -1, False)

    @rule()
    def next_substep(self) -> None:
        old = self.go(self.state.next_substep())
        s = self.state
        assert not s.hidden
        if old.hidden:
            assert (s.cursor, s.substep) == (old.cursor, -1)
        elif old.complete:  # from the whole step, down starts its first sub-step
            assert (s.cursor, s.substep, s.phase) == (old.cursor, 0, first_phase(s.trace))
        elif old.substep + 1 < len(old.phases):  # the phases, in the order the cell computes them
            assert (s.cursor, s.substep) == (old.cursor, old.substep + 1)
            assert s.phase == old.phases[old.substep + 1]
        elif old.cursor < old.last_index:  # past the last sub-step: the next step's first
            assert (s.cursor, s.substep, s.phase) == (old.cursor + 1, 0, first_phase(s.trace))
        else:
            assert s == old

    @rule()
    def prev_substep(self) -> None:
        old = self.go(self.state.prev_substep())
        s = self.state
        assert not s.hidden
        if not old.complete and (old.cursor, old.substep) != (0, 0) and not old.hidden:
            assert s.next_substep() == old  # down undoes up
        if old.complete:
            assert (s.cursor, s.phase_index) == (old.cursor, len(old.phases) - 1)

    @rule()
    def reveal(self) -> None:
        old = self.go(self.state.reveal())
        assert self.state == replace(old, hidden=False)

    @rule()
    def toggle_guess(self) -> None:
        old = self.go(self.state.toggle_guess())
        assert self.state.guessing != old.guessing and not self.state.hidden

    @rule()
    def toggle_fold(self) -> None:
        old, self.state = self.state, self.state.toggle_fold()
        assert self.state == replace(old, folded=not old.folded)

    @rule()
    def toggle_play(self) -> None:
        old = self.go(self.state.toggle_play())
        s = self.state
        assert s.playing != old.playing
        if s.playing and old.cursor == old.last_index:  # playing from the end starts again
            assert (s.cursor, s.substep, s.hidden) == (0, -1, False)

    @rule(delta=st.sampled_from([1, -1]))
    def speed(self, delta: int) -> None:
        old, self.state = self.state, self.state.with_speed(delta)
        assert self.state.speed == max(0, min(len(SPEEDS) - 1, old.speed + delta))
        assert self.state == replace(old, speed=self.state.speed)

    @rule(tr=TRACES, where=st.sampled_from(["sentence 1/3", "typed 2"]))
    def with_trace(self, tr: Trace, where: str) -> None:
        """A new sentence or topology keeps the modes: fold, guess, play, speed."""
        old, self.state = self.state, self.state.with_trace(tr, where, "text")
        s = self.state
        assert (s.trace, s.cursor, s.substep, s.hidden, s.where) == (tr, 0, -1, old.guessing, where)
        assert (s.folded, s.guessing, s.playing, s.speed) == (old.folded, old.guessing, old.playing, old.speed)

    @rule(cell=CELLS)
    def with_cell(self, cell: str) -> None:
        """The cell key: the same sentence and topology through another cell, at the same step, whole."""
        old = self.state
        tr = trace(" ".join(old.trace.words), old.trace.topology.name, cell)
        self.state = s = old.with_cell(tr)
        assert s.trace.cell == cell and s.trace.words == old.trace.words
        assert (s.cursor, s.substep, s.refused) == (min(old.cursor, len(tr) - 1), -1, None)
        assert (s.folded, s.guessing, s.playing, s.speed, s.hidden) == (
            old.folded, old.guessing, old.playing, old.speed, old.hidden)

    @precondition(lambda self: self.state.playing)
    @rule()
    def play_to_the_end(self) -> None:
        """The timer presses "next step" until playing stops, at the last step."""
        s = self.state.reveal()
        for _ in range(2 * len(s.trace) + 1):
            s = s.next_step()
            if not s.playing:
                break
        assert not s.playing and s.cursor == s.last_index
        self.state = s

    # ---- invariants, after every transition -----------------------------------------------

    @invariant()
    def cursor_and_substep_in_range(self) -> None:
        s = self.state
        assert 0 <= s.cursor < len(s.trace)
        assert -1 <= s.substep < len(s.phases)
        assert 0 <= s.speed < len(SPEEDS)

    @invariant()
    def hidden_only_in_guess_mode_and_on_a_whole_step(self) -> None:
        s = self.state
        if s.hidden:
            assert s.guessing and s.complete
            assert not any(s.done(p) for p in (s.h_phase, SCORES, SOFTMAX))
            assert s.secret(s.cursor)

    @invariant()
    def a_whole_step_lights_nothing_and_a_substep_lights_one_phase(self) -> None:
        s = self.state
        lit = [p for p in ALL_PHASES if s.active(p)]
        if s.complete:
            assert lit == []
        else:
            assert lit == [s.phases[s.substep]] == [s.phase]

    @invariant()
    def what_is_shown_is_the_phases_so_far(self) -> None:
        s = self.state
        done = [p for p in ALL_PHASES if s.done(p)]
        if s.hidden:  # the Elman cell's terms before tanh may show; a gated cell's gates are results
            assert done == ([INPUT, RECURRENT, BIAS] if s.trace.cell == "elman" else [])
        else:
            assert done == list(s.phases[: s.phase_index + 1])
        assert s.phases == phases(s.step) and (SCORES in s.phases) == s.step.has_output

    @invariant()
    def guess_mode_hides_every_later_output(self) -> None:
        s = self.state
        later = range(s.cursor + 1, min(len(s.trace), s.cursor + 4))
        assert all(s.secret(i) == s.guessing for i in later)
        assert not any(s.secret(i) for i in range(max(0, s.cursor - 3), s.cursor))

    @invariant()
    def the_caption_names_this_step(self) -> None:
        s = self.state
        assert s.caption.startswith(f"t={s.step.t}")
        if s.hidden:
            assert "Guess" in s.caption


def first_phase(tr: Trace) -> str:
    return {"elman": INPUT, "gru": "reset", "lstm": "forget"}[tr.cell]


UnrollMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=60, deadline=None)
TestUnrollMachine = UnrollMachine.TestCase


# ---- what a key does, in words: hand-written examples ----------------------------------------

def test_captions_read_the_first_sentence_word_by_word() -> None:
    tr = trace()
    s = UnrollState(tr)
    for t, word in enumerate(["hi", "my", "name", "is", "barry"], 1):
        step = tr.steps[t - 1]
        label = tr.model.labels[step.predicted]
        mixes = "h₁ starts from h₀ = 0" if t == 1 else f"h{sub(t)} mixes it with h{sub(t - 1)}"
        assert s.caption == f"t={t}: reads '{word}'; {mixes}; predicts '{label}' ({step.y.max():.0%})"
        s = s.next_step()
    assert s.cursor == 4 and s.next_step() == s


def test_a_caption_for_every_substep() -> None:
    s = UnrollState(trace()).next_step().next_substep()  # t=2 reads 'my'
    col = s.step.x_index
    expected = [
        f"t=2: reads 'my': x₂ is one-hot, so W_ih x₂ is just column {col} of W_ih",
        "t=2: add W_hh h₁: the memory of every word before",
        "t=2: add the two biases b_ih + b_hh (the same at every step)",
        "t=2: tanh squashes the sum into (-1, 1): that is h₂",
        "t=2: W_out h₂ + b_out gives one score per label",
        "t=2: softmax turns the scores into probabilities",
    ]
    for line in expected:
        assert s.caption == line
        s = s.next_substep()
    assert (s.cursor, s.substep) == (2, 0)
    assert UnrollState(trace()).next_substep().next_substep().caption == \
        "t=1: add W_hh h₀: h₀ is all zeros, so this adds nothing"


def test_captions_of_unknown_words_fed_back_outputs_and_the_decoders_empty_input() -> None:
    s = UnrollState(trace("I love zebras")).last()
    assert s.caption.startswith("t=3: reads 'zebras', not in the vocabulary, so as <unk>")
    gen = UnrollState(trace("Hi", "one-to-many")).next_step()
    assert gen.step.source == FEEDBACK
    assert gen.caption.startswith(f"t=2: reads its own last output '{gen.step.input_token}'")
    dec = UnrollState(trace("I love AI", "encoder-decoder")).jump(3)
    assert dec.step.source == NOTHING
    assert dec.caption.startswith("t=4: reads nothing (x₄ = 0): the decoder starts from h₃ alone")
    one = UnrollState(trace("I love AI", "many-to-one"))
    assert one.caption.endswith("; no output here in many-to-one")
    assert "predicts" in one.last().caption


def test_guess_mode_hides_then_reveals_then_moves_on() -> None:
    s = UnrollState(trace()).toggle_guess().next_step()
    assert s.hidden and s.caption == "t=2: reads 'my'. What will h₂ be? Guess, then press space (or r) to reveal."
    revealed = s.next_step()
    assert (revealed.cursor, revealed.hidden) == (1, False) and "predicts" in revealed.caption
    assert s.reveal() == revealed
    assert revealed.next_step().hidden  # the next step starts hidden again
    assert not revealed.next_step().prev_step().hidden  # a step already seen, going back
    off = s.toggle_guess()
    assert not off.hidden and not off.next_step().hidden


def test_the_topology_line_says_in_words_what_goes_in_and_out_and_the_trained_note() -> None:
    assert topology_line(trace()) == \
        "4 Many to many (synced), seq → seq: five words in, five out, one after each; e.g. tagging, next word"
    # <eos> ends it; a generating topology says how it picks its words
    assert topology_line(trace("I love AI", "encoder-decoder")).endswith(
        ": three words in, then two out, each fed back in; e.g. translation; greedy")
    assert ": one word in, one out;" in topology_line(trace("I love AI", "one-to-one"))
    assert ": three words in, one out, after the last;" in topology_line(trace("I love AI", "many-to-one"))
    assert ": one word in, five out, each fed back in;" in topology_line(trace(topology="one-to-many"))
    long = run(default_model("many-to-one"), ["hi"] * 40, topology_by_name("many-to-one"))
    assert ": 40 words in, one out, after the last;" in topology_line(long)
    assert UnrollState(trace()).trained_note is None
    assert UnrollState(trace("I love AI", "encoder-decoder")).trained_note == \
        "weights trained for many-to-many, not encoder-decoder"


def test_guess_mode_hides_a_next_word_models_next_input_until_its_prediction_is_revealed() -> None:
    s = UnrollState(trace()).toggle_guess()  # many-to-many next word: word t+1 answers the prediction at t
    assert [s.word_secret(i) for i in range(5)] == [False, False, True, True, True]  # t=1's shown: 'my' too
    assert s.shown_words == ("hi", "my")
    hidden = s.next_step()  # t=2 reached, its prediction hidden: 'name' would give it away
    assert hidden.hidden and [hidden.word_secret(i) for i in range(5)] == [False, False, True, True, True]
    revealed = hidden.reveal()
    assert [revealed.word_secret(i) for i in range(5)] == [False, False, False, True, True]
    assert revealed.last().shown_words is None and not UnrollState(trace()).word_secret(1)
    labels = UnrollState(trace("I love AI", "many-to-one")).toggle_guess()  # its outputs are labels, not words
    assert not any(labels.word_secret(i) for i in range(3))


@pytest.mark.parametrize("topology", [t.name for t in TOPOLOGIES])
def test_down_walks_every_phase_of_every_step_in_order(topology: str) -> None:
    s = UnrollState(trace(topology=topology)).next_substep()
    walked = []
    for _ in range(100):
        walked.append((s.cursor, s.phase))
        nxt = s.next_substep()
        if nxt == s:
            break
        s = nxt
    assert walked == [(i, p) for i, step in enumerate(s.trace.steps) for p in phases(step)]
    for i, p in reversed(walked[:-1]):  # and up walks them back
        s = s.prev_substep()
        assert (s.cursor, s.phase) == (i, p)


def test_with_trace_keeps_the_modes_and_starts_at_the_first_step() -> None:
    s = UnrollState(trace()).toggle_fold().toggle_guess().with_speed(1).toggle_play().last()
    new = s.with_trace(trace("I love AI"), "sentence 2/3", "I love AI")
    assert (new.cursor, new.folded, new.guessing, new.hidden, new.playing, new.speed) == (0, True, True, True, True, 3)
    assert (new.where, new.text) == ("sentence 2/3", "I love AI")
    assert s.with_trace(trace("I love AI")).where == s.where  # a new topology: the same sentence


def test_speeds_stop_at_both_ends() -> None:
    s = UnrollState(trace())
    assert s.seconds_per_step == SPEEDS[2]
    for _ in range(10):
        s = s.with_speed(1)
    assert s.seconds_per_step == SPEEDS[-1] and s.with_speed(1) == s
    for _ in range(10):
        s = s.with_speed(-1)
    assert s.seconds_per_step == SPEEDS[0] and s.with_speed(-1) == s


# ---- honest outputs: a many-to-one model before the last word -----------------------------

@cache
def sentiment_trace(topology: str) -> Trace:
    from rnn_tui.engine.models import load_model
    return run(load_model("sentiment"), tokenize("the food was good"), topology_by_name(topology))


def test_a_many_to_one_models_earlier_outputs_read_as_had_the_sentence_stopped_here():
    """Trained with a loss at the last word only: its readout at t=1..3 never 'predicts'."""
    tr = sentiment_trace("many-to-many")
    labels = tr.model.labels
    for i, step in enumerate(tr.steps[:-1]):
        said = f"'{labels[step.predicted]}' ({step.y[step.predicted]:.0%})"
        caption = UnrollState(tr, i).caption
        assert caption == f"t={step.t}: reads '{step.typed}'; had the sentence stopped here: {said}"
        assert len(caption) <= 76  # read whole at 80 columns
        assert "predicts" not in caption
        assert UnrollState(tr, i, substep=5).caption.endswith(", had the sentence stopped here")
    last = tr.steps[-1]
    assert UnrollState(tr, len(tr) - 1).caption.endswith(
        f"predicts '{labels[last.predicted]}' ({last.y[last.predicted]:.0%})")
    assert "stopped" not in UnrollState(tr, len(tr) - 1, substep=5).caption


def test_a_next_word_models_outputs_are_predictions_at_every_step():
    tr = trace("Hi my name is Barry", "many-to-many")
    assert all("predicts" in UnrollState(tr, i).caption and "stopped" not in UnrollState(tr, i).caption
               for i in range(len(tr)))


def test_a_refusal_is_the_caption_until_the_next_key():
    tr = sentiment_trace("many-to-one")
    refused = UnrollState(tr, 2, playing=True).refuse("one-to-many feeds words back in; sentiment outputs labels")
    assert refused.caption == "⚠ one-to-many feeds words back in; sentiment outputs labels"
    assert refused.trace is tr and refused.cursor == 2 and not refused.playing
    assert refused.next_step().caption.startswith("t=4: ")
    assert refused.prev_substep().refused is None
    assert refused.with_trace(tr).refused is None
