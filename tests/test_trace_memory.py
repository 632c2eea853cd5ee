"""A trace keeps what a step needs, not every step's outputs: over a large vocabulary its memory
stays small however long the sentence and however far the user steps, and each step still shows
the very probabilities the output layer gives (issues 15 and 16)."""

from __future__ import annotations

import io
import json
import tracemalloc

import numpy as np
import pytest

from rnn_tui.engine import weights
from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.engine.models import load_model, load_translation
from rnn_tui.engine.rnn import Model, Params, logits, softmax
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import Sampling, run, run_seq2seq
from rnn_tui.report import trace_json, write_trace_json
from rnn_tui.ui.session import Session

MiB = 2**20


def big_vocabulary_model(words: int, hidden: int, seed: int = 0) -> Model:
    vocab = Vocabulary(tuple(f"w{i}" for i in range(words)) + ("<unk>",))
    labels = vocab.tokens + ("<eos>",)
    return Model(Params.init(vocab.size, hidden, len(labels), seed=seed), vocab, labels, name="big",
                 trained_for="many-to-many")


def test_every_step_of_a_long_trace_shows_the_output_layers_own_numbers():
    model = big_vocabulary_model(2_000, 16)
    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in rng.integers(0, 2_000, size=300)]
    trace = run(model, words, topology_by_name("many-to-many"))
    p = model.params
    # Jump about as a user would: forward, back, to the end, to the start, across blocks of steps.
    order = [0, 1, 2, 1, 299, 298, 0, 200, 131, 130, 262, 263, *rng.integers(0, 300, size=20)]
    for i in order:
        s = trace.steps[i]
        direct = p.W_out @ s.h + p.b_out
        np.testing.assert_allclose(s.logits, direct, rtol=1e-12, atol=1e-14, err_msg=f"step {i + 1}")
        np.testing.assert_allclose(s.y, softmax(direct), rtol=1e-12, atol=1e-300, err_msg=f"step {i + 1}")
        assert s.predicted == int(np.argmax(softmax(direct)))
        assert s.confidence == s.y[s.predicted]
        assert s.chosen == s.predicted
    assert trace.outputs == [model.labels[int(np.argmax(logits(p, s.h)))] for s in trace.steps]


def test_a_long_trace_over_a_large_vocabulary_stays_small_while_stepping_through_it():
    # Through the app's own path: a corpus with 5,000 distinct words and its untrained model.
    words = [f"w{i}" for i in range(5_000)]
    corpus = Corpus(tuple(Sentence(" ".join(words[k:k + 625])) for k in range(0, 5_000, 625)), source="test")
    session = Session(corpus=corpus)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        trace = session.trace()
        made, _ = tracemalloc.get_traced_memory()
        shown = [float(s.y[s.predicted]) for s in trace.steps]  # every step, as a user stepping through reads it
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(trace) == 625 and len(trace.model.labels) == 5_002
    assert all(0 < p <= 1 for p in shown)
    # Every step's outputs kept would be 625 x 5,002 x 2 floats: 48 MiB.
    assert (made - before) / MiB < 16, f"{(made - before) / MiB:.1f} MiB held by a 625-word trace"
    assert (after - before) / MiB < 16, f"{(after - before) / MiB:.1f} MiB held after stepping through it"


def test_a_large_vocabulary_model_traces_a_3000_word_text(cli, tmp_path):
    # Issue 16 was a V=200,000 model (benchmarks/bench_memory.py runs it); 50,000 is as refused before and quicker.
    path = weights.save(big_vocabulary_model(49_999, 2), tmp_path / "v50k.npz")
    rng = np.random.default_rng(0)
    text = " ".join(f"w{i}" for i in rng.integers(0, 49_999, size=3_000))
    code, out, err = cli("trace", "--weights", str(path), "--text", text, "--topology", "many-to-one",
                         "--format", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert len(shown["steps"]) == 3_000 and shown["steps"][-1]["y"] is not None
    assert len(shown["steps"][-1]["y"]) == 50_001
    assert sum(shown["steps"][-1]["y"]) == pytest.approx(1.0)
    assert shown["output"] == shown["labels"][int(np.argmax(shown["steps"][-1]["y"]))]


@pytest.mark.parametrize("case", ["many-to-many", "one-to-many sampled", "many-to-one", "translation"])
def test_trace_json_written_a_step_at_a_time_is_the_same_text(case):
    words = ["hi", "my", "name", "is", "barry"]
    if case == "translation":
        trace = run_seq2seq(load_translation(), ["i", "love", "ai"])
    elif case == "many-to-one":
        trace = run(load_model("lecture-labels"), words, topology_by_name("many-to-one"))
    else:
        sampling = Sampling(temperature=1.0, seed=3) if "sampled" in case else Sampling()
        top = case.split()[0]
        trace = run(load_model("lecture-next-word"), words, topology_by_name(top), gen_steps=6, sampling=sampling)
    out = io.StringIO()
    write_trace_json(trace, out)
    assert out.getvalue() == json.dumps(trace_json(trace), indent=1, allow_nan=False) + "\n"


def test_a_generating_topology_feeds_back_the_word_it_shows():
    model = load_model("lecture-next-word")
    for sampling in (Sampling(), Sampling(temperature=2.0, seed=5)):
        trace = run(model, ["hi"], topology_by_name("one-to-many"), gen_steps=8, sampling=sampling)
        for s, after in zip(trace.steps, trace.steps[1:], strict=False):
            assert s.chosen is not None and after.typed == model.labels[s.chosen]
            np.testing.assert_array_equal(s.y, softmax(logits(model.params, s.h)))  # the numbers it picked from
        if sampling.temperature is None:
            assert all(s.chosen == s.predicted for s in trace.steps)
