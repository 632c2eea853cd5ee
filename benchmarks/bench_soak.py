"""Play mode left running: 100,000 steps at top speed over a 1,000-word sentence, and the
memory it holds, sampled as it goes. It prints figures; it asserts nothing.

    python benchmarks/bench_soak.py [--steps 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import time
import tracemalloc

from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.session import Session

WORDS = "hi my name is barry i love ai".split()


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def soak(steps: int, sample_every: int) -> None:
    sentence = " ".join(WORDS[i % len(WORDS)] for i in range(1000))
    session = Session(corpus=Corpus((Sentence(sentence),), source="soak"))
    app = RnnApp(session, scene="unroll")
    async with app.run_test(size=(120, 40)) as pilot:
        scene = app.screen
        scene.action_play()  # the real timer runs too; the loop below plays faster than it can
        await pilot.pause()
        tracemalloc.start()
        t0 = time.perf_counter()
        print(f"{'steps':>8} {'seconds':>8} {'traced MB':>10} {'RSS MB':>8}")
        for i in range(1, steps + 1):
            scene.action_next_step()
            if scene.state.cursor == len(scene.state.trace) - 1:
                scene.action_first()
            if i % 50 == 0:
                await pilot.pause()  # let the screen repaint, as it would between frames
            if i % sample_every == 0:
                current, _ = tracemalloc.get_traced_memory()
                print(f"{i:>8} {time.perf_counter() - t0:>8.1f} {current / 2**20:>10.2f} {rss_mb():>8.1f}")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak traced {peak / 2**20:.2f} MB; max RSS {rss:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100_000)
    args = parser.parse_args()
    asyncio.run(soak(args.steps, max(1, args.steps // 10)))


if __name__ == "__main__":
    main()
