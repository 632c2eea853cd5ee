"""Write the README's screenshots: run the app headless at a fixed size, press keys, save an SVG.

    python scripts/make_screenshots.py              # every shot, into screenshots/
    python scripts/make_screenshots.py help light   # just these
    python scripts/make_screenshots.py --list

Each shot is (name, size, keys[, scene]): add a scene's shots to SHOTS and rerun.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path

# Before Textual is imported: it reads the variable once, into textual.constants.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

from rnn_tui.engine.topologies import TOPOLOGIES  # noqa: E402
from rnn_tui.ui.app import RnnApp  # noqa: E402
from rnn_tui.ui.session import Session  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SMALL, LARGE = (80, 24), (120, 40)  # an SSH terminal; a projector


@dataclass(frozen=True)
class Shot:
    name: str                 # the file is <name>.svg
    size: tuple[int, int]     # columns, rows
    keys: tuple[str, ...]     # pressed in order, as Textual names them ("right", "question_mark")
    scene: str = "unroll"


SHOTS: list[Shot] = [
    # One per topology, one step in, so h carries something from h₁.
    *(Shot(f"unroll_{top.name.replace('-', '_')}", SMALL, (top.key, "right")) for top in TOPOLOGIES),
    Shot("unroll_substep", SMALL, ("right", "down", "down", "down")),  # t=2 at "+ b": three terms of five
    Shot("unroll_folded", SMALL, ("right", "f")),
    Shot("help", SMALL, ("question_mark",)),
    Shot("light", LARGE, ("t", "right", "right")),
    Shot("unit", SMALL, ("right", "i")),
    # The lecture's scenes, in order, each at a telling step.
    Shot("scene1_sequences", SMALL, ("end",), "sequences"),
    Shot("scene2_onehot", SMALL, ("right",) * 7, "onehot"),
    Shot("scene3_flatten", SMALL, ("right", "right"), "flatten"),
    Shot("scene4_padding", SMALL, ("end",), "padding"),
    Shot("scene5_order", SMALL, ("end",), "order"),
    Shot("scene7_topologies", SMALL, ("2", "right", "right"), "topologies"),
    Shot("scene8_sentiment", SMALL, ("right",) * 4, "sentiment"),
    Shot("scene9_train", SMALL, ("space",), "train"),  # waits for the training to finish
    Shot("scene10_gradients", SMALL, ("right",) * 20, "gradients"),
    # Why gates: a run of each gated cell, and the three cells side by side at the deciding word.
    Shot("scene9_train_gru", SMALL, ("c", "space"), "train"),
    Shot("scene9_train_lstm", SMALL, ("c", "c", "space"), "train"),
    Shot("scene10_gradients_cells", SMALL, ("c", "end", "left", "left", "left"), "gradients"),
    Shot("scene10_gradients_cells_large", LARGE, ("c", "end", "left", "left", "left"), "gradients"),
]


async def take(shot: Shot, out: Path) -> Path:
    app = RnnApp(Session(), scene=shot.scene)
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause()
        await pilot.press(*shot.keys)
        await app.workers.wait_for_complete()  # training, in the train scene
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        path = app.save_screenshot(filename=f"{shot.name}.svg", path=str(out))
    return Path(path)


async def take_all(shots: list[Shot], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for shot in shots:  # one at a time: each run_test owns the (headless) terminal
        path = await take(shot, out)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  "
              f"{shot.size[0]}x{shot.size[1]}  {' '.join(shot.keys)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="shots to take (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="folder for the SVGs")
    parser.add_argument("--list", action="store_true", help="list the shots and exit")
    args = parser.parse_args(argv)
    if args.list:
        for shot in SHOTS:
            print(f"{shot.name:24} {shot.size[0]}x{shot.size[1]}  {shot.scene:8} {' '.join(shot.keys)}")
        return 0
    by_name = {shot.name: shot for shot in SHOTS}
    unknown = [n for n in args.names if n not in by_name]
    if unknown:
        print(f"make_screenshots: no shot named {', '.join(unknown)}; try --list", file=sys.stderr)
        return 2
    asyncio.run(take_all([by_name[n] for n in args.names] or SHOTS, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
