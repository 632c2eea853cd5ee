"""Training a batch at a time gives the numbers of the textbook one sentence at a time: every
cell's batched loss and gradients (also in the optimiser's compact form, W_ih's gradient in the
columns of the words read) against `loss_and_grads` summed; the optimiser's column update against
its update of the whole array; batched evaluation against scoring each sentence; and a Trainer's
epoch against the same epoch worked out sentence by sentence with a dense update."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import LECTURE_CORPUS, Params
from rnn_tui.engine.train import (
    Config,
    Example,
    Optimizer,
    Trainer,
    batch_loss,
    evaluate,
    loss_and_grads,
    make_task,
    score,
)

CELLS = ("elman", "gru", "lstm")
FIELDS = ["W_ih", "W_hh", "b_ih", "b_hh", "W_out", "b_out"]
V = 6

sentences = st.lists(st.lists(st.one_of(st.none(), st.integers(0, V - 1)), min_size=1, max_size=6),
                     min_size=1, max_size=5)


def examples_of(xs: list[list[int | None]], seed: int, every_step: bool) -> list[Example]:
    rng = np.random.default_rng(seed)
    return [Example(tuple(x), tuple(int(rng.integers(3)) if every_step or t == len(x) - 1 else None
                                    for t in range(len(x)))) for x in xs]


def scaled(cell: str, seed: int) -> Params:
    """Larger than PyTorch's init, so every gate is well away from linear."""
    p = Params.init(V, 3, 3, seed=seed, cell=cell)
    return Params(*(a * 2.0 for a in p.arrays()))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(CELLS), st.integers(0, 1000), st.booleans(), sentences)
def test_a_batch_gives_its_sentences_summed_also_in_the_compact_form(cell, seed, every_step, xs):
    p, examples = scaled(cell, seed), examples_of(xs, seed, every_step)
    alone = [loss_and_grads(p, ex) for ex in examples]
    dense, compact = batch_loss(p, examples), batch_loss(p, examples, compact=True)
    assert dense.loss == pytest.approx(sum(r.loss for r in alone), rel=1e-12)
    assert dense.correct == sum(r.correct for r in alone) and dense.counted == sum(r.counted for r in alone)
    assert dense.grads is not None and compact.grads is not None and compact.columns is not None
    for name in FIELDS:
        np.testing.assert_allclose(dense.grads[name], sum(getattr(r.grads, name) for r in alone),
                                   rtol=1e-10, atol=1e-12, err_msg=name)
    read = sorted({i for ex in examples for i in ex.x if i is not None})
    assert compact.columns.tolist() == read   # the words read, each once, in order
    np.testing.assert_array_equal(compact.grads["W_ih"], dense.grads["W_ih"][:, read])
    unread = np.setdiff1d(np.arange(V), read)
    np.testing.assert_array_equal(dense.grads["W_ih"][:, unread], 0.0)


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
@pytest.mark.parametrize("clip", [5.0, 0.01])   # 0.01: every step is clipped
def test_the_optimiser_updates_a_column_gradient_as_it_does_the_whole_array(optimizer, clip):
    """Three steps, each with W_ih's gradient given in a few columns, against the same gradient
    given as the whole array with zeros elsewhere: the same weights, bit for bit but for the
    order in which the norm is summed."""
    rng = np.random.default_rng(0)
    weights = {"W_ih": rng.normal(size=(4, 7)), "W_hh": rng.normal(size=(4, 4))}
    config = Config(optimizer=optimizer, lr=0.1, clip=clip)
    by_columns, whole = Optimizer(config, weights), Optimizer(config, weights)
    for columns in ([0, 3], [3, 5, 6], [1]):
        g_cols, g_hh = rng.normal(size=(4, len(columns))), rng.normal(size=(4, 4))
        g_dense = np.zeros((4, 7))
        g_dense[:, columns] = g_cols
        n1 = by_columns.step({"W_ih": g_cols, "W_hh": g_hh}, {"W_ih": np.array(columns)})
        n2 = whole.step({"W_ih": g_dense, "W_hh": g_hh})
        assert n1 == pytest.approx(n2, rel=1e-15)
    for k in weights:
        np.testing.assert_allclose(by_columns.weights[k], whole.weights[k], rtol=1e-14, atol=1e-15)
    np.testing.assert_array_equal(by_columns.weights["W_ih"][:, 2], weights["W_ih"][:, 2])  # never read


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(CELLS), st.integers(0, 1000), st.booleans(), sentences)
def test_evaluation_is_the_mean_of_each_sentences_score(cell, seed, every_step, xs):
    p, examples = scaled(cell, seed), examples_of(xs, seed, every_step)
    scored = [score(p, ex) for ex in examples]
    loss, accuracy = evaluate(p, examples)
    assert loss == pytest.approx(np.mean([s.loss for s in scored]), rel=1e-12)
    assert accuracy == sum(s.correct for s in scored) / sum(len(s.at) for s in scored)


@pytest.mark.parametrize("cell", CELLS)
def test_an_epoch_is_the_textbook_epoch(cell):
    """The Trainer's first epoch on the lecture's sentences (batches of 2, Adam, clipping on)
    against the same epoch worked out one sentence at a time with a whole-array update."""
    task = make_task("next-word", LECTURE_CORPUS)
    config = Config(hidden=4, epochs=1, lr=0.05, clip=0.5, batch_size=2, cell=cell)
    examples = task.examples(LECTURE_CORPUS)
    trainer = Trainer(task, examples, (), config)
    start = trainer.params
    trainer.epoch()
    opt = Optimizer(config, dict(zip(start.names(), start.arrays(), strict=True)))
    order = np.random.default_rng(config.seed).permutation(len(examples))
    for s in range(0, len(order), config.batch_size):
        batch = [examples[i] for i in order[s:s + config.batch_size]]
        p = Params(**opt.weights)
        grads = [loss_and_grads(p, ex).grads for ex in batch]
        opt.step({k: sum(getattr(g, k) for g in grads) / len(batch) for k in p.names()})
    for k, a in zip(start.names(), trainer.params.arrays(), strict=True):
        np.testing.assert_allclose(a, opt.weights[k], rtol=1e-12, atol=1e-13, err_msg=k)
    assert not np.allclose(trainer.params.W_hh, start.W_hh)
