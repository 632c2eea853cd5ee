"""A trace computes its steps when they are first read (issue 15): a long sentence opens on step 1
without computing its last, a step past those computed is computed there and then, and whatever
order the steps are read in, each holds the very numbers computing them all at once gives, bit
for bit."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import Model, Params, Vocabulary, run, topology_by_name
from rnn_tui.engine.cells import forward
from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.engine.records import CHUNK
from rnn_tui.engine.topologies import TOPOLOGIES
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.unroll import UnrollState

from helpers import drive

WORDS = tuple(f"w{i}" for i in range(11))


def next_word_model(cell: str, hidden: int = 8, seed: int = 2) -> Model:
    """A small next-word model (its labels are its words and <eos>), so every topology runs it."""
    vocab = Vocabulary((*WORDS, "<unk>"))
    return Model(Params.init(vocab.size, hidden, vocab.size + 1, seed=seed, cell=cell), vocab,
                 (*vocab.tokens, "<eos>"), name=f"small {cell}", trained_for="many-to-many")


MODELS = {cell: next_word_model(cell) for cell in ("elman", "gru", "lstm")}


def assert_same_step(a, b, where: str) -> None:
    """The same record and outputs, bit for bit (the records of two traces, or of a trace and `forward`)."""
    np.testing.assert_array_equal(a.h, b.h, err_msg=f"h, {where}")
    np.testing.assert_array_equal(a.h_prev, b.h_prev, err_msg=f"h_prev, {where}")
    np.testing.assert_array_equal(a.pre, b.pre, err_msg=f"pre, {where}")
    np.testing.assert_array_equal(a.wh, b.wh, err_msg=f"W_hh h, {where}")
    if getattr(a, "c", None) is not None:
        np.testing.assert_array_equal(a.c, b.c, err_msg=f"c, {where}")
    for ga, gb in zip(getattr(a, "gates", ()), getattr(b, "gates", ()), strict=True):
        np.testing.assert_array_equal(ga.value, gb.value, err_msg=f"gate {ga.name}, {where}")


@settings(max_examples=40, deadline=None)
@given(cell=st.sampled_from(sorted(MODELS)), topology=st.sampled_from([t.name for t in TOPOLOGIES]),
       words=st.integers(1, 3 * CHUNK + 9).flatmap(  # as often past a chunk or two as within the first
           lambda n: st.lists(st.sampled_from((*WORDS, "unknown")), min_size=n, max_size=n)),
       first_read=st.lists(st.integers(0, 10**6), max_size=6))
def test_a_trace_read_in_any_order_holds_the_numbers_of_one_computed_at_once(cell, topology, words, first_read):
    model, top = MODELS[cell], topology_by_name(topology)
    lazy = run(model, words, top, gen_steps=7)
    for k in first_read:  # a user jumping about first: a late step, then an early one...
        s = lazy.steps[k % len(lazy)]
        assert s.h is not None and (s.y is None) == (not s.has_output)
    at_once = run(model, words, top, gen_steps=7)
    assert at_once.hidden_states.shape == (len(at_once), 8)  # every step computed before any output is read
    # The cell run over the same inputs, every step at once: the reference, outside any trace.
    reference = forward(model.params, [s.x_index for s in at_once.steps])
    assert len(lazy) == len(at_once) == len(reference)
    for i, (a, b, r) in enumerate(zip(lazy.steps, at_once.steps, reference, strict=True)):
        assert (a.t, a.source, a.typed, a.input_token, a.x_index, a.has_output) == \
               (b.t, b.source, b.typed, b.input_token, b.x_index, b.has_output)
        assert_same_step(a, b, f"step {i + 1}")
        assert_same_step(a.cell, r, f"step {i + 1} against forward")
        if a.has_output:
            np.testing.assert_array_equal(a.logits, b.logits, err_msg=f"scores, step {i + 1}")
            np.testing.assert_array_equal(a.y, b.y, err_msg=f"y, step {i + 1}")
            assert (a.predicted, a.confidence, a.chosen) == (b.predicted, b.confidence, b.chosen)
    assert lazy.outputs == at_once.outputs


def test_a_step_past_those_computed_is_computed_there_with_every_step_before_it_and_no_further():
    model = MODELS["lstm"]
    words = [WORDS[i % 7] for i in range(5 * CHUNK + 3)]
    trace = run(model, words, topology_by_name("many-to-many"))
    assert len(trace) == 5 * CHUNK + 3 and trace.computed == 0  # its length is known before any step is
    reference = forward(model.params, [model.vocab.index(w) for w in words])
    late = trace.steps[2 * CHUNK + 5]
    assert_same_step(late.cell, reference[2 * CHUNK + 5], "the first step read")
    assert trace.computed == 3 * CHUNK  # up to the end of its chunk
    assert_same_step(trace.steps[3].cell, reference[3], "an earlier one")
    assert trace.computed == 3 * CHUNK  # kept, not computed again
    assert trace.steps[-1].predicted == int(np.argmax(trace.steps[-1].y))
    assert trace.computed == len(trace)
    for s, r in zip(trace.steps, reference, strict=True):
        assert_same_step(s.cell, r, f"step {s.t}")


def long_session(topology: str, n: int = 1_000) -> Session:
    words = " ".join(WORDS[(i * 7) % len(WORDS)] for i in range(n))
    corpus = Corpus((Sentence(words),), source="test")
    return Session(corpus=corpus, weights=MODELS["gru"], topology=topology_by_name(topology))


def test_opening_a_long_sentence_computes_only_its_first_steps():
    for topology in ("many-to-many", "many-to-one", "one-to-one"):
        session = long_session(topology)
        trace = session.trace()
        state = UnrollState(trace, where="sentence 1/1", text=session.text)
        shown = (state.caption, state.topology_line, state.step.h, state.last_index, state.shown_words)
        assert shown[3] == len(trace) - 1 == (999 if topology != "one-to-one" else 0)
        assert trace.computed <= CHUNK, topology
        assert "t=1: reads 'w0'" in state.caption
    # The last step of a many-to-one trace is its output: reading it computes the rest, exactly.
    session = long_session("many-to-one")
    trace = session.trace()
    last = UnrollState(trace).last()
    assert "predicts" in last.caption and trace.computed == 1_000
    assert last.trace.output == trace.model.labels[int(np.argmax(trace.readout_every_step()[-1]))]


def test_the_app_opens_a_long_sentence_on_its_first_steps_and_end_computes_the_rest():
    session = long_session("many-to-many")

    async def script(pilot, app):
        trace = app.session.trace()
        assert trace.computed == CHUNK  # every pane of the first screen drawn from the first chunk
        status = app.screen.query_one("#status").render().plain
        assert "t=1/1000" in status
        await pilot.press("end")
        assert trace.computed == 1_000 and "t=1000/1000" in app.screen.query_one("#status").render().plain
        await pilot.press("3")  # many-to-one: a new trace, its first steps again
        assert app.session.trace() is not trace and app.session.trace().computed <= CHUNK
        await app.switch_mode("topologies")  # its table of steps: as many columns as fit
        await pilot.pause()
        assert app.session.topology.name == "many-to-one" and app.session.trace().computed <= CHUNK
        assert "w0" in app.screen.query_one("#chain").render().plain
    drive("unroll", script, session)
