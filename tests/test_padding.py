"""The feed-forward comparison: flattened sizes, padding's cost, parameter growth, word order."""

from itertools import pairwise

import numpy as np
import pytest

from rnn_tui.engine import LECTURE_CORPUS, Corpus, Sentence
from rnn_tui.engine.models import load_model
from rnn_tui.engine.order import OrderPair, find_pair, order_pair, order_test
from rnn_tui.engine.padding import (
    Rejection,
    dense_params,
    flatten_figures,
    flattened_sizes,
    padded_matrix,
    padding_cost,
    padding_figures,
    param_growth,
    rejections,
    rnn_params,
)


def test_flattened_sizes_with_the_boards_v_of_12():
    # 5, 3 and 4 words, each a 12-long one-hot vector
    assert flattened_sizes(LECTURE_CORPUS, 12) == [60, 36, 48]


def test_flattened_sizes_with_the_true_vocabulary_of_8():
    assert flattened_sizes(LECTURE_CORPUS, 8) == [40, 24, 32]


def test_dense_layer_sized_for_the_first_sentence_rejects_the_others():
    assert rejections(LECTURE_CORPUS, 12) == [Rejection(1, 60, 36), Rejection(2, 60, 48)]
    assert rejections(LECTURE_CORPUS, 8) == [Rejection(1, 40, 24), Rejection(2, 40, 32)]


def test_dense_layer_sized_for_the_longest_sentence():
    corpus = Corpus((Sentence("a b"), Sentence("a b c d"), Sentence("c d e f")))
    assert rejections(corpus, 5, sized_for="longest") == [Rejection(0, 20, 10)]


def test_sentences_of_one_length_are_all_accepted():
    corpus = Corpus((Sentence("a b"), Sentence("c d")))
    assert rejections(corpus, 4) == []


def test_padding_cost_of_the_lecture_corpus():
    cost = padding_cost(LECTURE_CORPUS, V=8, hidden=4)
    # N=3 sentences padded to T_max=5 words of V=8: 3 x 5 x 8 = 120 cells, one 1 per word = 12.
    assert (cost.sentences, cost.longest, cost.cells, cost.ones) == (3, 5, 120, 12)
    assert cost.zero_share == pytest.approx(0.9)
    # 15 word slots, 12 of them words, 3 padding; each slot costs V x H = 32 multiply-adds.
    assert cost.padded_rows == 3
    assert cost.macs_total == 15 * 32 == 480
    assert cost.macs_on_padding == 3 * 32 == 96
    assert cost.macs_on_words == 12 * 32 == 384
    assert cost.macs_on_padding + cost.macs_on_words == cost.macs_total
    assert cost.macs_nonzero == 12 * 4 == 48  # only the 1s do any work
    assert cost.padding_share == pytest.approx(0.2)


def test_padding_zeros_are_mostly_one_hots_own_and_the_rest_paddings():
    # the lecture's 12 words in a 9-wide vocabulary (8 words + <unk>), padded to 5 words each
    cost = padding_cost(LECTURE_CORPUS, V=9, hidden=8)
    assert (cost.cells, cost.ones, cost.word_zeros, cost.pad_zeros) == (135, 12, 12 * 8, 3 * 9)
    assert cost.ones + cost.word_zeros + cost.pad_zeros == cost.cells
    assert cost.sparsity == pytest.approx(8 / 9)       # zeros with no padding at all: 1 - 1/V
    assert cost.pad_zero_share == pytest.approx(0.2)   # what padding adds
    assert cost.macs_on_padding == 3 * 9 * 8 == 216 and cost.macs_total == 15 * 9 * 8 == 1080


def test_flatten_and_padding_take_ones_v_the_vocabulary_with_unk():
    # One-hot says V = 9 and the model the app builds for the corpus reads 9 columns: so do these
    figures = flatten_figures(LECTURE_CORPUS)
    assert (figures.V_board, figures.V_true, figures.unique) == (12, 9, 8)
    assert figures.true == (45, 27, 36)
    padding = padding_figures(LECTURE_CORPUS, hidden=8, shown=3)
    assert padding.V == 9 and padding.blocks.shape == (3, 5, 9)
    assert {rnn for _, _, rnn in padding.growth} == {rnn_params(9, 8)} == {152}


def test_padded_matrix_holds_the_ones():
    X = padded_matrix(LECTURE_CORPUS, 8)
    assert X.shape == (3, 5, 8)
    assert X.sum() == 12
    assert 1 - X.sum() / X.size == pytest.approx(padding_cost(LECTURE_CORPUS, 8, 4).zero_share)
    # "I love AI": i=5, love=6, ai=7, then two all-zero padding rows
    np.testing.assert_array_equal(X[1].argmax(axis=1)[:3], [5, 6, 7])
    np.testing.assert_array_equal(X[1, 3:], 0.0)
    # with the full vocabulary (8 words + <unk>) the matrix is 9 wide and holds the same ones
    assert padded_matrix(LECTURE_CORPUS).shape == (3, 5, 9)


def test_dense_params_grow_with_t_rnn_params_do_not():
    # dense on V x T inputs: V*T*H + H; nn.RNN: H*V + H*H + 2H
    assert dense_params(8, 5, 4) == 8 * 5 * 4 + 4 == 164
    assert dense_params(8, 10, 4) == 324
    assert rnn_params(8, 4) == 32 + 16 + 8 == 56
    growth = param_growth(8, 4, lengths=(3, 5, 10, 100))
    assert [T for T, _, _ in growth] == [3, 5, 10, 100]
    dense = [d for _, d, _ in growth]
    assert dense == [100, 164, 324, 3204]
    assert all(b > a for a, b in pairwise(dense))
    assert {r for _, _, r in growth} == {56}


def test_order_pair_on_the_lecture_corpus():
    assert order_pair(LECTURE_CORPUS) == (("my", "name", "is", "barry"), ("barry", "is", "my", "name"))


def test_order_pair_falls_back_to_the_longest_sentence_reversed():
    corpus = Corpus((Sentence("a b c"), Sentence("d e")))
    assert order_pair(corpus) == (("a", "b", "c"), ("c", "b", "a"))
    assert find_pair(corpus) == OrderPair(("a", "b", "c"), ("c", "b", "a"), 0, None)


def test_the_pair_says_which_sentences_it_comes_from_and_what_it_left_out():
    # "Hi my name is Barry" without "hi", and "Barry is my name" whole
    assert find_pair(LECTURE_CORPUS) == OrderPair(("my", "name", "is", "barry"), ("barry", "is", "my", "name"),
                                                  0, 2, ("hi",), ())


def test_flattened_and_padded_the_two_orders_differ_slot_by_slot():
    model = load_model("lecture-labels")
    result = order_test(model, ["my", "name", "is", "barry"], ["barry", "is", "my", "name"])
    assert (result.V, result.slots) == (9, 4) and result.flat_a.shape == (36,)
    assert list(np.flatnonzero(result.flat_a)) == [0 * 9 + 1, 1 * 9 + 2, 2 * 9 + 3, 3 * 9 + 4]
    assert result.flat_distance == pytest.approx(np.sqrt(8))  # every word moved: 4 ones out, 4 in
    assert result.moved[0] == ("my", 0, 2)
    short = order_test(model, ["my", "name"], ["name", "my", "is"])  # padded to the longer: 3 slots
    assert short.slots == 3 and short.flat_a[18:].sum() == 0


def test_order_test_same_bag_different_hidden_states():
    model = load_model("lecture-labels")
    a, b = order_pair(LECTURE_CORPUS)
    result = order_test(model, a, b)
    assert result.same_bag
    np.testing.assert_array_equal(result.bag, [0, 1, 1, 1, 1, 0, 0, 0, 0])  # my name is barry, once each
    assert result.h_a.shape == result.h_b.shape == (model.hidden_size,)
    assert result.distance > 0.1
    assert result.distance == pytest.approx(np.linalg.norm(result.h_a - result.h_b))


def test_order_test_same_order_is_distance_zero():
    model = load_model("lecture-labels")
    result = order_test(model, ["my", "name"], ["my", "name"])
    assert result.same_bag and result.distance == 0.0


def test_order_test_different_bags():
    model = load_model("lecture-labels")
    assert not order_test(model, ["my", "name"], ["my", "barry"]).same_bag
