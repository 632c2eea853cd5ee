"""Lecture mode at class scale, on this machine: `rnn-tui present` in a pseudo-terminal (80x24),
its step latency (the right arrow written, to the last byte of its repaint) measured alone, then
with 200 light followers connected (processes that only receive, all in one other process), then
with 20 real `rnn-tui follow` apps, each in its own pseudo-terminal: all in the same run, against
the presenter alone. Printed:

  presenter step latency   median and 95th percentile, alone / with 200 light / with 20 real
  message arrival          per light follower and step: the key written to the position's
                           arrival (so it includes the presenter's own step), median, p95, worst
  follower shows the step  per real follower and step: the key written to the presenter, to the
                           last byte of the follower's repaint that shows the new t (its status
                           line), median, p95, worst
  a held key               bursts of presses 30 ms apart (an arrow held down), to t=5 and back to
                           t=1: per real follower and burst, the last press to the last byte of the
                           repaint that shows where the burst ended, and the CPU a follower spent
                           per press (a follower applies the newest of the positions that queued)
  memory                   the presenter's RSS growth per light follower; a real follower's peak RSS

and the issue's targets: at most 1.2x the presenter's latency alone with 200 followers, every
message within 50 ms, every real follower within 150 ms. Asserts nothing. Loopback only.

    python benchmarks/bench_lecture.py [--light 200] [--real 20] [--presses 30] [--bursts 6]
"""

from __future__ import annotations

import argparse
import json
import os
import select
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_terminal import BACK, STEP, Terminal  # beside this script

from machine import cores, cpu_model

ROOT = Path(__file__).resolve().parents[1]
QUIET = 0.1

LIGHT = r'''
import asyncio, json, sys, time

async def read(reader, arrivals, ready):
    while True:
        line = await reader.readline()
        if not line:
            return
        now = time.monotonic()
        if line.startswith(b'{"v":1,"t":"position","seq":'):
            arrivals.append((int(line[28:].split(b",", 1)[0]), now))
            if not ready.done():
                ready.set_result(None)

async def main():
    n, port = int(sys.argv[1]), int(sys.argv[2])
    links = [await asyncio.open_connection("127.0.0.1", port, limit=1 << 24) for _ in range(n)]
    arrivals = [[] for _ in range(n)]
    ready = [asyncio.get_running_loop().create_future() for _ in range(n)]
    tasks = [asyncio.create_task(read(r, a, f)) for (r, _), a, f in zip(links, arrivals, ready)]
    await asyncio.gather(*ready)   # every one accepted and sent the presenter's place: then the presses
    print("connected", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    for _, w in links:
        w.close()
    print(json.dumps(arrivals), flush=True)

asyncio.run(main())
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "COLORTERM", "NO_COLOR") and not k.startswith("TEXTUAL")}
    env["TERM"] = "xterm-256color"
    env["PYTHONPATH"] = str(ROOT)
    return env


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def keys(presses: int) -> list[tuple[bytes, int]]:
    """Right and left so the cursor walks t=1..5 and back: (key, the t it shows after)."""
    out, t = [], 1
    for _ in range(presses):
        key = STEP if t < 5 and (not out or out[-1][0] == STEP or t == 1) else BACK
        t += 1 if key == STEP else -1
        out.append((key, t))
    return out


HOME = b"\x1b[H"


def to_first_step(presenter: Terminal, followers: list[Terminal]) -> None:
    """Each phase's presses start from t=1: `keys()` counts from there."""
    presenter.press(HOME)
    presenter.read_for(0.3)
    for f in followers:
        f.read_for(0.05)


def step_presenter(presenter: Terminal, key: bytes, followers: list[Terminal], t: int,
                   ) -> tuple[float, float, list[float]]:
    """One press: (presenter latency s, the press's time.monotonic(), each follower's latency s)."""
    since = [len(f.output) for f in followers]
    marker = f"t={t}/5".encode()
    p_since = len(presenter.output)
    start, start_mono = time.perf_counter(), time.monotonic()
    presenter.press(key)
    shown: dict[int, float] = {}
    deadline = start + 5
    terms = [presenter, *followers]
    quiet_since = time.perf_counter()
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([x.fd for x in terms if not x.closed], [], [], 0.02)
        for x in terms:
            if x.fd in ready:
                x._read_once(0)
        now = time.perf_counter()
        for i, f in enumerate(followers):
            if i not in shown and marker in f.output[since[i]:]:
                shown[i] = 0.0
        if ready:
            quiet_since = now
        done = len(shown) == len(followers) and len(presenter.output) > p_since
        if done and now - quiet_since > QUIET:
            break
    lats = [f.last_byte_at - start for i, f in enumerate(followers) if i in shown]
    missing = len(followers) - len(shown)
    return presenter.last_byte_at - start, start_mono, lats + [float("inf")] * missing


def held_key(presenter: Terminal, followers: list[Terminal], bursts: int, gap: float = 0.03,
             ) -> tuple[list[float], float]:
    """Bursts of four presses `gap` s apart, t=1 to 5, then 5 to 1, ...: each follower's latency from
    the last press to the last byte of its repaint that shows where the burst ended, and the
    followers' median CPU per press."""
    lats: list[float] = []
    to_first_step(presenter, followers)
    presenter.read_for(1.0)
    cpu_before = [f.cpu_seconds() for f in followers]
    for b in range(bursts):
        key, t = (STEP, 5) if b % 2 == 0 else (BACK, 1)
        since = [len(f.output) for f in followers]
        marker = f"t={t}/5".encode()
        for i in range(4):
            if i:
                end = time.perf_counter() + gap
                while (left := end - time.perf_counter()) > 0:
                    ready, _, _ = select.select([x.fd for x in (presenter, *followers)], [], [], left)
                    for x in (presenter, *followers):
                        if x.fd in ready:
                            x._read_once(0)
            start = time.perf_counter()
            presenter.press(key)
        shown: set[int] = set()
        quiet_since, deadline = time.perf_counter(), start + 5
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([x.fd for x in (presenter, *followers)], [], [], 0.02)
            for x in (presenter, *followers):
                if x.fd in ready:
                    x._read_once(0)
            now = time.perf_counter()
            shown |= {i for i, f in enumerate(followers) if i not in shown and marker in f.output[since[i]:]}
            if ready:
                quiet_since = now
            if len(shown) == len(followers) and now - quiet_since > QUIET:
                break
        lats += [f.last_byte_at - start if i in shown else float("inf") for i, f in enumerate(followers)]
    cpu = [(f.cpu_seconds() - c) / (4 * bursts) for f, c in zip(followers, cpu_before, strict=True)]
    return lats, statistics.median(cpu) if cpu else float("nan")


def summary(values: list[float]) -> str:
    if not values:
        return "-"
    lost = sum(1 for v in values if v == float("inf"))
    ms = sorted(v * 1000 for v in values if v != float("inf"))
    if not ms:
        return f"none arrived (n={len(values)})"
    if lost:
        return f"{lost} of {len(values)} never arrived; of the rest: " + summary([v / 1000 for v in ms])
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, worst {ms[-1]:.1f} ms (n={len(ms)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--light", type=int, default=200)
    parser.add_argument("--real", type=int, default=20)
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=6, help="bursts of a held key, with the real followers")
    args = parser.parse_args()
    env = environment()
    port = free_port()
    print(f"{cpu_model()}, {cores()} cores, Python {sys.version.split()[0]}; load {os.getloadavg()[0]:.2f}")
    app = [sys.executable, "-m", "rnn_tui"]
    presenter = Terminal([*app, "present", "--port", str(port)], 80, 24, env, sync=True)
    presenter.settle(0, marker=b"reads", quiet=0.3)
    presses = keys(args.presses)

    # 1. alone
    to_first_step(presenter, [])
    alone = [step_presenter(presenter, k, [], t)[0] for k, t in presses]
    rss_before = rss_mb(presenter.pid)

    # 2. with light followers
    light = subprocess.Popen([sys.executable, "-c", LIGHT, str(args.light), str(port)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert light.stdout is not None and light.stdin is not None
    assert light.stdout.readline().strip() == "connected"
    to_first_step(presenter, [])
    presenter.read_for(1.0)
    rss_with = rss_mb(presenter.pid)
    results = [step_presenter(presenter, k, [], t) for k, t in presses]
    with_light = [r[0] for r in results]
    light.stdin.write("\n")
    light.stdin.flush()
    arrivals = json.loads(light.stdout.readline())
    light.wait()
    arrival_lat: list[float] = []
    for client in arrivals:
        by_seq = dict(client)
        before = [seq for seq, at in client if at < results[0][1]]
        first = max(before)   # the last position it got before the first press
        for i, (_, press_mono, _) in enumerate(results):
            got = by_seq.get(first + 1 + i)
            arrival_lat.append(got - press_mono if got is not None else float("inf"))

    # 3. with real followers
    real = [Terminal([*app, "follow", str(port)], 80, 24, env, sync=True) for _ in range(args.real)]
    for f in real:
        f.settle(0, marker=b"following", quiet=0.2, limit=60)
    to_first_step(presenter, real)
    presenter.read_for(1.0)
    cpu_before = [f.cpu_seconds() for f in real] + [presenter.cpu_seconds()]
    real_results = [step_presenter(presenter, k, real, t) for k, t in presses]
    cpu_after = [f.cpu_seconds() for f in real] + [presenter.cpu_seconds()]
    per_step_cpu = [(b - a) / len(presses) for a, b in zip(cpu_before, cpu_after, strict=True)]
    with_real = [r[0] for r in real_results]
    shown = [lat for r in real_results for lat in r[2]]
    held, held_cpu = held_key(presenter, real, args.bursts) if real and args.bursts else ([], float("nan"))
    follower_mb = statistics.median(rss_mb(f.pid, "VmHWM") for f in real) if real else float("nan")
    for f in real:
        f.quit()
    presenter.quit()

    m_alone, m_light, m_real = (statistics.median(x) for x in (alone, with_light, with_real))
    print(f"presenter step, alone:              {summary(alone)}")
    print(f"presenter step, {args.light} light followers: {summary(with_light)}  ({m_light / m_alone:.2f}x alone)")
    print(f"presenter step, {args.real} real followers:  {summary(with_real)}  ({m_real / m_alone:.2f}x alone)")
    print(f"message arrival at {args.light} light followers: {summary(arrival_lat)}")
    print(f"each of {args.real} real followers shows the step: {summary(shown)}")
    follower_cpu = statistics.median(per_step_cpu[:-1]) * 1000 if real else float("nan")
    floor = (sum(per_step_cpu) * 1000) / (os.cpu_count() or 1)
    presenter_cpu = per_step_cpu[-1] * 1000
    print(f"CPU per step: a real follower {follower_cpu:.1f} ms (median), the presenter {presenter_cpu:.1f} ms; "
          f"all {args.real + 1} apps together need at least {floor:.0f} ms of wall time a step on "
          f"{os.cpu_count()} cores, before any other work on the machine")
    if held:
        print(f"a held key (4 presses 30 ms apart) shown by each of {args.real} real followers, from the last "
              f"press: {summary(held)}; a follower's CPU per press {held_cpu * 1000:.1f} ms")
    print(f"memory: presenter RSS {rss_before:.1f} -> {rss_with:.1f} MB with {args.light} followers "
          f"({(rss_with - rss_before) * 1024 / args.light:.1f} KB each); a real follower's peak RSS "
          f"{follower_mb:.0f} MB")
    worst_arrival = max(arrival_lat) * 1000
    worst_shown = max(shown, default=0) * 1000
    print("targets: 200 followers cost at most 1.2x: "
          f"{'met' if m_light / m_alone <= 1.2 else 'MISSED'} ({m_light / m_alone:.2f}x); "
          f"every message within 50 ms: {'met' if worst_arrival <= 50 else 'MISSED'} (worst {worst_arrival:.1f} ms); "
          f"every real follower within 150 ms: {'met' if worst_shown <= 150 else 'MISSED'} "
          f"(worst {worst_shown:.1f} ms)")
    print(f"load at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
