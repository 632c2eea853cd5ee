"""Backpropagation through time and the trainer: exact gradients, falling loss, honest failure."""

import dataclasses
import math
import warnings
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import (
    LECTURE_CORPUS,
    Corpus,
    InputError,
    Model,
    Params,
    Sentence,
    Vocabulary,
    run,
    topology_by_name,
)
from rnn_tui.engine.corpus import BINARY_LABELS
from rnn_tui.engine.train import (
    Config,
    EpochInterrupted,
    Example,
    Trainer,
    TrainingDiverged,
    evaluate,
    loss_and_grads,
    make_task,
    train,
)

FIELDS = ["W_ih", "W_hh", "b_ih", "b_hh", "W_out", "b_out"]


def random_params(V, H, O, seed, scale=1.5):
    """Bigger than PyTorch's init, so tanh is well away from linear and every term matters."""
    p = Params.init(V, H, O, seed=seed)
    return Params(*(a * scale * np.sqrt(H) for a in p.arrays()))


def numeric_grads(p: Params, ex: Example, eps: float = 1e-5) -> dict[str, np.ndarray]:
    out = {}
    for name in FIELDS:
        base = getattr(p, name)
        g = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            plus, minus = base.copy(), base.copy()
            plus[idx] += eps
            minus[idx] -= eps
            lp = loss_and_grads(dataclasses.replace(p, **{name: plus}), ex).loss
            lm = loss_and_grads(dataclasses.replace(p, **{name: minus}), ex).loss
            g[idx] = (lp - lm) / (2 * eps)
        out[name] = g
    return out


def assert_gradients_match(p: Params, ex: Example):
    analytic = loss_and_grads(p, ex).grads
    numeric = numeric_grads(p, ex)
    for name in FIELDS:
        a, n = getattr(analytic, name), numeric[name]
        assert a.shape == n.shape == getattr(p, name).shape
        denom = np.linalg.norm(a) + np.linalg.norm(n)
        rel = np.linalg.norm(a - n) / denom if denom > 0 else 0.0
        assert rel < 1e-6, f"{name}: relative error {rel:.2e}"
    return analytic


# --- gradients against central finite differences, every parameter array -----------------------

def test_gradients_many_to_one():
    p = random_params(V=5, H=4, O=3, seed=1)
    ex = Example(x=(0, 3, 1, 4), targets=(None, None, None, 2))
    grads = assert_gradients_match(p, ex)
    # Column 2 of W_ih never fires in this sentence: its gradient is exactly zero.
    np.testing.assert_array_equal(grads.W_ih[:, 2], 0.0)
    assert np.linalg.norm(grads.W_hh) > 1e-3


def test_gradients_next_word_loss_at_every_step():
    p = random_params(V=6, H=3, O=7, seed=2)
    ex = Example(x=(0, 1, 2, 3, 1), targets=(1, 2, 3, 1, 6))
    assert_gradients_match(p, ex)


def test_gradients_with_a_none_input():
    p = random_params(V=4, H=3, O=4, seed=3)
    ex = Example(x=(2, None, 0, None), targets=(0, 1, None, 3))
    grads = assert_gradients_match(p, ex)
    np.testing.assert_array_equal(grads.W_ih[:, [1, 3]], 0.0)  # unread columns


def test_gradients_single_step():
    p = random_params(V=3, H=2, O=2, seed=4)
    assert_gradients_match(p, Example(x=(1,), targets=(0,)))


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(-1, 3), min_size=1, max_size=5), st.booleans())
def test_gradients_random_examples(seed, xs, every_step):
    x = tuple(None if i < 0 else i for i in xs)
    rng = np.random.default_rng(seed)
    targets = tuple(int(rng.integers(3)) if every_step or t == len(x) - 1 else None for t in range(len(x)))
    assert_gradients_match(random_params(V=4, H=3, O=3, seed=seed, scale=1.0), Example(x, targets))


# --- the loss is the trace's loss, and dh_norms is per step ------------------------------------

def tiny_model() -> Model:
    """The model of test_rnn_trace.test_two_steps_by_hand."""
    params = Params(
        W_ih=np.array([[0.5, -0.3, 0.1], [0.2, 0.4, -0.6]]),
        W_hh=np.array([[0.1, -0.2], [0.3, 0.05]]),
        b_ih=np.array([0.01, -0.02]), b_hh=np.array([0.03, 0.04]),
        W_out=np.array([[1.0, -1.0], [0.5, 2.0]]), b_out=np.array([0.1, -0.1]),
    )
    return Model(params, Vocabulary(("a", "b", "<unk>")), ("neg", "pos"))


def test_loss_and_dh_norms_by_hand():
    model = tiny_model()
    result = loss_and_grads(model.params, Example(x=(0, 1), targets=(None, 1)))
    # y_2 = [0.1839895488, 0.8160104512] (see test_rnn_trace); loss = -log 0.8160104512
    assert result.loss == pytest.approx(0.2033281163, abs=1e-9)
    y = run(model, ["a", "b"], topology_by_name("many-to-one")).steps[-1].y
    assert result.loss == pytest.approx(-math.log(y[1]), rel=1e-12)
    assert (result.correct, result.counted) == (1, 1)
    # dL/dh_2 = W_out^T (y - e_pos) = [[1, 0.5], [-1, 2]] @ [0.1839895, -0.1839895]
    #         = [0.0919948, -0.5519686]; norm 0.5595824
    # dL/dh_1 = W_hh^T (dL/dh_2 * (1 - h_2^2)) = W_hh^T [0.0863057, -0.4017180]
    #         = [-0.1118848, -0.0373470]; norm 0.1179535
    assert result.dh_norms.shape == (2,)
    np.testing.assert_allclose(result.dh_norms, [0.1179534608, 0.5595823667], atol=1e-9)


def test_dh_norms_one_per_time_step():
    p = random_params(V=5, H=4, O=3, seed=5)
    for T in (1, 3, 7):
        ex = Example(x=tuple(i % 5 for i in range(T)), targets=(None,) * (T - 1) + (1,))
        norms = loss_and_grads(p, ex).dh_norms
        assert norms.shape == (T,)
        assert np.all(norms > 0)


def test_loss_is_the_mean_over_steps_with_targets():
    p = random_params(V=4, H=3, O=4, seed=6)
    ex = Example(x=(0, 1, 2), targets=(1, None, 3))
    y = run(Model(p, Vocabulary(("a", "b", "c", "<unk>")), ("a", "b", "c", "<eos>")),
            ["a", "b", "c"], topology_by_name("many-to-many")).steps
    expected = -(math.log(y[0].y[1]) + math.log(y[2].y[3])) / 2
    result = loss_and_grads(p, ex)
    assert result.loss == pytest.approx(expected, rel=1e-12)
    assert result.counted == 2


# --- tasks --------------------------------------------------------------------------------

def test_next_word_task_targets_are_the_following_words_then_eos():
    task = make_task("next-word", LECTURE_CORPUS)
    assert task.topology == "many-to-many"
    assert task.labels == LECTURE_CORPUS.vocab.tokens + ("<eos>",)
    ex = task.examples(LECTURE_CORPUS)[0]
    assert ex.x == (0, 1, 2, 3, 4)  # hi my name is barry
    assert [task.labels[t] for t in ex.targets] == ["my", "name", "is", "barry", "<eos>"]


def test_sentiment_task_targets_only_the_last_step():
    task = make_task("sentiment", LECTURE_CORPUS)
    assert task.topology == "many-to-one"
    assert task.labels == BINARY_LABELS
    examples = task.examples(LECTURE_CORPUS)
    assert [ex.targets for ex in examples] == [(None,) * 4 + (0,), (None, None, 1), (None,) * 3 + (0,)]


def test_sentiment_task_with_more_than_two_labels_names_them_by_number():
    corpus = Corpus((Sentence("a b", 0), Sentence("c", 2)))
    assert make_task("sentiment", corpus).labels == ("0", "1", "2")


def test_sentiment_task_needs_labels():
    corpus = Corpus((Sentence("no label here"),), source="mine.txt")
    with pytest.raises(InputError, match="mine.txt: the sentiment task needs a label"):
        make_task("sentiment", corpus)


@pytest.mark.parametrize("task", ["sentiment", "next-word"])
def test_task_on_an_empty_corpus_is_an_input_error(task):
    with pytest.raises(InputError, match="no sentences"):
        make_task(task, Corpus((), source="empty.csv"))


def test_unknown_task():
    with pytest.raises(InputError, match="unknown task 'poetry'"):
        make_task("poetry", LECTURE_CORPUS)


def test_trainer_needs_examples():
    with pytest.raises(InputError, match="nothing to train on"):
        Trainer(make_task("next-word", LECTURE_CORPUS), [])


# --- training ---------------------------------------------------------------------------------

def lecture_trainer(task="next-word", **config):
    t = make_task(task, LECTURE_CORPUS)
    return train(t, LECTURE_CORPUS, Config(**{"hidden": 8, "epochs": 20, "lr": 0.02, **config}))


def test_loss_falls_on_the_lecture_corpus():
    losses = [s.loss for s in lecture_trainer(epochs=20).history]
    assert len(losses) == 20
    assert losses[-1] < 0.6 * losses[0]
    assert all(b < a for a, b in pairwise(losses))  # full-batch Adam at this rate: every epoch


def test_sentiment_learns_the_lecture_labels():
    trainer = lecture_trainer("sentiment", epochs=20, lr=0.05)
    last = trainer.history[-1]
    assert last.accuracy == 1.0
    assert last.loss < 0.01
    model = trainer.model()
    assert model.trained_for == "many-to-one"
    trace = run(model, "i love ai".split(), topology_by_name("many-to-one"))
    assert trace.output == "positive"


@pytest.mark.parametrize("optimizer, lr", [("adam", 0.02), ("sgd", 0.1)])
def test_both_optimizers_reduce_the_loss(optimizer, lr):
    history = lecture_trainer(optimizer=optimizer, lr=lr, epochs=15).history
    assert history[-1].loss < history[0].loss - 0.3


def test_same_seed_same_history():
    a, b = lecture_trainer(seed=7, epochs=5), lecture_trainer(seed=7, epochs=5)
    assert [s.loss for s in a.history] == [s.loss for s in b.history]
    assert [s.grad_norm for s in a.history] == [s.grad_norm for s in b.history]
    for x, y in zip(a.params.arrays(), b.params.arrays(), strict=True):
        np.testing.assert_array_equal(x, y)
    c = lecture_trainer(seed=8, epochs=5)
    assert [s.loss for s in a.history] != [s.loss for s in c.history]


def test_stop_ends_an_epoch_between_batches_and_records_nothing():
    """What lets a quit end training at once: `stop` is asked before every batch (the lecture's
    three sentences, one a batch: three asks and one before the evaluation)."""
    task = make_task("next-word", LECTURE_CORPUS)
    trainer = Trainer(task, task.examples(LECTURE_CORPUS), config=Config(hidden=8, batch_size=1))
    before = [a.copy() for a in trainer.params.arrays()]
    asked = []

    def stop_after_two() -> bool:
        asked.append(len(asked))
        return len(asked) > 2

    with pytest.raises(EpochInterrupted):
        trainer.epoch(stop=stop_after_two)
    assert len(asked) == 3 and trainer.history == []  # two batches ran; the third was never taken
    assert any(not np.array_equal(a, b) for a, b in zip(before, trainer.params.arrays(), strict=True))
    trainer.epoch(stop=lambda: False)
    assert [s.epoch for s in trainer.history] == [1]


def test_epoch_stats():
    trainer = lecture_trainer(epochs=3)
    assert [s.epoch for s in trainer.history] == [1, 2, 3]
    for s in trainer.history:
        assert 0.0 <= s.accuracy <= 1.0
        assert s.grad_norm > 0
        assert s.heldout_loss is None and s.heldout_accuracy is None
    loss, acc = evaluate(trainer.params, trainer.train_set)
    assert (loss, acc) == (trainer.history[-1].loss, trainer.history[-1].accuracy)


def test_heldout_is_evaluated():
    task = make_task("sentiment", LECTURE_CORPUS)
    heldout = Corpus((Sentence("i love barry", 1),))
    trainer = train(task, LECTURE_CORPUS, Config(hidden=4, epochs=2), heldout=heldout)
    assert all(s.heldout_loss > 0 and s.heldout_accuracy in (0.0, 1.0) for s in trainer.history)


def test_on_epoch_is_called_each_epoch():
    seen = []
    train(make_task("next-word", LECTURE_CORPUS), LECTURE_CORPUS, Config(hidden=4, epochs=4), on_epoch=seen.append)
    assert [s.epoch for s in seen] == [1, 2, 3, 4]


def test_params_are_copies():
    trainer = lecture_trainer(epochs=1)
    p = trainer.params
    with pytest.raises(ValueError):  # a model's weights are read-only
        p.W_hh[:] = 0.0
    trainer.epoch()  # training goes on with its own copy
    assert not np.array_equal(trainer.params.W_hh, p.W_hh)


@settings(max_examples=25, deadline=None)
@given(st.floats(1.0, 308.0), st.sampled_from(["adam", "sgd"]), st.integers(0, 3))
def test_huge_learning_rate_trains_finitely_or_raises(log_lr, optimizer, seed):
    task = make_task("next-word", LECTURE_CORPUS)
    config = Config(hidden=4, epochs=3, lr=10.0 ** log_lr, optimizer=optimizer, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no numpy overflow chatter on the terminal
        try:
            trainer = train(task, LECTURE_CORPUS, config)
        except TrainingDiverged as e:
            assert "lower the learning rate" in str(e) and "\n" not in str(e)
            return
    for s in trainer.history:
        assert math.isfinite(s.loss) and math.isfinite(s.grad_norm) and math.isfinite(s.accuracy)
    assert all(np.all(np.isfinite(a)) for a in trainer.params.arrays())


def test_training_diverged_is_an_input_error():
    assert issubclass(TrainingDiverged, InputError)


@pytest.mark.parametrize("kwargs, flag", [
    ({"hidden": 0}, "hidden size"), ({"hidden": -3}, "hidden size"), ({"epochs": 0}, "number of epochs"),
    ({"batch_size": 0}, "batch size"), ({"lr": 0.0}, "learning rate"), ({"lr": -0.1}, "learning rate"),
    ({"lr": float("nan")}, "learning rate"), ({"lr": float("inf")}, "learning rate"),
    ({"optimizer": "rmsprop"}, "rmsprop"),
    ({"clip": 0.0}, "clip"), ({"clip": -1.0}, "clip"), ({"clip": float("nan")}, "clip"),
    ({"momentum": -0.5}, "momentum"), ({"momentum": 1.5}, "momentum"),
])
def test_config_rejects_bad_values(kwargs, flag):
    with pytest.raises(InputError) as info:
        Config(**kwargs)
    assert flag in str(info.value)
    assert "--" not in str(info.value)  # the engine names no CLI flag; the CLI adds that


def test_config_defaults_are_valid():
    c = Config()
    assert (c.hidden, c.optimizer, c.clip) == (16, "adam", 5.0)
