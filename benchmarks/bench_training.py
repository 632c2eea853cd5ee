"""How long the engine takes: training the shipped sentiment recipe against PyTorch doing the
same, and recording one Trace at H=256 for a short and a long sentence. Prints tables; asserts
nothing. A few minutes on a 2-core machine (--quick: one run each, H=16 and 256, Elman only).

    python benchmarks/bench_training.py [--quick] [--cells elman,gru,lstm] [--hidden 16,64,128,256]

Training, ours against PyTorch (skipped, with a line saying so, when torch is not installed):
the recipe of scripts/train_shipped.py and scripts/train_gated.py (SHIPPED_CONFIG["sentiment"]:
Adam, lr 0.003, batches of 16, gradients clipped to a norm of 5, 5% of the words read as <unk>;
the train split's vocabulary of words seen twice) for one epoch over every SHARE-th training
sentence, early stopping's evaluation of the train and val splits included, at each hidden size
and cell. Both sides start from the same weights (Params.init), take the same batches in the
same order with the same <unk> draws, and compute in float64; the table prints how far apart
their weights end, to show it is the same run. PyTorch is written as its users write a custom
RNN: W_ih x as an embedding lookup (never a one-hot product), one step of the cell's equations
per time step over the padded batch, autograd, torch.optim.Adam and clip_grad_norm_. The runs
alternate (ours, PyTorch, ours, ...) and each figure is the median; the ratio is PyTorch's time
over ours, so above 1 means ours is faster. Both run on one thread (set here before NumPy or
torch is imported).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"   # one thread for NumPy's BLAS and for torch, before either is imported

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

from rnn_tui.engine import Model, Params, Vocabulary, topology_by_name  # noqa: E402
from rnn_tui.engine.models import sentiment_corpus  # noqa: E402
from rnn_tui.engine.text import UNK  # noqa: E402
from rnn_tui.engine.trace import run  # noqa: E402
from rnn_tui.engine.train import SHIPPED_CONFIG, SHIPPED_MODEL, Config, Example, Task, Trainer, make_task  # noqa: E402

from machine import cores, cpu_model  # noqa: E402  (benchmarks/machine.py, beside this script)

RUNS = 3
HIDDEN = (16, 64, 128, 256)
CELLS = ("elman", "gru", "lstm")   # the shipped sentiment recipe is trained with each (train_gated.py)
SHARE = 4                          # train on every 4th training sentence: one epoch of 2,161
GOAL = 1.0                         # issue 15: faster than PyTorch at every H up to 256
TRACE_HIDDEN = 256
TRACE_VOCAB = 1_000
TRACE_LENGTHS = (5, 1_000)


@dataclass(frozen=True)
class Workload:
    task: Task
    train: list[Example]
    val: list[Example]
    config: dict[str, Any]   # SHIPPED_CONFIG["sentiment"] for one epoch


def workload() -> Workload:
    data = sentiment_corpus()
    train_split, val = data.split("train"), data.split("val")
    min_count = SHIPPED_MODEL["sentiment"]["min_count"]
    vocab = Vocabulary.build((s.words for s in train_split.sentences), min_count=min_count)
    task = make_task("sentiment", train_split, vocab)
    settings = {**SHIPPED_CONFIG["sentiment"], "epochs": 1}
    return Workload(task, task.examples(train_split)[::SHARE], task.examples(val), settings)


def ours(w: Workload, cell: str, hidden: int) -> tuple[float, Params]:
    """Seconds for the engine's Trainer to set up (it scores the untrained model) and run one
    epoch with its evaluation; and the weights it ends with."""
    config = Config(hidden=hidden, seed=0, cell=cell, **w.config)
    start = time.perf_counter()
    trainer = Trainer(w.task, w.train, w.val, config)
    trainer.epoch()
    return time.perf_counter() - start, trainer.params


# ---- PyTorch, the same run ---------------------------------------------------------------------

def torch_available() -> bool:
    return importlib.util.find_spec("torch") is not None


def torch_trainer(w: Workload, cell: str, hidden: int) -> Callable[[], tuple[float, dict[str, np.ndarray]]]:
    """A function that runs the same epoch in PyTorch (float64, one thread) and returns its
    seconds and final weights, named as Params names them."""
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    cfg = Config(hidden=hidden, seed=0, cell=cell, **w.config)
    H, f64 = hidden, torch.float64

    def tensors(examples: list[Example]) -> tuple[Any, Any, Any]:
        """Padded (T, B) indices, the (T, B, 1) mask of real words, each sentence's label."""
        T, B = max(len(ex.x) for ex in examples), len(examples)
        xs, mask = np.zeros((T, B), dtype=np.int64), np.zeros((T, B), dtype=bool)
        for b, ex in enumerate(examples):
            xs[:len(ex.x), b] = ex.x
            mask[:len(ex.x), b] = True
        y = [ex.targets[-1] for ex in examples]
        return torch.from_numpy(xs), torch.from_numpy(mask)[..., None], torch.tensor(y)

    def forward(P: dict[str, Any], xs: Any, mask: Any) -> Any:
        """The logits after each sentence's last word: the cell stepped over the padded batch."""
        B = xs.shape[1]
        gi = F.embedding(xs, P["W_ih"].t()) + P["b_ih"]   # W_ih x_t + b_ih for every step at once
        h = torch.zeros(B, H, dtype=f64)
        c = torch.zeros(B, H, dtype=f64)
        W_hh_t = P["W_hh"].t()
        for t in range(xs.shape[0]):
            gh = torch.addmm(P["b_hh"], h, W_hh_t)
            if cell == "elman":
                h_new = torch.tanh(gi[t] + gh)
            elif cell == "gru":
                i_r, i_z, i_n = gi[t].chunk(3, 1)
                h_r, h_z, h_n = gh.chunk(3, 1)
                r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
                n = torch.tanh(i_n + r * h_n)
                h_new = (1 - z) * n + z * h
            else:
                i, f, g, o = (gi[t] + gh).chunk(4, 1)
                c_new = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                h_new = torch.sigmoid(o) * torch.tanh(c_new)
                c = torch.where(mask[t], c_new, c)
            h = torch.where(mask[t], h_new, h)
        return F.linear(h, P["W_out"], P["b_out"])

    def evaluate(P: dict[str, Any], examples: list[Example]) -> float:
        with torch.no_grad():
            total = 0.0
            for i in range(0, len(examples), 256):
                xs, mask, y = tensors(examples[i:i + 256])
                total += float(F.cross_entropy(forward(P, xs, mask), y, reduction="sum"))
            return total / len(examples)

    init = Params.init(w.task.vocab.size, H, len(w.task.labels), seed=0, cell=cell)

    def run_once() -> tuple[float, dict[str, np.ndarray]]:
        start = time.perf_counter()
        P = {k: torch.nn.Parameter(torch.tensor(v)) for k, v in zip(init.names(), init.arrays(), strict=True)}
        opt = torch.optim.Adam(P.values(), lr=cfg.lr)
        rng = np.random.default_rng(cfg.seed)   # the Trainer's draws: the order, then each sentence's <unk>s
        unk = w.task.vocab.index(UNK)
        evaluate(P, w.train)                     # the Trainer scores the untrained model
        order = rng.permutation(len(w.train))
        for s in range(0, len(order), cfg.batch_size):
            batch = []
            for i in order[s:s + cfg.batch_size]:
                ex = w.train[i]
                hide = rng.random(len(ex.x)) < cfg.unk_rate
                batch.append(Example(tuple(unk if h else x for x, h in zip(ex.x, hide, strict=True)), ex.targets))
            xs, mask, y = tensors(batch)
            loss = F.cross_entropy(forward(P, xs, mask), y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(P.values(), cfg.clip)
            opt.step()
        evaluate(P, w.train)
        evaluate(P, w.val)
        return time.perf_counter() - start, {k: v.detach().numpy() for k, v in P.items()}

    return run_once


def bench_against_torch(cells: tuple[str, ...], hidden: tuple[int, ...], runs: int) -> None:
    w = workload()
    print(f"training against PyTorch: the shipped sentiment recipe, one epoch of {len(w.train):,} sentences "
          f"(every {SHARE}th of the train split) with the val split's {len(w.val):,} scored, V={w.task.vocab.size}, "
          f"batches of {w.config['batch_size']}, Adam lr {w.config['lr']:g}, clip {w.config['clip']:g}, "
          f"<unk> {w.config['unk_rate']:.0%}; float64, one thread; median of {runs} interleaved runs")
    if not torch_available():
        print("  skipped: PyTorch is not installed (pip install torch --index-url https://download.pytorch.org/whl/cpu)")
        return
    import torch
    print(f"  torch {torch.__version__}, threads {torch.get_num_threads()}")
    print(f"  {'cell':<6} {'H':>4}  {'ours':>8}  {'PyTorch':>8}  {'ratio':>6}  {'goal':>6}  {'met':<4}  weights apart")
    for cell in cells:
        for H in hidden:
            theirs = torch_trainer(w, cell, H)
            ours(w, cell, H), theirs()   # warm up both (imports, caches, BLAS buffers)
            mine, them = [], []
            for _ in range(runs):
                t, p = ours(w, cell, H)
                mine.append(t)
                t, q = theirs()
                them.append(t)
            apart = max(float(np.max(np.abs(getattr(p, k) - q[k]))) for k in p.names())
            ratio = statistics.median(them) / statistics.median(mine)
            print(f"  {cell:<6} {H:>4}  {statistics.median(mine):>7.2f}s  {statistics.median(them):>7.2f}s  "
                  f"{ratio:>5.2f}x  {GOAL:>5.2f}x  {'met' if ratio > GOAL else 'NOT':<4}  {apart:.0e}")


# ---- one Trace ---------------------------------------------------------------------------------

def bench_trace(length: int, rng: np.random.Generator) -> tuple[float, int]:
    """Median seconds to record one many-to-many Trace of `length` random words, every step of it
    computed, over enough repeats to fill about two seconds (at least 5)."""
    vocab = Vocabulary(tuple(f"w{i}" for i in range(TRACE_VOCAB)) + ("<unk>",))
    labels = vocab.tokens + ("<eos>",)   # a next-word model's outputs, as models.untrained makes
    model = Model(Params.init(vocab.size, TRACE_HIDDEN, len(labels), seed=0), vocab, labels)
    words = [str(w) for w in rng.choice(vocab.words, size=length)]
    top = topology_by_name("many-to-many")

    def whole() -> None:  # a trace computes its steps when first read: read the last, so all are computed
        run(model, words, top).steps[-1].cell  # noqa: B018

    whole()   # warm up
    start = time.perf_counter()
    whole()
    once = time.perf_counter() - start
    repeats = max(5, min(2_000, int(2.0 / max(once, 1e-9))))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        whole()
        times.append(time.perf_counter() - start)
    return statistics.median(times), repeats


def table(rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one run each, H=16 and 256, the Elman cell only")
    ap.add_argument("--cells", default=",".join(CELLS), help="comma-separated: elman,gru,lstm")
    ap.add_argument("--hidden", default=",".join(map(str, HIDDEN)), help="comma-separated hidden sizes")
    ap.add_argument("--no-trace", action="store_true", help="skip the Trace timing")
    args = ap.parse_args()
    cells = ("elman",) if args.quick else tuple(args.cells.split(","))
    hidden = (16, 256) if args.quick else tuple(int(h) for h in args.hidden.split(","))
    print("machine")
    table([
        ("python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("numpy", np.__version__),
        ("cpu", cpu_model()),
        ("cores", cores()),
    ])
    print()
    bench_against_torch(cells, hidden, 1 if args.quick else RUNS)
    print()
    if args.no_trace:
        return
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
