"""Writes that never lose work: `train --out` checks where it writes before it trains, keeps the
model somewhere (and says where) when the write still fails, never replaces anything but a regular
file, and a write killed half-way leaves nothing behind after the next one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import namedtuple

import numpy as np
import pytest

from rnn_tui.engine import safe_write, weights
from rnn_tui.engine.models import load_model

from helpers import assert_one_line_error

TRAIN = ("train", "--task", "next-word", "--epochs", "2", "--hidden", "4")


def trained(monkeypatch) -> list[int]:
    """Counts the epochs trained, so a test can say none were spent."""
    from rnn_tui import report

    epochs: list[int] = []
    real = report.train_with_progress
    monkeypatch.setattr(report, "train_with_progress", lambda t, n, *a: (epochs.append(n), real(t, n, *a)))
    return epochs


def test_a_folder_that_cannot_be_written_is_refused_before_training(cli, monkeypatch):
    epochs = trained(monkeypatch)
    code, _, err = cli(*TRAIN, "--out", "/sys/model.npz")  # not writable, even for root
    assert_one_line_error(code, err, "/sys/model.npz", "cannot write in folder /sys")
    assert epochs == []


def test_a_disk_without_room_is_refused_before_training(cli, monkeypatch, tmp_path):
    epochs = trained(monkeypatch)
    monkeypatch.setattr(safe_write.shutil, "disk_usage", lambda p: namedtuple("U", "total used free")(1, 1, 100))
    code, _, err = cli(*TRAIN, "--out", str(tmp_path / "m.npz"))
    assert_one_line_error(code, err, "m.npz", "MB free")
    assert epochs == []


def test_a_write_that_fails_after_training_keeps_the_model_and_says_where(cli, monkeypatch, tmp_path):
    real_savez = np.savez
    target = tmp_path / "m.npz"

    calls = []

    def savez(f, **arrays):  # the disk fills during training: the first write fails
        calls.append(f)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_savez(f, **arrays)

    monkeypatch.setattr(weights.np, "savez", savez)
    code, _, err = cli(*TRAIN, "--out", str(target))
    error = err.splitlines()[-1]  # after the progress bar's lines
    assert_one_line_error(code, error, "m.npz", "No space left on device", "the trained model is kept in")
    kept = error.split("kept in ")[1].strip()
    try:
        assert load_model(kept).hidden_size == 4
    finally:
        os.unlink(kept)
    assert not os.listdir(tmp_path)  # and no temporary file beside the target


def test_force_never_replaces_what_is_not_a_regular_file(cli, tmp_path):
    pipe = tmp_path / "pipe.npz"  # as /dev/full was: a node, not a file
    os.mkfifo(pipe)
    code, _, err = cli(*TRAIN, "--out", str(pipe), "--force")
    assert_one_line_error(code, err, "pipe.npz", "not a regular file")
    assert not pipe.is_file() and pipe.exists()
    with pytest.raises(Exception, match="not a regular file"):
        weights.save(load_model("lecture-next-word"), pipe, overwrite=True)


def test_the_next_write_clears_what_a_killed_write_left(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / f".m.npz.{dead}.k3j2_x.tmp"  # kill -9 mid-write leaves this
    stale.write_bytes(b"PK half")
    live = tmp_path / f".m.npz.{os.getpid()}.abcd.tmp"  # a write in progress: left alone
    live.write_bytes(b"PK")
    weights.save(load_model("lecture-next-word"), tmp_path / "m.npz")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["m.npz", live.name])
