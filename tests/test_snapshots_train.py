"""SVG snapshots of the training and gradient scenes at 80x24 (pytest-textual-snapshot).
Regenerate deliberately with `pytest tests/test_snapshots_train.py --snapshot-update`."""



from helpers import app_on

SIZE = (80, 24)


def test_train_after_a_full_run(snap_compare, small_class_data):
    """The class settings on the class sample, trained until early stopping ends the run: the loss
    curves, the best epoch, both accuracies, the try line.
    Training is seeded, so the picture is the same every run."""
    async def train(pilot):
        await pilot.press("space")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app_on("train"), run_before=train, terminal_size=SIZE)


def test_gradients_twenty_steps_back(snap_compare):
    """The long sentence, twenty steps back from the loss: the norms shrinking on a log scale."""
    assert snap_compare(app_on("gradients"), press=["right"] * 20, terminal_size=SIZE)


def test_gradients_exploding_with_w_hh_times_four(snap_compare):
    assert snap_compare(app_on("gradients"), press=["x", "x", "end"], terminal_size=SIZE)


def test_train_ready_to_train_an_lstm(snap_compare):
    """c twice: the settings line, title and caption say the run trains an LSTM."""
    assert snap_compare(app_on("train"), press=["c", "c"], terminal_size=SIZE)


def test_gradients_three_cells_at_the_deciding_word(snap_compare):
    """Elman, GRU and LSTM side by side on one log axis, 34 words back at the word that decides the
    label; the LSTM's forget gate under its strip, why in words."""
    assert snap_compare(app_on("gradients"), press=["c", "end", "left", "left", "left"], terminal_size=SIZE)


def test_gradients_three_cells_grow_at_120x40(snap_compare):
    assert snap_compare(app_on("gradients"), press=["c", "end", "left", "left", "left"], terminal_size=(120, 40))
