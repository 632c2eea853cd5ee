"""What every lesson scene's state shares: a step it walks from 0 to `last_step`, a caption a
lecturer can read aloud, and a subtitle for the title line. No Textual here."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

L = TypeVar("L", bound="Stepping")


class Stepping:
    """A mixin for a frozen dataclass with a field `step: int`."""

    step: int

    @property
    def last_step(self) -> int:
        """The largest step; 0 for a scene with nothing to step through."""
        return 0

    def advance(self: L, delta: int) -> L:
        """`delta` steps on (or back), kept within 0..last_step."""
        step = max(0, min(self.last_step, self.step + delta))
        return self if step == self.step else replace(self, step=step)  # type: ignore[type-var]

    def can_advance(self, delta: int) -> bool:
        """Whether `advance(delta)` moves: the keys that would not are disabled."""
        return self.step < self.last_step if delta > 0 else self.step > 0 if delta < 0 else False

    @property
    def caption(self) -> str:
        return ""

    @property
    def subtitle(self) -> str:
        return ""
