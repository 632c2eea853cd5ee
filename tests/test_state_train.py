"""The Train scene's state, driven directly: settings, runs, the tried sentence."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.engine.errors import InputError
from rnn_tui.engine.models import load_model
from rnn_tui.engine.train import CLASS_CONFIG, Config, EpochStats
from rnn_tui.ui.state.train import CLASS_TRAIN, CLASS_VAL, HELD_BACK, MAX_HIDDEN, MIN_HIDDEN, PATIENCE, TrainState

SETTINGS = st.lists(st.sampled_from(["task", "cell", "hidden+", "hidden-", "lr+", "lr-", "seed", "reset"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(SETTINGS)
def test_settings_stay_in_range_and_each_change_starts_a_fresh_run(moves):
    state = TrainState().after_epoch((), load_model("sentiment"))
    for move in moves:
        before = state
        state = {"task": lambda s: s.next_task(), "hidden+": lambda s: s.hidden_times(2),
                 "hidden-": lambda s: s.hidden_times(0.5), "lr+": lambda s: s.lr_times(2),
                 "lr-": lambda s: s.lr_times(0.5), "seed": lambda s: s.next_seed(),
                 "cell": lambda s: s.next_cell(), "reset": lambda s: s.reset()}[move](state)
        assert MIN_HIDDEN <= state.config.hidden <= MAX_HIDDEN
        assert 1e-5 <= state.config.lr <= 10
        assert state.history == () and state.model is None and not state.running and state.status == "ready"
        if move == "task":
            assert state.task != before.task and state.config.epochs == CLASS_CONFIG[state.task]["epochs"]
            assert (state.config.hidden, state.config.seed) == (before.config.hidden, before.config.seed)
        if move == "seed":
            assert state.config.seed == before.config.seed + 1
        if move == "cell":  # Elman, GRU, LSTM, round again; nothing else changes
            assert state.config.cell == {"elman": "gru", "gru": "lstm", "lstm": "elman"}[before.config.cell]
            assert state.config == replace(before.config, cell=state.config.cell)
        elif move != "task":
            assert state.config.cell == before.config.cell
        assert state.cell_name in state.subtitle


def test_a_run_is_running_paused_and_done():
    state = TrainState(config=Config(hidden=4, epochs=2, seed=0)).started()
    assert state.running and state.status == "training" and state.subtitle == "sentiment, Elman, training"
    assert state.paused().status == "ready"
    model = load_model("sentiment")
    epoch = [EpochStats(n, 0.5, 0.9, None, None, 1.0) for n in (1, 2)]  # no validation: none is best
    state = state.after_epoch(tuple(epoch[:1]), model).paused()
    assert state.status == "paused" and state.tried is not None
    assert [s.input_token for s in state.tried.trace.steps] == state.try_text.split()
    state = state.trying("a great film")
    assert state.tried.trace.words == ("a", "great", "film")
    done = state.after_epoch(tuple(epoch), model)
    assert done.finished and done.started().history == ()  # a finished run starts afresh


def test_settings_config_refuses_are_refused():
    with pytest.raises(InputError):
        TrainState().with_config(epochs=0)


def _big_set(n_train: int, n_val: int) -> Corpus:
    """A data set shaped like the new sentiment set: train and val splits, labels 70/30 in train."""
    words = ["good", "bad", "film", "food", "was", "not", "very", "the"]
    rows = [Sentence(f"{words[i % 8]} {words[(i // 8) % 8]} {i}", int(i % 10 < 3), "train") for i in range(n_train)]
    rows += [Sentence(f"{words[i % 8]} val {i}", i % 2, "val") for i in range(n_val)]
    rows += [Sentence(f"test {i}", i % 2, "test") for i in range(50)]
    return Corpus(tuple(rows), "everyday_sentiment.csv")


def test_a_big_set_trains_on_a_balanced_seeded_sample_and_says_so(monkeypatch):
    monkeypatch.setattr("rnn_tui.ui.state.train.shipped_data", lambda: _big_set(8600, 1100))
    data = TrainState().plan
    labels = [s.label for s in data.train.sentences]
    assert len(labels) == CLASS_TRAIN and labels.count(0) == labels.count(1) == CLASS_TRAIN // 2
    assert len(data.val.sentences) == CLASS_VAL and {s.split for s in data.val.sentences} == {"val"}
    assert {s.split for s in data.train.sentences} == {"train"}
    assert data.words == ("2,000 of 8,600 training sentences of the sentiment set, so it trains in class "
                          "time; the shipped model used them all; validation 200 of 1,100")
    again = TrainState().next_seed().plan  # the sample is the data's, not the run's: seeds compare models
    assert [s.text for s in again.train.sentences] == [s.text for s in data.train.sentences]


def test_a_set_without_a_val_split_holds_back_a_seeded_share_of_train():
    from pathlib import Path

    from rnn_tui.engine.corpus import load_corpus

    corpus = load_corpus(Path(__file__).parent / "data" / "small_sentiment.csv")  # train and test only
    data = TrainState(corpus=corpus).plan
    train = corpus.split("train").sentences
    held = {s.text for s in data.val.sentences}
    assert len(held) == round(HELD_BACK * len(train))
    assert not held & {s.text for s in data.train.sentences}
    assert len(data.train.sentences) + len(held) == len(train)
    assert f"{len(held)} sentences of train held back to validate (no val split)" in data.words
    assert TrainState(corpus=corpus).plan.words == data.words
    shipped = TrainState().plan  # the shipped sentiment set has a val split: a sample of it validates
    assert "validation 200 of 1,080" in shipped.words


def test_switching_task_names_the_data_it_will_use():
    state = TrainState()
    assert "the sentiment set" in state.plan.words
    nxt = state.next_task()
    assert nxt.plan.words == "all 3 training sentences of the lecture; no validation (too few sentences)"


def test_early_stopping_is_on_by_default_and_toggles():
    state = TrainState()
    assert state.config.patience == PATIENCE
    assert state.toggled_early_stopping().config.patience is None
    assert state.toggled_early_stopping().toggled_early_stopping().config.patience == PATIENCE


def test_a_run_that_stopped_early_keeps_the_best_epoch_and_says_so():
    def epoch(n, val, best):
        return EpochStats(n, 0.5 / n, 0.9, val, 0.7 + n / 100, 1.0, best)
    history = (epoch(1, 0.7, True), epoch(2, 0.6, True), epoch(3, 0.65, False), epoch(4, 0.7, False))
    state = replace(TrainState(), config=replace(TrainState().config, patience=2)).started()
    state = state.after_epoch(history, load_model("sentiment")).paused()  # patience 2 after epoch 2: stopped
    assert state.best_epoch == 2 and state.finished and state.status == "done"
    assert state.caption == ("Stopped early at epoch 4: validation loss no better for 2 epochs. "
                             "Kept epoch 2 (val accuracy 72%); u uses it.")
    assert state.in_use().caption.startswith("Epoch 2's weights (best on validation) are now the session's model")


def test_a_diverged_run_says_why_and_starts_afresh():
    message = "training stopped at epoch 1: the loss is no longer finite; lower the learning rate (now 10)"
    state = TrainState().started().diverged(message)
    assert not state.running and state.status == "diverged" and state.caption == message
    assert state.started().error is None and state.started().running


def test_a_sample_is_balanced_seeded_and_takes_all_when_asked_for_more():
    corpus = _big_set(100, 0).split("train")  # 30 positive, 70 negative
    sample = corpus.sample(40, seed=3)
    assert [s.label for s in sample.sentences].count(1) == 20
    assert sample.sentences == corpus.sample(40, seed=3).sentences != corpus.sample(40, seed=4).sentences
    assert [s.label for s in corpus.sample(80, seed=0).sentences].count(1) == 30  # all the positives there are
    assert set(corpus.sample(1000, seed=0).sentences) == set(corpus.sentences)
    assert not set(corpus.without(sample).sentences) & set(sample.sentences)


def test_the_cell_key_says_which_cell_a_run_trains_and_names_its_file():
    elman = TrainState()
    gru, lstm = elman.next_cell(), elman.next_cell().next_cell()
    assert (gru.config.cell, lstm.config.cell, lstm.next_cell().config.cell) == ("gru", "lstm", "elman")
    assert "Training an Elman cell" in elman.caption and "Training a GRU cell" in gru.caption
    assert "Training an LSTM cell" in lstm.caption and lstm.subtitle == "sentiment, LSTM, ready"
    assert elman.file_stem == "rnn-tui-sentiment-h16-seed0"   # as before the gated cells came
    assert gru.file_stem == "rnn-tui-sentiment-gru-h16-seed0"
