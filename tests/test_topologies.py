"""The five topologies as schedules over one cell, on the shipped lecture next-word model."""

from dataclasses import replace
from itertools import pairwise

import numpy as np
import pytest

from rnn_tui.engine import TOPOLOGIES, InputError, Model, Params, Vocabulary, run, topology_by_name
from rnn_tui.engine.models import load_model
from rnn_tui.engine.topologies import FEEDBACK, NOTHING, WORD, refusal

SENTENCE = "hi my name is barry".split()
NAMES = ["one-to-one", "one-to-many", "many-to-one", "many-to-many", "encoder-decoder"]


@pytest.fixture(scope="module")
def model():
    return load_model("lecture-next-word")


def trace_of(model, topology, words=SENTENCE, gen_steps=5):
    return run(model, words, topology_by_name(topology), gen_steps=gen_steps)


def test_five_topologies_in_lecture_order():
    assert [t.name for t in TOPOLOGIES] == NAMES
    assert [t.key for t in TOPOLOGIES] == ["1", "2", "3", "4", "5"]
    assert topology_by_name("3").name == "many-to-one"


def test_shipped_model_continues_hi_with_my(model):
    trace = trace_of(model, "one-to-one", ["hi"])
    assert trace.output == "my"
    assert trace.steps[0].y[model.labels.index("my")] > 0.9


def test_one_to_one(model):
    trace = trace_of(model, "one-to-one")
    assert len(trace) == 1
    (step,) = trace.steps
    assert (step.source, step.input_token, step.has_output) == (WORD, "hi", True)
    assert trace.output == "my"


def test_one_to_many_feeds_each_output_back_and_stops_after_eos(model):
    trace = trace_of(model, "one-to-many", gen_steps=8)
    # "hi" -> my -> name -> is -> barry -> <eos>: the sixth step would read <eos>, so there is none.
    assert len(trace) == 5
    assert [s.source for s in trace.steps] == [WORD] + [FEEDBACK] * 4
    assert all(s.has_output for s in trace.steps)
    assert [s.input_token for s in trace.steps] == ["hi", "my", "name", "is", "barry"]
    for prev, step in pairwise(trace.steps):
        assert step.input_token == model.labels[prev.predicted]
        assert step.x_index == model.vocab.index(step.input_token)
        np.testing.assert_array_equal(step.h_prev, prev.h)
    assert trace.output == ["my", "name", "is", "barry", "<eos>"]


def test_one_to_many_stops_at_gen_steps(model):
    trace = trace_of(model, "one-to-many", gen_steps=2)
    assert [s.input_token for s in trace.steps] == ["hi", "my"]
    assert trace.output == ["my", "name"]


def test_many_to_one_outputs_only_at_the_last_step(model):
    trace = trace_of(model, "many-to-one")
    assert len(trace) == 5
    assert [s.has_output for s in trace.steps] == [False, False, False, False, True]
    assert [s.input_token for s in trace.steps] == SENTENCE
    assert all(s.source == WORD for s in trace.steps)
    assert trace.output == "<eos>"  # after "barry" the lecture sentence is over


def test_many_to_many_outputs_at_every_step(model):
    trace = trace_of(model, "many-to-many")
    assert len(trace) == 5
    assert all(s.has_output and s.source == WORD for s in trace.steps)
    assert [s.input_token for s in trace.steps] == SENTENCE
    assert [s.x_index for s in trace.steps] == [0, 1, 2, 3, 4]
    assert trace.output == ["my", "name", "is", "barry", "<eos>"]


def test_encoder_decoder_reads_then_writes(model):
    trace = trace_of(model, "encoder-decoder", gen_steps=5)
    reading, decoding = trace.steps[:5], trace.steps[5:]
    assert [s.input_token for s in reading] == SENTENCE
    assert not any(s.has_output for s in reading)
    assert all(s.has_output for s in decoding)
    first = decoding[0]
    assert (first.t, first.source, first.input_token, first.x_index) == (6, NOTHING, None, None)
    np.testing.assert_array_equal(first.wx, np.zeros(model.hidden_size))
    assert all(s.source == FEEDBACK for s in decoding[1:])
    for prev, step in pairwise(decoding):
        assert step.input_token == model.labels[prev.predicted]
    # This model learnt next words, not translation: it writes "ai" then ends the sentence.
    assert len(trace) == 7
    assert trace.output == ["ai", "<eos>"]


def test_encoder_decoder_with_one_generation_step(model):
    trace = trace_of(model, "encoder-decoder", gen_steps=1)
    assert len(trace) == 6
    assert [s.has_output for s in trace.steps] == [False] * 5 + [True]
    assert trace.steps[-1].source == NOTHING


@pytest.mark.parametrize("name", NAMES)
def test_unknown_word_shows_as_unk(model, name):
    trace = trace_of(model, name, ["zebra", "name", "is", "barry"])
    first = trace.steps[0]
    assert (first.typed, first.input_token, first.x_index) == ("zebra", "<unk>", model.vocab.index("<unk>"))
    assert trace.tokens == ("<unk>", "name", "is", "barry")
    assert trace.words == ("zebra", "name", "is", "barry")


@pytest.mark.parametrize("name", NAMES)
def test_steps_are_numbered_from_one(model, name):
    trace = trace_of(model, name)
    assert [s.t for s in trace.steps] == list(range(1, len(trace) + 1))


def test_unknown_topology_lists_the_names():
    with pytest.raises(InputError) as info:
        topology_by_name("sideways")
    message = str(info.value)
    assert "'sideways'" in message
    for name in NAMES:
        assert name in message


def test_a_sentence_without_words_is_an_input_error(model):
    with pytest.raises(InputError, match="no words"):
        trace_of(model, "many-to-many", [])


# ---- sampling: greedy by default, seeded when it samples ---------------------------------------

def test_generation_is_greedy_by_default_and_seeded_when_sampling():
    from rnn_tui.engine.trace import Sampling

    model = load_model("lecture-next-word")
    one_to_many = topology_by_name("one-to-many")
    greedy = run(model, ["hi"], one_to_many, gen_steps=8)
    assert greedy.outputs == ["my", "name", "is", "barry", "<eos>"]
    assert all(s.chosen == s.predicted for s in greedy.steps)
    hot = [run(model, ["hi"], one_to_many, gen_steps=8, sampling=Sampling(5.0, seed)).outputs for seed in range(12)]
    assert hot[0] == run(model, ["hi"], one_to_many, gen_steps=8, sampling=Sampling(5.0, 0)).outputs  # same seed
    assert len({tuple(o) for o in hot}) > 3  # a high temperature takes chances: many different sentences
    cold = run(model, ["hi"], one_to_many, gen_steps=8, sampling=Sampling(0.01, 3))
    assert cold.outputs == greedy.outputs  # a temperature near zero is greedy
    # The word written is the one fed back next.
    for before, after in pairwise(run(model, ["hi"], one_to_many, gen_steps=8, sampling=Sampling(5.0, 7)).steps):
        if before.chosen is not None and after.typed is not None:
            assert after.typed == model.labels[before.chosen]


def test_a_topology_that_reads_every_output_is_never_sampled():
    from rnn_tui.engine.trace import Sampling

    model = load_model("lecture-next-word")
    trace = run(model, ["hi", "my", "name"], topology_by_name("many-to-many"), sampling=Sampling(50.0, 1))
    assert all(s.chosen == s.predicted for s in trace.steps)


@pytest.mark.parametrize("temperature", [0.0, -1.0, float("inf"), float("nan")])
def test_a_temperature_must_be_positive(temperature):
    from rnn_tui.engine import InputError
    from rnn_tui.engine.trace import Sampling

    with pytest.raises(InputError, match="temperature"):
        Sampling(temperature)


# ---- which models can run which topologies --------------------------------------------------

def test_a_classifier_is_refused_for_the_topologies_that_write_words():
    sentiment = load_model("sentiment")
    assert refusal(sentiment, topology_by_name("one-to-many")) == (
        "one-to-many feeds words back in; sentiment outputs labels (negative, positive)")
    assert refusal(sentiment, topology_by_name("encoder-decoder")) == (
        "encoder-decoder writes words; sentiment outputs labels (negative, positive)")
    for name in ("one-to-one", "many-to-one", "many-to-many"):
        assert refusal(sentiment, topology_by_name(name)) is None
    with pytest.raises(InputError, match="one-to-many feeds words back in"):
        run(sentiment, ["good"], topology_by_name("one-to-many"))


def test_a_next_word_model_runs_every_topology(model):
    assert all(refusal(model, top) is None for top in TOPOLOGIES)


def test_labels_that_happen_to_be_words_do_not_make_a_classifier_a_writer():
    vocab = Vocabulary(("good", "bad", "<unk>"))
    words_out = Model(Params.init(3, 2, 3, seed=0), vocab, ("good", "bad", "<eos>"))
    assert refusal(words_out, topology_by_name("one-to-many")) is None
    classifier = replace(words_out, labels=("good", "bad", "<unk>"), trained_for="many-to-one", name="mine")
    assert refusal(classifier, topology_by_name("one-to-many")) == (
        "one-to-many feeds words back in; mine outputs labels (good, bad, <unk>)")
    many = Model(Params.init(3, 2, 5, seed=0), vocab, ("a", "b", "c", "d", "e"), name="five")
    assert refusal(many, topology_by_name("encoder-decoder")) == (
        "encoder-decoder writes words; five outputs labels (a, b, c, …)")
