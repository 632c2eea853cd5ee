"""The command line: `rnn-tui trace` and `rnn-tui train`, and one line for every bad input."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rnn_tui.cli import main
from rnn_tui.engine import LECTURE_CORPUS, InputError, Model, Params, Vocabulary, run, topology_by_name, weights
from rnn_tui.engine.models import load_model

from helpers import assert_one_line_error

LECTURE_VOCAB = list(LECTURE_CORPUS.vocab.tokens)


# --- trace ------------------------------------------------------------------------------------

def test_trace_json(cli):
    code, out, err = cli("trace", "--text", "I love AI", "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"topology", "vocab", "tokens", "steps", "output"} <= set(data)
    assert data["topology"] == "many-to-one"
    assert data["vocab"] == LECTURE_VOCAB
    assert data["tokens"] == ["i", "love", "ai"]
    steps = data["steps"]
    assert [set(s) for s in steps] == [{"t", "input_token", "x_index", "h", "y"}] * 3
    assert [s["t"] for s in steps] == [1, 2, 3]
    assert [s["input_token"] for s in steps] == ["i", "love", "ai"]
    assert [s["x_index"] for s in steps] == [5, 6, 7]
    assert all(len(s["h"]) == 8 and all(-1 <= v <= 1 for v in s["h"]) for s in steps)
    assert steps[0]["y"] is None and steps[1]["y"] is None
    y = steps[2]["y"]
    assert sum(y) == pytest.approx(1.0, abs=1e-5)
    # the shipped lecture-labels model learnt "I love AI" is label 1
    assert data["labels"] == ["label 0", "label 1"]
    assert data["output"] == data["labels"][int(np.argmax(y))] == "label 1"


def test_trace_json_is_the_default_when_piped(cli):
    code, out, _ = cli("trace", "--text", "I love AI")
    assert code == 0
    assert json.loads(out)["tokens"] == ["i", "love", "ai"]


def test_trace_json_unknown_word_and_generation(cli):
    code, out, _ = cli("trace", "--text", "Hi!", "--topology", "one-to-many", "--gen-steps", "8",
                           "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [s["input_token"] for s in data["steps"]] == ["hi", "my", "name", "is", "barry"]
    assert data["output"] == ["my", "name", "is", "barry", "<eos>"]

    code, out, _ = cli("trace", "--text", "hi zebra", "--topology", "many-to-many", "--format", "json")
    data = json.loads(out)
    assert data["tokens"] == ["hi", "<unk>"]
    assert [s["x_index"] for s in data["steps"]] == [0, 8]


def test_trace_table(cli):
    code, out, err = cli("trace", "--text", "I love AI", "--format", "table")
    assert code == 0 and err == ""
    for token in ("i", "love", "ai"):
        assert f"│ {token} " in out
    assert "Many to one" in out
    assert "label 1 (" in out
    assert out.rstrip().splitlines()[-1] == "output: label 1"
    # h_1's first unit is -0.003: the table reads it as the screens do, unsigned, never "-0.00".
    assert "│ -0.00 " not in out and "│  0.00 +0.14 +0.51 +0.09 … (8) │" in out


def test_trace_table_next_word(cli):
    code, out, _ = cli("trace", "--text", "hi my name is barry", "--topology", "many-to-many",
                           "--format", "table")
    assert code == 0
    assert out.rstrip().splitlines()[-1] == "output: my name is barry <eos>"


def test_trace_with_weights_by_builtin_name(cli):
    code, out, _ = cli("trace", "--text", "hi", "--topology", "one-to-one",
                           "--weights", "lecture-next-word", "--format", "json")
    assert code == 0
    assert json.loads(out)["output"] == "my"


def test_trace_table_prints_labels_from_a_weights_file_literally(cli, tmp_path):
    model = Model(Params.init(3, 2, 2, seed=0), Vocabulary(("good", "bad", "<unk>")),
                  ("[red]neg[/red]", "[bold]pos"), name="[blink]mine")
    path = weights.save(model, tmp_path / "m.npz")
    code, out, _ = cli("trace", "--text", "good bad", "--topology", "many-to-many",
                           "--weights", str(path), "--format", "table")
    assert code == 0
    assert "(model: [blink]mine)" in out
    steps = run(model, ["good", "bad"], topology_by_name("many-to-many")).steps
    expected = [model.labels[s.predicted] for s in steps]
    assert out.rstrip().splitlines()[-1] == "output: " + " ".join(expected)  # markup shown, not applied


def test_trace_json_keeps_every_float64_digit(cli):
    """Agreement with PyTorch through the CLI is exact, not 5e-7: h and y read back equal."""
    code, out, _ = cli("trace", "--text", "hi my name is barry", "--topology", "many-to-many",
                       "--weights", "lecture-next-word", "--format", "json")
    assert code == 0
    data = json.loads(out)
    trace = run(load_model("lecture-next-word"), "hi my name is barry".split(), topology_by_name("many-to-many"))
    for shown, step in zip(data["steps"], trace.steps, strict=True):
        assert shown["h"] == step.h.tolist()
        assert shown["y"] == step.y.tolist()


@pytest.mark.parametrize("topology", ["one-to-many", "encoder-decoder"])
def test_trace_refuses_a_classifier_for_a_topology_that_writes_words(cli, topology):
    """The sentiment model outputs labels: fed back in, "positive" would read as <unk>."""
    code, out, err = cli("trace", "--text", "the food was good", "--topology", topology,
                         "--weights", "sentiment")
    assert out == ""
    assert_one_line_error(code, err, f"{topology} ", "sentiment outputs labels (negative, positive)")


# --- train ------------------------------------------------------------------------------------

def test_train_writes_weights_that_trace_reads(cli, tmp_path):
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)  # the path is longer than a line, wherever tmp is
    folder.mkdir()
    out_path = folder / "x.npz"
    code, out, err = cli("train", "--task", "next-word", "--epochs", "3", "--hidden", "6",
                             "--out", str(out_path))
    assert code == 0, err
    assert "Traceback" not in err
    assert out_path.is_file()
    assert f"wrote {out_path} (load it with --weights {out_path})\n" in out  # whole, on one line
    assert "final loss" in out
    model = weights.load(out_path)
    assert list(model.vocab.tokens) == LECTURE_VOCAB
    assert model.labels == tuple(LECTURE_VOCAB) + ("<eos>",)
    assert model.hidden_size == 6
    assert model.trained_for == "many-to-many"

    code, out, _ = cli("trace", "--text", "hi my name", "--topology", "many-to-many",
                           "--weights", str(out_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["vocab"] == LECTURE_VOCAB
    assert [len(s["h"]) for s in data["steps"]] == [6, 6, 6]
    assert all(len(s["y"]) == 10 for s in data["steps"])


def test_train_refuses_to_overwrite_without_force(cli, tmp_path):
    out_path = tmp_path / "x.npz"
    assert cli("train", "--task", "next-word", "--epochs", "1", "--out", str(out_path))[0] == 0
    before = out_path.read_bytes()
    code, _, err = cli("train", "--task", "next-word", "--epochs", "1", "--seed", "1",
                           "--out", str(out_path))
    assert_one_line_error(code, err, str(out_path), "already exists", "--force")
    assert out_path.read_bytes() == before
    code, _, err = cli("train", "--task", "next-word", "--epochs", "1", "--seed", "1",
                           "--out", str(out_path), "--force")
    assert code == 0, err
    assert out_path.read_bytes() != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.npz"]


def test_train_sentiment_on_a_csv_with_held_out_rows(cli, tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("text,label,split\ni love it,1,train\ni hate it,0,train\n"
                      "love love,1,train\nhate hate,0,train\ni love love,1,test\n")
    code, out, err = cli("train", "--task", "sentiment", "--corpus", str(corpus), "--epochs", "2",
                             "--out", str(tmp_path / "s.npz"))
    assert code == 0, err
    assert "held-out accuracy" in out
    assert weights.load(tmp_path / "s.npz").labels == ("negative", "positive")


def test_train_sentiment_label_seen_only_in_the_test_split(cli, tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("text,label,split\ngood,1,train\nbad,0,train\nmeh,2,test\n")
    code, _, err = cli("train", "--task", "sentiment", "--corpus", str(corpus), "--epochs", "1",
                           "--out", str(tmp_path / "s.npz"))
    assert code == 0, err
    assert weights.load(tmp_path / "s.npz").labels == ("0", "1", "2")


# --- bad input: exit 2, one line, no traceback --------------------------------------------------

def test_missing_corpus_file(cli, tmp_path):
    missing = tmp_path / "missing.txt"
    code, _, err = cli("train", "--task", "next-word", "--corpus", str(missing),
                           "--out", str(tmp_path / "x.npz"))
    assert_one_line_error(code, err, str(missing), "no such file")
    assert not (tmp_path / "x.npz").exists()


def test_empty_corpus(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = cli("train", "--task", "next-word", "--corpus", str(empty),
                           "--out", str(tmp_path / "x.npz"))
    assert_one_line_error(code, err, str(empty), "no sentences")


def test_non_integer_label(cli, tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("text,label\ngood film,1\nbad film,positive\n")
    code, _, err = cli("train", "--task", "sentiment", "--corpus", str(corpus),
                           "--out", str(tmp_path / "x.npz"))
    assert_one_line_error(code, err, f"{corpus}:3:", "'positive'")


def test_sentiment_without_training_rows(cli, tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("text,label,split\ngood,1,test\nbad,0,test\n")
    code, _, err = cli("train", "--task", "sentiment", "--corpus", str(corpus),
                           "--out", str(tmp_path / "x.npz"))
    assert_one_line_error(code, err, "nothing to train on")


def test_sentiment_on_an_unlabelled_corpus(cli, tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("good film\nbad film\n")
    code, _, err = cli("train", "--task", "sentiment", "--corpus", str(corpus),
                           "--out", str(tmp_path / "x.npz"))
    assert_one_line_error(code, err, "needs a label")


def test_unknown_topology(cli):
    code, _, err = cli("trace", "--text", "hi", "--topology", "sideways")
    assert_one_line_error(code, err, "'sideways'", "one-to-one", "encoder-decoder")


@pytest.mark.parametrize("value", ["-3", "0", "two"])
def test_bad_hidden(cli, tmp_path, value):
    code, _, err = cli("train", "--task", "next-word", "--hidden", value,
                           "--out", str(tmp_path / "x.npz"))
    assert_one_line_error(code, err, "--hidden", value)


@pytest.mark.parametrize("flag, value", [("--lr", "0"), ("--lr", "-1"), ("--lr", "nan"), ("--lr", "inf"),
                                         ("--epochs", "0"), ("--seed", "-1")])
def test_bad_training_numbers(cli, tmp_path, flag, value):
    code, _, err = cli("train", "--task", "next-word", flag, value, "--out", str(tmp_path / "x.npz"))
    assert_one_line_error(code, err, flag)


def test_an_engine_error_about_a_flags_value_names_the_flag(cli, tmp_path, monkeypatch):
    """The engine's messages do not know the command line; the CLI says which flag gave the value."""
    from rnn_tui.engine import train

    checks = train.Config.__post_init__

    def stricter(self):
        checks(self)
        if self.hidden == 7:
            raise InputError("the hidden size may not be 7")

    monkeypatch.setattr(train.Config, "__post_init__", stricter)
    code, _, err = cli("train", "--task", "next-word", "--hidden", "7", "--out", str(tmp_path / "x.npz"))
    assert_one_line_error(code, err, "--hidden: the hidden size may not be 7")


def test_missing_weights_file(cli, tmp_path):
    missing = tmp_path / "nope.npz"
    code, _, err = cli("trace", "--text", "hi", "--weights", str(missing))
    assert_one_line_error(code, err, str(missing), "no such file")


def test_weights_file_that_is_text(cli, tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_text("not weights\n")
    code, _, err = cli("trace", "--text", "hi", "--weights", str(bad))
    assert_one_line_error(code, err, str(bad))


def test_text_without_words(cli):
    code, _, err = cli("trace", "--text", "?!")
    assert_one_line_error(code, err, "no words")


def test_missing_required_option(cli):
    code, _, err = cli("trace")
    assert_one_line_error(code, err, "--text")


def test_out_in_a_missing_folder(cli, tmp_path):
    code, _, err = cli("train", "--task", "next-word", "--out", str(tmp_path / "no" / "x.npz"))
    assert_one_line_error(code, err, "does not exist")


def test_out_is_a_folder_even_with_force(cli, tmp_path):
    code, _, err = cli("train", "--task", "next-word", "--epochs", "1", "--out", str(tmp_path), "--force")
    assert_one_line_error(code, err, "is a folder")


def test_diverging_training_ends_with_one_error_line(cli, tmp_path):
    code, _, err = cli("train", "--task", "next-word", "--epochs", "3", "--lr", "1e300",
                           "--out", str(tmp_path / "x.npz"))
    assert code == 2
    assert "Traceback" not in err and "Warning" not in err
    last = err.rstrip().splitlines()[-1]
    assert last.startswith("rnn-tui: error: training stopped at epoch 1")
    assert "--lr" in last
    assert not (tmp_path / "x.npz").exists()


def test_a_finite_but_runaway_loss_is_divergence_too(cli, tmp_path):
    """lr 100 once exited 0 with a loss of 2,337.99 and wrote the weights."""
    small = Path(__file__).parent / "data" / "small_sentiment.csv"
    code, _, err = cli("train", "--task", "sentiment", "--corpus", str(small), "--epochs", "3", "--lr", "100",
                       "--out", str(tmp_path / "x.npz"))
    last = err.rstrip().splitlines()[-1]
    assert code == 2 and "the loss rose to" in last and last.endswith("lower --lr (now 100)")
    assert not (tmp_path / "x.npz").exists()


# --- --version and --help ----------------------------------------------------------------------

def test_version_comes_from_the_package_metadata(capsys):
    from importlib.metadata import version

    import rnn_tui

    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out == f"rnn-tui {version('rnn-tui')}\n"
    assert rnn_tui.__version__ == version("rnn-tui")


def test_help_lists_every_scene(capsys):
    from rnn_tui.ui.scenes import NAMES

    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert len(NAMES) == 10
    assert ", ".join(f"{n} {name}" for n, name in enumerate(NAMES, 1)) in help_text  # numbered, for --scene N


@pytest.mark.parametrize(("given", "scene"), [("3", "flatten"), ("10", "gradients"), ("onehot", "onehot"),
                                              ("Train", "train"), (" 1 ", "sequences")])
def test_a_scene_by_number_or_name(given, scene):
    from rnn_tui.cli import build_parser

    assert build_parser().parse_args(["--scene", given]).scene == scene
    assert build_parser().parse_args(["serve", "--scene", given]).scene == scene


@pytest.mark.parametrize("given", ["nowhere", "0", "11", "-1"])
def test_unknown_scene(cli, given):
    code, _, err = cli("--scene", given)
    assert_one_line_error(code, err, "--scene", repr(given), "1-10", "1 sequences", "10 gradients")


@pytest.mark.parametrize(("given", "theme"), [("dark", "dark"), ("light", "light"), ("nord", "nord"),
                                              ("solarized-light", "solarized-light")])
def test_any_textual_theme(given, theme):
    from rnn_tui.cli import build_parser

    assert build_parser().parse_args(["--theme", given]).theme == theme
    assert build_parser().parse_args(["serve", "--theme", given]).theme == theme


def test_an_unknown_theme_is_one_line_naming_a_few(cli):
    for argv in (["--theme", "sunny"], ["serve", "--theme", "sunny"]):
        code, _, err = cli(*argv)
        assert_one_line_error(code, err, "--theme", "'sunny'", "light", "dark", "solarized-light", "nord")


# --- the real entry point, once ------------------------------------------------------------

def test_python_dash_m(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "rnn_tui", "trace", "--text", "I love AI"],
                        capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)  # stdout is a pipe, so JSON
    assert data["tokens"] == ["i", "love", "ai"] and data["output"] == "label 1"

    bad = subprocess.run([sys.executable, "-m", "rnn_tui", "trace", "--text", "hi", "--topology", "sideways"],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith("rnn-tui: error: ")
