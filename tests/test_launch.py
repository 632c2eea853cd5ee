"""What the app opens on: the topology a model was trained for, unless the user names one."""

import argparse

import pytest

from rnn_tui.cli import build_parser
from rnn_tui.ui.launch import build_session


def session_for(*argv: str):
    args = build_parser().parse_args(list(argv))
    assert isinstance(args, argparse.Namespace)
    return build_session(args)


@pytest.mark.parametrize("argv, topology", [
    ((), "many-to-many"),                                           # the lecture, next word
    (("--weights", "sentiment"), "many-to-one"),                    # what it was trained for
    (("--weights", "lecture-labels"), "many-to-one"),
    (("--weights", "lecture-next-word"), "many-to-many"),
    (("--weights", "sentiment-writer"), "one-to-many"),           # a label word in, a sentence out
    (("--weights", "sentiment", "--topology", "one-to-one"), "one-to-one"),  # the user's choice wins
])
def test_the_app_opens_on_the_topology_the_model_was_trained_for(argv, topology):
    assert session_for(*argv).topology.name == topology


def test_trace_follows_the_model_too(cli):
    import json

    code, out, _ = cli("trace", "--text", "hi my name", "--weights", "lecture-next-word", "--format", "json")
    assert code == 0 and json.loads(out)["topology"] == "many-to-many"
    code, out, _ = cli("trace", "--text", "this film was great", "--format", "json")
    assert code == 0 and json.loads(out)["topology"] == "many-to-one"  # no model named: sentiment's topology
