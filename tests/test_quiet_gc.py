"""The collector is paused while the app starts and always comes back: a start-up that fails
(a bad option, a bad file) must not leave the process without garbage collection."""

from __future__ import annotations

import gc

import pytest

from rnn_tui.cli import main
from rnn_tui.ui import quiet_gc


def test_a_missing_weights_file_collects_again(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gc.isenabled()
    assert main(["--weights", str(tmp_path / "none.npz")]) == 2
    assert "none.npz" in capsys.readouterr().err
    assert gc.isenabled()


def test_a_bad_corpus_collects_again(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\n", encoding="utf-8")
    assert main(["--corpus", str(bad)]) == 2
    assert gc.isenabled()


def test_pause_then_resume_freezes_what_lives() -> None:
    quiet_gc.pause()
    assert not gc.isenabled()
    kept = [object() for _ in range(10)]
    quiet_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    quiet_gc.resume()  # a second call (the app, then launch's finally) changes nothing
    assert gc.isenabled()


def test_a_presenter_that_cannot_start_collects_again(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["present", "--corpus", str(tmp_path / "none.csv")]) == 2
    assert "none.csv" in capsys.readouterr().err
    assert gc.isenabled()
