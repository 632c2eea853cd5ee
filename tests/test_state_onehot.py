"""The lesson scenes' states, driven directly (no screen): Hypothesis walks them with the
stepping keys and checks what every step must hold."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from rnn_tui.engine.corpus import LECTURE_CORPUS, Corpus, Sentence
from rnn_tui.engine.models import default_model
from rnn_tui.engine.text import Vocabulary
from rnn_tui.ui.state import flatten, onehot, order, padding, sequences

WORDS = st.sampled_from(["a", "b", "cat", "dog", "sat", "the", "x1"])
CORPORA = st.lists(st.lists(WORDS, min_size=1, max_size=7).map(" ".join), min_size=1, max_size=6).map(
    lambda texts: Corpus(tuple(Sentence(t, i % 2) for i, t in enumerate(texts)), "drawn.txt"))
DELTAS = st.lists(st.sampled_from([1, 1, 1, -1, 3, -1_000_000, 1_000_000]), max_size=40)


def states(corpus: Corpus):
    model = default_model("many-to-one", corpus)
    return [sequences.make_state(corpus, None), onehot.make_state(corpus, None), flatten.make_state(corpus, None),
            padding.make_state(corpus, model.hidden_size, None), order.make_state(corpus, model, None)]


@settings(max_examples=60, deadline=None)
@given(CORPORA, DELTAS)
def test_stepping_stays_in_range_and_every_step_has_a_caption(corpus, deltas):
    for state in states(corpus):
        for delta in deltas:
            moved = state.advance(delta)
            assert 0 <= moved.step <= moved.last_step
            assert (moved.step != state.step) == state.can_advance(delta)  # greyed-out keys do nothing
            assert moved.step == max(0, min(state.last_step, state.step + delta))
            assert moved.caption.strip()
            state = moved


@settings(max_examples=100, deadline=None)
@given(CORPORA, DELTAS)
def test_onehot_counts_what_has_been_read(corpus, deltas):
    words = [w for s in corpus.sentences for w in s.words]
    state = onehot.make_state(corpus, None)
    assert state.last_step == len(words) == corpus.token_count
    for delta in deltas:
        state = state.advance(delta)
        read = words[: state.step]
        assert state.seen == len(set(read))
        assert list(state.vocab.words[: state.seen]) == list(dict.fromkeys(read))  # first-seen order
        if state.step:
            assert state.word == read[-1] and state.index == corpus.vocab.index(read[-1])
            assert state.is_new == (read[-1] not in read[:-1])
        assert state.done == (state.step == len(words))


def test_make_state_keeps_the_place_in_the_same_corpus_and_starts_a_new_one_afresh():
    state = onehot.make_state(LECTURE_CORPUS, None).advance(5)
    assert onehot.make_state(LECTURE_CORPUS, state) is state
    other = Corpus((Sentence("the cat sat"),), "other.txt")
    assert onehot.make_state(other, state).step == 0


def test_the_lecture_corpus_figures():
    state = flatten.make_state(LECTURE_CORPUS, None)
    assert (state.sizes.board, state.sizes.true) == ((60, 36, 48), (45, 27, 36))  # the true V = 9, with <unk>
    assert [state.advance(k).shown for k in range(5)] == [[], [0], [1], [2], [0, 1, 2]]
    o = order.make_state(LECTURE_CORPUS, default_model("many-to-one"), None)
    assert o.test.same_bag and o.test.bag_distance == 0 and o.test.distance > 0.1
    assert [o.advance(k).shows_bags for k in range(5)] == [False, True, True, False, False]
    assert [o.advance(k).shows_flat for k in range(5)] == [False, False, True, False, False]
    assert [o.advance(k).shows_states for k in range(5)] == [False, False, False, True, True]
    assert o.source == "sentences 1 and 3 of the corpus, 1 without 'hi'"


def test_with_a_loaded_models_vocabulary_each_word_is_looked_up_not_added():
    given = Vocabulary(tuple(f"w{i}" for i in range(2000)) + ("my", "name", "is", "<unk>"))
    state = onehot.make_state(LECTURE_CORPUS, None, given)
    assert not state.built and state.vocab is given
    assert "brings its own vocabulary of 2,004" in state.caption
    hi = state.advance(1)
    assert (hi.word, hi.index) == ("hi", 2003)
    assert hi.caption == "'hi' is not among the model's 2,004 words: it reads as <unk>, column 2,003."
    name = state.advance(3)
    assert (name.word, name.index) == ("name", 2001)
    assert name.caption == "'name' is word 2,002 of the model's 2,004: a 1 in column 2,001 (columns count from 0)."
    done = state.advance(1_000)
    assert done.unknown == 5  # hi, barry, i, love, ai
    assert "8 unique words, 5 of them unknown to the model (read as <unk>); its V = 2,004" in done.caption
    assert onehot.make_state(LECTURE_CORPUS, name, given) is name  # the place is kept
    assert onehot.make_state(LECTURE_CORPUS, name).built  # without the model: the corpus's own


def test_with_a_loaded_model_flatten_and_padding_say_its_v_as_one_hot_does():
    from rnn_tui.engine.models import load_model

    model = load_model("sentiment")
    vocab = model.vocab
    assert onehot.make_state(LECTURE_CORPUS, None, vocab).vocab.size == vocab.size == 1054
    f = flatten.make_state(LECTURE_CORPUS, None, vocab)
    assert f.sizes.given and f.sizes.V_true == 1054 and f.sizes.true == (5 * 1054, 3 * 1054, 4 * 1054)
    assert "The model's V = 1,054 changes the sizes" in f.advance(10).caption
    p = padding.make_state(LECTURE_CORPUS, model.hidden_size, None, vocab)
    assert p.figures.V == 1054 and p.figures.blocks.shape == (3, 5, 1054)
    assert p.figures.blocks[1, 2, vocab.index("ai")] == 1  # "ai" is not the model's: read as <unk>
    assert vocab.index("ai") == vocab.index("<unk>")
    params = model.params  # the RNN's count is the loaded model's recurrent layer
    assert p.figures.growth[0][2] == params.W_ih.size + params.W_hh.size + params.b_ih.size + params.b_hh.size
    assert flatten.make_state(LECTURE_CORPUS, f, vocab) is f and flatten.make_state(LECTURE_CORPUS, f) is not f
