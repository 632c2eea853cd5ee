"""What a trace holds in memory, and what a long sentence over a large vocabulary costs at
start-up (issues 15 and 16). Each figure is printed beside its goal; it asserts nothing.

Each measurement runs in a fresh interpreter. With --before PATH (a checkout of an older
commit, e.g. `git worktree add /tmp/base main~3`) every case runs with that checkout as well,
interleaved with this one in the same run, so the machine's other work weighs on both alike.

  trace        a many-to-many trace of a 5-word and a 1,000-word sentence at V=5,000, H=256 and
               H=1024 (Elman), and at H=1024 for a GRU and an LSTM: Python's traced allocations the
               trace holds (tracemalloc, after it is made), their peak while it is made, and the
               seconds it takes (without tracemalloc)
  stepping     the same 1,000-word trace, every step's probabilities read as a user stepping
               through all of them would: what is held afterwards must not grow with the steps
  start-up     `rnn-tui` in a pseudo-terminal (benchmarks/bench_terminal.py's terminal) with
               H=1024, V=5,000 weights, opening on a 5-word and on a 1,000-word sentence: launch
               to the first complete screen, and the process's peak memory (VmHWM)
  issue 16     `rnn-tui trace` of a 3,000-word --text with a V=200,000 model (exit code, the last
               line of stderr, peak memory); and the app opening on a corpus at every stated limit
               (100,000 distinct words, about 20 MB, 10,000-character lines) with its untrained
               model: its start-up and peak memory

    python benchmarks/bench_memory.py [--before PATH] [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_terminal import QUIET, Terminal  # benchmarks/bench_terminal.py, beside this script

from machine import cores, cpu_model

ROOT = Path(__file__).resolve().parents[1]
MiB = 2**20
MARKER = b"t=1: reads"   # the Unroll scene's first caption: the first screen is complete


# ---- the data -------------------------------------------------------------------------------


def make_files(folder: Path, quick: bool) -> dict[str, Path]:
    """Corpora and weights for every case, written once with this checkout's engine."""
    sys.path.insert(0, str(ROOT))
    import numpy as np

    from rnn_tui.engine import weights
    from rnn_tui.engine.corpus import load_corpus
    from rnn_tui.engine.rnn import Model, Params
    from rnn_tui.engine.text import Vocabulary

    rng = np.random.default_rng(0)
    files: dict[str, Path] = {}
    words = [f"w{i}" for i in range(4_999)]  # V = 5,000 with <unk>
    long = " ".join(rng.choice(words, size=1_000))
    corpus = folder / "v5000.txt"
    every = "\n".join(" ".join(words[i:i + 1000]) for i in range(0, len(words), 1000))  # lines under 10,000 chars
    corpus.write_text(" ".join(words[:5]) + "\n" + long + "\n" + every + "\n", encoding="utf-8")
    files["v5000 corpus"] = corpus
    vocab = load_corpus(corpus).vocab
    labels = vocab.tokens + ("<eos>",)
    for hidden in (256, 1024):
        model = Model(Params.init(vocab.size, hidden, len(labels), seed=0), vocab, labels,
                      name=f"benchmark H={hidden}", trained_for="many-to-many")
        files[f"H={hidden}"] = weights.save(model, folder / f"h{hidden}.npz", overwrite=True)
    files["long text"] = folder / "long.txt"
    files["long text"].write_text(long, encoding="utf-8")

    # Issue 16: a V=200,000 model (H=16) and a 3,000-word --text over it.
    big_words = [f"x{i}" for i in range(199_999)]
    vocab = Vocabulary((*big_words, "<unk>"))  # a weights file may hold more words than a corpus may
    labels = vocab.tokens + ("<eos>",)
    model = Model(Params.init(vocab.size, 16, len(labels), seed=0), vocab, labels, name="V=200,000",
                  trained_for="many-to-many")
    files["V=200k"] = weights.save(model, folder / "v200k.npz", overwrite=True)
    files["text 3000"] = folder / "text3000.txt"
    files["text 3000"].write_text(" ".join(rng.choice(big_words, size=3_000)), encoding="utf-8")

    # Issue 16: a corpus at every stated limit: 100,000 distinct words, lines of 10,000 characters, ~20 MB.
    limit = folder / "limits.txt"
    distinct = [f"d{i:05d}" for i in range(100_000 if not quick else 20_000)]
    lines, size = [], 0
    budget = (20 * MiB - 12_000) if not quick else 2 * MiB  # the last line may pass it by 10,000
    i = 0
    while size < budget:
        line = " ".join(distinct[(i + k) % len(distinct)] for k in range(1_400))[:9_999]
        i += 1_400
        lines.append(line)
        size += len(line) + 1
    limit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    files["limits corpus"] = limit
    return files


# ---- the measurements, each in a fresh interpreter ------------------------------------------

def worker(case: str, files: dict[str, str]) -> dict[str, float]:
    """One measurement in this interpreter (run with the checkout under test first on sys.path)."""
    import tracemalloc

    import numpy as np

    from rnn_tui.engine import run, tokenize, topology_by_name
    from rnn_tui.engine.models import load_model

    hidden, words_kind, *cell = case.split(":")[1:]   # memory:1024:1000 or memory:1024:1000:gru
    model = load_model(files[f"H={hidden}"])
    if cell:  # a GRU or an LSTM of the same size, made here: an LSTM's weights at V=5,000 pass a file's 200 MB
        from rnn_tui.engine.rnn import Model, Params
        p = Params.init(model.vocab.size, int(hidden), len(model.labels), seed=0, cell=cell[0])
        model = Model(p, model.vocab, model.labels, name=f"benchmark {cell[0]}", trained_for="many-to-many")
    text = Path(files["long text"]).read_text(encoding="utf-8") if words_kind == "1000" else "w0 w1 w2 w3 w4"
    words = tokenize(text)
    top = topology_by_name("many-to-many")
    # A trace computes its steps when first read (engine/records.py): reading the last computes them all,
    # what the whole trace holds and takes (an older checkout's trace has them all already).
    if case.startswith("time"):
        t0 = time.perf_counter()
        _ = run(model, words, top).steps[-1].h
        return {"seconds": time.perf_counter() - t0}
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    trace = run(model, words, top)
    _ = trace.steps[-1].h
    held, peak = tracemalloc.get_traced_memory()
    out: dict[str, float] = {"held": held - before, "peak": peak - before}
    if case.startswith("stepping"):
        total = 0.0
        for s in trace.steps:  # as a user stepping through every word reads each step's output
            if s.y is not None:
                total += float(np.max(s.y))
        held, _ = tracemalloc.get_traced_memory()
        out["held after stepping"] = held - before
        out["check"] = total
    tracemalloc.stop()
    return out


def in_fresh_interpreter(root: Path, case: str, files: dict[str, Path]) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(root), str(Path(__file__).parent)]))
    code = ("import json, sys, bench_memory; "
            "print(json.dumps(bench_memory.worker(sys.argv[1], json.loads(sys.argv[2]))))")
    done = subprocess.run([sys.executable, "-c", code, case, json.dumps({k: str(v) for k, v in files.items()})],
                          env=env, capture_output=True, text=True, timeout=600, cwd=str(root))
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def app_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "COLORTERM", "NO_COLOR") and not k.startswith("TEXTUAL")}
    env["TERM"] = "xterm-256color"
    env["PYTHONPATH"] = str(root)
    return env


def start_up(root: Path, args: list[str], limit: float = 120.0) -> dict[str, Any]:
    """Launch to the first complete screen, and peak memory, of the app in a pseudo-terminal."""
    # `python -m` puts the working directory first on sys.path: the app starts in the checkout under
    # test (the terminal's child changes to `cwd`, by default this script's checkout, even for --before)
    term = Terminal([sys.executable, "-m", "rnn_tui", *args], 80, 24, app_env(root), sync=True, cwd=root)
    try:
        ok = term.settle(0, marker=MARKER, limit=limit)
        seconds = term.last_byte_at - term.started_at if ok else float("nan")
        peak = term.peak_memory_mb()
        said = bytes(term.output[-300:]).decode("utf-8", "replace").strip().splitlines()
        return {"seconds": seconds, "peak MiB": peak, "ok": float(ok), "said": "" if ok or not said else said[-1]}
    finally:
        term.quit()


def trace_cli(root: Path, files: dict[str, Path]) -> dict[str, Any]:
    """`rnn-tui trace` of a 3,000-word --text over a V=200,000 model, its output thrown away."""
    text = files["text 3000"].read_text(encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    code = ("import resource, sys; from rnn_tui.cli import main; rc = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, "trace", "--weights", str(files["V=200k"]), "--text", text,
                           "--format", "table"], env=app_env(root), capture_output=True, text=True, timeout=900,
                          cwd=str(root))
    lines = done.stderr.strip().splitlines()
    peak = float(lines[-1]) / 1024 if lines and lines[-1].isdigit() else float("nan")
    said = next((ln for ln in reversed(lines[:-1]) if ln.strip()), "") if lines else ""
    del before
    return {"exit": done.returncode, "traceback": "Traceback" in done.stderr, "said": said[:100],
            "peak MiB": peak, "seconds": time.perf_counter() - t0, "rows": done.stdout.count("\n")}


# ---- printing -------------------------------------------------------------------------------

def median(values: list[float]) -> float:
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, default=None, help="an older checkout, measured beside this one")
    parser.add_argument("--runs", type=int, default=3, help="launches per start-up case (default 3)")
    parser.add_argument("--quick", action="store_true", help="1 run, a 2 MB limits corpus: a smoke test")
    parser.add_argument("--only", choices=["trace", "start-up", "issue16"], default=None, help="one part alone")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    runs = 1 if args.quick else args.runs
    roots = {"this": ROOT} | ({"before": args.before.resolve()} if args.before else {})
    print(f"machine: {cpu_model()}, {cores()} cores, load {os.getloadavg()[0]:.2f}; checkouts: "
          + ", ".join(f"{k} = {v}" for k, v in roots.items()))

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        files = make_files(Path(tmp), args.quick)
        want = {args.only} if args.only else {"trace", "start-up", "issue16"}
        if "trace" in want:
            trace_part(roots, files, runs)
        if "start-up" in want:
            start_up_part(roots, files, runs)
        if "issue16" in want:
            issue16_part(roots, files)
    print(f"\nload {os.getloadavg()[0]:.2f} at the end; {QUIET * 1000:.0f} ms of quiet ends a screen")
    return 0


def trace_part(roots: dict[str, Path], files: dict[str, Path], runs: int) -> None:
    print()
    print("trace, many-to-many, V=5,000 (MiB held by the trace / peak while made; seconds to make it)")
    print("goal: a 1,000-word trace holds at most 30 MiB (issue 15)")
    for hidden, cell in ((256, "elman"), (1024, "elman"), (1024, "gru"), (1024, "lstm")):
        for n in ("5", "1000"):
            for name, root in roots.items():
                case = f"{hidden}:{n}" + ("" if cell == "elman" else f":{cell}")
                m = in_fresh_interpreter(root, f"memory:{case}", files)
                times = [in_fresh_interpreter(root, f"time:{case}", files).get("seconds", float("nan"))
                         for _ in range(runs)]
                label = f"{cell:<5} H={hidden:<5} {n:>5} words  {name:<7}"
                if "error" in m:
                    print(f"  {label} error: {m['error']}")
                    continue
                verdict = "" if n == "5" else ("  met" if m["held"] / MiB <= 30 else "  MISSED")
                print(f"  {label} {m['held'] / MiB:8.2f} / {m['peak'] / MiB:8.2f} MiB  {median(times):6.3f} s{verdict}")
    print()
    print("stepping through all 1,000 steps of the H=256 trace, reading each step's probabilities")
    print("goal: what is held stays bounded: at most 30 MiB, and no more than after making it plus the few blocks "
      "of steps kept (8 MiB)")
    for name, root in roots.items():
        m = in_fresh_interpreter(root, "stepping:256:1000", files)
        if "error" in m:
            print(f"  {name:<7} error: {m['error']}")
            continue
        grew, after = (m["held after stepping"] - m["held"]) / MiB, m["held after stepping"] / MiB
        print(f"  {name:<7} held {m['held'] / MiB:8.2f} MiB after making it, {m['held after stepping'] / MiB:8.2f}"
              f" MiB after stepping (+{grew:.2f}){'  met' if grew <= 8.5 and after <= 30 else '  MISSED'}")


def start_up_part(roots: dict[str, Path], files: dict[str, Path], runs: int) -> None:
    print()
    print(f"start-up of rnn-tui at 80x24, H=1024, V=5,000 weights (median of {runs}; peak = VmHWM)")
    print("goal: a 1,000-word sentence opens within 1.5x of a 5-word one (issue 15)")
    base = ["--corpus", str(files["v5000 corpus"]), "--weights", str(files["H=1024"])]
    results: dict[tuple[str, str], list[dict[str, Any]]] = {(n, s): [] for n in roots for s in ("1", "2")}
    for _ in range(runs):
        for name, root in roots.items():  # interleaved: checkouts and sentences take turns
            for sentence in ("1", "2"):
                results[name, sentence].append(start_up(root, [*base, "--sentence", sentence]))
    for name in roots:
        short = median([r["seconds"] for r in results[name, "1"]])
        long = median([r["seconds"] for r in results[name, "2"]])
        ratio = long / short
        print(f"  {name:<7} 5 words {short:6.2f} s ({median([r['peak MiB'] for r in results[name, '1']]):6.0f} MiB), "
              f"1,000 words {long:6.2f} s ({median([r['peak MiB'] for r in results[name, '2']]):6.0f} MiB): "
              f"{ratio:.2f}x{'  met' if ratio <= 1.5 else '  MISSED'}")


def issue16_part(roots: dict[str, Path], files: dict[str, Path]) -> None:
    print()
    print("issue 16: `rnn-tui trace --format table` of a 3,000-word --text over a V=200,000 model")
    print("goal: no traceback; memory proportional to what is shown")
    for name, root in roots.items():
        r = trace_cli(root, files)
        print(f"  {name:<7} exit {r['exit']}, traceback: {'yes' if r['traceback'] else 'no'}, "
              f"peak {r['peak MiB']:.0f} MiB, {r['seconds']:.1f} s, {r['rows']} lines out"
              + (f"; said: {r['said']}" if r["exit"] else ""))
    size = files["limits corpus"].stat().st_size
    print(f"issue 16: rnn-tui opening on a corpus at the limits ({size / MiB:.1f} MiB), untrained weights")
    for name, root in roots.items():
        r = start_up(root, ["--corpus", str(files["limits corpus"])], limit=300)
        print(f"  {name:<7} start-up {r['seconds']:.2f} s, peak {r['peak MiB']:.0f} MiB"
              + ("" if r["ok"] else f"  (no first screen within 300 s: {r['said'][:80]})"))


if __name__ == "__main__":
    raise SystemExit(main())
