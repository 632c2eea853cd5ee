"""Options given before a subcommand are used or refused, never dropped without a word."""

from __future__ import annotations

import json

import pytest

from rnn_tui.cli import main


def test_weights_before_trace_are_the_weights_traced(capsys):
    assert main(["--weights", "sentiment", "trace", "--text", "the food was bad", "--format", "json"]) == 0
    traced = json.loads(capsys.readouterr().out)
    assert traced["labels"] == ["negative", "positive"]  # the lecture's model (labels 0 and 1) without it
    assert len(traced["vocab"]) > 1_000 and traced["output"] == "negative"


@pytest.mark.parametrize("argv, flag", [
    (["--scene", "3", "trace", "--text", "hi"], "--scene"),
    (["--corpus", "c.csv", "trace", "--text", "hi"], "--corpus"),
    (["--weights", "sentiment", "train", "--task", "sentiment", "--out", "m.npz"], "--weights"),
    (["--theme", "light", "train", "--task", "sentiment", "--out", "m.npz"], "--theme"),
])
def test_an_app_option_a_subcommand_does_not_use_is_refused_in_one_line(capsys, argv, flag):
    assert main(argv) == 2
    said = capsys.readouterr().err.strip()
    assert said.count("\n") == 0
    assert said == f"rnn-tui: error: {flag} is an option of the app; `rnn-tui {argv[2]}` does not use it"
