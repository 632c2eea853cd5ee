"""Speaker notes: a Markdown file with a `## scene-name` heading per scene and optional
`### step N` sections under it. Text before a scene's first step section is said at every step
of that scene; a step section only at that step (Unroll's t, counted from 1 as its status line
does; another scene's step as its title line shows it).

    # Anything: a title line is allowed before the first scene
    ## unroll
    The chain of identical cells ...
    ### step 1
    h1 starts from zero ...

A file that breaks the shape is refused with one line naming the line and what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rnn_tui.engine.errors import InputError

MAX_NOTES_BYTES = 512 * 1024
SHIPPED = "default_notes.md"
_SCENE = re.compile(r"^##(?!#)\s*(.*?)\s*$")
_STEP = re.compile(r"^###(?!#)\s*(.*?)\s*$")
_STEP_NUMBER = re.compile(r"^step\s+(\d{1,7})$", re.IGNORECASE)


@dataclass(frozen=True)
class SceneNotes:
    intro: str = ""
    steps: dict[int, str] = field(default_factory=dict)

    def at(self, step: int) -> str:
        """What to say at `step`: the scene's notes, then that step's own."""
        return "\n\n".join(part for part in (self.intro, self.steps.get(step, "")) if part)


@dataclass(frozen=True)
class Notes:
    scenes: dict[str, SceneNotes]
    source: str = SHIPPED

    def at(self, scene: str, step: int) -> str:
        notes = self.scenes.get(scene)
        return notes.at(step) if notes is not None else ""


def shown_step(scene: str, step: int) -> int:
    """A position's step as the screen counts it: Unroll's t from 1, other scenes' step as it is."""
    return step + 1 if scene == "unroll" else step


def parse_notes(text: str, source: str = "notes") -> Notes:
    """Notes from Markdown text; InputError names `source:line` and what is wrong there."""
    from rnn_tui.ui.scenes import NAMES  # names only, no Textual

    scenes: dict[str, tuple[list[str], dict[int, list[str]]]] = {}
    scene: str | None = None
    step: int | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        where = f"{source}:{n}"
        if "\x00" in line or any(ord(c) < 32 and c != "\t" for c in line):
            raise InputError(f"{where}: a control character in the text; notes are plain Markdown")
        if (m := _SCENE.match(line)) is not None:
            name = m.group(1).strip().lower()
            if name not in NAMES:
                raise InputError(f"{where}: unknown scene {m.group(1)!r} in a '## scene' heading; "
                                 f"expected one of: {', '.join(NAMES)}")
            if name in scenes:
                raise InputError(f"{where}: scene {name!r} has a second '## {name}' section")
            scene, step = name, None
            scenes[name] = ([], {})
        elif (m := _STEP.match(line)) is not None:
            if scene is None:
                raise InputError(f"{where}: '### step' before any '## scene' heading")
            number = _STEP_NUMBER.match(m.group(1))
            if number is None:
                raise InputError(f"{where}: {m.group(1)!r} in a '###' heading: write '### step N' with N a whole "
                                 "number")
            step = int(number.group(1))
            if step in scenes[scene][1]:
                raise InputError(f"{where}: step {step} of {scene!r} has a second section")
            scenes[scene][1][step] = []
        elif scene is None:
            if line.strip() and not line.startswith("# "):
                raise InputError(f"{where}: text before the first '## scene' heading (only a '# title' may "
                                 "come first)")
        elif step is None:
            scenes[scene][0].append(line)
        else:
            scenes[scene][1][step].append(line)
    if not scenes:
        raise InputError(f"{source}: no '## scene' heading; notes have one per scene, such as '## unroll'")
    return Notes({name: SceneNotes(_block(intro), {k: _block(v) for k, v in steps.items()})
                  for name, (intro, steps) in scenes.items()}, source)


def _block(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def read_notes_bytes(data: bytes, source: str) -> Notes:
    if len(data) > MAX_NOTES_BYTES:
        raise InputError(f"{source}: {len(data):,} bytes; notes may be at most {MAX_NOTES_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise InputError(f"{source}:{line}: not UTF-8 text (byte 0x{data[e.start]:02x})") from None
    return parse_notes(text.removeprefix("\ufeff"), source)


def load_notes(path: str | Path | None = None) -> tuple[Notes, bytes]:
    """The notes in `path` (or the shipped ones), and the file's bytes (which travel to the notes terminal)."""
    if path is None:
        data = resources.files("rnn_tui.lecture").joinpath(SHIPPED).read_bytes()
        return read_notes_bytes(data, SHIPPED), data
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{p}: is a folder, not a notes file")
        if p.stat().st_size > MAX_NOTES_BYTES:
            raise InputError(f"{p}: {p.stat().st_size:,} bytes; notes may be at most {MAX_NOTES_BYTES:,}")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as e:
        raise InputError(f"{p}: {e.strerror or e}") from None
    return read_notes_bytes(data, str(p)), data
