"""`rnn-tui notes [HOST:]PORT`: the presenter's notes for the scene and step on the projector,
the next scene's name, the scene counter and the time since the start, in a second terminal.
The notes travel from the presenter (its `--notes` file, or the shipped ones), to this terminal
only: it sends the presenter's token (`--token`, or on the presenter's machine its token file)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.filter import LineFilter
from textual.widgets import Static

from rnn_tui.engine.errors import InputError
from rnn_tui.lecture.notes import Notes, read_notes_bytes, shown_step
from rnn_tui.lecture.protocol import Asset, NotesLogin, Position
from rnn_tui.lecture.token import read_token
from rnn_tui.lecture.wire import Follow
from rnn_tui.serve import is_loopback
from rnn_tui.ui.app import CONTROL_FILTER
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.scenes import NAMES, TITLES


def clock(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def heading(position: Position, elapsed: float) -> str:
    """"6/10 Unroll · step 3 · next: Topologies · 12:04"."""
    i = NAMES.index(position.scene)
    step = shown_step(position.scene, position.step)
    after = f"next: {TITLES[NAMES[i + 1]]}" if i + 1 < len(NAMES) else "the last scene"
    return f"{i + 1}/{len(NAMES)} {TITLES[position.scene]} · step {step} · {after} · {clock(elapsed)} since the start"


class NotesApp(App[None]):
    TITLE = "rnn-tui notes"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q,ctrl+c", "quit", "Quit", priority=True)]
    DEFAULT_CSS = """
    #notes-head { height: auto; background: $accent-muted; text-style: bold; padding: 0 1; }
    #notes-body { padding: 1 2; }
    #notes-foot { dock: bottom; height: 1; color: $text-muted; padding: 0 1; }
    """

    def get_line_filters(self) -> Sequence[LineFilter]:
        """As in RnnApp: notes come over the network; no control character reaches the terminal."""
        return [*super().get_line_filters(), CONTROL_FILTER]

    def __init__(self, host: str, port: int, theme: str = "textual-dark", token: str | None = None) -> None:
        super().__init__()
        self.theme = theme
        self.host, self.port, self.token = host, port, token
        self.link = Follow(host, port, self.take, self.link_changed, hello=self.login)
        self.notes: Notes | None = None
        self.notes_sha = ""
        self.tokenless = False   # connected without a token to send
        try:
            self.local = is_loopback(host)   # a token file is for a presenter on this machine only
        except InputError:
            self.local = False
        self.position: Position | None = None
        self.clock_zero: float | None = None   # time.monotonic() at the presenter's start
        self.status = "unreachable"
        self.problem = ""

    def compose(self) -> ComposeResult:
        yield Static(id="notes-head")
        with VerticalScroll():
            yield Static(id="notes-body")
        yield Static(id="notes-foot")

    def on_mount(self) -> None:
        self.run_worker(self.link.run(), name="follow", exit_on_error=False)
        self.set_interval(1, self.draw)
        self.draw()

    def login(self) -> NotesLogin | None:
        """The token, read again at each connection: a presenter started (again) since has a new one.
        The token file is read only for a presenter on this machine: it is never sent elsewhere."""
        token = self.token
        if token is None and self.local:
            token = read_token(self.port)
        self.tokenless = token is None
        return None if token is None else NotesLogin(token)

    def link_changed(self, status: str) -> None:
        self.status = status
        self.draw()

    def take(self, message: Position | Asset) -> None:
        if isinstance(message, Asset):
            if message.kind == "notes" and message.sha256 != self.notes_sha:
                try:
                    self.notes, self.notes_sha = read_notes_bytes(message.data, message.name), message.sha256
                    self.problem = ""
                except InputError as error:
                    self.problem = f"the presenter's notes could not be read: {error}"
            return
        self.position = message
        self.clock_zero = time.monotonic() - message.elapsed
        self.draw()

    def draw(self) -> None:
        head, body = self.query_one("#notes-head", Static), self.query_one("#notes-body", Static)
        where = f"{self.host}:{self.port}"
        foot = {"connected": f"presenter at {where}",
                "unreachable": f"no presenter at {where} yet; trying every second",
                "lost": f"the presenter at {where} has gone; waiting for it",
                "refused": f"the presenter at {where} refused the notes token; trying again"}[self.status]
        if self.status == "connected" and self.tokenless:
            foot += " · no notes token: pass --token T (rnn-tui present printed it)"
        self.query_one("#notes-foot", Static).update(user_text(foot + (f" · {self.problem}" if self.problem else "")))
        p = self.position
        if p is None or self.clock_zero is None:
            head.update(Text("waiting for the presenter"))
            body.update(Text(""))
            return
        head.update(user_text(heading(p, time.monotonic() - self.clock_zero)))
        notes = self.notes
        text = notes.at(p.scene, shown_step(p.scene, p.step)) if notes is not None else ""
        text = text or f"(no notes for {p.scene}, step {shown_step(p.scene, p.step)})"
        body.update(Text("\n").join(user_text(line.replace("\t", "    ")) for line in text.splitlines()))
