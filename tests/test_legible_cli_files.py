"""Issue 16's five hostile files, through the CLI as a user meets them: one line naming the file
and what is wrong, exit 2, for the app (`rnn-tui --corpus/--weights`) and for `trace`."""

from __future__ import annotations

import numpy as np
import pytest
from test_weights import good_arrays, write_npz

from helpers import assert_one_line_error

CSVS = [("text,label\nhi there,1_0\nbye,0\n", ":2: label '1_0' is not a whole number (digits 0-9)"),
        ("text,label\nhi there,\u0663\nbye,0\n", ":2: label '\u0663' is not a whole number"),
        ("text,label\nhi there,\uff11\nbye,0\n", ":2: label '\uff11' is not a whole number"),
        ("text,text,label\nhi,there,1\nbye,now,0\n", ":1: the header names 'text' twice"),
        ('text,label\n"hi there,1\nbye,0\n', ":2: a quote (\") opened on this line is never closed")]


@pytest.mark.parametrize(("content", "said"), CSVS, ids=["1_0", "arabic-indic 3", "fullwidth 1", "text twice",
                                                         "unclosed quote"])
def test_a_corpus_mistake_is_one_line_from_the_cli(cli, tmp_path, content, said):
    path = tmp_path / "c.csv"
    path.write_text(content, encoding="utf-8")
    code, _, err = cli("train", "--task", "sentiment", "--corpus", str(path),
                       "--out", str(tmp_path / "m.npz"))
    assert_one_line_error(code, err, "c.csv" + said)


def weights(tmp_path, H: int, O: int):
    a = good_arrays()
    V = a["rnn.weight_ih_l0"].shape[1]
    arrays = {**a, "rnn.weight_ih_l0": np.zeros((H, V)), "rnn.weight_hh_l0": np.zeros((H, H)),
              "rnn.bias_ih_l0": np.zeros(H), "rnn.bias_hh_l0": np.zeros(H), "out.weight": np.zeros((O, H)),
              "out.bias": np.zeros(O), "labels": a["labels"][:O]}
    return str(write_npz(tmp_path / f"h{H}o{O}.npz", arrays))


@pytest.mark.parametrize(("H", "O", "said"), [
    (0, 2, "'rnn.weight_hh_l0' is empty (shape (0, 0)); a model needs at least one hidden unit"),
    (3, 0, "'out.weight' is empty (shape (0, 3))"),
    (3, 1, "'out.weight' has 1 row, so the model has one output, whose probability is always 100%"),
], ids=["no hidden unit", "no output", "one output"])
def test_zero_sized_or_one_output_weights_are_one_line_from_the_cli(cli, tmp_path, H, O, said):
    path = weights(tmp_path, H, O)
    code, _, err = cli("trace", "--text", "hi", "--weights", path)
    assert_one_line_error(code, err, path, said)
    assert "expected (H, H)" not in err   # (0, 0) is (H, H) for H = 0: that said nothing
