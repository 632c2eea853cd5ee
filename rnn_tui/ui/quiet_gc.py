"""Python's cyclic garbage collector, kept out of start-up and out of a step's way.

Start-up creates some hundred thousand objects that live as long as the app (modules, widgets,
styles). The collector scans them again and again as they appear: 30-50 ms of the first screen's
time went to collections that freed next to nothing. After the first frame they are frozen (moved
where the collector never looks), so a later full collection scans only what was made since:
a step's worst pauses were full collections of 65-110 ms at 120x40, and are about 10 ms frozen."""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """No collections until `resume` (the app's first frame)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what is alive now (the app's lifetime) and collect again if `pause` stopped it."""
    global _paused
    gc.freeze()
    if _paused:
        _paused = False
        gc.enable()
