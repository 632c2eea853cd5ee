"""How long the engine takes: training the shipped sentiment model (the settings of
scripts/train_shipped.py), and recording one Trace at H=256 for a short and a long sentence.
Prints a small table; asserts nothing. About half a minute on a 2-core machine.

    python benchmarks/bench_training.py
"""

from __future__ import annotations

import platform
import statistics
import time

import numpy as np

from rnn_tui.engine import Model, Params, Vocabulary, topology_by_name
from rnn_tui.engine.models import sentiment_corpus
from rnn_tui.engine.trace import run
from rnn_tui.engine.train import SHIPPED_CONFIG, Config, make_task, train

from machine import cores, cpu_model  # benchmarks/machine.py, beside this script

RUNS = 3
TRACE_HIDDEN = 256
TRACE_VOCAB = 1_000
TRACE_LENGTHS = (5, 1_000)






def bench_training() -> tuple[float, int, float, float]:
    """The sentiment run of scripts/train_shipped.py, RUNS times: (median seconds, epochs,
    train accuracy, held-out accuracy). Seeded, so every run ends at the same accuracy."""
    data = sentiment_corpus()
    train_set, heldout = data.split("train"), data.split("test")
    settings = SHIPPED_CONFIG["sentiment"]
    config = Config(hidden=16, epochs=settings["epochs"], lr=settings["lr"], seed=0)
    times, last = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        trainer = train(make_task("sentiment", train_set, data.vocab, None), train_set, config, heldout=heldout)
        times.append(time.perf_counter() - start)
        last = trainer.history[-1]
    print(f"sentiment corpus: {len(train_set.sentences)} training sentences, {len(heldout.sentences)} held out, "
          f"V={data.vocab.size}, H={config.hidden}, {config.epochs} epochs, lr {config.lr:g}, {config.optimizer}")
    return statistics.median(times), config.epochs, last.accuracy, last.heldout_accuracy


def bench_trace(length: int, rng: np.random.Generator) -> tuple[float, int]:
    """Median seconds to record one many-to-many Trace of `length` random words, over enough
    repeats to fill about two seconds (at least 5)."""
    vocab = Vocabulary(tuple(f"w{i}" for i in range(TRACE_VOCAB)) + ("<unk>",))
    labels = vocab.tokens + ("<eos>",)   # a next-word model's outputs, as models.untrained makes
    model = Model(Params.init(vocab.size, TRACE_HIDDEN, len(labels), seed=0), vocab, labels)
    words = [str(w) for w in rng.choice(vocab.words, size=length)]
    top = topology_by_name("many-to-many")
    run(model, words, top)   # warm up
    start = time.perf_counter()
    run(model, words, top)
    once = time.perf_counter() - start
    repeats = max(5, min(2_000, int(2.0 / max(once, 1e-9))))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(model, words, top)
        times.append(time.perf_counter() - start)
    return statistics.median(times), repeats


def table(rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")


def main() -> None:
    print("machine")
    table([
        ("python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("numpy", np.__version__),
        ("cpu", cpu_model()),
        ("cores", cores()),
    ])
    print()

    seconds, epochs, acc, held = bench_training()
    print(f"training (median of {RUNS} runs)")
    table([
        ("wall time", f"{seconds:8.2f} s"),
        ("per epoch", f"{seconds / epochs * 1000:8.1f} ms"),
        ("train accuracy", f"{acc:8.1%}"),
        ("held-out accuracy", f"{held:8.1%}"),
    ])
    print()

    rng = np.random.default_rng(0)
    results = {n: bench_trace(n, rng) for n in TRACE_LENGTHS}
    short, long = TRACE_LENGTHS
    per_step = {n: results[n][0] / n for n in TRACE_LENGTHS}
    print(f"one Trace, many-to-many, H={TRACE_HIDDEN}, V={TRACE_VOCAB + 1}, O={TRACE_VOCAB + 2} (median)")
    print(f"  {'words':>6}  {'repeats':>7}  {'trace':>10}  {'per step':>10}")
    for n in TRACE_LENGTHS:
        t, repeats = results[n]
        print(f"  {n:>6,}  {repeats:>7}  {t * 1000:>7.2f} ms  {per_step[n] * 1e6:>7.1f} us")
    print(f"  per-step cost, {long:,} words / {short} words: {per_step[long] / per_step[short]:.2f}"
          f"  (1.00 is linear; total time ratio {results[long][0] / results[short][0]:.0f}x"
          f" for {long // short}x the words)")


if __name__ == "__main__":
    main()
